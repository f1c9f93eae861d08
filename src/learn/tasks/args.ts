import { parseArgs } from 'node:util';

/** Bad task arguments or unreadable task input: the command line prints the message and exits 2. */
export class TaskInputError extends Error {}

/** Parses `--name value` options strictly; unknown options and stray arguments are TaskInputErrors. */
export function taskArgs<K extends string>(args: string[], names: readonly K[], booleans: readonly string[] = []): Partial<Record<K, string>> & Record<string, string | boolean | undefined> {
  const options = Object.fromEntries([
    ...names.map((n) => [n, { type: 'string' as const }]),
    ...booleans.map((n) => [n, { type: 'boolean' as const }]),
  ]);
  try {
    const r = parseArgs({ args, options, allowPositionals: false, strict: true });
    return r.values as Partial<Record<K, string>> & Record<string, string | boolean | undefined>;
  } catch (e) {
    throw new TaskInputError((e as Error).message.split('\n')[0]!.replace(/^Unknown option '(.+?)'.*/, 'unknown option "$1"'));
  }
}

/** The value of a required option, or a TaskInputError naming it. */
export function required(values: Record<string, unknown>, name: string, usage: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v) throw new TaskInputError(`missing --${name}: usage: crosscheck ${usage}`);
  return v;
}
