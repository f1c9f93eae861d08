import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './shared.ts';

export const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Case folders of one stage: test/fixtures/<stage>/<case>/. */
export function goldenCases(stage: string): Array<{ name: string; dir: string }> {
  const base = join(ROOT, 'test', 'fixtures', stage);
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, dir: join(base, d.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Compare with output.json, or rewrite it when UPDATE_GOLDEN=1. */
export function golden(dir: string, actual: unknown, file = 'output.json'): void {
  const path = join(dir, file);
  const json = `${JSON.stringify(actual, null, 2)}\n`;
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) assert.fail(`${path} does not exist: run UPDATE_GOLDEN=1 npm test and read the diff`);
    writeFileSync(path, json);
    return;
  }
  assert.deepStrictEqual(JSON.parse(json), JSON.parse(readFileSync(path, 'utf8')));
}
