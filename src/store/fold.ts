/**
 * Accent folding shared by indexing and querying, so "Paweł" and "Pawel" meet.
 * SQLite's unicode61 tokenizer (remove_diacritics 2) strips combining marks but leaves letters
 * such as ł, ø, æ, ß, đ alone; both backends index `fold(text)` and search `fold(query)`.
 */
import { fold } from '../model/fold.ts';

export { fold };

/** Words the tokenizers also see as tokens: runs of letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

const STOP = new Set(
  ('a an and are as at be been but by for from has had have he her his i in is it its of on or ' +
    'she that the their they this to was were which who will with').split(' '),
);

/**
 * What both full-text indexes receive for a passage: its folded words separated by single spaces,
 * so SQLite's and PostgreSQL's tokenizers see exactly the tokens `queryTerms` produces (PostgreSQL
 * alone would read "covid-19" as "covid" and "-19", "example.com" as one host name).
 */
export function indexText(text: string): string {
  return (fold(text).match(WORD) ?? []).join(' ');
}

/** At most this many terms go into one query. */
export const MAX_TERMS = 32;

/**
 * The distinct folded words of a query, in order of first appearance. Common function words are
 * dropped unless nothing else is left. Safe to quote into a query: letters and digits only.
 */
export function queryTerms(text: string): string[] {
  const all = [...new Set(fold(text).match(WORD) ?? [])];
  const content = all.filter((t) => !STOP.has(t));
  return (content.length > 0 ? content : all).slice(0, MAX_TERMS);
}
