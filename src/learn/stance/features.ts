import { hashFeature, type SparseVector } from '../features.ts';
import { evidenceFeaturesOf, joinedView, textView, type TextView } from '../evidence-stance/features.ts';
import { evidenceStanceOfVector, type EvidenceStanceModel } from '../evidence-stance/model.ts';
import { CONFIRM, cosine, DEBUNK, HEDGE, NEGATION, REFUTE, REPORT, sentenceContent, sentenceCosines, tfidf, type Idf, type TextInfo } from './text.ts';

/**
 * Topic-independent features of a (claim, passage) pair: how much of the claim the passage
 * covers (tf-idf cosines over the whole, the lead and the best sentences, word, n-gram, name
 * and number overlap); which refuting, hedging, confirming, negation and reporting cues it
 * carries where it speaks of the claim; and the claim's polarity crossed with the passage's (a
 * passage that debunks a story agrees with a headline that debunks it and disagrees with one
 * that tells it); and, sentence by sentence, denial phrases ("not true", "no evidence") and
 * debunking words in the sentences closest to the claim, crossed with whether the claim denies,
 * hedges or tells the story; and, with `evidence`, what a sentence-level stance model (agree /
 * disagree / neutral, trained on other data) says of the claim against the three sentences closest
 * to it and against the two closest together. Bump the version whenever a feature changes.
 */
export const STANCE_FEATURES = 'stance-features@4';

export const CUE_LISTS: [string, Set<string>][] = [['neg', NEGATION], ['ref', REFUTE], ['hed', HEDGE], ['con', CONFIRM]];

export interface StanceFeatureOptions {
  /** Bits of the hashed cue-word part (default 12). */
  bits: number;
  /** Also hash the claim's own words (topic words: off by default). */
  claimWords?: boolean;
  /** Append the sentence-level stance features (EVIDENCE_EXTRA values after the hashed part); needs an evidence model. */
  evidence?: boolean;
}

/** Number of sentence-level stance features appended with `evidence`. */
export const EVIDENCE_EXTRA = 8;

/** Number of dense features before the hashed part. */
export const DENSE = 128;

