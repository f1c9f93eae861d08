/**
 * The evidence stance model: whether one evidence sentence (or a passage of a few) agrees with a
 * claim sentence, contradicts it, or is neutral (speaks of something else, or only reports it).
 * An ensemble of small MLPs over `evidence-stance-features`; `models/evidence-stance.json`.
 */
import type { Result } from '../../model/result.ts';
import type { SparseVector } from '../features.ts';
import { confusion, prf } from '../metrics.ts';
import { mlpProba, trainMlp, type MlpModel } from '../mlp.ts';
import { decodeTensor, encodeTensor, loadModel, type EncodedTensor, type ModelFile } from '../model-file.ts';
import { argmax } from '../softmax.ts';
import { EVIDENCE_LABELS, type EvidenceLabel, type EvidencePair } from './data.ts';
import { EVIDENCE_STANCE_FEATURES, evidenceDim, evidenceFeatures, type EvidenceFeatureOptions } from './features.ts';

export const MODEL_NAME = 'evidence-stance';

export interface EvidenceHyper {
  bits: number;
  hidden: number;
  dropout: number;
  epochs: number;
  lr: number;
  l2: number;
  /** agree, disagree, neutral. */
  classWeights: [number, number, number];
  /** MLPs trained from seeds s, s + 1, …; the stance is their mean probability. */
  members: number;
}

export const EVIDENCE_HYPER: EvidenceHyper = { bits: 14, hidden: 16, dropout: 0.2, epochs: 10, lr: 0.002, l2: 1e-5, classWeights: [1, 2, 1], members: 3 };

export interface EvidenceStanceModel {
  members: MlpModel[];
  features: EvidenceFeatureOptions;
  labels: readonly EvidenceLabel[];
  file?: ModelFile;
}

export interface EvidenceStance {
  label: EvidenceLabel;
  /** Probability of each label. */
  probs: Record<EvidenceLabel, number>;
}

/** The stance from a feature vector. */
export function evidenceStanceOfVector(m: EvidenceStanceModel, x: SparseVector): EvidenceStance {
  const p = new Float64Array(m.labels.length);
  for (const member of m.members) {
    const q = mlpProba(member, x);
    for (let c = 0; c < p.length; c++) p[c]! += q[c]! / m.members.length;
  }
  const probs = Object.fromEntries(m.labels.map((l, i) => [l, p[i]!])) as Record<EvidenceLabel, number>;
  return { label: m.labels[argmax(p)]!, probs };
}

let cached: Result<EvidenceStanceModel> | undefined;

/**
 * Weights of the ensemble: member k's tensors named W1, b1, W2, b2 with the suffix ".k" for k > 0.
 * Most rows of W1 belong to hashed features never seen in training and are zero, so W1 is stored
 * as its non-zero rows only (q8), with "rows" (shared by the members) giving their feature indices.
 */
export function packEvidenceModel(members: MlpModel[]): Record<string, EncodedTensor> {
  const first = members[0];
  if (!first) throw new Error('an ensemble needs at least one member');
  const H = first.hidden;
  const rows: number[] = [];
  for (let j = 0; j < first.dim; j++) {
    if (members.some((m) => m.W1.subarray(j * H, (j + 1) * H).some((v) => v !== 0))) rows.push(j);
  }
  const out: Record<string, EncodedTensor> = { rows: encodeTensor(Float32Array.from(rows), [rows.length]) };
  members.forEach((m, k) => {
    const W1 = new Float32Array(rows.length * H);
    rows.forEach((j, r) => W1.set(m.W1.subarray(j * H, (j + 1) * H), r * H));
    const sfx = k ? `.${k}` : '';
    out[`W1${sfx}`] = encodeTensor(W1, [rows.length, H], 'q8');
    out[`b1${sfx}`] = encodeTensor(m.b1, [H]);
    out[`W2${sfx}`] = encodeTensor(m.W2, [H, m.classes]);
    out[`b2${sfx}`] = encodeTensor(m.b2, [m.classes]);
  });
  return out;
}

