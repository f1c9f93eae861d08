import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { addFactCheckBatches, factCheckFilesIn, readFactCheckInputs, type FactCheckBatch, type FactCheckFormat } from '../factcheck/index.ts';
import { ingest, type IngestOptions } from '../ingest/index.ts';
import { ok, type Document, type InputError, type Result } from '../model/index.ts';
import { bandHashes, minhash, prepare, relatePrepared, shingles, type CopyRelation, type Prepared } from '../relate/index.ts';
import type { Relation, SourceKind, Store } from '../store/index.ts';

/** File extensions `add` picks up when given a folder. */
export const SOURCE_EXTENSIONS = new Set(['.txt', '.html', '.htm', '.md', '.markdown', '.json', '.jsonl', '.ndjson', '.xml', '.rss', '.atom']);

const isUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(s) && !/^[a-z]:[\\/]/i.test(s);

/** Expand folders (recursively, known extensions, sorted); keep files, URLs and "-" as given. */
export function expandInputs(inputs: string[]): Result<string[], InputError> {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(p);
    }
  };
  for (const input of inputs) {
    if (input === '-' || isUrl(input)) { out.push(input); continue; }
    let isDir = false;
    try { isDir = statSync(input).isDirectory(); } catch { /* ingest names the missing file */ }
    if (isDir) walk(input);
    else out.push(input);
  }
  return { ok: true, value: out };
}

