/**
 * The store's public types: what is kept about a source, its passages, the relations between
 * sources, and the `Store` interface both adapters (SQLite, PostgreSQL) implement.
 *
 * Offsets follow the project's one convention: 0-based UTF-16 indices into the source's
 * `text`, end exclusive, so `text.slice(span.start, span.end) === passage.text`.
 */
import { z } from 'zod';
import type { Comment, Document, Span } from '../model/index.ts';
import type { CheckRecord, FeedState, Job, JobCounts, JobOutcome, JobState, NewJob, PollRecord } from './work.ts';

export type * from './work.ts';

export type SourceKind = 'article' | 'factcheck';

export interface SourceMeta {
  id: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  /** ISO date-time at which the batch that stored it was added. */
  fetchedAt: string;
  origin: string;
  kind: SourceKind;
  wordCount: number;
}

export interface StoredSource extends SourceMeta {
  text: string;
  comments: Comment[];
}

export interface Passage {
  sourceId: string;
  /** 0-based position of the passage within its source. */
  index: number;
  span: Span;
  text: string;
}

export interface SearchHit {
  passage: Passage;
  source: SourceMeta;
  /** Higher is better; comparable only within one result list of one backend. */
  score: number;
}

export type RelationKind = 'copy' | 'rewrite';

/** `from` copies or rewrites `to`. One relation per ordered pair; adding it again replaces it. */
export interface Relation {
  from: string;
  to: string;
  kind: RelationKind;
  similarity: number;
  containment: number;
}

/** What a fact-check adds to its source row (publisher, url and date are the source's outlet, url and published). */
export interface FactCheckFields {
  /** The claim reviewed. */
  claim: string;
  rating: string;
  claimant: string | null;
  /** The record's id in the database it came from (e.g. a CheckThat! vclaim_id). */
  externalId: string | null;
}

/** A stored fact-check with its source's fields. */
export interface StoredFactCheck extends FactCheckFields {
  sourceId: string;
  title: string | null;
  publisher: string | null;
  url: string | null;
  published: string | null;
  /** The stored text: the claim, then the headline and any context, a paragraph each. */
  text: string;
}

export interface AddOptions {
  kind?: SourceKind;
  /** Fact-check fields by Document.id, stored with the documents (and replaced for existing ones). */
  factChecks?: Map<string, FactCheckFields>;
  /** MinHash signatures by Document.id, stored with the documents (and replaced for existing ones). */
  signatures?: Map<string, Uint32Array>;
  /** Copy-detection sketch keys (LSH band hashes) by Document.id, indexed for `copyCandidates`. */
  sketches?: Map<string, Uint32Array>;
  /** Copy relations found for this batch, stored in the same transaction. */
  relations?: readonly Relation[];
}

export interface CopyCandidate {
  id: string;
  /** How many of the query's sketch keys the stored source shares. */
  shared: number;
}

/** A stored source holding a comment fingerprint (see comment-keys.ts). */
export interface CommentReuse {
  /** The fingerprint (`commentKey`). */
  key: string;
  sourceId: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
}

export interface AddResult {
  /** Ids of the documents stored by this call. */
  added: string[];
  /** Stored ids matching a document of the batch (same id, or same URL), one per such document. */
  existing: string[];
}

export interface ListOptions {
  limit?: number;
  offset?: number;
  outlet?: string;
  kind?: SourceKind;
}

