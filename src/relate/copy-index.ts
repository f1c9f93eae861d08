import { bandHashes, DEFAULT_BANDS, DEFAULT_HASHES, DEFAULT_SEED, minhash } from './minhash.ts';
import {
  type CopyRelation, prepare, type Prepared, relatePrepared, type RelateThresholds, type Text,
} from './relate.ts';

export interface CopyIndexOptions {
  /** MinHash signature length (default 128). */
  hashes?: number;
  /** LSH bands; rows = hashes / bands (default 64 bands of 2 rows). */
  bands?: number;
  /** MinHash seed (default 0x5eed). */
  seed?: number;
  /** The containment index keeps a shingle when its low `sampleBits` bits are 0: 1 in 2^bits (default 3: 1 in 8). */
  sampleBits?: number;
  /** A pair is a containment candidate when it shares at least this many sampled shingles (default 3) … */
  minShared?: number;
  /** … and at least this share of the smaller side's sample (default 0.1). */
  minShare?: number;
  /** Sampled shingles held by more than this many texts are boilerplate and not looked up (default 500). */
  maxPosting?: number;
  /** Use the sampled containment index besides the LSH bands (default true; false only to measure what it adds). */
  containmentIndex?: boolean;
  /** Overrides of the relate thresholds. */
  thresholds?: Partial<RelateThresholds>;
}

interface Entry {
  prepared: Prepared;
  /** Band keys, as 32-bit hashes (`bandHashes`). */
  keys: Uint32Array;
  sample: Uint32Array;
}

/** Buckets and postings: most hold one text, so a lone number stands for a one-element list. */
type Lists = Map<number, number | number[]>;

function push(m: Lists, key: number, n: number): void {
  const v = m.get(key);
  if (v === undefined) m.set(key, n);
  else if (typeof v === 'number') m.set(key, [v, n]);
  else v.push(n);
}

const EMPTY: readonly number[] = [];
function list(m: Lists, key: number): readonly number[] {
  const v = m.get(key);
  return v === undefined ? EMPTY : typeof v === 'number' ? [v] : v;
}

/**
 * The containment index's sample of a text: its 5-grams and narrative 3-grams (the latter
 * salted) whose low `sampleBits` bits are 0, unique. A store can persist it next to the MinHash
 * signature and look candidates up by shared values.
 */
export function sampleShingles(p: Prepared, sampleBits = 3): Uint32Array {
  return sampleOf(p, (1 << sampleBits) - 1);
}

function sampleOf(p: Prepared, mask: number): Uint32Array {
  const out: number[] = [];
  for (const h of p.shingles) if ((h & mask) === 0) out.push(h);
  for (const h of p.narrative) if ((h & mask) === 0) out.push(h ^ 0x3c6ef372);
  return Uint32Array.from(new Set(out));
}

/**
 * An in-memory copy index for thousands of texts (≈ 7 KiB of heap each). Candidates come from
 * two indexes, then every candidate is checked exactly with `relate`'s measures on cached
 * shingles, so the indexes only decide what is looked at:
 * - MinHash LSH over word 5-gram shingles (the keys of `bandKeys`, hashed to 32 bits): texts of
 *   similar Jaccard, i.e. copies and rewrites of about the same length. MinHash estimates
 *   Jaccard, and a cut copy has a low Jaccard even when all of it is copied: a text holding a
 *   share c of its shingles in a text 1/ρ times its size has J = cρ / (1 + ρ − cρ). For
 *   c = 0.5 and ρ = 0.5 that is J = 0.2, which the default bands catch with p ≈ 0.93 only; for a
 *   tenth-length excerpt (ρ = 0.1) J < 0.1 and the bands mostly miss it.
 * - so a second index, over a fixed 1-in-8 sample of the shingles (5-grams and narrative
 *   3-grams, chosen by hash value so that every text samples the same shingles: Broder's mod-m
 *   sampling), counts the sampled shingles a text shares with each stored one. That count over
 *   the smaller sample estimates containment directly, whatever the lengths; a pair becomes a
 *   candidate at ≥ 3 shared and ≥ 10 % of the smaller sample. A 200-word excerpt has about
 *   25 + 25 samples, so at containment 0.5 it shares about 25, far above the cut. Sampled
 *   shingles held by more than 500 texts (boilerplate) are not looked up.
 */
