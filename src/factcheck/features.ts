/**
 * Features of a (claim, fact-check) pair for the reranker: which full-text search found it
 * (over all fact-checks, within the claim's date window), how much of the claim's weighted
 * words the fact-check's claim, headline and context cover, shared word pairs, character
 * trigrams, names, figures, the claim author's name, and how far apart the two dates are.
 * Topic-independent by design: no feature names a word.
 */
import { fold } from '../model/index.ts';
import type { StoredFactCheck } from '../store/index.ts';
import type { MatchQuery } from './query.ts';

export const FEATURE_SCHEMA = 'claim-matching-features@2';

const STOP = new Set((
  'a an and are as at be been but by for from has had have he her his i in is it its of on or she that the their they this ' +
  'to was were which who will with you your we our us me my not no do does did just so if than then there what when where ' +
  'how all can could would should about into out up more most some such only also very too any these those them him said says ' +
  'say get got new like one now via rt amp'
).split(' '));

/** Folded content words, lightly stemmed ("shootings" → "shooting", "claimed" → "claim"). */
export function stems(text: string): string[] {
  const out: string[] = [];
  for (const w of fold(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP.has(w) || (w.length < 2 && !/\d/.test(w))) continue;
    out.push(stem(w));
  }
  return out;
}

function stem(w: string): string {
  if (w.length <= 4 || /\d/.test(w)) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 4) return w.slice(0, -2);
  return w;
}

/** Inverse document frequency of a stem, from a table hashed into 2^bits buckets (built at training time). */
export interface Idf {
  bits: number;
  table: Float32Array;
  /** For stems never seen (bucket 0). */
  max: number;
}

export function idfBucket(s: string, bits: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & ((1 << bits) - 1);
}

export function buildIdf(texts: Iterable<string>, bits: number): Idf {
  const df = new Float32Array(1 << bits);
  let n = 0;
  for (const t of texts) {
    n++;
    for (const s of new Set(stems(t))) df[idfBucket(s, bits)]! += 1;
  }
  const table = new Float32Array(1 << bits);
  const max = Math.log((n + 1) / 0.5);
  for (let i = 0; i < table.length; i++) table[i] = df[i] ? Math.log((n + 1) / (df[i]! + 0.5)) : max;
  return { bits, table, max };
}

const idfOf = (idf: Idf, s: string): number => Math.max(0, idf.table[idfBucket(s, idf.bits)] ?? idf.max);

/** A candidate fact-check with its full-text ranks (0-based; null when that search did not return it). */
export interface Candidate {
  fc: StoredFactCheck;
  globalRank: number | null;
  /** Score over the best score of that search (0..1). */
  globalScore: number;
  windowRank: number | null;
  windowScore: number;
}

const DATE_BUCKETS = [-365, -30, -7, -1, 1, 3, 7, 14, 30, 60, 180, 365] as const;

export const FEATURE_NAMES: string[] = [
  'in-global', 'in-window',
  ...['claim', 'title', 'all'].flatMap((f) => [`${f}-qcover`, `${f}-fcover`, `${f}-shared-log`, `${f}-bigrams`]),
  'claim-trigram-cos', 'title-trigram-cos',
  'names-cover', 'names-missing', 'numbers-shared', 'numbers-unmatched',
  'author-cover', 'qcover-x-date7', 'qcover-x-date30',
  'date-unknown', 'date-exp7', 'date-exp30',
  ...Array.from({ length: DATE_BUCKETS.length + 1 }, (_, i) => `date-bucket-${i}`),
  'query-short', 'query-len-log',
];
export const FEATURE_COUNT = FEATURE_NAMES.length;

interface Prepared {
  stems: string[];
  set: Set<string>;
  bigrams: Set<string>;
  weight: number;
}

function prepare(text: string, idf: Idf): Prepared {
  const s = stems(text);
  const set = new Set(s);
  const bigrams = new Set<string>();
  for (let i = 1; i < s.length; i++) bigrams.add(`${s[i - 1]} ${s[i]}`);
  let weight = 0;
  for (const t of set) weight += idfOf(idf, t);
  return { stems: s, set, bigrams, weight };
}

