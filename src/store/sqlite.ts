/** The embedded adapter: one SQLite file (better-sqlite3), WAL, FTS5 with bm25 ranking. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Document } from '../model/index.ts';
import { commentKey } from './comment-keys.ts';
import { queryTerms } from './fold.ts';
import { specificTerms } from './terms.ts';
import { sqliteMigrations } from './migrations/sqlite.ts';
import { decodeSignature, prepare, toPassage, type PassageRow } from './rows.ts';
import {
  commentsSchema, FACTCHECK_COLUMNS, toFactCheck, toMeta, toMigration, toRelation, type StoredFactCheck,
  type AddOptions, type AddResult, type CommentReuse, type CopyCandidate, type ListOptions, type OpenOptions, type Passage, type Relation,
  type SearchHit, type SearchQuery, type SourceMeta, type Store, type StoredSource,
} from './types.ts';
import {
  DEFAULT_MAX_ATTEMPTS, FEED_COLUMNS, JOB_COLUMNS, toCheck, toFeed, toJob,
  type CheckRecord, type FeedState, type Job, type JobCounts, type JobOutcome, type JobState, type NewJob, type PollRecord,
} from './work.ts';

const META = 'id, url, title, outlet, published, fetched_at, origin, kind, word_count';
const PAGE = 500;
/** Passages from which a store counts as large (see COMMON_WORDS). */
const LARGE_STORE = 50_000;
/** Words found in a good share of any news text: in a large store their frequency is not looked up. */
const COMMON_WORDS = new Set(`between new up time first state out high group year years show people used through like while so
many because him now against among several last known report reported news mr mrs ms way make made get got go going week
day days month months today yesterday back well even still part including include includes long large small big less
least much world country countries government official officials president city home work called call use using found
find next early late later around off down near public national local million billion thousand number numbers told says
say think want wants need needs help take took come came see seen look good great best right left know knew give gave
like likely set put end ended start started took percent top three four five six seven ten hundred whether without within
however although though already yet never ever always again too own same different another each told during`.split(/\s+/));

/** Opens (creating when needed) and migrates the store; throws with a plain reason when it cannot. */
export function openSqlite(path: string, opts: OpenOptions = {}): Store {
  const memory = path === ':memory:';
  const file = memory ? path : resolve(path);
  if (!memory) {
    const st = statSync(file, { throwIfNoEntry: false });
    if (st?.isDirectory()) throw new Error('is a directory, expected a database file');
    ensureDir(dirname(file));
  }
  const db = new Database(file);
  try {
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Used by migration 5 to fingerprint comments stored before it.
    db.function('cc_comment_key', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? commentKey(text) : null));
    migrate(db);
    return new SqliteStore(db, file, opts.now ?? (() => new Date()));
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Creates a folder and its missing parents one level at a time (Node 20's recursive mkdirSync
 * can spin forever on some paths, e.g. under /proc).
 */
function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    if (dirname(d) === d) break;
    missing.unshift(d);
  }
  for (const d of missing) mkdirSync(d);
}

