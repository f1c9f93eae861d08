import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp, type AppOptions, type CrosscheckApp } from '../src/http/app.ts';
import { checkInvariants, reportSchema, type Report } from '../src/report/index.ts';
import type { Store } from '../src/store/index.ts';
import { ARTICLE_TEXT, exampleStore, localServer, type LocalServer } from './http-fixtures.ts';
import { needEspeak } from './helpers/espeak.ts';

type ErrorBody = { error: { code: string; message: string } };

let store: Store;
const apps: CrosscheckApp[] = [];

function make(options: AppOptions = {}): CrosscheckApp {
  const r = createApp({ store, log: () => {}, ...options });
  if (!r.ok) throw new Error(r.error.message);
  apps.push(r.value);
  return r.value;
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function expectError(res: Response, status: number, code: string): Promise<string> {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${await res.clone().text()}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const body = (await res.json()) as ErrorBody;
  assert.equal(body.error.code, code, body.error.message);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  return body.error.message;
}

before(async () => {
  store = await exampleStore();
});
after(async () => {
  for (const a of apps) await a.close();
  await store.close();
});

describe('HTTP API: checks', () => {
  it('checks a JSON article against the store, stores the report and serves it again', async () => {
    const { app } = make();
    const res = await app.request('/api/v1/checks', json({ title: 'Northwind Link opens', text: ARTICLE_TEXT.split('\n').slice(5, 20).join('\n'), published: '2026-11-18' }));
    assert.equal(res.status, 201, await res.clone().text());
    const report = reportSchema.parse(await res.json()) as Report;
    assert.deepEqual(checkInvariants(report), []);
    assert.equal(report.article.title, 'Northwind Link opens');
    const contradicted = report.claims.find((c) => c.verdict === 'contradicted');
    assert.ok(contradicted, 'the 150 km claim is contradicted by the stored wire report');
    assert.ok(contradicted.conflicts.some((c) => c.claimValue === '150 km' && c.sourceValue === '130 km'));
    const location = res.headers.get('location');
    assert.match(location ?? '', /^\/api\/v1\/checks\/[0-9a-f-]{36}$/);
    assert.equal(location, `/api/v1/checks/${res.headers.get('crosscheck-check-id')}`);
    const again = await app.request(location!);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), report);
    const health = (await (await app.request('/api/v1/health')).json()) as { status: string; checks: number; store: { sources: number } };
    assert.equal(health.status, 'ok');
    assert.equal(health.checks, 1);
    assert.equal(health.store.sources, 4);
  });

  it('accepts raw text, HTML and Markdown bodies', async () => {
    const { app } = make();
    const text = await app.request('/api/v1/checks', { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: ARTICLE_TEXT });
    assert.equal(text.status, 201);
    const fromText = (await text.json()) as Report;
    assert.equal(fromText.article.title, 'Northwind Link opens as first passenger trains run beneath the Sound');
    assert.ok(fromText.claims.length > 10);
    const html = await app.request('/api/v1/checks', { method: 'POST', headers: { 'content-type': 'text/html' }, body: '<html><head><title>Quay works</title></head><body><article><h1>Quay works finish</h1><p>The Halvik quay reopened on 3 May 2026 after repairs that cost 4 million euros, the harbour office said.</p></article></body></html>' });
    assert.equal(html.status, 201, await html.clone().text());
    assert.equal(((await html.json()) as Report).article.format, 'html');
    const md = await app.request('/api/v1/checks', { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: '# Ferry fares\n\nBrisvik Ferries raised its fares by 12 percent in January 2026, the company said.\n' });
    assert.equal(md.status, 201);
    assert.equal(((await md.json()) as Report).article.format, 'markdown');
  });

  it('renders a stored check as HTML, Markdown, text and ClaimReview', async () => {
    const { app } = make({ claimReview: { author: 'Example Desk', datePublished: '2026-11-20' } });
    const id = (await app.request('/api/v1/checks', json({ title: 'Northwind Link opens', text: ARTICLE_TEXT }))).headers.get('crosscheck-check-id');
    const html = await app.request(`/api/v1/checks/${id}?format=html`);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await html.text(), /<mark class="claim v-contradicted"/);
    const cr = await app.request(`/api/v1/checks/${id}?format=claimreview`);
    assert.match(cr.headers.get('content-type') ?? '', /application\/ld\+json/);
    const graph = ((await cr.json()) as { '@graph': Array<{ '@type': string; datePublished: string }> })['@graph'];
    assert.ok(graph.length > 0);
    assert.ok(graph.every((g) => g['@type'] === 'ClaimReview' && g.datePublished === '2026-11-20'));
    assert.match(await (await app.request(`/api/v1/checks/${id}?format=md`)).text(), /^# Northwind Link/);
    await expectError(await app.request(`/api/v1/checks/${id}?format=pdf`), 422, 'bad-format');
    // Without an author, there is no ClaimReview to give.
    const plain = make();
    const id2 = (await plain.app.request('/api/v1/checks', json({ text: ARTICLE_TEXT }))).headers.get('crosscheck-check-id');
    await expectError(await plain.app.request(`/api/v1/checks/${id2}?format=claimreview`), 404, 'not-configured');
  });

  it('serves the article read aloud as WAV', async (t) => {
    if (!needEspeak(t)) return;
    const { app } = make();
    const id = (await app.request('/api/v1/checks', json({ title: 'Short note', text: 'The Halvik quay reopened on Monday after repairs that cost 4 million euros.' }))).headers.get('crosscheck-check-id');
    const res = await app.request(`/api/v1/checks/${id}/audio`);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('content-type'), 'audio/wav');
    const wav = Buffer.from(await res.arrayBuffer());
    assert.equal(wav.toString('ascii', 0, 4), 'RIFF');
    assert.equal(wav.toString('ascii', 8, 12), 'WAVE');
    assert.equal(wav.readUInt32LE(4), wav.length - 8, 'RIFF size set from the real length');
    assert.ok(wav.length > 44 + 22050 * 2 * 2, `at least two seconds of audio, got ${wav.length} bytes`);
  });
});

