/**
 * Structured comparison of a claim with one passage from another source: figures, dates,
 * names, lists, polarity and quotes. Pure: the same claim and passage give the same result.
 * Only values about the same thing are compared; a value the passage does not mention yields
 * nothing (absence of evidence is never a conflict).
 */
import type { Claim, Conflict } from '../../model/index.ts';
import { claimSide, passageSide } from './align.ts';
import { compareDates, datePairFeatures, whens } from './dates.ts';
import { compareEntities } from './entities.ts';
import { comparePolarity } from './polarity.ts';
import { compareQuantities, figures, quantityPairFeatures } from './quantities.ts';
import { sameFactModel, sameFactProbability } from './same-fact.ts';
import { compareQuotes } from './quotes.ts';
import type { AnnotatedPassage, Finding, Found } from './types.ts';

export type { AnnotatedPassage, Finding } from './types.ts';
export { samePerson } from './names.ts';
export { fold } from './fold.ts';

export interface CompareOptions {
  /** Publication date of the claim's article (ISO). With the passage's, it tells whether two relative dates can be compared. */
  claimPublished?: string | null;
  /** Whether the passage's source names a (folded) word anywhere; with it, a person the source never names can be told. */
  sourceNames?: (word: string) => boolean;
}

export interface Comparison {
  /** Values the passage confirms (weight says how firmly). */
  agreements: Finding[];
  /** Values the passage states differently: contract `conflicts[]` entries. */
  conflicts: Conflict[];
  /** Differences too weak to be conflicts (e.g. two lists with no name in common). */
  notes: Finding[];
  /** Every finding in order, conflicts included with their weight. */
  findings: Finding[];
}

const strip = ({ soft: _soft, ...f }: Found): Finding => f;

/**
 * Compare `claim` (whose spans point into its document; `claimText` is the claim's own text,
 * `claim.text`) with an annotated passage. Pass the claim article's publication date in
 * `options` so that two relative dates ("on Monday" / "on Tuesday") can be compared when both
 * reports are from the same day.
 */
export function compare(claim: Claim, claimText: string, passage: AnnotatedPassage, options: CompareOptions = {}): Comparison {
  const c = claimSide(claim, claimText);
  const p = passageSide(passage.text, passage.annotations);
  const day = (s: string | null | undefined): string | null => (s ? s.slice(0, 10) : null);
  const sameDay = day(options.claimPublished) !== null && day(options.claimPublished) === day(passage.published);
  const found: Found[] = [
    ...compareQuantities(c, p),
    ...compareDates(c, p, sameDay),
    ...compareEntities(c, p, options.sourceNames),
    ...compareQuotes(c, p),
    ...comparePolarity(c, p),
  ];
  const conflicts: Conflict[] = found
    .filter((f) => !f.agree && !f.soft)
    .map((f) => ({
      kind: f.kind,
      claimValue: f.claimValue,
      sourceValue: f.sourceValue,
      sourceId: passage.sourceId,
      passage: passage.text,
      reason: f.reason,
    }));
  return {
    agreements: found.filter((f) => f.agree).map(strip),
    conflicts,
    notes: found.filter((f) => !f.agree && f.soft).map(strip),
    findings: found.filter((f) => !f.soft).map(strip),
  };
}

/**
 * How surely the passage states one of the claim's figures or dates, whatever the value: the
 * same-fact model's highest probability over the pairs of the same kind (0 without a model or
 * without such pairs). Retrieval uses it to keep the passage where another report states the
 * claim's fact in other words.
 */
export function sameFactScore(claim: Claim, claimText: string, passage: Pick<AnnotatedPassage, 'text' | 'annotations'>): number {
  const model = sameFactModel();
  if (!model || (!claim.quantities.length && !claim.dates.length)) return 0;
  const c = claimSide(claim, claimText);
  const p = passageSide(passage.text, passage.annotations);
  let best = 0;
  const cf = figures(c), pf = figures(p);
  for (const x of cf) for (const y of pf) if (x.dim === y.dim) best = Math.max(best, sameFactProbability(model, quantityPairFeatures(c, p, cf, pf, x, y)));
  const cw = whens(c), pw = whens(p);
  for (const x of cw) for (const y of pw) best = Math.max(best, sameFactProbability(model, datePairFeatures(cw, pw, x, y)));
  return best;
}
