/**
 * `crosscheck watch`: poll the feeds registered in the store, store new items, re-check the stored
 * checks they speak to and report changed verdicts. A feed is polled by one process at a time
 * (`Store.claimDueFeeds` leases it), so several watchers or workers may share a store.
 */
import type { Store } from '../store/index.ts';
import { pollFeed, type PollOptions, type WatchEvent } from './poll.ts';

export { backoffMs, pollFeed, type PollEvent, type PollOptions, type VerdictEvent, type WatchEvent } from './poll.ts';
export { changedVerdicts, claimsSpokenTo, documentOfReport, recheckStored, type RecheckOptions, type VerdictChange } from './recheck.ts';
export { eventSink, formatEvent, postWebhook, type EventFormat, type WebhookOptions } from './report.ts';
export { fetchFeed, type FeedFetch } from './fetch.ts';

export interface WatchOptions extends PollOptions {
  onEvent: (e: WatchEvent) => void | Promise<void>;
  /** How long a claimed feed stays leased to this process while it polls (default 10 min). */
  leaseMs?: number;
  /** Claim feeds due up to this long from now (a cron-driven `--once` run polls a feed due in a moment). */
  slackMs?: number;
}

/** Polls every feed due now, one after another; returns how many were polled. */
export async function pollDue(store: Store, options: WatchOptions): Promise<number> {
  const now = options.now ?? (() => new Date());
  let polled = 0;
  for (;;) {
    const t = now();
    const due = await store.claimDueFeeds(new Date(t.getTime() + (options.slackMs ?? 0)), new Date(t.getTime() + (options.leaseMs ?? 600_000)), 10);
    if (!due.length) return polled;
    for (const feed of due) {
      for (const e of await pollFeed(store, feed, options)) await options.onEvent(e);
      polled++;
    }
  }
}

/** Polls until `signal` aborts (or once, with `once`); sleeps until the next feed is due, at most one interval. */
export async function runWatch(store: Store, options: WatchOptions & { once?: boolean; signal?: AbortSignal }): Promise<void> {
  const now = options.now ?? (() => new Date());
  while (!options.signal?.aborted) {
    await pollDue(store, options);
    if (options.once) return;
    const feeds = await store.listFeeds();
    const nextDue = Math.min(...feeds.map((f) => Date.parse(f.nextPollAt)).filter(Number.isFinite), now().getTime() + options.intervalMs);
    await sleep(Math.max(50, Math.min(options.intervalMs, nextDue - now().getTime())), options.signal);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
