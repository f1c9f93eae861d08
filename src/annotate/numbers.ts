/**
 * Lexical layer shared by the quantity and date annotators: a tokenizer with exact offsets,
 * numeral and word-number parsing, month names, and the one rule that decides whether a bare
 * four-digit number reads as a year (both annotators use it, so they never disagree).
 */

export interface Token {
  kind: 'num' | 'word' | 'sym';
  text: string;
  start: number;
  end: number;
}

// Digit runs keep their inner separators ("1,200.5", "13.06.2025", "1 000" with a no-break or
// thin space); words keep inner apostrophes ("Poland’s"); anything else is one-character symbol.
const TOKEN_RE = /\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)*|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|\S/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const s = m[0];
    const start = m.index;
    const kind = /^\d/.test(s) ? 'num' : /^[\p{L}\p{M}]/u.test(s) ? 'word' : 'sym';
    out.push({ kind, text: s, start, end: start + s.length });
  }
  return out;
}

/** True when nothing (not even a space) separates the two tokens. */
export function glued(a: Token | undefined, b: Token | undefined): boolean {
  return a !== undefined && b !== undefined && a.end === b.start;
}

/** "100,000" → 100000, "1.2" → 1.2; null for malformed groupings ("1,2,3", "13.06.2025"). */
export function parseNumeral(raw: string): number | null {
  raw = raw.replace(/[\u00a0\u202f\u2009]/g, ',');
  if (/^0\d/.test(raw)) return null; // "007", "06": codes and date parts, not amounts
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(raw)) return Number(raw.replace(/,/g, ''));
  if (/^\d+(?:\.\d+)?$/.test(raw)) return Number(raw);
  return null;
}

