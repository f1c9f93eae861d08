import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCheck } from './check.ts';
import { benchComments } from './comments.ts';
import { benchContradictions } from './contradictions.ts';
import { benchFactChecks } from './factchecks.ts';
import { datasetsPresent, DATASETS } from './corpus.ts';
import { machine } from './machine.ts';
import { benchModels } from './models.ts';
import { benchPostgres } from './postgres.ts';
import { benchRelate } from './relate.ts';
import { benchRetrieval } from './retrieval.ts';

/**
 * `npm run bench [-- quick] [-- only=name,name]`: measure, print, and rewrite BENCHMARKS.md.
 * Each step's section is kept in bench/results/<step>.md with its own date, command and machine,
 * so `only=` re-measures some steps and BENCHMARKS.md is rebuilt from every kept section.
 * `quick` leaves out the 100,000-article store and clusters 100,000 comments instead of 1,000,000.
 */
const args = process.argv.slice(2);
const quick = args.includes('quick');
const only = args.find((a) => a.startsWith('only='))?.slice(5).split(',').filter(Boolean);
const RESULTS = join(import.meta.dirname, 'results');

const STEPS: Array<{ name: string; datasets: boolean; run: () => Promise<string> }> = [
  { name: 'check', datasets: false, run: benchCheck },
  { name: 'contradictions', datasets: true, run: () => benchContradictions() },
  { name: 'relate', datasets: true, run: benchRelate },
  { name: 'retrieval', datasets: true, run: () => benchRetrieval(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]) },
  { name: 'postgres', datasets: true, run: () => benchPostgres(quick ? [10_000] : [10_000, 50_000]) },
  { name: 'models', datasets: true, run: benchModels },
  { name: 'fact-checks', datasets: true, run: benchFactChecks },
  { name: 'comments', datasets: true, run: () => benchComments(quick ? { n: 100_000 } : {}) },
];
const unknown = (only ?? []).filter((n) => !STEPS.some((s) => s.name === n));
if (unknown.length) {
  process.stderr.write(`bench: unknown step "${unknown[0]}": expected one of ${STEPS.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}

mkdirSync(RESULTS, { recursive: true });
const hasData = datasetsPresent();
for (const step of STEPS) {
  if (only && !only.includes(step.name)) continue;
  if (step.datasets && !hasData) {
    process.stderr.write(`bench: ${step.name} skipped: ${DATASETS} is missing\n`);
    continue;
  }
  const t0 = Date.now();
  process.stderr.write(`bench: ${step.name}…\n`);
  const body = await step.run();
  const command = `npm run bench --${quick ? ' quick' : ''} only=${step.name}`;
  const provenance = `_Measured on ${new Date().toISOString().slice(0, 10)} with \`${command}\` on ${machine()}._`;
  writeFileSync(join(RESULTS, `${step.name}.md`), `${body.trimEnd()}\n\n${provenance}\n`);
  process.stderr.write(`bench: ${step.name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}

const sections = STEPS.map((s) => join(RESULTS, `${s.name}.md`)).filter(existsSync).map((f) => readFileSync(f, 'utf8'));
const head = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (every step) or `npm run bench -- only=<step>` (some steps; the others keep their last',
  'figures). Each section says when, with which command and on which machine it was measured; compare runs on the',
  'same machine only.',
  '',
].join('\n');
const out = `${head}\n${sections.join('\n')}`;
writeFileSync(join(import.meta.dirname, '..', 'BENCHMARKS.md'), out);
process.stdout.write(out);