const frac = (a: Set<string>, b: Set<string>): number => {
  if (!a.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / a.size;
};

/** Share of `a`'s n-grams found in the padded string `flat` (`pad`: whether grams must sit between spaces). */
const contained = (a: Set<string>, flat: string, pad: boolean): number => {
  if (!a.size) return 0;
  let n = 0;
  for (const x of a) if (flat.includes(pad ? ` ${x} ` : x)) n++;
  return n / a.size;
};

/**
 * Share of the 4-code-unit strings `grams` found in `flat`, by one scan of `flat` (the same count
 * as `flat.includes(g)` for each gram, which scans the whole text once per gram).
 */
function containedChars(grams: Set<string>, flat: string): number {
  if (!grams.size) return 0;
  for (const g of grams) if (g.length !== 4) return contained(grams, flat, false);
  // Grams by a key of their four code units (several may share one); a small bit table skips
  // most positions of the text without a map look-up.
  const todo = new Map<number, string[]>();
  for (const g of grams) {
    const k = key4(g, 0);
    const l = todo.get(k);
    if (l) l.push(g); else todo.set(k, [g]);
    GRAM_FILTER[filterSlot(k)] = 1;
  }
  let n = 0;
  for (let i = 0; i + 4 <= flat.length && todo.size; i++) {
    const k = key4(flat, i);
    if (!GRAM_FILTER[filterSlot(k)]) continue;
    const l = todo.get(k);
    if (!l) continue;
    for (let j = 0; j < l.length; j++) if (flat.startsWith(l[j]!, i)) { n++; l.splice(j--, 1); }
    if (!l.length) todo.delete(k);
  }
  for (const g of grams) GRAM_FILTER[filterSlot(key4(g, 0))] = 0;
  return n / grams.size;
}

const GRAM_FILTER = new Uint8Array(1 << 12);
const key4 = (s: string, i: number): number => (s.charCodeAt(i) << 24) ^ (s.charCodeAt(i + 1) << 16) ^ (s.charCodeAt(i + 2) << 8) ^ s.charCodeAt(i + 3);
const filterSlot = (k: number): number => Math.imul(k, 0x9e3779b1) >>> 20;

const count = (tokens: string[], list: Set<string>): number => {
  let n = 0;
  for (const t of tokens) if (list.has(t)) n++;
  return n;
};

export function stanceDim(o: StanceFeatureOptions): number {
  return DENSE + (1 << o.bits) + (o.evidence ? EVIDENCE_EXTRA : 0);
}

/**
 * The sentence-level stance model's view of the claim against the passage's three sentences
 * closest to it (by tf-idf cosine `sims`): p(disagree) and p(agree) of the closest, the largest of
 * each over the three, the mean p(disagree), both again for the two closest read together (in
 * text order), and p(disagree) of the closest scaled by how close it is.
 */
export function evidenceValues(h: TextInfo, b: TextInfo, sims: number[], ev: EvidenceStanceModel): number[] {
  const order = sims.map((_, k) => k).sort((p, q) => sims[q]! - sims[p]! || p - q).slice(0, 3);
  if (!order.length) return new Array<number>(EVIDENCE_EXTRA).fill(0);
  // The claim is read once for the four calls (the same values as evidenceStance(h.raw, …)).
  const claim = textView(h.raw);
  const stance = (view: TextView) => evidenceStanceOfVector(ev, evidenceFeaturesOf(claim, view, ev.features)).probs;
  const views = new Map(order.map((k) => [k, textView(b.sentences[k]!.raw)]));
  const ps = order.map((k) => stance(views.get(k)!));
  // The two closest in text order, read together (the same view as textView of the joined text).
  const pair = order.slice(0, 2).sort((p, q) => p - q);
  const two = order.length >= 2 ? stance(joinedView(pair.map((k) => views.get(k)!), pair.map((k) => b.sentences[k]!.raw))) : ps[0]!;
  const dis = ps.map((p) => p.disagree), agr = ps.map((p) => p.agree);
  return [ps[0]!.disagree, ps[0]!.agree, Math.max(...dis), Math.max(...agr), dis.reduce((a, v) => a + v, 0) / dis.length,
    two.disagree, two.agree, sims[order[0]!]! * ps[0]!.disagree];
}

interface BodyExtra {
  leadTf: Map<string, number>;
  leadContent: Set<string>;
  /** Per sentence: counts of each cue list. */
  sentCues: number[][];
  /** Per sentence: positions of negation (n) and refuting (r) tokens. */
  cuePos: { k: number; neg: boolean; ref: boolean }[][];
  bodyCounts: number[];
  leadCounts: number[];
  leadCueTokens: string[];
  bodyCues: Map<string, number>;
  /** Per sentence: reporting words, quote marks, and which cue lists (neg, ref, hed, con, rep) it holds. */
  sentRep: number[];
  sentQuote: number[];
  sentHas: boolean[][];
  quotes: number;
  reports: number;
  repTokens: string[][];
  debunk: number;
  leadDebunk: number;
  sentDebunk: number[];
  /** Per sentence: denial phrases ("not true", "no evidence" …). */
  sentPhrase: number[];
  phrase: number;
  leadPhrase: number;
}

const extras = new WeakMap<TextInfo, BodyExtra>();

/**
 * Which word lists a word is in, as bits (DEN: the first word of a denial phrase): one map
 * look-up per token instead of one per list.
 */
const NEG = 1, REF = 2, HED = 4, CON = 8, REP = 16, DEB = 32, DEN = 64, CUE = NEG | REF | HED | CON;
const LIST_BITS = new Map<string, number>();
for (const [list, bit] of [[NEGATION, NEG], [REFUTE, REF], [HEDGE, HED], [CONFIRM, CON], [REPORT, REP], [DEBUNK, DEB]] as const) {
  for (const w of list) LIST_BITS.set(w, (LIST_BITS.get(w) ?? 0) | bit);
}
const isCue = (t: string): boolean => ((LIST_BITS.get(t) ?? 0) & CUE) !== 0;

/** Whether `b`'s tokens are its sentences' tokens one after the other (as when no sentence was dropped). */
function tokensAreSentences(b: TextInfo): boolean {
  let at = 0;
  for (const s of b.sentences) {
    if (at + s.tokens.length > b.tokens.length) return false;
    for (let k = 0; k < s.tokens.length; k++) if (s.tokens[k] !== b.tokens[at++]) return false;
  }
  return at === b.tokens.length;
}

function extra(b: TextInfo, idf: Idf): BodyExtra {
  let e = extras.get(b);
  if (e) return e;
  // One pass over each sentence, and one over the whole text only when it holds more than the
  // sentences kept (the counts are the same as one pass per cue list).
  const sentCues: number[][] = [], cuePos: { k: number; neg: boolean; ref: boolean }[][] = [], sentRep: number[] = [];
  const sentHas: boolean[][] = [], repTokens: string[][] = [], sentDebunk: number[] = [], cueTokens: string[][] = [], sentPhrase: number[] = [];
  // The whole text's counts, summed over the sentences (used when they hold all its tokens).
  const sumCues = new Map<string, number>(), sumCounts = [0, 0, 0, 0];
  let sumReports = 0, sumDebunk = 0;
  for (const sent of b.sentences) {
    const cues = [0, 0, 0, 0];
    const pos: { k: number; neg: boolean; ref: boolean }[] = [];
    const reps: string[] = [], cueToks: string[] = [];
    let debunk = 0, phrase = 0;
    const tokens = sent.tokens;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      const f = LIST_BITS.get(t);
      if (f === undefined) continue;
      const neg = (f & NEG) !== 0, ref = (f & REF) !== 0;
      if (neg) cues[0]!++;
      if (ref) cues[1]!++;
      if (f & HED) cues[2]!++;
      if (f & CON) cues[3]!++;
      if (neg || ref) pos.push({ k, neg, ref });
      if (f & CUE) { cueToks.push(t); sumCues.set(t, (sumCues.get(t) ?? 0) + 1); }
      if (f & REP) reps.push(t);
      if (f & DEB) debunk++;
      if (f & DEN && phraseAt(tokens, k)) phrase++;
    }
    for (let l = 0; l < 4; l++) sumCounts[l]! += cues[l]!;
    sumReports += reps.length;
    sumDebunk += debunk;
    sentPhrase.push(phrase);
    sentCues.push(cues);
    cuePos.push(pos);
    sentRep.push(reps.length);
    sentHas.push([cues[0]! > 0, cues[1]! > 0, cues[2]! > 0, cues[3]! > 0, reps.length > 0]);
    repTokens.push(reps);
    sentDebunk.push(debunk);
    cueTokens.push(cueToks);
  }
  const whole = tokensAreSentences(b);
  const bodyCues = whole ? sumCues : new Map<string, number>();
  const bodyCounts = whole ? sumCounts : [0, 0, 0, 0];
  let reports = whole ? sumReports : 0, debunk = whole ? sumDebunk : 0;
  if (!whole) for (const t of b.tokens) {
    const f = LIST_BITS.get(t);
    if (f === undefined) continue;
    if (f & NEG) bodyCounts[0]!++;
    if (f & REF) bodyCounts[1]!++;
    if (f & HED) bodyCounts[2]!++;
    if (f & CON) bodyCounts[3]!++;
    if (f & CUE) bodyCues.set(t, (bodyCues.get(t) ?? 0) + 1);
    if (f & REP) reports++;
    if (f & DEB) debunk++;
  }
  const lead = b.sentences.slice(0, 3);
  const sumLead = (xs: number[]): number => xs.slice(0, 3).reduce((a, v) => a + v, 0);
  const sentQuote = b.sentences.map((x) => quoteMarks(x.raw));
  e = {
    leadTf: tfidf(lead.flatMap((x) => x.stems), idf),
    leadContent: new Set(lead.flatMap((x) => [...sentenceContent(b, x)])),
    sentCues,
    cuePos,
    bodyCounts,
    leadCounts: [0, 1, 2, 3].map((l) => sumLead(sentCues.map((c) => c[l]!))),
    leadCueTokens: cueTokens.slice(0, 3).flat(),
    bodyCues,
    sentRep,
    sentQuote,
    sentHas,
    quotes: sentQuote.reduce((a, q) => a + q, 0),
    reports,
    repTokens,
    debunk,
    leadDebunk: sumLead(sentDebunk),
    sentDebunk,
    sentPhrase,
    phrase: sentPhrase.reduce((a, v) => a + v, 0),
    leadPhrase: sumLead(sentPhrase),
  };
  extras.set(b, e);
  return e;
}