/** "1,5" read as a decimal comma; only trusted by callers when a scale word follows ("1,5 mln"). */
export function parseDecimalComma(raw: string): number | null {
  return /^\d+,\d{1,2}$/.test(raw) ? Number(raw.replace(',', '.')) : null;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
export const SCALES: Record<string, number> = {
  thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
};

export function isNumberWord(w: string): boolean {
  const l = w.toLowerCase();
  return l in UNITS || l in TEENS || l in TENS || l === 'hundred' || l in SCALES || l === 'dozen';
}

export interface WordNumber {
  value: number;
  /** Index of the first token after the number. */
  end: number;
  /** The last scale applied ("six million" → 1e6), 1 when none; used to share a scale across a range. */
  scale: number;
}

type Last = 'start' | 'a' | 'units' | 'teens' | 'tens' | 'hundred' | 'scale' | 'half' | 'dozen';

/**
 * Reads an English number written in words from `toks[i]`: "five", "twenty-one", "a hundred",
 * "one hundred and five", "two dozen", "half a million", "two and a half". Null when the tokens
 * there are not one.
 */
export function parseWordNumber(toks: Token[], i: number): WordNumber | null {
  const lower = (k: number) => toks[k]?.text.toLowerCase() ?? '';
  // "half a million", "half a dozen"
  if (lower(i) === 'half' && lower(i + 1) === 'a') {
    const s = lower(i + 2);
    if (s in SCALES) return { value: 0.5 * (SCALES[s] ?? 1), end: i + 3, scale: SCALES[s] ?? 1 };
    if (s === 'dozen') return { value: 6, end: i + 3, scale: 1 };
    return null;
  }
  let total = 0;
  let current = 0;
  let last: Last = 'start';
  let lastScale = Infinity;
  let scale = 1;
  let k = i;
  let end = i;
  while (k < toks.length) {
    const t = toks[k];
    if (!t) break;
    const w = t.text.toLowerCase();
    if (t.kind === 'sym' && t.text === '-') {
      // only the tens-units hyphen: "twenty-one"
      const next = toks[k + 1];
      if (last === 'tens' && glued(toks[k - 1], t) && glued(t, next) && next && next.text.toLowerCase() in UNITS) {
        k++;
        continue;
      }
      break;
    }
    if (t.kind !== 'word') break;
    if (w === 'a' || w === 'an') {
      if (last !== 'start') break;
      const n = lower(k + 1);
      if (!(n === 'hundred' || n === 'dozen' || n in SCALES)) break;
      current = 1;
      last = 'a';
      k++;
      continue;
    }
    if (w === 'and') {
      // "one hundred and five", "two and a half"
      const n = lower(k + 1);
      if ((last === 'hundred' || last === 'scale') && (n in UNITS || n in TEENS || n in TENS)) {
        k++;
        continue;
      }
      if ((last === 'units' || last === 'teens' || last === 'tens') && n === 'a' && lower(k + 2) === 'half') {
        current += 0.5;
        last = 'half';
        k += 3;
        end = k;
        continue;
      }
      break;
    }
    if (w in UNITS) {
      if (!(last === 'start' || last === 'tens' || last === 'hundred' || last === 'scale')) break;
      current += UNITS[w] ?? 0;
      last = 'units';
    } else if (w in TEENS) {
      if (!(last === 'start' || last === 'hundred' || last === 'scale')) break;
      current += TEENS[w] ?? 0;
      last = 'teens';
    } else if (w in TENS) {
      if (!(last === 'start' || last === 'hundred' || last === 'scale')) break;
      current += TENS[w] ?? 0;
      last = 'tens';
    } else if (w === 'hundred') {
      if (!(last === 'units' || last === 'teens' || last === 'a') || current >= 100) break;
      current *= 100;
      last = 'hundred';
    } else if (w in SCALES) {
      const s = SCALES[w] ?? 1;
      if (last === 'start' || last === 'scale' || last === 'dozen' || s >= lastScale) break;
      total += current * s;
      current = 0;
      lastScale = s;
      scale = s;
      last = 'scale';
    } else if (w === 'dozen') {
      if (!(last === 'units' || last === 'a')) break;
      current *= 12;
      last = 'dozen';
    } else {
      break;
    }
    k++;
    end = k;
  }
  if (last === 'start' || last === 'a' || end === i) return null;
  return { value: total + current, end, scale };
}

/** A whole phrase as a number: "5", "1,200", "three", "twenty-one", "a" / "an" (= 1). */
export function parseNumberPhrase(s: string): number | null {
  const toks = tokenize(s);
  const first = toks[0];
  if (!first) return null;
  if (toks.length === 1 && first.kind === 'num') return parseNumeral(first.text);
  if (toks.length === 1 && /^an?$/i.test(first.text)) return 1;
  const w = parseWordNumber(toks, 0);
  return w && w.end === toks.length ? w.value : null;
}

/** Capitalised month names and abbreviations → 1..12. */
export const MONTHS: Record<string, number> = {
  January: 1, February: 2, March: 3, April: 4, May: 5, June: 6, July: 7, August: 8,
  September: 9, October: 10, November: 11, December: 12,
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Sept: 9, Oct: 10, Nov: 11, Dec: 12,
};

export function monthOf(word: string | undefined): number | undefined {
  return word === undefined ? undefined : MONTHS[word];
}

/** Words after which even an old four-digit number (1000–1799) reads as a year ("in 1683"). */
const YEAR_PREPS = new Set(['in', 'since', 'until', 'till', 'by', 'before', 'after', 'from', 'of', 'circa', 'c', 'during']);

/**
 * The shared year rule: four plain digits in 1800–2099, or 1000–1799 right after a year
 * preposition. Whether a year-like number is nonetheless a quantity (a unit, a currency, a
 * qualifier) is decided by the quantity annotator; the date annotator takes what is left.
 */
export function isYearLike(raw: string, prevWord: string | undefined): boolean {
  if (!/^\d{4}$/.test(raw)) return false;
  const v = Number(raw);
  if (v >= 1800 && v <= 2099) return true;
  return v >= 1000 && v < 1800 && prevWord !== undefined && YEAR_PREPS.has(prevWord.toLowerCase());
}
