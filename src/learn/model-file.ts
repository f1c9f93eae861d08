import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fail, ok, type Result } from '../model/result.ts';
import type { MlpModel } from './mlp.ts';
import type { SoftmaxModel } from './softmax.ts';

/**
 * Model files: `models/<name>.json` at the package root, one JSON object with a format version,
 * a feature schema (the features the weights expect) and the weights as base64 tensors.
 */
export const MODEL_FORMAT = 'crosscheck-model';
export const MODEL_FORMAT_VERSION = 1;

const tensorSchema = z.object({
  shape: z.array(z.number().int().nonnegative()),
  /** f32: raw little-endian Float32; q8: int8 with one scale per tensor (value = q * scale). */
  dtype: z.enum(['f32', 'q8']),
  scale: z.number().optional(),
  data: z.string(),
});
export type EncodedTensor = z.infer<typeof tensorSchema>;

export const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  name: z.string().min(1),
  /** Names the feature extractor and its version, e.g. "stance-features@3". */
  featureSchema: z.string().min(1),
  /** What it was trained on (data set, split, row counts). */
  trainedOn: z.string(),
  seed: z.number().int(),
  createdWith: z.string().optional(),
  metrics: z.record(z.string(), z.unknown()),
  /** Task-specific settings the features or the decision need (labels, thresholds, bits …). */
  config: z.record(z.string(), z.unknown()).default({}),
  weights: z.record(z.string(), tensorSchema),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

/** The package root: the nearest folder above this module holding crosscheck's package.json (works from src/ and dist/). */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'crosscheck') return dir;
      } catch { /* not ours */ }
    }
    const up = dirname(dir);
    if (up === dir) return resolve(from, '..', '..');
    dir = up;
  }
}

/** The folder the shipped models live in (`CROSSCHECK_MODELS` overrides it). */
export function modelsDir(): string {
  return process.env.CROSSCHECK_MODELS ? resolve(process.env.CROSSCHECK_MODELS) : join(packageRoot(), 'models');
}

export function modelPath(name: string, dir = modelsDir()): string {
  return join(dir, `${name}.json`);
}

export function encodeTensor(a: Float32Array, shape: number[], dtype: 'f32' | 'q8' = 'f32'): EncodedTensor {
  if (dtype === 'f32') {
    return { shape, dtype, data: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') };
  }
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(a.length);
  for (let i = 0; i < a.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(a[i]! / scale)));
  return { shape, dtype, scale, data: Buffer.from(q.buffer).toString('base64') };
}

export function decodeTensor(t: EncodedTensor): Float32Array {
  const buf = Buffer.from(t.data, 'base64');
  const n = t.shape.reduce((a, b) => a * b, 1);
  if (t.dtype === 'f32') {
    if (buf.byteLength !== n * 4) throw new Error(`tensor of shape [${t.shape}] has ${buf.byteLength} bytes, expected ${n * 4}`);
    const out = new Float32Array(n);
    new Uint8Array(out.buffer).set(buf);
    return out;
  }
  if (buf.byteLength !== n) throw new Error(`q8 tensor of shape [${t.shape}] has ${buf.byteLength} bytes, expected ${n}`);
  const q = new Int8Array(buf.buffer, buf.byteOffset, n);
  const out = new Float32Array(n);
  const s = t.scale ?? 1;
  for (let i = 0; i < n; i++) out[i] = q[i]! * s;
  return out;
}

export function packSoftmax(m: SoftmaxModel, dtype: 'f32' | 'q8' = 'f32'): Record<string, EncodedTensor> {
  return { W: encodeTensor(m.W, [m.dim, m.classes], dtype), b: encodeTensor(m.b, [m.classes]) };
}

export function unpackSoftmax(w: Record<string, EncodedTensor>): SoftmaxModel {
  const W = need(w, 'W');
  const b = need(w, 'b');
  const [dim, classes] = W.shape as [number, number];
  if (W.shape.length !== 2 || b.shape[0] !== classes) throw new Error('softmax weights W [dim, classes] and b [classes] do not match');
  return { kind: 'softmax', dim, classes, W: decodeTensor(W), b: decodeTensor(b) };
}

