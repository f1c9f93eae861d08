/**
 * Words of a comment as the comment analysis sees them: folded, lightly stemmed, split into
 * function words (kept as the comment's skeleton) and content words (its topic), with a small
 * table of interchangeable evaluative words so that a synonym-swapped mail-merge copy lands on
 * the same content set.
 */
import { fold } from '../model/index.ts';

/** Closed-class words: what is left of a sentence once its topic words are masked. */
const FUNCTION_WORDS = new Set(`a an the this that these those some any all every each no none both either neither
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers herself
it its itself they them their theirs themselves one ones someone anyone everyone everybody nobody somebody something
anything everything nothing who whom whose which what whatever whoever when where why how there here
am is are was were be been being do does did doing done have has had having will would shall should can could may might
must ought not no nor never also too very so just only even still yet already again ever really quite rather almost
and or but if then than because as while although though since unless until whether so yet
of in on at by for with about against between into through during before after above below to from up down out off
over under across along around among upon within without toward towards like unlike per via onto
more most much many few less least other others another such same own
don't doesn't didn't isn't aren't wasn't weren't won't wouldn't can't cannot couldn't shouldn't hasn't haven't hadn't
i'm i've i'll i'd you're you've you'll you'd he's she's it's we're we've we'll they're they've they'll that's there's
what's who's let's
`.split(/\s+/).filter(Boolean));

/** Interchangeable evaluative words (mail-merge synonyms) → one canonical form. */
const SYNONYM_GROUPS: readonly string[] = [
  'good great wonderful fantastic remarkable positive welcome excellent amazing terrific superb brilliant awesome fine nice',
  'bad terrible awful horrible dreadful poor',
  'troubling concerning worrying alarming disturbing troublesome worrisome',
  'important essential key vital crucial necessary critical',
  'improve boost strengthen support lift enhance encourage increase promote help',
  'official authority government leader policymaker operator politician administration',
  'people citizen family resident public community neighbour neighbor town folk',
  'affordable reasonable low accessible modest cheap',
  'price fare ticket cost fee',
  'fast quick modern direct reliable efficient rapid speedy',
  'step milestone achievement development move moment progress',
  'reconsider rethink reverse revisit',
  'point argument',
  'valid fair',
];

const SYNONYMS = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const words = group.split(' ');
  for (const w of words) SYNONYMS.set(w, words[0]!);
}


export interface Token {
  /** Folded surface form ("don't", "landmines"). */
  word: string;
  /** Stemmed, synonym-canonical form of a content word; the word itself for a function word. */
  key: string;
  content: boolean;
  /** True for a sentence end (".", "!", "?"). */
  stop: boolean;
  /** 32-bit hash of `key` (for shingles). */
  hash: number;
}

import { hashString } from '../model/hash.ts';

export { fmix32, hashString } from '../model/hash.ts';

/** Light suffix stripping: plurals, -ing, -ed, -ly. Consistent, not linguistic. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2);
  return w;
}

/**
 * Remove what platforms add and what quotes someone else: quoted lines ("> …"), embedded images,
 * link targets, retweet quotes (“@user: …”), leading @mentions, URLs, HTML tags and entities.
 */
