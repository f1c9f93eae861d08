/**
 * Ingest: a file, a URL or standard input → Document(s). Expected failures are `fail(code, message)`
 * values with one-line messages (`cannot read "x.html": no such file`); nothing here throws for bad input.
 *
 * A page that has content but no article body is not a failure: it yields a Document with empty
 * `text` and an `ingest/no-body` error message, so the caller (CLI, HTTP API) decides what to do.
 * Input with nothing in it at all (empty or whitespace only) fails with code `empty`.
 */
import { createDocument, fail, message, ok, type Document, type InputKind, type Message, type Result } from '../model/index.ts';
import { fetchUrl, looksLikeUrl } from './fetch.ts';
import { FEED_TYPES, looksLikeFeed, parseFeed } from './feed.ts';
import { parseHtml } from './html.ts';
import { parseInputRecord, parseJsonInput } from './json.ts';
import { parseMarkdown } from './markdown.ts';
import { label, normalizeInput } from './normalize.ts';
import { decodeBytes, readFileInput, readStream, type Decoded } from './read.ts';
import { parseTextCapture } from './text.ts';
import type { ParseContext, Parsed } from './types.ts';

export interface IngestOptions {
  /** Largest file, stdin or fetched body accepted, in bytes. Default 5 MiB. */
  maxBytes?: number;
  /** Force a parser; default "auto" (extension, then content type, then sniffing). */
  format?: InputKind | 'auto';
  /** URL fetch deadline for the whole exchange, redirects included. Default 15000. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Called for the first URL and after every redirect; a failure stops the fetch with that error. */
  guard?: (url: URL) => Promise<Result<void>>;
  /** Read when the input is "-". Default process.stdin. */
  stdin?: NodeJS.ReadableStream;
}

export interface IngestStringOptions {
  /** File path, URL, "-", or a name given by the caller; used in messages and `doc.origin`. */
  origin: string;
  format?: InputKind | 'auto';
  /** The URL the content came from (final, after redirects). */
  url?: string;
  /** The HTTP content type, parameters allowed. */
  contentType?: string;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

const EXTENSIONS: Record<string, InputKind> = {
  txt: 'text',
  text: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
};
const CONTENT_TYPES: Record<string, InputKind> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'application/json': 'json',
  'application/ld+json': 'json',
  'application/x-ndjson': 'json',
  'application/jsonl': 'json',
};

function extensionOf(name: string | undefined): string | null {
  if (!name) return null;
  let path = name;
  if (looksLikeUrl(name)) {
    try {
      path = new URL(name).pathname;
    } catch {
      return null;
    }
  }
  return /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? null;
}

function mediaType(contentType: string | undefined): string | null {
  return contentType ? (contentType.split(';')[0] ?? '').trim().toLowerCase() : null;
}

