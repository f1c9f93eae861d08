/** http(s) URLs with Node's fetch: manual redirects, a guard on every hop, a deadline, a byte limit. */
import { fail, ok, type Result } from '../model/index.ts';
import { decodeBytes, tooLarge, type Decoded } from './read.ts';

export interface FetchOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  guard?: (url: URL) => Promise<Result<void>>;
  /**
   * An undici dispatcher for every request (e.g. an Agent whose `connect.lookup` refuses private
   * addresses at connection time, so a DNS answer cannot change between the guard and the connect).
   */
  dispatcher?: object;
}

export interface Fetched extends Decoded {
  /** Final URL, after redirects. */
  url: string;
  /** Media type without parameters, lower case; null when the server sent none. */
  contentType: string | null;
}

const READABLE = new Set([
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/markdown',
  'text/x-markdown',
  'application/json',
  'application/ld+json',
  'application/x-ndjson',
  'application/jsonl',
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** Inputs written with a scheme ("https:", "ftp:", "javascript:") are URLs, not paths; "C:\…" is a path. */
export function looksLikeUrl(input: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(input);
}

export function parseUrl(input: string): Result<URL> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return fail('bad-url', `cannot read "${input}": not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail('bad-scheme', `cannot read "${input}": only http and https URLs can be fetched, not ${url.protocol}`);
  }
  if (url.hostname === '') return fail('bad-url', `cannot read "${input}": not a valid URL (no host)`);
  return ok(url);
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `TLS certificate not accepted (${cause.code})`;
  }
  return (cause?.message ?? (err instanceof Error ? err.message : String(err))).split('\n')[0] ?? 'fetch failed';
}

function charsetOf(contentType: string | null, head: Uint8Array): string | undefined {
  const param = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1];
  if (param) return param;
  const start = new TextDecoder('windows-1252').decode(head.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(start)?.[1];
}

export async function fetchUrl(input: string, opts: FetchOptions): Promise<Result<Fetched>> {
  const first = parseUrl(input);
  if (!first.ok) return first;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    let url = first.value;
    for (let hop = 0; ; hop++) {
      if (opts.guard) {
        const allowed = await opts.guard(url);
        if (!allowed.ok) return allowed;
      }
      const res = await fetch(url, {
        ...(opts.dispatcher ? ({ dispatcher: opts.dispatcher } as RequestInit) : {}),
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          accept: 'text/html,application/xhtml+xml,application/rss+xml;q=0.9,application/atom+xml;q=0.9,application/json;q=0.9,text/markdown;q=0.9,text/plain;q=0.8,application/xml;q=0.7',
          'user-agent': 'crosscheck/0.1',
        },
      });
      if (REDIRECT.has(res.status)) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        if (!location) return fail('fetch-failed', `cannot read "${input}": HTTP ${res.status} redirect without a Location`);
        if (hop + 1 > opts.maxRedirects) {
          return fail('too-many-redirects', `cannot read "${input}": more than ${opts.maxRedirects} redirect${opts.maxRedirects === 1 ? '' : 's'} (the next to "${location}")`);
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return fail('bad-url', `cannot read "${input}": redirect to an invalid URL "${location}"`);
        }
        const checked = parseUrl(next.href);
        if (!checked.ok) return fail(checked.error.code, `cannot read "${input}": redirected to "${next.href}", but only http and https URLs can be fetched`);
        url = checked.value;
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel();
        return fail('fetch-failed', `cannot read "${input}": HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      }
      const rawType = res.headers.get('content-type');
      const contentType = rawType ? (rawType.split(';')[0] ?? '').trim().toLowerCase() : null;
      if (contentType !== null && !READABLE.has(contentType)) {
        await res.body?.cancel();
        return fail('bad-content-type', `cannot read "${input}": content type ${contentType} is not an article (expected HTML, plain text, Markdown or JSON)`);
      }
      const declaredLength = Number(res.headers.get('content-length') ?? NaN);
      if (declaredLength > opts.maxBytes) {
        await res.body?.cancel();
        return tooLarge(input, declaredLength, opts.maxBytes);
      }
      const body = await readBody(res, input, opts.maxBytes);
      if (!body.ok) return body;
      const decoded = decodeBytes(body.value, input, charsetOf(rawType, body.value));
      if (!decoded.ok) return decoded;
      return ok({ ...decoded.value, url: url.href, contentType });
    }
  } catch (err) {
    if (controller.signal.aborted) return fail('timeout', `cannot read "${input}": no complete response within ${opts.timeoutMs} ms`);
    return fail('fetch-failed', `cannot read "${input}": ${networkReason(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(res: Response, input: string, maxBytes: number): Promise<Result<Uint8Array>> {
  const body = await readLimited(res, maxBytes);
  return body ? ok(body) : tooLarge(input, null, maxBytes);
}

/**
 * A response body of at most `maxBytes` (a declared length above it is refused before reading),
 * or null when it is larger: the rest is never read.
 */
export async function readLimited(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (Number(res.headers.get('content-length') ?? NaN) > maxBytes) {
    await res.body?.cancel();
    return null;
  }
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
