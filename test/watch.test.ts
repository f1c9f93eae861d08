/**
 * `crosscheck watch` against feeds served by the test itself on loopback: conditional GET (304),
 * items stored once by guid, backoff after failures, and a new item that changes a stored check's
 * verdicts reported as text, JSON lines and webhook POSTs. The feed is the project's own example
 * feed (examples/northwind/feed.xml); the stored check is the example page capture.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { storeChecks } from '../src/http/checks.ts';
import { check } from '../src/pipeline/check.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { backoffMs, pollDue, type WatchEvent } from '../src/watch/index.ts';
import { cli } from './helpers/cli.ts';
import { ROOT } from './helpers/shared.ts';

const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-watch-'));
const FEED = readFileSync(join(ROOT, 'examples/northwind/feed.xml'), 'utf8');
/** The example feed with its first item only. */
const FEED_V1 = FEED.replace(/(<\/item>)[\s\S]*(<\/channel>)/, '$1\n$2');
const PAGE = join(ROOT, 'examples/northwind/harbourline-gazette.txt');

interface FeedServer {
  url: string;
  requests: IncomingHttpHeaders[];
  /** What the next requests get. */
  state: { body: string; etag: string; status: number; retryAfter?: string; ignoreConditions?: boolean };
  hooks: unknown[];
  hookUrl: string;
  close: () => Promise<void>;
}

