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

/**
 * A tf-idf vector over a text's numbered stems (`TextInfo.stemKeys`): the numbers in order of
 * first reading and their values, unit length (the entries, in the same order, of the map `tfidf`
 * gives, kept as typed arrays: a long text has dozens of sentences, and a map each was most of the
 * garbage a stance call made).
 */
export interface StemVector {
  ids: Int32Array;
  vals: Float64Array;
}

export interface Sentence {
  /** The sentence as written. */
  raw: string;
  tokens: string[];
  stems: string[];
  /** The numbers of `stems` in the text's stem table (`TextInfo.stemKeys`). */
  ids: Int32Array;
  /** tf-idf vector over content stems, unit length. */
  vec: StemVector;
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
  /** The text's distinct stems by number (the numbers of `Sentence.ids`), and per number whether it is a stop word. */
  stemKeys: readonly string[];
  stemStop: readonly boolean[];
  /** The number of each stem. */
  stemIds: ReadonlyMap<string, number>;
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

/**
 * The distinct stems of one text, numbered in order of first reading: the tf-idf vectors of the
 * text and of its sentences are counted over these numbers, with one map look-up per token and
 * one idf look-up per stem, instead of a map of counts per vector (the same maps as `tfidf`).
 */
class StemTable {
  readonly ids = new Map<string, number>();
  readonly keys: string[] = [];
  /** Per stem: a stop word. */
  readonly stop: boolean[] = [];
  private readonly idfs: (number | undefined)[] = [];
  private counts = new Int32Array(256);
  constructor(private readonly idf: Idf) {}

  /** Per token read: its stem's number (one look-up per token after the first of each word). */
  private readonly byToken = new Map<string, number>();

  private idOf(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.keys.length;
      this.ids.set(s, i);
      this.keys.push(s);
      this.stop.push(STOP.has(s));
      this.idfs.push(undefined);
    }
    return i;
  }

  /** The stems of `tokens` (as `tokens.map(stem)`) and their numbers, in order. */
  read(tokens: string[]): { stems: string[]; ids: Int32Array } {
    const ids = new Int32Array(tokens.length);
    const stems: string[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      let i = this.byToken.get(t);
      if (i === undefined) { i = this.idOf(stem(t)); this.byToken.set(t, i); }
      ids[k] = i;
      stems.push(this.keys[i]!);
    }
    if (this.counts.length < this.keys.length) this.counts = new Int32Array(2 * this.keys.length);
    return { stems, ids };
  }

  /** The same map, in the same order, as `tfidf` of the stems numbered `ids`. */
  tfidf(ids: Int32Array): Map<string, number> {
    const v = this.vector(ids);
    const m = new Map<string, number>();
    for (let q = 0; q < v.ids.length; q++) m.set(this.keys[v.ids[q]!]!, v.vals[q]!);
    return m;
  }

  /** The entries of `tfidf(ids)`, in the same order, as numbers and values. */
  vector(ids: Int32Array): StemVector {
    const counts = this.counts, order: number[] = [];
    for (let k = 0; k < ids.length; k++) {
      const i = ids[k]!;
      if (!this.stop[i] && counts[i]!++ === 0) order.push(i);
    }
    const vs = new Float64Array(order.length);
    let n = 0;
    for (let q = 0; q < order.length; q++) {
      const i = order[q]!;
      let w = this.idfs[i];
      if (w === undefined) { w = this.idf(this.keys[i]!); this.idfs[i] = w; }
      const v = (1 + Math.log(counts[i]!)) * w;
      counts[i] = 0;
      vs[q] = v;
      n += v * v;
    }
    if (n > 0) { const r = 1 / Math.sqrt(n); for (let q = 0; q < vs.length; q++) vs[q]! *= r; }
    return { ids: Int32Array.from(order), vals: vs };
  }
}

