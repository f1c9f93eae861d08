/**
 * Which of a query's terms to search with, from their document frequencies, for both adapters: a
 * word found in more than 3 % of passages adds little to the ranking but most of the cost of an
 * OR query, so it is dropped while at least three rarer terms remain; at most 8 terms are kept,
 * rarest first, and no more than POSTINGS_BUDGET passages' worth of posting lists beyond the
 * first three.
 */

/** Posting-list entries a full-text query may read beyond its three rarest terms (bounds its cost in a large store). */
export const POSTINGS_BUDGET = 10_000;
/** Most terms kept. */
export const MAX_TERMS = 8;

/**
 * The rarest of `terms` by `df` (passages holding each term) in a store of `passages` passages.
 * Terms found nowhere are dropped (they match nothing); with none found, the first three are kept.
 */
export function specificTerms(terms: readonly string[], df: (term: string) => number, passages: number): string[] {
  if (terms.length <= 3) return [...terms];
  const present = terms.filter((t) => df(t) > 0).sort((a, b) => df(a) - df(b));
  if (present.length === 0) return terms.slice(0, 3);
  const cap = Math.max(50, 0.03 * passages);
  const rare = present.filter((t) => df(t) <= cap);
  if (rare.length < 3) return present.slice(0, 3);
  const out: string[] = [];
  let postings = 0;
  for (const t of rare) {
    const n = df(t);
    if (out.length >= MAX_TERMS || (out.length >= 3 && postings + n > POSTINGS_BUDGET)) break;
    out.push(t);
    postings += n;
  }
  return out;
}