/** The ensemble back from its tensors, W1 expanded to `dim` rows. */
export function unpackEvidenceModel(w: Record<string, EncodedTensor>, dim: number): MlpModel[] {
  const t = (name: string): EncodedTensor => {
    const x = w[name];
    if (!x) throw new Error(`weights lack tensor "${name}"`);
    return x;
  };
  const rows = decodeTensor(t('rows'));
  const members: MlpModel[] = [];
  for (let k = 0; k === 0 || w[`W1.${k}`]; k++) {
    const sfx = k ? `.${k}` : '';
    const W1t = t(`W1${sfx}`), W2t = t(`W2${sfx}`);
    const [n, H] = W1t.shape as [number, number];
    const classes = W2t.shape[1]!;
    if (n !== rows.length || W2t.shape[0] !== H) throw new Error(`member ${k}: W1 [${W1t.shape}] and W2 [${W2t.shape}] do not match ${rows.length} rows`);
    const packed = decodeTensor(W1t);
    const W1 = new Float32Array(dim * H);
    rows.forEach((j, r) => {
      if (!Number.isInteger(j) || j < 0 || j >= dim) throw new Error(`row ${j} is outside ${dim} features`);
      W1.set(packed.subarray(r * H, (r + 1) * H), j * H);
    });
    members.push({ kind: 'mlp', dim, hidden: H, classes, W1, b1: decodeTensor(t(`b1${sfx}`)), W2: decodeTensor(W2t), b2: decodeTensor(t(`b2${sfx}`)) });
  }
  return members;
}

export function evidenceModelFromFile(file: ModelFile): EvidenceStanceModel {
  const c = file.config as { bits?: number };
  const features: EvidenceFeatureOptions = { bits: c.bits ?? EVIDENCE_HYPER.bits };
  const members = unpackEvidenceModel(file.weights, evidenceDim(features));
  for (const m of members) {
    if (m.classes !== EVIDENCE_LABELS.length || m.b1.length !== m.hidden || m.b2.length !== m.classes) throw new Error(`weights for ${m.classes} labels do not fit ${EVIDENCE_LABELS.length}`);
  }
  return { members, features, labels: EVIDENCE_LABELS, file };
}

/** Loads `models/evidence-stance.json` once (an error value if it is missing or built for other features). */
export function loadEvidenceStanceModel(opts: { dir?: string } = {}): Result<EvidenceStanceModel> {
  if (!opts.dir && cached) return cached;
  const f = loadModel(MODEL_NAME, { ...(opts.dir ? { dir: opts.dir } : {}), featureSchema: EVIDENCE_STANCE_FEATURES });
  let r: Result<EvidenceStanceModel>;
  if (!f.ok) r = f;
  else {
    try {
      r = { ok: true, value: evidenceModelFromFile(f.value) };
    } catch (e) {
      r = { ok: false, error: { code: 'bad-input', message: `model "${MODEL_NAME}" has unusable weights: ${(e as Error).message}` } };
    }
  }
  if (!opts.dir) cached = r;
  return r;
}

/**
 * The stance of `passage` (an evidence sentence or a few) toward `claim` (one sentence): agree,
 * disagree or neutral, with the probability of each. Uses the shipped model unless one is given;
 * throws only if the shipped model is missing (check `loadEvidenceStanceModel()` first to handle
 * that as a value).
 */
export function evidenceStance(claim: string, passage: string, model?: EvidenceStanceModel): EvidenceStance {
  let m = model;
  if (!m) {
    const r = loadEvidenceStanceModel();
    if (!r.ok) throw new Error(r.error.message);
    m = r.value;
  }
  return evidenceStanceOfVector(m, evidenceFeatures(claim, passage, m.features));
}

/**
 * The model-selection score on labelled pairs: for each source, the macro-F1 over the labels its
 * pairs have (a neutral call on an agree/disagree-only source counts as an error), averaged over
 * the sources.
 */
