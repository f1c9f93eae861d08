import { parseAllowList } from '../../http/guard.ts';
import { EXIT, numberOption, parse, UsageError, type Io } from '../args.ts';
import { eventOptions, openNamedStore, stopSignal } from './watch.ts';

export const WORKER_HELP = `crosscheck worker [options]   run queued jobs: asynchronous checks and feed polls

  Several workers (on one or many machines) and several "serve" processes share one PostgreSQL
  store; a job is run by one worker at a time, and a job whose worker died is run again once its
  lease expires. On SQLite, workers share the queue on one machine. See docs/deployment.md.

      --db <path|postgres://…>  the store (default: CROSSCHECK_DB, else ~/.local/share/crosscheck/store.db)
      --concurrency <n>         jobs run at the same time (default 1)
      --lease <seconds>         how long a claimed job is held without a heartbeat (default 30)
      --idle <seconds>          wait between claims when the queue is empty (default 1)
      --no-feeds                do not queue or run polls of the registered feeds
      --interval <seconds>      time between polls of a feed (default 300)
  -f, --format <text|jsonl>     feed events on stdout, as for watch (default text)
      --webhook <url>           POST each changed verdict as JSON to this URL
      --timeout <ms>            time limit for fetching a feed or an article URL (default 15000)
      --max-bytes <n>           largest article fetched for a {url} check (default 5 MiB)
      --allow-host <host|cidr>  fetch this host or network for {url} checks even though it is not
                                public (repeatable; also CROSSCHECK_ALLOW_HOSTS)
      --min-score <0..1>        minimum check-worthiness of a reported claim (default 0.5)
`;

const OPTIONS = {
  db: { type: 'string' },
  concurrency: { type: 'string' },
  lease: { type: 'string' },
  idle: { type: 'string' },
  'no-feeds': { type: 'boolean' },
  interval: { type: 'string' },
  format: { type: 'string', short: 'f' },
  webhook: { type: 'string' },
  timeout: { type: 'string' },
  'max-bytes': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'min-score': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runWorkerCommand(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  if (v.help) { io.stdout(WORKER_HELP); return EXIT.ok; }
  if (positionals.length) throw new UsageError(`worker takes no inputs, got "${positionals[0]}"`);
  const concurrency = numberOption('concurrency', v.concurrency, 1, 64, true) ?? 1;
  const lease = numberOption('lease', v.lease, 1, 3600) ?? 30;
  const idle = numberOption('idle', v.idle, 0.05, 60) ?? 1;
  const maxBytes = numberOption('max-bytes', v['max-bytes'], 1, 2 ** 31, true);
  const minScore = numberOption('min-score', v['min-score'], 0, 1);
  const e = eventOptions(v);
  const allowHosts = [...((v['allow-host'] as string[] | undefined) ?? []), ...(process.env.CROSSCHECK_ALLOW_HOSTS ?? '').split(',').filter((s) => s.trim())];
  const allowed = parseAllowList(allowHosts);
  if (!allowed.ok) throw new UsageError(allowed.error.message.replace('invalid allowed host', 'invalid --allow-host'));
  const [{ runWorker, defaultWorkerId }, { eventSink }] = await Promise.all([import('../../jobs/index.ts'), import('../../watch/index.ts')]);

  const store = await openNamedStore(v.db);
  const stop = stopSignal();
  const id = defaultWorkerId();
  try {
    io.stderr(`crosscheck worker ${id} started: store ${store.location}, concurrency ${concurrency}, lease ${lease} s\n`);
    await runWorker(store, {
      id,
      concurrency,
      leaseMs: lease * 1000,
      idleMs: idle * 1000,
      feeds: v['no-feeds'] ? false : { intervalMs: e.intervalMs, ...(e.timeoutMs !== undefined ? { timeoutMs: e.timeoutMs } : {}) },
      ...(minScore !== undefined ? { check: { minScore } } : {}),
      fetch: { allowHosts, ...(maxBytes !== undefined ? { maxBytes } : {}), ...(e.timeoutMs !== undefined ? { timeoutMs: e.timeoutMs } : {}) },
      signal: stop.signal,
      onEvent: eventSink({ write: io.stdout, warn: io.stderr, format: e.format, ...(e.webhook ? { webhook: e.webhook } : {}) }),
      log: (line) => io.stderr(`${new Date().toISOString()} ${line}\n`),
    });
    io.stderr(`crosscheck worker ${id} stopped\n`);
  } finally {
    stop.release();
    await store.close();
  }
  return EXIT.ok;
}
