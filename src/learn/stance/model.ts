import { hashFeature, words } from '../features.ts';
import { FNC_LABELS, type FncLabel } from '../metrics.ts';
import { mlpProba, type MlpModel } from '../mlp.ts';
import { decodeTensor, loadModel, packEnsemble, unpackEnsemble, type EncodedTensor, type ModelFile } from '../model-file.ts';
import { argmax } from '../softmax.ts';
import type { Result } from '../../model/result.ts';
import { unpackEvidenceModel, type EvidenceStanceModel } from '../evidence-stance/model.ts';
import { EVIDENCE_LABELS } from '../evidence-stance/data.ts';
import { evidenceDim } from '../evidence-stance/features.ts';
import { STANCE_FEATURES, stanceFeatures, type StanceFeatureOptions } from './features.ts';
import { idfFrom, stem, textInfo, type Idf, type TextInfo } from './text.ts';

export interface StanceModel {
  /** The first member of the ensemble. */
  mlp: MlpModel;
  /** Every member (trained from different seeds); the stance is their mean probability. */
  members: MlpModel[];
  idf: Idf;
  idfTable: Float32Array;
  idfBits: number;
  features: StanceFeatureOptions;
  labels: readonly FncLabel[];
  /**
   * Per-label weights on the ensemble's mean probability (FNC_LABELS order), chosen on dev to
   * maximise macro-F1; the label is the argmax of the weighted, renormalised probabilities.
   * All ones when the file has none.
   */
  prior: readonly number[];
  /** The sentence-level stance model the features ask for (`features.evidence`), stored in the same file. */
  evidence?: EvidenceStanceModel;
  file?: ModelFile;
}

/** Prefix of the embedded sentence-level stance model's tensors in the weights. */
export const EVIDENCE_PREFIX = 'ev.';

export interface Stance {
  label: FncLabel;
  /** Probability of each label, in FNC_LABELS order. */
  probs: Record<FncLabel, number>;
}

/** idf over hashed stems of `docs` (a table of 2^bits smoothed log-idf values). */
export function buildIdf(docs: Iterable<string>, bits: number): Float32Array {
  const df = new Float32Array(1 << bits);
  let n = 0;
  for (const t of docs) {
    n++;
    for (const s of new Set(words(t).map(stem))) df[hashFeature(s, bits)]!++;
  }
  const idf = new Float32Array(1 << bits);
  for (let i = 0; i < idf.length; i++) idf[i] = Math.log((n + 1) / (df[i]! + 1)) + 1;
  return idf;
}

/** Weights of an ensemble: member 0 as W1, b1, W2, b2; member k > 0 as W1.k, b1.k, W2.k, b2.k. */
/** The members in one weights record (q8), as `packEnsemble` stores them. */
export const packMembers = (members: MlpModel[]): Record<string, EncodedTensor> => packEnsemble(members, 'q8');
export const unpackMembers = unpackEnsemble;

export function stanceModelFromFile(file: ModelFile): StanceModel {
  const c = file.config as { bits?: number; idfBits?: number; claimWords?: boolean; prior?: unknown; evidenceBits?: number };
  const idfBits = c.idfBits ?? 16;
  const idfTable = decodeTensor(file.weights.idf!);
  const features: StanceFeatureOptions = { bits: c.bits ?? 12, ...(c.claimWords ? { claimWords: true } : {}), ...(c.evidenceBits ? { evidence: true } : {}) };
  const own: Record<string, EncodedTensor> = {}, ev: Record<string, EncodedTensor> = {};
  for (const [k, t] of Object.entries(file.weights)) (k.startsWith(EVIDENCE_PREFIX) ? ev : own)[k.startsWith(EVIDENCE_PREFIX) ? k.slice(EVIDENCE_PREFIX.length) : k] = t;
  const members = unpackMembers(own);
  let evidence: EvidenceStanceModel | undefined;
  if (c.evidenceBits) {
    if (!ev.W1) throw new Error('config.evidenceBits is set but the weights hold no sentence-level stance model (ev.*)');
    const evFeatures = { bits: c.evidenceBits };
    evidence = { members: unpackEvidenceModel(ev, evidenceDim(evFeatures)), features: evFeatures, labels: EVIDENCE_LABELS };
  }
  const prior = c.prior ?? FNC_LABELS.map(() => 1);
  if (!Array.isArray(prior) || prior.length !== FNC_LABELS.length || !prior.every((w) => typeof w === 'number' && w > 0 && Number.isFinite(w))) {
    throw new Error(`config.prior must be ${FNC_LABELS.length} positive numbers, got ${JSON.stringify(c.prior)}`);
  }
  return { mlp: members[0]!, members, idf: idfFrom(idfTable, idfBits), idfTable, idfBits, features, labels: FNC_LABELS, prior: prior as number[], ...(evidence ? { evidence } : {}), file };
}

let cached: Result<StanceModel> | undefined;

/** Loads `models/stance.json` once (an error value if it is missing or built for other features). */
export function loadStanceModel(opts: { dir?: string } = {}): Result<StanceModel> {
  if (!opts.dir && cached) return cached;
  const f = loadModel('stance', { ...(opts.dir ? { dir: opts.dir } : {}), featureSchema: STANCE_FEATURES });
  let r: Result<StanceModel>;
  if (!f.ok) r = f;
  else {
    try {
      r = { ok: true, value: stanceModelFromFile(f.value) };
    } catch (e) {
      r = { ok: false, error: { code: 'bad-input', message: `model "stance" has unusable weights: ${(e as Error).message}` } };
    }
  }
  if (!opts.dir) cached = r;
  return r;
}

/** The ensemble's mean probability of each label, before the prior (FNC_LABELS order). */
export function ensembleProba(m: Pick<StanceModel, 'members' | 'labels' | 'idf' | 'features' | 'evidence'>, claim: TextInfo, passage: TextInfo): Float64Array {
  const x = stanceFeatures(claim, passage, m.idf, m.features, m.evidence);
  const p = new Float64Array(m.labels.length);
  for (const member of m.members) {
    const q = mlpProba(member, x);
    for (let c = 0; c < p.length; c++) p[c]! += q[c]! / m.members.length;
  }
  return p;
}

/** Weights `p` by `prior` and renormalises it, in place. */
export function applyPrior(p: Float64Array, prior: readonly number[]): Float64Array {
  let z = 0;
  for (let c = 0; c < p.length; c++) { p[c]! *= prior[c] ?? 1; z += p[c]!; }
  if (z > 0) for (let c = 0; c < p.length; c++) p[c]! /= z;
  return p;
}

/** The stance of a passage toward a claim, from prepared texts. */
export function stanceOfInfo(m: StanceModel, claim: TextInfo, passage: TextInfo): Stance {
  const p = applyPrior(ensembleProba(m, claim, passage), m.prior);
  const probs = Object.fromEntries(m.labels.map((l, i) => [l, p[i]!])) as Record<FncLabel, number>;
  return { label: m.labels[argmax(p)]!, probs };
}

/**
 * The stance of `passage` toward `claim`: agree, disagree, discuss or unrelated, with the
 * probability of each. Uses the shipped model unless one is given; throws only if the shipped
 * model is missing (check `loadStanceModel()` first to handle that as a value).
 */
export function stanceOf(claim: string, passage: string, model?: StanceModel): Stance {
  let m = model;
  if (!m) {
    const r = loadStanceModel();
    if (!r.ok) throw new Error(r.error.message);
    m = r.value;
  }
  return stanceOfInfo(m, textInfo(claim, m.idf, { sentences: false }), textInfo(passage, m.idf));
}
