/**
 * Workers: processes that take jobs from the store's queue (`Store.claimJob`, FOR UPDATE SKIP
 * LOCKED on PostgreSQL) and run them — "check" jobs queued by `POST /api/v1/checks?async=1`, and
 * "poll-feed" jobs that the workers themselves queue for the feeds that are due (one per feed at a
 * time, by dedupe key). A job is leased for `leaseMs` and the lease renewed while it runs; a
 * worker that dies stops renewing, and once the lease expires another worker runs the job again.
 * The job's effect (the stored check) is written in the same transaction that marks it done, and
 * only while the worker still holds it, so a job's result is written once.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Job, JobOutcome, Store } from '../store/index.ts';
import { pollFeed, sleep, type PollOptions, type WatchEvent } from '../watch/index.ts';
import { runCheckJob, type CheckJobOptions } from './check.ts';

export { checkPayloadSchema, runCheckJob, validateCheckPayload, type CheckPayload } from './check.ts';

export const JOB_KINDS = ['check', 'poll-feed'] as const;

export interface WorkerOptions {
  /** How this worker names itself in `jobs.locked_by`; default host:pid:random. */
  id?: string;
  /** Jobs run at the same time (default 1). */
  concurrency?: number;
  /** Lease of a claimed job (default 30 s); renewed every third of it while the job runs. */
  leaseMs?: number;
  /** Wait between claims when the queue is empty (default 1000 ms). */
  idleMs?: number;
  /** Queue poll jobs for due feeds (default true), polled with these options. */
  feeds?: PollOptions | false;
  check?: CheckJobOptions['check'];
  fetch?: CheckJobOptions['fetch'];
  signal?: AbortSignal;
  onEvent?: (e: WatchEvent) => void | Promise<void>;
  /** One line per job: claimed, done, failed. */
  log?: (line: string) => void;
}

export const defaultWorkerId = (): string => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** Delay before retrying a failed attempt: 2, 4, 8 … seconds, at most 5 minutes. */
export const retryDelayMs = (attempts: number): number => Math.min(300_000, 1000 * 2 ** Math.max(1, attempts));

const reason = (e: unknown): string => ((e as Error)?.message ?? String(e)).split('\n')[0]!;

async function execute(store: Store, job: Job, options: WorkerOptions): Promise<JobOutcome> {
  if (job.kind === 'check') {
    const r = await runCheckJob(job.id, job.payload, { store, ...(options.check ? { check: options.check } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) });
    if (!r.ok) return { ok: false, error: r.error, retryInMs: r.transient ? retryDelayMs(job.attempts) : null };
    return { ok: true, result: { checkId: r.check.id }, check: r.check };
  }
  if (job.kind === 'poll-feed') {
    const url = (job.payload as { url?: unknown } | null)?.url;
    if (typeof url !== 'string') return { ok: false, error: 'poll-feed payload without a url', retryInMs: null };
    const feed = (await store.listFeeds()).find((f) => f.url === url);
    if (!feed) return { ok: true, result: { feed: url, removed: true } };
    const events = await pollFeed(store, feed, options.feeds || { intervalMs: 300_000 });
    for (const e of events) await options.onEvent?.(e);
    const poll = events.find((e) => e.type === 'poll');
    return { ok: true, result: { feed: url, status: poll?.status ?? null, stored: poll?.type === 'poll' ? poll.stored : 0, changes: events.length - 1 } };
  }
  return { ok: false, error: `unknown job kind "${job.kind}"`, retryInMs: null };
}

/** Claims and runs one job; false when the queue had nothing runnable. */
export async function workOnce(store: Store, worker: string, options: WorkerOptions = {}): Promise<boolean> {
  const leaseMs = options.leaseMs ?? 30_000;
  const log = options.log ?? (() => {});
  const job = await store.claimJob(worker, leaseMs, JOB_KINDS);
  if (!job) return false;
  if (job.attempts > job.maxAttempts) {
    await store.finishJob(job.id, worker, { ok: false, error: `gave up after ${job.maxAttempts} attempts (the last worker stopped answering: ${job.error ?? 'lease expired'})`, retryInMs: null });
    log(`job ${job.id} ${job.kind} failed: no attempts left`);
    return true;
  }
  log(`job ${job.id} ${job.kind} attempt ${job.attempts} started`);
  const t0 = performance.now();
  const beat = setInterval(() => {
    store.heartbeat(job.id, worker, leaseMs).then((held) => {
      if (!held) log(`job ${job.id} lease lost (another worker may run it; this result will be discarded)`);
    }, (e: unknown) => log(`job ${job.id} heartbeat failed: ${reason(e)}`));
  }, Math.max(100, Math.floor(leaseMs / 3)));
  let outcome: JobOutcome;
  try {
    outcome = await execute(store, job, options);
  } catch (e) {
    outcome = { ok: false, error: `internal error: ${reason(e)}`, retryInMs: retryDelayMs(job.attempts) };
  } finally {
    clearInterval(beat);
  }
  const finished = await store.finishJob(job.id, worker, outcome);
  const ms = Math.round(performance.now() - t0);
  if (!finished) log(`job ${job.id} ${job.kind} result discarded: the job is no longer held by this worker`);
  else if (outcome.ok) log(`job ${job.id} ${job.kind} done in ${ms} ms ${JSON.stringify(outcome.result)}`);
  else log(`job ${job.id} ${job.kind} ${outcome.retryInMs !== null && job.attempts < job.maxAttempts ? `will be retried in ${outcome.retryInMs} ms` : 'failed'}: ${outcome.error}`);
  return true;
}

/** Queues a poll job for every feed that is due (one per feed at a time); returns how many were queued. */
export async function scheduleFeeds(store: Store, options: { now?: () => Date; leaseMs?: number } = {}): Promise<number> {
  const now = (options.now ?? (() => new Date()))();
  // The lease keeps other schedulers off the feed until the poll job records the real next poll.
  const due = await store.claimDueFeeds(now, new Date(now.getTime() + (options.leaseMs ?? 600_000)), 100);
  let queued = 0;
  for (const f of due) {
    const r = await store.enqueue({ kind: 'poll-feed', payload: { url: f.url }, dedupeKey: `poll-feed:${f.url}`, maxAttempts: 3 });
    if (r.created) queued++;
  }
  return queued;
}

/** Runs until `signal` aborts, then lets the running jobs finish. */
export async function runWorker(store: Store, options: WorkerOptions = {}): Promise<void> {
  const worker = options.id ?? defaultWorkerId();
  const idleMs = options.idleMs ?? 1000;
  const log = options.log ?? (() => {});
  const slot = async (): Promise<void> => {
    while (!options.signal?.aborted) {
      let worked = false;
      try {
        worked = await workOnce(store, worker, options);
      } catch (e) {
        log(`worker ${worker}: ${reason(e)}`);
      }
      if (!worked) await sleep(idleMs, options.signal);
    }
  };
  const scheduler = async (): Promise<void> => {
    if (options.feeds === false) return;
    const every = Math.min(options.feeds?.intervalMs ?? 60_000, 5000);
    while (!options.signal?.aborted) {
      try {
        const n = await scheduleFeeds(store, options.feeds?.now ? { now: options.feeds.now } : {});
        if (n) log(`queued ${n} feed poll${n === 1 ? '' : 's'}`);
      } catch (e) {
        log(`worker ${worker}: scheduling feed polls failed: ${reason(e)}`);
      }
      await sleep(every, options.signal);
    }
  };
  await Promise.all([scheduler(), ...Array.from({ length: Math.max(1, options.concurrency ?? 1) }, slot)]);
}