function sniff(raw: string): InputKind {
  const t = raw.trimStart();
  if (/^(?:\{|\[\s*[{\]])/.test(t)) return 'json';
  if (/^<(?:!doctype|html|head|body|\?xml|!--|[a-z][\w-]*[\s>/])/i.test(t)) return 'html';
  return 'text';
}

function detect(raw: string, opts: IngestStringOptions): InputKind {
  if (opts.format && opts.format !== 'auto') return opts.format;
  const fromType = CONTENT_TYPES[mediaType(opts.contentType) ?? ''];
  if (fromType) return fromType;
  const ext = extensionOf(opts.url) ?? extensionOf(opts.origin);
  return (ext ? EXTENSIONS[ext] : undefined) ?? sniff(raw);
}

const PARSERS: Record<InputKind, (raw: string, ctx: ParseContext, opts: IngestStringOptions) => Result<Parsed[]>> = {
  text: (raw) => ok([parseTextCapture(raw)]),
  markdown: (raw) => ok([parseMarkdown(raw)]),
  html: (raw, ctx) => ok([parseHtml(raw, ctx)]),
  json: (raw, ctx, opts) => {
    const lines = ['jsonl', 'ndjson'].includes(extensionOf(opts.url) ?? extensionOf(opts.origin) ?? '') ||
      ['application/x-ndjson', 'application/jsonl'].includes(mediaType(opts.contentType) ?? '');
    return parseJsonInput(raw, ctx, lines ? 'jsonl' : 'auto');
  },
};

function toDocument(p: Parsed, origin: string, format: InputKind, fallbackUrl: string | null, notes: readonly Message[]): Document {
  const messages = [...notes, ...p.messages];
  if (p.text === '') messages.push(message('ingest', 'ingest/no-body', 'error', `no article body found in ${label(origin)}`));
  return createDocument({
    origin,
    format,
    text: p.text,
    title: p.title,
    outlet: p.outlet,
    url: p.url ?? fallbackUrl,
    published: p.published,
    byline: p.byline,
    declared: p.declared,
    comments: p.comments,
    messages,
  });
}

function parseString(raw: string, opts: IngestStringOptions, notes: readonly Message[]): Result<Document[]> {
  const name = label(opts.origin);
  if (raw.includes('\u0000')) return fail('binary', `cannot read ${name}: it looks like a binary file (NUL bytes), expected text, HTML, Markdown or JSON`);
  const text = normalizeInput(raw);
  if (text.trim() === '') return fail('empty', `cannot read ${name}: it is ${text === '' ? 'empty' : 'only whitespace'}, expected an article`);
  const ctx: ParseContext = opts.url ? { origin: opts.origin, url: opts.url } : { origin: opts.origin };
  // RSS and Atom: one document per item, each read as HTML.
  if ((!opts.format || opts.format === 'auto') && (looksLikeFeed(text) || (FEED_TYPES.has(mediaType(opts.contentType) ?? '') && looksLikeFeed(text)))) {
    const items = parseFeed(text, ctx);
    if (!items.ok) return items;
    return ok(items.value.map((p) => ({ ...toDocument(p, opts.origin, 'html', null, notes), ...(p.guid ? { guid: p.guid } : {}) })));
  }
  const format = detect(text, opts);
  const parsed = PARSERS[format](text, ctx, opts);
  if (!parsed.ok) return parsed;
  // JSON records carry their own URLs; a fetched feed's URL is not theirs.
  const fallbackUrl = format === 'json' ? null : (opts.url ?? null);
  return ok(parsed.value.map((p) => toDocument(p, opts.origin, format, fallbackUrl, notes)));
}

/** In-memory variant (HTTP API, `add`): raw content and how to read it. */
export function ingestString(raw: string, opts: IngestStringOptions): Result<Document[]> {
  return parseString(raw, opts, []);
}

/** The JSON input contract object → Document. */
export function fromInputObject(obj: unknown, origin: string): Result<Document> {
  const r = parseInputRecord(obj, { origin });
  return r.ok ? ok(toDocument(r.value, origin, 'json', null, [])) : r;
}

/** input: a file path, an http(s) URL, or "-" for standard input. JSON/JSONL/array inputs may yield several documents. */
export async function ingest(input: string, options: IngestOptions = {}): Promise<Result<Document[]>> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const format = options.format ?? 'auto';
  if (input.trim() === '') return fail('usage', 'cannot read "": expected a file path, an http(s) URL or "-"');

  let decoded: Result<Decoded>;
  let extra: Partial<IngestStringOptions> = {};
  if (input === '-') {
    const bytes = await readStream(options.stdin ?? process.stdin, '-', maxBytes);
    decoded = bytes.ok ? decodeBytes(bytes.value, '-') : bytes;
  } else if (looksLikeUrl(input)) {
    const fetched = await fetchUrl(input, {
      maxBytes,
      timeoutMs: options.timeoutMs ?? 15_000,
      maxRedirects: options.maxRedirects ?? 5,
      ...(options.guard ? { guard: options.guard } : {}),
    });
    if (!fetched.ok) return fetched;
    decoded = fetched;
    extra = { url: fetched.value.url, ...(fetched.value.contentType ? { contentType: fetched.value.contentType } : {}) };
  } else {
    const bytes = await readFileInput(input, maxBytes);
    decoded = bytes.ok ? decodeBytes(bytes.value, input) : bytes;
  }
  if (!decoded.ok) return decoded;
  return parseString(decoded.value.text, { origin: input, format, ...extra }, decoded.value.notes);
}

export { looksLikeFeed } from './feed.ts';
