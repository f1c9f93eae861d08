import { parseUrl } from '../../ingest/fetch.ts';
import { openStore, storeLocation } from '../../pipeline/check.ts';
import type { Report } from '../../report/index.ts';
import type { Store } from '../../store/index.ts';
import type { EventFormat, WebhookOptions } from '../../watch/index.ts';
import { EXIT, numberOption, parse, UsageError, type Io } from '../args.ts';

export const WATCH_HELP = `crosscheck watch [options]              poll the registered feeds, store new items, re-check stored checks
crosscheck watch add <feed-url>...       register RSS/Atom feeds in the store
crosscheck watch keep <input>...         check articles and keep the checks, to be re-checked as items arrive
crosscheck watch list | remove <feed-url>...

  Each due feed is fetched with a conditional GET (ETag / Last-Modified); items never seen before
  (by guid) are stored, the stored checks whose claims they speak to are checked again, and every
  claim whose verdict changed is reported. A failing feed waits twice as long after each failure.
  Feeds are operator configuration: any address they name is fetched (see docs/deployment.md).

      --db <path|postgres://…>  the store (default: CROSSCHECK_DB, else ~/.local/share/crosscheck/store.db)
      --interval <seconds>      time between polls of a feed (default 300)
      --once                    poll the feeds that are due, then exit (for cron)
  -f, --format <text|jsonl>     events on stdout: polls and changed verdicts (default text)
      --webhook <url>           also POST each changed verdict as JSON to this URL (5 s time limit)
      --timeout <ms>            time limit for fetching a feed (default 15000)
`;