/** The content stems (not stop words) of sentence `s` of `text`. */
export function sentenceContent(text: TextInfo, s: Sentence): Set<string> {
  const out = new Set<string>();
  for (let q = 0; q < s.ids.length; q++) if (!text.stemStop[s.ids[q]!]) out.add(text.stemKeys[s.ids[q]!]!);
  return out;
}

let scratch = new Float64Array(256);

/**
 * The tf-idf cosine of `claim` (its whole-text vector) with each sentence of `text`: the same
 * values, summed in the same order, as `cosine(claim.tfidf, tfidfMap(sentence))`.
 */
export function sentenceCosines(claim: TextInfo, text: TextInfo): number[] {
  const V = text.stemKeys.length;
  if (scratch.length < 2 * V) scratch = new Float64Array(2 * V);
  // The claim's entries in order, by the text's stem numbers (-1: a stem the text lacks), and
  // the claim's value of each of the text's stems (in the first V slots).
  const cIds: number[] = [], cVals: number[] = [];
  const claimOf = scratch, sent = scratch.subarray(V);
  for (const [k, v] of claim.tfidf) {
    const i = text.stemIds.get(k);
    cIds.push(i ?? -1);
    cVals.push(v);
    if (i !== undefined) claimOf[i] = v;
  }
  const out: number[] = [];
  for (const s of text.sentences) {
    const { ids, vals } = s.vec;
    let d = 0;
    if (cIds.length < ids.length) {
      // As `cosine`, over the smaller vector's entries: here the claim's.
      for (let q = 0; q < ids.length; q++) sent[ids[q]!] = vals[q]!;
      for (let q = 0; q < cIds.length; q++) { const i = cIds[q]!; if (i >= 0) { const w = sent[i]!; if (w) d += cVals[q]! * w; } }
      for (let q = 0; q < ids.length; q++) sent[ids[q]!] = 0;
    } else {
      for (let q = 0; q < ids.length; q++) { const w = claimOf[ids[q]!]!; if (w) d += vals[q]! * w; }
    }
    out.push(d);
  }
  for (const i of cIds) if (i >= 0) claimOf[i] = 0;
  return out;
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
function readSentences(text: string): { pieces: string[]; tokens: string[][] } | null {
  const pieces: string[] = [];
  for (const raw of text.split(SENTENCE_BREAK)) {
    const s = raw.trim();
    if (s.length > 1) pieces.push(s);
    else if (/[\p{L}\p{N}]/u.test(s)) return null;
  }
  return { pieces, tokens: pieces.map((s) => words(s)) };
}

/** Whether `s` is all ASCII digits (as /^\d+$/). */
function digitsOnly(s: string): boolean {
  if (!s.length) return false;
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c < 48 || c > 57) return false; }
  return true;
}

/** The arrays of `parts` one after the other (a plain loop: Array.prototype.flat is slow on this path). */
function concat<T>(parts: T[][]): T[] {
  const out: T[] = [];
  for (const p of parts) for (let i = 0; i < p.length; i++) out.push(p[i]!);
  return out;
}