/** Number of quotation marks ("“”) in `s` (as s.match(/["“”]/g).length). */
function quoteMarks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c === 34 || c === 0x201c || c === 0x201d) n++; }
  return n;
}

export function stanceFeatures(h: TextInfo, b: TextInfo, idf: Idf, o: StanceFeatureOptions, ev?: EvidenceStanceModel): SparseVector {
  if (o.evidence && !ev) throw new Error('stance features: the options ask for sentence-level stance features and no evidence model was given');
  const d = new Float32Array(DENSE);
  const x = extra(b, idf);
  const sents = b.sentences;
  const sims = sentenceCosines(h, b);
  const top: number[] = [];
  for (let k = 0; k < sims.length; k++) {
    top.push(k);
    top.sort((p, q) => sims[q]! - sims[p]! || p - q);
    if (top.length > 3) top.pop();
  }
  let idfAll = 0, idfHit = 0;
  for (const c of h.content) { const w = idf(c); idfAll += w; if (b.content.has(c)) idfHit += w; }
  const best = top[0];
  let i = 0;
  const put = (v: number): void => { d[i++] = Number.isFinite(v) ? v : 0; };
  put(cosine(h.tfidf, b.tfidf));
  put(cosine(h.tfidf, x.leadTf));
  put(best === undefined ? 0 : sims[best]!);
  put(top.length ? top.reduce((a, k) => a + sims[k]!, 0) / top.length : 0);
  put(frac(h.content, b.content));
  put(idfAll ? idfHit / idfAll : 0);
  put(frac(h.content, x.leadContent));
  put(contained(h.bigrams, b.stemFlat, true));
  put(contained(h.trigrams, b.stemFlat, true));
  put(containedChars(h.char4, b.flat));
  put(frac(h.names, b.names));
  put(h.names.size ? 1 : 0);
  put(h.numbers.size ? 1 : 0);
  put(frac(h.numbers, b.numbers));
  put(Math.log1p(h.content.size) / 3);
  put(Math.log1p(b.tokens.length) / 7);
  put(top.length ? Math.max(...top.map((k) => frac(h.content, sentenceContent(b, sents[k]!)))) : 0);
  put(best === undefined || sents.length < 2 ? 0 : best / (sents.length - 1));
  let over = 0;
  for (const s of sims) if (s > 0.2) over++;
  put(sents.length ? over / sents.length : 0);
  let inter = 0;
  for (const c of h.content) if (b.content.has(c)) inter++;
  put(inter / Math.max(1, h.content.size + b.content.size - inter));
  put(h.question ? 1 : 0);
  // Cues: in the claim, the whole passage, its lead, and the sentences closest to the claim.
  const n = Math.max(1, b.tokens.length);
  CUE_LISTS.forEach(([, list], l) => {
    const bc = x.bodyCounts[l]!;
    put(count(h.tokens, list) ? 1 : 0);
    put(Math.log1p(bc) / 3);
    put((100 * bc) / n / 5);
    put(Math.log1p(top.reduce((a, k) => a + x.sentCues[k]![l]!, 0)) / 2);
    put(Math.log1p(x.leadCounts[l]!) / 2);
    put(best === undefined ? 0 : x.sentCues[best]![l]! ? 1 : 0);
  });
  // Negation or refutation within five words of a word the claim shares.
  let near = 0, nearRef = 0;
  sents.forEach((s, si) => {
    for (const c of x.cuePos[si]!) {
      for (let j = Math.max(0, c.k - 5); j <= Math.min(s.stems.length - 1, c.k + 5); j++) {
        if (h.content.has(s.stems[j]!)) { if (c.neg) near++; if (c.ref) nearRef++; break; }
      }
    }
  });
  put(Math.log1p(near) / 2);
  put(Math.log1p(nearRef) / 2);
  const claimNeg = count(h.tokens, NEGATION) > 0;
  const bestNeg = best !== undefined && x.sentCues[best]![0]! > 0;
  put(claimNeg !== bestNeg ? 1 : 0);
  // Reporting words and quotation marks ("discuss" quotes others).
  {
    put(Math.log1p(x.reports) / 3);
    put((100 * x.reports) / n / 5);
    put(Math.log1p(top.reduce((a, k) => a + x.sentRep[k]!, 0)) / 2);
    put(best === undefined ? 0 : x.sentRep[best]! ? 1 : 0);
    put(Math.log1p(x.quotes) / 3);
    put(Math.log1p(top.reduce((a, k) => a + x.sentQuote[k]!, 0)) / 2);
    // The closest sentence holding each kind of cue: how close it is to the claim.
    for (let l = 0; l < 5; l++) {
      let m = 0;
      sims.forEach((v, k) => { if (x.sentHas[k]![l] && v > m) m = v; });
      put(m);
    }
    // Negation / refutation near a shared word, in the closest sentences only.
    let nt = 0, rt = 0;
    for (const si of top) {
      const s = sents[si]!;
      for (const c of x.cuePos[si]!) {
        for (let j = Math.max(0, c.k - 5); j <= Math.min(s.stems.length - 1, c.k + 5); j++) {
          if (h.content.has(s.stems[j]!)) { if (c.neg) nt++; if (c.ref) rt++; break; }
        }
      }
    }
    put(Math.log1p(nt) / 2);
    put(Math.log1p(rt) / 2);
    put(count(h.tokens, REPORT) ? 1 : 0);
  }
  {
    // Polarity: FNC-1 labels a passage that debunks a story "agree" with a headline that debunks
    // it too and "disagree" with one that tells it; so cross the claim's polarity with the passage's.
    const hNeg = count(h.tokens, NEGATION) + count(h.tokens, DEBUNK) > 0 ? 1 : 0;
    const hHedge = h.question || count(h.tokens, HEDGE) > 0 ? 1 : 0;
    const lead = Math.log1p(x.leadDebunk) / 2;
    const topD = Math.log1p(top.reduce((a, k) => a + x.sentDebunk[k]!, 0)) / 2;
    const rate = Math.min(1, (100 * x.debunk) / n / 2);
    const bodyD = Math.log1p(x.debunk) / 3;
    const nearD = Math.log1p(nearRef) / 2, nearN = Math.log1p(near) / 2;
    for (const v of [lead, topD, rate, bodyD, nearD, nearN]) { put(hNeg * v); put((1 - hNeg) * v); }
    put(hNeg);
    const bh = Math.log1p(x.bodyCounts[2]!) / 3;
    put(hHedge * bh);
    put((1 - hHedge) * bh);
  }
  sentenceFeatures(h, x, sims, put, near, nearRef);
  const dense = i;
  if (dense > DENSE) throw new Error(`stance features: ${dense} dense features, room for ${DENSE}`);
  // Hashed cue words by place, so the model learns which cue means what.
  const map = new Map<number, number>();
  const add = (name: string, v = 1): void => {
    const k = DENSE + hashFeature(name, o.bits);
    map.set(k, (map.get(k) ?? 0) + v);
  };
  for (const t of h.tokens) if (isCue(t)) add(`h:${t}`);
  for (const k of top) for (const t of sents[k]!.tokens) if (isCue(t)) add(`t:${t}`, 0.5);
  for (const t of x.leadCueTokens) add(`l:${t}`, 0.5);
  for (const [t, c] of x.bodyCues) add(`b:${t}`, Math.log1p(c) / 2);
  for (const t of h.tokens) if (REPORT.has(t)) add(`h:${t}`);
  for (const k of top) for (const t of x.repTokens[k]!) add(`t:${t}`, 0.5);
  if (o.claimWords) for (const t of h.content) add(`hw:${t}`, 0.3);
  for (let k = 0; k < dense; k++) if (d[k]) map.set(k, d[k]!);
  if (o.evidence) {
    const at = DENSE + (1 << o.bits);
    evidenceValues(h, b, sims, ev!).forEach((v, j) => { if (v) map.set(at + j, v); });
  }
  const keys = [...map.keys()].sort((p, q) => p - q);
  return { idx: Int32Array.from(keys), val: Float32Array.from(keys.map((k) => map.get(k)!)) };
}

