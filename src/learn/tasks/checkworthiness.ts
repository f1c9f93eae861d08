import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTsv, readTable } from '../data.ts';
import { CW_FEATURES, cwFeatures } from '../checkworthiness/features.ts';
import { checkworthinessProbability, loadCheckworthinessModel, type CheckworthinessModel } from '../checkworthiness/model.ts';
import { binaryPrf, round } from '../metrics.ts';
import { packSoftmax, saveModel, unpackSoftmax } from '../model-file.ts';
import { trainSoftmax, type SoftmaxModel } from '../softmax.ts';
import { TaskInputError, required, taskArgs } from './args.ts';
import type { EvalTask, TrainTask } from './types.ts';

export { checkworthinessProbability, checkworthinessScore, loadCheckworthinessModel, type CheckworthinessModel } from '../checkworthiness/model.ts';

export interface CwRow { id: string; text: string; yes: boolean }

/** Reads a CheckThat! 2024 style TSV (Sentence_id, Text, class_label Yes/No; LF or CRLF). */
export function readCt24(path: string): CwRow[] {
  const r = readTable(path, ['Sentence_id', 'Text', 'class_label'], 'tsv');
  if (!r.ok) throw new TaskInputError(r.error.message);
  return r.value.map((x, i) => {
    const label = x.class_label!.trim();
    if (label !== 'Yes' && label !== 'No') throw new TaskInputError(`"${path}" row ${i + 2}: class_label "${label}", expected Yes or No`);
    return { id: x.Sentence_id!, text: x.Text!, yes: label === 'Yes' };
  });
}

/**
 * `extra`: weight of the earlier CheckThat! debate positives; `spotter2020`: weight of ClaimBuster's
 * 2020 debate sentences; `members`: runs (seeds seed, seed + 1, …) whose weights are averaged.
 */
const HYPER = { bits: 18, chars: true, epochs: 4, lr: 0.1, l2: 1e-6, extra: 0.3, spotter2020: 1, members: 5 };
const CT24 = 'checkthat-checkworthiness/clef2024-task1-english';
const fold = (s: string): string => s.toLowerCase().replace(/\W+/g, ' ').trim();

interface Labelled { text: string; yes: boolean }

function table(path: string, columns: string[], kind: 'csv' | 'tsv'): Record<string, string>[] {
  const r = readTable(path, columns, kind);
  if (!r.ok) throw new TaskInputError(r.error.message);
  return r.value;
}

/**
 * The sentences fact-checkers marked check-worthy in the CheckThat! 2019 and 2020 debate tasks
 * (train and test of 2019, train of 2020), where present under `data`. Their "No" rows are not
 * used: those tasks kept only the claims a fact-checker chose, so many factual claims are "No".
 */
export function readEarlierPositives(data: string): { rows: Labelled[]; files: string[] } {
  const base = join(data, 'checkthat-checkworthiness');
  const files: [string, 'csv' | 'tsv'][] = [
    ['clef2019-task1/CT19-T1-Training.csv', 'csv'], ['clef2019-task1/CT19-T1-Test.csv', 'csv'], ['clef2020-task5-debates/train.tsv', 'tsv'],
  ];
  const rows: Labelled[] = [];
  const used: string[] = [];
  for (const [f, kind] of files) {
    const path = join(base, f);
    if (!existsSync(path)) continue;
    used.push(f);
    for (const r of table(path, ['text', 'label'], kind)) if (r.label!.trim() === '1') rows.push({ text: r.text!, yes: true });
  }
  return { rows, files: used };
}