function concatIds(parts: Int32Array[], length: number): Int32Array {
  const out = new Int32Array(length);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

const NAME_TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[.!?]/gu;

/** Capitalised words not at a sentence start, lower-cased and stemmed: the regex reading (the reference). */
function namesByRegex(text: string): Set<string> {
  const names = new Set<string>();
  const raw = text.match(NAME_TOKEN) ?? [];
  for (let i = 1; i < raw.length; i++) {
    const w = raw[i]!;
    if (/^\p{Lu}/u.test(w) && !/[.!?]/.test(raw[i - 1]!) && !STOP.has(w.toLowerCase())) names.add(stem(w.toLowerCase()));
  }
  return names;
}

/** Per UTF-16 code unit: 1 letter, 2 number, 4 upper-case letter, 8 once known; filled lazily from the regexes. */
const CHAR_CLASS = new Uint8Array(65536);
function charClass(c: number): number {
  let k = CHAR_CLASS[c]!;
  if (!k) {
    const ch = String.fromCharCode(c);
    k = 8 | (/\p{L}/u.test(ch) ? 1 : 0) | (/\p{N}/u.test(ch) ? 2 : 0) | (/\p{Lu}/u.test(ch) ? 4 : 0);
    CHAR_CLASS[c] = k;
  }
  return k;
}

/**
 * The same names as `namesByRegex`, read by one scan of the text that slices out only the
 * capitalised words (NAME_TOKEN's tokens, by a table of character classes). Texts with
 * surrogate pairs (whose code points the table does not hold) take the regex reading.
 */
function namesOf(text: string): Set<string> {
  if (/[\uD800-\uDFFF]/.test(text)) return namesByRegex(text);
  const names = new Set<string>();
  const n = text.length;
  // Whether a token was read, and whether the last one was . ! or ?.
  let seen = false, stop = false;
  for (let i = 0; i < n;) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63) { seen = true; stop = true; i++; continue; }
    const k = charClass(c);
    if (!(k & 3)) { i++; continue; }
    const start = i++;
    while (i < n && charClass(text.charCodeAt(i)) & 3) i++;
    // ['’] and letters, as NAME_TOKEN's optional group.
    const a = i + 1 < n ? text.charCodeAt(i) : 0;
    if ((a === 39 || a === 0x2019) && charClass(text.charCodeAt(i + 1)) & 1) {
      i += 2;
      while (i < n && charClass(text.charCodeAt(i)) & 1) i++;
    }
    if (seen && !stop && k & 4) {
      const w = text.slice(start, i).toLowerCase();
      if (!STOP.has(w)) names.add(stem(w));
    }
    seen = true;
    stop = false;
  }
  return names;
}

export function textInfo(text: string, idf: Idf, opts: { sentences?: boolean; maxSentences?: number } = {}): TextInfo {
  const read = opts.sentences !== false ? readSentences(text) : null;
  const table = new StemTable(idf);
  // Read by sentences, the whole text's stems are its sentences' stems one after the other.
  const sentRead = read ? read.tokens.map((t) => table.read(t)) : null;
  const tokens = read ? concat(read.tokens) : words(text);
  const whole = sentRead ? null : table.read(tokens);
  const stems = sentRead ? concat(sentRead.map((r) => r.stems)) : whole!.stems;
  const ids = sentRead ? concatIds(sentRead.map((r) => r.ids), stems.length) : whole!.ids;
  // The stems are numbered in order of first reading: the distinct content stems in that order.
  const content = new Set<string>();
  for (let i = 0; i < table.keys.length; i++) if (!table.stop[i] && !digitsOnly(table.keys[i]!)) content.add(table.keys[i]!);
  const numbers = new Set((text.match(NUMBER) ?? []).map((n) => n.replace(/,/g, '')));
  const names = namesOf(text);
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
    const parts = read ? { pieces: read.pieces, tokens: read.tokens, read: sentRead! } : (() => {
      const pieces = sentencesOf(text).slice(0, max);
      const t = pieces.map((x) => words(x));
      return { pieces, tokens: t, read: t.map((x) => table.read(x)) };
    })();
    for (let k = 0; k < Math.min(max, parts.pieces.length); k++) {
      const { stems: st, ids: sid } = parts.read[k]!;
      sentences.push({ raw: parts.pieces[k]!, tokens: parts.tokens[k]!, stems: st, ids: sid, vec: table.vector(sid) });
    }
  }
  return { raw: text, tokens, stems, content, tfidf: table.tfidf(ids), sentences, numbers, names, bigrams, trigrams, char4, flat, stemFlat: ` ${stems.join(' ')} `, question: /\?\s*["”’']?\s*$/.test(text),
    stemKeys: table.keys, stemStop: table.stop, stemIds: table.ids };
}