describe('HTTP API: errors', () => {
  it('400 for malformed or empty JSON', async () => {
    const { app } = make();
    assert.match(await expectError(await app.request('/api/v1/checks', json('{"text": "unterminated')), 400, 'bad-json'), /malformed JSON/);
    await expectError(await app.request('/api/v1/checks', json('')), 400, 'bad-json');
    await expectError(await app.request('/api/v1/sources', json('[{]')), 400, 'bad-json');
  });

  it('413 for a body over the (configurable) limit, before it is read', async () => {
    const { app } = make({ maxBodyBytes: 1000 });
    const message = await expectError(await app.request('/api/v1/checks', json({ text: 'word '.repeat(400) })), 413, 'too-large');
    assert.match(message, /1000 bytes/);
    assert.equal((await app.request('/api/v1/checks', json({ text: 'The quay reopened on Monday after repairs that cost 4 million euros.' }))).status, 201);
  });

  it('415 for a content type it does not read', async () => {
    const { app } = make();
    await expectError(await app.request('/api/v1/checks', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4' }), 415, 'unsupported-media-type');
  });

  it('422 for input that is not one article', async () => {
    const { app } = make();
    assert.match(await expectError(await app.request('/api/v1/checks', json({ title: 'no body' })), 422, 'bad-input'), /"text" is required/);
    assert.match(await expectError(await app.request('/api/v1/checks', json([{ text: 'a' }, { text: 'b' }])), 422, 'bad-input'), /array of 2/);
    await expectError(await app.request('/api/v1/checks', json('"just a string"')), 422, 'bad-input');
    await expectError(await app.request('/api/v1/checks', json({ html: '<html><body><nav>Menu</nav></body></html>' })), 422, 'no-body');
    assert.match(await expectError(await app.request('/api/v1/checks', json({ url: 'file:///etc/passwd' })), 422, 'bad-scheme'), /only http and https/);
    await expectError(await app.request('/api/v1/checks', json({ url: 'not a url' })), 422, 'bad-url');
  });

  it('404 for unknown checks and routes, as JSON', async () => {
    const { app } = make();
    await expectError(await app.request('/api/v1/checks/00000000-0000-4000-8000-000000000000'), 404, 'not-found');
    await expectError(await app.request('/api/v1/checks/../../etc/passwd'), 404, 'not-found');
    await expectError(await app.request('/api/v1/checks/00000000-0000-4000-8000-000000000000/audio'), 404, 'not-found');
    await expectError(await app.request('/api/v1/nothing-here'), 404, 'not-found');
  });

  it('401 when a token is configured and missing or wrong; health and the OpenAPI document stay open', async () => {
    const { app } = make({ token: 's3cret-token' });
    const missing = await app.request('/api/v1/checks', json({ text: 'The quay reopened on Monday.' }));
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="crosscheck"');
    await expectError(missing, 401, 'unauthorized');
    await expectError(await app.request('/api/v1/checks', json({ text: 'The quay reopened on Monday.' }, { authorization: 'Bearer wrong' })), 401, 'unauthorized');
    await expectError(await app.request('/api/v1/sources'), 401, 'unauthorized');
    await expectError(await app.request('/api/v1/checks/00000000-0000-4000-8000-000000000000'), 401, 'unauthorized');
    const ok = await app.request('/api/v1/checks', json({ text: 'The Halvik quay reopened on Monday after repairs that cost 4 million euros.' }, { authorization: 'Bearer s3cret-token' }));
    assert.equal(ok.status, 201);
    assert.equal((await app.request('/api/v1/health')).status, 200);
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { components: { securitySchemes?: unknown } };
    assert.ok(doc.components.securitySchemes);
  });
});

describe('HTTP API: sources and the OpenAPI document', () => {
  it('adds sources in one transaction, lists them, and refuses a batch with one bad item', async () => {
    const fresh = await exampleStore();
    try {
      const { app } = make({ store: fresh });
      const added = await app.request('/api/v1/sources', json([
        { title: 'Quay reopens', outlet: 'Halvik Herald', text: 'The Halvik quay reopened on Monday after repairs that cost 4 million euros, the harbour office said.' },
        { title: 'Ferry fares rise', outlet: 'Kestport Courier', text: 'Brisvik Ferries raised its fares by 12 percent in January, the company said on Tuesday.' },
      ]));
      assert.equal(added.status, 201, await added.clone().text());
      assert.equal(((await added.json()) as { added: string[] }).added.length, 2);
      const list = (await (await app.request('/api/v1/sources?limit=2&offset=4')).json()) as { count: number; items: Array<{ title: string }> };
      assert.equal(list.count, 6);
      assert.deepEqual(list.items.map((s) => s.title), ['Quay reopens', 'Ferry fares rise']);
      const bad = await app.request('/api/v1/sources', json([{ title: 'ok', text: 'A third report about the quay and its 4 million euro repairs.' }, { title: 'broken' }]));
      assert.match(await expectError(bad, 422, 'bad-input'), /^source 2:/);
      assert.equal(await fresh.count(), 6, 'nothing of the refused batch was stored');
      await expectError(await app.request('/api/v1/sources?limit=0'), 422, 'bad-input');
    } finally {
      await fresh.close();
    }
  });

  it('answers 503 for sources without a store', async () => {
    const r = createApp({ log: () => {} });
    assert.ok(r.ok);
    apps.push(r.value);
    await expectError(await r.value.app.request('/api/v1/sources'), 503, 'no-store');
  });

  it('serves an OpenAPI 3.1 document with every endpoint and the report schema', async () => {
    const { app } = make({ maxBodyBytes: 12345 });
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { openapi: string; info: { description: string }; paths: Record<string, Record<string, unknown>>; components: { schemas: { Report: { properties: Record<string, unknown> } } } };
    assert.equal(doc.openapi, '3.1.0');
    assert.match(doc.info.description, /12345 bytes/);
    for (const [path, method] of [['/api/v1/checks', 'post'], ['/api/v1/checks/{id}', 'get'], ['/api/v1/checks/{id}/audio', 'get'], ['/api/v1/sources', 'get'], ['/api/v1/sources', 'post'], ['/api/v1/health', 'get']] as const) {
      assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
    }
    assert.ok(doc.components.schemas.Report.properties.claims);
  });
});

describe('HTTP API: URL inputs are fetched only from public addresses', () => {
  let site: LocalServer;
  const PAGE = '<html><head><title>Quay reopens</title></head><body><article><h1>Quay reopens</h1><p>The Halvik quay reopened on Monday after repairs that cost 4 million euros, the harbour office said.</p></article></body></html>';
  before(async () => {
    site = await localServer({
      '/article': (_q, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(PAGE); },
      '/to-loopback': (_q, res) => { res.writeHead(302, { location: `http://127.0.0.2:${site.port}/article` }); res.end(); },
      '/to-metadata': (_q, res) => { res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }); res.end(); },
      '/loop': (_q, res) => { res.writeHead(302, { location: '/loop' }); res.end(); },
      '/huge': (_q, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('quay '.repeat(5000)); },
    });
  });
  after(() => site.close());

  const refused = async (app: CrosscheckApp['app'], url: string, pattern: RegExp): Promise<void> => {
    const message = await expectError(await app.request('/api/v1/checks', json({ url })), 422, 'bad-url');
    assert.match(message, pattern, url);
  };

  it('refuses loopback, private, link-local and metadata addresses in every spelling', async () => {
    const { app } = make();
    const before = site.hits.length;
    await refused(app, `${site.url}/article`, /"127\.0\.0\.1": it is a loopback address/);
    await refused(app, `http://localhost:${site.port}/article`, /resolves to (127\.0\.0\.1|::1), a loopback address/);
    await refused(app, `http://2130706433:${site.port}/article`, /a loopback address/); // 127.0.0.1 as one number
    await refused(app, `http://0x7f.1:${site.port}/article`, /a loopback address/);
    await refused(app, `http://[::1]:${site.port}/article`, /a loopback address/);
    await refused(app, `http://[::ffff:127.0.0.1]:${site.port}/article`, /a loopback address/);
    await refused(app, 'http://169.254.169.254/latest/meta-data/', /link-local \(cloud metadata\)/);
    await refused(app, 'http://10.1.2.3/', /a private address/);
    await refused(app, 'http://192.168.0.10/', /a private address/);
    await refused(app, 'http://[fd00:ec2::254]/', /private \(unique local\)/);
    await refused(app, 'http://0.0.0.0/', /unspecified/);
    assert.equal(site.hits.length, before, 'no request reached the local server');
  });

  it('refuses a host name whose DNS answer is internal, and one that changes between check and connect', async () => {
    let calls = 0;
    const { app } = make({
      fetch: {
        resolve: async (host) => {
          if (host === 'internal.test') return [{ address: '10.0.0.7', family: 4 }];
          if (host === 'mixed.test') return [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }];
          if (host === 'rebind.test') return calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
          throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
        },
      },
    });
    const before = site.hits.length;
    await refused(app, 'http://internal.test/', /resolves to 10\.0\.0\.7, a private address/);
    await refused(app, 'http://mixed.test/', /resolves to 127\.0\.0\.1/);
    const rebind = await expectError(await app.request('/api/v1/checks', json({ url: `http://rebind.test:${site.port}/article` })), 422, 'fetch-failed');
    assert.match(rebind, /resolves to 127\.0\.0\.1, a loopback address/);
    assert.equal(calls, 2, 'resolved once by the guard and once at connection time');
    assert.equal(site.hits.length, before, 'the rebinding answer never reached the local server');
  });

  it('fetches an allowed host, and still refuses its redirects to internal addresses; redirect and size limits hold', async () => {
    const { app } = make({ fetch: { allowHosts: ['127.0.0.1'], maxRedirects: 2, maxBytes: 10_000 } });
    const ok = await app.request('/api/v1/checks', json({ url: `${site.url}/article` }));
    assert.equal(ok.status, 201, await ok.clone().text());
    const report = (await ok.json()) as Report;
    assert.equal(report.article.title, 'Quay reopens');
    assert.equal(report.article.url, `${site.url}/article`);
    await refused(app, `${site.url}/to-loopback`, /"127\.0\.0\.2": it is a loopback address/);
    await refused(app, `${site.url}/to-metadata`, /169\.254\.169\.254/);
    await expectError(await app.request('/api/v1/checks', json({ url: `${site.url}/loop` })), 422, 'too-many-redirects');
    assert.match(await expectError(await app.request('/api/v1/checks', json({ url: `${site.url}/huge` })), 422, 'too-large'), /9\.8 KB limit/);
  });

  it('refuses an invalid allow-list entry by name', () => {
    const r = createApp({ fetch: { allowHosts: ['10.0.0.0/99'] } });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error.message, /"10\.0\.0\.0\/99"/);
  });
});

