/**
 * Earlier fact-checks: read fact-check databases (CheckThat! vclaims, Veritas TSVs, schema.org
 * ClaimReview JSON-LD), store them as sources of kind "factcheck", and find the ones that review
 * a claim (full-text candidates, reranked by the trained `claim-matching` model).
 */
import type { Claim, FactCheckMatch } from '../model/index.ts';
import type { Store } from '../store/index.ts';
import { matchFactChecks } from './match.ts';
import { loadMatcher, type Matcher } from './model.ts';
import { matchQuery } from './query.ts';

export type { FactCheck, FactCheckFormat } from './types.ts';
export { UNKNOWN_RATING } from './types.ts';
export { detectFactCheckFile, factCheckFilesIn, readFactCheckFile, readFactCheckInputs, DEFAULT_FACTCHECK_MAX_BYTES, type FactCheckBatch, type ReadFactChecks } from './read.ts';
export { addFactCheckBatches, addFactChecks, factCheckDocument } from './store.ts';
export { matchFactChecks, candidates, rank, type Ranked } from './match.ts';
export { loadMatcher, type Matcher, type MatcherConfig } from './model.ts';
export { matchQuery, cleanText, type MatchQuery } from './query.ts';
export { claimReviews, parseClaimReviewHtml, parseClaimReviewJson, parseVclaims, parseVeritas } from './formats.ts';

export interface FactCheckOptions {
  /** When the claims were made (the article's publication date), ISO. */
  date?: string | null;
  /** Matches kept per claim (default 3). */
  limit?: number;
  /** Lowest similarity kept (default: the model's threshold, tuned on the dev queries). */
  minSimilarity?: number;
  /** The reranker (default: the shipped model). */
  matcher?: Matcher;
}

/**
 * The stored fact-checks matching each claim, best first, by claim id. Claims get nothing when the
 * store holds no fact-checks. A missing or broken shipped model is a bug (thrown).
 */
export async function factChecksForClaims(store: Store, claims: readonly Claim[], opts: FactCheckOptions = {}): Promise<Map<string, FactCheckMatch[]>> {
  const out = new Map<string, FactCheckMatch[]>();
  if (!claims.length || !(await store.list({ kind: 'factcheck', limit: 1 })).length) return out;
  let m = opts.matcher;
  if (!m) {
    const loaded = loadMatcher();
    if (!loaded.ok) throw new Error(loaded.error.message);
    m = loaded.value;
  }
  for (const claim of claims) {
    const q = matchQuery(claim.text, opts.date ?? null);
    const ranked = await matchFactChecks(store, q, m, {
      limit: opts.limit ?? 3,
      ...(opts.minSimilarity !== undefined ? { minSimilarity: opts.minSimilarity } : {}),
    });
    out.set(claim.id, ranked.map((r) => ({
      claim: r.fc.claim,
      rating: r.fc.rating,
      url: r.fc.url,
      publisher: r.fc.publisher,
      similarity: Math.round(r.similarity * 1000) / 1000,
    })));
  }
  return out;
}