/** Phrases that deny or debunk a story, as token sequences. */
export const DENIAL = ['not true', 'no evidence', 'no truth', 'no proof', 'no basis', 'no such', 'no sign', 'no record', 'no indication',
  'is false', 'was false', 'are false', 'is fake', 'was fake', 'are fake', 'a hoax', 'is a hoax', 'fake news', 'made up', 'never happened',
  'did not happen', "didn't happen", 'not real', 'not the case', 'turned out', 'turns out', 'there is no', 'there was no', 'there are no',
  'has denied', 'have denied', 'denied that', 'denied the', 'denied reports', 'not dead', 'alive and well', 'still alive', 'is alive',
  'false report', 'false reports', 'false rumor', 'false rumors', 'satirical', 'satire', 'april fool', 'parody', 'fabricated', 'debunked',
  'unfounded', 'baseless', 'untrue', 'not confirmed', 'cannot confirm', 'could not confirm', 'could not be confirmed', 'no longer',
  'is not', 'was not', 'are not', 'were not', 'did not', 'does not', 'do not', "isn't", "wasn't", "didn't", "doesn't", 'nothing to do with',
].map((p) => p.split(' '));

const DENIAL_FIRST = new Map<string, string[][]>();
for (const p of DENIAL) { const l = DENIAL_FIRST.get(p[0]!) ?? []; l.push(p); DENIAL_FIRST.set(p[0]!, l); }
for (const w of DENIAL_FIRST.keys()) LIST_BITS.set(w, (LIST_BITS.get(w) ?? 0) | DEN);

