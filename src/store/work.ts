/**
 * What the store keeps for the service (migration 6): stored checks (reports), watched feeds with
 * their polling state and seen item guids, and the job queue shared by `serve` and `worker`
 * processes. Types, row schemas and the row → value functions both adapters use.
 *
 * Job times are epoch milliseconds taken from the database's clock on PostgreSQL (so workers on
 * several machines agree on lease expiry) and from the process clock on SQLite (one machine).
 */
import { z } from 'zod';

/** A check kept by the store: the report of one article, by a random UUID. */
export interface CheckRecord {
  id: string;
  /** The checked article's document id (report.article.id). */
  documentId: string;
  url: string | null;
  /** The job that produced it, when a worker did. */
  jobId: string | null;
  /** The report, as JSON-compatible data (validated by the caller that reads it). */
  report: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface FeedState {
  url: string;
  addedAt: string;
  etag: string | null;
  lastModified: string | null;
  /** Consecutive failed polls (0 after a success); the backoff grows with it. */
  failures: number;
  nextPollAt: string;
  lastPolledAt: string | null;
  /** "200", "304", "500", "error" … of the last poll. */
  lastStatus: string | null;
  lastError: string | null;
  /** Items stored from this feed so far. */
  items: number;
}

export interface PollRecord {
  etag: string | null;
  lastModified: string | null;
  failures: number;
  nextPollAt: string;
  polledAt: string;
  status: string;
  error: string | null;
  /** Items stored by this poll (added to the feed's count). */
  newItems: number;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  dedupeKey: string | null;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  /** Epoch ms; a running job whose lease passed is claimed again. */
  lockedUntil: number | null;
  runAfter: number;
  result: unknown;
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
}

export interface NewJob {
  kind: string;
  payload: unknown;
  /** At most one queued or running job per key (e.g. one poll per feed). */
  dedupeKey?: string;
  /** Default 5. */
  maxAttempts?: number;
  /** Not before this many ms from now. */
  delayMs?: number;
}

export type JobOutcome =
  | { ok: true; result: unknown; check?: CheckRecord }
  /** `retryInMs` null: failed for good; else queued again after that delay (while attempts remain). */
  | { ok: false; error: string; retryInMs: number | null };

export interface JobCounts {
  queued: number;
  running: number;
  done: number;
  failed: number;
}

export const checkRowSchema = z.object({
  id: z.string(),
  document_id: z.string(),
  url: z.string().nullable(),
  job_id: z.string().nullable(),
  report: z.unknown(),
  created_at: z.string(),
  updated_at: z.string(),
});

export function toCheck(row: unknown, parseJson: boolean): CheckRecord {
  const r = checkRowSchema.parse(row);
  return {
    id: r.id,
    documentId: r.document_id,
    url: r.url,
    jobId: r.job_id,
    report: parseJson ? JSON.parse(String(r.report)) : r.report,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const feedRowSchema = z.object({
  url: z.string(),
  added_at: z.string(),
  etag: z.string().nullable(),
  last_modified: z.string().nullable(),
  failures: z.coerce.number().int(),
  next_poll_at: z.string(),
  last_polled_at: z.string().nullable(),
  last_status: z.string().nullable(),
  last_error: z.string().nullable(),
  items: z.coerce.number().int(),
});

export const FEED_COLUMNS = 'url, added_at, etag, last_modified, failures, next_poll_at, last_polled_at, last_status, last_error, items';

export function toFeed(row: unknown): FeedState {
  const r = feedRowSchema.parse(row);
  return {
    url: r.url,
    addedAt: r.added_at,
    etag: r.etag,
    lastModified: r.last_modified,
    failures: r.failures,
    nextPollAt: r.next_poll_at,
    lastPolledAt: r.last_polled_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    items: r.items,
  };
}

const num = z.coerce.number();
const jobRowSchema = z.object({
  id: z.string(),
  kind: z.string(),
  payload: z.unknown(),
  dedupe_key: z.string().nullable(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  attempts: num.int(),
  max_attempts: num.int(),
  locked_by: z.string().nullable(),
  locked_until: num.nullable(),
  run_after: num,
  result: z.unknown(),
  error: z.string().nullable(),
  created_at: num,
  finished_at: num.nullable(),
});

export const JOB_COLUMNS = 'id, kind, payload, dedupe_key, state, attempts, max_attempts, locked_by, locked_until, run_after, result, error, created_at, finished_at';

export function toJob(row: unknown, parseJson: boolean): Job {
  const r = jobRowSchema.parse(row);
  const json = (v: unknown): unknown => (parseJson && typeof v === 'string' ? JSON.parse(v) : (v ?? null));
  return {
    id: r.id,
    kind: r.kind,
    payload: json(r.payload),
    dedupeKey: r.dedupe_key,
    state: r.state,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lockedBy: r.locked_by,
    lockedUntil: r.locked_until,
    runAfter: r.run_after,
    result: json(r.result),
    error: r.error,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

export const DEFAULT_MAX_ATTEMPTS = 5;
