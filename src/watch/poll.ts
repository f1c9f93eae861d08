/**
 * One poll of one feed: conditional GET, new items (by guid, never seen before) stored in the
 * store, the stored checks they speak to re-checked, and the feed's state recorded — on success
 * the next poll one interval later, on failure after an exponential backoff.
 */
import { ingestString } from '../ingest/index.ts';
import type { Document } from '../model/index.ts';
import { addDocuments } from '../pipeline/sources.ts';
import type { FeedState, Store } from '../store/index.ts';
import { fetchFeed } from './fetch.ts';
import { recheckStored, type RecheckOptions, type VerdictChange } from './recheck.ts';

export interface PollOptions {
  /** Time between polls of a feed that answers (ms). */
  intervalMs: number;
  /** Longest backoff after failures (ms); default 6 hours, and never below the interval. */
  maxBackoffMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  now?: () => Date;
  recheck?: RecheckOptions | false;
}

export interface PollEvent {
  type: 'poll';
  at: string;
  feed: string;
  /** "200", "304", an HTTP error status, or "error" (no answer, or an unreadable feed). */
  status: string;
  /** Items in the feed never seen before, and how many of them were stored (others: no body, or already stored from elsewhere). */
  newItems: number;
  stored: number;
  failures: number;
  nextPollAt: string;
  error?: string;
}

export interface VerdictEvent extends VerdictChange {
  type: 'verdict-changed';
  at: string;
  feed: string;
}

export type WatchEvent = PollEvent | VerdictEvent;

/** The delay before the next poll after `failures` consecutive failures (0: the interval). */
export function backoffMs(failures: number, intervalMs: number, maxBackoffMs = 6 * 3600_000, retryAfter: number | null = null): number {
  const cap = Math.max(intervalMs, maxBackoffMs);
  const delay = failures <= 0 ? intervalMs : Math.min(cap, intervalMs * 2 ** Math.min(failures, 30));
  return Math.max(delay, Math.min(retryAfter ?? 0, cap));
}

export async function pollFeed(store: Store, feed: FeedState, options: PollOptions): Promise<WatchEvent[]> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const fetched = await fetchFeed(feed.url, {
    etag: feed.etag,
    lastModified: feed.lastModified,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
  });
  const failed = async (status: string, error: string, retryAfter: number | null): Promise<WatchEvent[]> => {
    const failures = feed.failures + 1;
    const next = new Date(started.getTime() + backoffMs(failures, options.intervalMs, options.maxBackoffMs, retryAfter)).toISOString();
    await store.recordPoll(feed.url, { etag: feed.etag, lastModified: feed.lastModified, failures, nextPollAt: next, polledAt: started.toISOString(), status, error, newItems: 0 });
    return [{ type: 'poll', at: started.toISOString(), feed: feed.url, status, newItems: 0, stored: 0, failures, nextPollAt: next, error }];
  };
  if (fetched.kind === 'error') return failed(fetched.status, fetched.message, fetched.retryAfterMs);
  const next = new Date(started.getTime() + options.intervalMs).toISOString();
  if (fetched.kind === 'not-modified') {
    await store.recordPoll(feed.url, { etag: feed.etag, lastModified: feed.lastModified, failures: 0, nextPollAt: next, polledAt: started.toISOString(), status: '304', error: null, newItems: 0 });
    return [{ type: 'poll', at: started.toISOString(), feed: feed.url, status: '304', newItems: 0, stored: 0, failures: 0, nextPollAt: next }];
  }
  const docs = ingestString(fetched.text, { origin: feed.url, url: fetched.url, ...(fetched.contentType ? { contentType: fetched.contentType } : {}) });
  if (!docs.ok) return failed('error', docs.error.message, null);
  const items = docs.value.filter((d) => d.guid !== undefined);
  if (docs.value.length && !items.length) return failed('error', `"${feed.url}" is not an RSS or Atom feed`, null);

  // Never-seen guids only (a guid repeated within the feed counts once).
  const seen = await store.seenItems(feed.url, items.map((d) => d.guid!));
  const fresh = new Map<string, Document>();
  for (const d of items) if (!seen.has(d.guid!) && !fresh.has(d.guid!)) fresh.set(d.guid!, d);
  const withBody = [...fresh.values()].filter((d) => d.text.trim());
  const added = withBody.length ? await addDocuments(store, withBody) : { added: [] as string[], existing: [] as string[] };
  const addedIds = new Set(added.added);
  const stored = withBody.filter((d) => addedIds.has(d.id));
  // Remembered after the items are stored: a poller dying in between stores nothing twice (the store
  // is idempotent by id and URL) and sees the items again next time.
  await store.markSeen(feed.url, [...fresh.values()].map((d) => ({ guid: d.guid!, sourceId: d.text.trim() ? d.id : null })), started);
  await store.recordPoll(feed.url, {
    etag: fetched.etag, lastModified: fetched.lastModified, failures: 0, nextPollAt: next, polledAt: started.toISOString(), status: '200', error: null, newItems: stored.length,
  });
  const events: WatchEvent[] = [{ type: 'poll', at: started.toISOString(), feed: feed.url, status: '200', newItems: fresh.size, stored: stored.length, failures: 0, nextPollAt: next }];
  // Every never-seen item with a body, stored now or before (a poller that died after storing the
  // items but before remembering them re-checks on the next poll instead of losing the changes).
  if (options.recheck !== false && withBody.length) {
    const changes = await recheckStored(store, withBody, { ...(options.recheck ?? {}), now });
    for (const c of changes) events.push({ type: 'verdict-changed', at: now().toISOString(), feed: feed.url, ...c });
  }
  return events;
}
