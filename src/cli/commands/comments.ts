import { DEFAULT_MAX_BYTES, ingest } from '../../ingest/index.ts';
import type { Document } from '../../model/index.ts';
import { checkDocument } from '../../pipeline/check.ts';
import type { Report } from '../../report/index.ts';
import { commentParagraph } from '../../report/text.ts';
import { EXIT, numberOption, parse, UsageError, type Io } from '../args.ts';
import { outputProblem, writeAtomic } from '../write.ts';

export const COMMENTS_HELP = `crosscheck comments <input...> [options]   is the comment section genuine? (templates, coordination, spam)

  -f, --format <text|json>      output format (default text)
  -o, --out <file>              write the result to a file, atomically (default stdout)
      --max-bytes <n>           largest input accepted, in bytes (default ${DEFAULT_MAX_BYTES})
      --timeout <ms>            time limit for fetching a URL (default 15000)
      --fail-on <list>          exit 1 when met: flagged (any comment flagged), coordinated (coordination ≥ 0.5)
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  'max-bytes': { type: 'string' },
  timeout: { type: 'string' },
  'fail-on': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FORMATS = ['text', 'json'] as const;
const FAIL_ON = ['flagged', 'coordinated'] as const;

interface Result {
  origin: string;
  title: string | null;
  comments: Report['comments'];
}

function renderText(results: Result[]): string {
  const out: string[] = [];
  for (const r of results) {
    const cm = r.comments;
    out.push(`${r.title ?? '(untitled article)'} — ${r.origin}`);
    out.push(`Comments (${cm.count}, coordination ${(cm.coordination ?? 0).toFixed(2)}, ${cm.items.filter((c) => c.flagged).length} flagged)`);
    const paragraph = commentParagraph(cm);
    if (paragraph) out.push(paragraph);
    else out.push('No comments on this page.');
    for (const c of cm.items) {
      const text = c.text.replace(/\s+/g, ' ');
      out.push(`  ${c.id}${c.replyTo ? ` ↳ ${c.replyTo}` : ''} ${c.flagged ? `FLAGGED ${c.score.toFixed(2)}` : `ok ${c.score.toFixed(2)}`}: ${text.length > 100 ? `${text.slice(0, 97)}…` : text}`);
      for (const why of c.reasons) out.push(`      - ${why}`);
    }
    for (const cl of cm.clusters) out.push(`  cluster (${cl.kind}, similarity ${cl.similarity.toFixed(2)}): ${cl.ids.join(', ')}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}

/** `crosscheck comments <input...>`: the comment analysis alone, as text or JSON. */
export async function runComments(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  if (v.help) { io.stdout(COMMENTS_HELP); return EXIT.ok; }
  if (!positionals.length) throw new UsageError('comments needs an input: a file, an http(s) URL, or - for standard input');
  const format = (v.format ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}": expected one of ${FORMATS.join(', ')}`);
  const failOn = ((v['fail-on'] as string | undefined) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of failOn) if (!(FAIL_ON as readonly string[]).includes(f)) throw new UsageError(`unknown --fail-on "${f}": expected ${FAIL_ON.join(', ')}`);
  const out = v.out as string | undefined;
  if (out !== undefined) {
    const problem = outputProblem(out);
    if (problem) throw new UsageError(problem);
  }
  const ingestOptions: Parameters<typeof ingest>[1] = {};
  const maxBytes = numberOption('max-bytes', v['max-bytes'], 1, 2 ** 31, true);
  if (maxBytes !== undefined) ingestOptions.maxBytes = maxBytes;
  const timeout = numberOption('timeout', v.timeout, 1, 600_000, true);
  if (timeout !== undefined) ingestOptions.timeoutMs = timeout;
  if (io.stdin) ingestOptions.stdin = io.stdin;

  const docs: Document[] = [];
  for (const input of positionals) {
    const r = await ingest(input, ingestOptions);
    if (!r.ok) throw new UsageError(r.error.message);
    docs.push(...r.value);
  }
  const results: Result[] = [];
  for (const doc of docs) {
    const report = await checkDocument(doc);
    results.push({ origin: report.article.origin, title: report.article.title, comments: report.comments });
  }
  const output = format === 'json' ? `${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n` : renderText(results);
  if (out !== undefined) writeAtomic(out, output);
  else io.stdout(output);
  const met = results.some((r) => (failOn.includes('flagged') && r.comments.items.some((c) => c.flagged)) || (failOn.includes('coordinated') && (r.comments.coordination ?? 0) >= 0.5));
  return met ? EXIT.failOn : EXIT.ok;
}
