/**
 * Retrieval and check latency against stores of 1k, 10k and 100k articles built from the
 * datasets' real articles (and paragraph mixtures of them), compared in the same run with a
 * plain FTS5 query on the same index as the peer. Also the ingest rate of `add`.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { annotate } from '../src/annotate/index.ts';
import { extractClaims } from '../src/claims/index.ts';
import { fromInputObject } from '../src/ingest/index.ts';
import { createDocument, type Claim } from '../src/model/index.ts';
import { checkDocument } from '../src/pipeline/check.ts';
import { addDocuments } from '../src/pipeline/sources.ts';
import { claimQuery, rerank } from '../src/retrieve/index.ts';
import { fold, openStore } from '../src/store/index.ts';
import { corpus } from './corpus.ts';
import { stats } from './machine.ts';
import { loadBasil } from './relate.ts';

const ROOT = join(import.meta.dirname, '..');

export function queryClaims(): Claim[] {
  const claims: Claim[] = [];
  for (const t of loadBasil().slice(0, 30)) {
    const doc = createDocument({ origin: t.id, format: 'json', text: t.text, published: t.published });
    doc.annotations = annotate(doc);
    claims.push(...extractClaims(doc).slice(0, 3));
  }
  return claims.slice(0, 60);
}

/** The peer: the plain FTS5 query over the same index, with the same OR-ed words. */
function ftsPeer(file: string): (terms: string[]) => number {
  const db = new Database(file, { readonly: true });
  const stmt = db.prepare('SELECT rowid, bm25(passages_fts) AS r FROM passages_fts WHERE passages_fts MATCH ? ORDER BY r LIMIT 25');
  return (terms) => {
    const match = terms.map((t) => `"${fold(t).replace(/"/g, '')}"`).filter((t) => t !== '""').join(' OR ');
    return match ? stmt.all(match).length : 0;
  };
}

export async function benchRetrieval(sizes = [1_000, 10_000, 100_000]): Promise<string> {
  const claims = queryClaims();
  const longRaw = JSON.parse(readFileSync(join(ROOT, 'examples/misc/long-article.json'), 'utf8')) as unknown;
  const rows: string[] = [];
  const all = corpus(Math.max(...sizes));
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `crosscheck-bench-${n}-`));
    const file = join(dir, 'store.db');
    const opened = await openStore(file);
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    let closed = false;
    try {
      const t0 = performance.now();
      for (let i = 0; i < n; i += 2_000) await addDocuments(store, all.slice(i, Math.min(n, i + 2_000)));
      const ingestSeconds = (performance.now() - t0) / 1000;
      const ours: number[] = [];
      const peer: number[] = [];
      const fts = ftsPeer(file);
      for (let round = 0; round < 2; round++) {
        for (const c of claims) {
          const q = claimQuery(c);
          const a = performance.now();
          const hits = await store.search({ text: q.text, limit: 25 });
          rerank(c, hits.map((h) => ({ ...h, text: h.passage.text })));
          const b = performance.now();
          fts(q.terms);
          const e = performance.now();
          if (round === 1) { ours.push(b - a); peer.push(e - b); }
        }
      }
      const checks: number[] = [];
      for (let i = 0; i < 6; i++) {
        const d = fromInputObject(longRaw, 'long-article.json');
        if (!d.ok) throw new Error(d.error.message);
        const a = performance.now();
        await checkDocument(d.value, { store });
        if (i > 0) checks.push(performance.now() - a);
      }
      const o = stats(ours);
      const p = stats(peer);
      const c = stats(checks);
      // The same check in a process of its own that opens the store, as `crosscheck check --db` does
      // (this process still holds the whole corpus it ingested).
      await store.close();
      closed = true;
      const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'check-store.ts'), file], { cwd: ROOT, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`bench/check-store.ts failed: ${child.stderr}`);
      const own = stats(JSON.parse(child.stdout) as number[]);
      rows.push(`| ${n.toLocaleString('en-US')} | ${(n / ingestSeconds).toFixed(0)} | ${o.median.toFixed(2)} ms | ${o.p95.toFixed(2)} ms | ${p.median.toFixed(2)} ms | ${(o.median / p.median).toFixed(2)}× | ${own.median.toFixed(0)} ms | ${c.median.toFixed(0)} ms |`);
    } finally {
      if (!closed) await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [
    '## Retrieval and check latency by store size',
    '',
    'Stores built with `addDocuments` (signatures and copy detection included) from the datasets\' real articles',
    '(FNC-1 bodies, BASIL, SciFact abstracts) and, past those, mixtures of their paragraphs. Queries: 60 claims from',
    'BASIL articles. "Ours" = query building + store search (FTS5 bm25, OR of the claim\'s words, 25 passages) +',
    're-ranking, where the store keeps the claim\'s 8 rarest words (document frequency ≤ 3 %); the peer is the plain FTS5',
    '`MATCH … ORDER BY bm25 LIMIT 25` over the same index with all of the claim\'s query words OR-ed (what a straightforward',
    'FTS5 retrieval does).',
    'Check = median `checkDocument` of the 844-word `examples/misc/long-article.json` (all stages, evidence, verdicts), 5 runs after',
    'a first: in a process of its own that opens the store as `crosscheck check --db` does (`bench/check-store.ts`), and in the',
    'benchmark process right after the ingest, which still holds in memory the whole corpus it added.',
    '',
    '| articles | add (docs/s) | ours median | ours p95 | plain FTS5 median | ratio | check, 844 words | the same check in the ingesting process |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  console.log(await benchRetrieval(sizes.length ? sizes : undefined));
}
