import type { SparseVector } from './features.ts';
import { rng, shuffle } from './random.ts';
import { softmaxInPlace } from './softmax.ts';

/**
 * A one-hidden-layer perceptron over sparse input: h = relu(W1ᵀx + b1), p = softmax(W2ᵀh + b2).
 * W1 is feature-major (W1[j * hidden + k]), W2 hidden-major (W2[k * classes + c]).
 */
export interface MlpModel {
  kind: 'mlp';
  dim: number;
  hidden: number;
  classes: number;
  W1: Float32Array;
  b1: Float32Array;
  W2: Float32Array;
  b2: Float32Array;
}

export interface MlpExample {
  x: SparseVector;
  y: number;
  w?: number;
}

export interface MlpOptions {
  classes: number;
  dim: number;
  /** Hidden units (default 64). */
  hidden?: number;
  /** Passes over the data (default 10). */
  epochs?: number;
  /** Adam learning rate (default 0.002). */
  lr?: number;
  /** L2 penalty (decoupled weight decay per step, default 1e-5). */
  l2?: number;
  /** Probability of dropping a hidden unit in training (default 0). */
  dropout?: number;
  /** Seed of the initial weights, the example order and dropout (default 1). */
  seed?: number;
  classWeights?: number[];
  /** Called after each epoch with its mean loss; return false to stop early. */
  onEpoch?: (epoch: number, loss: number, model: MlpModel) => boolean | void;
}

function hiddenOf(m: MlpModel, x: SparseVector, h: Float64Array): Float64Array {
  const H = m.hidden;
  for (let k = 0; k < H; k++) h[k] = m.b1[k]!;
  for (let i = 0; i < x.idx.length; i++) {
    const j = x.idx[i]!;
    if (j < 0 || j >= m.dim) continue;
    const v = x.val[i]!;
    const o = j * H;
    for (let k = 0; k < H; k++) h[k]! += v * m.W1[o + k]!;
  }
  for (let k = 0; k < H; k++) if (h[k]! < 0) h[k] = 0;
  return h;
}

function outputOf(m: MlpModel, h: Float64Array): Float64Array {
  const C = m.classes;
  const z = new Float64Array(C);
  for (let c = 0; c < C; c++) z[c] = m.b2[c]!;
  for (let k = 0; k < m.hidden; k++) {
    const hk = h[k]!;
    if (hk === 0) continue;
    const o = k * C;
    for (let c = 0; c < C; c++) z[c]! += hk * m.W2[o + c]!;
  }
  return softmaxInPlace(z);
}

/** Class probabilities for `x`. */
export function mlpProba(m: MlpModel, x: SparseVector): Float64Array {
  return outputOf(m, hiddenOf(m, x, new Float64Array(m.hidden)));
}

/**
 * Trains by Adam on the cross-entropy (lazy moments for the sparse first layer), He-initialised,
 * deterministic for a seed.
 */
export function trainMlp(examples: MlpExample[], opts: MlpOptions): MlpModel {
  const C = opts.classes;
  const D = opts.dim;
  const H = opts.hidden ?? 64;
  const epochs = opts.epochs ?? 10;
  const lr = opts.lr ?? 0.002;
  const wd = opts.l2 ?? 1e-5;
  const drop = opts.dropout ?? 0;
  const cw = opts.classWeights ?? new Array<number>(C).fill(1);
  const r = rng(opts.seed ?? 1);
  const m: MlpModel = {
    kind: 'mlp', dim: D, hidden: H, classes: C,
    W1: new Float32Array(D * H), b1: new Float32Array(H).fill(0.01),
    W2: new Float32Array(H * C), b2: new Float32Array(C),
  };
  // Scale by the typical number of active inputs rather than D: the input is sparse.
  const s1 = Math.sqrt(2 / Math.min(D, 64));
  for (let i = 0; i < m.W1.length; i++) m.W1[i] = r.normal() * s1;
  const s2 = Math.sqrt(2 / H);
  for (let i = 0; i < m.W2.length; i++) m.W2[i] = r.normal() * s2;
  const M1 = new Float32Array(D * H), V1 = new Float32Array(D * H);
  const Mb1 = new Float32Array(H), Vb1 = new Float32Array(H);
  const M2 = new Float32Array(H * C), V2 = new Float32Array(H * C);
  const Mb2 = new Float32Array(C), Vb2 = new Float32Array(C);
  const b1m = 0.9, b2m = 0.999, eps = 1e-8;
  let t = 0;
  const adam = (w: Float32Array, mo: Float32Array, ve: Float32Array, i: number, g: number, c1: number, c2: number, decay: boolean): void => {
    mo[i] = b1m * mo[i]! + (1 - b1m) * g;
    ve[i] = b2m * ve[i]! + (1 - b2m) * g * g;
    w[i]! -= lr * ((mo[i]! / c1) / (Math.sqrt(ve[i]! / c2) + eps) + (decay ? wd * w[i]! : 0));
  };
  const order = examples.map((_, i) => i);
  const h = new Float64Array(H);
  const mask = new Float64Array(H);
  const gz = new Float64Array(C);
  const gh = new Float64Array(H);
  for (let e = 0; e < epochs; e++) {
    shuffle(order, r);
    let loss = 0;
    for (const n of order) {
      const ex = examples[n]!;
      t++;
      const c1 = 1 - Math.pow(b1m, t), c2 = 1 - Math.pow(b2m, t);
      hiddenOf(m, ex.x, h);
      for (let k = 0; k < H; k++) {
        mask[k] = drop > 0 ? (r.next() < drop ? 0 : 1 / (1 - drop)) : 1;
        h[k]! *= mask[k]!;
      }
      const p = outputOf(m, h);
      const w = (ex.w ?? 1) * (cw[ex.y] ?? 1);
      loss -= w * Math.log(Math.max(p[ex.y]!, 1e-12));
      for (let c = 0; c < C; c++) gz[c] = w * (p[c]! - (c === ex.y ? 1 : 0));
      for (let k = 0; k < H; k++) {
        let s = 0;
        const o = k * C;
        for (let c = 0; c < C; c++) s += gz[c]! * m.W2[o + c]!;
        gh[k] = h[k]! > 0 ? s * mask[k]! : 0;
      }
      for (let k = 0; k < H; k++) {
        const o = k * C;
        for (let c = 0; c < C; c++) adam(m.W2, M2, V2, o + c, gz[c]! * h[k]!, c1, c2, true);
      }
      for (let c = 0; c < C; c++) adam(m.b2, Mb2, Vb2, c, gz[c]!, c1, c2, false);
      for (let k = 0; k < H; k++) adam(m.b1, Mb1, Vb1, k, gh[k]!, c1, c2, false);
      for (let i = 0; i < ex.x.idx.length; i++) {
        const j = ex.x.idx[i]!;
        if (j < 0 || j >= D) continue;
        const v = ex.x.val[i]!;
        const o = j * H;
        for (let k = 0; k < H; k++) if (gh[k] !== 0) adam(m.W1, M1, V1, o + k, gh[k]! * v, c1, c2, true);
      }
    }
    if (opts.onEpoch?.(e + 1, loss / Math.max(1, examples.length), m) === false) break;
  }
  return m;
}
