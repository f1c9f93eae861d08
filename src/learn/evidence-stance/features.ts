/**
 * Features of a (claim sentence, evidence sentence or short passage) pair for the evidence
 * stance model. Topic-independent and cheap: how much of the claim the evidence covers, which
 * of its words, names and numbers are missing, negation, exclusivity, comparison and "failure"
 * words on one side only, antonyms, and words of the claim replaced by another word in the same
 * slot of the evidence ("a wooden bridge" / "a steel bridge").
 * A hashed part holds the cue words by side and the replaced/replacing word pairs ("born" →
 * "died"), which the model learns from the data; the claim's missing words themselves (topic
 * words) are not features. Bump the version whenever a feature
 * changes: a model trained for other features is refused.
 */
import { hashFeature, type SparseVector } from '../features.ts';
import { DEBUNK, HEDGE, NEGATION, STOP as STANCE_STOP, stem } from '../stance/text.ts';

export const EVIDENCE_STANCE_FEATURES = 'evidence-stance-features@1';

export interface EvidenceFeatureOptions {
  /** Bits of the hashed part (cue words by side, replaced word pairs). */
  bits: number;
}

/** Words that change the claim's meaning and must not be treated as stop words here. */
const POLAR_FUNCTION = new Set(['only', 'more', 'most', 'few', 'same', 'other', 'against', 'before', 'after', 'above', 'below', 'up', 'down', 'off', 'over', 'under', 'all', 'each', 'any', 'no', 'nor', 'not', 'again', 'once', 'both', 'further', 'one', 'two', 'new']);
const STOP = new Set([...STANCE_STOP].filter((w) => !POLAR_FUNCTION.has(w)));

const stemSet = (xs: string[]): Set<string> => new Set(xs.map(stem));

/** Words that restrict a statement to a part or to all of something. */
const EXCLUSIVE = stemSet(['only', 'solely', 'exclusively', 'entirely', 'always', 'never', 'all', 'every', 'none', 'sole', 'alone', 'purely', 'completely', 'ever', 'any', 'whole']);
/** Words of failure, refusal, loss and ending: a claim with one and evidence without is suspect. */
const FAILURE = stemSet(['refuse', 'refused', 'refuses', 'fail', 'failed', 'fails', 'failure', 'unable', 'incapable', 'lack', 'lacked', 'lacks', 'lose', 'lost', 'loses', 'deny', 'denied', 'reject', 'rejected', 'ban', 'banned', 'prevent', 'prevented', 'avoid', 'avoided', 'stop', 'stopped', 'cease', 'ceased', 'quit', 'abandon', 'abandoned', 'cancel', 'cancelled', 'canceled', 'decline', 'declined', 'oppose', 'opposed', 'resign', 'resigned', 'retire', 'retired', 'die', 'died', 'dead', 'destroy', 'destroyed', 'nobody', 'nothing', 'exclusively', 'ignore', 'ignored', 'forbid', 'forbidden', 'prohibit', 'prohibited', 'unsuccessful', 'impossible', 'absent', 'missing', 'incorrect', 'false', 'fictional', 'fake', 'overlook', 'overlooked']);
/** Comparatives, superlatives and order words. */
const COMPARE = stemSet(['more', 'less', 'fewer', 'most', 'least', 'greater', 'greatest', 'higher', 'highest', 'lower', 'lowest', 'larger', 'largest', 'smaller', 'smallest', 'bigger', 'biggest', 'older', 'oldest', 'younger', 'youngest', 'first', 'last', 'earlier', 'earliest', 'later', 'latest', 'best', 'worst', 'better', 'worse', 'longest', 'shortest', 'longer', 'shorter', 'before', 'after', 'top', 'major', 'minor', 'primary', 'second', 'third', 'final']);
const MODAL = stemSet(['may', 'might', 'could', 'possibly', 'perhaps', 'likely', 'unlikely', 'probably', 'allegedly', 'reportedly']);
const PRONOUN_START = new Set(['it', 'he', 'she', 'they', 'his', 'her', 'its', 'their', 'this', 'these', 'the']);

