/**
 * Matching a claim against the stored fact-checks: two full-text searches (over every fact-check,
 * and over those published near the claim's date), then the trained reranker scores each candidate.
 */
import type { Store } from '../store/index.ts';
import { pairFeatures, querySide, type Candidate } from './features.ts';
import { similarityOf, type Matcher } from './model.ts';
import type { MatchQuery } from './query.ts';
import type { StoredFactCheck } from '../store/index.ts';

export interface Ranked {
  fc: StoredFactCheck;
  /** The reranker's probability that the fact-check reviews this claim (0..1). */
  similarity: number;
}

const shift = (iso: string, days: number): string => new Date(Date.parse(iso.slice(0, 10)) + days * 864e5).toISOString().slice(0, 10);

/** The candidates of one query: the union of the global and the date-window searches, with their ranks. */
export async function candidates(store: Store, q: MatchQuery, m: Matcher): Promise<Candidate[]> {
  const n = m.config.candidates;
  const search = async (published?: { from: string; to: string }): Promise<Array<{ id: string; score: number }>> => {
    // Several passages of one fact-check may match: keep its best, in rank order.
    const hits = await store.search({ text: q.text, kind: 'factcheck', limit: n * 3, allTerms: true, ...(published ? { published } : {}) });
    const seen = new Set<string>();
    const out: Array<{ id: string; score: number }> = [];
    for (const h of hits) {
      if (seen.has(h.source.id)) continue;
      seen.add(h.source.id);
      out.push({ id: h.source.id, score: h.score });
      if (out.length >= n) break;
    }
    return out;
  };
  const global = await search();
  const valid = q.date !== null && !Number.isNaN(Date.parse(q.date.slice(0, 10)));
  const window = valid ? await search({ from: shift(q.date!, -m.config.windowBefore), to: shift(q.date!, m.config.windowAfter) }) : [];
  const ids = [...new Set([...global, ...window].map((h) => h.id))];
  const fcs = await store.factChecks(ids);
  const top = (xs: Array<{ score: number }>): number => Math.max(1e-9, ...xs.map((x) => x.score));
  const gTop = top(global), wTop = top(window);
  const gRank = new Map(global.map((h, i) => [h.id, { rank: i, score: Math.max(0, h.score / gTop) }]));
  const wRank = new Map(window.map((h, i) => [h.id, { rank: i, score: Math.max(0, h.score / wTop) }]));
  return fcs.map((fc) => ({
    fc,
    globalRank: gRank.get(fc.sourceId)?.rank ?? null,
    globalScore: gRank.get(fc.sourceId)?.score ?? 0,
    windowRank: wRank.get(fc.sourceId)?.rank ?? null,
    windowScore: wRank.get(fc.sourceId)?.score ?? 0,
  }));
}

/** Scores candidates, best first (ties by source id, so the order is deterministic). */
export function rank(q: MatchQuery, cands: Candidate[], m: Matcher): Ranked[] {
  const side = querySide(q, m.idf);
  return cands
    .map((c) => ({ fc: c.fc, similarity: similarityOf(m, pairFeatures(side, c, m.idf)) }))
    .sort((a, b) => b.similarity - a.similarity || a.fc.sourceId.localeCompare(b.fc.sourceId));
}

/** The stored fact-checks that match a query, best first, at most `limit`, each at least `minSimilarity`. */
export async function matchFactChecks(store: Store, q: MatchQuery, m: Matcher, opts: { limit?: number; minSimilarity?: number } = {}): Promise<Ranked[]> {
  if (!q.text.trim()) return [];
  const ranked = rank(q, await candidates(store, q, m), m);
  const min = opts.minSimilarity ?? m.config.threshold;
  return ranked.filter((r) => r.similarity >= min).slice(0, opts.limit ?? 3);
}
