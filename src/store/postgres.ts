/** The PostgreSQL adapter (pg): tsvector + GIN full-text search ranked by ts_rank (length-normalised), common query terms pruned with the term statistics (terms.ts). */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Document } from '../model/index.ts';
import { queryTerms } from './fold.ts';
import { specificTerms } from './terms.ts';
import { pgMigrations } from './migrations/postgres.ts';
import { decodeSignature, prepare, toPassage, type PassageRow, type PreparedSource } from './rows.ts';
import {
  commentsSchema, FACTCHECK_COLUMNS, toFactCheck, toMeta, toMigration, toRelation, type StoredFactCheck,
  type AddOptions, type AddResult, type CommentReuse, type CopyCandidate, type AppliedMigration, type ListOptions, type OpenOptions, type Passage,
  type Relation, type SearchHit, type SearchQuery, type SourceMeta, type Store, type StoredSource,
} from './types.ts';
import {
  DEFAULT_MAX_ATTEMPTS, FEED_COLUMNS, JOB_COLUMNS, toCheck, toFeed, toJob,
  type CheckRecord, type FeedState, type Job, type JobCounts, type JobOutcome, type JobState, type NewJob, type PollRecord,
} from './work.ts';

const CHECK_COLUMNS = 'id, document_id, url, job_id, report, created_at, updated_at';

const META = 'id, url, title, outlet, published, fetched_at, origin, kind, word_count';
const PAGE = 500;
const MIGRATION_LOCK = 0x63726f73; // "cros"

/** The URL with its password hidden, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** Connects, checks the server answers, and migrates; throws with the driver's reason when it cannot. */
export async function openPostgres(url: string, opts: OpenOptions = {}): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 10_000,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  return new PgStore(pool, redact(url), opts.now ?? (() => new Date()));
}

