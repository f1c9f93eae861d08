/**
 * The one fold for matching text: lower case, diacritics removed — including the letters Unicode
 * does not decompose (ł, ø, đ, æ, œ, ß, þ, ı, ħ, ŧ, ŀ) — so "Paweł" meets "Pawel". Indexing,
 * querying, copy detection, name keys and comparison all use it.
 */
const SPECIAL: Readonly<Record<string, string>> = {
  ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ŧ: 't', ŀ: 'l', æ: 'ae', œ: 'oe', ß: 'ss', ẞ: 'ss', þ: 'th',
};
const SPECIAL_RE = /[łøđðħıŧŀæœßẞþ]/g;

/** Lower case, no diacritics; punctuation and spacing untouched. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}
