/**
 * `crosscheck train comment-spam` / `crosscheck eval comment-spam`: promotional comment spam,
 * trained on three videos of the YouTube Spam Collection; the fourth (Eminem) is held out for
 * evaluation and never seen in training.
 */
import { join } from 'node:path';
import { spamFeatures, SPAM_BITS, SPAM_FEATURES, SPAM_MODEL, spamProbability } from '../../comments/spam.ts';
import { readTable } from '../data.ts';
import { TaskInputError, taskArgs } from './args.ts';
import { binaryPrf, round } from '../metrics.ts';
import { loadModel, packageRoot, packSoftmax, saveModel, unpackSoftmax } from '../model-file.ts';
import { trainSoftmax, type SoftmaxModel } from '../softmax.ts';
import type { EvalTask, TrainTask } from './types.ts';

export const VIDEOS = ['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO', 'Youtube04-Eminem'] as const;
export const HELD_OUT = 'Youtube04-Eminem';
const SETTINGS = { epochs: 12, lr: 0.3, l2: 1e-6 } as const;

export interface SpamRow { video: string; text: string; spam: boolean }

/** The comments of the given videos (CONTENT, CLASS 1 = spam). */
export function loadYoutube(data: string, videos: readonly string[] = VIDEOS): SpamRow[] {
  const rows: SpamRow[] = [];
  for (const video of videos) {
    const path = join(data, 'youtube-spam-collection', `${video}.csv`);
    const table = readTable(path, ['CONTENT', 'CLASS'], 'csv');
    if (!table.ok) throw new TaskInputError(table.error.message);
    for (const r of table.value) rows.push({ video, text: r.CONTENT ?? '', spam: r.CLASS?.trim() === '1' });
  }
  return rows;
}

export function trainSpam(rows: SpamRow[], seed: number, bits = SPAM_BITS): SoftmaxModel {
  const examples = rows.map((r) => ({ x: spamFeatures(r.text, bits), y: r.spam ? 1 : 0 }));
  return trainSoftmax(examples, { classes: 2, dim: 1 << bits, ...SETTINGS, seed });
}

export function scoreSpam(model: SoftmaxModel, rows: SpamRow[], bits = SPAM_BITS): { precision: number; recall: number; f1: number; support: number; n: number } {
  const pred = rows.map((r) => spamProbability(model, r.text, bits) >= 0.5);
  const p = binaryPrf(rows.map((r) => r.spam), pred);
  return { precision: round(p.precision), recall: round(p.recall), f1: round(p.f1), support: p.support, n: rows.length };
}

/** F1 of the shipped model on the held-out video, and leave-one-video-out F1 of fresh models. */
export function evaluateCommentSpam(data: string, seed = 1, folds = true): Record<string, unknown> {
  const file = loadModel(SPAM_MODEL, { featureSchema: SPAM_FEATURES });
  if (!file.ok) throw new TaskInputError(file.error.message);
  const shipped = unpackSoftmax(file.value.weights);
  const heldOut = scoreSpam(shipped, loadYoutube(data, [HELD_OUT]));
  if (!folds) return { heldOutVideo: HELD_OUT, heldOut };
  const perVideo: Record<string, number> = {};
  for (const video of VIDEOS) {
    const model = trainSpam(loadYoutube(data, VIDEOS.filter((v) => v !== video)), seed);
    perVideo[video] = scoreSpam(model, loadYoutube(data, [video])).f1;
  }
  return { heldOutVideo: HELD_OUT, heldOut, leaveOneVideoOutF1: perVideo };
}

export const COMMENT_SPAM_TASK: TrainTask = {
  name: SPAM_MODEL,
  description: `promotional comment spam, trained on the YouTube Spam Collection without ${HELD_OUT} (held out)`,
  async train({ data, seed, log }) {
    const train = loadYoutube(data, VIDEOS.filter((v) => v !== HELD_OUT));
    log(`comment-spam: ${train.length} comments from ${VIDEOS.length - 1} videos (${train.filter((r) => r.spam).length} spam)`);
    const model = trainSpam(train, seed);
    const heldOut = scoreSpam(model, loadYoutube(data, [HELD_OUT]));
    const path = saveModel({
      name: SPAM_MODEL,
      featureSchema: SPAM_FEATURES,
      trainedOn: `youtube-spam-collection: ${VIDEOS.filter((v) => v !== HELD_OUT).join(', ')} (${train.length} comments); ${HELD_OUT} held out`,
      seed,
      metrics: { heldOutVideo: HELD_OUT, ...heldOut },
      config: { bits: SPAM_BITS, threshold: 0.5, ...SETTINGS },
      weights: packSoftmax(model, 'q8'),
    });
    log(`comment-spam: held-out ${HELD_OUT} F1 ${heldOut.f1} (precision ${heldOut.precision}, recall ${heldOut.recall}); wrote ${path}`);
    return { heldOutVideo: HELD_OUT, ...heldOut, path };
  },
};

export const COMMENT_SPAM_EVAL: EvalTask = {
  name: SPAM_MODEL,
  usage: 'eval comment-spam [--data DIR]',
  async run(args) {
    const v = taskArgs(args, ['data'] as const);
    const data = v.data ?? process.env.CROSSCHECK_DATA ?? join(packageRoot(), '..', 'shared', 'datasets');
    return evaluateCommentSpam(data);
  },
};
