import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TaskInputError } from '../../learn/tasks/args.ts';
import { TASKS } from '../../learn/tasks/index.ts';
import { packageRoot } from '../../learn/model-file.ts';
import { EXIT, numberOption, parse, UsageError, type Io } from '../args.ts';
import { formatFigures } from './eval.ts';

export const TRAIN_HELP = `crosscheck train <model> [options]   rebuild a shipped model (models/<model>.json) from the public datasets

  Models: ${Object.keys(TASKS).join(', ')}
      --data <dir>              the datasets folder (default: CROSSCHECK_DATA, else ../shared/datasets beside the package)
      --seed <n>                seed of the initial weights and the example order (default 1)
  -f, --format <text|json>      output format of the figures (default text)
  The model is written to CROSSCHECK_MODELS when set, else to models/ in the package.
`;

const OPTIONS = {
  data: { type: 'string' },
  seed: { type: 'string' },
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The datasets folder: --data, else CROSSCHECK_DATA, else ../shared/datasets beside the package root. */
export function dataDir(option: string | undefined): string {
  const dir = resolve(option ?? process.env.CROSSCHECK_DATA ?? join(packageRoot(), '..', 'shared', 'datasets'));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`cannot read datasets folder "${dir}": no such folder (give one with --data or CROSSCHECK_DATA)`);
  return dir;
}

export async function runTrain(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  if (v.help) { io.stdout(TRAIN_HELP); return EXIT.ok; }
  const [name, ...rest] = positionals;
  if (!name) throw new UsageError(`train needs a model: one of ${Object.keys(TASKS).join(', ')}`);
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}": train takes one model`);
  const task = TASKS[name];
  if (!task) throw new UsageError(`unknown model "${name}": expected one of ${Object.keys(TASKS).join(', ')}`);
  const format = (v.format ?? 'text') as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}": expected text or json`);
  const seed = numberOption('seed', v.seed, 0, 2 ** 31 - 1, true) ?? 1;
  const data = dataDir(v.data as string | undefined);
  let figures: Record<string, unknown>;
  try {
    figures = await task.train({ data, seed, log: (s) => io.stderr(`${s}\n`) });
  } catch (e) {
    if (e instanceof TaskInputError) throw new UsageError(e.message);
    throw e;
  }
  io.stdout(format === 'json' ? `${JSON.stringify(figures, null, 2)}\n` : formatFigures(figures));
  return EXIT.ok;
}