async function feedServer(): Promise<FeedServer> {
  const requests: IncomingHttpHeaders[] = [];
  const hooks: unknown[] = [];
  const self = { state: { body: FEED_V1, etag: '"v1"', status: 200 } as FeedServer['state'] };
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/hook') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => { hooks.push(JSON.parse(body)); res.writeHead(204).end(); });
      return;
    }
    requests.push(req.headers);
    const state = self.state;
    if (state.status !== 200) {
      res.writeHead(state.status, state.retryAfter ? { 'retry-after': state.retryAfter } : {}).end('unavailable');
      return;
    }
    if (!state.ignoreConditions && req.headers['if-none-match'] === state.etag) {
      res.writeHead(304, { etag: state.etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: state.etag, 'last-modified': 'Wed, 18 Nov 2026 08:00:00 GMT' }).end(state.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/northwind.xml`, requests, hooks, hookUrl: `${base}/hook`,
    get state() { return self.state; },
    set state(s) { self.state = s; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function open(path: string): Promise<Store> {
  const r = await openStore(path);
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

const T0 = Date.parse('2026-11-18T09:00:00.000Z');
const INTERVAL = 60_000;
const at = (ms: number) => () => new Date(T0 + ms);

let srv: FeedServer;
before(async () => { srv = await feedServer(); });
after(async () => { await srv.close(); });

describe('watch: polling', () => {
  it('sends conditional GETs, honours 304, and stores each item once by guid', async () => {
    srv.state = { body: FEED_V1, etag: '"v1"', status: 200 };
    srv.requests.length = 0;
    const store = await open(join(tmp, 'conditional.db'));
    try {
      await store.addFeed(srv.url, new Date(T0));
      const events: WatchEvent[] = [];
      const poll = (ms: number) => pollDue(store, { intervalMs: INTERVAL, now: at(ms), recheck: false, onEvent: (e) => { events.push(e); } });

      assert.equal(await poll(0), 1);
      assert.equal(srv.requests[0]?.['if-none-match'], undefined);
      assert.deepEqual(events.map((e) => e.type === 'poll' && [e.status, e.newItems, e.stored]), [['200', 1, 1]]);
      assert.equal(await store.count(), 1);

      assert.equal(await poll(INTERVAL / 2), 0, 'not due before the interval');
      assert.equal(srv.requests.length, 1);

      assert.equal(await poll(INTERVAL), 1);
      assert.equal(srv.requests[1]?.['if-none-match'], '"v1"');
      assert.equal(srv.requests[1]?.['if-modified-since'], 'Wed, 18 Nov 2026 08:00:00 GMT');
      assert.deepEqual(events.map((e) => e.type === 'poll' && e.status), ['200', '304']);

      srv.state = { body: FEED, etag: '"v2"', status: 200 };
      await poll(2 * INTERVAL);
      assert.deepEqual(events.at(-1), { type: 'poll', at: new Date(T0 + 2 * INTERVAL).toISOString(), feed: srv.url, status: '200', newItems: 1, stored: 1, failures: 0, nextPollAt: new Date(T0 + 3 * INTERVAL).toISOString() });
      assert.equal(await store.count(), 2, 'only the new item was stored');

      srv.state.ignoreConditions = true;
      await poll(3 * INTERVAL);
      const last = events.at(-1);
      assert.deepEqual(last?.type === 'poll' && [last.status, last.newItems], ['200', 0], 'a full answer with seen guids adds nothing');
      assert.equal(await store.count(), 2);
      const [feed] = await store.listFeeds();
      assert.deepEqual([feed?.items, feed?.etag, feed?.failures], [2, '"v2"', 0]);
    } finally {
      await store.close();
    }
  });

  it('backs off exponentially after failures, honours Retry-After, and recovers', async () => {
    srv.state = { body: FEED_V1, etag: '"v1"', status: 500 };
    srv.requests.length = 0;
    const store = await open(join(tmp, 'backoff.db'));
    try {
      await store.addFeed(srv.url, new Date(T0));
      const events: WatchEvent[] = [];
      const poll = (ms: number) => pollDue(store, { intervalMs: INTERVAL, now: at(ms), recheck: false, onEvent: (e) => { events.push(e); } });
      const seconds = (e: WatchEvent | undefined) => (e && e.type === 'poll' ? [e.status, e.failures, (Date.parse(e.nextPollAt) - Date.parse(e.at)) / 1000] : null);

      await poll(0);
      assert.deepEqual(seconds(events.at(-1)), ['500', 1, 120], 'first failure: twice the interval');
      await poll(INTERVAL);
      assert.equal(srv.requests.length, 1, 'no request while backing off');
      await poll(2 * INTERVAL);
      assert.deepEqual(seconds(events.at(-1)), ['500', 2, 240]);
      await poll(5 * INTERVAL);
      assert.equal(srv.requests.length, 2);
      await poll(6 * INTERVAL);
      assert.deepEqual(seconds(events.at(-1)), ['500', 3, 480]);

      srv.state = { body: FEED_V1, etag: '"v1"', status: 503, retryAfter: '7200' };
      await poll(14 * INTERVAL);
      assert.deepEqual(seconds(events.at(-1)), ['503', 4, 7200], 'Retry-After beyond the backoff wins');

      srv.state = { body: FEED_V1, etag: '"v1"', status: 200 };
      await poll(14 * INTERVAL + 7200_000);
      assert.deepEqual(seconds(events.at(-1)), ['200', 0, 60], 'a success resets the backoff');
      assert.equal(srv.requests.length, 5);
      assert.equal(backoffMs(40, 1000, 3_600_000), 3_600_000, 'capped');
    } finally {
      await store.close();
    }
  });
});

describe('crosscheck watch', () => {
  /** A store holding a check of the example page, made while the store had no sources (every claim unverified). */
  async function storeWithCheck(name: string): Promise<string> {
    const db = join(tmp, name);
    const store = await open(db);
    try {
      const r = await check(PAGE, { store });
      assert.ok(r.ok);
      assert.ok(r.value[0]!.claims.length > 5 && r.value[0]!.claims.every((c) => c.verdict === 'unverified'));
      await storeChecks(store).put(r.value[0]!);
    } finally {
      await store.close();
    }
    return db;
  }

  it('registers, lists and removes feeds; refuses bad input with one line and exit 2', async () => {
    const db = join(tmp, 'manage.db');
    let r = await cli(['watch', 'add', 'https://feeds.example.org/a.xml', 'https://feeds.example.org/b.xml', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'added https://feeds.example.org/a.xml\nadded https://feeds.example.org/b.xml\n');
    assert.match((await cli(['watch', 'add', 'https://feeds.example.org/a.xml', '--db', db])).stdout, /^already watched/);
    r = await cli(['watch', 'list', '--db', db, '-f', 'json']);
    assert.deepEqual((JSON.parse(r.stdout) as Array<{ url: string; items: number }>).map((f) => [f.url, f.items]), [['https://feeds.example.org/a.xml', 0], ['https://feeds.example.org/b.xml', 0]]);
    assert.equal((await cli(['watch', 'remove', 'https://feeds.example.org/a.xml', '--db', db])).code, 0);
    assert.match((await cli(['watch', 'list', '--db', db])).stdout, /^https:\/\/feeds\.example\.org\/b\.xml  0 items  last never polled/);
    for (const [args, pattern] of [
      [['add', 'ftp://feeds.example.org/x'], /invalid feed URL "ftp:\/\/feeds\.example\.org\/x": expected an http\(s\) URL/],
      [['add'], /watch add needs at least one feed URL/],
      [['remove', 'https://feeds.example.org/none.xml'], /no watched feed "https:\/\/feeds\.example\.org\/none\.xml"/],
      [['frobnicate'], /unknown watch command "frobnicate"/],
      [['keep'], /watch keep needs at least one input/],
      [['keep', join(tmp, 'missing.txt')], /cannot read ".*missing\.txt": no such file/],
      [['--format', 'xml'], /unknown format "xml": expected text or jsonl/],
      [['--webhook', 'mailto:x@example.org'], /invalid --webhook "mailto:x@example\.org"/],
      [['--interval', '0'], /invalid --interval "0"/],
    ] as const) {
      const res = await cli(['watch', ...args, '--db', db]);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
      assert.match(res.stderr, pattern);
      assert.equal(res.stderr.trim().split('\n').length, 1);
      assert.equal(res.stdout, '');
    }
  });

  it('stores new items once and reports changed verdicts as JSON lines and webhook POSTs', async () => {
    srv.state = { body: FEED, etag: '"v2"', status: 200 };
    srv.hooks.length = 0;
    const db = await storeWithCheck('jsonl.db');
    assert.equal((await cli(['watch', 'add', srv.url, '--db', db])).code, 0);
    const r = await cli(['watch', '--once', '--interval', '1', '-f', 'jsonl', '--webhook', srv.hookUrl, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as WatchEvent);
    assert.deepEqual(events[0]?.type === 'poll' && [events[0].status, events[0].newItems, events[0].stored], ['200', 2, 2]);
    const changes = events.filter((e) => e.type === 'verdict-changed');
    assert.ok(changes.length >= 5, `changed verdicts: ${changes.length}`);
    for (const c of changes) {
      assert.equal(c.from, 'unverified');
      assert.notEqual(c.to, 'unverified');
      assert.equal(c.feed, srv.url);
      assert.ok(c.items.length >= 1 && c.items.every((i) => /Northwind|Kestland/.test(i.title ?? '')));
    }
    assert.ok(changes.some((c) => c.to === 'supported') && changes.some((c) => c.to === 'contradicted'), changes.map((c) => c.to).join(','));
    assert.deepEqual(srv.hooks, changes, 'one webhook POST per changed verdict, the same JSON');

    // The stored check now holds the new verdicts.
    const store = await open(db);
    try {
      const [stored] = await store.listChecks();
      const verdicts = (stored?.report as { claims: Array<{ id: string; verdict: string }> }).claims;
      for (const c of changes) assert.equal(verdicts.find((v) => v.id === c.claim.id)?.verdict, c.to);
      assert.equal(await store.count(), 2);
    } finally {
      await store.close();
    }

    // A poll a second later: 304, nothing stored or reported again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await cli(['watch', '--once', '--interval', '1', '-f', 'jsonl', '--webhook', srv.hookUrl, '--db', db]);
    const second = again.stdout.trim().split('\n').map((l) => JSON.parse(l) as WatchEvent);
    assert.deepEqual(second.map((e) => e.type === 'poll' && e.status), ['304']);
    assert.equal(srv.hooks.length, changes.length);
  });

  it('reports changed verdicts as text lines', async () => {
    srv.state = { body: FEED, etag: '"v2"', status: 200 };
    const db = join(tmp, 'text.db');
    const kept = await cli(['watch', 'keep', PAGE, '--db', db]);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(kept.stdout, /^kept check [0-9a-f-]{36}: Northwind Link opens as first passenger trains run beneath the Sound \(\d+ claims, \d+ unverified\)\n$/);
    await cli(['watch', 'add', srv.url, '--db', db]);
    const r = await cli(['watch', '--once', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /poll http:\/\/127\.0\.0\.1:\d+\/northwind\.xml: 2 new items, 2 stored; next poll /);
    assert.ok(lines.length > 5);
    for (const line of lines.slice(1)) assert.match(line, /verdict changed: ".+" unverified → (supported|contradicted|disputed) — in "Northwind Link opens as first passenger trains run beneath the Sound" \(check [0-9a-f-]{36}\), after new items from http/);
  });

  it('re-checks a check kept by "crosscheck check --keep" when new items arrive', async () => {
    srv.state = { body: FEED, etag: '"v3"', status: 200 };
    const db = join(tmp, 'check-keep.db');
    // The store exists (a registered feed) but holds no sources yet: every claim is unverified.
    assert.equal((await cli(['watch', 'add', srv.url, '--db', db])).code, 0);
    const kept = await cli(['check', PAGE, '--keep', '--db', db, '-f', 'json']);
    assert.equal(kept.code, 0, kept.stderr);
    const id = /^kept check ([0-9a-f-]{36}): /.exec(kept.stderr)?.[1];
    assert.ok(id, kept.stderr);
    assert.ok((JSON.parse(kept.stdout) as { claims: Array<{ verdict: string }> }).claims.every((c) => c.verdict === 'unverified'));
    const r = await cli(['watch', '--once', '-f', 'jsonl', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const changes = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as WatchEvent).filter((e) => e.type === 'verdict-changed');
    assert.ok(changes.length >= 5, `changed verdicts: ${changes.length}`);
    assert.ok(changes.every((c) => c.type === 'verdict-changed' && c.checkId === id), JSON.stringify(changes.map((c) => c.type === 'verdict-changed' && c.checkId)));
  });
});