export function clean(text: string): string {
  // Each step runs only when the text holds what its pattern needs (the same result, less work).
  let s = text;
  if (s.includes('>') || s.includes('&gt;')) s = s.split('\n').filter((line) => !/^\s*(?:>|&gt;)/.test(line)).join('\n');
  if (s.includes('](')) s = s.replace(/!\[[^\]]*\]\([^)]*\)/g, ' ');
  if (s.includes('](')) s = s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  if (s.includes('<')) s = s.replace(/<[^>]{0,200}>/g, ' ');
  if (s.includes('&')) s = s.replace(/&#39;/g, "'").replace(/&(?:amp|lt|gt|quot|nbsp);/g, ' ');
  const at = s.includes('@');
  if (at && (s.includes('"@') || s.includes('“@'))) s = s.replace(/[“"]@\w+:[^”"]*(?:[”"]|$)/g, ' ');
  if (at && s.includes('RT @')) s = s.replace(/\bRT @\w+:?/g, ' ');
  if (/http/i.test(s)) s = s.replace(/\bhttps?:\/\/\S+/gi, ' ');
  if (at) s = s.replace(/^(?:\s*@[\w.]+[:,]?)+/u, ' ');
  return s.includes('\uFEFF') || s.includes('\u200B') ? s.replace(/[\uFEFF\u200B]/g, '') : s;
}

/** Lower case and diacritics folded; plain ASCII takes the fast path. */
function foldFast(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(text) ? fold(text).replace(/’/g, "'") : text.toLowerCase();
}

const STOP: Token = Object.freeze({ word: '.', key: '.', content: false, stop: true, hash: hashString('.') });
/** Words repeat (Zipf): their tokens are cached, up to a bound. */
const cache = new Map<string, Token>();
const CACHE_LIMIT = 200_000;

function wordToken(word: string): Token {
  let t = cache.get(word);
  if (t) return t;
  if (FUNCTION_WORDS.has(word)) t = { word, key: word, content: false, stop: false, hash: hashString(word) };
  else {
    const bare = word.endsWith("'s") ? word.slice(0, -2) : word;
    const s = stem(bare);
    const key = SYNONYMS.get(bare) ?? SYNONYMS.get(s) ?? s;
    t = { word, key, content: true, stop: false, hash: hashString(key) };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, Object.freeze(t));
  return t;
}

/**
 * The cache indexed again by a hash of the word's characters, so that a word seen before is found
 * in the text without slicing it out (no new string, no Map lookup): open addressing, cleared when
 * half full.
 */
const SLOTS = 1 << 17;
const slotHash = new Int32Array(SLOTS);
const slotToken = new Array<Token | undefined>(SLOTS).fill(undefined);
let slotsUsed = 0;

/** The token of the word s[i, j). */
function tokenAt(s: string, i: number, j: number): Token {
  let h = 0x811c9dc5 | 0;
  for (let x = i; x < j; x++) h = Math.imul(h ^ s.charCodeAt(x), 0x01000193);
  const len = j - i;
  let slot = h & (SLOTS - 1);
  for (let t = slotToken[slot]; t !== undefined; t = slotToken[slot]) {
    if (slotHash[slot] === h && t.word.length === len && s.startsWith(t.word, i)) return t;
    slot = (slot + 1) & (SLOTS - 1);
  }
  const t = wordToken(s.slice(i, j));
  if (slotsUsed >= SLOTS / 2) {
    slotToken.fill(undefined);
    slotsUsed = 0;
    slot = h & (SLOTS - 1);
  }
  slotHash[slot] = h;
  slotToken[slot] = t;
  slotsUsed++;
  return t;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Letter or digit: ASCII by code, the rest by Unicode property. */
function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return WORD_CHAR.test(s[i]!);
}

/**
 * Tokens of a comment (quotes, URLs and leading @mentions removed): runs of letters and digits
 * with inner apostrophes, and sentence ends. Tokens are shared: never mutate them.
 */
export function tokenize(text: string): Token[] {
  return tokenizeInto(text, []);
}

/** `tokenize` into an array the caller reuses (emptied first). */
export function tokenizeInto(text: string, out: Token[]): Token[] {
  const s = foldFast(clean(text));
  out.length = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (isWordChar(s, i)) {
      let j = i + 1;
      for (;;) {
        while (j < n && isWordChar(s, j)) j++;
        if (j + 1 < n && s.charCodeAt(j) === 39 && isWordChar(s, j + 1)) { j += 2; continue; }
        break;
      }
      out.push(tokenAt(s, i, j));
      i = j;
      continue;
    }
    const c = s.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63) && out.length && !out[out.length - 1]!.stop) out.push(STOP);
    i++;
  }
  return out;
}

/** Content-word keys (a set). */
export function contentKeys(tokens: readonly Token[]): Set<string> {
  const s = new Set<string>();
  for (const t of tokens) if (t.content && t.key.length > 1) s.add(t.key);
  return s;
}

/**
 * The skeleton: function words and sentence ends kept, each run of content words replaced by "_".
 * "This is a great step for the region." → "this is a _ for the _ .".
 */
export function skeleton(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const k = t.content ? '_' : t.key;
    if (k === '_' && out[out.length - 1] === '_') continue;
    out.push(k);
  }
  return out;
}

/** Word n-grams over the surface forms (joined by spaces), with their start index. */
export function wordGrams(tokens: readonly Token[], n: number): Array<{ gram: string; at: number; content: number }> {
  const grams: Array<{ gram: string; at: number; content: number }> = [];
  const words = tokens.filter((t) => !t.stop);
  for (let i = 0; i + n <= words.length; i++) {
    const slice = words.slice(i, i + n);
    grams.push({ gram: slice.map((t) => t.key).join(' '), at: i, content: slice.filter((t) => t.content).length });
  }
  return grams;
}

/** Jaccard similarity of two sets. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (!a.size && !b.size) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Share of the smaller set found in the larger (overlap coefficient). */
export function overlap<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (!a.size || !b.size) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / small.size;
}

/** Jaccard similarity of two sorted arrays of distinct values. */
export function jaccardSorted(a: Uint32Array, b: Uint32Array): number {
  if (!a.length && !b.length) return 0;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) { inter++; i++; j++; } else if (x < y) i++; else j++;
  }
  return inter / (a.length + b.length - inter);
}
