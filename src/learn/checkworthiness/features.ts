import { addFeature, charNgrams, l2normalize, sparse, wordNgrams, words, type SparseVector } from '../features.ts';

/**
 * Features of one sentence for check-worthiness: hashed word uni- and bigrams (figures folded
 * to a shape such as "<num>"), character 3–5-grams, and a few shape cues (a figure, a percent, a
 * currency, a year, first person, a question, length). Bump the version whenever one changes.
 */
export const CW_FEATURES = 'checkworthiness-features@1';

export interface CwFeatureOptions {
  bits: number;
  /** Character n-grams (default true). */
  chars?: boolean;
}

const shape = (w: string): string => /^\d{4}$/.test(w) && Number(w) > 1800 && Number(w) < 2100 ? '<year>' : /\d/.test(w) ? '<num>' : w;

export function cwFeatures(text: string, o: CwFeatureOptions): SparseVector {
  const m = new Map<number, number>();
  const ws = words(text).map(shape);
  for (const g of wordNgrams(ws, 1, 2)) addFeature(m, `w:${g}`, o.bits);
  if (o.chars !== false) {
    const folded = ws.join(' ');
    for (const g of charNgrams(folded, 3, 5)) addFeature(m, `c:${g}`, o.bits, 0.3);
  }
  const cue = (name: string, on: boolean): void => { if (on) addFeature(m, `s:${name}`, o.bits, 1); };
  cue('num', /\d/.test(text));
  cue('pct', /%|\bper ?cent\b/i.test(text));
  cue('money', /[$€£]|\b(dollars?|billion|million|trillion)\b/i.test(text));
  cue('year', ws.includes('<year>'));
  cue('first', /\b(I|we|my|our)\b/.test(text));
  cue('you', /\byou\b/i.test(text));
  cue('question', /\?\s*["”]?\s*$/.test(text));
  cue(`len${Math.min(6, Math.floor(Math.log2(ws.length + 1)))}`, true);
  return l2normalize(sparse(m));
}
