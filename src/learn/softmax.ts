import type { SparseVector } from './features.ts';
import { rng, shuffle } from './random.ts';

/** Multinomial logistic regression over sparse input. Weights are feature-major: W[j * classes + c]. */
export interface SoftmaxModel {
  kind: 'softmax';
  classes: number;
  dim: number;
  W: Float32Array;
  b: Float32Array;
}

export interface Example {
  x: SparseVector;
  y: number;
  /** Example weight (default 1). */
  w?: number;
}

export interface SoftmaxOptions {
  classes: number;
  dim: number;
  /** Passes over the data (default 10). */
  epochs?: number;
  /** Adagrad base learning rate (default 0.1). */
  lr?: number;
  /** L2 penalty per example on the weights touched (default 1e-6). */
  l2?: number;
  /** Seed of the example order (default 1). */
  seed?: number;
  /** A weight per class, multiplied into each example's gradient (default all 1). */
  classWeights?: number[];
  /** Called after each epoch with its mean loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Softmax of `z` in place (numerically stable). */
export function softmaxInPlace(z: Float64Array): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < z.length; i++) m = Math.max(m, z[i]!);
  let s = 0;
  for (let i = 0; i < z.length; i++) { z[i] = Math.exp(z[i]! - m); s += z[i]!; }
  for (let i = 0; i < z.length; i++) z[i]! /= s;
  return z;
}

/** Class probabilities for `x`. */
export function softmaxProba(m: SoftmaxModel, x: SparseVector): Float64Array {
  const C = m.classes;
  const z = new Float64Array(C);
  for (let c = 0; c < C; c++) z[c] = m.b[c]!;
  for (let i = 0; i < x.idx.length; i++) {
    const j = x.idx[i]!;
    if (j < 0 || j >= m.dim) continue;
    const v = x.val[i]!;
    const o = j * C;
    for (let c = 0; c < C; c++) z[c]! += v * m.W[o + c]!;
  }
  return softmaxInPlace(z);
}

/** The most probable class. */
export function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

/**
 * Trains by Adagrad SGD on the cross-entropy, examples shuffled each epoch with a seeded PRNG:
 * the same data, options and seed give the same weights, bit for bit.
 */
export function trainSoftmax(examples: Example[], opts: SoftmaxOptions): SoftmaxModel {
  const C = opts.classes;
  const D = opts.dim;
  const epochs = opts.epochs ?? 10;
  const lr = opts.lr ?? 0.1;
  const l2 = opts.l2 ?? 1e-6;
  const cw = opts.classWeights ?? new Array<number>(C).fill(1);
  const r = rng(opts.seed ?? 1);
  const W = new Float32Array(D * C);
  const b = new Float32Array(C);
  const GW = new Float32Array(D * C).fill(1e-8);
  const Gb = new Float32Array(C).fill(1e-8);
  const model: SoftmaxModel = { kind: 'softmax', classes: C, dim: D, W, b };
  const order = examples.map((_, i) => i);
  const g = new Float64Array(C);
  for (let e = 0; e < epochs; e++) {
    shuffle(order, r);
    let loss = 0;
    for (const k of order) {
      const ex = examples[k]!;
      const p = softmaxProba(model, ex.x);
      const w = (ex.w ?? 1) * (cw[ex.y] ?? 1);
      loss -= w * Math.log(Math.max(p[ex.y]!, 1e-12));
      for (let c = 0; c < C; c++) g[c] = w * (p[c]! - (c === ex.y ? 1 : 0));
      for (let c = 0; c < C; c++) {
        Gb[c]! += g[c]! * g[c]!;
        b[c]! -= (lr * g[c]!) / Math.sqrt(Gb[c]!);
      }
      for (let i = 0; i < ex.x.idx.length; i++) {
        const j = ex.x.idx[i]!;
        if (j < 0 || j >= D) continue;
        const v = ex.x.val[i]!;
        const o = j * C;
        for (let c = 0; c < C; c++) {
          const grad = g[c]! * v + l2 * W[o + c]!;
          GW[o + c]! += grad * grad;
          W[o + c]! -= (lr * grad) / Math.sqrt(GW[o + c]!);
        }
      }
    }
    opts.onEpoch?.(e + 1, loss / Math.max(1, examples.length));
  }
  return model;
}