async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const known = Math.max(0, ...pgMigrations.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) throw new Error(`schema version ${newest} is newer than this crosscheck knows (${known})`);
    for (const m of pgMigrations) {
      if (done.has(m.version)) continue;
      await m.up(client);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version, m.name, new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

const bytes = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

class PgStore implements Store {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #now: () => Date;
  #closed = false;

  constructor(pool: pg.Pool, readonly location: string, now: () => Date) {
    this.#pool = pool;
    this.#now = now;
  }

  async add(docs: readonly Document[], opts: AddOptions = {}): Promise<AddResult> {
    const fetchedAt = this.#now().toISOString();
    const prepared = docs.map((d) => prepare(d, opts.kind ?? 'article', fetchedAt, opts.signatures?.get(d.id)));
    const added: string[] = [];
    const existing: string[] = [];
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      for (const p of prepared) {
        const found = await insertSource(client, p);
        if (found === null) added.push(p.id);
        else existing.push(found);
        if (p.signature && (found === null || found === p.id)) {
          await client.query(
            `INSERT INTO signatures (source_id, signature) VALUES ($1, $2)
             ON CONFLICT (source_id) DO UPDATE SET signature = excluded.signature`,
            [p.id, bytes(p.signature)],
          );
        }
        if (found === null && p.commentKeys.length) {
          await client.query(
            'INSERT INTO comment_keys (key, source_id) SELECT k, $2 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING',
            [p.commentKeys, p.id],
          );
        }
        const fc = opts.factChecks?.get(p.id);
        if (fc && (found === null || found === p.id)) {
          await client.query(
            `INSERT INTO factchecks (source_id, claim, rating, claimant, external_id) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (source_id) DO UPDATE SET claim = excluded.claim, rating = excluded.rating,
               claimant = excluded.claimant, external_id = excluded.external_id`,
            [p.id, fc.claim, fc.rating, fc.claimant, fc.externalId],
          );
        }
      }
      for (const [id, keys] of opts.sketches ?? []) {
        if (!added.includes(id) && !existing.includes(id)) continue;
        await client.query('DELETE FROM sketches WHERE source_id = $1', [id]);
        await client.query(
          'INSERT INTO sketches (key, source_id) SELECT DISTINCT k, $2 FROM unnest($1::bigint[]) AS k ON CONFLICT DO NOTHING',
          [[...keys], id],
        );
      }
      await countTerms(client, added, 1);
      const rels = opts.relations ?? [];
      if (rels.length) {
        await client.query(
          `INSERT INTO relations (from_id, to_id, kind, similarity, containment)
           SELECT u.* FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[]) AS u(f, t, k, s, c)
           WHERE EXISTS (SELECT 1 FROM sources WHERE id = u.f) AND EXISTS (SELECT 1 FROM sources WHERE id = u.t)
           ON CONFLICT (from_id, to_id) DO UPDATE
             SET kind = excluded.kind, similarity = excluded.similarity, containment = excluded.containment`,
          [rels.map((x) => x.from), rels.map((x) => x.to), rels.map((x) => x.kind), rels.map((x) => x.similarity), rels.map((x) => x.containment)],
        );
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
    // After a bulk add, fresh statistics: planned with the stale ones of a small table, the
    // sketch lookup of copy detection ran as a sequential scan (18 ms instead of 0.3 ms at 2,000
    // articles) until autovacuum got to it.
    if (added.length >= BULK_ANALYZE) await this.#pool.query('ANALYZE sketches, passages, term_df, sources');
    return { added, existing };
  }

  async get(id: string): Promise<StoredSource | null> {
    const r = await this.#pool.query(`SELECT ${META}, text, comments FROM sources WHERE id = $1`, [id]);
    const row = r.rows[0] as { text: string; comments: unknown } | undefined;
    if (!row) return null;
    return { ...toMeta(row), text: row.text, comments: commentsSchema.parse(row.comments) };
  }

  async list(opts: ListOptions = {}): Promise<SourceMeta[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.outlet !== undefined) where.push(`outlet = $${params.push(opts.outlet)}`);
    if (opts.kind !== undefined) where.push(`kind = $${params.push(opts.kind)}`);
    const limit = `$${params.push(opts.limit ?? null)}`;
    const offset = `$${params.push(opts.offset ?? 0)}`;
    const r = await this.#pool.query(
      `SELECT ${META} FROM sources ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return r.rows.map(toMeta);
  }

  async count(): Promise<number> {
    const r = await this.#pool.query<{ n: number }>('SELECT count(*)::int AS n FROM sources');
    return r.rows[0]?.n ?? 0;
  }

  async remove(id: string): Promise<boolean> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await countTerms(client, [id], -1);
      const r = await client.query('DELETE FROM sources WHERE id = $1', [id]);
      await client.query('COMMIT');
      return (r.rowCount ?? 0) > 0;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async passages(sourceId: string): Promise<Passage[]> {
    const r = await this.#pool.query<PassageRow & { text: string }>(
      `SELECT p.idx, p.start_offset, p.end_offset, s.text FROM passages p JOIN sources s ON s.id = p.source_id
       WHERE p.source_id = $1 ORDER BY p.idx`,
      [sourceId],
    );
    return r.rows.map((row) => toPassage(sourceId, row, row.text));
  }

  /**
   * The query's most specific terms (see terms.ts), from the term statistics kept with every
   * write: ranking every passage that holds a common word is most of the cost of an OR query.
   */
  async #specific(terms: string[]): Promise<string[]> {
    if (terms.length <= 3) return terms;
    const r = await this.#pool.query<{ term: string; df: string }>('SELECT term, df FROM term_df WHERE term = ANY($1::text[])', [['', ...terms]]);
    const df = new Map(r.rows.map((x) => [x.term, Number(x.df)]));
    return specificTerms(terms, (t) => df.get(t) ?? 0, df.get('') ?? 0);
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    const all = queryTerms(q.text);
    const terms = q.allTerms ? all : await this.#specific(all);
    if (terms.length === 0) return [];
    const params: unknown[] = [terms];
    const filters: string[] = [];
    if (q.exclude?.length) filters.push(`AND NOT (p.source_id = ANY($${params.push(q.exclude)}::text[]))`);
    if (q.kind) filters.push(`AND EXISTS (SELECT 1 FROM sources s WHERE s.id = p.source_id AND s.kind = $${params.push(q.kind)})`);
    if (q.published) {
      filters.push(`AND EXISTS (SELECT 1 FROM sources s WHERE s.id = p.source_id
        AND substr(s.published, 1, 10) BETWEEN $${params.push(q.published.from.slice(0, 10))} AND $${params.push(q.published.to.slice(0, 10))})`);
    }
    const limit = `$${params.push(q.limit ?? 10)}`;
    const r = await this.#pool.query<PassageRow & { source_id: string; score: number }>(
      `WITH q AS (SELECT cc_or_tsquery(plainto_tsquery('simple', cc_fold(t))) AS q FROM unnest($1::text[]) AS t)
       SELECT p.source_id, p.idx, p.start_offset, p.end_offset, ts_rank(p.tsv, q.q, 1) AS score
       FROM passages p, q
       WHERE p.tsv @@ q.q ${filters.join(' ')}
       ORDER BY score DESC, p.source_id, p.idx
       LIMIT ${limit}`,
      params,
    );
    const ids = [...new Set(r.rows.map((h) => h.source_id))];
    if (ids.length === 0) return [];
    const src = await this.#pool.query(`SELECT ${META}, text FROM sources WHERE id = ANY($1::text[])`, [ids]);
    const sources = new Map<string, { meta: SourceMeta; text: string }>();
    for (const row of src.rows as { text: string }[]) {
      const meta = toMeta(row);
      sources.set(meta.id, { meta, text: row.text });
    }
    return r.rows.flatMap((h) => {
      const s = sources.get(h.source_id);
      return s ? [{ passage: toPassage(h.source_id, h, s.text), source: s.meta, score: Number(h.score) }] : [];
    });
  }

  async *signatures(): AsyncIterable<{ id: string; signature: Uint32Array }> {
    let after = '';
    for (;;) {
      const r = await this.#pool.query<{ source_id: string; signature: Buffer }>(
        'SELECT source_id, signature FROM signatures WHERE source_id > $1 ORDER BY source_id LIMIT $2',
        [after, PAGE],
      );
      for (const row of r.rows) yield { id: row.source_id, signature: decodeSignature(row.signature, row.source_id) };
      const last = r.rows.at(-1);
      if (!last || r.rows.length < PAGE) return;
      after = last.source_id;
    }
  }

  async addRelations(rels: readonly Relation[]): Promise<void> {
    if (rels.length === 0) return;
    await this.#pool.query(
      `INSERT INTO relations (from_id, to_id, kind, similarity, containment)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[])
       ON CONFLICT (from_id, to_id) DO UPDATE
         SET kind = excluded.kind, similarity = excluded.similarity, containment = excluded.containment`,
      [rels.map((x) => x.from), rels.map((x) => x.to), rels.map((x) => x.kind), rels.map((x) => x.similarity), rels.map((x) => x.containment)],
    );
  }

  async copyCandidates(keys: Uint32Array, opts: { limit?: number; exclude?: string[] } = {}): Promise<CopyCandidate[]> {
    if (!keys.length) return [];
    const r = await this.#pool.query(
      `SELECT source_id AS id, count(*)::int AS shared FROM sketches
       WHERE key = ANY($1::bigint[]) AND NOT (source_id = ANY($2::text[]))
       GROUP BY source_id ORDER BY shared DESC, source_id LIMIT $3`,
      [[...keys], opts.exclude ?? [], opts.limit ?? 50],
    );
    return r.rows.map((x: { id: string; shared: number }) => ({ id: String(x.id), shared: Number(x.shared) }));
  }

  async commentReuse(keys: readonly string[], opts: { exclude?: readonly string[] } = {}): Promise<CommentReuse[]> {
    if (!keys.length) return [];
    const r = await this.#pool.query<{ key: string; id: string; title: string | null; outlet: string | null; url: string | null }>(
      `SELECT k.key, s.id, s.title, s.outlet, s.url FROM comment_keys k JOIN sources s ON s.id = k.source_id
       WHERE k.key = ANY($1::text[]) AND NOT (k.source_id = ANY($2::text[]))
       ORDER BY k.key, s.id`,
      [[...new Set(keys)], [...(opts.exclude ?? [])]],
    );
    return r.rows.map((x) => ({ key: x.key, sourceId: x.id, title: x.title, outlet: x.outlet, url: x.url }));
  }

  async relations(id: string): Promise<Relation[]> {
    const r = await this.#pool.query(
      'SELECT from_id, to_id, kind, similarity, containment FROM relations WHERE from_id = $1 OR to_id = $1 ORDER BY from_id, to_id',
      [id],
    );
    return r.rows.map(toRelation);
  }

  async factChecks(ids: readonly string[]): Promise<StoredFactCheck[]> {
    if (!ids.length) return [];
    const r = await this.#pool.query(
      `SELECT ${FACTCHECK_COLUMNS} FROM sources s LEFT JOIN factchecks f ON f.source_id = s.id
       WHERE s.kind = 'factcheck' AND s.id = ANY($1::text[])`,
      [[...new Set(ids)]],
    );
    const byId = new Map(r.rows.map(toFactCheck).map((f) => [f.sourceId, f]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async migrations(): Promise<AppliedMigration[]> {
    const r = await this.#pool.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
    return r.rows.map(toMigration);
  }

  // ---- the service: checks, feeds, jobs (see work.ts) ----

  async putCheck(c: CheckRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO checks (id, document_id, url, job_id, report, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET report = excluded.report, updated_at = excluded.updated_at, url = excluded.url, document_id = excluded.document_id`,
      [c.id, c.documentId, c.url, c.jobId, JSON.stringify(c.report), c.createdAt, c.updatedAt],
    );
  }

  async getCheck(id: string): Promise<CheckRecord | null> {
    const r = await this.#pool.query(`SELECT ${CHECK_COLUMNS} FROM checks WHERE id = $1`, [id]);
    return r.rows[0] ? toCheck(r.rows[0], false) : null;
  }

  async latestCheckForUrl(url: string): Promise<CheckRecord | null> {
    const r = await this.#pool.query(`SELECT ${CHECK_COLUMNS} FROM checks WHERE url = $1 ORDER BY created_at DESC, seq DESC LIMIT 1`, [url]);
    return r.rows[0] ? toCheck(r.rows[0], false) : null;
  }

  async listChecks(opts: { limit?: number } = {}): Promise<CheckRecord[]> {
    const r = await this.#pool.query(`SELECT ${CHECK_COLUMNS} FROM checks ORDER BY updated_at DESC, seq DESC LIMIT $1`, [opts.limit ?? null]);
    return r.rows.map((row) => toCheck(row, false));
  }

  async countChecks(): Promise<number> {
    const r = await this.#pool.query<{ n: number }>('SELECT count(*)::int AS n FROM checks');
    return r.rows[0]?.n ?? 0;
  }

  async addFeed(url: string, now: Date): Promise<boolean> {
    const iso = now.toISOString();
    const r = await this.#pool.query('INSERT INTO feeds (url, added_at, next_poll_at) VALUES ($1, $2, $2) ON CONFLICT DO NOTHING', [url, iso]);
    return (r.rowCount ?? 0) > 0;
  }

  async removeFeed(url: string): Promise<boolean> {
    const r = await this.#pool.query('DELETE FROM feeds WHERE url = $1', [url]);
    return (r.rowCount ?? 0) > 0;
  }

  async listFeeds(): Promise<FeedState[]> {
    const r = await this.#pool.query(`SELECT ${FEED_COLUMNS} FROM feeds ORDER BY seq`);
    return r.rows.map(toFeed);
  }

  async claimDueFeeds(now: Date, leaseUntil: Date, limit = 100): Promise<FeedState[]> {
    // The rows as they were before the lease moved next_poll_at (the old values are read in the CTE).
    const r = await this.#pool.query(
      `WITH due AS (
         SELECT ${FEED_COLUMNS} FROM feeds WHERE next_poll_at <= $1 ORDER BY next_poll_at, seq LIMIT $3 FOR UPDATE SKIP LOCKED
       ), leased AS (
         UPDATE feeds f SET next_poll_at = $2 FROM due WHERE f.url = due.url RETURNING f.url
       )
       SELECT due.* FROM due JOIN leased USING (url) ORDER BY due.next_poll_at, due.url`,
      [now.toISOString(), leaseUntil.toISOString(), limit],
    );
    return r.rows.map(toFeed);
  }

  async recordPoll(url: string, p: PollRecord): Promise<void> {
    await this.#pool.query(
      `UPDATE feeds SET etag = $2, last_modified = $3, failures = $4, next_poll_at = $5, last_polled_at = $6,
         last_status = $7, last_error = $8, items = items + $9 WHERE url = $1`,
      [url, p.etag, p.lastModified, p.failures, p.nextPollAt, p.polledAt, p.status, p.error, p.newItems],
    );
  }

  async seenItems(feedUrl: string, guids: readonly string[]): Promise<Set<string>> {
    if (!guids.length) return new Set();
    const r = await this.#pool.query<{ guid: string }>('SELECT guid FROM feed_items WHERE feed_url = $1 AND guid = ANY($2::text[])', [feedUrl, [...guids]]);
    return new Set(r.rows.map((x) => x.guid));
  }

  async markSeen(feedUrl: string, items: ReadonlyArray<{ guid: string; sourceId: string | null }>, now: Date): Promise<void> {
    if (!items.length) return;
    await this.#pool.query(
      `INSERT INTO feed_items (feed_url, guid, source_id, seen_at)
       SELECT $1, u.g, u.s, $4 FROM unnest($2::text[], $3::text[]) AS u(g, s) WHERE EXISTS (SELECT 1 FROM feeds WHERE url = $1)
       ON CONFLICT DO NOTHING`,
      [feedUrl, items.map((i) => i.guid), items.map((i) => i.sourceId), now.toISOString()],
    );
  }

  async enqueue(job: NewJob): Promise<{ id: string; created: boolean }> {
    const id = randomUUID();
    for (;;) {
      const r = await this.#pool.query<{ id: string }>(
        `INSERT INTO jobs (id, kind, payload, dedupe_key, state, attempts, max_attempts, run_after, created_at)
         VALUES ($1, $2, $3, $4, 'queued', 0, $5, cc_now_ms() + $6, cc_now_ms())
         ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('queued', 'running') DO NOTHING
         RETURNING id`,
        [id, job.kind, JSON.stringify(job.payload ?? null), job.dedupeKey ?? null, job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, job.delayMs ?? 0],
      );
      if (r.rows[0]) return { id: r.rows[0].id, created: true };
      if (job.dedupeKey === undefined) throw new Error(`job ${id} was not inserted`);
      const found = await this.#pool.query<{ id: string }>(
        "SELECT id FROM jobs WHERE dedupe_key = $1 AND state IN ('queued', 'running')", [job.dedupeKey],
      );
      // The conflicting job may have finished in between: try the insert again.
      if (found.rows[0]) return { id: found.rows[0].id, created: false };
    }
  }

  async claimJob(worker: string, leaseMs: number, kinds?: readonly string[]): Promise<Job | null> {
    const r = await this.#pool.query(
      `WITH next AS (
         SELECT id FROM jobs
         WHERE ((state = 'queued' AND run_after <= cc_now_ms()) OR (state = 'running' AND locked_until < cc_now_ms()))
           AND ($3::text[] IS NULL OR kind = ANY($3::text[]))
         ORDER BY seq LIMIT 1
         FOR UPDATE SKIP LOCKED
       )
       UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, locked_by = $1, locked_until = cc_now_ms() + $2
       FROM next WHERE j.id = next.id
       RETURNING ${JOB_COLUMNS.split(', ').map((c) => `j.${c}`).join(', ')}`,
      [worker, leaseMs, kinds ? [...kinds] : null],
    );
    return r.rows[0] ? toJob(r.rows[0], false) : null;
  }

  async heartbeat(id: string, worker: string, leaseMs: number): Promise<boolean> {
    const r = await this.#pool.query(
      "UPDATE jobs SET locked_until = cc_now_ms() + $3 WHERE id = $1 AND locked_by = $2 AND state = 'running'", [id, worker, leaseMs],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async finishJob(id: string, worker: string, outcome: JobOutcome): Promise<boolean> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const held = await client.query<{ attempts: number; max_attempts: number }>(
        "SELECT attempts, max_attempts FROM jobs WHERE id = $1 AND locked_by = $2 AND state = 'running' FOR UPDATE", [id, worker],
      );
      const row = held.rows[0];
      if (!row) {
        await client.query('ROLLBACK');
        return false;
      }
      if (outcome.ok) {
        if (outcome.check) {
          const c = outcome.check;
          await client.query(
            'INSERT INTO checks (id, document_id, url, job_id, report, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [c.id, c.documentId, c.url, c.jobId, JSON.stringify(c.report), c.createdAt, c.updatedAt],
          );
        }
        await client.query(
          "UPDATE jobs SET state = 'done', result = $2, error = NULL, locked_until = NULL, finished_at = cc_now_ms() WHERE id = $1",
          [id, JSON.stringify(outcome.result ?? null)],
        );
      } else if (outcome.retryInMs !== null && row.attempts < row.max_attempts) {
        await client.query(
          "UPDATE jobs SET state = 'queued', error = $2, locked_by = NULL, locked_until = NULL, run_after = cc_now_ms() + $3 WHERE id = $1",
          [id, outcome.error, outcome.retryInMs],
        );
      } else {
        await client.query("UPDATE jobs SET state = 'failed', error = $2, locked_until = NULL, finished_at = cc_now_ms() WHERE id = $1", [id, outcome.error]);
      }
      await client.query('COMMIT');
      return true;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async getJob(id: string): Promise<Job | null> {
    const r = await this.#pool.query(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`, [id]);
    return r.rows[0] ? toJob(r.rows[0], false) : null;
  }

  async listJobs(opts: { state?: JobState; limit?: number } = {}): Promise<Job[]> {
    const r = await this.#pool.query(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE ($1::text IS NULL OR state = $1) ORDER BY seq DESC LIMIT $2`,
      [opts.state ?? null, opts.limit ?? null],
    );
    return r.rows.map((row) => toJob(row, false));
  }

  async countJobs(): Promise<JobCounts> {
    const counts: JobCounts = { queued: 0, running: 0, done: 0, failed: 0 };
    const r = await this.#pool.query<{ state: JobState; n: number }>('SELECT state, count(*)::int AS n FROM jobs GROUP BY state');
    for (const row of r.rows) counts[row.state] = row.n;
    return counts;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}

