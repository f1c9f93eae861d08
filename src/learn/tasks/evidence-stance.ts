/**
 * `crosscheck train evidence-stance` / `crosscheck eval evidence-stance`: the stance of one
 * evidence sentence (or a few) toward a claim sentence — agree, disagree or neutral — for the
 * verify stage. Trained on Emergent, SciFact train, FEVER-Symmetric v0.1 (pairs sharing a claim or
 * an evidence sentence with v0.2 dev removed) and FNC-1 train (headline vs its closest body
 * sentences, weighted down); a fifth of the groups (claims, FEVER cases, FNC-1 topics) is kept
 * aside as dev for early stopping. Measured on FEVER-Symmetric v0.2 dev and SciFact dev, never
 * used for any choice.
 */
import { join } from 'node:path';
import type { Result } from '../../model/result.ts';
import {
  EVIDENCE_LABELS, readEmergent, readFeverDev, readFeverTrain, readFncSentences, readSciFact, readSciFactCorpus, splitPart,
  type EvidenceLabel, type EvidencePair, type EvidenceSource,
} from '../evidence-stance/data.ts';
import { EVIDENCE_STANCE_FEATURES } from '../evidence-stance/features.ts';
import { EVIDENCE_HYPER, MODEL_NAME, evidenceStance, loadEvidenceStanceModel, selectionScore, trainEvidenceStance, type EvidenceStanceModel } from '../evidence-stance/model.ts';
import { confusion, prf, round } from '../metrics.ts';
import { packageRoot, saveModel } from '../model-file.ts';
import { TaskInputError, taskArgs } from './args.ts';
import type { EvalTask, TrainTask } from './types.ts';

export { evidenceStance, loadEvidenceStanceModel, type EvidenceStance, type EvidenceStanceModel } from '../evidence-stance/model.ts';

/** Weight of each source's pairs in training; FNC-1 labels whole articles, so its sentence pairs are weak. */
export const SOURCE_WEIGHTS: Record<EvidenceSource, number> = { emergent: 1, scifact: 1, fever: 2, fnc1: 0.3 };
/** SciFact: other sentences of the cited abstracts taken as neutral, per claim; FNC-1: body sentences per passage. */
export const DATA_OPTIONS = { neutralPerClaim: 2, fncSentences: 2 } as const;

const need = <T>(r: Result<T>): T => {
  if (!r.ok) throw new TaskInputError(r.error.message);
  return r.value;
};

export interface TrainingData {
  train: EvidencePair[];
  dev: EvidencePair[];
  fever: { distinct: number; removed: number; kept: number };
}

/** The training pairs (weighted by source), split into train and dev by group. */
export function trainingData(data: string): TrainingData {
  const corpus = need(readSciFactCorpus(data));
  const fever = need(readFeverTrain(data));
  const all = [
    ...need(readEmergent(data)),
    ...need(readSciFact(data, 'train', corpus, { neutralPerClaim: DATA_OPTIONS.neutralPerClaim })),
    ...fever.pairs,
    ...need(readFncSentences(data, { k: DATA_OPTIONS.fncSentences })),
  ].map((p) => ({ ...p, weight: SOURCE_WEIGHTS[p.source] }));
  return {
    train: all.filter((p) => splitPart(p.group) === 'train'),
    dev: all.filter((p) => splitPart(p.group) === 'dev'),
    fever: { distinct: fever.distinct, removed: fever.removed, kept: fever.pairs.length },
  };
}

export interface EvidenceFigures {
  pairs: number;
  /** Share of pairs given their gold label (a neutral call on an agree/disagree pair is wrong). */
  accuracy: number;
  /** Mean F1 over the gold labels present. */
  macroF1: number;
  f1: Partial<Record<EvidenceLabel, number>>;
  /** Share right when only agree and disagree are compared (neutral set aside). */
  accuracyAgreeVsDisagree: number;
  confusion: { labels: readonly EvidenceLabel[]; rows: 'gold'; matrix: number[][] };
  msPerPair: number;
}

/** Predicts and scores labelled pairs (also times the prediction, features included). */
export function evidenceFigures(model: EvidenceStanceModel, pairs: EvidencePair[]): EvidenceFigures {
  const L = EVIDENCE_LABELS as readonly string[];
  const t = performance.now();
  const preds = pairs.map((p) => evidenceStance(p.claim, p.evidence, model));
  const ms = performance.now() - t;
  const gold = pairs.map((p) => L.indexOf(p.label));
  const m = confusion(gold, preds.map((s) => L.indexOf(s.label)), L.length);
  const present = L.map((_, c) => c).filter((c) => m[c]!.some((n) => n > 0));
  const f1 = Object.fromEntries(present.map((c) => [L[c], round(prf(m, c).f1)])) as Partial<Record<EvidenceLabel, number>>;
  const ad = pairs.map((p, i) => ({ g: p.label, s: preds[i]!.probs })).filter((x) => x.g !== 'neutral');
  const adRight = ad.filter((x) => (x.s.agree >= x.s.disagree ? 'agree' : 'disagree') === x.g).length;
  return {
    pairs: pairs.length,
    accuracy: round(present.reduce((a, c) => a + m[c]![c]!, 0) / Math.max(1, pairs.length)),
    macroF1: round(present.reduce((a, c) => a + prf(m, c).f1, 0) / Math.max(1, present.length)),
    f1,
    accuracyAgreeVsDisagree: round(adRight / Math.max(1, ad.length)),
    confusion: { labels: EVIDENCE_LABELS, rows: 'gold', matrix: m },
    msPerPair: round(ms / Math.max(1, pairs.length), 4),
  };
}

