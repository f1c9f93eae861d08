import { createHash } from 'node:crypto';
import type { Comment, DeclaredMetadata, Document, InputKind, Message } from './document.ts';

export interface DocumentInit {
  origin: string;
  format: InputKind;
  text: string;
  title?: string | null;
  outlet?: string | null;
  url?: string | null;
  published?: string | null;
  byline?: string | null;
  declared?: DeclaredMetadata;
  comments?: Comment[];
  messages?: Message[];
}

/** Stable id for a body text: the same article always gets the same id. */
export function documentId(text: string): string {
  const norm = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(norm).digest('hex').slice(0, 16);
}

export function createDocument(init: DocumentInit): Document {
  return {
    id: documentId(init.text),
    origin: init.origin,
    format: init.format,
    title: init.title ?? null,
    outlet: init.outlet ?? null,
    url: init.url ?? null,
    published: init.published ?? null,
    byline: init.byline ?? null,
    text: init.text,
    declared: init.declared ?? {},
    comments: init.comments ?? [],
    messages: init.messages ?? [],
  };
}