/** Whether a denial phrase starts at token `k`. */
function phraseAt(tokens: string[], k: number): boolean {
  const ps = DENIAL_FIRST.get(tokens[k]!);
  if (!ps) return false;
  for (const p of ps) {
    let okp = true;
    for (let j = 1; j < p.length; j++) if (tokens[k + j] !== p[j]) { okp = false; break; }
    if (okp) return true;
  }
  return false;
}

function phrases(tokens: string[]): number {
  let n = 0;
  for (let k = 0; k < tokens.length; k++) if (phraseAt(tokens, k)) n++;
  return n;
}

/**
 * Sentence-level denial: for the five sentences closest to the claim, denial phrases, debunking
 * words, negation and hedging, weighted by how close each sentence is; crossed with the claim's
 * polarity (denying, hedged, or telling the story).
 */
function sentenceFeatures(h: TextInfo, x: BodyExtra, sims: number[], put: (v: number) => void, near: number, nearRef: number): void {
  const order = sims.map((_, k) => k).sort((p, q) => sims[q]! - sims[p]! || p - q).slice(0, 5);
  let maxP = 0, sumP = 0, maxD = 0, sumD = 0, maxN = 0, maxH = 0, wP = 0, wD = 0, wsum = 0;
  for (const k of order) {
    const s = sims[k]!;
    const p = x.sentPhrase[k]!, dd = x.sentDebunk[k]!, ng = x.sentCues[k]![0]!, hd = x.sentCues[k]![2]!;
    if (p && s > maxP) maxP = s;
    if (dd && s > maxD) maxD = s;
    if (ng && s > maxN) maxN = s;
    if (hd && s > maxH) maxH = s;
    sumP += p; sumD += dd;
    wP += s * Math.min(p, 3); wD += s * Math.min(dd, 3); wsum += s;
  }
  const kk = Math.max(1, order.length);
  const hNeg = count(h.tokens, NEGATION) + count(h.tokens, DEBUNK) + count(h.tokens, CLAIM_DENY) + phrases(h.tokens) > 0 ? 1 : 0;
  const hHedge = !hNeg && (h.question || count(h.tokens, HEDGE) > 0) ? 1 : 0;
  const hTell = 1 - hNeg - hHedge;
  const vals = [maxP, maxD, Math.log1p(sumP) / 2, Math.log1p(sumD) / 2, wsum ? wP / wsum : 0, wsum ? wD / wsum : 0,
    Math.log1p(x.phrase) / 3, Math.log1p(x.leadPhrase) / 2];
  for (const v of vals) put(v);
  for (const v of [maxP, maxD, wsum ? (wP + wD) / wsum : 0, Math.log1p(x.phrase + x.debunk) / 3]) { put(hTell * v); put(hHedge * v); put(hNeg * v); }
  put(maxN); put(maxH); put(sumP / kk);
  put(hTell); put(hHedge);
  put(hTell * Math.log1p(nearRef) / 2); put(hTell * Math.log1p(near) / 2);
  // A claim that denies against a passage that tells the story without denying it.
  const conTop = order.reduce((a, k) => a + x.sentCues[k]![3]!, 0);
  const clean = sumP + sumD === 0 ? 1 : 0;
  put(hNeg * clean); put(hNeg * clean * (sims[order[0] ?? 0] ?? 0)); put(hNeg * Math.log1p(conTop) / 2); put(hNeg * Math.log1p(x.bodyCounts[3]!) / 3);
}

/** Claim words that deny or question a story (beyond negation and debunking words). */
const CLAIM_DENY = new Set(['questions', 'questioned', 'questioning', 'rebuffs', 'rebuffed', 'rebuff', 'disputes', 'disputed', 'dispute', 'slams', 'dismiss', 'denied', 'nope', 'busted', 'debunking', 'truth', 'actually', 'really']);
