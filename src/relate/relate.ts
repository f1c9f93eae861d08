import { narrative } from './normalize.ts';
import { DEFAULT_K, intersectionSize, shingles } from './shingles.ts';

/** A document as copy detection sees it. */
export interface Text {
  id: string;
  text: string;
  published?: string | null;
  title?: string | null;
  outlet?: string | null;
}

/** `from` copies or rewrites `to` (`to` came first). */
export interface CopyRelation {
  from: string;
  to: string;
  /** `copy`: the same text, maybe cut or extended; `rewrite`: reworded, cut, reordered. */
  kind: 'copy' | 'rewrite';
  /** Exact Jaccard similarity of the two texts' word 5-gram shingles. */
  similarity: number;
  /** Share of `from`'s word 5-gram shingles found in `to`. */
  containment: number;
  /** Share of `from`'s narrative (text outside quotes) word 3-grams found in `to`'s narrative. */
  narrativeContainment?: number;
  /** Which test made the call, in words. */
  why?: string;
}

/**
 * Thresholds of `relate`, tuned on the Northwind example, on the 204 same-event pairs of the
 * BASIL triplets (independent reports of one event by three outlets: must not relate) and on
 * synthetic rewrites of those articles (must relate); `thresholdSweep` in bench/relate.ts prints
 * the measures on each set and what other settings would do. On the BASIL pairs the largest
 * 5-gram containment is 0.38 and the largest narrative 3-gram containment 0.19 (0.37 for the
 * first half of an article against another outlet's article); synthetic rewrites stay above
 * 0.63 and 0.54, the Northwind farm rewrite is at 0.67 and 0.77. The thresholds sit between,
 * nearer the negatives for the narrative measure, which degrades slowest under paraphrase.
 */
export interface RelateThresholds {
  /** `copy` at or above this Jaccard (5-grams). */
  copyJaccard: number;
  /** `copy` at or above this containment (5-grams, either way): a verbatim cut or extension. */
  copyContainment: number;
  /** Related at or above this containment of word 5-grams (either way). */
  containment: number;
  /** Related at or above this containment of narrative word 3-grams (either way). */
  narrativeContainment: number;
  /**
   * When both texts have enough narrative, it must overlap at least this much (either way) for
   * any relation: two reports that share long quotations and nothing else are not copies.
   */
  narrativeFloor: number;
  /** A narrative has "enough" 3-grams at this count; below it the narrative tests are skipped. */
  minNarrativeShingles: number;
  /** Texts with fewer word 5-grams than this (about 25 words) are never related. */
  minShingles: number;
}

export const DEFAULT_THRESHOLDS: Readonly<RelateThresholds> = {
  copyJaccard: 0.8,
  copyContainment: 0.9,
  containment: 0.5,
  narrativeContainment: 0.4,
  narrativeFloor: 0.15,
  minNarrativeShingles: 20,
  minShingles: 20,
};

export const NARRATIVE_K = 3;

/** What relate needs of a text, computed once (CopyIndex keeps these for stored texts). */
export interface Prepared {
  id: string;
  published: string | null;
  /** Word 5-gram shingles of the whole text. */
  shingles: Uint32Array;
  /** Word 3-gram shingles of the narrative (quotes removed). */
  narrative: Uint32Array;
}

export function prepare(t: Text): Prepared {
  return {
    id: t.id,
    published: t.published ?? null,
    shingles: shingles(t.text, DEFAULT_K),
    narrative: shingles(narrative(t.text), NARRATIVE_K),
  };
}

/**
 * Order of two publication dates: negative when `a` is earlier, 0 when equal or unknown. Dates
 * are compared at the precision both have: "2026-11-17" and "2026-11-17T07:30+01:00" are equal.
 */
