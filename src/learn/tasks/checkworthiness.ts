import { join } from 'node:path';
import { readTable } from '../data.ts';
import { CW_FEATURES, cwFeatures } from '../checkworthiness/features.ts';
import { checkworthinessProbability, loadCheckworthinessModel, type CheckworthinessModel } from '../checkworthiness/model.ts';
import { binaryPrf, round } from '../metrics.ts';
import { packSoftmax, saveModel, unpackSoftmax } from '../model-file.ts';
import { trainSoftmax } from '../softmax.ts';
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

const HYPER = { bits: 18, chars: true, epochs: 4, lr: 0.2, l2: 1e-6 };
const CT24 = 'checkthat-checkworthiness/clef2024-task1-english';
const fold = (s: string): string => s.toLowerCase().replace(/\W+/g, ' ').trim();

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
  description: 'check-worthy sentence (Yes/No): CheckThat! 2024 English train, threshold tuned on dev',
  async train({ data, seed, log }) {
    const t0 = performance.now();
    const train = readCt24(join(data, CT24, 'CT24_checkworthy_english_train.tsv'));
    const dev = readCt24(join(data, CT24, 'CT24_checkworthy_english_dev.tsv'));
    const devTest = readCt24(join(data, CT24, 'CT24_checkworthy_english_dev-test.tsv'));
    // Never train on a sentence that is also in dev or dev-test.
    const held = new Set([...dev, ...devTest].map((r) => fold(r.text)));
    const rows = train.filter((r) => !held.has(fold(r.text)));
    log(`CT24 train ${train.length} sentences (${train.length - rows.length} dropped: also in dev or dev-test), dev ${dev.length}, dev-test ${devTest.length}`);
    const o = { bits: HYPER.bits, chars: HYPER.chars };
    const sm = trainSoftmax(rows.map((r) => ({ x: cwFeatures(r.text, o), y: r.yes ? 1 : 0 })), {
      classes: 2, dim: 1 << HYPER.bits, epochs: HYPER.epochs, lr: HYPER.lr, l2: HYPER.l2, seed,
      onEpoch: (e, loss) => log(`epoch ${e}: loss ${loss.toFixed(4)}`),
    });
    const weights = packSoftmax(sm, 'q8');
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
      trainedOn: `CT24_checkworthy_english_train.tsv (${rows.length} sentences); threshold tuned on CT24 dev`,
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
