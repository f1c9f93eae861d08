import { hashFeature, words } from '../features.ts';

/** A small English stop list: function words carry no topic. */
export const STOP = new Set(`a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself now of off on once only or other our
ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves s t also said says say one two new like get got us via mr mrs ms it's that's`.split(/\s+/));

/** Negation words. */
export const NEGATION = new Set(['not', 'no', 'never', 'nothing', 'none', 'nobody', "n't", "isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't", "hasn't", "haven't", "hadn't", "won't", "wouldn't", "can't", "cannot", "couldn't", "shouldn't", 'neither', 'nor', 'without']);

/** Words that refute or debunk a claim. */
export const REFUTE = new Set(['fake', 'fraud', 'hoax', 'hoaxes', 'false', 'falsely', 'deny', 'denies', 'denied', 'denial', 'denying', 'debunk', 'debunked', 'debunks', 'bogus', 'untrue', 'myth', 'satire', 'satirical', 'misleading', 'incorrect', 'fabricated', 'fabrication', 'fiction', 'fictional', 'prank', 'pranks', 'retract', 'retracted', 'retraction', 'refute', 'refuted', 'refutes', 'dismiss', 'dismissed', 'dismisses', 'reject', 'rejected', 'rejects', 'doubt', 'doubts', 'doubtful', 'skeptical', 'sceptical', 'rumor', 'rumors', 'rumour', 'rumours', 'unfounded', 'baseless', 'nonsense', 'lie', 'lies', 'lied', 'wrong', 'erroneous', 'mistaken', 'spoof', 'parody', 'joke', 'scam', 'contrary', 'contradict', 'contradicts', 'despite', 'however', 'actually', 'truth', 'claimed', 'purported', 'supposed', 'supposedly', 'fact-check', 'snopes', 'photoshopped', 'doctored', 'staged']);

/** Words that hedge or report without committing. */
export const HEDGE = new Set(['reportedly', 'allegedly', 'alleged', 'alleges', 'claim', 'claims', 'according', 'apparently', 'appears', 'appear', 'seems', 'seem', 'may', 'might', 'could', 'possibly', 'possible', 'perhaps', 'purportedly', 'suggest', 'suggests', 'suggested', 'unconfirmed', 'unverified', 'unclear', 'speculation', 'speculate', 'rumored', 'rumoured', 'believed', 'believe', 'likely', 'unlikely', 'report', 'reports', 'reported', 'sources', 'source', 'told', 'tweeted', 'posted', 'video', 'if', 'whether', 'investigating', 'investigation', 'unknown', 'uncertain']);

/** Words that say outright that a story is false (a subset of REFUTE without its weak, contrastive words). */
export const DEBUNK = new Set(['fake', 'fraud', 'hoax', 'hoaxes', 'false', 'falsely', 'deny', 'denies', 'denied', 'denial', 'denying', 'debunk', 'debunked', 'debunks', 'bogus', 'untrue', 'myth', 'satire', 'satirical', 'fabricated', 'fabrication', 'fictional', 'prank', 'retracted', 'retraction', 'refute', 'refuted', 'refutes', 'unfounded', 'baseless', 'nonsense', 'spoof', 'parody', 'scam', 'photoshopped', 'doctored', 'staged', 'misleading', 'incorrect', 'doubt', 'doubts', 'dismissed', 'dismisses', 'rejects', 'rejected', 'lie', 'lies', 'rumor', 'rumors', 'rumour', 'rumours', 'fact-check', 'snopes']);

/** Words that report what someone said (a sign of "discuss"). */
export const REPORT = new Set(['said', 'says', 'say', 'saying', 'told', 'tells', 'claimed', 'claiming', 'stated', 'states', 'according', 'reported', 'reporting', 'wrote', 'writes', 'added', 'explained', 'insisted', 'insists', 'quoted', 'quoting', 'spokesman', 'spokeswoman', 'spokesperson', 'interview', 'statement', 'tweeted', 'posted']);

/** Words that confirm. */
export const CONFIRM = new Set(['confirmed', 'confirms', 'confirm', 'confirmation', 'announced', 'announces', 'officially', 'official', 'revealed', 'reveals', 'indeed', 'verified', 'proved', 'proven', 'proof', 'evidence', 'admitted', 'admits', 'acknowledged', 'true', 'real', 'genuine', 'authentic', 'statement']);

const stems = new Map<string, string>();

/** A light suffix stripper: good enough to match "killed"/"kills"/"killing". Memoised. */
export function stem(w: string): string {
  if (w.length <= 3) return w;
  let s = stems.get(w);
  if (s === undefined) {
    s = stemOnce(w);
    if (stems.size > 200_000) stems.clear();
    stems.set(w, s);
  }
  return s;
}

