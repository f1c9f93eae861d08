import { addFeature, charNgrams, l2normalize, sparse, wordNgrams, words, type SparseVector } from '../features.ts';

/**
 * Features of one sentence for check-worthiness: hashed word 1–3-grams (figures folded to a
 * shape such as "<num>"), character 3–5-grams of the sentence as written (lower-cased), shape
 * cues that carry across topics and speakers (figures, percents, money, years, months, number
 * words, comparisons, names, first person, opinion and modal wording, questions, length) and
 * every pair of the cues that fire (a figure with a reporting verb, first person with a modal …).
 * Bump the version whenever one changes.
 */
export const CW_FEATURES = 'checkworthiness-features@3';

export interface CwFeatureOptions {
  bits: number;
  /** Character n-grams (default true). */
  chars?: boolean;
}

const shape = (w: string): string => /^\d{4}$/.test(w) && Number(w) > 1800 && Number(w) < 2100 ? '<year>' : /\d/.test(w) ? '<num>' : w;

const CUES: [string, RegExp][] = [
  ['numword', /\b(hundreds?|thousands?|millions?|billions?|trillions?|percent|twice|double[ds]?|tripled?|half|dozens?|one[- ]third|quarter)\b/i],
  ['compar', /\b(more|less|fewer|higher|lower|larger|smaller|bigger|most|least|largest|biggest|highest|lowest|fastest|worst|best|record)\b/i],
  ['opinion', /\b(I|we)\s+(think|believe|feel|hope|wish|guess|suppose|want|love)\b|\bin my (opinion|view)\b/i],
  ['modal', /\b(will|would|should|could|must|going to|gonna|ought)\b/i],
  ['imper', /^\s*(let['’]s|let us|please|thank)/i],
  ['excl', /!/],
  ['month', /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/],
  ['act', /\b(voted?|passed|signed|vetoed|cut|raised|increased|decreased|created|lost|spent|cost)\b/i],
  ['quote', /["“”]/],
  ['said', /\b(said|says|say|told|claimed?)\b/i],
];

export function cwFeatures(text: string, o: CwFeatureOptions): SparseVector {
  const m = new Map<number, number>();
  const ws = words(text).map(shape);
  for (const g of wordNgrams(ws, 1, 3)) addFeature(m, `w:${g}`, o.bits);
  if (o.chars !== false) for (const g of charNgrams(text, 3, 5)) addFeature(m, `c:${g}`, o.bits, 0.3);
  // Cues that fire, for the pairs below (the length and name-count buckets are not paired).
  const fired: string[] = [];
  const cue = (name: string, on: boolean): void => {
    if (!on) return;
    addFeature(m, `s:${name}`, o.bits, 1);
    if (!name.startsWith('len') && !name.startsWith('caps')) fired.push(name);
  };
  const first = /\b(I|we|my|our)\b/.test(text);
  const figure = /\d/.test(text);
  cue('num', figure);
  cue('pct', /%|\bper ?cent\b/i.test(text));
  cue('money', /[$€£]|\b(dollars?|billion|million|trillion)\b/i.test(text));
  cue('year', ws.includes('<year>'));
  cue('first', first);
  cue('you', /\byou\b/i.test(text));
  cue('question', /\?\s*["”]?\s*$/.test(text));
  cue(`len${Math.min(6, Math.floor(Math.log2(ws.length + 1)))}`, true);
  const toks = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’\-]*/gu) ?? [];
  // Capitalised words after the first: names of people, places, bodies (not "I", "I'm").
  const caps = toks.slice(1).filter((t) => /^\p{Lu}/u.test(t) && t !== 'I' && !/^I['’]/.test(t)).length;
  cue(`caps${Math.min(3, caps)}`, true);
  for (const [name, re] of CUES) cue(name, re.test(text));
  cue('pasted', toks.some((t) => /ed$/i.test(t)));
  cue('first+num', first && figure);
  for (const a of fired) for (const b of fired) if (a < b) addFeature(m, `x:${a}*${b}`, o.bits, 0.5);
  return l2normalize(sparse(m));
}
