/**
 * MinHash signatures and LSH banding for many short texts, in bounded memory: one typed array of
 * 16-bit signature values (`hashes` × 2 bytes a text), band keys sorted natively one band at a time,
 * candidates verified on the signatures, clusters kept in a union-find. A million comments take
 * 1M × 48 × 2 B = 96 MB of signatures and a few 8 MB arrays besides.
 */
import { fmix32, hashString, tokenizeInto, type Token } from './tokens.ts';

export { fmix32, hashString };

const SKELETON_SEED = 0x2545f491;

/**
 * The shingles of one comment: its content-word keys (stemmed, synonyms merged) and the 4-grams
 * of its skeleton (topic words masked), hashed to 32 bits. Two mail-merge variants share most of
 * both; two unrelated comments share few of either.
 */
export function commentShingles(text: string): Uint32Array {
  const tokens = tokenizeInto(text, scratch.tokens);
  if (scratch.out.length < tokens.length * 2 + 1) scratch.out = new Uint32Array(tokens.length * 4 + 16);
  if (scratch.sk.length < tokens.length + 1) scratch.sk = new Uint32Array(tokens.length * 2 + 16);
  const out = scratch.out;
  const sk = scratch.sk;
  let m = 0;
  // Skeleton tokens as hashes ("_" for a run of content words), then their 4-grams mixed.
  let n = 0;
  for (const t of tokens) {
    if (t.content) {
      if (t.key.length > 1) out[m++] = t.hash;
      if (n === 0 || sk[n - 1] !== MASK) sk[n++] = MASK;
    } else sk[n++] = t.hash;
  }
  for (let i = 0; i + 4 <= n; i++) {
    let h = SKELETON_SEED;
    for (let j = i; j < i + 4; j++) h = Math.imul((h << 5) | (h >>> 27), 0x27d4eb2d) ^ sk[j]!;
    out[m++] = fmix32(h);
  }
  const sorted = out.subarray(0, m).sort();
  let w = 0;
  for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[w - 1]) sorted[w++] = sorted[i]!;
  return sorted.slice(0, w);
}

/** Buffers `commentShingles` reuses from one comment to the next (it never keeps them). */
const scratch: { tokens: Token[]; out: Uint32Array; sk: Uint32Array } = { tokens: [], out: new Uint32Array(256), sk: new Uint32Array(128) };

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
 * `capacity × hashes × 2` bytes, plus 16 bytes a text while clustering.
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
    // Read as int32 (the same bits: Math.imul takes them so) and compare minima with the sign bit
    // flipped, so that every value stays a small integer for the compiler, never a double.
    const x = new Int32Array(shingles.buffer, shingles.byteOffset, m);
    // One hash function at a time over all the shingles keeps its minimum in a register.
    for (let h = 0; h < k; h++) {
      const ah = a[h]!;
      const bh = b[h]!;
      let min = 0x7fffffff;
      for (let j = 0; j < m; j++) {
        let v = (Math.imul(ah, x[j]!) + bh) | 0;
        v ^= v >>> 15;
        v = Math.imul(v, 0x2c1b3c6d);
        v ^= v >>> 12;
        // v as unsigned, ordered as signed: the low 16 bits are v's own.
        v ^= -0x80000000;
        if (v < min) min = v;
      }
      // b-bit minwise hashing: keep the low 16 bits (the high bits of a minimum are mostly zero).
      sig[base + h] = min & 0xffff;
    }
    this.usable[i] = shingles.length >= this.minShingles ? 1 : 0;
  }

  /** Whether texts i and j have at least `need` equal signature values (stops as soon as it knows). */
  private agree(i: number, j: number, need: number): boolean {
    const k = this.hashes;
    const s = this.sig;
    let eq = 0;
    for (let h = 0, x = i * k, y = j * k; h < k; h++, x++, y++) {
      if (s[x] === s[y]) {
        if (++eq >= need) return true;
      } else if (eq + (k - h - 1) < need) return false;
    }
    return eq >= need;
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
    const uf = new UnionFind(this.count);
    const candidates = this.joinBands(0, this.bands, uf);
    return { uf, candidates };
  }

  /**
   * Join the candidates of bands [from, to) in `uf`; returns how many pairs were verified. Bands
   * are independent: several threads can each take some bands with their own union-find
   * (`pairs` collects the joined pairs for a caller to replay into one).
   */
  joinBands(from: number, to: number, uf: UnionFind, pairs?: number[]): number {
    const n = this.count;
    const k = this.hashes;
    const rows = k / this.bands;
    const sig = this.sig;
    const usable = this.usable;
    let m = 0;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) if (usable[i]) order[m++] = i;
    // Band keys with their text index, bucketed by their high 16 bits (a stable counting sort, so
    // a bucket lists its texts in order), each bucket then sorted by the whole key: 16 bytes a text.
    const keys = new Uint32Array(m);
    const sortedKeys = new Uint32Array(m);
    const ids = new Uint32Array(m);
    const starts = new Uint32Array((1 << 16) + 1);
    let candidates = 0;
    // similarity ≥ threshold, as a count of equal values (the same comparison, in integers).
    const need = Math.max(0, Math.ceil(this.threshold * k - 1e-9));
    const join = (x: number, y: number): void => {
      uf.union(x, y);
      if (pairs) pairs.push(x, y);
    };
    for (let band = from; band < to; band++) {
      const seed = Math.imul(band + 1, 0x9e3779b1);
      const offset = band * rows;
      starts.fill(0);
      for (let x = 0; x < m; x++) {
        const base = order[x]! * k + offset;
        let h = seed;
        for (let r = 0; r < rows; r++) h = Math.imul((h << 13) | (h >>> 19), 0x85ebca6b) ^ sig[base + r]!;
        const key = fmix32(h);
        keys[x] = key;
        starts[(key >>> 16) + 1]!++;
      }
      for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
      for (let x = 0; x < m; x++) {
        const key = keys[x]!;
        const at = starts[key >>> 16]!++;
        sortedKeys[at] = key;
        ids[at] = order[x]!;
      }
      // starts[d] is now the end of bucket d; sort each bucket (a few texts) by key, stably.
      let lo = 0;
      for (let d = 0; d < 1 << 16; d++) {
        const hi = starts[d]!;
        for (let x = lo + 1; x < hi; x++) {
          const key = sortedKeys[x]!;
          const id = ids[x]!;
          let y = x - 1;
          while (y >= lo && sortedKeys[y]! > key) {
            sortedKeys[y + 1] = sortedKeys[y]!;
            ids[y + 1] = ids[y]!;
            y--;
          }
          sortedKeys[y + 1] = key;
          ids[y + 1] = id;
        }
        lo = hi;
      }
      let head = -1;
      let prev = -1;
      for (let x = 0; x < m; x++) {
        const i = ids[x]!;
        if (x === 0 || sortedKeys[x] !== sortedKeys[x - 1]) {
          head = i;
          prev = i;
          continue;
        }
        // Compare with the previous member and, failing that, with the bucket's first.
        if (uf.find(prev) !== uf.find(i)) {
          candidates++;
          if (this.agree(prev, i, need)) join(prev, i);
          else if (head !== prev && uf.find(head) !== uf.find(i)) {
            candidates++;
            if (this.agree(head, i, need)) join(head, i);
          }
        }
        prev = i;
      }
    }
    return candidates;
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
