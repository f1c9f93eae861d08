/**
 * Shared by the HTTP, web and HTML-report tests: a fresh SQLite store holding the bundled example
 * reports, the example article, hostile strings, and loopback servers that count their requests.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSources } from '../src/pipeline/sources.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { ROOT } from './helpers/shared.ts';

export const EXAMPLE = (f: string): string => join(ROOT, 'examples/northwind', f);

/** The example page capture: 19 claims against the example sources, one of them contradicted (150 km vs 130 km). */
export const ARTICLE_TEXT = readFileSync(EXAMPLE('harbourline-gazette.txt'), 'utf8');

/** Markup that would run if any text were not escaped. */
export const HOSTILE = {
  script: '<script>window.__pwned = (window.__pwned || 0) + 1</script>',
  img: '<img src=x onerror="window.__pwned = (window.__pwned || 0) + 1">',
};

/** An input-contract article whose title, body and comments carry hostile markup. */
export function hostileArticle(): Record<string, unknown> {
  const body = ARTICLE_TEXT.split('\n').slice(5, 16).join('\n');
  return {
    title: `Rail link opens ${HOSTILE.script}`,
    outlet: `Gazette ${HOSTILE.img}`,
    published: '2026-11-18',
    text: `${body}\nA reader wrote ${HOSTILE.img} and ${HOSTILE.script} in a letter on Monday.`,
    comments: [
      { id: 'k1', author: `<b>${HOSTILE.img}</b>`, text: `Great line! ${HOSTILE.script}` },
      { id: 'k2', author: 'Ana', text: `Fares are too high ${HOSTILE.img}` },
    ],
  };
}

export async function exampleStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-http-'));
  const store = await openStore(join(dir, 'store.db'));
  if (!store.ok) throw new Error(store.error.message);
  const added = await addSources(store.value, [EXAMPLE('sources.jsonl')]);
  if (!added.ok) throw new Error(added.error.message);
  return store.value;
}

export interface LocalServer {
  url: string;
  port: number;
  /** Requests received, by path. */
  hits: string[];
  close: () => Promise<void>;
}

/** A plain HTTP server on 127.0.0.1 with the given routes (404 otherwise). */
export async function localServer(routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>): Promise<LocalServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (route) route(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
