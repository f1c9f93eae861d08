import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ROOT } from './shared.ts';

// Tests never see the user's own store: the default store lives in a fresh folder.
process.env.XDG_DATA_HOME = mkdtempSync(join(tmpdir(), 'crosscheck-data-'));
delete process.env.CROSSCHECK_DB;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured streams. */
export async function cli(args: string[], stdin?: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (s: string) => { stdout += s; },
    stderr: (s: string) => { stderr += s; },
    ...(stdin !== undefined ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Run the real executable in a child process, as a user would. */
export function bin(args: string[], options: { input?: string; cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'crosscheck.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, CROSSCHECK_DEBUG: '' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
