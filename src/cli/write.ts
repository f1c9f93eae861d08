import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Why `path` cannot be written to, or null when it can. Checked before any work is done. */
export function outputProblem(path: string): string | null {
  const dir = dirname(path);
  if (!existsSync(dir)) return `cannot write "${path}": folder "${dir}" does not exist`;
  if (!statSync(dir).isDirectory()) return `cannot write "${path}": "${dir}" is not a folder`;
  if (existsSync(path) && statSync(path).isDirectory()) return `cannot write "${path}": it is a folder`;
  return null;
}

/** Write a file atomically: a temporary file beside it, then a rename. Readers never see half a file. */
export function writeAtomic(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}