/** Antonym pairs of common words (matched by stem, both ways). */
const ANTONYM_PAIRS: [string, string][] = [
  ['born', 'died'], ['birth', 'death'], ['alive', 'dead'], ['live', 'die'], ['win', 'lose'], ['won', 'lost'], ['winner', 'loser'],
  ['victory', 'defeat'], ['before', 'after'], ['first', 'last'], ['earlier', 'later'], ['early', 'late'], ['more', 'less'],
  ['more', 'fewer'], ['most', 'least'], ['higher', 'lower'], ['highest', 'lowest'], ['larger', 'smaller'], ['largest', 'smallest'],
  ['bigger', 'smaller'], ['biggest', 'smallest'], ['increase', 'decrease'], ['increase', 'reduce'], ['rise', 'fall'], ['rose', 'fell'],
  ['gain', 'loss'], ['male', 'female'], ['man', 'woman'], ['men', 'women'], ['husband', 'wife'], ['son', 'daughter'],
  ['father', 'mother'], ['brother', 'sister'], ['king', 'queen'], ['boy', 'girl'], ['actor', 'actress'], ['true', 'false'],
  ['accept', 'reject'], ['include', 'exclude'], ['start', 'end'], ['begin', 'end'], ['began', 'ended'], ['open', 'close'],
  ['opened', 'closed'], ['success', 'failure'], ['succeed', 'fail'], ['successful', 'unsuccessful'], ['pass', 'fail'],
  ['north', 'south'], ['east', 'west'], ['northern', 'southern'], ['eastern', 'western'], ['left', 'right'], ['up', 'down'],
  ['above', 'below'], ['inside', 'outside'], ['public', 'private'], ['domestic', 'foreign'], ['positive', 'negative'],
  ['major', 'minor'], ['old', 'young'], ['oldest', 'youngest'], ['older', 'younger'], ['new', 'old'], ['ancient', 'modern'],
  ['cheap', 'expensive'], ['rich', 'poor'], ['strong', 'weak'], ['heavy', 'light'], ['hot', 'cold'], ['always', 'never'],
  ['all', 'none'], ['everyone', 'nobody'], ['with', 'without'], ['legal', 'illegal'], ['possible', 'impossible'],
  ['able', 'unable'], ['capable', 'incapable'], ['likely', 'unlikely'], ['known', 'unknown'], ['love', 'hate'],
  ['friend', 'enemy'], ['allow', 'ban'], ['allow', 'prohibit'], ['allow', 'forbid'], ['support', 'oppose'], ['agree', 'disagree'],
  ['raise', 'lower'], ['add', 'remove'], ['buy', 'sell'], ['bought', 'sold'], ['import', 'export'], ['attack', 'defend'],
  ['arrive', 'depart'], ['enter', 'leave'], ['appear', 'disappear'], ['democrat', 'republican'], ['democratic', 'republican'],
  ['conservative', 'liberal'], ['professional', 'amateur'], ['fiction', 'nonfiction'], ['comedy', 'drama'], ['comedy', 'tragedy'],
  ['single', 'married'], ['married', 'divorced'], ['employed', 'unemployed'], ['real', 'fictional'], ['real', 'fake'],
  ['human', 'animal'], ['land', 'sea'], ['summer', 'winter'], ['spring', 'autumn'], ['day', 'night'], ['morning', 'evening'],
  ['war', 'peace'], ['guilty', 'innocent'], ['present', 'absent'], ['same', 'different'], ['same', 'other'], ['inner', 'outer'],
  ['internal', 'external'], ['urban', 'rural'], ['wet', 'dry'], ['full', 'empty'], ['safe', 'dangerous'], ['healthy', 'sick'],
  ['cause', 'prevent'], ['increased', 'decreased'], ['higher', 'reduced'], ['promote', 'inhibit'], ['activate', 'inhibit'],
  ['induce', 'suppress'], ['enhance', 'impair'], ['upregulate', 'downregulate'], ['benefit', 'harm'], ['protect', 'damage'],
];
const ANTONYMS = new Map<string, Set<string>>();
for (const [a, b] of ANTONYM_PAIRS) {
  for (const [x, y] of [[stem(a), stem(b)], [stem(b), stem(a)]] as const) {
    let s = ANTONYMS.get(x);
    if (!s) { s = new Set(); ANTONYMS.set(x, s); }
    s.add(y);
  }
}