export function compareDates(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (day.test(a) || day.test(b)) {
    const x = a.slice(0, 10);
    const y = b.slice(0, 10);
    if (!day.test(x) || !day.test(y)) return 0;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return 0;
  return Math.sign(x - y);
}

/** Which of two texts is the later one (the copy): later date, else the shorter, else the larger id. */
function orderPair(a: Prepared, b: Prepared): [later: Prepared, earlier: Prepared] {
  const d = compareDates(a.published, b.published);
  if (d !== 0) return d > 0 ? [a, b] : [b, a];
  if (a.shingles.length !== b.shingles.length) return a.shingles.length < b.shingles.length ? [a, b] : [b, a];
  return a.id > b.id ? [a, b] : [b, a];
}

/** The raw measures between two prepared texts, once the copy (`from`) is chosen. */
export interface Measures {
  from: Prepared;
  to: Prepared;
  /** Jaccard of the 5-gram shingles. */
  similarity: number;
  /** Containment of `from` in `to`, and of `to` in `from` (5-grams). */
  cFrom: number;
  cTo: number;
  /** The same on narrative 3-grams; null when that side has too little narrative. */
  nFrom: number | null;
  nTo: number | null;
}

export function measure(a: Prepared, b: Prepared, minNarrativeShingles = DEFAULT_THRESHOLDS.minNarrativeShingles): Measures {
  const [from, to] = orderPair(a, b);
  const inter = intersectionSize(from.shingles, to.shingles);
  const union = from.shingles.length + to.shingles.length - inter;
  const enough = from.narrative.length >= minNarrativeShingles && to.narrative.length >= minNarrativeShingles;
  const nInter = enough ? intersectionSize(from.narrative, to.narrative) : 0;
  return {
    from,
    to,
    similarity: union === 0 ? 0 : inter / union,
    cFrom: from.shingles.length === 0 ? 0 : inter / from.shingles.length,
    cTo: to.shingles.length === 0 ? 0 : inter / to.shingles.length,
    nFrom: enough ? nInter / from.narrative.length : null,
    nTo: enough ? nInter / to.narrative.length : null,
  };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** The decision on measured texts: a relation with its reason, or null. */
export function decide(m: Measures, thresholds: Partial<RelateThresholds> = {}): CopyRelation | null {
  const th = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const { from, to, similarity, cFrom, cTo } = m;
  const nFrom = m.nFrom ?? 0;
  const nTo = m.nTo ?? 0;
  if (Math.min(from.shingles.length, to.shingles.length) < th.minShingles) return null;
  if (m.nFrom !== null && Math.max(nFrom, nTo) < th.narrativeFloor) return null;
  const base = { from: from.id, to: to.id, similarity, containment: cFrom, narrativeContainment: nFrom };
  if (similarity >= th.copyJaccard) {
    return { ...base, kind: 'copy', why: `${pct(similarity)} of the two texts' word 5-grams are shared (near-identical)` };
  }
  if (cFrom >= th.copyContainment) {
    return { ...base, kind: 'copy', why: `${pct(cFrom)} of its word 5-grams appear verbatim in the earlier text (a cut copy)` };
  }
  if (cTo >= th.copyContainment) {
    return { ...base, kind: 'copy', why: `${pct(cTo)} of the earlier text's word 5-grams appear verbatim in it (an extended copy)` };
  }
  if (cFrom >= th.containment) {
    return { ...base, kind: 'rewrite', why: `${pct(cFrom)} of its word 5-grams appear in the earlier text` };
  }
  if (nFrom >= th.narrativeContainment) {
    return { ...base, kind: 'rewrite', why: `${pct(nFrom)} of its narrative word 3-grams (outside quotes) appear in the earlier text` };
  }
  if (cTo >= th.containment) {
    return { ...base, kind: 'rewrite', why: `${pct(cTo)} of the earlier text's word 5-grams appear in it` };
  }
  if (nTo >= th.narrativeContainment) {
    return { ...base, kind: 'rewrite', why: `${pct(nTo)} of the earlier text's narrative word 3-grams (outside quotes) appear in it` };
  }
  return null;
}

/** `relate` on prepared texts. */
export function relatePrepared(a: Prepared, b: Prepared, thresholds: Partial<RelateThresholds> = {}): CopyRelation | null {
  if (a.id === b.id) return null;
  return decide(measure(a, b, thresholds.minNarrativeShingles), thresholds);
}

/**
 * Whether one text copies or rewrites the other, and which way. The later-published text is the
 * copy (same or unknown dates: the shorter one). Related when either text holds enough of the
 * other: ≥ 50 % of its word 5-grams, or ≥ 40 % of its narrative word 3-grams (quotes removed, so
 * two reports quoting the same statement do not count, while a reworded copy with synonyms
 * swapped still does) — and, when both have a narrative, that narrative overlaps at least 15 %.
 * `copy` when near-identical (Jaccard ≥ 0.8) or a verbatim cut or extension (≥ 90 %
 * containment); otherwise `rewrite`. Null when unrelated or when either text is under ~25 words.
 */
export function relate(a: Text, b: Text, thresholds: Partial<RelateThresholds> = {}): CopyRelation | null {
  if (a.id === b.id) return null;
  return relatePrepared(prepare(a), prepare(b), thresholds);
}
