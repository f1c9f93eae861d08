/**
 * MinHash signatures and LSH banding for many short texts, in bounded memory: one typed array of
 * 16-bit signature values (`hashes` × 2 bytes a text), band keys sorted natively one band at a time,
 * candidates verified on the signatures, clusters kept in a union-find. A million comments take
 * 1M × 48 × 2 B = 96 MB of signatures and a few 8 MB arrays besides.
 */
import { fmix32, hashString, tokenize } from './tokens.ts';

export { fmix32, hashString };

const SKELETON_SEED = 0x2545f491;

/**
 * The shingles of one comment: its content-word keys (stemmed, synonyms merged) and the 4-grams
 * of its skeleton (topic words masked), hashed to 32 bits. Two mail-merge variants share most of
 * both; two unrelated comments share few of either.
 */
export function commentShingles(text: string): Uint32Array {
  const tokens = tokenize(text);
  const out = new Uint32Array(tokens.length * 2 + 1);
  let m = 0;
  // Skeleton tokens as hashes ("_" for a run of content words), then their 4-grams mixed.
  const sk: number[] = [];
  for (const t of tokens) {
    if (t.content) {
      if (t.key.length > 1) out[m++] = t.hash;
      if (sk[sk.length - 1] !== MASK) sk.push(MASK);
    } else sk.push(t.hash);
  }
  for (let i = 0; i + 4 <= sk.length; i++) {
    let h = SKELETON_SEED;
    for (let j = i; j < i + 4; j++) h = Math.imul((h << 5) | (h >>> 27), 0x27d4eb2d) ^ sk[j]!;
    out[m++] = fmix32(h);
  }
  const sorted = out.subarray(0, m).sort();
  let w = 0;
  for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[w - 1]) sorted[w++] = sorted[i]!;
  return sorted.slice(0, w);
}

const MASK = 0x5f5f5f5f;

export interface LshOptions {
  /** Signature length (default 48). */
  hashes?: number;
  /** Bands; `hashes / bands` rows each (default 16 bands of 3 rows). */
  bands?: number;
  /** Estimated Jaccard at or above which two candidates join a cluster (default 0.5). */
  threshold?: number;
  /** Seed of the hash family (default 0x5eed). */
  seed?: number;
  /** Texts with fewer shingles than this are left alone (default 4). */
  minShingles?: number;
}

const DEFAULTS = { hashes: 48, bands: 16, threshold: 0.5, seed: 0x5eed, minShingles: 4 };

/** Hash family parameters: odd multipliers and offsets from a seeded splitmix32. */
function family(n: number, seed: number): { a: Int32Array; b: Int32Array } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    return fmix32(state);
  };
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = next() | 1;
    b[i] = next();
  }
  return { a, b };
}

/** Union-find over 0..n-1 with path halving and union by size. */
export class UnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x]! !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  union(x: number, y: number): boolean {
    let a = this.find(x);
    let b = this.find(y);
    if (a === b) return false;
    if (this.size[a]! < this.size[b]!) [a, b] = [b, a];
    this.parent[b] = a;
    this.size[a]! += this.size[b]!;
    return true;
  }
}

/**
 * Signatures of many texts, filled incrementally (`add`), then clustered (`cluster`). Memory is
 * `capacity × hashes × 2` bytes plus 8 bytes a text per band pass.
 */
export class SignatureTable {
  readonly hashes: number;
  readonly bands: number;
  readonly threshold: number;
  readonly minShingles: number;
  readonly capacity: number;
  /** Low 16 bits of each minimum, row-major: text i at [i·hashes, (i+1)·hashes). */
  readonly sig: Uint16Array;
  /** 1 when the text has enough shingles to be compared. */
  readonly usable: Uint8Array;
  count = 0;
  private readonly a: Int32Array;
  private readonly b: Int32Array;

  /**
   * `shared` lets several threads fill one table: pass the same buffers (see `buffers`) to a
   * table in each worker and have each call `addAt` for its own indices.
   */
  constructor(capacity: number, options: LshOptions = {}, shared?: { sig: SharedArrayBuffer; usable: SharedArrayBuffer }) {
    const o = { ...DEFAULTS, ...options };
    if (!Number.isInteger(o.hashes) || o.hashes < 1 || o.hashes % o.bands !== 0) {
      throw new RangeError(`SignatureTable: ${o.hashes} hashes do not split into ${o.bands} bands`);
    }
    if (capacity > 2 ** 21) throw new RangeError(`SignatureTable: at most ${2 ** 21} texts, got ${capacity}`);
    this.hashes = o.hashes;
    this.bands = o.bands;
    this.threshold = o.threshold;
    this.minShingles = o.minShingles;
    this.capacity = capacity;
    this.sig = shared ? new Uint16Array(shared.sig) : new Uint16Array(capacity * o.hashes);
    this.usable = shared ? new Uint8Array(shared.usable) : new Uint8Array(capacity);
    if (this.sig.length !== capacity * o.hashes || this.usable.length !== capacity) throw new RangeError('SignatureTable: shared buffers of the wrong size');
    const f = family(o.hashes, o.seed);
    this.a = f.a;
    this.b = f.b;
  }