export interface SearchQuery {
  /** Free text; only its words are used (never interpreted as query syntax), OR-ed together. */
  text: string;
  /** Default 10. */
  limit?: number;
  /** Source ids whose passages are left out. */
  exclude?: string[];
  kind?: SourceKind;
  /**
   * Use every query term. By default a backend may drop terms found in many passages to keep long
   * queries fast (SQLite keeps the 8 rarest); short texts such as fact-checks need them all.
   */
  allTerms?: boolean;
  /** Only sources published in this window (ISO dates, inclusive); sources without a date are left out. */
  published?: { from: string; to: string };
}

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** The location it was opened with (a file path, or the URL without its password). */
  readonly location: string;
  /**
   * Stores a batch in one transaction: either every new document is stored (with its passages
   * and signature) or, when anything fails, none is. Idempotent by `Document.id`, and by URL when
   * a document has one. Throws on a constraint violation (a bug upstream); the store is unchanged.
   */
  add(docs: readonly Document[], opts?: AddOptions): Promise<AddResult>;
  get(id: string): Promise<StoredSource | null>;
  /** In the order added. */
  list(opts?: ListOptions): Promise<SourceMeta[]>;
  count(): Promise<number>;
  /** Removes a source with its passages, relations and signature; false when it was not stored. */
  remove(id: string): Promise<boolean>;
  /** The passages of one source, in order. */
  passages(sourceId: string): Promise<Passage[]>;
  /** Full-text search over passages, best first. */
  search(q: SearchQuery): Promise<SearchHit[]>;
  /** Every stored MinHash signature, paged so the caller may use the store while iterating. */
  signatures(): AsyncIterable<{ id: string; signature: Uint32Array }>;
  addRelations(rels: readonly Relation[]): Promise<void>;
  /** Stored sources sharing at least one sketch key with `keys`, most shared first. */
  copyCandidates(keys: Uint32Array, opts?: { limit?: number; exclude?: string[] }): Promise<CopyCandidate[]>;
  /**
   * The stored sources whose comments hold any of these fingerprints (`commentKey`, kept in the
   * same transaction as `add`), sources in `exclude` left out; ordered by key, then source id.
   */
  commentReuse(keys: readonly string[], opts?: { exclude?: readonly string[] }): Promise<CommentReuse[]>;
  /** Relations in which the source takes part, in either direction. */
  relations(id: string): Promise<Relation[]>;
  /**
   * The stored fact-checks among `ids`, in the order given (ids that are not fact-checks are left
   * out). A source added with kind "factcheck" but no fact-check fields reads as its title (or its
   * text) with rating "unknown".
   */
  factChecks(ids: readonly string[]): Promise<StoredFactCheck[]>;
  /** Schema migrations recorded in the store, oldest first. */
  migrations(): Promise<AppliedMigration[]>;

  // ---- the service (work.ts): stored checks, watched feeds, the job queue ----

  /** Stores a check, or replaces the one with the same id (report and updatedAt). */
  putCheck(check: CheckRecord): Promise<void>;
  getCheck(id: string): Promise<CheckRecord | null>;
  /** The most recently created check of an article with this URL. */
  latestCheckForUrl(url: string): Promise<CheckRecord | null>;
  /** Most recently updated first. */
  listChecks(opts?: { limit?: number }): Promise<CheckRecord[]>;
  countChecks(): Promise<number>;
  /** Registers a feed, due at once; false when it was already registered. */
  addFeed(url: string, now: Date): Promise<boolean>;
  /** Forgets a feed and its seen items; false when it was not registered. */
  removeFeed(url: string): Promise<boolean>;
  /** In the order added. */
  listFeeds(): Promise<FeedState[]>;
  /**
   * Feeds due at `now`, claimed: their next poll moves to `leaseUntil`, so that another process
   * asking at the same time does not get them (one poller per feed). `recordPoll` sets the real
   * next poll; a poller that dies leaves the feed due again at `leaseUntil`.
   */
  claimDueFeeds(now: Date, leaseUntil: Date, limit?: number): Promise<FeedState[]>;
  recordPoll(url: string, poll: PollRecord): Promise<void>;
  /** Which of these item guids of the feed were seen before. */
  seenItems(feedUrl: string, guids: readonly string[]): Promise<Set<string>>;
  /** Remembers item guids (with the source each was stored as); seen ones stay as they are. */
  markSeen(feedUrl: string, items: ReadonlyArray<{ guid: string; sourceId: string | null }>, now: Date): Promise<void>;
  /** Queues a job; with a dedupe key already queued or running, returns that job (`created` false). */
  enqueue(job: NewJob): Promise<{ id: string; created: boolean }>;
  /**
   * Claims the oldest runnable job (queued and due, or running with an expired lease) for
   * `worker`, without waiting for jobs other workers hold (FOR UPDATE SKIP LOCKED on PostgreSQL):
   * state running, attempts + 1, leased for `leaseMs`.
   */
  claimJob(worker: string, leaseMs: number, kinds?: readonly string[]): Promise<Job | null>;
  /** Extends the lease of a job the worker holds; false when it no longer holds it. */
  heartbeat(id: string, worker: string, leaseMs: number): Promise<boolean>;
  /**
   * Finishes a job the worker holds, in one transaction with its effect (the check it produced):
   * false, and nothing written, when the worker no longer holds it (finished or reclaimed), so a
   * job's effect is written once. A failure with attempts left is queued again.
   */
  finishJob(id: string, worker: string, outcome: JobOutcome): Promise<boolean>;
  getJob(id: string): Promise<Job | null>;
  /** Newest first. */
  listJobs(opts?: { state?: JobState; limit?: number }): Promise<Job[]>;
  countJobs(): Promise<JobCounts>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Clock for `fetchedAt` (tests and golden files). */
  now?: () => Date;
  /** PostgreSQL: how long to wait for the server before giving up. Default 5000 ms. */
  connectTimeoutMs?: number;
}