/** Documents added in one call from which the tables are analysed right after. */
const BULK_ANALYZE = 200;

/**
 * Adds (`sign` 1) or takes away (-1) the lexemes of these sources' passages to the term
 * statistics, and their number to the passage count (the empty term). Terms are locked in order,
 * so concurrent writers do not deadlock on them.
 */
async function countTerms(client: pg.PoolClient, ids: readonly string[], sign: 1 | -1): Promise<void> {
  if (!ids.length) return;
  await client.query(
    `INSERT INTO term_df (term, df)
     SELECT word, $2::bigint * n FROM (
       SELECT word, count(*) AS n FROM passages, unnest(tsvector_to_array(tsv)) AS word
       WHERE source_id = ANY($1::text[]) GROUP BY word
       UNION ALL
       SELECT '', count(*) FROM passages WHERE source_id = ANY($1::text[])
     ) s ORDER BY word
     ON CONFLICT (term) DO UPDATE SET df = term_df.df + excluded.df`,
    [ids, sign],
  );
}

/** Inserts a source with its passages; returns null when stored, else the id already stored (same id or URL). */
async function insertSource(client: pg.PoolClient, p: PreparedSource): Promise<string | null> {
  const ins = await client.query(
    `INSERT INTO sources (${META}, text, comments) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT DO NOTHING`,
    [p.id, p.url, p.title, p.outlet, p.published, p.fetchedAt, p.origin, p.kind, p.wordCount, p.text, p.comments],
  );
  if (ins.rowCount === 0) {
    const found = await client.query<{ id: string }>(
      'SELECT id FROM sources WHERE id = $1 OR url = $2 ORDER BY (id = $1) DESC LIMIT 1',
      [p.id, p.url],
    );
    const id = found.rows[0]?.id;
    if (id === undefined) throw new Error(`source "${p.id}" conflicts with a row that is not visible`);
    return id;
  }
  if (p.passages.length > 0) {
    await client.query(
      `INSERT INTO passages (source_id, idx, start_offset, end_offset, tsv)
       SELECT $1, t.i, t.s, t.e, to_tsvector('simple', cc_fold(t.f))
       FROM unnest($2::int[], $3::int[], $4::int[], $5::text[]) AS t(i, s, e, f)`,
      [p.id, p.passages.map((_, i) => i), p.passages.map((x) => x.span.start), p.passages.map((x) => x.span.end), p.passages.map((x) => x.folded)],
    );
  }
  return null;
}
