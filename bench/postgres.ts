/**
 * The PostgreSQL store against the SQLite store on the same articles, in the same run: ingest
 * rate, claim search latency and check latency, on a throwaway local server started as the tests
 * start it (initdb + pg_ctl on 127.0.0.1, fsync off, shared_buffers 32 MB). Skipped, with a
 * line saying so, when no PostgreSQL binaries are installed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fromInputObject } from '../src/ingest/index.ts';
import { checkDocument } from '../src/pipeline/check.ts';
import { addDocuments } from '../src/pipeline/sources.ts';
import { claimQuery } from '../src/retrieve/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { findPgBin, startPostgres } from '../test/helpers/postgres.ts';
import { corpus } from './corpus.ts';
import { stats } from './machine.ts';
import { queryClaims } from './retrieval.ts';

const ROOT = join(import.meta.dirname, '..');

interface Measured { addPerSecond: number; search: { median: number; p95: number }; check: number }

async function measure(store: Store, docs: ReturnType<typeof corpus>, claims: ReturnType<typeof queryClaims>, longRaw: unknown): Promise<Measured> {
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += 2_000) await addDocuments(store, docs.slice(i, i + 2_000));
  const addPerSecond = docs.length / ((performance.now() - t0) / 1000);
  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const c of claims) {
      const q = claimQuery(c);
      const a = performance.now();
      await store.search({ text: q.text, limit: 25, kind: 'article' });
      if (round === 1) times.push(performance.now() - a);
    }
  }
  const checks: number[] = [];
  for (let i = 0; i < 4; i++) {
    const d = fromInputObject(longRaw, 'long-article.json');
    if (!d.ok) throw new Error(d.error.message);
    const a = performance.now();
    await checkDocument(d.value, { store });
    if (i > 0) checks.push(performance.now() - a);
  }
  const s = stats(times);
  return { addPerSecond, search: { median: s.median, p95: s.p95 }, check: stats(checks).median };
}

export async function benchPostgres(sizes = [10_000]): Promise<string> {
  const head = ['## PostgreSQL store', ''];
  const bin = await findPgBin();
  if (!bin) return [...head, 'Not measured: no PostgreSQL binaries (initdb, pg_ctl) on this machine.', ''].join('\n');
  const claims = queryClaims();
  const longRaw = JSON.parse(readFileSync(join(ROOT, 'examples/misc/long-article.json'), 'utf8')) as unknown;
  const all = corpus(Math.max(...sizes));
  const server = await startPostgres(bin);
  const rows: string[] = [];
  try {
    for (const n of sizes) {
      const docs = all.slice(0, n);
      const pgOpened = await openStore(await server.createDatabase(`bench_${n}`));
      if (!pgOpened.ok) throw new Error(pgOpened.error.message);
      let pgm: Measured;
      try { pgm = await measure(pgOpened.value, docs, claims, longRaw); } finally { await pgOpened.value.close(); }
      const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-pg-'));
      const lite = await openStore(join(dir, 'store.db'));
      if (!lite.ok) throw new Error(lite.error.message);
      let sq: Measured;
      try { sq = await measure(lite.value, docs, claims, longRaw); } finally { await lite.value.close(); rmSync(dir, { recursive: true, force: true }); }
      const ms = (x: number): string => `${x.toFixed(1)} ms`;
      rows.push(`| ${n.toLocaleString('en-US')} | PostgreSQL | ${pgm.addPerSecond.toFixed(0)} | ${ms(pgm.search.median)} | ${ms(pgm.search.p95)} | ${pgm.check.toFixed(0)} ms |`);
      rows.push(`| ${n.toLocaleString('en-US')} | SQLite (same run) | ${sq.addPerSecond.toFixed(0)} | ${ms(sq.search.median)} | ${ms(sq.search.p95)} | ${sq.check.toFixed(0)} ms |`);
      rows.push(`| | ratio PostgreSQL / SQLite | ${(pgm.addPerSecond / sq.addPerSecond).toFixed(2)}× | ${(pgm.search.median / sq.search.median).toFixed(2)}× | ${(pgm.search.p95 / sq.search.p95).toFixed(2)}× | ${(pgm.check / sq.check).toFixed(2)}× |`);
    }
  } finally {
    await server.stop();
  }
  return [...head,
    'The same articles as the retrieval section (real dataset articles, then mixtures of their paragraphs) added with',
    '`addDocuments` in batches of 2,000 to a PostgreSQL store (`--db postgres://…`, a throwaway local server: fsync off,',
    'shared_buffers 32 MB, client and server on the same 2 cores) and to a SQLite store. Search = `store.search` of 60',
    'BASIL claims (25 passages, articles only); check = `checkDocument` of the 844-word `examples/misc/long-article.json`.',
    '',
    '| articles | store | add (docs/s) | search median | search p95 | check, 844 words |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  console.log(await benchPostgres(sizes.length ? sizes : undefined));
}