export class CopyIndex {
  readonly #opts: Required<Omit<CopyIndexOptions, 'thresholds'>>;
  readonly #thresholds: Partial<RelateThresholds>;
  readonly #mask: number;
  readonly #entries: Array<Entry | null> = [];
  readonly #byId = new Map<string, number>();
  readonly #buckets: Lists = new Map();
  readonly #postings: Lists = new Map();

  constructor(options: CopyIndexOptions = {}) {
    this.#opts = {
      hashes: options.hashes ?? DEFAULT_HASHES,
      bands: options.bands ?? DEFAULT_BANDS,
      seed: options.seed ?? DEFAULT_SEED,
      sampleBits: options.sampleBits ?? 3,
      minShared: options.minShared ?? 3,
      minShare: options.minShare ?? 0.1,
      maxPosting: options.maxPosting ?? 500,
      containmentIndex: options.containmentIndex ?? true,
    };
    if (this.#opts.hashes % this.#opts.bands !== 0) {
      throw new RangeError(`CopyIndex: ${this.#opts.hashes} hashes do not split into ${this.#opts.bands} bands`);
    }
    this.#thresholds = options.thresholds ?? {};
    this.#mask = (1 << this.#opts.sampleBits) - 1;
  }

  /** Number of texts held. */
  get size(): number {
    return this.#byId.size;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  #entry(t: Text): Entry {
    const prepared = prepare(t);
    const keys = prepared.shingles.length === 0
      ? new Uint32Array(0)
      : bandHashes(minhash(prepared.shingles, { hashes: this.#opts.hashes, seed: this.#opts.seed }), this.#opts.bands);
    return { prepared, keys, sample: this.#opts.containmentIndex ? sampleOf(prepared, this.#mask) : new Uint32Array(0) };
  }

  /** Add a text, or replace the text stored under the same id. */
  add(t: Text): void {
    this.remove(t.id);
    const e = this.#entry(t);
    const n = this.#entries.length;
    this.#entries.push(e);
    this.#byId.set(t.id, n);
    for (const k of e.keys) push(this.#buckets, k, n);
    for (const h of e.sample) push(this.#postings, h, n);
  }

  /** Forget a text; true when it was there. */
  remove(id: string): boolean {
    const n = this.#byId.get(id);
    if (n === undefined) return false;
    this.#entries[n] = null;
    this.#byId.delete(id);
    return true;
  }

  #candidates(e: Entry, id: string): number[] {
    const hits = new Map<number, number>();
    for (const k of e.keys) {
      for (const n of list(this.#buckets, k)) hits.set(n, Number.POSITIVE_INFINITY);
    }
    const shared = new Map<number, number>();
    for (const h of e.sample) {
      const p = list(this.#postings, h);
      if (p.length > this.#opts.maxPosting) continue;
      for (const n of p) shared.set(n, (shared.get(n) ?? 0) + 1);
    }
    for (const [n, s] of shared) {
      const other = this.#entries[n];
      if (!other || s < this.#opts.minShared) continue;
      const small = Math.min(e.sample.length, other.sample.length);
      if (s >= this.#opts.minShare * small) hits.set(n, Math.max(hits.get(n) ?? 0, s));
    }
    const self = this.#byId.get(id);
    return [...hits.keys()]
      .filter((n) => n !== self && this.#entries[n] != null)
      .sort((x, y) => this.#entries[x]!.prepared.id.localeCompare(this.#entries[y]!.prepared.id));
  }

  /** Ids of stored texts that may copy `t` or be copied by it (never `t.id` itself), by id. */
  candidates(t: Text): string[] {
    return this.#candidates(this.#entry(t), t.id).map((n) => this.#entries[n]!.prepared.id);
  }

  /**
   * Copy relations between `t` and the stored texts, either way (`from === t.id`: `t` derives
   * from that text; `to === t.id`: that text derives from `t`), most similar first.
   */
  findCopies(t: Text): CopyRelation[] {
    const e = this.#entry(t);
    const out: CopyRelation[] = [];
    for (const n of this.#candidates(e, t.id)) {
      const r = relatePrepared(e.prepared, this.#entries[n]!.prepared, this.#thresholds);
      if (r) out.push(r);
    }
    return out.sort((a, b) => b.similarity - a.similarity || b.containment - a.containment || a.from.localeCompare(b.from));
  }
}
