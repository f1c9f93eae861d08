/**
 * Sparse feature vectors and the hashing trick. A feature is a name ("w:harbour", "c3:arb")
 * hashed into `bits` bits; a vector is its non-zero indices (ascending) and values.
 */
export type SparseVector = { idx: Int32Array; val: Float32Array };

export { hashString } from '../model/hash.ts';
import { hashString } from '../model/hash.ts';

/** The index of feature `name` in a space of 2^bits dimensions. */
export function hashFeature(name: string, bits: number): number {
  return hashString(name) & ((1 << bits) - 1);
}

/** A sparse vector from index → value (zeros dropped, indices sorted). */
export function sparse(map: Map<number, number>): SparseVector {
  const keys = [...map.keys()].filter((k) => map.get(k) !== 0).sort((a, b) => a - b);
  const idx = new Int32Array(keys.length);
  const val = new Float32Array(keys.length);
  keys.forEach((k, i) => { idx[i] = k; val[i] = map.get(k)!; });
  return { idx, val };
}

/** A sparse vector from a dense array (zeros dropped). */
export function fromDense(xs: ArrayLike<number>, offset = 0): SparseVector {
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i]) n++;
  const idx = new Int32Array(n);
  const val = new Float32Array(n);
  for (let i = 0, k = 0; i < xs.length; i++) if (xs[i]) { idx[k] = offset + i; val[k++] = xs[i]!; }
  return { idx, val };
}

/** Adds `value` to feature `name` in `map` (hashed into `bits`). */
export function addFeature(map: Map<number, number>, name: string, bits: number, value = 1): void {
  const i = hashFeature(name, bits);
  map.set(i, (map.get(i) ?? 0) + value);
}

/** Lower-cased word tokens (letters, digits, inner apostrophes and hyphens). */
export function words(text: string): string[] {
  const lower = text.toLowerCase();
  // NFKC only matters outside ASCII; skipping it there saves most of the cost.
  const t = /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFKC') : lower;
  return t.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Word n-grams of sizes `from`..`to`, joined by a space. */
export function wordNgrams(tokens: string[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  }
  return out;
}

/** Character n-grams of sizes `from`..`to` over the text with spaces collapsed and padded. */
export function charNgrams(text: string, from: number, to: number): string[] {
  const t = ` ${text.toLowerCase().replace(/\s+/g, ' ').trim()} `;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    for (let i = 0; i + n <= t.length; i++) out.push(t.slice(i, i + n));
  }
  return out;
}

/** Adds a hashed bag of `grams` under `prefix` to `map`, each counted `weight` times. */
export function addBag(map: Map<number, number>, grams: Iterable<string>, prefix: string, bits: number, weight = 1): void {
  for (const g of grams) addFeature(map, `${prefix}:${g}`, bits, weight);
}

/** Replaces each count c by log(1 + c) (sublinear term frequency). */
export function logScale(map: Map<number, number>): Map<number, number> {
  for (const [k, v] of map) map.set(k, Math.sign(v) * Math.log1p(Math.abs(v)));
  return map;
}

/** Scales `v` in place to unit Euclidean length (no-op for the zero vector). */
export function l2normalize(v: SparseVector): SparseVector {
  let s = 0;
  for (let i = 0; i < v.val.length; i++) s += v.val[i]! * v.val[i]!;
  if (s > 0) {
    const k = 1 / Math.sqrt(s);
    for (let i = 0; i < v.val.length; i++) v.val[i]! *= k;
  }
  return v;
}

/** Concatenates vectors whose index ranges do not overlap (or sums where they do). */
export function concat(...vs: SparseVector[]): SparseVector {
  const map = new Map<number, number>();
  for (const v of vs) for (let i = 0; i < v.idx.length; i++) map.set(v.idx[i]!, (map.get(v.idx[i]!) ?? 0) + v.val[i]!);
  return sparse(map);
}

/** Dot product of a sparse vector with a dense row starting at `offset`. */
export function dot(v: SparseVector, w: ArrayLike<number>, offset = 0): number {
  let s = 0;
  for (let i = 0; i < v.idx.length; i++) s += v.val[i]! * w[offset + v.idx[i]!]!;
  return s;
}
