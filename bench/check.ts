import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fromInputObject } from '../src/ingest/index.ts';
import { checkDocument } from '../src/pipeline/check.ts';
import { stats } from './machine.ts';

const ROOT = join(import.meta.dirname, '..');

/** Check latency of one ~850-word article, in process (after start-up) and as a whole CLI run. */
export async function benchCheck(): Promise<string> {
  const file = join(ROOT, 'examples/misc/long-article.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const once = fromInputObject(raw, file);
  if (!once.ok) throw new Error(once.error.message);
  const words = once.value.text.split(/\s+/).length;
  for (let i = 0; i < 5; i++) {
    const d = fromInputObject(raw, file);
    if (d.ok) await checkDocument(d.value);
  }
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    const d = fromInputObject(raw, file);
    if (!d.ok) throw new Error(d.error.message);
    const t0 = performance.now();
    await checkDocument(d.value);
    samples.push(performance.now() - t0);
  }
  const s = stats(samples);
  // Time the installed CLI: the bundle that `npm ci` builds.
  spawnSync(process.execPath, [join(ROOT, 'scripts/build.js')], { cwd: ROOT, stdio: 'inherit' });
  const cli: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/crosscheck.js'), 'check', file, '--format', 'json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    cli.push(performance.now() - t0);
  }
  const c = stats(cli);
  return [
    '## Checking one article',
    '',
    `Input: \`examples/misc/long-article.json\` (${words} words). In-process: ingest excluded, 5 warm-up runs, then 50 timed runs of`,
    'metadata + annotate + claims + report. CLI: the whole `crosscheck check … --format json` process, 5 runs, start-up included.',
    '',
    '| measure | median | p95 | mean |',
    '|---|---|---|---|',
    `| check, in process | ${s.median.toFixed(1)} ms | ${s.p95.toFixed(1)} ms | ${s.mean.toFixed(1)} ms |`,
    `| \`crosscheck check\` process, start-up included | ${c.median.toFixed(0)} ms | ${c.p95.toFixed(0)} ms | ${c.mean.toFixed(0)} ms |`,
    '',
  ].join('\n');
}