export function selectionScore(pairs: Pick<EvidencePair, 'label' | 'source'>[], pred: EvidenceLabel[]): number {
  const L = EVIDENCE_LABELS as readonly string[];
  const sources = [...new Set(pairs.map((p) => p.source))].sort();
  if (!sources.length) return 0;
  let sum = 0;
  for (const s of sources) {
    const ix = pairs.map((p, i) => (p.source === s ? i : -1)).filter((i) => i >= 0);
    const m = confusion(ix.map((i) => L.indexOf(pairs[i]!.label)), ix.map((i) => L.indexOf(pred[i]!)), L.length);
    const present = L.map((_, c) => c).filter((c) => m[c]!.some((n) => n > 0));
    sum += present.reduce((a, c) => a + prf(m, c).f1, 0) / Math.max(1, present.length);
  }
  return sum / sources.length;
}

export interface TrainResult {
  /** The model with its weights quantised as they are shipped. */
  model: EvidenceStanceModel;
  weights: Record<string, EncodedTensor>;
  /** Per member: the epoch kept (the best on dev, or the last without dev) and its dev score. */
  bestEpoch: number[];
  devScore: number[];
}

/**
 * Trains the ensemble on `train` (each pair weighted by `weight`), each member kept at its best
 * epoch on `dev` by `selectionScore` (or its last epoch without dev). Rows of the first layer for
 * hashed features never seen in training are zeroed, so that an unseen word pair adds nothing.
 * The same pairs, options and seed give the same weights, bit for bit.
 */
export function trainEvidenceStance(train: EvidencePair[], opts: { seed: number; hyper?: EvidenceHyper; dev?: EvidencePair[]; log?: (s: string) => void }): TrainResult {
  const h = opts.hyper ?? EVIDENCE_HYPER;
  const features: EvidenceFeatureOptions = { bits: h.bits };
  const dim = evidenceDim(features);
  const L = EVIDENCE_LABELS as readonly string[];
  const ex = train.map((p) => ({ x: evidenceFeatures(p.claim, p.evidence, features), y: L.indexOf(p.label), w: p.weight ?? 1 }));
  const seen = new Uint8Array(dim);
  for (const e of ex) for (const j of e.x.idx) seen[j] = 1;
  const devX = (opts.dev ?? []).map((p) => evidenceFeatures(p.claim, p.evidence, features));
  const clean = (m: MlpModel): MlpModel => {
    const W1 = m.W1.slice();
    for (let j = 0; j < dim; j++) if (!seen[j]) W1.fill(0, j * m.hidden, (j + 1) * m.hidden);
    return { ...m, W1, b1: m.b1.slice(), W2: m.W2.slice(), b2: m.b2.slice() };
  };
  const members: MlpModel[] = [], bestEpoch: number[] = [], devScore: number[] = [];
  for (let k = 0; k < h.members; k++) {
    let best: { epoch: number; score: number; mlp: MlpModel } | undefined;
    const last = trainMlp(ex, {
      classes: L.length, dim, hidden: h.hidden, epochs: h.epochs, lr: h.lr, l2: h.l2, dropout: h.dropout, seed: opts.seed + k, classWeights: h.classWeights,
      onEpoch(epoch, loss, m) {
        if (!opts.dev?.length) return;
        const c = clean(m);
        const pred = devX.map((x) => EVIDENCE_LABELS[argmax(mlpProba(c, x))]!);
        const score = selectionScore(opts.dev, pred);
        opts.log?.(`member ${k + 1} epoch ${epoch}: loss ${loss.toFixed(4)}, dev score ${score.toFixed(4)}`);
        if (!best || score > best.score) best = { epoch, score, mlp: c };
      },
    });
    members.push(best ? best.mlp : clean(last));
    bestEpoch.push(best ? best.epoch : h.epochs);
    devScore.push(best ? best.score : NaN);
  }
  const weights = packEvidenceModel(members);
  const model: EvidenceStanceModel = { members: unpackEvidenceModel(weights, dim), features, labels: EVIDENCE_LABELS };
  return { model, weights, bestEpoch, devScore };
}
