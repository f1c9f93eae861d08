import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_MAX_BYTES } from '../ingest/index.ts';
import { check, type CheckOptions } from '../pipeline/check.ts';
import { FORMATS, render, VERSION, type Format, type Report } from '../report/index.ts';
import { outputProblem, writeAtomic } from './write.ts';

/** Exit codes (docs/cli.md). */
export const EXIT = { ok: 0, failOn: 1, usage: 2, internal: 70 } as const;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin?: NodeJS.ReadableStream;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

class UsageError extends Error {}

const HELP = `crosscheck ${VERSION} — check a news article claim by claim, offline

Usage:
  crosscheck check <input...> [options]   check articles (file, http(s) URL, or - for stdin)
  crosscheck help                         this text
  crosscheck version                      the version

Inputs: .txt page captures, .html, .md, .json / .jsonl (the input contract), http(s) URLs, -.

Options for check:
  -f, --format <text|json|md>   report format (default text)
  -o, --out <file>              write the report to a file, atomically (default stdout)
      --reference-date <date>   resolve relative dates against this ISO date when the page has none
      --min-score <0..1>        minimum check-worthiness of a reported claim (default 0.5)
      --wpm <n>                 words per minute for reading time (default 238)
      --max-bytes <n>           largest input accepted, in bytes (default ${DEFAULT_MAX_BYTES})
      --timeout <ms>            time limit for fetching a URL (default 15000)
      --fail-on <list>          exit 1 when met: error, warning, unverified, contradicted, disputed
Exit codes: 0 done, 1 done and a --fail-on condition was met, 2 bad usage or unreadable input.
`;

const CHECK_OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  'reference-date': { type: 'string' },
  'min-score': { type: 'string' },
  wpm: { type: 'string' },
  'max-bytes': { type: 'string' },
  timeout: { type: 'string' },
  'fail-on': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const FAIL_ON = ['error', 'warning', 'unverified', 'contradicted', 'disputed'] as const;

function number(name: string, raw: string | undefined, min: number, max: number, integer = false): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`invalid --${name} "${raw}": expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return n;
}

function parse(args: string[], options: ParseArgsConfig['options']): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args, options: options ?? {}, allowPositionals: true, strict: true });
  } catch (e) {
    // Node's messages are multi-line and name the option; keep the first line.
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/^Unknown option '(.+?)'.*/, 'unknown option "$1"'));
  }
}

async function runCheck(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, CHECK_OPTIONS);
  const v = values as Record<string, string | boolean | undefined>;
  if (v.help) { io.stdout(HELP); return EXIT.ok; }
  if (!positionals.length) throw new UsageError('check needs an input: a file, an http(s) URL, or - for standard input');
  const format = (v.format ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}": expected one of ${FORMATS.join(', ')}`);
  const referenceDate = v['reference-date'] as string | undefined;
  if (referenceDate !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate) || Number.isNaN(Date.parse(referenceDate)))) {
    throw new UsageError(`invalid --reference-date "${referenceDate}": expected an ISO date such as 2026-11-23`);
  }
  const failOn = ((v['fail-on'] as string | undefined) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of failOn) if (!(FAIL_ON as readonly string[]).includes(f)) throw new UsageError(`unknown --fail-on "${f}": expected ${FAIL_ON.join(', ')}`);
  const out = v.out as string | undefined;
  if (out !== undefined) {
    const problem = outputProblem(out);
    if (problem) throw new UsageError(problem);
  }
  const options: CheckOptions = { ingest: {} };
  if (referenceDate) options.referenceDate = referenceDate;
  const minScore = number('min-score', v['min-score'] as string | undefined, 0, 1);
  if (minScore !== undefined) options.minScore = minScore;
  const wpm = number('wpm', v.wpm as string | undefined, 1, 2000);
  if (wpm !== undefined) options.wordsPerMinute = wpm;
  const maxBytes = number('max-bytes', v['max-bytes'] as string | undefined, 1, 2 ** 31, true);
  if (maxBytes !== undefined) options.ingest!.maxBytes = maxBytes;
  const timeout = number('timeout', v.timeout as string | undefined, 1, 600_000, true);
  if (timeout !== undefined) options.ingest!.timeoutMs = timeout;
  if (io.stdin) options.ingest!.stdin = io.stdin;

  // Read and check everything first; write only when every input succeeded.
  const reports: Report[] = [];
  for (const input of positionals) {
    const r = await check(input, options);
    if (!r.ok) throw new UsageError(r.error.message);
    reports.push(...r.value);
  }
  const output = render(reports, format as Format);
  if (out !== undefined) writeAtomic(out, output);
  else io.stdout(output);
  return failOn.length && reports.some((r) => meets(r, failOn)) ? EXIT.failOn : EXIT.ok;
}

function meets(r: Report, conditions: string[]): boolean {
  return conditions.some((c) => {
    if (c === 'error') return r.messages.some((m) => m.severity === 'error');
    if (c === 'warning') return r.messages.some((m) => m.severity === 'error' || m.severity === 'warning');
    return r.claims.some((cl) => cl.verdict === c);
  });
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  check: runCheck,
  help: async (_a, io) => { io.stdout(HELP); return EXIT.ok; },
  version: async (_a, io) => { io.stdout(`${VERSION}\n`); return EXIT.ok; },
};

/** Run the command line; returns the exit code. Never throws for bad input. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new UsageError('no command given: try "crosscheck check <file>" or "crosscheck help"');
    if (command === '--help' || command === '-h') return await COMMANDS.help!(rest, io);
    if (command === '--version' || command === '-v') return await COMMANDS.version!(rest, io);
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}": expected one of ${Object.keys(COMMANDS).join(', ')}`);
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`crosscheck: ${e.message}\n`);
      return EXIT.usage;
    }
    const err = e as Error;
    io.stderr(`crosscheck: internal error: ${err.message}${process.env.CROSSCHECK_DEBUG ? `\n${err.stack}` : ' (set CROSSCHECK_DEBUG=1 for details)'}\n`);
    return EXIT.internal;
  }
}
