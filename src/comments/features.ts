/** What the analysis measures on each comment, computed once. */
import { contentKeys, hashString, skeleton, tokenize, type Token } from './tokens.ts';

/** Stock reply openers: agreement formulas that fit under any comment. */
const OPENER =
  /^(?:i (?:completely |fully |totally |strongly |really |do )?agree(?: with you)?|(?:totally |completely |fully )?agreed|you (?:raise|make|have|bring up|made|raised)(?: a| some)?(?: very| really)?(?: valid| fair| good| great| excellent| strong| important| interesting| solid)? points?|(?:a )?(?:good|great|fair|valid|excellent|interesting|strong) points?|well said|spot on|so true|very true|that'?s (?:so true|a (?:good|fair|valid|great) point)|(?:i )?couldn'?t agree more|i (?:second|echo) that|absolutely(?: agree)?|exactly)(?=$|[\s.,!;:—–-])/i;

export interface CommentFeatures {
  index: number;
  id: string;
  author: string | null;
  /** Milliseconds since the epoch, when the comment is dated. */
  time: number | null;
  parent: number | null;
  tokens: Token[];
  /** Tokens without sentence ends and without runs quoted from the article. */
  words: Token[];
  content: Set<string>;
  /** Skeleton 4-grams. */
  skeleton: Set<string>;
  skeletonLength: number;
  /** Folded word bigrams, for near-duplicates. */
  bigrams: Set<string>;
  /** The same three sets as sorted hashes, for fast pairwise Jaccard. */
  contentIds: Uint32Array;
  skeletonIds: Uint32Array;
  bigramIds: Uint32Array;
  /** Word 3-grams with at least two content words: key → surface text. */
  phrases: Map<string, string>;
  /** The stock opener the comment starts with, normalised ("you make a point"), or null. */
  opener: string | null;
  openerText: string | null;
}

/** Keys of article word 4-grams: a comment's runs that match one are quotes, not the commenter's words. */
export function articleGrams(text: string): Set<string> {
  const words = tokenize(text).filter((t) => !t.stop);
  const grams = new Set<string>();
  for (let i = 0; i + 4 <= words.length; i++) grams.add(words.slice(i, i + 4).map((t) => t.key).join(' '));
  return grams;
}

function withoutQuotes(words: Token[], article: ReadonlySet<string>): Token[] {
  if (!article.size || words.length < 4) return words;
  const quoted = new Uint8Array(words.length);
  for (let i = 0; i + 4 <= words.length; i++) {
    if (article.has(words.slice(i, i + 4).map((t) => t.key).join(' '))) quoted.fill(1, i, i + 4);
  }
  return words.filter((_, i) => !quoted[i]);
}

export function commentFeatures(
  comment: { id: string; text: string; author?: string; published?: string },
  index: number,
  parent: number | null,
  article: ReadonlySet<string>,
): CommentFeatures {
  const tokens = tokenize(comment.text);
  const words = withoutQuotes(tokens.filter((t) => !t.stop), article);
  const content = contentKeys(words);
  const sk = skeleton(tokens);
  const skGrams = new Set<string>();
  for (let i = 0; i + 4 <= sk.length; i++) skGrams.add(sk.slice(i, i + 4).join(' '));
  const bigrams = new Set<string>();
  for (let i = 0; i + 2 <= words.length; i++) bigrams.add(`${words[i]!.word} ${words[i + 1]!.word}`);
  const phrases = new Map<string, string>();
  for (let i = 0; i + 3 <= words.length; i++) {
    const g = words.slice(i, i + 3);
    if (g.filter((t) => t.content && t.word.length >= 3).length < 2) continue;
    phrases.set(g.map((t) => t.key).join(' '), g.map((t) => t.word).join(' '));
  }
  const m = OPENER.exec(comment.text.replace(/^(?:\s*@[\w.]+[:,]?)+\s*/u, '').trim());
  const opener = m ? m[0].toLowerCase().replace(/’/g, "'").replace(/\b(?:a|some|very|really|completely|fully|totally|strongly|do)\b\s*/g, '').replace(/points$/, 'point').replace(/\s+/g, ' ').trim() : null;
  const time = comment.published ? Date.parse(comment.published) : NaN;
  const ids = (xs: Iterable<string>): Uint32Array => Uint32Array.from(new Set([...xs].map((x) => hashString(x)))).sort();
  return {
    index,
    contentIds: ids(content),
    skeletonIds: ids(skGrams),
    bigramIds: ids(bigrams),
    id: comment.id,
    author: comment.author?.trim().toLowerCase() || null,
    time: Number.isFinite(time) ? time : null,
    parent,
    tokens,
    words,
    content,
    skeleton: skGrams,
    skeletonLength: sk.length,
    bigrams,
    phrases,
    opener,
    openerText: m ? m[0] : null,
  };
}
