/** The claim-matching reranker as shipped in `models/claim-matching.json`: an MLP over pair features, an IDF table, a threshold. */
import { fromDense } from '../learn/features.ts';
import { decodeTensor, loadModel, unpackMlp, type EncodedTensor } from '../learn/model-file.ts';
import { mlpProba, type MlpModel } from '../learn/mlp.ts';
import type { Result } from '../model/index.ts';
import { FEATURE_COUNT, FEATURE_SCHEMA, type Idf } from './features.ts';

export const MODEL_NAME = 'claim-matching';

export interface MatcherConfig {
  idfBits: number;
  /** Lowest similarity (the model's probability) reported as a match in a check. */
  threshold: number;
  /** Full-text candidates per search. */
  candidates: number;
  /** The date window searched besides the global search: days before and after the claim's date. */
  windowBefore: number;
  windowAfter: number;
}

export interface Matcher {
  config: MatcherConfig;
  idf: Idf;
  mlp: MlpModel;
}

export const DEFAULT_CONFIG: MatcherConfig = { idfBits: 17, threshold: 0.5, candidates: 50, windowBefore: 7, windowAfter: 60 };

/** P(the fact-check matches the claim) from a feature vector. */
export function similarityOf(m: Matcher, features: Float32Array): number {
  return mlpProba(m.mlp, fromDense(features))[1] ?? 0;
}

export function idfFromTable(table: Float32Array, bits: number): Idf {
  let max = 0;
  for (const v of table) max = Math.max(max, v);
  return { bits, table, max };
}

export function matcherFromWeights(weights: Record<string, EncodedTensor>, config: MatcherConfig): Matcher {
  const mlp = unpackMlp(weights);
  if (mlp.dim !== FEATURE_COUNT) throw new Error(`claim-matching weights expect ${mlp.dim} features, this version computes ${FEATURE_COUNT}`);
  const idf = weights.idf;
  if (!idf) throw new Error('claim-matching weights lack the "idf" tensor');
  return { config, idf: idfFromTable(decodeTensor(idf), config.idfBits), mlp };
}

let cached: Result<Matcher> | null = null;

/** Loads the shipped model once per process. */
export function loadMatcher(): Result<Matcher> {
  if (cached) return cached;
  const file = loadModel(MODEL_NAME, { featureSchema: FEATURE_SCHEMA });
  if (!file.ok) return (cached = file);
  const config = { ...DEFAULT_CONFIG, ...(file.value.config as Partial<MatcherConfig>) };
  try {
    cached = { ok: true, value: matcherFromWeights(file.value.weights, config) };
  } catch (e) {
    cached = { ok: false, error: { code: 'bad-input', message: `model "${MODEL_NAME}": ${(e as Error).message}` } };
  }
  return cached;
}