/** The two benchmarks: FEVER-Symmetric v0.2 dev and SciFact dev rationale sentences. */
export function benchmarks(data: string): { feverSymmetricDev: EvidencePair[]; scifactDev: EvidencePair[] } {
  const corpus = need(readSciFactCorpus(data));
  return { feverSymmetricDev: need(readFeverDev(data)), scifactDev: need(readSciFact(data, 'dev', corpus)) };
}

/** FEVER-Symmetric figures with the counts that matter to the verify stage. */
function withCalls(f: EvidenceFigures): EvidenceFigures & { calls: Record<string, number> } {
  const m = f.confusion.matrix;
  return {
    ...f,
    calls: {
      supportsCalledAgree: m[0]![0]!, supportsCalledDisagree: m[0]![1]!, supportsCalledNeutral: m[0]![2]!,
      refutesCalledAgree: m[1]![0]!, refutesCalledDisagree: m[1]![1]!, refutesCalledNeutral: m[1]![2]!,
    },
  };
}

function evaluateAll(model: EvidenceStanceModel, data: string): Record<string, unknown> {
  const b = benchmarks(data);
  return { feverSymmetricDev: withCalls(evidenceFigures(model, b.feverSymmetricDev)), scifactDev: evidenceFigures(model, b.scifactDev) };
}

export const EVIDENCE_STANCE_TASK: TrainTask = {
  name: MODEL_NAME,
  description: 'agree / disagree / neutral of one evidence sentence toward a claim sentence (Emergent, SciFact, FEVER-Symmetric v0.1, FNC-1 sentences)',
  async train({ data, seed, log }) {
    const t0 = performance.now();
    const d = trainingData(data);
    const count = (xs: EvidencePair[]): string => EVIDENCE_LABELS.map((l) => `${l} ${xs.filter((p) => p.label === l).length}`).join(', ');
    log(`FEVER-Symmetric v0.1: ${d.fever.distinct} distinct pairs, ${d.fever.removed} removed (claim or evidence in v0.2 dev), ${d.fever.kept} kept`);
    log(`train ${d.train.length} (${count(d.train)}); dev ${d.dev.length} (${count(d.dev)})`);
    const r = trainEvidenceStance(d.train, { seed, dev: d.dev, log });
    const seconds = round((performance.now() - t0) / 1000, 1);
    const devPred = d.dev.map((p) => evidenceStance(p.claim, p.evidence, r.model).label);
    const bySource = Object.fromEntries((['emergent', 'scifact', 'fever', 'fnc1'] as const).map((s) => {
      const ps = d.dev.filter((p) => p.source === s);
      return [s, evidenceFigures(r.model, ps)];
    }));
    const held = evaluateAll(r.model, data);
    const metrics = {
      split: { train: d.train.length, dev: d.dev.length, feverV01: d.fever },
      bestEpoch: r.bestEpoch,
      dev: { selectionScore: round(selectionScore(d.dev, devPred)), bySource: Object.fromEntries(Object.entries(bySource).map(([k, f]) => [k, { pairs: f.pairs, accuracy: f.accuracy, macroF1: f.macroF1, confusion: f.confusion.matrix }])) },
      ...held,
      trainingSeconds: seconds,
    };
    const path = saveModel({
      name: MODEL_NAME, featureSchema: EVIDENCE_STANCE_FEATURES, seed,
      trainedOn: `Emergent (all), SciFact claims_train (rationale sentences; ${DATA_OPTIONS.neutralPerClaim} other cited sentences per claim as neutral), FEVER-Symmetric v0.1 full + generated (${d.fever.kept} of ${d.fever.distinct} pairs; ${d.fever.removed} sharing a claim or evidence with v0.2 dev removed), FNC-1 train agree/disagree headlines vs their ${DATA_OPTIONS.fncSentences} closest body sentences; ${d.train.length} training pairs, ${d.dev.length} dev pairs (a fifth of the groups) for early stopping; figures on FEVER-Symmetric v0.2 dev and SciFact dev, held out`,
      createdWith: `crosscheck train ${MODEL_NAME}`, metrics,
      config: { bits: EVIDENCE_HYPER.bits, labels: EVIDENCE_LABELS, hyper: EVIDENCE_HYPER, sourceWeights: SOURCE_WEIGHTS, data: DATA_OPTIONS },
      weights: r.weights,
    });
    return { model: path, ...metrics };
  },
};

export const EVIDENCE_STANCE_EVAL: EvalTask = {
  name: MODEL_NAME,
  usage: 'eval evidence-stance [--data DIR] [--format json]',
  async run(args) {
    const v = taskArgs(args, ['data'] as const);
    const model = loadEvidenceStanceModel();
    if (!model.ok) throw new TaskInputError(model.error.message);
    return evaluateAll(model.value, typeof v.data === 'string' ? v.data : defaultData());
  },
};

function defaultData(): string {
  return process.env.CROSSCHECK_DATA ?? join(packageRoot(), '..', 'shared', 'datasets');
}