function stemOnce(w: string): string {
  let s = w.replace(/['’]s$/, '');
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is') && s.length > 3) s = s.slice(0, -1);
  if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith('ed') && s.length > 4) s = s.slice(0, -2);
  else if (s.endsWith('ly') && s.length > 4) s = s.slice(0, -2);
  if (s.length > 4 && s[s.length - 1] === s[s.length - 2] && !/[lsz]/.test(s[s.length - 1]!)) s = s.slice(0, -1);
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  return s;
}

export interface Sentence {
  /** The sentence as written. */
  raw: string;
  tokens: string[];
  stems: string[];
  /** Content stems (not stop words). */
  content: Set<string>;
  /** tf-idf vector over content stems, unit length. */
  tfidf: Map<string, number>;
}

export interface TextInfo {
  /** The text as given. */
  raw: string;
  tokens: string[];
  stems: string[];
  content: Set<string>;
  tfidf: Map<string, number>;
  sentences: Sentence[];
  numbers: Set<string>;
  /** Capitalised words not at a sentence start, lower-cased. */
  names: Set<string>;
  bigrams: Set<string>;
  trigrams: Set<string>;
  char4: Set<string>;
  /** The tokens joined by single spaces, padded with a space at each end. */
  flat: string;
  /** The stems joined the same way. */
  stemFlat: string;
  /** Whether the text asks a question. */
  question: boolean;
}

/** idf lookup by hashed stem: a table of 2^bits entries. */
export type Idf = (stem: string) => number;

export function idfFrom(table: Float32Array, bits: number): Idf {
  // Memoised: a passage asks for each of its words twice (whole text and sentence), every call.
  const seen = new Map<string, number>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = table[hashFeature(s, bits)] ?? 1;
      if (seen.size > 200_000) seen.clear();
      seen.set(s, v);
    }
    return v;
  };
}

export function tfidf(stems: string[], idf: Idf): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of stems) if (!STOP.has(s)) m.set(s, (m.get(s) ?? 0) + 1);
  let n = 0;
  for (const [k, c] of m) { const v = (1 + Math.log(c)) * idf(k); m.set(k, v); n += v * v; }
  if (n > 0) { const r = 1 / Math.sqrt(n); for (const [k, v] of m) m.set(k, v * r); }
  return m;
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  let d = 0;
  for (const [k, v] of s) { const w = l.get(k); if (w) d += v * w; }
  return d;
}

const NUMBER = /\d+(?:[.,]\d+)*/g;

const SENTENCE_BREAK = /(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z0-9])|\n+/;

function sentencesOf(text: string): string[] {
  return text.split(SENTENCE_BREAK).map((s) => s.trim()).filter((s) => s.length > 1);
}

/**
 * The text's sentences with their tokens and stems, and the whole text's tokens and stems read
 * from them (the breaks are white space, which no token crosses). Null when a one-character
 * piece that holds a word would be left out of the sentences: then the whole is read on its own.
 */
function readSentences(text: string): { pieces: string[]; tokens: string[][]; stems: string[][] } | null {
  const pieces: string[] = [];
  for (const raw of text.split(SENTENCE_BREAK)) {
    const s = raw.trim();
    if (s.length > 1) pieces.push(s);
    else if (/[\p{L}\p{N}]/u.test(s)) return null;
  }
  const tokens = pieces.map((s) => words(s));
  return { pieces, tokens, stems: tokens.map((t) => t.map(stem)) };
}

export function textInfo(text: string, idf: Idf, opts: { sentences?: boolean; maxSentences?: number } = {}): TextInfo {
  const read = opts.sentences !== false ? readSentences(text) : null;
  const tokens = read ? read.tokens.flat() : words(text);
  const stems = read ? read.stems.flat() : tokens.map(stem);
  const content = new Set(stems.filter((s) => !STOP.has(s) && !/^\d+$/.test(s)));
  const numbers = new Set((text.match(NUMBER) ?? []).map((n) => n.replace(/,/g, '')));
  const names = new Set<string>();
  const raw = text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[.!?]/gu) ?? [];
  for (let i = 1; i < raw.length; i++) {
    const w = raw[i]!;
    if (/^\p{Lu}/u.test(w) && !/[.!?]/.test(raw[i - 1]!) && !STOP.has(w.toLowerCase())) names.add(stem(w.toLowerCase()));
  }
  // n-gram sets only for short texts (claims); a passage is searched through `flat` / `stemFlat`.
  const bigrams = new Set<string>(), trigrams = new Set<string>(), char4 = new Set<string>();
  const flat = ` ${tokens.join(' ')} `;
  if (opts.sentences === false) {
    for (let i = 0; i + 1 < stems.length; i++) {
      bigrams.add(`${stems[i]} ${stems[i + 1]}`);
      if (i + 2 < stems.length) trigrams.add(`${stems[i]} ${stems[i + 1]} ${stems[i + 2]}`);
    }
    for (let i = 0; i + 4 <= flat.length; i++) char4.add(flat.slice(i, i + 4));
  }
  const sentences: Sentence[] = [];
  if (opts.sentences !== false) {
    const max = opts.maxSentences ?? 80;
    const parts = read ?? (() => {
      const pieces = sentencesOf(text).slice(0, max);
      const t = pieces.map((x) => words(x));
      return { pieces, tokens: t, stems: t.map((x) => x.map(stem)) };
    })();
    for (let k = 0; k < Math.min(max, parts.pieces.length); k++) {
      const st = parts.stems[k]!;
      sentences.push({ raw: parts.pieces[k]!, tokens: parts.tokens[k]!, stems: st, content: new Set(st.filter((x) => !STOP.has(x))), tfidf: tfidf(st, idf) });
    }
  }
  return { raw: text, tokens, stems, content, tfidf: tfidf(stems, idf), sentences, numbers, names, bigrams, trigrams, char4, flat, stemFlat: ` ${stems.join(' ')} `, question: /\?\s*["”’']?\s*$/.test(text) };
}
