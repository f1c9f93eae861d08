import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CopyIndex, type CopyRelation, decide, DEFAULT_THRESHOLDS, jaccard, type Measures, measure, minhash, prepare,
  type Prepared, relate, relatePrepared, type RelateThresholds, syntheticRewrite, type Text,
} from '../src/relate/index.ts';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { stats } from './machine.ts';

/** A full garbage collection, for heap measurements (exposed at run time, no node flag needed). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const ROOT = join(import.meta.dirname, '..');
export const BASIL = join(ROOT, '..', 'shared', 'datasets', 'basil-same-event-triplets', 'basil_articles.jsonl');
export const FNC_BODIES = join(ROOT, '..', 'shared', 'datasets', 'fnc1', 'train_bodies.csv');

export interface BasilText extends Text {
  /** The triplet (same event, three outlets). */
  event: string;
  published: string | null;
}

/** BASIL articles as Texts: paragraphs joined by blank lines, sentences of a paragraph by spaces. */
export function loadBasil(path: string = BASIL): BasilText[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((line) => {
    const r = JSON.parse(line) as {
      uuid: string; 'triplet-uuid': string; _file?: string; title?: string; source?: string; date?: string;
      'body-paragraphs': string[][];
    };
    // `uuid` is not unique (three articles say "empty"); the file name is.
    const file = r._file?.replace(/^.*\//, '').replace(/\.json$/, '');
    return {
      id: `basil:${file ?? r.uuid}`,
      event: r['triplet-uuid'],
      title: r.title ?? null,
      outlet: r.source?.toLowerCase() ?? null,
      published: r.date ?? null,
      text: r['body-paragraphs'].map((p) => p.join(' ')).join('\n\n'),
    };
  });
}

/** Article bodies of FNC-1 (RFC 4180 CSV with quoted multi-line fields), as undated Texts. */
export function loadFncBodies(path: string = FNC_BODIES): Text[] {
  const src = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows.slice(1).filter((r) => r.length >= 2 && r[1]!.trim()).map((r) => ({ id: `fnc:${r[0]}`, text: r[1]!, published: null }));
}

const nextDay = (d: string | null): string | null => {
  if (!d) return null;
  const t = new Date(`${d.slice(0, 10)}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
};

/**
 * A content-farm rewrite of a real article, published a day later by another outlet: 30 % of the
 * sentences dropped, words swapped from a synonym list, paragraphs shuffled, a new title;
 * `noise` replaces that share of the other words too (heavier paraphrase).
 */
export function farmRewrite(t: Text, seed: number, noise = 0): Text {
  return {
    id: `farm${noise ? `-${noise}` : ''}:${t.id}`,
    title: `Here's what you need to know (${seed})`,
    outlet: 'Synthetic Farm',
    published: nextDay(t.published ?? null),
    text: syntheticRewrite(t.text, { seed, noise }),
  };
}

/** The first half of an article's paragraphs, verbatim (at least one paragraph), a day later. */
export function firstHalf(t: Text): Text {
  const paras = t.text.split(/\n\s*\n/);
  return {
    id: `half:${t.id}`,
    outlet: 'Excerpt Daily',
    published: nextDay(t.published ?? null),
    text: paras.slice(0, Math.max(1, Math.ceil(paras.length / 2))).join('\n\n'),
  };
}

/** Same-event pairs of BASIL (every pair within a triplet) and how many `relate` calls a copy. */
export function sameEventPairs(docs: BasilText[]): Array<[BasilText, BasilText]> {
  const byEvent = new Map<string, BasilText[]>();
  for (const d of docs) byEvent.set(d.event, [...(byEvent.get(d.event) ?? []), d]);
  const pairs: Array<[BasilText, BasilText]> = [];
  for (const g of byEvent.values()) {
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) pairs.push([g[i]!, g[j]!]);
  }
  return pairs;
}

/** Ids a text is related to, in either direction. */
const partners = (id: string, rels: CopyRelation[]): string[] =>
  [...new Set(rels.map((r) => (r.from === id ? r.to : r.from)))];

const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const pc = (x: number, n: number): string => `${x}/${n} (${((100 * x) / Math.max(1, n)).toFixed(1)} %)`;