describe('HTTP: the page routes and internal errors', () => {
  const form = (fields: Record<string, string>): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

  it('runs a check from the form and redirects to its page; asks for the token when one is set', async () => {
    const { app } = make();
    const home = await app.request('/');
    assert.match(home.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/);
    assert.doesNotMatch(await home.text(), /name="token"/);
    const posted = await app.request('/checks', form({ text: 'Halvik quay reopens\n\nThe Halvik quay reopened on Monday after repairs that cost 4 million euros, the harbour office said.' }));
    assert.equal(posted.status, 303);
    const location = posted.headers.get('location') ?? '';
    assert.match(location, /^\/checks\/[0-9a-f-]{36}$/);
    const page = await app.request(location);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<mark class="claim v-/);
    const empty = await app.request('/checks', form({ text: '  ', url: '' }));
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /paste an article or give its URL/);

    const locked = make({ token: 'tok' }).app;
    assert.match(await (await locked.request('/')).text(), /name="token"/);
    const refused = await locked.request('/checks', form({ text: 'The quay reopened on Monday.', token: 'nope' }));
    assert.equal(refused.status, 401);
    assert.match(await refused.text(), /needs the access token/);
    assert.equal((await locked.request('/checks', form({ text: 'The Halvik quay reopened on Monday after repairs that cost 4 million euros.', token: 'tok' }))).status, 303);
  });

  it('answers a page 404 as HTML and a bug as a 500 in the one JSON shape, logged', async () => {
    const lines: string[] = [];
    const broken = { ...store, count: async () => { throw new Error('disk on fire'); } } as Store;
    const { app } = make({ store: broken, log: (l) => lines.push(l) });
    const res = await app.request('/api/v1/health');
    assert.match(await expectError(res, 500, 'internal'), /see the server log/);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /disk on fire/);
    const page = await app.request('/no-such-page');
    assert.equal(page.status, 404);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  });
});
