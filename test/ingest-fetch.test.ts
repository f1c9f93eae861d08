import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ingest } from '../src/ingest/index.ts';
import { fail, ok, type ErrorCode, type Result } from '../src/model/index.ts';

const ARTICLE = `<!DOCTYPE html><html><head><title>Pier reopens | Varnholm Post</title>
<meta property="og:title" content="Pier reopens after repairs">
<meta property="og:site_name" content="Varnholm Post">
<link rel="canonical" href="https://post.example/pier-reopens"></head>
<body><article><h1>Pier reopens after repairs</h1>
<p>The Varnholm ferry pier reopened on Monday, two months ahead of the schedule agreed with the builder.</p>
<p>The first boat left the new landing at 07:00 with 84 passengers on board.</p></article></body></html>`;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const routes: Record<string, Handler> = {
  '/article': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(ARTICLE);
  },
  '/hop/1': (_req, res) => {
    res.writeHead(301, { location: '/hop/2' });
    res.end();
  },
  '/hop/2': (_req, res) => {
    res.writeHead(302, { location: '../article' }); // relative to /hop/2 → /article
    res.end();
  },
  '/loop': (_req, res) => {
    res.writeHead(307, { location: '/loop' });
    res.end();
  },
  '/to-ftp': (_req, res) => {
    res.writeHead(302, { location: 'ftp://files.example/a.txt' });
    res.end();
  },
  '/huge': (_req, res) => {
    // No content-length: the limit must stop the stream itself.
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = 'ferry '.repeat(1000);
    let sent = 0;
    const push = (): void => {
      while (sent < 200) {
        sent++;
        if (!res.write(chunk)) return void res.once('drain', push);
      }
      res.end();
    };
    push();
  },
  '/huge-declared': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10_000_000) });
    res.write('ferry ');
    // never finishes; the client must give up on the declared length alone
  },
  '/image': (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  },
  '/pdf': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.end('%PDF-1.4');
  },
  '/binary-as-text': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(Buffer.from([0x41, 0, 0, 0x42]));
  },
  '/slow': () => {
    // never answers
  },
  '/missing': (_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<h1>Not found</h1>');
  },
  '/latin1': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=ISO-8859-1' });
    res.end(Buffer.from('Café owners on Quay Street\nHélène Sørby says takings fell by a third since the pier closed.\n', 'latin1'));
  },
  '/notes.md': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('# Ferry notes\n\nThe *first* boat leaves at 07:05.\n');
  },
  '/api/articles': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify([{ title: 'A', text: 'First.' }, { title: 'B', text: 'Second.', url: 'https://post.example/b' }]));
  },
  '/untyped': (_req, res) => {
    res.writeHead(200);
    res.end('<html><body><p>A page served without a content type, sniffed as HTML.</p></body></html>');
  },
};

let server: Server;
let base = '';
let closedPort = 0;

before(async () => {
  server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) route(req, res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just free: nothing listens there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function failure(r: Result<unknown>, code: ErrorCode, ...mentions: string[]): void {
  assert.equal(r.ok, false, 'expected a failure');
  if (r.ok) return;
  assert.equal(r.error.code, code, r.error.message);
  assert.ok(!r.error.message.includes('\n'));
  for (const m of mentions) assert.ok(r.error.message.includes(m), `"${r.error.message}" should mention ${m}`);
}

describe('URL input', () => {
  it('fetches an HTML article; the final URL is the document URL', async () => {
    const r = await ingest(`${base}/article`);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const [doc] = r.value;
    assert.equal(doc?.origin, `${base}/article`);
    assert.equal(doc?.url, `${base}/article`);
    assert.equal(doc?.format, 'html');
    assert.equal(doc?.title, 'Pier reopens after repairs');
    assert.equal(doc?.outlet, 'Varnholm Post');
    assert.equal(doc?.text.split('\n\n').length, 2);
  });

  it('follows redirects within the limit, resolving relative locations, and guards every hop', async () => {
    const seen: string[] = [];
    const guard = async (url: URL): Promise<Result<void>> => {
      seen.push(url.pathname);
      return ok(undefined);
    };
    const r = await ingest(`${base}/hop/1`, { guard });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value[0]?.origin, `${base}/hop/1`);
    assert.equal(r.value[0]?.url, `${base}/article`);
    assert.deepEqual(seen, ['/hop/1', '/hop/2', '/article']);
  });

  it('stops when the guard refuses a hop', async () => {
    const guard = async (url: URL): Promise<Result<void>> =>
      url.pathname === '/article' ? fail('bad-url', `cannot read "${url.href}": private address`) : ok(undefined);
    failure(await ingest(`${base}/hop/1`, { guard }), 'bad-url', 'private address');
  });

  it('refuses a redirect loop and too many hops', async () => {
    failure(await ingest(`${base}/loop`), 'too-many-redirects', '/loop', '5 redirects');
    failure(await ingest(`${base}/hop/1`, { maxRedirects: 1 }), 'too-many-redirects', '1 redirect ');
  });

  it('refuses a redirect to another scheme', async () => {
    failure(await ingest(`${base}/to-ftp`), 'bad-scheme', 'ftp://files.example/a.txt');
  });

  it('stops reading a body over maxBytes', async () => {
    failure(await ingest(`${base}/huge`, { maxBytes: 64 * 1024 }), 'too-large', '/huge', '64.0 KB');
    failure(await ingest(`${base}/huge-declared`, { maxBytes: 64 * 1024 }), 'too-large', '9.5 MB', '64.0 KB');
  });

  it('refuses content types that are not articles', async () => {
    failure(await ingest(`${base}/image`), 'bad-content-type', 'image/png');
    failure(await ingest(`${base}/pdf`), 'bad-content-type', 'application/pdf');
    failure(await ingest(`${base}/binary-as-text`), 'binary', '/binary-as-text');
  });

  it('times out', async () => {
    const started = Date.now();
    failure(await ingest(`${base}/slow`, { timeoutMs: 150 }), 'timeout', '/slow', '150 ms');
    assert.ok(Date.now() - started < 5000);
  });

  it('reports HTTP errors and connection failures', async () => {
    failure(await ingest(`${base}/missing`), 'fetch-failed', '/missing', '404');
    failure(await ingest(`http://127.0.0.1:${closedPort}/`), 'fetch-failed', `127.0.0.1:${closedPort}`, 'connection refused');
  });

  it('decodes the charset from the content type', async () => {
    const r = await ingest(`${base}/latin1`);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.ok(r.value[0]?.text.includes('Hélène Sørby'));
    assert.equal(r.value[0]?.title, 'Café owners on Quay Street');
  });

  it('picks the parser from the URL when the content type is generic, or sniffs', async () => {
    const md = await ingest(`${base}/notes.md`);
    assert.ok(md.ok);
    assert.deepEqual([md.value[0]?.format, md.value[0]?.title, md.value[0]?.text], ['markdown', 'Ferry notes', 'The first boat leaves at 07:05.']);
    const json = await ingest(`${base}/api/articles`);
    assert.ok(json.ok);
    assert.deepEqual(json.value.map((d) => d.url), [null, 'https://post.example/b']);
    const untyped = await ingest(`${base}/untyped`);
    assert.ok(untyped.ok);
    assert.equal(untyped.value[0]?.format, 'html');
  });

  it('refuses malformed URLs and other schemes without a request', async () => {
    failure(await ingest('http://'), 'bad-url', '"http://"');
    failure(await ingest('ftp://x'), 'bad-scheme', 'ftp:');
    failure(await ingest('file:///etc/passwd'), 'bad-scheme', 'file:');
  });
});