function trigrams(text: string): Map<string, number> {
  const t = ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  const m = new Map<string, number>();
  for (let i = 0; i + 3 <= t.length; i++) {
    const g = t.slice(i, i + 3);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0, na = 0, nb = 0;
  for (const [k, v] of a) { na += v * v; const w = b.get(k); if (w) dot += v * w; }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Capitalised words not at a sentence start, folded and stemmed (names, places, organisations). */
function names(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![.!?]\s|^)\b(\p{Lu}[\p{L}'’]+)/gu)) {
    const s = stems(m[1]!);
    if (s[0]) out.add(s[0]);
  }
  return out;
}

const numbers = (text: string): Set<string> => new Set((text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replace(/,/g, '')).filter((n) => n.length > 0));

const days = (from: string, to: string): number | null => {
  const a = Date.parse(from.slice(0, 10));
  const b = Date.parse(to.slice(0, 10));
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.round((b - a) / 864e5);
};

/** The query's side, computed once per claim. */
export interface QuerySide {
  q: MatchQuery;
  prep: Prepared;
  tri: Map<string, number>;
  names: Set<string>;
  numbers: Set<string>;
  author: string[];
}

export function querySide(q: MatchQuery, idf: Idf): QuerySide {
  return { q, prep: prepare(q.text, idf), tri: trigrams(q.text), names: names(q.text), numbers: numbers(q.text), author: q.author ? stems(q.author) : [] };
}

/** The fact-check's side of the features: the same for every claim it is compared with. */
interface FactCheckSide {
  text: string;
  fields: Prepared[];
  claimTri: Map<string, number>;
  titleTri: Map<string, number> | null;
  all: Set<string>;
  numbers: Set<string>;
}

/** Fact-check sides by source id (a fact-check is a candidate for many claims); bounded, cleared when full. */
const sides = new Map<string, FactCheckSide>();
const MAX_SIDES = 50_000;
let sidesIdf: Idf | null = null;

function factCheckSide(fc: StoredFactCheck, idf: Idf): FactCheckSide {
  if (sidesIdf !== idf || sides.size >= MAX_SIDES) { sides.clear(); sidesIdf = idf; }
  const known = sides.get(fc.sourceId);
  if (known && known.text === fc.text) return known;
  const title = fc.title ?? '';
  const side: FactCheckSide = {
    text: fc.text,
    fields: [prepare(fc.claim, idf), prepare(title, idf), prepare(fc.text, idf)],
    claimTri: trigrams(fc.claim),
    titleTri: title ? trigrams(title) : null,
    all: new Set(stems(fc.text)),
    numbers: numbers(fc.text),
  };
  sides.set(fc.sourceId, side);
  return side;
}

/** The feature vector (dense, FEATURE_COUNT values) of one pair. */
export function pairFeatures(qs: QuerySide, c: Candidate, idf: Idf): Float32Array {
  const f = new Float32Array(FEATURE_COUNT);
  let i = 0;
  const put = (v: number): void => { f[i++] = Number.isFinite(v) ? v : 0; };
  // Which search found it, not how high: ranks and relative scores depend on the store's size and
  // backend (a store of five fact-checks puts something first for every claim), so the model
  // judges the pair by its content (with ranks, dev MAP@5 was the same).
  put(c.globalRank === null ? 0 : 1);
  put(c.windowRank === null ? 0 : 1);
  const { prep } = qs;
  const fs = factCheckSide(c.fc, idf);
  let claimCover = 0;
  fs.fields.forEach((p, field) => {
    let shared = 0, sharedN = 0;
    for (const t of prep.set) if (p.set.has(t)) { shared += idfOf(idf, t); sharedN++; }
    let bi = 0;
    for (const b of prep.bigrams) if (p.bigrams.has(b)) bi++;
    const qcover = prep.weight ? shared / prep.weight : 0;
    if (field === 2) claimCover = qcover; // the whole text (claim, headline, context)
    put(qcover);
    put(p.weight ? shared / p.weight : 0);
    put(Math.log1p(sharedN));
    put(Math.log1p(bi));
  });
  put(cosine(qs.tri, fs.claimTri));
  put(fs.titleTri ? cosine(qs.tri, fs.titleTri) : 0);
  const all = fs.all;
  let nc = 0;
  for (const n of qs.names) if (all.has(n)) nc++;
  put(qs.names.size ? nc / qs.names.size : 0);
  put(qs.names.size ? Math.log1p(qs.names.size - nc) : 0);
  const fn = fs.numbers;
  let ns = 0;
  for (const n of qs.numbers) if (fn.has(n)) ns++;
  put(Math.log1p(ns));
  put(Math.log1p(qs.numbers.size - ns));
  put(qs.author.length ? qs.author.filter((a) => all.has(a)).length / qs.author.length : 0);
  const gap = qs.q.date && c.fc.published ? days(qs.q.date, c.fc.published) : null;
  const e7 = gap === null ? 0 : Math.exp(-Math.abs(gap) / 7);
  const e30 = gap === null ? 0 : Math.exp(-Math.abs(gap) / 30);
  put(claimCover * e7);
  put(claimCover * e30);
  put(gap === null ? 1 : 0);
  put(e7);
  put(e30);
  const bucket = gap === null ? -1 : DATE_BUCKETS.findIndex((b) => gap < b);
  for (let b = 0; b <= DATE_BUCKETS.length; b++) put(gap !== null && (bucket === b || (bucket === -1 && b === DATE_BUCKETS.length)) ? 1 : 0);
  put(prep.set.size <= 4 ? 1 : 0);
  put(Math.log1p(prep.set.size));
  return f;
}