export async function benchRelate(): Promise<string> {
  const head = ['## Copies and rewrites (`src/relate`)', ''];
  if (!existsSync(BASIL)) return [...head, `Skipped: ${BASIL} is missing.`, ''].join('\n');
  const basil = loadBasil();
  const fnc = existsSync(FNC_BODIES) ? loadFncBodies() : [];
  const rewrites = basil.map((d, i) => farmRewrite(d, i + 1));
  const all: Text[] = [...basil, ...rewrites, ...fnc];
  const original = new Map(rewrites.map((r, i) => [r.id, basil[i]!.id]));

  // 1. Same-event pairs: independent reports that must not be related.
  const pairs = sameEventPairs(basil);
  const falsePairs = pairs.filter(([a, b]) => relate(a, b) !== null);

  // 2. Shingling + MinHash throughput.
  const words = all.reduce((n, t) => n + t.text.split(/\s+/).length, 0);
  const t0 = performance.now();
  const prepared: Prepared[] = all.map((t) => prepare(t));
  for (const p of prepared) minhash(p.shingles);
  const prepMs = performance.now() - t0;

  // 3. The index: build, then query every BASIL article and every rewrite.
  collect();
  const heap0 = process.memoryUsage().heapUsed;
  const index = new CopyIndex();
  const a0 = performance.now();
  for (const t of all) index.add(t);
  const addMs = performance.now() - a0;
  collect();
  const heapPerDoc = (process.memoryUsage().heapUsed - heap0) / all.length;
  const queried = [...basil, ...rewrites];
  const queryMs: number[] = [];
  const found = new Map<string, CopyRelation[]>();
  let candidates = 0;
  let fncRelations = 0;
  for (const t of all) {
    const q0 = performance.now();
    const rels = index.findCopies(t);
    queryMs.push(performance.now() - q0);
    if (t.id.startsWith('fnc:')) fncRelations += rels.filter((r) => r.from === t.id).length;
    else found.set(t.id, rels);
  }
  for (const t of all) candidates += index.candidates(t).length;
  const exact = rewrites.filter((r) => {
    const p = partners(r.id, found.get(r.id)!);
    return p.length === 1 && p[0] === original.get(r.id) && found.get(r.id)![0]!.from === r.id;
  }).length;
  const pairKey = (r: CopyRelation): string => [r.from, r.to].sort().join(' ');
  const truth = new Set(rewrites.map((r) => [r.id, original.get(r.id)!].sort().join(' ')));
  const foundPairs = new Set([...found.values()].flat().map(pairKey));
  const truePairs = [...foundPairs].filter((k) => truth.has(k)).length;
  const wrongPairs = [...foundPairs].filter((k) => !truth.has(k));

  // 4. The peer: naive all-pairs over the same documents (shingles already computed).
  const n0 = performance.now();
  let above = 0;
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) if (jaccard(prepared[i]!.shingles, prepared[j]!.shingles) >= 0.2) above++;
  }
  const naiveJaccardMs = performance.now() - n0;
  const r0 = performance.now();
  const exhaustive = new Set<string>();
  const allFound = new Set([...found.values()].flat().map(pairKey));
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) {
      const r = relatePrepared(prepared[i]!, prepared[j]!);
      if (r) exhaustive.add(pairKey(r));
    }
  }
  const naiveRelateMs = performance.now() - r0;
  // Every pair the exhaustive pass relates, found by querying either side through the index.
  for (const t of fnc) for (const r of index.findCopies(t)) allFound.add(pairKey(r));
  const missedByIndex = [...exhaustive].filter((k) => !allFound.has(k)).length;

  // 5. Harder cases, queried against the same index (not added to it).
  const variants: Array<{ name: string; make: (t: BasilText, i: number) => Text }> = [
    { name: 'rewrite, + 10 % of other words replaced', make: (t, i) => farmRewrite(t, 1000 + i, 0.1) },
    { name: 'rewrite, + 20 % of other words replaced', make: (t, i) => farmRewrite(t, 2000 + i, 0.2) },
    { name: 'first half of the article, verbatim', make: (t) => firstHalf(t) },
  ];
  const base = new CopyIndex();
  const lshOnly = new CopyIndex({ containmentIndex: false });
  for (const t of [...basil, ...fnc]) { base.add(t); lshOnly.add(t); }
  const rows = variants.map((v) => {
    let ok = 0;
    let okLsh = 0;
    let wrong = 0;
    basil.forEach((t, i) => {
      const q = v.make(t, i);
      const p = partners(q.id, base.findCopies(q));
      if (p.length === 1 && p[0] === t.id) ok++;
      wrong += p.filter((x) => x !== t.id).length;
      const pl = partners(q.id, lshOnly.findCopies(q));
      if (pl.length === 1 && pl[0] === t.id) okLsh++;
    });
    return `| ${v.name} | ${pc(ok, basil.length)} | ${pc(okLsh, basil.length)} | ${wrong} |`;
  });

  // 6. The thresholds: each setting against the negatives and the positives, pair by pair.
  const sweep = thresholdSweep(basil);

  const q = stats(queryMs);
  const n = all.length;
  const indexTotal = addMs + queryMs.reduce((sum, x) => sum + x, 0);
  return [
    ...head,
    `Documents: ${basil.length} BASIL articles (${pairs.length} same-event pairs, three outlets per event), ${rewrites.length} synthetic`,
    `content-farm rewrites (one per article: 30 % of sentences dropped, synonyms swapped, paragraphs shuffled, new title,`,
    `dated a day later) and ${fnc.length} FNC-1 article bodies as distractors: ${n} texts, ${Math.round(words / n)} words on average.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| same-event BASIL pairs called copies (must be ≈ 0) | ${pc(falsePairs.length, pairs.length)} |`,
    `| rewrites traced to exactly their original (recall) | ${pc(exact, rewrites.length)} |`,
    `| precision of relations found for BASIL + rewrite queries | ${pc(truePairs, foundPairs.size)} |`,
    `| relations among all ${n} texts: exhaustive all-pairs \`relate\` / missed by the index | ${exhaustive.size} / ${missedByIndex} |`,
    `| relations among the FNC-1 bodies themselves (not judged) | ${fncRelations} |`,
    `| candidates per query (LSH + containment index) | ${(candidates / n).toFixed(2)} |`,
    `| shingling + MinHash (5-grams, narrative 3-grams, 128 hashes) | ${Math.round((n / prepMs) * 1000)} docs/s |`,
    `| index build (add) | ${ms(addMs / n)} ms/doc, heap ≈ ${(heapPerDoc / 1024).toFixed(1)} KiB/doc |`,
    `| \`findCopies\` per document (median / p95 / mean) | ${ms(q.median)} / ${ms(q.p95)} / ${ms(q.mean)} ms |`,
    `| all ${n} texts through the index (build + one \`findCopies\` each) | ${ms(indexTotal)} ms |`,
    `| peer: naive all-pairs exact Jaccard, ${((n * (n - 1)) / 2).toLocaleString('en')} pairs, shingles precomputed | ${ms(naiveJaccardMs)} ms (${(naiveJaccardMs / indexTotal).toFixed(1)}× the index; ${above} pairs ≥ 0.2) |`,
    `| peer: naive all-pairs \`relate\` (same decision, every pair) | ${ms(naiveRelateMs)} ms (${(naiveRelateMs / indexTotal).toFixed(1)}× the index) |`,
    '',
    wrongPairs.length ? `Relations outside the ground truth: ${wrongPairs.length} (${wrongPairs.slice(0, 5).join('; ')}).` : 'No relation outside the ground truth.',
    '',
    `Harder queries, one per BASIL article, against an index of the ${basil.length} articles and ${fnc.length} distractors;`,
    '"exact" = related to its original and to nothing else.',
    '',
    '| query | exact, full index | exact, LSH bands only | other texts related |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...sweep,
  ].join('\n');
}

