/**
 * The same-fact model: the probability that two figures or two dates (one in the claim, one in a
 * passage) state the same fact, read from the words around them (see pair-features.ts). Trained
 * by `crosscheck train same-fact` on reports of one story that state the same value; the
 * comparison uses it beside its rules: a pair the rules refuse is compared when the model is
 * sure, a pair the rules accept is dropped when the model is sure it is about something else.
 * Without the model file the rules decide alone.
 */
import { fromDense } from '../../learn/features.ts';
import { mlpProba, type MlpModel } from '../../learn/mlp.ts';
import { loadModel, unpackEnsemble } from '../../learn/model-file.ts';
import { PAIR_FEATURES } from './pair-features.ts';

export interface SameFactModel {
  /** The members of the ensemble; the probability is their mean. */
  mlps: MlpModel[];
  /** At or above: the same fact even where the rules see too little. */
  accept: number;
  /** Below: not the same fact even where the rules would compare. */
  reject: number;
}

let cached: SameFactModel | null | undefined;

/** The shipped model, or null when `models/same-fact.json` is missing or built for other features. */
export function sameFactModel(): SameFactModel | null {
  if (cached !== undefined) return cached;
  const f = loadModel('same-fact', { featureSchema: PAIR_FEATURES });
  if (!f.ok) return (cached = null);
  const c = f.value.config as { accept?: number; reject?: number };
  cached = { mlps: unpackEnsemble(f.value.weights), accept: c.accept ?? 1.01, reject: c.reject ?? -1 };
  return cached;
}

export function sameFactProbability(m: SameFactModel, x: Float32Array): number {
  const v = fromDense(x);
  let sum = 0;
  for (const mlp of m.mlps) sum += mlpProba(mlp, v)[1]!;
  return sum / m.mlps.length;
}
