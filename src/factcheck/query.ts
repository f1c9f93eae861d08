/**
 * What a claim is matched with: its text without links, handles' "@", hashtags' "#" and a tweet's
 * "— Name (@handle) Date" signature, plus that date and author when present.
 */
import { isoDate } from './formats.ts';

export interface MatchQuery {
  /** The text to match, cleaned. */
  text: string;
  /** When the claim was made (the article's or tweet's date), ISO; null when unknown. */
  date: string | null;
  /** Who wrote it (a tweet's signature name), when known. */
  author: string | null;
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?';
/** "— Jane Doe (@jdoe) January 14, 2020" at the end of an embedded tweet. */
const SIGNATURE = new RegExp(`[—–-]\\s*([^—–()]{0,80}?)\\s*\\(@\\w+\\)\\s*(${MONTH}\\s+\\d{1,2},\\s+\\d{4})\\s*"?\\s*$`, 'i');

/** "LindseyGrahamSC" → "Lindsey Graham SC"; "covid19" → "covid 19". */
export function splitCamel(word: string): string {
  return word
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/_/g, ' ');
}

/** Links, "pic.twitter.com/…", invisible marks, and the "@" and "#" marks (their words are kept, split at capitals). */
export function cleanText(s: string): string {
  return s
    .replace(/[\u200b-\u200f\u2066-\u2069\ufeff]/g, '')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\bpic\.twitter\.com\/\S+/gi, ' ')
    .replace(/(^|[^\w])[@#](\w+)/g, (_m, pre: string, w: string) => `${pre}${splitCamel(w)}`)
    .replace(/\s+/g, ' ')
    .trim();
}

/** A claim's text with an optional date → a query (a trailing tweet signature gives date and author). */
export function matchQuery(text: string, date: string | null = null): MatchQuery {
  const m = SIGNATURE.exec(text);
  if (m) {
    return { text: cleanText(text.slice(0, m.index)), date: isoDate(m[2]) ?? date, author: m[1]?.trim() || null };
  }
  return { text: cleanText(text), date, author: null };
}
