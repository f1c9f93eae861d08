/**
 * The one fold for matching text: lower case, diacritics removed — including the letters Unicode
 * does not decompose (ł, ø, đ, æ, œ, ß, þ, ı, ħ, ŧ, ŀ) — so "Paweł" meets "Pawel". Indexing,
 * querying, copy detection, name keys and comparison all use it.
 */
const SPECIAL: Readonly<Record<string, string>> = {
  ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ŧ: 't', ŀ: 'l', æ: 'ae', œ: 'oe', ß: 'ss', ẞ: 'ss', þ: 'th',
};
const SPECIAL_RE = /[łøđðħıŧŀæœßẞþ]/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case, no diacritics; punctuation and spacing untouched. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Plain ASCII has no diacritics to remove (the common case: skip the normalisation).
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

/** British and American spellings meet: defence/defense, programme/program, kilometre/kilometer. */
function spelling(w: string): string {
  return w
    .replace(/^(defen|offen|licen|preten)ce$/, '$1se')
    .replace(/mme$/, 'm')
    .replace(/([^aeiou])re$/, '$1er')
    .replace(/our$/, 'or')
    .replace(/is(e|es|ed|ing|ation)$/, 'iz$1');
}

/** A crude stem of a folded word: plural and verb endings, and -al/-ation nouns ("withdrawal" → "withdraw"). */
export function stemWord(w: string): string {
  const known = STEMS.get(w);
  if (known !== undefined) return known;
  const s = spelling(w).replace(/(?:ations?|als?|ments?|ings?|ed|es|s)$/, '');
  const out = s.length >= 3 ? s : w;
  if (STEMS.size >= 100_000) STEMS.clear();
  STEMS.set(w, out);
  return out;
}

/** Words recur: their stems are kept (a bounded cache, emptied when full). */
const STEMS = new Map<string, string>();