// Row schemas: stored rows are parsed once, here at the boundary.

const commentSchema = z.object({
  id: z.string(),
  text: z.string(),
  author: z.string().exactOptional(),
  published: z.string().exactOptional(),
  replyTo: z.string().exactOptional(),
  replyInferred: z.boolean().exactOptional(),
});

export const commentsSchema = z.array(commentSchema);

export const sourceRowSchema = z.object({
  id: z.string().min(1),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
  fetched_at: z.string(),
  origin: z.string(),
  kind: z.enum(['article', 'factcheck']),
  word_count: z.coerce.number().int().nonnegative(),
});

export type SourceRow = z.infer<typeof sourceRowSchema>;

export const relationRowSchema = z.object({
  from_id: z.string(),
  to_id: z.string(),
  kind: z.enum(['copy', 'rewrite']),
  similarity: z.coerce.number(),
  containment: z.coerce.number(),
});

export const migrationRowSchema = z.object({
  version: z.coerce.number().int(),
  name: z.string(),
  applied_at: z.string(),
});

export const factCheckRowSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
  text: z.string(),
  claim: z.string().nullable(),
  rating: z.string().nullable(),
  claimant: z.string().nullable(),
  external_id: z.string().nullable(),
});

/** Columns `toFactCheck` reads: sources s LEFT JOIN factchecks f. */
export const FACTCHECK_COLUMNS = 's.id, s.title, s.outlet, s.url, s.published, s.text, f.claim, f.rating, f.claimant, f.external_id';

export function toFactCheck(row: unknown): StoredFactCheck {
  const r = factCheckRowSchema.parse(row);
  const fallback = (r.title ?? r.text.split(/\n\s*\n/)[0] ?? '').trim();
  return {
    sourceId: r.id,
    claim: r.claim ?? fallback,
    rating: r.rating ?? 'unknown',
    claimant: r.claimant,
    externalId: r.external_id,
    title: r.title,
    publisher: r.outlet,
    url: r.url,
    published: r.published,
    text: r.text,
  };
}

export function toMeta(row: unknown): SourceMeta {
  const r = sourceRowSchema.parse(row);
  return {
    id: r.id,
    title: r.title,
    outlet: r.outlet,
    url: r.url,
    published: r.published,
    fetchedAt: r.fetched_at,
    origin: r.origin,
    kind: r.kind,
    wordCount: r.word_count,
  };
}

export function toRelation(row: unknown): Relation {
  const r = relationRowSchema.parse(row);
  return { from: r.from_id, to: r.to_id, kind: r.kind, similarity: r.similarity, containment: r.containment };
}

export function toMigration(row: unknown): AppliedMigration {
  const r = migrationRowSchema.parse(row);
  return { version: r.version, name: r.name, appliedAt: r.applied_at };
}