  /** Shared buffers of `capacity` texts for `hashes` hashes, for tables filled by several threads. */
  static buffers(capacity: number, hashes: number = DEFAULTS.hashes): { sig: SharedArrayBuffer; usable: SharedArrayBuffer } {
    return { sig: new SharedArrayBuffer(capacity * hashes * 2), usable: new SharedArrayBuffer(capacity) };
  }

  /** Add one text's shingles; returns its index. */
  add(shingles: Uint32Array): number {
    const i = this.count++;
    if (i >= this.capacity) throw new RangeError('SignatureTable is full');
    this.addAt(i, shingles);
    return i;
  }

  /** Set text i's signature (for tables filled out of order or by several threads). */
  addAt(i: number, shingles: Uint32Array): void {
    if (i < 0 || i >= this.capacity) throw new RangeError(`SignatureTable: index ${i} outside 0..${this.capacity - 1}`);
    const k = this.hashes;
    const a = this.a;
    const b = this.b;
    const sig = this.sig;
    const base = i * k;
    const m = shingles.length;
    // One hash function at a time over all the shingles keeps its minimum in a register.
    for (let h = 0; h < k; h++) {
      const ah = a[h]!;
      const bh = b[h]!;
      let min = 0xffffffff;
      for (let j = 0; j < m; j++) {
        const u = (Math.imul(ah, shingles[j]!) + bh) >>> 0;
        if (u < min) min = u;
      }
      // b-bit minwise hashing: keep the low 16 bits (the high bits of a minimum are mostly zero).
      sig[base + h] = min & 0xffff;
    }
    this.usable[i] = shingles.length >= this.minShingles ? 1 : 0;
  }

  /** Estimated Jaccard similarity of texts i and j: the share of equal signature values. */
  similarity(i: number, j: number): number {
    const k = this.hashes;
    const s = this.sig;
    let eq = 0;
    for (let h = 0, x = i * k, y = j * k; h < k; h++, x++, y++) if (s[x] === s[y]) eq++;
    return eq / k;
  }

  /**
   * Cluster the texts added so far: texts sharing a band become candidates, candidates at or above
   * the threshold are joined. Returns the union-find and how many candidate pairs were verified.
   */
  cluster(): { uf: UnionFind; candidates: number } {
    const n = this.count;
    const k = this.hashes;
    const rows = k / this.bands;
    const uf = new UnionFind(n);
    const keys = new Float64Array(n);
    let candidates = 0;
    const SHIFT = 2 ** 21;
    for (let band = 0; band < this.bands; band++) {
      let m = 0;
      for (let i = 0; i < n; i++) {
        if (!this.usable[i]) continue;
        let h = Math.imul(band + 1, 0x9e3779b1);
        const base = i * k + band * rows;
        for (let r = 0; r < rows; r++) h = Math.imul((h << 13) | (h >>> 19), 0x85ebca6b) ^ this.sig[base + r]!;
        keys[m++] = fmix32(h) * SHIFT + i;
      }
      const sorted = keys.subarray(0, m).sort();
      let headKey = -1;
      let head = -1;
      let prev = -1;
      for (let x = 0; x < m; x++) {
        const v = sorted[x]!;
        const key = Math.floor(v / SHIFT);
        const i = v - key * SHIFT;
        if (key !== headKey) {
          headKey = key;
          head = i;
          prev = i;
          continue;
        }
        // Compare with the previous member and, failing that, with the bucket's first.
        if (uf.find(prev) !== uf.find(i)) {
          candidates++;
          if (this.similarity(prev, i) >= this.threshold) uf.union(prev, i);
          else if (head !== prev && uf.find(head) !== uf.find(i)) {
            candidates++;
            if (this.similarity(head, i) >= this.threshold) uf.union(head, i);
          }
        }
        prev = i;
      }
    }
    return { uf, candidates };
  }
}

/** Groups of indices (size ≥ 2) from a union-find, largest first. */
export function groupsOf(uf: UnionFind, n: number): number[][] {
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    if (uf.size[r]! < 2) continue;
    const g = byRoot.get(r);
    if (g) g.push(i);
    else byRoot.set(r, [i]);
  }
  return [...byRoot.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

/** Cluster comment texts by MinHash LSH over `commentShingles`. */
export function clusterTexts(texts: readonly string[], options: LshOptions = {}): number[][] {
  const table = new SignatureTable(texts.length, options);
  for (const t of texts) table.add(commentShingles(t));
  return groupsOf(table.cluster().uf, texts.length);
}
