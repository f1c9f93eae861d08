/**
 * Check latency against a stored corpus, in a process of its own: `node --import tsx
 * bench/check-store.ts STORE` opens the store as `crosscheck check --db STORE` would, checks the
 * 844-word `examples/misc/long-article.json` `runs` times (default 6; the first, which reads the
 * store's pages from disk, is left out) and prints the timings in ms as JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fromInputObject } from '../src/ingest/index.ts';
import { checkDocument } from '../src/pipeline/check.ts';
import { openStore } from '../src/store/index.ts';

const ROOT = join(import.meta.dirname, '..');

export async function checkTimes(location: string, runs = 6): Promise<number[]> {
  const raw = JSON.parse(readFileSync(join(ROOT, 'examples/misc/long-article.json'), 'utf8')) as unknown;
  const opened = await openStore(location);
  if (!opened.ok) throw new Error(opened.error.message);
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const d = fromInputObject(raw, 'long-article.json');
      if (!d.ok) throw new Error(d.error.message);
      const t0 = performance.now();
      await checkDocument(d.value, { store: opened.value });
      if (i > 0) times.push(performance.now() - t0);
    }
  } finally {
    await opened.value.close();
  }
  return times;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [location, runs] = process.argv.slice(2);
  if (!location) throw new Error('usage: bench/check-store.ts STORE [RUNS]');
  console.log(JSON.stringify(await checkTimes(location, runs ? Number(runs) : undefined)));
}
