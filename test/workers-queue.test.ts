/**
 * The queue in one process, on SQLite: asynchronous checks through the HTTP app (202, job status,
 * the check a worker stored), checks kept in the store across app restarts, and feed polls as
 * deduplicated jobs run by a worker.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../src/http/app.ts';
import { scheduleFeeds, workOnce } from '../src/jobs/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import type { WatchEvent } from '../src/watch/index.ts';
import { ROOT } from './helpers/shared.ts';

const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-queue-'));
const ARTICLE = 'The Osterby harbour board said on Tuesday that berth 4 would reopen in March after repairs costing 6 million euros.\n\nBoard chair Lene Marstad said 40 workers had been hired.';

async function open(name: string): Promise<Store> {
  const r = await openStore(join(tmp, name));
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

function appOf(store?: Store) {
  const r = createApp({ ...(store ? { store } : {}), log: () => {} });
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

const post = (body: string, type = 'application/json', headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': type, ...headers }, body });

describe('asynchronous checks over HTTP', () => {
  it('queues a check (202), a worker runs it, and the job links to the stored check', async () => {
    const store = await open('async.db');
    const { app, close } = appOf(store);
    try {
      const res = await app.request('/api/v1/checks?async=1', post(JSON.stringify({ title: 'Berth 4 reopens', text: ARTICLE, url: 'https://news.example/berth-4' })));
      assert.equal(res.status, 202);
      const { job } = (await res.json()) as { job: { id: string; state: string; checkId: string | null; links: { self: string } } };
      assert.deepEqual([job.state, job.checkId, job.links.self], ['queued', null, `/api/v1/jobs/${job.id}`]);
      assert.equal(res.headers.get('location'), `/api/v1/jobs/${job.id}`);
      assert.equal(await store.countChecks(), 0, 'nothing checked yet');

      const raw = await app.request('/api/v1/checks', post('Harbour note\n\nThe Osterby ferry fares rose by 12 percent in January, the operator said.', 'text/plain', { prefer: 'respond-async' }));
      assert.equal(raw.status, 202);

      assert.equal(await workOnce(store, 'w1', { leaseMs: 10_000 }), true);
      assert.equal(await workOnce(store, 'w1', { leaseMs: 10_000 }), true);
      assert.equal(await workOnce(store, 'w1', { leaseMs: 10_000 }), false, 'the queue is empty');

      const done = (await (await app.request(`/api/v1/jobs/${job.id}`)).json()) as { job: { state: string; attempts: number; checkId: string; links: { check: string } } };
      assert.deepEqual([done.job.state, done.job.attempts], ['done', 1]);
      assert.equal(done.job.links.check, `/api/v1/checks/${done.job.checkId}`);
      const report = (await (await app.request(done.job.links.check)).json()) as { article: { title: string; url: string }; claims: unknown[] };
      assert.deepEqual([report.article.title, report.article.url], ['Berth 4 reopens', 'https://news.example/berth-4']);
      assert.ok(report.claims.length >= 1);
      assert.equal(await store.countChecks(), 2);
      const health = (await (await app.request('/api/v1/health')).json()) as { checks: number; jobs: { done: number } };
      assert.deepEqual([health.checks, health.jobs.done], [2, 2]);
    } finally {
      await close();
      await store.close();
    }
  });

  it('refuses what a synchronous check would refuse, before queueing anything', async () => {
    const store = await open('refuse.db');
    const { app, close } = appOf(store);
    try {
      for (const [req, status, code] of [
        [post('{"text": "unterminated'), 400, 'bad-json'],
        [post(JSON.stringify([{ text: ARTICLE }])), 422, 'bad-input'],
        [post(JSON.stringify({ url: 'ftp://example.org/a' })), 422, 'bad-scheme'],
        [post(JSON.stringify({ title: 'no body' })), 422, 'bad-input'],
        [post('%PDF', 'application/pdf'), 415, 'unsupported-media-type'],
      ] as const) {
        const res = await app.request('/api/v1/checks?async=1', req);
        assert.equal(res.status, status);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, code);
      }
      assert.deepEqual(await store.countJobs(), { queued: 0, running: 0, done: 0, failed: 0 });
      const missing = await app.request('/api/v1/jobs/00000000-0000-4000-8000-000000000000');
      assert.equal(missing.status, 404);
      const api = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> };
      assert.ok(api.paths['/api/v1/jobs/{id}']?.get, 'the OpenAPI document lists the jobs endpoint');
      assert.ok(api.paths['/api/v1/checks']?.post?.parameters?.some((p) => p.name === 'async'));
    } finally {
      await close();
      await store.close();
    }
    const plain = appOf();
    try {
      const res = await plain.app.request('/api/v1/checks?async=1', post(JSON.stringify({ text: ARTICLE })));
      assert.equal(res.status, 503);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'no-store');
    } finally {
      await plain.close();
    }
  });

  it('needs the token for queued checks and jobs when one is configured', async () => {
    const store = await open('token.db');
    const r = createApp({ store, token: 'secret', log: () => {} });
    if (!r.ok) assert.fail(r.error.message);
    const { app, close } = r.value;
    try {
      assert.equal((await app.request('/api/v1/checks?async=1', post(JSON.stringify({ text: ARTICLE })))).status, 401);
      assert.deepEqual(await store.countJobs(), { queued: 0, running: 0, done: 0, failed: 0 });
      const queued = await app.request('/api/v1/checks?async=1', post(JSON.stringify({ text: ARTICLE }), 'application/json', { authorization: 'Bearer secret' }));
      assert.equal(queued.status, 202);
      const { job } = (await queued.json()) as { job: { id: string } };
      assert.equal((await app.request(`/api/v1/jobs/${job.id}`)).status, 401);
      assert.equal((await app.request(`/api/v1/jobs/${job.id}`, { headers: { authorization: 'Bearer secret' } })).status, 200);
    } finally {
      await close();
      await store.close();
    }
  });

  it('keeps checks in the store: another app on the same store serves them after a restart', async () => {
    let id: string | null;
    {
      const store = await open('restart.db');
      const { app, close } = appOf(store);
      const res = await app.request('/api/v1/checks', post(JSON.stringify({ title: 'Berth 4 reopens', text: ARTICLE, url: 'https://news.example/berth-4' })));
      assert.equal(res.status, 201);
      id = res.headers.get('crosscheck-check-id');
      await close();
      await store.close();
    }
    const store = await open('restart.db');
    const { app, close } = appOf(store);
    try {
      const again = await app.request(`/api/v1/checks/${id}`);
      assert.equal(again.status, 200);
      assert.equal(((await again.json()) as { article: { title: string } }).article.title, 'Berth 4 reopens');
      const embed = await app.request(`/embed?url=${encodeURIComponent('https://news.example/berth-4')}`);
      assert.match(await embed.text(), new RegExp(`/checks/${id}`));
    } finally {
      await close();
      await store.close();
    }
  });
});

describe('feed polls as jobs', () => {
  let server: Server;
  let feedUrl = '';
  let requests = 0;
  before(async () => {
    const xml = readFileSync(join(ROOT, 'examples/northwind/feed.xml'), 'utf8');
    server = createServer((_req, res) => { requests++; res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(xml); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  });
  after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

  it('queues one poll per due feed, however many schedulers ask, and a worker runs it', async () => {
    const store = await open('feeds.db');
    try {
      await store.addFeed(feedUrl, new Date());
      await store.addFeed('http://127.0.0.1:1/never.xml', new Date(Date.now() + 3_600_000));
      assert.equal(await scheduleFeeds(store), 1);
      assert.equal(await scheduleFeeds(store), 0, 'the feed is leased to the queued poll');
      assert.deepEqual((await store.enqueue({ kind: 'poll-feed', payload: { url: feedUrl }, dedupeKey: `poll-feed:${feedUrl}` })).created, false);
      const events: WatchEvent[] = [];
      const feeds = { intervalMs: 60_000, recheck: false as const };
      assert.equal(await workOnce(store, 'w1', { feeds, onEvent: (e) => { events.push(e); } }), true);
      assert.equal(await workOnce(store, 'w1', { feeds }), false);
      assert.equal(requests, 1);
      assert.deepEqual(events.map((e) => e.type === 'poll' && [e.status, e.stored]), [['200', 2]]);
      const [job] = await store.listJobs({ state: 'done' });
      assert.deepEqual(job?.result, { feed: feedUrl, status: '200', stored: 2, changes: 0 });
      assert.equal(await store.count(), 2);
    } finally {
      await store.close();
    }
  });
});
