import type { Claim, Conflict, Document, Evidence, EvidencePassage, RunContext, Stage, Verdict } from '../model/index.ts';
import { compare } from './compare/index.ts';
import { passageStance } from './stance.ts';

export { lexicalStance, overlap, passageStance } from './stance.ts';

/** Share of the article's people and organisations a source must name for its conflicts to count. */
export const STORY_FLOOR = 0.25;

export interface VerifyOptions {
  /** Evidence entries kept per claim (default 5). */
  maxEvidence?: number;
}

interface Judged {
  passage: EvidencePassage;
  stance: Evidence['stance'];
  strength: number;
  conflicts: Conflict[];
  agreements: number;
}

/**
 * Verdict from stance and conflicts, counting each independent origin once: copies of one wire
 * story agree once. `contradicted` needs a stated conflict; absence of evidence is `unverified`.
 */
export function decide(judged: Judged[]): { verdict: Verdict; confidence: number } {
  const agreeing = new Map<string, number>();
  const conflicting = new Map<string, number>();
  for (const j of judged) {
    if (j.conflicts.length) conflicting.set(j.passage.origin, Math.max(conflicting.get(j.passage.origin) ?? 0, j.strength));
    else if (j.stance === 'agree') agreeing.set(j.passage.origin, Math.max(agreeing.get(j.passage.origin) ?? 0, j.strength));
  }
  for (const o of conflicting.keys()) agreeing.delete(o);
  const strength = (m: Map<string, number>): number => 1 - [...m.values()].reduce((p, s) => p * (1 - 0.8 * s), 1);
  if (conflicting.size && agreeing.size) {
    return { verdict: 'disputed', confidence: round(Math.min(strength(conflicting), strength(agreeing))) };
  }
  if (conflicting.size) return { verdict: 'contradicted', confidence: round(strength(conflicting)) };
  if (agreeing.size) return { verdict: 'supported', confidence: round(strength(agreeing)) };
  return { verdict: 'unverified', confidence: 0 };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

const valueKey = (sourceId: string, kind: string, claimValue: string): string => `${sourceId}\u0000${kind}\u0000${claimValue}`;

/** Which came first, at the precision both dates have (a day at most). */
export function timing(article: string | null, source: string | null): Evidence['timing'] {
  if (!article || !source) return null;
  const n = Math.min(article.length, source.length, 10);
  const a = article.slice(0, n);
  const b = source.slice(0, n);
  return a === b ? 'same day' : b < a ? 'earlier' : 'later';
}

/** Days between two reports beyond which a figure of one is not held against the other's. */
export const FIGURE_WINDOW_DAYS = 31;

/**
 * Whether two reports are too far apart in time for their figures to be compared: figures move
 * (a monthly jobless rate, a death toll, a budget in negotiation), so a report of another month
 * gives another figure, not a contradiction. Dates and names do not move; undated reports pass.
 */
export function figuresApart(article: string | null | undefined, source: string | null | undefined): boolean {
  if (!article || !source) return false;
  const a = Date.parse(article.slice(0, 10));
  const b = Date.parse(source.slice(0, 10));
  return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) / 86_400_000 > FIGURE_WINDOW_DAYS;
}

/** Verify claims against the evidence the provider finds: stance, conflicts, verdict, confidence. */
export async function verify(doc: Document, claims: Claim[], ctx: RunContext, options: VerifyOptions = {}): Promise<void> {
  const provider = ctx.evidence;
  if (!provider) return;
  const max = options.maxEvidence ?? 5;
  const found = await provider.forClaims(doc, claims);
  for (const claim of claims) {
    const judged: Judged[] = [];
    const passages = found.get(claim.id) ?? [];
    const compared = passages.map((passage) =>
      compare(claim, claim.text, { sourceId: passage.sourceId, text: passage.text, annotations: passage.annotations, published: passage.published }, { claimPublished: doc.published, ...(passage.sourceNames ? { sourceNames: passage.sourceNames } : {}) }));
    // A value a source states as the claim does, in one passage, is not contradicted by another
    // figure of the same kind elsewhere in that source: that one is about something else.
    const confirmed = new Set<string>();
    compared.forEach((r, i) => { for (const f of r.agreements) confirmed.add(valueKey(passages[i]!.sourceId, f.kind, f.claimValue)); });
    for (const [i, passage] of passages.entries()) {
      const all = compared[i]!;
      const apart = figuresApart(doc.published, passage.published);
      const unconfirmed = (f: { kind: string; claimValue: string }): boolean =>
        !confirmed.has(valueKey(passage.sourceId, f.kind, f.claimValue)) && !(apart && f.kind === 'quantity');
      const r = { ...all, conflicts: all.conflicts.filter(unconfirmed), findings: all.findings.filter((f) => f.agree || unconfirmed(f)) };
      const conflictWeight = Math.max(0, ...r.findings.filter((f) => !f.agree).map((f) => f.weight));
      const s = passageStance(claim, passage, { agreements: r.agreements.length, conflicts: r.conflicts.length, conflictWeight });
      // A conflict only counts when the passage is about the claim, and its source about the
      // same story (it names a fair share of the article's people and organisations).
      const sameStory = passage.story >= STORY_FLOOR;
      const conflicts = s.stance === 'disagree' && sameStory ? r.conflicts : [];
      const stance = s.stance === 'disagree' && !sameStory ? 'discuss' : s.stance;
      judged.push({ passage, stance, strength: s.strength, conflicts, agreements: r.agreements.length });
    }
    const relevant = judged.filter((j) => j.stance !== 'unrelated')
      .sort((a, b) => Number(b.conflicts.length > 0) - Number(a.conflicts.length > 0) || b.strength - a.strength)
      .slice(0, max);
    const { verdict, confidence } = decide(relevant);
    claim.verdict = verdict;
    claim.confidence = confidence;
    claim.evidence = relevant.map((j) => ({
      sourceId: j.passage.sourceId,
      title: j.passage.title,
      outlet: j.passage.outlet,
      url: j.passage.url,
      published: j.passage.published,
      passage: j.passage.text,
      span: j.passage.span,
      stance: j.stance,
      score: round(j.passage.score),
      timing: timing(doc.published, j.passage.published),
    }));
    claim.conflicts = relevant.flatMap((j) => j.conflicts);
  }
  doc.sources = provider.summary();
}

export const verifyStage: Stage = {
  name: 'verify',
  needs: ['claims'],
  provides: 'verification',
  async run(doc: Document, ctx: RunContext): Promise<void> {
    if (doc.claims) await verify(doc, doc.claims, ctx);
  },
};
