/**
 * One thread of the million-comment benchmark: on the start signal, makes its share of the
 * generated comments in chunks (not timed) and shingles and signs each chunk into the shared
 * signature table (timed), so memory stays bounded by one chunk of text. Then, asked for a range
 * of LSH bands, joins their candidates with its own union-find and sends back the joined pairs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { commentShingles, SignatureTable, UnionFind, type LshOptions } from '../src/comments/lsh.ts';
import { generatedComment, prepareGenerator } from './comments.ts';

interface Job { pool: string[]; n: number; from: number; to: number; lsh: LshOptions; buffers: { sig: SharedArrayBuffer; usable: SharedArrayBuffer } }

const CHUNK = 20_000;
const job = workerData as Job;
const g = prepareGenerator(job.pool, job.n);
const table = new SignatureTable(job.n, job.lsh, job.buffers);
parentPort!.once('message', () => {
  let ms = 0;
  let rss = 0;
  for (let from = job.from; from < job.to; from += CHUNK) {
    const to = Math.min(job.to, from + CHUNK);
    const texts: string[] = [];
    for (let i = from; i < to; i++) texts.push(generatedComment(g, i).text);
    const t0 = performance.now();
    texts.forEach((t, k) => table.addAt(from + k, commentShingles(t)));
    ms += performance.now() - t0;
    rss = Math.max(rss, process.memoryUsage().rss);
  }
  parentPort!.once('message', (bands: { from: number; to: number }) => {
    const t0 = performance.now();
    table.count = job.n;
    const pairs: number[] = [];
    const candidates = table.joinBands(bands.from, bands.to, new UnionFind(job.n), pairs);
    const joined = Uint32Array.from(pairs);
    parentPort!.postMessage({ ms: performance.now() - t0, candidates, pairs: joined, rss: process.memoryUsage().rss }, [joined.buffer]);
  });
  parentPort!.postMessage({ ms, rss });
});
parentPort!.postMessage('ready');
