import { TaskInputError } from '../../learn/tasks/args.ts';
import { EVALS } from '../../learn/tasks/index.ts';
import { EXIT, UsageError, type Io } from '../args.ts';

export const EVAL_HELP = `crosscheck eval <benchmark> [options]   measure the shipped models on a labelled data set

${Object.values(EVALS).map((e) => `  crosscheck ${e.usage}`).join('\n')}
  -f, --format <text|json>      output format (default text)
`;

/** Figures as indented "key: value" lines; a confusion matrix as a table. */
export function formatFigures(x: Record<string, unknown>, indent = ''): string {
  let out = '';
  for (const [k, v] of Object.entries(x)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.labels) && Array.isArray(o.matrix)) {
        const labels = o.labels as string[];
        const w = Math.max(...labels.map((l) => l.length), 6);
        out += `${indent}${k} (rows gold, columns predicted):\n${indent}  ${''.padEnd(w)} ${labels.map((l) => l.padStart(w)).join(' ')}\n`;
        (o.matrix as number[][]).forEach((row, i) => { out += `${indent}  ${labels[i]!.padEnd(w)} ${row.map((n) => String(n).padStart(w)).join(' ')}\n`; });
      } else out += `${indent}${k}:\n${formatFigures(o, `${indent}  `)}`;
    } else out += `${indent}${k}: ${Array.isArray(v) ? JSON.stringify(v) : String(v)}\n`;
  }
  return out;
}

export async function runEval(args: string[], io: Io): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) throw new UsageError(`eval needs a benchmark: one of ${Object.keys(EVALS).join(', ')}`);
    io.stdout(EVAL_HELP);
    return EXIT.ok;
  }
  const task = EVALS[name];
  if (!task) throw new UsageError(`unknown benchmark "${name}": expected one of ${Object.keys(EVALS).join(', ')}`);
  // --format is the command's; everything else belongs to the benchmark.
  let format = 'text';
  const own: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--format' || a === '-f') {
      const f = rest[++i];
      if (f === undefined) throw new UsageError('--format needs a value: text or json');
      format = f;
    } else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else own.push(a);
  }
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}": expected text or json`);
  let figures: Record<string, unknown>;
  try {
    figures = await task.run(own, (s) => io.stderr(`${s}\n`));
  } catch (e) {
    if (e instanceof TaskInputError) throw new UsageError(e.message);
    throw e;
  }
  io.stdout(format === 'json' ? `${JSON.stringify(figures, null, 2)}\n` : formatFigures(figures));
  return EXIT.ok;
}
