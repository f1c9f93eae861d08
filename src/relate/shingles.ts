import { fmix32, hashString } from './hash.ts';
import { lines, words } from './normalize.ts';

export const DEFAULT_K = 5;

/** Hash of one word k-gram, order-sensitive. */
function gramHash(hashes: readonly number[], from: number, to: number): number {
  let h = 0x9747b28c ^ (to - from);
  for (let i = from; i < to; i++) {
    h = Math.imul((h << 5) | (h >>> 27), 0x27d4eb2d) ^ hashes[i]!;
  }
  return fmix32(h);
}

/** Sort and de-duplicate in place; returns the unique prefix. */
function sortedUnique(a: Uint32Array, n: number): Uint32Array {
  const s = a.subarray(0, n).sort();
  let w = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[w - 1]) s[w++] = s[i]!;
  return s.slice(0, w);
}

/**
 * Sorted unique 32-bit hashes of the word k-grams of `text` (default k = 5), after `words()`
 * normalisation. A k-gram never spans a line break, so reordered paragraphs keep their shingles;
 * a line of fewer than k words (but at least two) gives one shingle of the whole line.
 */
export function shingles(text: string, k: number = DEFAULT_K): Uint32Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`shingles: k must be a positive integer, got ${k}`);
  const cache = new Map<string, number>();
  const out: number[] = [];
  for (const line of lines(text)) {
    const ws = words(line);
    if (ws.length === 0) continue;
    const hs = ws.map((w) => {
      let h = cache.get(w);
      if (h === undefined) cache.set(w, (h = hashString(w)));
      return h;
    });
    if (hs.length < k) {
      if (hs.length >= Math.min(2, k)) out.push(gramHash(hs, 0, hs.length));
      continue;
    }
    for (let i = 0; i + k <= hs.length; i++) out.push(gramHash(hs, i, i + k));
  }
  return sortedUnique(Uint32Array.from(out), out.length);
}

/** Size of the intersection of two sorted unique arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) { n++; i++; j++; } else if (x < y) i++; else j++;
  }
  return n;
}

/** Exact Jaccard similarity |a∩b| / |a∪b| of two sorted unique shingle arrays (0 when both are empty). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const inter = intersectionSize(a, b);
  const union = a.length + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

/** Containment |a∩b| / |a|: how much of `a` is inside `b` (0 when `a` is empty). */
export function containment(a: Uint32Array, b: Uint32Array): number {
  return a.length === 0 ? 0 : intersectionSize(a, b) / a.length;
}
