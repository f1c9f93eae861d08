import type { AppOptions } from '../../http/app.ts';
import { DEFAULT_MAX_BYTES as DEFAULT_MAX_BODY_BYTES } from '../../ingest/index.ts';
import { openStore, storeLocation } from '../../pipeline/check.ts';
import { EXIT, numberOption, parse, UsageError, type Io } from '../args.ts';
import { claimReviewConfig } from './check.ts';

export const SERVE_HELP = `crosscheck serve [options]   the HTTP API (/api/v1) and the web page (/)

      --host <address>          address to listen on (default 127.0.0.1)
      --port <n>                port (default 8080; 0 picks a free one)
      --db <path|postgres://…>  the store (default: CROSSCHECK_DB, else ~/.local/share/crosscheck/store.db)
      --max-body <bytes>        largest request body (default ${DEFAULT_MAX_BODY_BYTES}); 413 beyond
      --max-bytes <n>           largest page fetched for a {url} input (default ${DEFAULT_MAX_BODY_BYTES})
      --timeout <ms>            time limit for fetching a URL (default 15000)
      --allow-host <host|cidr>  fetch this host or network even though it is not public (repeatable;
                                also CROSSCHECK_ALLOW_HOSTS, comma-separated)
      --min-score <0..1>        minimum check-worthiness of a reported claim (default 0.5)
      --review-author <name>    enables the ClaimReview export (or CROSSCHECK_REVIEW_AUTHOR), with
                                --review-author-url, --review-publisher, --review-url as for check
  Set CROSSCHECK_TOKEN to require "Authorization: Bearer <token>" on /api/v1 (health and openapi.json stay open).
`;

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  db: { type: 'string' },
  'max-body': { type: 'string' },
  'max-bytes': { type: 'string' },
  timeout: { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'min-score': { type: 'string' },
  'review-author': { type: 'string' },
  'review-author-url': { type: 'string' },
  'review-publisher': { type: 'string' },
  'review-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs until SIGINT or SIGTERM (or `stop`, for tests); returns the exit code. */
export async function runServe(args: string[], io: Io, stop?: Promise<void>): Promise<number> {
  // The server's modules (hono, undici) load only when serving, not on every CLI start.
  const [{ createApp }, { parseAllowList }, { serve }] = await Promise.all([import('../../http/app.ts'), import('../../http/guard.ts'), import('../../http/serve.ts')]);
  const { values: v, positionals } = parse(args, OPTIONS);
  if (v.help) { io.stdout(SERVE_HELP); return EXIT.ok; }
  if (positionals.length) throw new UsageError(`serve takes no inputs, got "${positionals[0]}"`);
  const host = (v.host as string | undefined) ?? '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) throw new UsageError(`invalid --host "${host}": expected an address such as 127.0.0.1 or 0.0.0.0`);
  const port = numberOption('port', v.port, 0, 65535, true) ?? 8080;
  const maxBody = numberOption('max-body', v['max-body'], 1, 2 ** 31, true);
  const maxBytes = numberOption('max-bytes', v['max-bytes'], 1, 2 ** 31, true);
  const timeout = numberOption('timeout', v.timeout, 1, 600_000, true);
  const minScore = numberOption('min-score', v['min-score'], 0, 1);
  const allowHosts = [...((v['allow-host'] as string[] | undefined) ?? []), ...(process.env.CROSSCHECK_ALLOW_HOSTS ?? '').split(',').filter((s) => s.trim())];
  const allowed = parseAllowList(allowHosts);
  if (!allowed.ok) throw new UsageError(allowed.error.message.replace('invalid allowed host', 'invalid --allow-host'));
  const claimReview = v['review-author'] !== undefined || process.env.CROSSCHECK_REVIEW_AUTHOR ? claimReviewConfig(v) : undefined;
  const token = process.env.CROSSCHECK_TOKEN || undefined;

  const store = await openStore(storeLocation(v.db as string | undefined, true) ?? undefined);
  if (!store.ok) throw new UsageError(store.error.message);
  const options: AppOptions = {
    store: store.value,
    fetch: { allowHosts, ...(maxBytes !== undefined ? { maxBytes } : {}), ...(timeout !== undefined ? { timeoutMs: timeout } : {}) },
    ...(maxBody !== undefined ? { maxBodyBytes: maxBody } : {}),
    ...(minScore !== undefined ? { check: { minScore } } : {}),
    ...(claimReview ? { claimReview } : {}),
    ...(token ? { token } : {}),
    log: (line) => io.stderr(`${line}\n`),
  };
  const app = createApp(options);
  if (!app.ok) {
    await store.value.close();
    throw new UsageError(app.error.message);
  }
  let listening;
  try {
    listening = await serve(app.value, { host, port });
  } catch (e) {
    await app.value.close();
    await store.value.close();
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot listen on ${host}:${port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.code === 'EADDRNOTAVAIL' ? 'no such local address' : err.message.split('\n')[0]}`);
  }
  io.stderr(`crosscheck ${token ? '(token required) ' : ''}listening on ${listening.url} — store ${store.value.location}\n`);
  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    void stop?.then(done);
  });
  await listening.close();
  await store.value.close();
  return EXIT.ok;
}