/** ClaimBuster's labelled sentences of the 2020 debates (`claimbuster/spotter_2020_debate.tsv`, quoted header), if present. */
export function readSpotter2020(data: string): Labelled[] {
  const path = join(data, 'claimbuster', 'spotter_2020_debate.tsv');
  if (!existsSync(path)) return [];
  const [header, ...rest] = parseTsv(readFileSync(path, 'utf8'));
  const col = (name: string): number => (header ?? []).findIndex((h) => h.replace(/"/g, '').trim() === name);
  const text = col('text'), label = col('label');
  if (text < 0 || label < 0) throw new TaskInputError(`"${path}" has no column "${text < 0 ? 'text' : 'label'}" (columns: ${(header ?? []).join(', ')})`);
  return rest.map((r, i) => {
    const l = (r[label] ?? '').trim();
    if (l !== '0' && l !== '1') throw new TaskInputError(`"${path}" row ${i + 2}: label "${l}", expected 0 or 1`);
    return { text: r[text] ?? '', yes: l === '1' };
  });
}

/** The element-wise mean of the weights of softmax models of one shape. */
function meanSoftmax(ms: SoftmaxModel[]): SoftmaxModel {
  const first = ms[0];
  if (!first) throw new Error('meanSoftmax: no models');
  const W = new Float32Array(first.W.length), b = new Float32Array(first.b.length);
  for (const m of ms) {
    if (m.W.length !== W.length || m.b.length !== b.length) throw new Error('meanSoftmax: models of different shapes');
    for (let i = 0; i < W.length; i++) W[i]! += m.W[i]! / ms.length;
    for (let i = 0; i < b.length; i++) b[i]! += m.b[i]! / ms.length;
  }
  return { ...first, W, b };
}

export interface CwFigures { sentences: number; f1: number; precision: number; recall: number; msPerSentence: number }

export function evaluateCw(m: CheckworthinessModel, rows: CwRow[], threshold = m.threshold): CwFigures {
  const t = performance.now();
  const pred = rows.map((r) => checkworthinessProbability(m, r.text) >= threshold);
  const ms = performance.now() - t;
  const p = binaryPrf(rows.map((r) => r.yes), pred);
  return { sentences: rows.length, f1: round(p.f1), precision: round(p.precision), recall: round(p.recall), msPerSentence: round(ms / Math.max(1, rows.length), 4) };
}

export const CHECKWORTHINESS_TASK: TrainTask = {
  name: 'checkworthiness',
  description: 'check-worthy sentence (Yes/No): CheckThat! 2024 English train (+ earlier CheckThat! positives, ClaimBuster 2020), threshold tuned on dev',
  async train({ data, seed, log }) {
    const t0 = performance.now();
    const train = readCt24(join(data, CT24, 'CT24_checkworthy_english_train.tsv'));
    const dev = readCt24(join(data, CT24, 'CT24_checkworthy_english_dev.tsv'));
    const devTest = readCt24(join(data, CT24, 'CT24_checkworthy_english_dev-test.tsv'));
    // Never train on a sentence that is also in dev or dev-test.
    const held = new Set([...dev, ...devTest].map((r) => fold(r.text)));
    const rows = train.filter((r) => !held.has(fold(r.text)));
    log(`CT24 train ${train.length} sentences (${train.length - rows.length} dropped: also in dev or dev-test), dev ${dev.length}, dev-test ${devTest.length}`);
    // Extra data, each sentence once and never one of CT24 train, dev or dev-test.
    const seen = new Set([...held, ...rows.map((r) => fold(r.text))]);
    const fresh = (r: Labelled): boolean => { const k = fold(r.text); if (!k || seen.has(k)) return false; seen.add(k); return true; };
    const earlier = readEarlierPositives(data);
    const extra = earlier.rows.filter(fresh);
    const spotter = readSpotter2020(data).filter(fresh);
    log(`earlier CheckThat! debate positives: ${extra.length} new (weight ${HYPER.extra}); ClaimBuster 2020 debate: ${spotter.length} (weight ${HYPER.spotter2020})`);
    const o = { bits: HYPER.bits, chars: HYPER.chars };
    const examples = [
      ...rows.map((r) => ({ x: cwFeatures(r.text, o), y: r.yes ? 1 : 0 })),
      ...extra.map((r) => ({ x: cwFeatures(r.text, o), y: 1, w: HYPER.extra })),
      ...spotter.map((r) => ({ x: cwFeatures(r.text, o), y: r.yes ? 1 : 0, w: HYPER.spotter2020 })),
    ];
    // One run's weights swing with the example order (its dev F1 by ±0.005); the mean of a few
    // runs' weights (one linear model, the size and cost of one) does not as much.
    const runs = Array.from({ length: HYPER.members }, (_, k) => trainSoftmax(examples, {
      classes: 2, dim: 1 << HYPER.bits, epochs: HYPER.epochs, lr: HYPER.lr, l2: HYPER.l2, seed: seed + k,
      onEpoch: (e, loss) => log(`run ${k + 1}/${HYPER.members} epoch ${e}: loss ${loss.toFixed(4)}`),
    }));
    const weights = packSoftmax(meanSoftmax(runs), 'q8');
    const model: CheckworthinessModel = { softmax: unpackSoftmax(weights), features: o, threshold: 0.5 };
    // The decision threshold: best F1 of "Yes" on dev (ties: the one nearest 0.5).
    const devP = dev.map((r) => checkworthinessProbability(model, r.text));
    let best = { t: 0.5, f1: -1 };
    for (let k = 10; k <= 90; k++) {
      const t = k / 100;
      const f1 = binaryPrf(dev.map((r) => r.yes), devP.map((p) => p >= t)).f1;
      if (f1 > best.f1 + 1e-12 || (Math.abs(f1 - best.f1) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best.t - 0.5))) best = { t, f1 };
    }
    model.threshold = best.t;
    const metrics = { threshold: best.t, dev: evaluateCw(model, dev), devTest: evaluateCw(model, devTest), trainingSeconds: round((performance.now() - t0) / 1000, 1) };
    log(`threshold ${best.t}: dev F1 ${metrics.dev.f1}, dev-test F1 ${metrics.devTest.f1}`);
    const path = saveModel({
      name: 'checkworthiness', featureSchema: CW_FEATURES, seed,
      trainedOn: [
        `CT24_checkworthy_english_train.tsv (${rows.length} sentences)`,
        ...(extra.length ? [`check-worthy sentences of ${earlier.files.join(', ')} (${extra.length}, weight ${HYPER.extra})`] : []),
        ...(spotter.length ? [`claimbuster/spotter_2020_debate.tsv (${spotter.length})`] : []),
      ].join(' + ') + `; mean weights of ${HYPER.members} runs (seeds ${seed}–${seed + HYPER.members - 1}); threshold tuned on CT24 dev`,
      createdWith: 'crosscheck train checkworthiness', metrics,
      config: { bits: HYPER.bits, chars: HYPER.chars, threshold: best.t, hyper: HYPER }, weights,
    });
    return { model: path, ...metrics };
  },
};

export const CHECKWORTHINESS_EVAL: EvalTask = {
  name: 'checkworthiness',
  usage: 'eval checkworthiness --data FILE.tsv [--format json]',
  async run(args) {
    const v = taskArgs(args, ['data'] as const);
    const rows = readCt24(required(v, 'data', CHECKWORTHINESS_EVAL.usage));
    if (!rows.length) throw new TaskInputError(`"${v.data}" has no sentences`);
    const m = loadCheckworthinessModel();
    if (!m.ok) throw new TaskInputError(m.error.message);
    const f = evaluateCw(m.value, rows);
    return { f1: f.f1, precision: f.precision, recall: f.recall, sentences: f.sentences, threshold: m.value.threshold, msPerSentence: f.msPerSentence };
  },
};
