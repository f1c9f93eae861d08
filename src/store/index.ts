/**
 * The store: sources, their passages and the relations between them, behind one interface with
 * two adapters — embedded SQLite (the default) and PostgreSQL (`postgres://…`).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fail, ok, type Result } from '../model/index.ts';
import { openPostgres, redact } from './postgres.ts';
import { openSqlite } from './sqlite.ts';
import type { OpenOptions, Store } from './types.ts';

export type * from './types.ts';
export { fold, indexText, queryTerms } from './fold.ts';
export { passageSpans } from './passages.ts';
export { commentKey, commentKeys, commentKeyText, COMMENT_KEY_MIN_WORDS } from './comment-keys.ts';

/** `$XDG_DATA_HOME/crosscheck/store.db`, else `~/.local/share/crosscheck/store.db`. */
export function defaultStoreLocation(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'crosscheck', 'store.db');
}

export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** One line: the driver's reason without its stack or trailing detail. */
function reason(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const text = (err?.message || String(e)).split('\n')[0]?.trim() || 'unknown error';
  if (err?.code === 'ECONNREFUSED') return `connection refused (${text.replace(/^connect ECONNREFUSED /, '')})`;
  // Node's file errors: "ENOTDIR: not a directory, stat '/a/b'" → "not a directory (stat /a/b)"
  const fsError = /^E[A-Z]+: (.+?), (\w+) '(.*)'$/.exec(text);
  if (fsError) return `${fsError[1]} (${fsError[2]} ${fsError[3]})`;
  return text;
}

/**
 * Opens the store at `location` — a file path (SQLite; folders created on first use), a
 * `postgres://` / `postgresql://` URL, or undefined for the default SQLite file — and applies
 * pending schema migrations. A location that cannot be opened is a `bad-input` failure.
 */
export async function openStore(location: string | undefined, opts: OpenOptions = {}): Promise<Result<Store>> {
  const where = location ?? defaultStoreLocation();
  if (where.trim() === '') return fail('bad-input', 'cannot open store "": expected a file path or a postgres:// URL');
  try {
    return ok(isPostgresUrl(where) ? await openPostgres(where, opts) : openSqlite(where, opts));
  } catch (e) {
    return fail('bad-input', `cannot open store "${isPostgresUrl(where) ? redact(where) : where}": ${reason(e)}`);
  }
}
