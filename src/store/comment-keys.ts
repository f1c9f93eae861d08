/**
 * Comment fingerprints: the key under which a comment's text is indexed to find the same comment
 * under other stored articles (migration 5, `Store.commentReuse`). The text is folded (NFKD, marks
 * and case dropped), links and @mentions removed, and reduced to its words, so spacing, case,
 * punctuation and accents do not hide a copy. Short comments ("Great article!", "Thanks") are
 * said under many articles by different people and get no key.
 */
import { createHash } from 'node:crypto';

/** Comments with fewer words than this are not fingerprinted. */
export const COMMENT_KEY_MIN_WORDS = 6;

/** The words a fingerprint is taken over, space-separated; '' when there are too few. */
export function commentKeyText(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\bhttps?:\/\/\S+|\bwww\.\S+/g, ' ')
    .replace(/(^|\s)@\w+/g, ' ')
    .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length >= COMMENT_KEY_MIN_WORDS ? words.join(' ') : '';
}

/** A comment's fingerprint (16 hex digits of SHA-256 of its folded words), or null when too short. */
export function commentKey(text: string): string | null {
  const t = commentKeyText(text);
  return t ? createHash('sha256').update(t).digest('hex').slice(0, 16) : null;
}

/** The distinct fingerprints of a comment section. */
export function commentKeys(comments: ReadonlyArray<{ text: string }> | undefined): string[] {
  const keys = new Set<string>();
  for (const c of comments ?? []) {
    const k = commentKey(c.text);
    if (k !== null) keys.add(k);
  }
  return [...keys];
}
