import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export const hasEspeak = spawnSync('espeak-ng', ['--version']).status === 0;

/** espeak-ng is a Debian package the tests need; without it they skip (and fail when CI is set). */
export function needEspeak(t: TestContext): boolean {
  if (hasEspeak) return true;
  if (process.env.CI) assert.fail('espeak-ng is not installed; .ci/run installs it (apt-get install espeak-ng)');
  t.skip('espeak-ng is not installed (apt-get install espeak-ng): skipped');
  return false;
}