/**
 * The threshold sweep behind DEFAULT_THRESHOLDS: each setting's false relations on independent
 * same-event pairs (whole articles, and the first half of each article against the other two
 * outlets' articles, a harder negative) and its recall on rewrites of growing difficulty.
 */
export function thresholdSweep(basil: BasilText[]): string[] {
  const prep = new Map(basil.map((t) => [t.id, prepare(t)]));
  const p = (t: Text): Prepared => prep.get(t.id) ?? prepare(t);
  const pairs = sameEventPairs(basil);
  const sets: Array<{ name: string; negative: boolean; m: Measures[] }> = [
    { name: 'same-event pairs', negative: true, m: pairs.map(([a, b]) => measure(p(a), p(b))) },
    {
      name: 'half vs other outlets',
      negative: true,
      m: pairs.flatMap(([a, b]) => [measure(prepare(firstHalf(a)), p(b)), measure(prepare(firstHalf(b)), p(a))]),
    },
    { name: 'rewrites', negative: false, m: basil.map((t, i) => measure(prepare(farmRewrite(t, i + 1)), p(t))) },
    { name: 'rewrites +10 %', negative: false, m: basil.map((t, i) => measure(prepare(farmRewrite(t, 1000 + i, 0.1)), p(t))) },
    { name: 'rewrites +20 %', negative: false, m: basil.map((t, i) => measure(prepare(farmRewrite(t, 2000 + i, 0.2)), p(t))) },
    { name: 'first halves', negative: false, m: basil.map((t) => measure(prepare(firstHalf(t)), p(t))) },
  ];
  const d = DEFAULT_THRESHOLDS;
  const settings: Array<[string, Partial<RelateThresholds>]> = [
    ['**default**', {}],
    ['narrative 3-grams ≥ 0.30', { narrativeContainment: 0.3 }],
    ['narrative 3-grams ≥ 0.35', { narrativeContainment: 0.35 }],
    ['narrative 3-grams ≥ 0.45', { narrativeContainment: 0.45 }],
    ['narrative 3-grams ≥ 0.50', { narrativeContainment: 0.5 }],
    ['no narrative test (5-grams only)', { narrativeContainment: 2 }],
    ['5-grams ≥ 0.40', { containment: 0.4 }],
    ['5-grams ≥ 0.60', { containment: 0.6 }],
    ['no narrative floor', { narrativeFloor: 0 }],
    ['narrative floor 0.25', { narrativeFloor: 0.25 }],
  ];
  const cell = (set: (typeof sets)[number], th: Partial<RelateThresholds>): string => {
    const n = set.m.filter((m) => decide(m, th) !== null).length;
    return `${n}/${set.m.length}`;
  };
  const c5 = (m: Measures): number => Math.max(m.cFrom, m.cTo);
  const n3 = (m: Measures): number => Math.max(m.nFrom ?? 0, m.nTo ?? 0);
  const spread = (set: (typeof sets)[number], f: (m: Measures) => number): string => {
    const v = set.m.map(f).sort((a, b) => a - b);
    const at = (q: number): string => v[Math.min(v.length - 1, Math.floor(q * v.length))]!.toFixed(2);
    return set.negative ? `max ${at(1)}, p99 ${at(0.99)}` : `min ${at(0)}, p5 ${at(0.05)}`;
  };
  return [
    'Measures per set (either direction, the larger): highest values on negatives, lowest on positives.',
    '',
    `| measure | ${sets.map((x) => `${x.name} (${x.negative ? '−' : '+'})`).join(' | ')} |`,
    `|---|${sets.map(() => '---').join('|')}|`,
    `| 5-gram containment | ${sets.map((x) => spread(x, c5)).join(' | ')} |`,
    `| narrative 3-gram containment | ${sets.map((x) => spread(x, n3)).join(' | ')} |`,
    `| 5-gram Jaccard | ${sets.map((x) => spread(x, (m) => m.similarity)).join(' | ')} |`,
    '',
    `Thresholds (defaults: 5-gram containment ≥ ${d.containment}, narrative 3-gram containment ≥ ${d.narrativeContainment},`,
    `narrative floor ${d.narrativeFloor}, copy at Jaccard ≥ ${d.copyJaccard} or containment ≥ ${d.copyContainment}). Related pairs per set;`,
    'negatives (want 0) first, then positives (want all). Pairwise `relate`, no index.',
    '',
    `| setting | ${sets.map((x) => `${x.name} (${x.negative ? '−' : '+'})`).join(' | ')} |`,
    `|---|${sets.map(() => '---').join('|')}|`,
    ...settings.map(([name, th]) => `| ${name} | ${sets.map((x) => cell(x, th)).join(' | ')} |`),
    '',
  ];
}
