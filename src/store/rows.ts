/** What both adapters write for one document, computed once outside any transaction. */
import type { Document, Span } from '../model/index.ts';
import { commentKeys } from './comment-keys.ts';
import { indexText } from './fold.ts';
import { passageSpans } from './passages.ts';
import type { Passage, SourceKind } from './types.ts';

export interface PreparedSource {
  id: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  fetchedAt: string;
  origin: string;
  kind: SourceKind;
  wordCount: number;
  text: string;
  /** JSON of the comments array. */
  comments: string;
  passages: { span: Span; folded: string }[];
  signature: Uint8Array | null;
  /** Fingerprints of the comments (comment-keys.ts), indexed for `commentReuse`. */
  commentKeys: string[];
}

export function prepare(
  doc: Document,
  kind: SourceKind,
  fetchedAt: string,
  signature: Uint32Array | undefined,
): PreparedSource {
  return {
    id: doc.id,
    title: doc.title,
    outlet: doc.outlet,
    url: doc.url,
    published: doc.published,
    fetchedAt,
    origin: doc.origin,
    kind,
    wordCount: doc.metadata?.wordCount ?? (doc.text.match(/\S+/g)?.length ?? 0),
    text: doc.text,
    comments: JSON.stringify(doc.comments ?? []),
    passages: passageSpans(doc.text).map((span) => ({ span, folded: indexText(doc.text.slice(span.start, span.end)) })),
    signature: signature ? encodeSignature(signature) : null,
    commentKeys: commentKeys(doc.comments),
  };
}

/** Little-endian bytes of a signature, whatever the platform. */
export function encodeSignature(sig: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(sig.length * 4);
  const view = new DataView(bytes.buffer);
  sig.forEach((v, i) => view.setUint32(i * 4, v, true));
  return bytes;
}

export function decodeSignature(bytes: Uint8Array, id: string): Uint32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`stored signature of "${id}" has ${bytes.byteLength} bytes, expected a multiple of 4`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sig = new Uint32Array(bytes.byteLength / 4);
  for (let i = 0; i < sig.length; i++) sig[i] = view.getUint32(i * 4, true);
  return sig;
}

export interface PassageRow {
  idx: number;
  start_offset: number;
  end_offset: number;
}

/** A stored passage row with its text, sliced from the source text it points into. */
export function toPassage(sourceId: string, r: PassageRow, text: string): Passage {
  const span = { start: r.start_offset, end: r.end_offset };
  return { sourceId, index: r.idx, span, text: text.slice(span.start, span.end) };
}
