import { loadModel, unpackSoftmax, type ModelFile } from '../model-file.ts';
import { softmaxProba, type SoftmaxModel } from '../softmax.ts';
import type { Result } from '../../model/result.ts';
import { CW_FEATURES, cwFeatures, type CwFeatureOptions } from './features.ts';

export interface CheckworthinessModel {
  softmax: SoftmaxModel;
  features: CwFeatureOptions;
  /** Probability at or above which a sentence is "Yes" (tuned for F1 on CT24 dev). */
  threshold: number;
  file?: ModelFile;
}

export function cwModelFromFile(file: ModelFile): CheckworthinessModel {
  const c = file.config as { bits?: number; threshold?: number; chars?: boolean };
  return { softmax: unpackSoftmax(file.weights), features: { bits: c.bits ?? 18, chars: c.chars !== false }, threshold: c.threshold ?? 0.5, file };
}

let cached: Result<CheckworthinessModel> | undefined;

/** Loads `models/checkworthiness.json` once (an error value if missing or built for other features). */
export function loadCheckworthinessModel(opts: { dir?: string } = {}): Result<CheckworthinessModel> {
  if (!opts.dir && cached) return cached;
  const f = loadModel('checkworthiness', { ...(opts.dir ? { dir: opts.dir } : {}), featureSchema: CW_FEATURES });
  let r: Result<CheckworthinessModel>;
  if (!f.ok) r = f;
  else {
    try {
      r = { ok: true, value: cwModelFromFile(f.value) };
    } catch (e) {
      r = { ok: false, error: { code: 'bad-input', message: `model "checkworthiness" has unusable weights: ${(e as Error).message}` } };
    }
  }
  if (!opts.dir) cached = r;
  return r;
}

/** The model's probability that `text` is a check-worthy claim. */
export function checkworthinessProbability(m: CheckworthinessModel, text: string): number {
  return softmaxProba(m.softmax, cwFeatures(text, m.features))[1]!;
}

/**
 * The probability re-centred on the model's threshold: 0.5 exactly at the threshold, so that
 * "score ≥ 0.5" means the model says Yes.
 */
export function checkworthinessScore(m: CheckworthinessModel, text: string): number {
  const p = Math.min(1 - 1e-6, Math.max(1e-6, checkworthinessProbability(m, text)));
  const t = Math.min(1 - 1e-6, Math.max(1e-6, m.threshold));
  const logit = (x: number): number => Math.log(x / (1 - x));
  return 1 / (1 + Math.exp(-(logit(p) - logit(t))));
}
