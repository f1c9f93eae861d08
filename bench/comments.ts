/**
 * Comment-section benchmarks (issue 5): genuine human threads must stay clean, YouTube spam on a
 * held-out video, and clustering a million comments against a pairwise baseline. Data is read
 * from ../shared/datasets at run time, never copied.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyseComments, type SpamScorer } from '../src/comments/index.ts';
import { commentShingles, SignatureTable, UnionFind, type LshOptions } from '../src/comments/lsh.ts';
import { loadSpamScorer } from '../src/comments/spam.ts';
import { parseCsv } from '../src/learn/data.ts';
import { evaluateCommentSpam } from '../src/learn/tasks/comment-spam.ts';
import type { Comment } from '../src/model/index.ts';
import { rng } from './corpus.ts';

export const DATASETS = join(import.meta.dirname, '..', '..', 'shared', 'datasets');

/** A comment section: the text it sits under (or null) and its comments. */
export interface Section {
  name: string;
  article: string | null;
  comments: Comment[];
}

/**
 * fanchuan-parody-comments: Reddit and TikTok comments with reply links. A section is one root
 * comment with all its replies (the files hold no post id); `whole` gives one section a file.
 */
export function loadFanchuan(datasets = DATASETS, whole = false): Section[] {
  const sections: Section[] = [];
  for (const platform of ['Reddit-Trump', 'Tiktok-Trump']) {
    for (const split of ['train', 'val']) {
      const rows = parseCsv(readFileSync(join(datasets, 'fanchuan-parody-comments', platform, `comments_${split}.csv`), 'utf8'));
      const head = rows[0] ?? [];
      const col = (name: string): number => head.indexOf(name);
      const [cId, cParent, cUser, cText] = [col('comment_id'), col('parent_comment_id'), col('user_id'), col('content')];
      const seen = new Set<string>();
      const items: Array<{ id: string; parent: string; author: string; text: string }> = [];
      for (const r of rows.slice(1)) {
        const id = r[cId] ?? '';
        if (!id || seen.has(id)) continue;
        seen.add(id);
        items.push({ id, parent: r[cParent] ?? '', author: r[cUser] ?? '', text: r[cText] ?? '' });
      }
      const byId = new Map(items.map((x) => [x.id, x]));
      const rootOf = (x: (typeof items)[number]): string => {
        let cur = x;
        for (let d = 0; d < 100; d++) {
          const p = byId.get(cur.parent);
          if (!p) return cur.parent && !whole ? cur.parent : cur.id;
          cur = p;
        }
        return cur.id;
      };
      const groups = new Map<string, Comment[]>();
      for (const x of items) {
        const key = whole ? 'all' : rootOf(x);
        const c: Comment = { id: x.id, text: x.text };
        if (x.author) c.author = `user${x.author}`;
        if (byId.has(x.parent)) c.replyTo = x.parent;
        const g = groups.get(key);
        if (g) g.push(c);
        else groups.set(key, [c]);
      }
      for (const [key, comments] of groups) {
        // A reply whose parent fell into another group (it cannot: roots are followed) keeps no link.
        const ids = new Set(comments.map((c) => c.id));
        for (const c of comments) if (c.replyTo !== undefined && !ids.has(c.replyTo)) delete c.replyTo;
        sections.push({ name: `${platform}/${split}/${key}`, article: null, comments });
      }
    }
  }
  return sections;
}

/** RumourEval 2017: each conversation is a section; the source tweet is the text, the replies the comments. */
export function loadRumourEval(datasets = DATASETS, splits: readonly string[] = ['train', 'dev', 'test']): Section[] {
  const lines = readFileSync(join(datasets, 'rumoureval2017', 'rumoureval2017_tweets.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  const threads = new Map<string, { source: string | null; replies: Comment[] }>();
  for (const line of lines) {
    const t = JSON.parse(line) as { split: string; thread_id: string; tweet_id: string; is_source: boolean; in_reply_to_status_id: string | null; created_at: string; text: string; user_screen_name: string };
    if (!splits.includes(t.split)) continue;
    const th = threads.get(t.thread_id) ?? { source: null, replies: [] };
    threads.set(t.thread_id, th);
    if (t.is_source) { th.source = t.text; continue; }
    const c: Comment = { id: t.tweet_id, text: t.text, author: t.user_screen_name };
    const when = new Date(t.created_at);
    if (!Number.isNaN(when.getTime())) c.published = when.toISOString();
    if (t.in_reply_to_status_id && t.in_reply_to_status_id !== t.thread_id) c.replyTo = t.in_reply_to_status_id;
    th.replies.push(c);
  }
  const sections: Section[] = [];
  for (const [id, th] of threads) {
    const ids = new Set(th.replies.map((c) => c.id));
    for (const c of th.replies) if (c.replyTo !== undefined && !ids.has(c.replyTo)) delete c.replyTo;
    th.replies.sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''));
    sections.push({ name: `rumoureval/${id}`, article: th.source, comments: th.replies });
  }
  return sections;
}

