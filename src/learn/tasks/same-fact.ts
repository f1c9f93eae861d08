/**
 * `crosscheck train same-fact` / `crosscheck eval same-fact`: the model that tells whether two
 * figures or two dates of two reports state the same fact (see src/verify/compare/same-fact.ts).
 * Pairs are mined from FNC-1 topics and AllSides stories (src/learn/same-fact/data.ts); whole
 * stories are split 60/20/20 into train, dev (thresholds) and test (figures).
 */
import { join } from 'node:path';
import { hashString } from '../../model/hash.ts';
import { PAIR_DIM, PAIR_FEATURES } from '../../verify/compare/pair-features.ts';
import { sameFactProbability, type SameFactModel } from '../../verify/compare/same-fact.ts';
import { fromDense } from '../features.ts';
import { round } from '../metrics.ts';
import { trainMlp } from '../mlp.ts';
import { packageRoot, packEnsemble, saveModel, unpackEnsemble } from '../model-file.ts';
import { allSidesStories, fncStories, minePairs, type PairExample } from '../same-fact/data.ts';
import { TaskInputError, taskArgs } from './args.ts';
import type { EvalTask, TrainTask } from './types.ts';

const HYPER = { hidden: 24, epochs: 30, lr: 0.003, l2: 1e-5, dropout: 0.1 };
/** MLPs trained from seeds s, s+1, …; their mean probability is steadier than one run's. */
const MEMBERS = 5;
/** Precision the "accept" threshold must reach on dev, and the share of dev positives "reject" may lose. */
const ACCEPT_PRECISION = 0.9;
const REJECT_LOSS = 0.02;

export type Part = 'train' | 'dev' | 'test';
export const partOf = (topic: string): Part => {
  const h = hashString(`same-fact:${topic}`) % 5;
  return h === 0 ? 'test' : h === 1 ? 'dev' : 'train';
};

export interface SameFactFigures {
  pairs: number;
  positives: number;
  auc: number;
  /** At the accept threshold: share of the accepted that are positives, share of the positives accepted. */
  accept: { threshold: number; precision: number; recall: number };
  /** At the reject threshold: share of the positives kept, share of the negatives rejected. */
  reject: { threshold: number; positivesKept: number; negativesRejected: number };
  byKind: Record<string, { pairs: number; auc: number }>;
}

function auc(scores: number[], gold: number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let sumPos = 0, nPos = 0;
  for (let k = 0; k < idx.length;) {
    let j = k;
    while (j < idx.length && scores[idx[j]!] === scores[idx[k]!]) j++;
    const r = (k + 1 + j) / 2;
    for (let t = k; t < j; t++) if (gold[idx[t]!]) { sumPos += r; nPos++; }
    k = j;
  }
  const nNeg = gold.length - nPos;
  return nPos && nNeg ? (sumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg) : 0;
}

export function scoreSameFact(m: SameFactModel, ex: PairExample[]): SameFactFigures {
  const p = ex.map((e) => sameFactProbability(m, e.x));
  const y = ex.map((e) => e.y);
  const acc = ex.filter((_, i) => p[i]! >= m.accept);
  const pos = ex.filter((e) => e.y === 1).length;
  const byKind: Record<string, { pairs: number; auc: number }> = {};
  for (const k of ['quantity', 'date']) {
    const ix = ex.map((e, i) => (e.kind === k ? i : -1)).filter((i) => i >= 0);
    byKind[k] = { pairs: ix.length, auc: round(auc(ix.map((i) => p[i]!), ix.map((i) => y[i]!))) };
  }
  return {
    pairs: ex.length,
    positives: pos,
    auc: round(auc(p, y)),
    accept: { threshold: round(m.accept), precision: round(acc.filter((e) => e.y === 1).length / Math.max(1, acc.length)), recall: round(acc.filter((e) => e.y === 1).length / Math.max(1, pos)) },
    reject: {
      threshold: round(m.reject),
      positivesKept: round(ex.filter((e, i) => e.y === 1 && p[i]! >= m.reject).length / Math.max(1, pos)),
      negativesRejected: round(ex.filter((e, i) => e.y === 0 && p[i]! < m.reject).length / Math.max(1, ex.length - pos)),
    },
    byKind,
  };
}

