/**
 * Earlier fact-checks: MAP@5 of the shipped claim-matching model on the CheckThat! 2022 2A dev and
 * dev-test queries, how fast the fact-check databases import, and how long matching takes per
 * claim with every fact-check of the shared datasets stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addFactCheckBatches, factChecksForClaims, loadMatcher, readFactCheckFile, type FactCheckBatch } from '../src/factcheck/index.ts';
import { readQrels, readQueries } from '../src/factcheck/checkthat.ts';
import { ingest } from '../src/ingest/index.ts';
import { evaluateClaimMatching } from '../src/learn/tasks/claim-matching.ts';
import { DEFAULT_STAGES, runPipeline } from '../src/pipeline/index.ts';
import { openStore } from '../src/store/index.ts';
import { stats } from './machine.ts';

const ROOT = join(import.meta.dirname, '..');
const DATASETS = join(ROOT, '..', 'shared', 'datasets');
const CT = join(DATASETS, 'checkthat2022-task2a-verified-claims');
const VERITAS = join(DATASETS, 'veritas-factcheck-articles');

const FILES: Array<[string, 'vclaims' | 'veritas']> = [
  [join(CT, 'vclaims.jsonl'), 'vclaims'],
  ...['v2.1_snopes.csv', 'v2.1_politifact.csv', 'v2.1_factcheck.csv', 'v2.1_emergent.csv', 'veritas4.1.csv'].map((f): [string, 'veritas'] => [join(VERITAS, f), 'veritas']),
];

export async function benchFactChecks(): Promise<string> {
  const m = loadMatcher();
  if (!m.ok) throw new Error(m.error.message);
  const lines = ['## Earlier fact-checks', ''];

  // MAP@5 on the public splits (the test queries are held back).
  const rows: string[] = [];
  for (const [split, queriesFile, qrelsFile] of [
    ['dev', 'CT2022-Task2A-EN-Train-Dev_Queries.tsv', 'CT2022-Task2A-EN-Dev_QRELs.tsv'],
    ['dev-test', 'CT2022-Task2A-EN-Dev-Test_Queries.tsv', 'CT2022-Task2A-EN-Dev-Test_QRELs.tsv'],
  ] as const) {
    const q = readQueries(join(CT, queriesFile));
    const r = readQrels(join(CT, qrelsFile));
    if (!q.ok || !r.ok) throw new Error(`${split}: cannot read the CheckThat! files`);
    const f = await evaluateClaimMatching(join(CT, 'vclaims.jsonl'), q.value, r.value, m.value);
    rows.push(`| ${split} | ${f.queries} | ${f.map1} | ${f.map5} | ${f.mrr} | ${f['recall@5']} | ${f['recall@candidates']} | ${f.msPerQuery} ms |`);
  }
  lines.push(
    'CheckThat! 2022 task 2A English (14,231 Snopes fact-checks; `crosscheck eval claim-matching --vclaims vclaims.jsonl --queries Q.tsv --qrels R.tsv`):',
    '',
    '| split | queries | MAP@1 | MAP@5 | MRR | recall@5 | recall of the candidates | time per query |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  );

  // Import: read and store every fact-check database of the shared datasets in one SQLite file.
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-fc-'));
  try {
    const store = await openStore(join(dir, 'store.db'));
    if (!store.ok) throw new Error(store.error.message);
    try {
      const t0 = performance.now();
      const batches: FactCheckBatch[] = [];
      for (const [file, format] of FILES) {
        const r = await readFactCheckFile(file, format);
        if (!r.ok) throw new Error(r.error.message);
        batches.push({ ...r.value, origin: file });
      }
      const t1 = performance.now();
      const added = await addFactCheckBatches(store.value, batches);
      const t2 = performance.now();
      const records = batches.reduce((a, b) => a + b.records.length, 0);
      const skipped = batches.reduce((a, b) => a + b.skipped.length, 0);
      lines.push(
        `Import (\`crosscheck add\` of vclaims.jsonl and the five Veritas TSVs): ${records} records read (${skipped} rows without a claim or rating skipped), ` +
          `${added.added.length} stored (the rest repeat a stored URL or record) in ${((t2 - t0) / 1000).toFixed(1)} s: ` +
          `reading ${((t1 - t0) / 1000).toFixed(1)} s, storing ${((t2 - t1) / 1000).toFixed(1)} s, ${Math.round(records / ((t2 - t0) / 1000))} records a second.`,
        '',
      );

      // Matching: the claims of the example capture against every stored fact-check.
      const docs = await ingest(join(ROOT, 'examples', 'northwind', 'harbourline-gazette.txt'));
      if (!docs.ok) throw new Error(docs.error.message);
      const doc = docs.value[0]!;
      await runPipeline(doc, {}, DEFAULT_STAGES);
      const claims = doc.claims ?? [];
      await factChecksForClaims(store.value, claims.slice(0, 2), { date: doc.published, matcher: m.value });
      const samples: number[] = [];
      let matched = 0;
      for (let round = 0; round < 3; round++) {
        for (const c of claims) {
          const t = performance.now();
          const found = await factChecksForClaims(store.value, [c], { date: doc.published, matcher: m.value });
          samples.push(performance.now() - t);
          if (round === 0 && (found.get(c.id)?.length ?? 0) > 0) matched++;
        }
      }
      const s = stats(samples);
      const total = (await store.value.list({ kind: 'factcheck' })).length;
      lines.push(
        `Matching one claim against ${total} stored fact-checks (SQLite; the ${claims.length} claims of examples/northwind/harbourline-gazette.txt, 3 rounds): ` +
          `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms per claim; ${matched} of ${claims.length} claims matched a fact-check (the story is made up, so 0 is right).`,
        '',
      );
    } finally {
      await store.value.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  console.log(await benchFactChecks());
}
