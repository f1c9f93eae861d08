import { evidenceStance, loadEvidenceStanceModel } from '../learn/evidence-stance/model.ts';
import { fold, stemWord as stem, type Claim, type EvidencePassage, type Stance } from '../model/index.ts';

const STOP = new Set(`a an the and or but if of to in on at by for with from into over under about after before during
since until as is are was were be been being has have had do does did will would shall should can could may might must
not no its it this that these those their they them he she his her we our you your i which who what when where than
then there here also just only very more most such some any each every all both other another said says told according`.split(/\s+/));


/** Recently stemmed texts: a passage is set against every claim it was retrieved for. */
const stemmed = new Map<string, Set<string>>();
const STEMMED_MAX = 2_000;

/** Content words, stemmed; hyphenated compounds count joined and apart ("anti-personnel"). Do not mutate the result. */
export function stems(text: string): Set<string> {
  const known = stemmed.get(text);
  if (known) return known;
  const out = computeStems(text);
  if (stemmed.size >= STEMMED_MAX) stemmed.delete(stemmed.keys().next().value!);
  stemmed.set(text, out);
  return out;
}

function computeStems(text: string): Set<string> {
  const out = new Set<string>();
  const folded = fold(text);
  for (const m of folded.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu)) out.add(stem(m[0].replace(/-/g, '')));
  for (const w of folded.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (w.length < 2 || STOP.has(w)) continue;
    out.add(stem(w));
  }
  return out;
}

/** Names of the claim (people, organisations, places, other names) that the passage mentions too. */
const padded = new Map<string, string>();

/** The folded text with single spaces between its words and at both ends (remembered for recent texts). */
export function wordsPadded(text: string): string {
  let p = padded.get(text);
  if (p === undefined) {
    p = ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
    if (padded.size >= STEMMED_MAX) padded.delete(padded.keys().next().value!);
    padded.set(text, p);
  }
  return p;
}

export function sharedNames(claim: Claim, passageText: string): number {
  const p = wordsPadded(passageText);
  let n = 0;
  for (const e of claim.entities) {
    const words = fold(e.text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ');
    const last = words[words.length - 1] ?? '';
    if (last.length > 2 && (p.includes(` ${words.join(' ')} `) || p.includes(` ${last} `))) n++;
  }
  return n;
}

/** Share of the claim's content words found in the passage (0..1). */
export function overlap(claimText: string, passageText: string): number {
  const c = stems(claimText);
  if (!c.size) return 0;
  const p = stems(passageText);
  return [...c].filter((w) => p.has(w)).length / c.size;
}

/** Below this share of the claim's words a passage is unrelated to it, whatever it states (retrieval drops it early). */
export const MIN_OVERLAP = 0.08;

/**
 * Lexical stance, until a trained model takes its place behind the same signature: a stated
 * conflict is "disagree"; agreement on a compared value, or most of the claim's words present,
 * is "agree"; some shared words is "discuss"; otherwise "unrelated".
 */
export function lexicalStance(
  claim: Claim,
  passage: EvidencePassage,
  found: { agreements: number; conflicts: number; conflictWeight?: number },
): { stance: Stance; strength: number } {
  const o = overlap(claim.text, passage.text);
  const names = sharedNames(claim, passage.text);
  if (found.conflicts > 0 && o >= 0.2) return { stance: 'disagree', strength: Math.min(1, 0.5 + o) };
  // A well-aligned difference (the same measured thing, e.g. "38 km tunnel" / "24 km + 17 km") speaks
  // to one fact of a long claim even when the passage shares few of the claim's other words.
  if (found.conflicts > 0 && (found.conflictWeight ?? 0) >= 0.6 && o >= MIN_OVERLAP) return { stance: 'disagree', strength: 0.5 + o };
  if (found.agreements > 0 && o >= 0.25) return { stance: 'agree', strength: Math.min(1, 0.5 + o) };
  if (o >= 0.5 && names >= 1) return { stance: 'agree', strength: o };
  if (o >= 0.6) return { stance: 'agree', strength: o };
  if (o >= 0.25) return { stance: 'discuss', strength: o };
  return { stance: 'unrelated', strength: o };
}

/**
 * Probability of "disagree" at or above which the evidence-stance model overrules a lexical
 * "agree" that no compared value backs (chosen on the model's own dev split, not on the figures
 * BENCHMARKS.md reports).
 */
export const DISAGREE_VETO = 0.45;

/**
 * The stance the verify stage uses: the lexical stance, except that a passage the lexical
 * measure calls "agree" for its shared words alone (no figure, date or name of the claim
 * confirmed) is called "disagree" when the evidence-stance model (models/evidence-stance.json)
 * is sure enough that it denies the claim ("was born in Oslo" / "was never in Oslo"). Such a
 * "disagree" names no conflict, so on its own it never makes a claim contradicted; it only
 * withholds the support. Without the model file the lexical stance decides alone.
 */
export function passageStance(
  claim: Claim,
  passage: EvidencePassage,
  found: { agreements: number; conflicts: number; conflictWeight?: number },
): { stance: Stance; strength: number; vetoed?: boolean } {
  const s = lexicalStance(claim, passage, found);
  if (s.stance !== 'agree' || found.agreements > 0) return s;
  const model = loadEvidenceStanceModel();
  if (!model.ok) return s;
  const p = evidenceStance(claim.text, passage.text, model.value).probs.disagree;
  return p >= DISAGREE_VETO ? { stance: 'disagree', strength: p, vetoed: true } : s;
}
