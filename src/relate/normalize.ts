/**
 * Text normalisation for copy detection: lower case, diacritics folded (including the letters
 * Unicode does not decompose: ł, ø, đ, æ, œ, ß, þ, ı), punctuation dropped, digits kept.
 * Line breaks are kept as boundaries: a paragraph is the unit that survives reordering.
 */
import { fold } from '../model/fold.ts';

export { fold };

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The words of one stretch of text, folded: "Kestland's 2,300 workers — 6.8 billion" →
 * ["kestlands", "2300", "workers", "68", "billion"]. Apostrophes inside a word and separators
 * inside a number are removed rather than split on, so "2,300" and "2300" agree.
 */
export function words(text: string): string[] {
  const s = fold(text)
    .replace(/(\p{N})[.,](?=\p{N})/gu, '$1')
    .replace(/(\p{L})['’ʼ](?=\p{L})/gu, '$1');
  return s.match(WORD) ?? [];
}

/** Non-empty lines (paragraphs) of a text; a shingle never spans two of them. */
export function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/).filter((l) => /[\p{L}\p{N}]/u.test(l));
}

/**
 * The reporter's own words: `text` with quoted speech blanked out (“…”, "…", «…», „…“). Two
 * independent reports of one event often quote the same statement at length; copying shows in
 * the narrative between the quotes. A quote left open runs to the end of its paragraph, as
 * multi-paragraph quotations do. Line breaks are kept.
 */
export function narrative(text: string): string {
  return text
    .split('\n')
    .map((p) => p
      .replace(/“[^”\n]*(?:”|$)/g, ' ')
      .replace(/„[^“”\n]*(?:[“”]|$)/g, ' ')
      .replace(/«[^»\n]*(?:»|$)/g, ' ')
      .replace(/"[^"\n]*(?:"|$)/g, ' '))
    .join('\n');
}