export function packMlp(m: MlpModel, dtype: 'f32' | 'q8' = 'f32'): Record<string, EncodedTensor> {
  return {
    W1: encodeTensor(m.W1, [m.dim, m.hidden], dtype),
    b1: encodeTensor(m.b1, [m.hidden]),
    W2: encodeTensor(m.W2, [m.hidden, m.classes]),
    b2: encodeTensor(m.b2, [m.classes]),
  };
}

export function unpackMlp(w: Record<string, EncodedTensor>): MlpModel {
  const W1 = need(w, 'W1'), b1 = need(w, 'b1'), W2 = need(w, 'W2'), b2 = need(w, 'b2');
  const [dim, hidden] = W1.shape as [number, number];
  const classes = W2.shape[1]!;
  if (W2.shape[0] !== hidden || b1.shape[0] !== hidden || b2.shape[0] !== classes) throw new Error('mlp weight shapes do not match');
  return { kind: 'mlp', dim, hidden, classes, W1: decodeTensor(W1), b1: decodeTensor(b1), W2: decodeTensor(W2), b2: decodeTensor(b2) };
}

/** Several MLPs in one file: the first as W1, b1, …; member k ≥ 1 as W1.k, b1.k, … */
export function packEnsemble(members: MlpModel[], dtype: 'f32' | 'q8' = 'f32'): Record<string, EncodedTensor> {
  const out: Record<string, EncodedTensor> = {};
  members.forEach((m, k) => {
    for (const [name, t] of Object.entries(packMlp(m, dtype))) out[k ? `${name}.${k}` : name] = t;
  });
  return out;
}

/** The MLPs of `packEnsemble` (one for a file holding one). */
export function unpackEnsemble(w: Record<string, EncodedTensor>): MlpModel[] {
  const members = [unpackMlp(w)];
  for (let k = 1; w[`W1.${k}`]; k++) {
    const mk: Record<string, EncodedTensor> = {};
    for (const name of ['W1', 'b1', 'W2', 'b2']) { const t = w[`${name}.${k}`]; if (t) mk[name] = t; }
    members.push(unpackMlp(mk));
  }
  return members;
}

function need(w: Record<string, EncodedTensor>, k: string): EncodedTensor {
  const t = w[k];
  if (!t) throw new Error(`weights lack tensor "${k}"`);
  return t;
}

export type ModelInput = Omit<ModelFile, 'format' | 'formatVersion' | 'config'> & { config?: Record<string, unknown> };

/** Writes `models/<name>.json` (atomically: a temporary file, then a rename). Returns the path. */
export function saveModel(model: ModelInput, dir = modelsDir()): string {
  const file: ModelFile = { format: MODEL_FORMAT, formatVersion: MODEL_FORMAT_VERSION, ...model, config: model.config ?? {} };
  modelFileSchema.parse(file);
  mkdirSync(dir, { recursive: true });
  const path = modelPath(model.name, dir);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(file)}\n`);
  renameSync(tmp, path);
  return path;
}

/**
 * Reads and validates `models/<name>.json`. A missing file, broken JSON, another format version
 * or a feature schema other than `featureSchema` (when given) is an error value naming the file.
 */
export function loadModel(name: string, opts: { dir?: string; featureSchema?: string } = {}): Result<ModelFile> {
  const path = modelPath(name, opts.dir ?? modelsDir());
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return fail('not-found', `cannot read model "${path}": no such file (rebuild it with "crosscheck train ${name}")`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail('bad-json', `model "${path}" is not valid JSON`);
  }
  const head = z.object({ format: z.unknown(), formatVersion: z.unknown() }).safeParse(json);
  if (head.success && head.data.format === MODEL_FORMAT && head.data.formatVersion !== MODEL_FORMAT_VERSION) {
    return fail('bad-input', `model "${path}" has format version ${String(head.data.formatVersion)}, expected ${MODEL_FORMAT_VERSION}`);
  }
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('bad-input', `model "${path}" is not a ${MODEL_FORMAT} file: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  if (opts.featureSchema && parsed.data.featureSchema !== opts.featureSchema) {
    return fail('bad-input', `model "${path}" expects features "${parsed.data.featureSchema}", this version computes "${opts.featureSchema}" (rebuild it with "crosscheck train ${name}")`);
  }
  return ok(parsed.data);
}
