import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ingest } from '../../ingest/index.ts';
import { readAloud, speakableText, synthesize } from '../../listen/index.ts';
import { checkDocument } from '../../pipeline/check.ts';
import { EXIT, numberOption, parse, UsageError, type Io } from '../args.ts';
import { outputProblem } from '../write.ts';

export const LISTEN_HELP = `crosscheck listen <input> --out <file.wav> [options]   the article read aloud (espeak-ng)

  -o, --out <file.wav>          where to write the WAV file (required), atomically
      --voice <code>            espeak-ng voice (default: the article's language, else en)
      --wpm <n>                 speaking rate in words per minute, 80 to 450 (default 175)
      --max-bytes <n>           largest input accepted, in bytes
      --timeout <ms>            time limit for fetching a URL (default 15000)
`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  voice: { type: 'string' },
  wpm: { type: 'string' },
  'max-bytes': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runListen(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  if (v.help) { io.stdout(LISTEN_HELP); return EXIT.ok; }
  if (positionals.length !== 1) throw new UsageError(`listen needs exactly one input (a file, an http(s) URL, or -), got ${positionals.length}`);
  const out = v.out as string | undefined;
  if (out === undefined) throw new UsageError('listen needs --out <file.wav>');
  const problem = outputProblem(out);
  if (problem) throw new UsageError(problem);
  const voice = v.voice as string | undefined;
  if (voice !== undefined && !/^[a-z]{2,3}(?:[-_][a-z0-9-]+)?$/i.test(voice)) throw new UsageError(`invalid --voice "${voice}": expected a language code such as en, de or en-gb`);
  const wpm = numberOption('wpm', v.wpm, 80, 450, true);
  const maxBytes = numberOption('max-bytes', v['max-bytes'], 1, 2 ** 31, true);
  const timeout = numberOption('timeout', v.timeout, 1, 600_000, true);

  const input = positionals[0]!;
  const docs = await ingest(input, {
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
  });
  if (!docs.ok) throw new UsageError(docs.error.message);
  if (docs.value.length !== 1) throw new UsageError(`listen reads one article, but "${input}" holds ${docs.value.length}`);
  const doc = docs.value[0]!;
  if (!doc.text.trim()) throw new UsageError(`cannot read "${input}" aloud: no article body found`);
  const report = await checkDocument(doc);
  const rate = wpm !== undefined ? { wordsPerMinute: wpm } : {};
  // An explicit --voice is used as given (an unknown one is an error); else the article's language.
  const wav = voice !== undefined
    ? await synthesize(speakableText(report.article), { ...rate, voice })
    : await readAloud(report.article, rate);
  if (!wav.ok) throw new UsageError(wav.error.message);

  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, wav.value);
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  return EXIT.ok;
}
