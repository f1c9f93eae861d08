/**
 * Promotional-spam classifier for comments: hashed words, word pairs and character n-grams plus
 * a few promotion cues, scored by a softmax model trained on the YouTube Spam Collection
 * (`crosscheck train comment-spam`, shipped as models/comment-spam.json).
 */
import { addBag, addFeature, charNgrams, l2normalize, logScale, sparse, words, wordNgrams, type SparseVector } from '../learn/features.ts';
import { loadModel, unpackSoftmax } from '../learn/model-file.ts';
import { softmaxProba, type SoftmaxModel } from '../learn/softmax.ts';
import type { SpamScorer } from './analyse.ts';

export const SPAM_MODEL = 'comment-spam';
export const SPAM_FEATURES = 'comment-spam-features@2';
export const SPAM_BITS = 16;

/** Cues a person recognises as promotion; each also becomes a feature. */
const CUES: ReadonlyArray<[string, RegExp]> = [
  ['a link', /\bhttps?:\/\/|\bwww\.|\b[a-z0-9-]+\.(?:com|net|org|ly|info|biz|co)\b/i],
  ['"subscribe"', /\bsub(?:scribe|s)\b/i],
  ['"my channel"', /\bmy (?:channel|page|video|videos|music|vids?)\b/i],
  ['"check out"', /\bcheck (?:it |this |me |my )?out\b/i],
  ['a phone number', /\+?\d[\d\s-]{8,}\d/],
  ['money or free offers', /\b(?:(?:make|earn|making|earning) (?:money|cash|\$)|free (?:gift|iphone|followers|views|subscribers|likes|money|trial)|giveaway|gift cards?|\$\d+ (?:a|per) (?:day|hour|week))/i],
  ['bought followers or views', /\b(?:buy|get|gain)\s+(?:\d+[\d,.]*k?\s+)?(?:real\s+|active\s+|new\s+)?(?:followers|subscribers|views|likes)\b/i],
  ['a request to follow or like', /\b(?:follow me|like this comment|please like|thumbs up|give (?:me|it) a like)\b/i],
];

/** Turn a comment's raw text (HTML entities, tags) into plain text. */
function plain(text: string): string {
  return text.replace(/<a [^>]*href="([^"]*)"[^>]*>[^<]*<\/a>/gi, ' $1 ').replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/\uFEFF/g, '').trim();
}

/** The promotion cues present in a comment. */
export function spamCues(text: string): string[] {
  const t = plain(text);
  return CUES.filter(([, re]) => re.test(t)).map(([name]) => name);
}

/** The feature vector of one comment (schema `comment-spam-features@2`). */
export function spamFeatures(text: string, bits = SPAM_BITS): SparseVector {
  const t = plain(text);
  const m = new Map<number, number>();
  const noUrls = t.replace(/\bhttps?:\/\/\S+|\bwww\.\S+/gi, ' urltoken ');
  const w = words(noUrls);
  addBag(m, wordNgrams(w, 1, 2), 'w', bits);
  addBag(m, charNgrams(noUrls, 3, 4), 'c', bits, 0.5);
  logScale(m);
  for (const [name, re] of CUES) if (re.test(t)) addFeature(m, `cue:${name}`, bits, 2);
  const letters = t.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length / Math.max(1, letters.length);
  addFeature(m, `upper:${Math.min(4, Math.floor(upper * 5))}`, bits);
  addFeature(m, `len:${Math.min(6, Math.floor(Math.log2(1 + w.length)))}`, bits);
  addFeature(m, `bang:${Math.min(3, (t.match(/!/g) ?? []).length)}`, bits);
  addFeature(m, 'bias', bits);
  return l2normalize(sparse(m));
}

/** Probability that a comment is promotional spam under `model`. */
export function spamProbability(model: SoftmaxModel, text: string, bits = SPAM_BITS): number {
  return softmaxProba(model, spamFeatures(text, bits))[1] ?? 0;
}

let cached: SpamScorer | null | undefined;

/**
 * The shipped classifier as a scorer, or null when models/comment-spam.json is missing or was
 * built for other features (the analysis then runs without the spam signal).
 */
export function loadSpamScorer(options: { dir?: string } = {}): SpamScorer | null {
  if (cached !== undefined && !options.dir) return cached;
  const file = loadModel(SPAM_MODEL, { featureSchema: SPAM_FEATURES, ...(options.dir ? { dir: options.dir } : {}) });
  let scorer: SpamScorer | null = null;
  if (file.ok) {
    const model = unpackSoftmax(file.value.weights);
    const bits = typeof file.value.config.bits === 'number' ? file.value.config.bits : SPAM_BITS;
    scorer = (text) => {
      const probability = spamProbability(model, text, bits);
      return { probability, cues: probability >= 0.5 ? spamCues(text) : [] };
    };
  }
  if (!options.dir) cached = scorer;
  return scorer;
}