/** Whether stems `a` and `b` are antonyms (listed, or one is the other with a negating prefix). */
export function antonyms(a: string, b: string): boolean {
  if (ANTONYMS.get(a)?.has(b)) return true;
  for (const p of ['un', 'in', 'non', 'dis', 'im', 'ir', 'il']) {
    if ((a === p + b && b.length > 3) || (b === p + a && a.length > 3)) return true;
  }
  return false;
}

interface Tok {
  /** Lower-cased word. */
  w: string;
  s: string;
  /** Capitalised in the text (and not a stop word): part of a name. */
  cap: boolean;
  num: boolean;
  /** Counts toward overlap: not a stop word, not a one-letter token. */
  content: boolean;
}

export interface TextView {
  toks: Tok[];
  /** Stems of all tokens. */
  stems: Set<string>;
  /** Content stems. */
  content: Set<string>;
  /** Content stems in order (for bigrams and runs). */
  seq: string[];
  names: Set<string>;
  numbers: Set<string>;
  years: Set<string>;
  question: boolean;
}

const TOKEN = /\p{L}[\p{L}\p{N}]*(?:['’]\p{L}+)?|\d+(?:[.,]\d+)*/gu;

/** Prepares a text once: tokens with stems and kinds, content stems, names, numbers, years. */
export function textView(text: string): TextView {
  return viewOf(tokensOf(text), text);
}

/**
 * The view of texts joined by single spaces, from their views (tokens never cross a space, so
 * this equals `textView(texts.join(' '))` without reading the words again).
 */
export function joinedView(views: TextView[], texts: string[]): TextView {
  return viewOf(views.flatMap((v) => v.toks), texts.join(' '));
}

function tokensOf(text: string): Tok[] {
  const raw = text.match(TOKEN) ?? [];
  const toks: Tok[] = [];
  for (const r of raw) {
    // The same values as /^\d/, .replace(/’/g, …), .replace(/'s$/, '') and so on, with the regexes
    // run only where they can change something (a token starts with a letter or an ASCII digit).
    const c0 = r.charCodeAt(0);
    const num = c0 >= 48 && c0 <= 57;
    const lower = r.toLowerCase();
    const w0 = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
    const w = num && w0.includes(',') ? w0.replace(/,(?=\d{3}\b)/g, '') : w0;
    const s = num ? w : stem(w.endsWith("'s") ? w.slice(0, -2) : w);
    const stop = STOP.has(w) || NEGATION.has(w);
    toks.push({ w, s, cap: !num && !STOP.has(w) && /^\p{Lu}/u.test(r), num, content: !stop && (num || w.length > 1) });
  }
  return toks;
}

function viewOf(toks: Tok[], text: string): TextView {
  const content = new Set<string>(), names = new Set<string>(), numbers = new Set<string>(), years = new Set<string>();
  const seq: string[] = [];
  for (const t of toks) {
    if (t.content) { content.add(t.s); seq.push(t.s); }
    if (t.cap) names.add(t.s);
    if (t.num) {
      numbers.add(t.w);
      if (/^(1[5-9]|20)\d\d$/.test(t.w)) years.add(t.w);
    }
  }
  return { toks, stems: new Set(toks.map((t) => t.s)), content, seq, names, numbers, years, question: /\?\s*["”’']?\s*$/.test(text) };
}

/** Names of the dense features, in order (the hashed part follows them). */
export const DENSE_NAMES = [
  'claim length', 'evidence length', 'claim covered', 'evidence covered', 'claim words missing', 'none missing', 'one missing',
  'bigrams covered', 'longest run', 'names missing', 'names covered', 'evidence names not in claim', 'claim has number',
  'evidence has number', 'claim numbers covered', 'number missing, evidence has one', 'number missing, evidence has none',
  'year missing, evidence has one', 'negation in claim', 'negation in evidence', 'negation in claim only',
  'negation in evidence only', 'negation both', 'claim-only negation × cover', 'evidence-only negation × cover',
  'negation by a shared word (evidence)', 'negation by a shared word (claim)', 'debunking in evidence', 'debunking in claim',
  'hedging in evidence', 'hedging in claim', 'antonyms', 'antonym replacements', 'replacements', 'number replaced',
  'name replaced', 'word replaced', 'exclusive word in claim only', 'exclusive word in evidence only', 'failure word in claim only',
  'failure word in evidence only', 'comparison word in claim only', 'comparison word in evidence only', 'claim is a question',
  'length ratio', 'claim fully covered', 'clean entailment', 'plain words missing', 'evidence opens with a pronoun',
  'modal in claim only', 'modal in evidence only',
] as const;
export const DENSE = DENSE_NAMES.length;

export function evidenceDim(o: EvidenceFeatureOptions): number {
  return DENSE + (1 << o.bits);
}

const cap = (n: number, k: number): number => Math.min(n, k) / k;

/** The lists a stem is in, as bits (one look-up per token instead of one per list). */
const EXC = 1, FAI = 2, CMP = 4, MOD = 8;
const STEM_LISTS = new Map<string, number>();
for (const [list, bit] of [[EXCLUSIVE, EXC], [FAILURE, FAI], [COMPARE, CMP], [MODAL, MOD]] as const) {
  for (const x of list) STEM_LISTS.set(x, (STEM_LISTS.get(x) ?? 0) | bit);
}
/** Words that are cues by their word rather than their stem. */
const CUE_WORDS = new Set([...NEGATION, ...DEBUNK]);

/** The lists (bits of STEM_LISTS) with a stem on one side only (in `a`, not in `b`). */
function oneSideLists(a: TextView, b: TextView): number {
  let bits = 0;
  for (const t of a.toks) {
    const f = STEM_LISTS.get(t.s);
    if (f !== undefined && (f & ~bits) && !b.stems.has(t.s)) bits |= f;
  }
  return bits;
}

/** How many of the view's tokens are words of `list`. */
function countWords(v: TextView, list: Set<string>): number {
  let n = 0;
  for (const t of v.toks) if (list.has(t.w)) n++;
  return n;
}

/**
 * Of the claim's content stems `c` in the evidence's `e`: how many adjacent pairs of `c` are
 * adjacent in `e`, and the longest run of `c` found in order in `e`. Stems hold no spaces and are
 * never empty, so these are the counts of searching ` a b ` (and ` a b … `) in `e` joined by spaces,
 * by one pass over the pairs of positions instead of a string search per pair and per run.
 */
function seqOverlap(c: string[], e: string[]): { bi: number; run: number } {
  // prev[j + 1] / cur[j + 1]: length of the common run ending at c[k - 1] / c[k] and e[j].
  let prev = new Int32Array(e.length + 1), cur = new Int32Array(e.length + 1);
  let bi = 0, run = 0;
  for (let k = 0; k < c.length; k++) {
    const x = c[k]!;
    let pair = false;
    for (let j = 0; j < e.length; j++) {
      const l = x === e[j] ? prev[j]! + 1 : 0;
      cur[j + 1] = l;
      if (l > run) run = l;
      if (l >= 2) pair = true;
    }
    if (pair) bi++;
    [prev, cur] = [cur, prev];
  }
  return { bi, run };
}

/** Whether a token of `list` sits within 3 tokens before a stem of `shared`. */
function nearShared(v: TextView, list: Set<string>, shared: Set<string>): boolean {
  for (let i = 0; i < v.toks.length; i++) {
    if (!list.has(v.toks[i]!.w)) continue;
    for (let k = i + 1; k <= i + 3 && k < v.toks.length; k++) if (shared.has(v.toks[k]!.s)) return true;
  }
  return false;
}

interface Replacement { c: Tok; e: Tok }

/** Positions of the content tokens. */
function contentIdx(ts: Tok[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < ts.length; i++) if (ts[i]!.content) out.push(i);
  return out;
}

/** Adds `v` to the hashed feature `name` (after the dense part). */
function addHashed(map: Map<number, number>, name: string, bits: number, v = 1): void {
  const j = DENSE + hashFeature(name, bits);
  map.set(j, (map.get(j) ?? 0) + v);
}

/** A cue word: negation, debunking, one of the stem lists, or a word with antonyms. */
function isCueTok(t: Tok): boolean {
  return CUE_WORDS.has(t.w) || (STEM_LISTS.get(t.s) ?? 0) !== 0 || ANTONYMS.has(t.s);
}

const plainTok = (t: Tok): boolean => !t.cap && !t.num;

/**
 * Claim words missing from the evidence that another word takes the place of: a neighbour of
 * the missing word (the nearest content word on either side) occurs in the evidence, and the
 * evidence has a content word the claim lacks next to it on the same side.
 */
function replacements(c: TextView, e: TextView): Replacement[] {
  const out: Replacement[] = [];
  const seen = new Set<string>();
  const ct = c.toks, et = e.toks;
  const ci = contentIdx(ct), ei = contentIdx(et);
  const posInE = new Map<string, number[]>();
  ei.forEach((i, k) => { const s = et[i]!.s; const l = posInE.get(s); if (l) l.push(k); else posInE.set(s, [k]); });
  for (let k = 0; k < ci.length; k++) {
    const t = ct[ci[k]!]!;
    if (e.stems.has(t.s)) continue;
    for (const dir of [-1, 1] as const) {
      const nb = ci[k + dir];
      if (nb === undefined) continue;
      const anchor = ct[nb]!.s;
      for (const p of posInE.get(anchor) ?? []) {
        const q = ei[p - dir];
        const pick = q === undefined ? undefined : et[q];
        if (!pick || c.stems.has(pick.s)) continue;
        const key = `${t.s}|${pick.s}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ c: t, e: pick });
      }
    }
  }
  return out.slice(0, 8);
}

/** The feature vector of a (claim, evidence) pair, from prepared texts. */
export function evidenceFeaturesOf(c: TextView, e: TextView, o: EvidenceFeatureOptions): SparseVector {
  const d = new Float32Array(DENSE);
  let i = 0;
  const shared = new Set<string>();
  for (const s of c.content) if (e.content.has(s) || e.stems.has(s)) shared.add(s);
  const missing = [...c.content].filter((s) => !shared.has(s));
  const cover = c.content.size ? shared.size / c.content.size : 0;
  let eShared = 0;
  for (const s of e.content) if (c.stems.has(s)) eShared++;
  // bigrams of content stems and the longest run of the claim's content stems found in order in the evidence
  const { bi, run } = seqOverlap(c.seq, e.seq);
  const namesMissing = [...c.names].filter((n) => !e.stems.has(n)).length;
  const eNamesOnly = [...e.names].filter((n) => !c.stems.has(n)).length;
  const cNums = [...c.numbers], numFound = cNums.filter((n) => e.numbers.has(n)).length;
  const numMissing = cNums.length > numFound;
  const yearMissing = [...c.years].some((y) => !e.years.has(y));
  const negC = countWords(c, NEGATION), negE = countWords(e, NEGATION);
  let ant = 0;
  for (const s of c.content) {
    if (e.stems.has(s)) continue;
    const as = ANTONYMS.get(s);
    if (as) for (const a of as) if (e.stems.has(a) && !c.stems.has(a)) ant++;
  }
  const reps = replacements(c, e);
  const antReps = reps.filter((r) => antonyms(r.c.s, r.e.s)).length;
  // Which of the lists have a word on one side only (all that is asked of them).
  const onlyC = oneSideLists(c, e), onlyE = oneSideLists(e, c);
  const exC = onlyC & EXC, exE = onlyE & EXC, faC = onlyC & FAI, faE = onlyE & FAI;
  const coC = onlyC & CMP, coE = onlyE & CMP, moC = onlyC & MOD, moE = onlyE & MOD;
  const plainMissing = missing.filter((s) => !c.names.has(s) && !/^\d/.test(s)).length;
  const negOnly = (negC > 0) !== (negE > 0);
  d[i++] = Math.log1p(c.content.size) / 3;
  d[i++] = Math.log1p(e.content.size) / 4;
  d[i++] = cover;
  d[i++] = e.content.size ? eShared / e.content.size : 0;
  d[i++] = cap(missing.length, 3);
  d[i++] = missing.length === 0 ? 1 : 0;
  d[i++] = missing.length === 1 ? 1 : 0;
  d[i++] = c.seq.length > 1 ? bi / (c.seq.length - 1) : 0;
  d[i++] = c.seq.length ? run / c.seq.length : 0;
  d[i++] = cap(namesMissing, 3);
  d[i++] = c.names.size ? 1 - namesMissing / c.names.size : 0;
  d[i++] = cap(eNamesOnly, 3);
  d[i++] = cNums.length ? 1 : 0;
  d[i++] = e.numbers.size ? 1 : 0;
  d[i++] = cNums.length ? numFound / cNums.length : 0;
  d[i++] = numMissing && e.numbers.size ? 1 : 0;
  d[i++] = numMissing && !e.numbers.size ? 1 : 0;
  d[i++] = yearMissing && e.years.size ? 1 : 0;
  d[i++] = negC ? 1 : 0;
  d[i++] = negE ? 1 : 0;
  d[i++] = negC && !negE ? 1 : 0;
  d[i++] = negE && !negC ? 1 : 0;
  d[i++] = negC && negE ? 1 : 0;
  d[i++] = negC && !negE ? cover : 0;
  d[i++] = negE && !negC ? cover : 0;
  d[i++] = nearShared(e, NEGATION, shared) ? 1 : 0;
  d[i++] = nearShared(c, NEGATION, shared) ? 1 : 0;
  d[i++] = cap(countWords(e, DEBUNK), 2);
  d[i++] = cap(countWords(c, DEBUNK), 2);
  d[i++] = cap(countWords(e, HEDGE), 2);
  d[i++] = cap(countWords(c, HEDGE), 2);
  d[i++] = cap(ant, 2);
  d[i++] = cap(antReps, 2);
  d[i++] = cap(reps.length, 3);
  d[i++] = reps.some((r) => r.c.num && r.e.num) ? 1 : 0;
  d[i++] = reps.some((r) => r.c.cap && r.e.cap) ? 1 : 0;
  d[i++] = reps.some((r) => !r.c.cap && !r.c.num && !r.e.cap && !r.e.num) ? 1 : 0;
  d[i++] = exC ? 1 : 0;
  d[i++] = exE ? 1 : 0;
  d[i++] = faC ? 1 : 0;
  d[i++] = faE ? 1 : 0;
  d[i++] = coC ? 1 : 0;
  d[i++] = coE ? 1 : 0;
  d[i++] = c.question ? 1 : 0;
  d[i++] = Math.max(-1, Math.min(1, Math.log((e.toks.length + 1) / (c.toks.length + 1)) / 3));
  d[i++] = c.content.size && !missing.length ? 1 : 0;
  d[i++] = !missing.length && !negOnly && !reps.length && !exC && !faC ? 1 : 0;
  d[i++] = cap(plainMissing, 3);
  d[i++] = PRONOUN_START.has(e.toks[0]?.w ?? '') ? 1 : 0;
  d[i++] = moC ? 1 : 0;
  d[i++] = moE ? 1 : 0;
  if (i !== DENSE) throw new Error(`evidence features: ${i} dense values, expected ${DENSE}`);

  const map = new Map<number, number>();
  for (let k = 0; k < DENSE; k++) if (d[k]) map.set(k, d[k]!);
  // Cue words by side: shared, or on one side only.
  for (const t of c.toks) if (isCueTok(t)) addHashed(map, `c${e.stems.has(t.s) ? 's' : 'o'}:${t.s}`, o.bits);
  for (const t of e.toks) if (isCueTok(t) && !c.stems.has(t.s)) addHashed(map, `eo:${t.s}`, o.bits);
  for (const r of reps) {
    addHashed(map, `rk:${r.c.num ? 'n' : r.c.cap ? 'N' : 'w'}${r.e.num ? 'n' : r.e.cap ? 'N' : 'w'}`, o.bits);
    if (plainTok(r.c) && plainTok(r.e)) addHashed(map, `r:${r.c.s}|${r.e.s}`, o.bits);
  }
  const keys = [...map.keys()].sort((a, b) => a - b);
  const idx = new Int32Array(keys.length), val = new Float32Array(keys.length);
  keys.forEach((k, n) => { idx[n] = k; val[n] = map.get(k)!; });
  return { idx, val };
}

/** The feature vector of a (claim, evidence) pair. */
export function evidenceFeatures(claim: string, evidence: string, o: EvidenceFeatureOptions): SparseVector {
  return evidenceFeaturesOf(textView(claim), textView(evidence), o);
}
