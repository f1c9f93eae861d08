/**
 * Conditional GET of a feed: `If-None-Match` / `If-Modified-Since` from the last poll, manual
 * redirects (at most `maxRedirects`), a deadline and a byte limit. Feeds are registered by the
 * operator (`crosscheck watch add`), so their addresses are trusted as given: unlike URLs sent by
 * API clients they are not limited to public addresses (see docs/deployment.md).
 */
import { decodeBytes } from '../ingest/read.ts';
import { parseUrl, readLimited } from '../ingest/fetch.ts';

export interface FeedFetchOptions {
  etag: string | null;
  lastModified: string | null;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export type FeedFetch =
  | { kind: 'not-modified' }
  | { kind: 'ok'; text: string; url: string; contentType: string | null; etag: string | null; lastModified: string | null }
  /** `status`: the HTTP status, or "error" when there was no answer; `retryAfterMs` from a Retry-After header. */
  | { kind: 'error'; status: string; message: string; retryAfterMs: number | null };

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** Retry-After: delay-seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

export async function fetchFeed(input: string, opts: FeedFetchOptions): Promise<FeedFetch> {
  const first = parseUrl(input);
  if (!first.ok) return { kind: 'error', status: 'error', message: first.error.message, retryAfterMs: null };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1',
    'user-agent': 'crosscheck-watch',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  try {
    let url = first.value;
    for (let hop = 0; ; hop++) {
      const res = await fetch(url, { redirect: 'manual', signal: controller.signal, headers });
      if (REDIRECT.has(res.status)) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        if (!location || hop + 1 > opts.maxRedirects) {
          return { kind: 'error', status: String(res.status), message: location ? `more than ${opts.maxRedirects} redirects` : 'redirect without a Location', retryAfterMs: null };
        }
        const next = parseUrl(new URL(location, url).href);
        if (!next.ok) return { kind: 'error', status: String(res.status), message: next.error.message, retryAfterMs: null };
        url = next.value;
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        return { kind: 'not-modified' };
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel();
        return { kind: 'error', status: String(res.status), message: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, retryAfterMs: retryAfterMs(res.headers.get('retry-after'), Date.now()) };
      }
      const body = await readLimited(res, opts.maxBytes);
      if (body === null) return { kind: 'error', status: String(res.status), message: `the feed is larger than ${opts.maxBytes} bytes`, retryAfterMs: null };
      const rawType = res.headers.get('content-type');
      const decoded = decodeBytes(body, input, /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(rawType ?? '')?.[1]);
      if (!decoded.ok) return { kind: 'error', status: String(res.status), message: decoded.error.message, retryAfterMs: null };
      return {
        kind: 'ok',
        text: decoded.value.text,
        url: url.href,
        contentType: rawType ? (rawType.split(';')[0] ?? '').trim().toLowerCase() : null,
        etag: res.headers.get('etag'),
        lastModified: res.headers.get('last-modified'),
      };
    }
  } catch (e) {
    const message = controller.signal.aborted
      ? `no complete response within ${opts.timeoutMs} ms`
      : ((e as { cause?: { code?: string; message?: string } }).cause?.code ?? (e as Error).message ?? String(e));
    return { kind: 'error', status: 'error', message: String(message).split('\n')[0]!, retryAfterMs: null };
  } finally {
    clearTimeout(timer);
  }
}

