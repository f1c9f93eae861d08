/**
 * SQLite schema, as numbered migrations applied in order at open (each once, recorded in
 * `schema_migrations`). Never edit a released migration: add the next number.
 */
export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}

export const sqliteMigrations: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'sources, passages, full-text index, signatures, relations',
    sql: `
      CREATE TABLE sources (
        id TEXT PRIMARY KEY CHECK (length(id) > 0),
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        fetched_at TEXT NOT NULL,
        origin TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('article', 'factcheck')),
        word_count INTEGER NOT NULL CHECK (word_count >= 0),
        text TEXT NOT NULL,
        comments TEXT NOT NULL DEFAULT '[]'
      );
      CREATE UNIQUE INDEX sources_url ON sources(url) WHERE url IS NOT NULL;
      CREATE INDEX sources_outlet ON sources(outlet);

      CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        CHECK (0 <= start_offset AND start_offset < end_offset),
        UNIQUE (source_id, idx)
      );

      -- The folded passage text only (see fold.ts); the passage text itself is a slice of sources.text.
      CREATE VIRTUAL TABLE passages_fts USING fts5(
        folded,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
        DELETE FROM passages_fts WHERE rowid = old.id;
      END;

      CREATE TABLE signatures (
        source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
        signature BLOB NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE relations (
        from_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        to_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('copy', 'rewrite')),
        similarity REAL NOT NULL,
        containment REAL NOT NULL,
        PRIMARY KEY (from_id, to_id),
        CHECK (from_id <> to_id)
      ) WITHOUT ROWID;
      CREATE INDEX relations_to ON relations(to_id);
    `,
  },
  {
    version: 2,
    name: 'copy-detection sketches (LSH band keys)',
    sql: `
      CREATE TABLE sketches (
        key INTEGER NOT NULL,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        PRIMARY KEY (key, source_id)
      ) WITHOUT ROWID;
      CREATE INDEX sketches_source ON sketches(source_id);
    `,
  },
  {
    version: 3,
    name: 'term statistics of the full-text index (fts5vocab)',
    sql: `CREATE VIRTUAL TABLE passages_vocab USING fts5vocab(passages_fts, 'row');`,
  },
  {
    version: 4,
    name: 'fact-checks: claim reviewed, rating, claimant, external id',
    sql: `
      CREATE TABLE factchecks (
        source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
        claim TEXT NOT NULL CHECK (length(claim) > 0),
        rating TEXT NOT NULL,
        claimant TEXT,
        external_id TEXT
      ) WITHOUT ROWID;
      CREATE INDEX factchecks_external ON factchecks(external_id) WHERE external_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'comment fingerprints (reuse of a comment across stored articles)',
    // cc_comment_key(text) is registered by the adapter at open (comment-keys.ts): the backfill
    // fingerprints the comments of sources stored before this migration.
    sql: `
      CREATE TABLE comment_keys (
        key TEXT NOT NULL,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        PRIMARY KEY (key, source_id)
      ) WITHOUT ROWID;
      CREATE INDEX comment_keys_source ON comment_keys(source_id);
      INSERT OR IGNORE INTO comment_keys (key, source_id)
        SELECT k.key, k.source_id FROM (
          SELECT cc_comment_key(json_extract(c.value, '$.text')) AS key, s.id AS source_id
          FROM sources s, json_each(s.comments) c
        ) k WHERE k.key IS NOT NULL;
    `,
  },
  {
    version: 6,
    name: 'service: stored checks, watched feeds and seen items, job queue',
    sql: `
      CREATE TABLE checks (
        id TEXT PRIMARY KEY CHECK (length(id) > 0),
        document_id TEXT NOT NULL,
        url TEXT,
        job_id TEXT UNIQUE,
        report TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX checks_url ON checks(url, created_at) WHERE url IS NOT NULL;
      CREATE INDEX checks_updated ON checks(updated_at);

      CREATE TABLE feeds (
        url TEXT PRIMARY KEY CHECK (length(url) > 0),
        added_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at TEXT NOT NULL,
        last_polled_at TEXT,
        last_status TEXT,
        last_error TEXT,
        items INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX feeds_due ON feeds(next_poll_at);

      CREATE TABLE feed_items (
        feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        source_id TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed_url, guid)
      ) WITHOUT ROWID;

      CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        dedupe_key TEXT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
        locked_by TEXT,
        locked_until INTEGER,
        run_after INTEGER NOT NULL,
        result TEXT,
        error TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE UNIQUE INDEX jobs_dedupe ON jobs(dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('queued', 'running');
      CREATE INDEX jobs_runnable ON jobs(state, run_after);
    `,
  },
  {
    version: 7,
    name: 'index of sources by kind (articles vs fact-checks)',
    sql: `CREATE INDEX sources_kind ON sources(kind);`,
  },
];