export interface GenuineFigures {
  sections: number;
  comments: number;
  flagged: number;
  flaggedShare: number;
  /** Sections of at least `minSize` comments: their coordination. */
  measured: number;
  meanCoordination: number;
  maxCoordination: number;
  /** Share of measured sections at or above 0.3. */
  coordinatedShare: number;
  examples: string[];
}

/** Run the analysis over genuine sections: how many comments get flagged, how coordinated sections look. */
export function genuineFigures(sections: Section[], spam: SpamScorer | null, minSize = 5): GenuineFigures {
  let comments = 0;
  let flagged = 0;
  const coords: number[] = [];
  const examples: string[] = [];
  for (const s of sections) {
    const a = analyseComments(s.comments, { articleText: s.article, spam });
    comments += s.comments.length;
    for (const it of a.items) {
      if (!it.flagged) continue;
      flagged++;
      if (examples.length < 12) examples.push(`${s.name} ${it.id} ${it.score}: ${it.reasons[0]}`);
    }
    if (s.comments.length >= minSize) coords.push(a.coordination);
  }
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    sections: sections.length,
    comments,
    flagged,
    flaggedShare: r(flagged / Math.max(1, comments)),
    measured: coords.length,
    meanCoordination: r(coords.reduce((a, b) => a + b, 0) / Math.max(1, coords.length)),
    maxCoordination: r(Math.max(0, ...coords)),
    coordinatedShare: r(coords.filter((c) => c >= 0.3).length / Math.max(1, coords.length)),
    examples,
  };
}

/** Comment texts of every dataset that holds comments or short posts (for the scale benchmark's pool). */
export function realCommentTexts(datasets = DATASETS): string[] {
  const texts = new Set<string>();
  for (const s of [...loadFanchuan(datasets, true), ...loadRumourEval(datasets)]) for (const c of s.comments) texts.add(c.text);
  for (const video of ['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO', 'Youtube04-Eminem']) {
    const rows = parseCsv(readFileSync(join(datasets, 'youtube-spam-collection', `${video}.csv`), 'utf8'));
    for (const r of rows.slice(1)) if (r[3]) texts.add(r[3]);
  }
  for (const split of ['train', 'validation']) {
    const rows = parseCsv(readFileSync(join(datasets, 'tweepfake', `${split}.csv`), 'utf8'), ';');
    for (const r of rows.slice(1)) if (r[1]) texts.add(r[1]);
  }
  return [...texts].filter((t) => t.split(/\s+/).length >= 4);
}


/** What the generator needs, prepared once per thread. */
export interface GeneratorState {
  words: string[][];
  vocab: string[];
  templates: string[][];
  campaigns: number;
  seed: number;
}

export const VARIANTS = 20;

export function prepareGenerator(pool: string[], n: number, seed = 7): GeneratorState {
  const words = pool.map((t) => t.split(/\s+/).filter(Boolean));
  const r = rng(seed);
  const long = words.filter((w) => w.length >= 12);
  const campaigns = Math.floor((n * 0.1) / VARIANTS);
  return { words, vocab: words.flat(), templates: Array.from({ length: campaigns }, () => long[Math.floor(r() * long.length)]!), campaigns, seed };
}

/** The planted campaign of comment i, or −1: one comment in ten, while campaigns last. */
export function campaignOf(g: GeneratorState, i: number): number {
  return i % 10 === 0 && i / 10 < g.campaigns * VARIANTS ? (i / 10) % g.campaigns : -1;
}

/**
 * Comment i of a generated million, made from real comments; any i can be made alone (each
 * comment has its own seeded generator), so threads can share the work. 10 % belong to planted
 * campaigns (a real comment of 12+ words, 20 variants each with 10 % of the words replaced and
 * 5 % dropped); 90 % are distinct background comments (the first, middle and last thirds of
 * three real comments, 30 % of the words replaced).
 */