function migrate(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const run = db.transaction(() => {
    const done = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    const known = Math.max(0, ...sqliteMigrations.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) throw new Error(`schema version ${newest} is newer than this crosscheck knows (${known})`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of sqliteMigrations) {
      if (done.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }
  });
  run.immediate();
}

class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #now: () => Date;
  readonly #s;

  constructor(db: Database.Database, readonly location: string, now: () => Date) {
    this.#db = db;
    this.#now = now;
    this.#s = {
      byId: db.prepare('SELECT id FROM sources WHERE id = ?').pluck(),
      byUrl: db.prepare('SELECT id FROM sources WHERE url = ?').pluck(),
      insertSource: db.prepare(`INSERT INTO sources (${META}, text, comments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertPassage: db.prepare('INSERT INTO passages (source_id, idx, start_offset, end_offset) VALUES (?, ?, ?, ?)'),
      insertFts: db.prepare('INSERT INTO passages_fts (rowid, folded) VALUES (?, ?)'),
      putSignature: db.prepare(
        'INSERT INTO signatures (source_id, signature) VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET signature = excluded.signature',
      ),
      get: db.prepare(`SELECT ${META}, text, comments FROM sources WHERE id = ?`),
      count: db.prepare('SELECT count(*) FROM sources').pluck(),
      remove: db.prepare('DELETE FROM sources WHERE id = ?'),
      passages: db.prepare('SELECT idx, start_offset, end_offset FROM passages WHERE source_id = ? ORDER BY idx'),
      vocab: db.prepare('SELECT doc FROM passages_vocab WHERE term = ?').pluck(),
      sourcesIn: db.prepare(`SELECT ${META}, text FROM sources WHERE id IN (SELECT value FROM json_each(?))`),
      signatures: db.prepare('SELECT source_id, signature FROM signatures WHERE source_id > ? ORDER BY source_id LIMIT ?'),
      putRelation: db.prepare(`INSERT INTO relations (from_id, to_id, kind, similarity, containment) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (from_id, to_id) DO UPDATE SET kind = excluded.kind, similarity = excluded.similarity, containment = excluded.containment`),
      relations: db.prepare(
        'SELECT from_id, to_id, kind, similarity, containment FROM relations WHERE from_id = ? OR to_id = ? ORDER BY from_id, to_id',
      ),
      migrations: db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version'),
      putSketch: db.prepare('INSERT OR IGNORE INTO sketches (key, source_id) VALUES (?, ?)'),
      dropSketches: db.prepare('DELETE FROM sketches WHERE source_id = ?'),
      putCommentKey: db.prepare('INSERT OR IGNORE INTO comment_keys (key, source_id) VALUES (?, ?)'),
      putFactCheck: db.prepare(`INSERT INTO factchecks (source_id, claim, rating, claimant, external_id) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (source_id) DO UPDATE SET claim = excluded.claim, rating = excluded.rating, claimant = excluded.claimant, external_id = excluded.external_id`),
      factChecksIn: db.prepare(`SELECT ${FACTCHECK_COLUMNS} FROM sources s LEFT JOIN factchecks f ON f.source_id = s.id
        WHERE s.kind = 'factcheck' AND s.id IN (SELECT value FROM json_each(?))`),
    };
  }

  async add(docs: readonly Document[], opts: AddOptions = {}): Promise<AddResult> {
    const fetchedAt = this.#now().toISOString();
    const prepared = docs.map((d) => prepare(d, opts.kind ?? 'article', fetchedAt, opts.signatures?.get(d.id)));
    const s = this.#s;
    const added: string[] = [];
    const existing: string[] = [];
    this.#db.transaction(() => {
      for (const p of prepared) {
        const found = (s.byId.get(p.id) ?? (p.url === null ? undefined : s.byUrl.get(p.url))) as string | undefined;
        if (found !== undefined) {
          existing.push(found);
          if (found === p.id && p.signature) s.putSignature.run(p.id, p.signature);
          const fc = opts.factChecks?.get(p.id);
          if (found === p.id && fc) s.putFactCheck.run(p.id, fc.claim, fc.rating, fc.claimant, fc.externalId);
          continue;
        }
        s.insertSource.run(p.id, p.url, p.title, p.outlet, p.published, p.fetchedAt, p.origin, p.kind, p.wordCount, p.text, p.comments);
        p.passages.forEach((q, i) => {
          const row = s.insertPassage.run(p.id, i, q.span.start, q.span.end);
          s.insertFts.run(row.lastInsertRowid, q.folded);
        });
        if (p.signature) s.putSignature.run(p.id, p.signature);
        for (const k of p.commentKeys) s.putCommentKey.run(k, p.id);
        const fc = opts.factChecks?.get(p.id);
        if (fc) s.putFactCheck.run(p.id, fc.claim, fc.rating, fc.claimant, fc.externalId);
        added.push(p.id);
      }
      for (const [id, keys] of opts.sketches ?? []) {
        if (!added.includes(id) && !existing.includes(id)) continue;
        s.dropSketches.run(id);
        for (const k of keys) s.putSketch.run(k, id);
      }
      // Only between stored sources: a document deduplicated by URL under another id has no relations.
      for (const r of opts.relations ?? []) {
        if (s.byId.get(r.from) !== undefined && s.byId.get(r.to) !== undefined) s.putRelation.run(r.from, r.to, r.kind, r.similarity, r.containment);
      }
    }).immediate();
    if (added.length) (this.#passageCount = null, this.#df.clear());
    return { added, existing };
  }

  async get(id: string): Promise<StoredSource | null> {
    const row = this.#s.get.get(id) as { text: string; comments: string } | undefined;
    if (!row) return null;
    return { ...toMeta(row), text: String(row.text), comments: commentsSchema.parse(JSON.parse(row.comments)) };
  }

  async list(opts: ListOptions = {}): Promise<SourceMeta[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.outlet !== undefined) (where.push('outlet = ?'), params.push(opts.outlet));
    if (opts.kind !== undefined) (where.push('kind = ?'), params.push(opts.kind));
    const sql = `SELECT ${META} FROM sources ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY rowid LIMIT ? OFFSET ?`;
    const rows = this.#db.prepare(sql).all(...params, opts.limit ?? -1, opts.offset ?? 0);
    return rows.map(toMeta);
  }

  async count(): Promise<number> {
    return Number(this.#s.count.get());
  }

  async remove(id: string): Promise<boolean> {
    const removed = this.#s.remove.run(id).changes > 0;
    if (removed) (this.#passageCount = null, this.#df.clear());
    return removed;
  }

  async passages(sourceId: string): Promise<Passage[]> {
    const src = this.#s.get.get(sourceId) as { text: string } | undefined;
    if (!src) return [];
    const rows = this.#s.passages.all(sourceId) as { idx: number; start_offset: number; end_offset: number }[];
    return rows.map((r) => toPassage(sourceId, r, src.text));
  }

  #passageCount: number | null = null;
  #df = new Map<string, number>();
  /** Prepared search statements by SQL (a handful of shapes). */
  #searches = new Map<string, Database.Statement>();

  /** Keep the query's most specific terms (see terms.ts). */
  #specific(terms: string[]): string[] {
    if (terms.length <= 3) return terms;
    this.#passageCount ??= Number(this.#db.prepare('SELECT count(*) FROM passages').pluck().get());
    // In a large store, looking up the frequency of a very common word reads its whole posting
    // list; such words are dropped anyway, so they are looked up only when too few others remain.
    const looked = this.#passageCount >= LARGE_STORE ? terms.filter((t) => !COMMON_WORDS.has(t) && !/^\d$/.test(t)) : terms;
    return this.#specificOf(looked.length >= 3 ? looked : terms, terms);
  }

  /** The rarest of `looked` (falling back to all of `terms` when fewer than three occur). */
  #specificOf(looked: string[], terms: string[]): string[] {
    // Document frequencies, remembered until the next write: the claims of one article share many terms.
    const df = this.#df;
    const unknown = looked.filter((t) => !df.has(t));
    if (df.size + unknown.length > 50_000) df.clear();
    for (const t of unknown) df.set(t, Number(this.#s.vocab.get(t) ?? 0));
    if (looked.filter((t) => (df.get(t) ?? 0) > 0).length < 3 && looked.length < terms.length) return this.#specificOf(terms, terms);
    return specificTerms(looked, (t) => df.get(t) ?? 0, this.#passageCount!);
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    const terms = q.allTerms ? queryTerms(q.text) : this.#specific(queryTerms(q.text));
    if (terms.length === 0) return [];
    const match = terms.map((t) => `"${t}"`).join(' OR ');
    const limit = q.limit ?? 10;
    const filtered = Boolean(q.kind || q.published || q.exclude?.length);
    // Rank in the full-text index alone first (joining every match to its source before the
    // ranking costs several times more), then filter the best few; only when the filters leave
    // too few is the whole match filtered.
    const run = (inner: number | null): (PassageRow & { source_id: string; rank: number })[] => {
      const sql = `SELECT p.source_id, p.idx, p.start_offset, p.end_offset, f.rank
        FROM (SELECT rowid, bm25(passages_fts) AS rank FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank ${inner === null ? '' : 'LIMIT ?'}) f
        JOIN passages p ON p.id = f.rowid
        ${q.kind || q.published ? `JOIN sources s ON s.id = p.source_id${q.kind ? ' AND s.kind = ?' : ''}${q.published ? ' AND substr(s.published, 1, 10) BETWEEN ? AND ?' : ''}` : ''}
        ${q.exclude?.length ? 'WHERE p.source_id NOT IN (SELECT value FROM json_each(?))' : ''}
        ORDER BY f.rank LIMIT ?`;
      const params: unknown[] = [match];
      if (inner !== null) params.push(inner);
      if (q.kind) params.push(q.kind);
      if (q.published) params.push(q.published.from.slice(0, 10), q.published.to.slice(0, 10));
      if (q.exclude?.length) params.push(JSON.stringify(q.exclude));
      params.push(limit);
      let stmt = this.#searches.get(sql);
      if (!stmt) this.#searches.set(sql, (stmt = this.#db.prepare(sql)));
      return stmt.all(...params) as (PassageRow & { source_id: string; rank: number })[];
    };
    let hits = run(filtered ? 4 * limit + 50 : limit);
    if (filtered && hits.length < limit) hits = run(null);
    const ids = [...new Set(hits.map((h) => h.source_id))];
    const sources = new Map<string, { meta: SourceMeta; text: string }>();
    for (const row of this.#s.sourcesIn.all(JSON.stringify(ids)) as { text: string }[]) {
      const meta = toMeta(row);
      sources.set(meta.id, { meta, text: row.text });
    }
    return hits.flatMap((h) => {
      const src = sources.get(h.source_id);
      return src ? [{ passage: toPassage(h.source_id, h, src.text), source: src.meta, score: -h.rank }] : [];
    });
  }

  async *signatures(): AsyncIterable<{ id: string; signature: Uint32Array }> {
    let after = '';
    for (;;) {
      const rows = this.#s.signatures.all(after, PAGE) as { source_id: string; signature: Buffer }[];
      for (const r of rows) yield { id: r.source_id, signature: decodeSignature(r.signature, r.source_id) };
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      after = last.source_id;
    }
  }

  async addRelations(rels: readonly Relation[]): Promise<void> {
    const put = this.#s.putRelation;
    this.#db.transaction(() => {
      for (const r of rels) put.run(r.from, r.to, r.kind, r.similarity, r.containment);
    })();
  }

  async copyCandidates(keys: Uint32Array, opts: { limit?: number; exclude?: string[] } = {}): Promise<CopyCandidate[]> {
    if (!keys.length) return [];
    const rows = this.#db.prepare(
      `SELECT source_id AS id, count(*) AS shared FROM sketches WHERE key IN (SELECT value FROM json_each(?))
       ${opts.exclude?.length ? 'AND source_id NOT IN (SELECT value FROM json_each(?))' : ''}
       GROUP BY source_id ORDER BY shared DESC, source_id LIMIT ?`,
    ).all(JSON.stringify([...keys]), ...(opts.exclude?.length ? [JSON.stringify(opts.exclude)] : []), opts.limit ?? 50) as Array<{ id: string; shared: number }>;
    return rows.map((r) => ({ id: String(r.id), shared: Number(r.shared) }));
  }

  async commentReuse(keys: readonly string[], opts: { exclude?: readonly string[] } = {}): Promise<CommentReuse[]> {
    if (!keys.length) return [];
    const rows = this.#db.prepare(
      `SELECT k.key, s.id, s.title, s.outlet, s.url FROM comment_keys k JOIN sources s ON s.id = k.source_id
       WHERE k.key IN (SELECT value FROM json_each(?)) AND k.source_id NOT IN (SELECT value FROM json_each(?))
       ORDER BY k.key, s.id`,
    ).all(JSON.stringify([...new Set(keys)]), JSON.stringify(opts.exclude ?? [])) as Array<{ key: string; id: string; title: string | null; outlet: string | null; url: string | null }>;
    return rows.map((r) => ({ key: String(r.key), sourceId: String(r.id), title: r.title, outlet: r.outlet, url: r.url }));
  }

  async relations(id: string): Promise<Relation[]> {
    return this.#s.relations.all(id, id).map(toRelation);
  }

  async factChecks(ids: readonly string[]): Promise<StoredFactCheck[]> {
    if (!ids.length) return [];
    const byId = new Map((this.#s.factChecksIn.all(JSON.stringify([...new Set(ids)])) as unknown[]).map(toFactCheck).map((f) => [f.sourceId, f]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async migrations() {
    return this.#s.migrations.all().map(toMigration);
  }

  // ---- the service: checks, feeds, jobs (see work.ts) ----

  async putCheck(c: CheckRecord): Promise<void> {
    this.#db.prepare(`INSERT INTO checks (id, document_id, url, job_id, report, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET report = excluded.report, updated_at = excluded.updated_at, url = excluded.url, document_id = excluded.document_id`)
      .run(c.id, c.documentId, c.url, c.jobId, JSON.stringify(c.report), c.createdAt, c.updatedAt);
  }

  async getCheck(id: string): Promise<CheckRecord | null> {
    const row = this.#db.prepare(`SELECT ${CHECK_COLUMNS} FROM checks WHERE id = ?`).get(id);
    return row ? toCheck(row, true) : null;
  }

  async latestCheckForUrl(url: string): Promise<CheckRecord | null> {
    const row = this.#db.prepare(`SELECT ${CHECK_COLUMNS} FROM checks WHERE url = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`).get(url);
    return row ? toCheck(row, true) : null;
  }

  async listChecks(opts: { limit?: number } = {}): Promise<CheckRecord[]> {
    return this.#db.prepare(`SELECT ${CHECK_COLUMNS} FROM checks ORDER BY updated_at DESC, rowid DESC LIMIT ?`).all(opts.limit ?? -1).map((r) => toCheck(r, true));
  }

  async countChecks(): Promise<number> {
    return Number(this.#db.prepare('SELECT count(*) FROM checks').pluck().get());
  }

  async addFeed(url: string, now: Date): Promise<boolean> {
    const iso = now.toISOString();
    return this.#db.prepare('INSERT OR IGNORE INTO feeds (url, added_at, next_poll_at) VALUES (?, ?, ?)').run(url, iso, iso).changes > 0;
  }

  async removeFeed(url: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM feeds WHERE url = ?').run(url).changes > 0;
  }

  async listFeeds(): Promise<FeedState[]> {
    return this.#db.prepare(`SELECT ${FEED_COLUMNS} FROM feeds ORDER BY rowid`).all().map(toFeed);
  }

  async claimDueFeeds(now: Date, leaseUntil: Date, limit = 100): Promise<FeedState[]> {
    const db = this.#db;
    return db.transaction(() => {
      const due = db.prepare(`SELECT ${FEED_COLUMNS} FROM feeds WHERE next_poll_at <= ? ORDER BY next_poll_at, rowid LIMIT ?`).all(now.toISOString(), limit).map(toFeed);
      const lease = db.prepare('UPDATE feeds SET next_poll_at = ? WHERE url = ?');
      for (const f of due) lease.run(leaseUntil.toISOString(), f.url);
      return due;
    }).immediate();
  }

  async recordPoll(url: string, p: PollRecord): Promise<void> {
    this.#db.prepare(`UPDATE feeds SET etag = ?, last_modified = ?, failures = ?, next_poll_at = ?, last_polled_at = ?,
      last_status = ?, last_error = ?, items = items + ? WHERE url = ?`)
      .run(p.etag, p.lastModified, p.failures, p.nextPollAt, p.polledAt, p.status, p.error, p.newItems, url);
  }

  async seenItems(feedUrl: string, guids: readonly string[]): Promise<Set<string>> {
    if (!guids.length) return new Set();
    const rows = this.#db.prepare('SELECT guid FROM feed_items WHERE feed_url = ? AND guid IN (SELECT value FROM json_each(?))').pluck()
      .all(feedUrl, JSON.stringify(guids)) as string[];
    return new Set(rows);
  }

  async markSeen(feedUrl: string, items: ReadonlyArray<{ guid: string; sourceId: string | null }>, now: Date): Promise<void> {
    const put = this.#db.prepare('INSERT OR IGNORE INTO feed_items (feed_url, guid, source_id, seen_at) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM feeds WHERE url = ?)');
    this.#db.transaction(() => {
      for (const i of items) put.run(feedUrl, i.guid, i.sourceId, now.toISOString(), feedUrl);
    }).immediate();
  }

  async enqueue(job: NewJob): Promise<{ id: string; created: boolean }> {
    const db = this.#db;
    return db.transaction(() => {
      if (job.dedupeKey !== undefined) {
        const found = db.prepare("SELECT id FROM jobs WHERE dedupe_key = ? AND state IN ('queued', 'running')").pluck().get(job.dedupeKey) as string | undefined;
        if (found !== undefined) return { id: found, created: false };
      }
      const id = randomUUID();
      const now = Date.now();
      db.prepare(`INSERT INTO jobs (id, kind, payload, dedupe_key, state, attempts, max_attempts, run_after, created_at)
        VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?)`)
        .run(id, job.kind, JSON.stringify(job.payload ?? null), job.dedupeKey ?? null, job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, now + (job.delayMs ?? 0), now);
      return { id, created: true };
    }).immediate();
  }

  async claimJob(worker: string, leaseMs: number, kinds?: readonly string[]): Promise<Job | null> {
    const db = this.#db;
    // An IMMEDIATE transaction takes SQLite's one write lock: two processes never claim the same row.
    return db.transaction(() => {
      const now = Date.now();
      const row = db.prepare(`SELECT id FROM jobs
        WHERE ((state = 'queued' AND run_after <= ?) OR (state = 'running' AND locked_until < ?))
        ${kinds ? 'AND kind IN (SELECT value FROM json_each(?))' : ''}
        ORDER BY seq LIMIT 1`).pluck().get(now, now, ...(kinds ? [JSON.stringify(kinds)] : [])) as string | undefined;
      if (row === undefined) return null;
      db.prepare("UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = ?, locked_until = ? WHERE id = ?").run(worker, now + leaseMs, row);
      return toJob(db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`).get(row), true);
    }).immediate();
  }

  async heartbeat(id: string, worker: string, leaseMs: number): Promise<boolean> {
    return this.#db.prepare("UPDATE jobs SET locked_until = ? WHERE id = ? AND locked_by = ? AND state = 'running'").run(Date.now() + leaseMs, id, worker).changes > 0;
  }

  async finishJob(id: string, worker: string, outcome: JobOutcome): Promise<boolean> {
    const db = this.#db;
    return db.transaction(() => {
      const held = db.prepare("SELECT attempts, max_attempts FROM jobs WHERE id = ? AND locked_by = ? AND state = 'running'").get(id, worker) as
        { attempts: number; max_attempts: number } | undefined;
      if (!held) return false;
      const now = Date.now();
      if (outcome.ok) {
        if (outcome.check) {
          const c = outcome.check;
          db.prepare('INSERT INTO checks (id, document_id, url, job_id, report, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(c.id, c.documentId, c.url, c.jobId, JSON.stringify(c.report), c.createdAt, c.updatedAt);
        }
        db.prepare("UPDATE jobs SET state = 'done', result = ?, error = NULL, locked_until = NULL, finished_at = ? WHERE id = ?")
          .run(JSON.stringify(outcome.result ?? null), now, id);
      } else if (outcome.retryInMs !== null && held.attempts < held.max_attempts) {
        db.prepare("UPDATE jobs SET state = 'queued', error = ?, locked_by = NULL, locked_until = NULL, run_after = ? WHERE id = ?")
          .run(outcome.error, now + outcome.retryInMs, id);
      } else {
        db.prepare("UPDATE jobs SET state = 'failed', error = ?, locked_until = NULL, finished_at = ? WHERE id = ?").run(outcome.error, now, id);
      }
      return true;
    }).immediate();
  }

  async getJob(id: string): Promise<Job | null> {
    const row = this.#db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`).get(id);
    return row ? toJob(row, true) : null;
  }

  async listJobs(opts: { state?: JobState; limit?: number } = {}): Promise<Job[]> {
    const rows = this.#db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs ${opts.state ? 'WHERE state = ?' : ''} ORDER BY seq DESC LIMIT ?`)
      .all(...(opts.state ? [opts.state] : []), opts.limit ?? -1);
    return rows.map((r) => toJob(r, true));
  }

  async countJobs(): Promise<JobCounts> {
    const counts: JobCounts = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const r of this.#db.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as Array<{ state: JobState; n: number }>) counts[r.state] = Number(r.n);
    return counts;
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

const CHECK_COLUMNS = 'id, document_id, url, job_id, report, created_at, updated_at';
