import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(ROOT, '..', 'shared');

/**
 * The path of a file or folder under ../shared, or null after skipping the test when it is
 * missing. With CI set, a missing ../shared is a failure, not a skip.
 */
export function shared(t: TestContext, sub: string): string | null {
  const p = join(SHARED, sub);
  if (existsSync(p)) return p;
  const why = `../shared/${sub} is missing (expected at ${p})`;
  if (process.env.CI) assert.fail(`${why}; it is required when CI is set`);
  t.skip(`${why}: skipped`);
  return null;
}
