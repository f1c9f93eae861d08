import type { Comment, DeclaredMetadata, Message } from '../model/index.ts';

/** What a parser extracts; `index.ts` turns it into a Document. */
export interface Parsed {
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  byline: string | null;
  text: string;
  declared: DeclaredMetadata;
  comments: Comment[];
  messages: Message[];
}

export interface ParseContext {
  origin: string;
  /** The URL the content was fetched from (final, after redirects), if any. */
  url?: string;
}

export function emptyParsed(): Parsed {
  return { title: null, outlet: null, url: null, published: null, byline: null, text: '', declared: {}, comments: [], messages: [] };
}