export function generatedComment(g: GeneratorState, i: number): { text: string; campaign: number } {
  const r = rng(g.seed ^ Math.imul(i + 1, 0x9e3779b1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const mutate = (ws: readonly string[], replace: number, drop: number): string => {
    let out = '';
    for (const w of ws) {
      if (drop && r() < drop) continue;
      out += `${out ? ' ' : ''}${r() < replace ? pick(g.vocab) : w}`;
    }
    return out;
  };
  const campaign = campaignOf(g, i);
  if (campaign >= 0) return { text: mutate(g.templates[campaign]!, 0.1, 0.05), campaign };
  // A third of each of three real comments, so that two background comments rarely share more.
  const third = (ws: string[], k: number): string[] => ws.slice(Math.floor((ws.length * k) / 3), Math.ceil((ws.length * (k + 1)) / 3));
  return { text: mutate([...third(pick(g.words), 0), ...third(pick(g.words), 1), ...third(pick(g.words), 2)], 0.3, 0), campaign: -1 };
}

export function* generatedComments(pool: string[], n: number, seed = 7): Generator<{ text: string; campaign: number }> {
  const g = prepareGenerator(pool, n, seed);
  for (let i = 0; i < n; i++) yield generatedComment(g, i);
}

export interface ScaleFigures {
  n: number;
  threads: number;
  /** Shingling and signing: the longest time a thread spent on it (texts generated outside the timing). */
  shingleSeconds: number;
  clusterSeconds: number;
  totalSeconds: number;
  /** CPU time of the process (all threads) from the start signal to the clusters, generating the texts included. */
  cpuSeconds: number;
  candidates: number;
  /** Planted campaign pairs clustered together / all planted pairs. */
  campaignPairRecall: number;
  /** Background comments put in any cluster. */
  backgroundClustered: number;
  peakRssMiB: number;
  signatureMiB: number;
}

export const SCALE_LSH = { hashes: 48, bands: 24, threshold: 0.4 } as const;

/**
 * Cluster `n` generated comments with the LSH index, the signatures computed by `threads` worker
 * threads into one shared table: time (generating the texts is not counted), memory, and recall of
 * the planted campaigns.
 */
export async function scaleFigures(pool: string[], n: number, threads = 2, lsh: LshOptions = SCALE_LSH): Promise<ScaleFigures> {
  const { Worker } = await import('node:worker_threads');
  const buffers = SignatureTable.buffers(n, lsh.hashes ?? 48);
  const step = Math.ceil(n / threads);
  // A worker does not inherit tsx's loader: it registers it, then loads the TypeScript entry.
  const entry = JSON.stringify(new URL('./comments-worker.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${entry}); })`;
  const workers = Array.from({ length: threads }, (_, w) => new Worker(boot, {
    eval: true,
    workerData: { pool, n, from: w * step, to: Math.min(n, (w + 1) * step), lsh, buffers },
  }));
  const next = (w: InstanceType<typeof Worker>): Promise<unknown> => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
  await Promise.all(workers.map(next));
  const done = workers.map(next) as Array<Promise<{ ms: number; rss: number }>>;
  const c0 = process.cpuUsage();
  for (const w of workers) w.postMessage('go');
  const results = await Promise.all(done);
  const signing = Math.max(...results.map((r) => r.ms));
  const t1 = performance.now();
  // Clustering: each thread joins the candidates of its share of the bands with its own
  // union-find; the joined pairs are replayed into one here.
  const bands = lsh.bands ?? 16;
  const perThread = Math.ceil(bands / threads);
  const joined = workers.map(next) as Array<Promise<{ ms: number; candidates: number; pairs: Uint32Array; rss: number }>>;
  workers.forEach((w, k) => w.postMessage({ from: Math.min(bands, k * perThread), to: Math.min(bands, (k + 1) * perThread) }));
  const parts = await Promise.all(joined);
  const uf = new UnionFind(n);
  for (const p of parts) for (let x = 0; x + 1 < p.pairs.length; x += 2) uf.union(p.pairs[x]!, p.pairs[x + 1]!);
  const candidates = parts.reduce((s, p) => s + p.candidates, 0);
  const cpu = process.cpuUsage(c0);
  const t2 = performance.now();
  const peakWorkers = Math.max(...results.map((r) => r.rss), ...parts.map((p) => p.rss));
  await Promise.all(workers.map((w) => w.terminate()));
  const peak = Math.max(process.memoryUsage().rss, peakWorkers);
  const g = prepareGenerator(pool, n);
  const byCampaign = new Map<number, Map<number, number>>();
  let background = 0;
  let planted = 0;
  for (let j = 0; j < n; j++) {
    const root = uf.find(j);
    const cj = campaignOf(g, j);
    if (cj < 0) { if (uf.size[root]! > 1) background++; continue; }
    planted++;
    const m = byCampaign.get(cj) ?? new Map<number, number>();
    m.set(root, (m.get(root) ?? 0) + 1);
    byCampaign.set(cj, m);
  }
  let together = 0;
  let all = 0;
  for (const m of byCampaign.values()) {
    let size = 0;
    for (const k of m.values()) { together += (k * (k - 1)) / 2; size += k; }
    all += (size * (size - 1)) / 2;
  }
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    n,
    threads,
    shingleSeconds: r3(signing / 1000),
    clusterSeconds: r3((t2 - t1) / 1000),
    totalSeconds: r3((signing + t2 - t1) / 1000),
    cpuSeconds: r3((cpu.user + cpu.system) / 1e6),
    candidates,
    campaignPairRecall: r3(together / Math.max(1, all)),
    backgroundClustered: r3(background / Math.max(1, n - planted)),
    peakRssMiB: Math.round(peak / 2 ** 20),
    signatureMiB: Math.round(buffers.sig.byteLength / 2 ** 20),
  };
}

export interface BaselineFigures {
  n: number;
  pairwiseSeconds: number;
  lshSeconds: number;
  /** Pairs at exact Jaccard ≥ the threshold (of the same shingles), and how many the LSH clusters join. */
  exactPairs: number;
  lshRecall: number;
}

/** The straightforward baseline: every pair's exact Jaccard on a slice, against LSH on the same slice. */
export function baselineFigures(pool: string[], n: number, lsh: LshOptions = SCALE_LSH): BaselineFigures {
  const threshold = lsh.threshold ?? 0.5;
  const texts = [...generatedComments(pool, n)].map((c) => c.text);
  const t0 = performance.now();
  const sets = texts.map((t) => new Set(commentShingles(t)));
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const a = sets[i]!;
    if (a.size < 4) continue;
    for (let j = i + 1; j < n; j++) {
      const b = sets[j]!;
      if (b.size < 4) continue;
      let inter = 0;
      for (const x of a) if (b.has(x)) inter++;
      if (inter / (a.size + b.size - inter) >= threshold) pairs.push([i, j]);
    }
  }
  const t1 = performance.now();
  const table = new SignatureTable(n, lsh);
  for (const t of texts) table.add(commentShingles(t));
  const { uf } = table.cluster();
  const t2 = performance.now();
  const found = pairs.filter(([i, j]) => uf.find(i) === uf.find(j)).length;
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return { n, pairwiseSeconds: r3((t1 - t0) / 1000), lshSeconds: r3((t2 - t1) / 1000), exactPairs: pairs.length, lshRecall: r3(found / Math.max(1, pairs.length)) };
}

/** YouTube spam on the held-out video, through the comment analysis (classifier + promotion cue). */
export function spamThroughAnalysis(datasets = DATASETS): { f1: number; precision: number; recall: number; n: number } {
  const rows = parseCsv(readFileSync(join(datasets, 'youtube-spam-collection', 'Youtube04-Eminem.csv'), 'utf8')).slice(1).filter((r) => r.length >= 5);
  const comments: Comment[] = rows.map((r, i) => ({ id: `y${i}`, text: r[3] ?? '' }));
  const a = analyseComments(comments, { spam: loadSpamScorer() });
  let tp = 0, fp = 0, fn = 0;
  a.items.forEach((it, i) => {
    const gold = rows[i]![4]?.trim() === '1';
    const pred = it.reasons.some((x) => x.startsWith('promotional'));
    if (pred && gold) tp++; else if (pred) fp++; else if (gold) fn++;
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return { f1: r3((2 * precision * recall) / Math.max(1e-9, precision + recall)), precision: r3(precision), recall: r3(recall), n: rows.length };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/**
 * The comments section of BENCHMARKS.md: genuine threads, the seed page, YouTube spam on the
 * held-out video, and a million comments clustered against the pairwise baseline.
 */
export async function benchComments(options: { n?: number; baselineN?: number; threads?: number } = {}): Promise<string> {
  const { loadavg } = await import('node:os');
  const load = (): string => loadavg()[0]!.toFixed(1);
  const n = options.n ?? 1_000_000;
  const baselineN = options.baselineN ?? 3_000;
  const spam = loadSpamScorer();
  const out: string[] = ['## Comment sections', ''];
  out.push('Genuine human threads must stay clean (target: ≤ 2 % of comments flagged, section coordination < 0.3).', '');
  out.push('| threads | sections | comments | flagged | mean / max coordination (sections of 5+) | sections ≥ 0.3 |', '|---|---|---|---|---|---|');
  const rows: Array<[string, Section[]]> = [
    ['fanchuan-parody-comments validation, one section a root comment', loadFanchuan().filter((s) => s.name.includes('/val/'))],
    ['fanchuan-parody-comments validation, one section a file', loadFanchuan(DATASETS, true).filter((s) => s.name.includes('/val/'))],
    ['fanchuan-parody-comments train, one section a file', loadFanchuan(DATASETS, true).filter((s) => s.name.includes('/train/'))],
    ['RumourEval 2017 conversations, all splits', loadRumourEval()],
  ];
  for (const [name, sections] of rows) {
    const f = genuineFigures(sections, spam);
    out.push(`| ${name} | ${f.sections} | ${f.comments} | ${f.flagged} (${pct(f.flaggedShare)}) | ${f.meanCoordination.toFixed(3)} / ${f.maxCoordination.toFixed(2)} | ${pct(f.coordinatedShare)} |`);
  }
  const spamEval = evaluateCommentSpam(DATASETS) as { heldOut: { f1: number; precision: number; recall: number }; leaveOneVideoOutF1: Record<string, number> };
  const through = spamThroughAnalysis();
  out.push('', `Promotional spam, YouTube Spam Collection, held-out video Youtube04-Eminem (model trained on the other three): classifier F1 ${spamEval.heldOut.f1.toFixed(3)} (precision ${spamEval.heldOut.precision.toFixed(3)}, recall ${spamEval.heldOut.recall.toFixed(3)}); through the comment analysis, which also asks for a promotion cue besides a bare link, F1 ${through.f1.toFixed(3)} (precision ${through.precision.toFixed(3)}, recall ${through.recall.toFixed(3)}). Leave-one-video-out F1 of fresh models: ${Object.entries(spamEval.leaveOneVideoOutF1).map(([v, f]) => `${v} ${f.toFixed(3)}`).join(', ')}.`, '');
  const pool = realCommentTexts();
  const b = baselineFigures(pool, baselineN);
  const loadBefore = load();
  const s = await scaleFigures(pool, n, options.threads ?? 2);
  const loadAfter = load();
  out.push(`Clustering at scale: ${n.toLocaleString('en-US')} comments generated from ${pool.length.toLocaleString('en-US')} real ones (10 % in planted campaigns of 20 variants with 10 % of the words swapped), MinHash (${SCALE_LSH.hashes} hashes, 16-bit) with LSH (${SCALE_LSH.bands} bands) over content words and skeleton 4-grams, joined at estimated Jaccard ≥ ${SCALE_LSH.threshold}. Load average ${loadBefore} before and ${loadAfter} after the run (other work on the machine slows the wall times).`, '');
  out.push('| measure | figure |', '|---|---|');
  out.push(`| ${n.toLocaleString('en-US')} comments: shingles and signatures / clustering (${s.threads} threads each) / total wall time | ${s.shingleSeconds.toFixed(1)} s / ${s.clusterSeconds.toFixed(1)} s / ${s.totalSeconds.toFixed(1)} s |`);
  out.push(`| CPU time of the process, all threads (generating the texts included) | ${s.cpuSeconds.toFixed(1)} s |`);
  out.push(`| memory: signatures / peak resident set of the process (all threads, with the TypeScript loader) | ${s.signatureMiB} MiB / ${s.peakRssMiB} MiB |`);
  out.push(`| planted campaign pairs joined / background comments put in a cluster | ${pct(s.campaignPairRecall)} / ${pct(s.backgroundClustered)} |`);
  out.push(`| baseline, ${baselineN.toLocaleString('en-US')} comments: every pair's exact Jaccard / LSH on the same slice | ${b.pairwiseSeconds.toFixed(2)} s / ${b.lshSeconds.toFixed(2)} s (${(b.pairwiseSeconds / Math.max(1e-3, b.lshSeconds)).toFixed(0)}×) |`);
  out.push(`| pairs at exact Jaccard ≥ ${SCALE_LSH.threshold} on that slice found by LSH | ${b.lshRecall.toFixed(3)} of ${b.exactPairs} |`);
  const projected = b.pairwiseSeconds * (n / baselineN) ** 2;
  const span = projected >= 7200 ? `${(projected / 3600).toFixed(0)} h` : `${projected.toFixed(0)} s`;
  out.push(`| pairwise baseline projected to ${n.toLocaleString('en-US')} (quadratic in the count) | ${span}, ${(projected / s.totalSeconds).toFixed(0)}× the LSH run |`);
  out.push('');
  return out.join('\n');
}
