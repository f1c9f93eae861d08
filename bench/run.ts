import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCheck } from './check.ts';
import { benchComments } from './comments.ts';
import { benchContradictions } from './contradictions.ts';
import { benchFactChecks } from './factchecks.ts';
import { datasetsPresent, DATASETS } from './corpus.ts';
import { machine } from './machine.ts';
import { benchModels } from './models.ts';
import { benchRelate } from './relate.ts';
import { benchRetrieval } from './retrieval.ts';

/**
 * `npm run bench [-- quick]`: measure, print, and rewrite BENCHMARKS.md with the machine, the
 * command and the date. `quick` leaves out the 100,000-article store and clusters 100,000
 * comments instead of 1,000,000.
 */
const quick = process.argv.includes('quick');
const started = `Measured on ${new Date().toISOString().slice(0, 10)} with \`npm run bench${quick ? ' -- quick' : ''}\` on ${machine()}.`;
const sections: string[] = [];
const step = async (name: string, run: () => Promise<string>): Promise<void> => {
  const t0 = Date.now();
  process.stderr.write(`bench: ${name}…\n`);
  sections.push(await run());
  process.stderr.write(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
};
await step('check', benchCheck);
if (datasetsPresent()) {
  await step('contradictions', () => benchContradictions());
  await step('relate', benchRelate);
  await step('retrieval', () => benchRetrieval(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]));
  await step('models', benchModels);
  await step('fact-checks', benchFactChecks);
  await step('comments', () => benchComments(quick ? { n: 100_000 } : {}));
} else {
  sections.push(`Dataset benchmarks skipped: ${DATASETS} is missing.\n`);
}
const head = ['# Benchmarks', '', started, 'Figures are rewritten by every run; compare runs on the same machine only.', ''].join('\n');
const body = `${head}\n${sections.join('\n')}`;
writeFileSync(join(import.meta.dirname, '..', 'BENCHMARKS.md'), body);
process.stdout.write(body);