/** Thresholds from dev: the lowest "accept" with ACCEPT_PRECISION, the highest "reject" losing ≤ REJECT_LOSS of the positives. */
function thresholds(m: SameFactModel, dev: PairExample[]): { accept: number; reject: number } {
  const scored = dev.map((e) => ({ p: sameFactProbability(m, e.x), y: e.y })).sort((a, b) => b.p - a.p);
  const pos = scored.filter((s) => s.y === 1).length;
  let accept = 1.01, tp = 0;
  scored.forEach((s, i) => {
    if (s.y === 1) tp++;
    const next = scored[i + 1];
    if (next && next.p === s.p) return;
    if (i >= 20 && tp / (i + 1) >= ACCEPT_PRECISION) accept = s.p;
  });
  const asc = scored.filter((s) => s.y === 1).map((s) => s.p).sort((a, b) => a - b);
  const reject = asc[Math.floor(REJECT_LOSS * pos)] ?? 0;
  return { accept: Math.max(accept, 0.5), reject: Math.min(reject, 0.5) };
}

function loadPairs(data: string, log: (s: string) => void): Record<Part, PairExample[]> {
  let stories;
  try {
    stories = [...fncStories(data), ...allSidesStories(data)];
  } catch (e) {
    throw new TaskInputError(`cannot read the same-story data under "${data}": ${(e as Error).message}`);
  }
  const out: Record<Part, PairExample[]> = { train: [], dev: [], test: [] };
  for (const e of minePairs(stories)) out[partOf(e.topic)].push(e);
  const n = (xs: PairExample[]): string => `${xs.length} (${xs.filter((e) => e.y === 1).length} same)`;
  log(`${stories.length} stories; pairs: train ${n(out.train)}, dev ${n(out.dev)}, test ${n(out.test)}`);
  return out;
}

export const SAME_FACT_TASK: TrainTask = {
  name: 'same-fact',
  description: 'whether two figures or dates of two reports state the same fact (FNC-1 topics and AllSides stories, story split)',
  async train({ data, seed, log }) {
    const t0 = performance.now();
    const parts = loadPairs(data, log);
    const examples = parts.train.map((e) => ({ x: fromDense(e.x), y: e.y }));
    const members = Array.from({ length: MEMBERS }, (_, k) => trainMlp(examples, {
      classes: 2, dim: PAIR_DIM, ...HYPER, seed: seed + k,
      onEpoch: (e, loss) => { if (e % 10 === 0) log(`member ${k + 1}/${MEMBERS}, epoch ${e}: loss ${loss.toFixed(4)}`); },
    }));
    const weights = packEnsemble(members, 'f32');
    const model: SameFactModel = { mlps: unpackEnsemble(weights), accept: 1.01, reject: -1 };
    Object.assign(model, thresholds(model, parts.dev));
    const metrics = {
      dev: scoreSameFact(model, parts.dev),
      test: scoreSameFact(model, parts.test),
      trainingSeconds: round((performance.now() - t0) / 1000, 1),
    };
    log(`accept ≥ ${round(model.accept)}, reject < ${round(model.reject)}; test AUC ${metrics.test.auc}, accept precision ${metrics.test.accept.precision}`);
    const path = saveModel({
      name: 'same-fact', featureSchema: PAIR_FEATURES, seed,
      trainedOn: `FNC-1 bodies by topic and AllSides stories: ${parts.train.length} training pairs; thresholds on ${parts.dev.length} dev pairs; ${parts.test.length} test pairs (whole stories held out)`,
      createdWith: 'crosscheck train same-fact', metrics,
      config: { accept: round(model.accept, 6), reject: round(model.reject, 6), hyper: HYPER, members: MEMBERS, acceptPrecision: ACCEPT_PRECISION, rejectLoss: REJECT_LOSS },
      weights,
    });
    return { model: path, ...metrics };
  },
};

export const SAME_FACT_EVAL: EvalTask = {
  name: 'same-fact',
  usage: 'eval same-fact [--data DIR] [--format json]',
  async run(args, log) {
    const v = taskArgs(args, ['data'] as const);
    const { sameFactModel } = await import('../../verify/compare/same-fact.ts');
    const m = sameFactModel();
    if (!m) throw new TaskInputError('model "same-fact" is missing or was built for other features: run `crosscheck train same-fact`');
    const parts = loadPairs(typeof v.data === 'string' ? v.data : defaultData(), log);
    return { test: scoreSameFact(m, parts.test), dev: scoreSameFact(m, parts.dev) };
  },
};

function defaultData(): string {
  return process.env.CROSSCHECK_DATA ?? join(packageRoot(), '..', 'shared', 'datasets');
}
