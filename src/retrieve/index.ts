import { fold, stemWord, type Claim } from '../model/index.ts';

/** Words that carry no content for retrieval. */
const STOP = new Set(`a an the and or but if of to in on at by for with from into onto over under about after before
during since until as is are was were be been being has have had do does did will would shall should can could may
might must not no nor its it this that these those their they them he she his her we our you your i me my which who
whom whose what when where why how than then there here also just only very more most such some any each every all
both either neither other another said says told according added noted per cent percent one two three`.split(/\s+/));

export interface ClaimQuery {
  /** Terms for full-text search, folded, most specific first. */
  terms: string[];
  /** The same as one string, for backends that take text. */
  text: string;
}

export { fold };

export function contentWords(text: string): string[] {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !STOP.has(w));
}

/** Query terms for a claim: its names first, then figures and content words. */
export function claimQuery(claim: Claim): ClaimQuery {
  const terms: string[] = [];
  const add = (w: string): void => { if (w && !terms.includes(w)) terms.push(w); };
  for (const e of claim.entities) for (const w of contentWords(e.text)) add(w);
  for (const q of claim.quantities) for (const w of (q.text.match(/\d+/g) ?? [])) add(w);
  for (const d of claim.dates) for (const w of (d.text.match(/\d{4}/g) ?? [])) add(w);
  for (const w of contentWords(claim.text)) add(w);
  return { terms: terms.slice(0, 24), text: terms.slice(0, 24).join(' ') };
}

/** Stemmed content words of a text, as `rerank` compares them. */
export function passageStems(text: string): Set<string> {
  return new Set(contentWords(text).map(stemWord));
}

export interface Candidate {
  text: string;
  /** The text's stemmed content words, when the caller already has them (see `passageStems`). */
  stems?: Set<string>;
  /** Backend rank score, higher is better, any scale. */
  score: number;
}

/**
 * Re-rank full-text candidates for a claim: the backend's rank (normalised), plus the share of
 * the claim's names, figures and content words that the passage contains. Returns 0..1 scores.
 */
export function rerank<T extends Candidate>(claim: Claim, candidates: T[]): Array<T & { relevance: number }> {
  if (!candidates.length) return [];
  const max = Math.max(...candidates.map((c) => c.score), 1e-9);
  const stems = passageStems;
  const names = new Set(claim.entities.flatMap((e) => contentWords(e.text)).map(stemWord));
  const numbers = new Set(claim.quantities.flatMap((q) => q.text.match(/\d+(?:[.,]\d+)?/g) ?? []));
  const words = stems(claim.text);
  return candidates
    .map((c) => {
      const pw = c.stems ?? stems(c.text);
      const share = (s: Set<string>): number => (s.size ? [...s].filter((w) => pw.has(w)).length / s.size : 0);
      const nums = numbers.size ? [...numbers].filter((n) => c.text.includes(n)).length / numbers.size : 0;
      const relevance = 0.25 * (c.score / max) + 0.45 * share(words) + 0.2 * share(names) + 0.1 * nums;
      return { ...c, relevance: Math.round(relevance * 1000) / 1000 };
    })
    .sort((a, b) => b.relevance - a.relevance);
}
