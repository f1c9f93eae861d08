import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage error: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin?: NodeJS.ReadableStream;
  /** Whether stderr is a terminal (progress bars only then). */
  isTTY?: boolean;
}

export const EXIT = { ok: 0, failOn: 1, usage: 2, internal: 70 } as const;

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | string[] | undefined>, positionals: r.positionals };
  } catch (e) {
    // Node's messages are multi-line and name the option; keep the first line.
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/^Unknown option '(.+?)'.*/, 'unknown option "$1"'));
  }
}

export function numberOption(name: string, raw: unknown, min: number, max: number, integer = false): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`invalid --${name} "${String(raw)}": expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return n;
}

/** A progress bar on stderr, drawn only on a terminal. */
export function progress(io: Io, label: string): { update: (done: number, total: number) => void; done: () => void } {
  if (!io.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : 0;
      io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    done() { io.stderr('\n'); },
  };
}
