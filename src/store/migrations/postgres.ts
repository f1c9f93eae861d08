/**
 * PostgreSQL schema, as numbered migrations applied in order at open (each once, recorded in
 * `schema_migrations`, under an advisory lock so concurrent opens do not race). Never edit a
 * released migration: add the next number.
 */
import type pg from 'pg';
import { commentKeys } from '../comment-keys.ts';

export interface PgMigration {
  version: number;
  name: string;
  up(client: pg.PoolClient): Promise<void>;
}

/**
 * `cc_fold(text)`: lower-case and, when the `unaccent` extension can be created, unaccent. Both
 * the indexed passages and the query terms go through it (after the same fold as SQLite's, see
 * fold.ts), so a missing extension only loses what unaccent would add beyond that fold.
 */
async function createFold(client: pg.PoolClient): Promise<void> {
  let schema: string | null = null;
  await client.query('SAVEPOINT unaccent');
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    const r = await client.query<{ nspname: string }>(
      `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
    );
    schema = r.rows[0]?.nspname ?? null;
    await client.query('RELEASE SAVEPOINT unaccent');
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT unaccent');
  }
  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const body = schema
    ? `SELECT lower(${ident(schema)}.unaccent(${literal(`${ident(schema)}.unaccent`)}::regdictionary, $1))`
    : 'SELECT lower($1)';
  await client.query(`CREATE FUNCTION cc_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ ${body} $$`);
}

export const pgMigrations: readonly PgMigration[] = [
  {
    version: 1,
    name: 'sources, passages, full-text index, signatures, relations',
    async up(client) {
      await createFold(client);
      await client.query(`
        CREATE TABLE sources (
          seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
          id text PRIMARY KEY CHECK (length(id) > 0),
          url text UNIQUE,
          title text,
          outlet text,
          published text,
          fetched_at text NOT NULL,
          origin text NOT NULL,
          kind text NOT NULL CHECK (kind IN ('article', 'factcheck')),
          word_count integer NOT NULL CHECK (word_count >= 0),
          text text NOT NULL,
          comments jsonb NOT NULL DEFAULT '[]'
        );
        CREATE INDEX sources_outlet ON sources (outlet);

        CREATE TABLE passages (
          source_id text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
          idx integer NOT NULL,
          start_offset integer NOT NULL,
          end_offset integer NOT NULL,
          -- to_tsvector('simple', cc_fold(<folded passage words>)), written with the row
          tsv tsvector NOT NULL,
          PRIMARY KEY (source_id, idx),
          CHECK (0 <= start_offset AND start_offset < end_offset)
        );
        CREATE INDEX passages_tsv ON passages USING gin (tsv);

        CREATE TABLE signatures (
          source_id text PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
          signature bytea NOT NULL
        );

        CREATE TABLE relations (
          from_id text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
          to_id text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
          kind text NOT NULL CHECK (kind IN ('copy', 'rewrite')),
          similarity double precision NOT NULL,
          containment double precision NOT NULL,
          PRIMARY KEY (from_id, to_id),
          CHECK (from_id <> to_id)
        );
        CREATE INDEX relations_to ON relations (to_id);

        -- OR of tsqueries, to build a query from terms without parsing query syntax
        CREATE AGGREGATE cc_or_tsquery (tsquery) (SFUNC = tsquery_or, STYPE = tsquery);
      `);
    },
  },
  {
    version: 2,
    name: 'copy-detection sketches (LSH band keys)',
    async up(client) {
      await client.query(`
        CREATE TABLE sketches (
          key bigint NOT NULL,
          source_id text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
          PRIMARY KEY (key, source_id)
        );
        CREATE INDEX sketches_source ON sketches (source_id);
      `);
    },
  },
  {
    // Number 3 is SQLite's term-statistics table, which PostgreSQL does not need.
    version: 4,
    name: 'fact-checks: claim reviewed, rating, claimant, external id',
    async up(client) {
      await client.query(`
        CREATE TABLE factchecks (
          source_id text PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
          claim text NOT NULL CHECK (length(claim) > 0),
          rating text NOT NULL,
          claimant text,
          external_id text
        );
        CREATE INDEX factchecks_external ON factchecks (external_id) WHERE external_id IS NOT NULL;
      `);
    },
  },
  {
    version: 5,
    name: 'comment fingerprints (reuse of a comment across stored articles)',
    async up(client) {
      await client.query(`
        CREATE TABLE comment_keys (
          key text NOT NULL,
          source_id text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
          PRIMARY KEY (key, source_id)
        );
        CREATE INDEX comment_keys_source ON comment_keys (source_id);
      `);
      // Backfill: fingerprint the comments of the sources stored before this migration, a page at a time.
      let after = '';
      for (;;) {
        const page = await client.query<{ id: string; texts: unknown }>(
          `SELECT id, COALESCE((SELECT jsonb_agg(c->>'text') FROM jsonb_array_elements(comments) c), '[]'::jsonb) AS texts
           FROM sources WHERE id > $1 AND jsonb_array_length(comments) > 0 ORDER BY id LIMIT 500`,
          [after],
        );
        const ids: string[] = [];
        const keys: string[] = [];
        for (const row of page.rows) {
          const texts = Array.isArray(row.texts) ? row.texts.filter((t): t is string => typeof t === 'string') : [];
          for (const k of commentKeys(texts.map((text) => ({ text })))) (ids.push(row.id), keys.push(k));
        }
        if (keys.length) {
          await client.query(
            'INSERT INTO comment_keys (key, source_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
            [keys, ids],
          );
        }
        const last = page.rows.at(-1);
        if (!last || page.rows.length < 500) break;
        after = last.id;
      }
    },
  },
  {
    version: 6,
    name: 'service: stored checks, watched feeds and seen items, job queue',
    async up(client) {
      await client.query(`
        CREATE TABLE checks (
          seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
          id text PRIMARY KEY CHECK (length(id) > 0),
          document_id text NOT NULL,
          url text,
          job_id text UNIQUE,
          -- json, not jsonb: the report is kept as written (key order included), never queried into
          report json NOT NULL,
          created_at text NOT NULL,
          updated_at text NOT NULL
        );
        CREATE INDEX checks_url ON checks (url, created_at) WHERE url IS NOT NULL;
        CREATE INDEX checks_updated ON checks (updated_at);

        CREATE TABLE feeds (
          seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
          url text PRIMARY KEY CHECK (length(url) > 0),
          added_at text NOT NULL,
          etag text,
          last_modified text,
          failures integer NOT NULL DEFAULT 0,
          next_poll_at text NOT NULL,
          last_polled_at text,
          last_status text,
          last_error text,
          items integer NOT NULL DEFAULT 0
        );
        CREATE INDEX feeds_due ON feeds (next_poll_at);

        CREATE TABLE feed_items (
          feed_url text NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
          guid text NOT NULL,
          source_id text,
          seen_at text NOT NULL,
          PRIMARY KEY (feed_url, guid)
        );

        -- Times are epoch milliseconds from the database clock (cc_now_ms), so that workers on
        -- several machines agree on when a lease expires.
        CREATE FUNCTION cc_now_ms() RETURNS bigint LANGUAGE sql VOLATILE AS
          $$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;
        CREATE TABLE jobs (
          seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
          id text PRIMARY KEY,
          kind text NOT NULL,
          payload jsonb NOT NULL,
          dedupe_key text,
          state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
          attempts integer NOT NULL DEFAULT 0,
          max_attempts integer NOT NULL CHECK (max_attempts > 0),
          locked_by text,
          locked_until bigint,
          run_after bigint NOT NULL,
          result jsonb,
          error text,
          created_at bigint NOT NULL,
          finished_at bigint
        );
        CREATE UNIQUE INDEX jobs_dedupe ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('queued', 'running');
        CREATE INDEX jobs_queued ON jobs (run_after, seq) WHERE state = 'queued';
        CREATE INDEX jobs_running ON jobs (locked_until) WHERE state = 'running';
      `);
    },
  },
  {
    version: 7,
    name: 'index of sources by kind (articles vs fact-checks)',
    async up(client) {
      await client.query('CREATE INDEX sources_kind ON sources (kind)');
    },
  },
  {
    version: 8,
    name: 'term statistics: passages per lexeme, for pruning common query terms',
    async up(client) {
      // The row with the empty term counts the passages. Kept by add() and remove() in their transactions.
      await client.query(`
        CREATE TABLE term_df (term text PRIMARY KEY, df bigint NOT NULL);
        INSERT INTO term_df (term, df)
          SELECT word, count(*) FROM passages, unnest(tsvector_to_array(tsv)) AS word GROUP BY word;
        INSERT INTO term_df (term, df) SELECT '', count(*) FROM passages
          ON CONFLICT (term) DO UPDATE SET df = excluded.df;
      `);
    },
  },
];