const OPTIONS = {
  db: { type: 'string' },
  interval: { type: 'string' },
  once: { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  webhook: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Options `watch` and `worker` share: --format, --webhook, --interval, --timeout. */
export function eventOptions(v: Record<string, unknown>): { format: EventFormat; webhook?: WebhookOptions; intervalMs: number; timeoutMs?: number } {
  const format = (v.format ?? 'text') as string;
  if (format !== 'text' && format !== 'jsonl') throw new UsageError(`unknown format "${format}": expected text or jsonl`);
  let webhook: WebhookOptions | undefined;
  if (v.webhook !== undefined) {
    const u = parseUrl(String(v.webhook));
    if (!u.ok) throw new UsageError(`invalid --webhook "${String(v.webhook)}": expected an http(s) URL`);
    webhook = { url: u.value.href };
  }
  const interval = numberOption('interval', v.interval, 1, 7 * 86_400) ?? 300;
  const timeout = numberOption('timeout', v.timeout, 1, 600_000, true);
  return { format, ...(webhook ? { webhook } : {}), intervalMs: interval * 1000, ...(timeout !== undefined ? { timeoutMs: timeout } : {}) };
}

export async function openNamedStore(db: unknown): Promise<Store> {
  const store = await openStore(storeLocation(db as string | undefined, true) ?? undefined);
  if (!store.ok) throw new UsageError(store.error.message);
  return store.value;
}

/**
 * Keep checks in the store's checks table (as `POST /api/v1/checks` does), so that `watch` checks
 * them again as feed items arrive. One line per report: `kept check ID: TITLE (N claims, …)`.
 * Used by `watch keep` and `check --keep`.
 */
export async function keepChecks(store: Store, reports: readonly Report[]): Promise<string[]> {
  const { storeChecks } = await import('../../http/checks.ts');
  const repo = storeChecks(store);
  const lines: string[] = [];
  for (const report of reports) {
    const kept = await repo.put(report);
    const counts = new Map<string, number>();
    for (const c of report.claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
    lines.push(`kept check ${kept.id}: ${report.article.title ?? report.article.origin} (${report.claims.length} claims${[...counts].map(([k, n]) => `, ${n} ${k}`).join('')})\n`);
  }
  return lines;
}

/** An AbortSignal that fires on SIGINT or SIGTERM (listeners removed by `release`). */
export function stopSignal(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { signal: controller.signal, release: () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); } };
}

function feedUrls(list: string[], verb: string): string[] {
  if (!list.length) throw new UsageError(`watch ${verb} needs at least one feed URL`);
  return list.map((raw) => {
    const u = parseUrl(raw);
    if (!u.ok) throw new UsageError(`invalid feed URL "${raw}": expected an http(s) URL`);
    return u.value.href;
  });
}

export async function runWatchCommand(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  if (v.help) { io.stdout(WATCH_HELP); return EXIT.ok; }
  const [sub, ...rest] = positionals;
  if (sub !== undefined && !['add', 'keep', 'list', 'remove'].includes(sub)) throw new UsageError(`unknown watch command "${sub}": expected add, keep, list or remove (or no command, to poll)`);
  if (sub === 'keep' && !rest.length) throw new UsageError('watch keep needs at least one input: a file, an http(s) URL, or -');
  if (sub === 'list' && rest.length) throw new UsageError(`watch list takes no arguments, got "${rest[0]}"`);
  const urls = sub === 'add' || sub === 'remove' ? feedUrls(rest, sub) : [];
  const events = sub === undefined ? eventOptions(v) : null;
  const { pollDue, runWatch, eventSink } = await import('../../watch/index.ts');

  const store = await openNamedStore(v.db);
  try {
    if (sub === 'add') {
      for (const url of urls) io.stdout(`${(await store.addFeed(url, new Date())) ? 'added' : 'already watched'} ${url}\n`);
      return EXIT.ok;
    }
    if (sub === 'keep') {
      // Every input is read before anything is kept: a bad one keeps nothing.
      const { check } = await import('../../pipeline/check.ts');
      const reports = [];
      for (const input of rest) {
        const r = await check(input, { store, ...(io.stdin ? { ingest: { stdin: io.stdin } } : {}) });
        if (!r.ok) throw new UsageError(r.error.message);
        reports.push(...r.value);
      }
      for (const line of await keepChecks(store, reports)) io.stdout(line);
      return EXIT.ok;
    }
    if (sub === 'remove') {
      let missing: string | null = null;
      for (const url of urls) {
        if (await store.removeFeed(url)) io.stdout(`removed ${url}\n`);
        else missing ??= url;
      }
      if (missing) throw new UsageError(`no watched feed "${missing}" in ${store.location}`);
      return EXIT.ok;
    }
    const feeds = await store.listFeeds();
    if (sub === 'list') {
      if (v.format === 'json') io.stdout(`${JSON.stringify(feeds, null, 2)}\n`);
      else for (const f of feeds) io.stdout(`${f.url}  ${f.items} items  last ${f.lastStatus ?? 'never polled'}${f.failures ? ` (${f.failures} failures)` : ''}  next ${f.nextPollAt}\n`);
      return EXIT.ok;
    }
    const e = events!;
    if (!feeds.length) io.stderr(`crosscheck watch: no feeds registered in ${store.location}: add one with "crosscheck watch add <feed-url>"\n`);
    const onEvent = eventSink({ write: io.stdout, warn: io.stderr, format: e.format, ...(e.webhook ? { webhook: e.webhook } : {}) });
    const poll = { intervalMs: e.intervalMs, ...(e.timeoutMs !== undefined ? { timeoutMs: e.timeoutMs } : {}), onEvent };
    if (v.once) {
      // A cron run a moment early still polls a feed due within a tenth of the interval.
      await pollDue(store, { ...poll, slackMs: e.intervalMs / 10 });
      return EXIT.ok;
    }
    const stop = stopSignal();
    try {
      io.stderr(`crosscheck watch: ${feeds.length} feed${feeds.length === 1 ? '' : 's'} in ${store.location}, every ${e.intervalMs / 1000} s\n`);
      await runWatch(store, { ...poll, signal: stop.signal });
    } finally {
      stop.release();
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