export interface CollectOptions {
  ingest?: IngestOptions;
  /** Fetch the page of a feed item that has no body in the feed (default true for http feeds). */
  fetchItems?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface Collected {
  docs: Document[];
  /** Documents left out because they had no body, with the reason. */
  skipped: Array<{ origin: string; reason: string }>;
}

/**
 * Read every input into documents before anything is stored: one unreadable input fails the
 * whole call, so a bad argument never leaves half a batch in the store.
 */
export async function collect(inputs: string[], options: CollectOptions = {}): Promise<Result<Collected, InputError>> {
  const expanded = expandInputs(inputs);
  if (!expanded.ok) return expanded;
  const docs: Document[] = [];
  const skipped: Collected['skipped'] = [];
  const list = expanded.value;
  for (let i = 0; i < list.length; i++) {
    const input = list[i]!;
    const r = await ingest(input, options.ingest ?? {});
    if (!r.ok) return r;
    for (const d of r.value) {
      let doc = d;
      if (!doc.text.trim() && doc.guid && doc.url && options.fetchItems !== false && isUrl(input)) {
        const page = await ingest(doc.url, options.ingest ?? {});
        if (page.ok && page.value[0]?.text.trim()) doc = { ...page.value[0], guid: doc.guid, title: doc.title ?? page.value[0].title, published: doc.published ?? page.value[0].published };
      }
      if (doc.text.trim()) docs.push(doc);
      else skipped.push({ origin: doc.url ?? doc.origin, reason: 'no article body' });
    }
    options.onProgress?.(i + 1, list.length);
  }
  return { ok: true, value: { docs, skipped } };
}

/** MinHash signature of a document, as stored with it for copy detection. */
export function signatureOf(doc: { text: string }): Uint32Array {
  return minhash(shingles(doc.text));
}

/** The LSH band keys stored for a signature: a source sharing any of them is a candidate copy. */
export function sketchOf(signature: Uint32Array): Uint32Array {
  return Uint32Array.from(new Set(bandHashes(signature)));
}

/** Shared LSH band keys that make a stored source a candidate copy. */
export const MIN_SHARED_BANDS = 2;

const toRelation = (r: CopyRelation): Relation => ({ from: r.from, to: r.to, kind: r.kind, similarity: r.similarity, containment: r.containment });

/**
 * Copy and rewrite relations between `docs` and the stored sources (and among `docs`):
 * candidates share an LSH band key (the store's sketch index, and an in-memory one for the batch),
 * then `relate` decides exactly on the two texts.
 */
export async function findRelations(store: Store, docs: Document[], signatures: Map<string, Uint32Array>): Promise<Relation[]> {
  const batch = new Map<number, string[]>();
  const prepared = new Map<string, Prepared>();
  const prep = (t: { id: string; text: string; published: string | null }): Prepared => {
    let p = prepared.get(t.id);
    if (!p) { p = prepare(t); prepared.set(t.id, p); }
    return p;
  };
  const rels = new Map<string, Relation>();
  for (const d of docs) {
    const keys = sketchOf(signatures.get(d.id) ?? signatureOf(d));
    const candidates = new Set<string>();
    // Two shared band keys or more: a rewrite (Jaccard ≥ 0.3) shares about six of 64, while two
    // texts that merely share a paragraph rarely share two.
    for (const c of await store.copyCandidates(keys, { exclude: [d.id], limit: 50 })) if (c.shared >= MIN_SHARED_BANDS) candidates.add(c.id);
    const inBatch = new Map<string, number>();
    for (const k of keys) for (const id of batch.get(k) ?? []) if (id !== d.id) inBatch.set(id, (inBatch.get(id) ?? 0) + 1);
    for (const [id, n] of inBatch) if (n >= MIN_SHARED_BANDS) candidates.add(id);
    const mine = prep({ id: d.id, text: d.text, published: d.published });
    for (const id of candidates) {
      let other = prepared.get(id);
      if (!other) {
        const s = await store.get(id);
        if (!s) continue;
        other = prep({ id: s.id, text: s.text, published: s.published });
      }
      const r = relatePrepared(mine, other);
      if (r) rels.set(`${r.from}>${r.to}`, toRelation(r));
    }
    for (const k of keys) {
      const b = batch.get(k);
      if (b) b.push(d.id); else batch.set(k, [d.id]);
    }
  }
  return [...rels.values()];
}

/** Add documents to the store with their signatures, then record copy relations. */
export async function addDocuments(store: Store, docs: Document[], kind: SourceKind = 'article'): Promise<Pick<AddSummary, 'added' | 'existing' | 'relations'>> {
  const signatures = new Map(docs.map((d) => [d.id, signatureOf(d)]));
  const sketches = new Map([...signatures].map(([id, sig]) => [id, sketchOf(sig)]));
  const relations = await findRelations(store, docs, signatures);
  // One transaction: the documents, their passages, signatures, sketches and relations.
  const r = await store.add(docs, { kind, signatures, sketches, relations });
  return { ...r, relations };
}

export interface SourceInputs extends Collected {
  /** Fact-check database files, read whole, to be stored as fact-checks. */
  factChecks: FactCheckBatch[];
}

/**
 * Read inputs the way `crosscheck add` does, before anything is stored: fact-check databases
 * (CheckThat! vclaims, Veritas TSV, ClaimReview JSON-LD files and pages, recognised by their
 * content) through their own readers, everything else through ingest as articles. Folders are
 * expanded once, so a fact-check file inside one is not read as an article too. One unreadable
 * input fails the whole call. `options.ingest.maxBytes` limits fact-check files too (else 256 MiB).
 */
export async function readSources(inputs: string[], options: CollectOptions = {}): Promise<Result<SourceInputs, InputError>> {
  const expanded = expandInputs(inputs);
  if (!expanded.ok) return expanded;
  const fact = await readFactCheckInputs([...expanded.value, ...factCheckFilesIn(inputs)], options.ingest?.maxBytes);
  if (!fact.ok) return fact;
  const { batches, others } = fact.value;
  const c = others.length ? await collect(others, options) : ok<Collected>({ docs: [], skipped: [] });
  if (!c.ok) return c;
  return ok({ ...c.value, factChecks: batches });
}

export interface FactCheckFileSummary {
  file: string;
  format: FactCheckFormat;
  records: number;
  /** Rows without a claim or a rating. */
  skipped: number;
}

export interface AddSummary {
  added: string[];
  existing: string[];
  relations: Relation[];
  skipped: Collected['skipped'];
  /** The fact-check database files stored (none when only articles were given). */
  factCheckFiles: FactCheckFileSummary[];
}

/**
 * Store what `readSources` read: the articles in one transaction (with copy detection), then the
 * fact-checks in a second one (every input has been read, so only a bug can fail it).
 */
export async function storeSources(store: Store, read: SourceInputs, kind: SourceKind = 'article'): Promise<AddSummary> {
  const r = read.docs.length || !read.factChecks.length ? await addDocuments(store, read.docs, kind) : { added: [], existing: [], relations: [] };
  const fc = await addFactCheckBatches(store, read.factChecks);
  return {
    added: [...r.added, ...fc.added],
    existing: [...r.existing, ...fc.existing],
    relations: r.relations,
    skipped: read.skipped,
    factCheckFiles: read.factChecks.map((b) => ({ file: b.origin, format: b.format, records: b.records.length, skipped: b.skipped.length })),
  };
}

/** `crosscheck add`: read every input (articles and fact-check databases), then store them. */
export async function addSources(store: Store, inputs: string[], options: CollectOptions & { kind?: SourceKind } = {}): Promise<Result<AddSummary, InputError>> {
  const read = await readSources(inputs, options);
  if (!read.ok) return read;
  return ok(await storeSources(store, read.value, options.kind));
}
