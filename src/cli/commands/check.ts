import { DEFAULT_MAX_BYTES, ingest } from '../../ingest/index.ts';
import type { Document } from '../../model/index.ts';
import { checkDocument, openStore, storeLocation, type CheckOptions } from '../../pipeline/check.ts';
import { readSources, storeSources } from '../../pipeline/sources.ts';
import { claimReviewConfigSchema, FORMATS, render, type ClaimReviewConfig, type Format, type Report } from '../../report/index.ts';
import { defaultStoreLocation } from '../../store/index.ts';
import { EXIT, numberOption, parse, progress, UsageError, type Io } from '../args.ts';
import { outputProblem, writeAtomic } from '../write.ts';
import { keepChecks } from './watch.ts';

export const CHECK_HELP = `crosscheck check <input...> [options]   check articles (file, http(s) URL, or - for stdin)

  -f, --format <text|json|md|html|claimreview>
                                report format (default text); html is one self-contained file,
                                claimreview is schema.org ClaimReview JSON-LD
      --review-author <name>    claimreview author (or CROSSCHECK_REVIEW_AUTHOR); required for it
      --review-author-url <url> claimreview author URL (or CROSSCHECK_REVIEW_AUTHOR_URL)
      --review-publisher <name> claimreview publisher (or CROSSCHECK_REVIEW_PUBLISHER; default the author)
      --review-url <url>        claimreview page URL (or CROSSCHECK_REVIEW_URL); items get <url>#<claim id>
  -o, --out <file>              write the report to a file, atomically (default stdout)
  -s, --sources <input>         add these to the store first, as "crosscheck add" does, then verify against
                                the store (file, folder, URL, feed, JSONL; repeatable); fact-check databases
                                (CheckThat! vclaims, Veritas TSV, ClaimReview JSON-LD) are stored as fact-checks
      --keep                    also keep the checks in the store, so that "crosscheck watch" checks them
                                again as feed items arrive (prints "kept check ID: …" on stderr)
      --db <path|postgres://…>  the store (default: CROSSCHECK_DB, else ~/.local/share/crosscheck/store.db
                                when it exists or --sources is given)
      --reference-date <date>   resolve relative dates against this ISO date when the page has none
      --min-score <0..1>        minimum check-worthiness of a reported claim (default 0.5)
      --wpm <n>                 words per minute for reading time (default 238)
      --max-bytes <n>           largest input accepted, in bytes (default ${DEFAULT_MAX_BYTES})
      --timeout <ms>            time limit for fetching a URL (default 15000)
      --fail-on <list>          exit 1 when met: error, warning, unverified, contradicted, disputed
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  sources: { type: 'string', short: 's', multiple: true },
  keep: { type: 'boolean' },
  db: { type: 'string' },
  'reference-date': { type: 'string' },
  'min-score': { type: 'string' },
  wpm: { type: 'string' },
  'max-bytes': { type: 'string' },
  timeout: { type: 'string' },
  'fail-on': { type: 'string' },
  'review-author': { type: 'string' },
  'review-author-url': { type: 'string' },
  'review-publisher': { type: 'string' },
  'review-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** ClaimReview author and publisher from flags, else the environment; a usage error when invalid. */
export function claimReviewConfig(v: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ClaimReviewConfig {
  const pick = (flag: string, name: string): string | undefined => (v[flag] as string | undefined) ?? (env[name] || undefined);
  const raw = {
    author: pick('review-author', 'CROSSCHECK_REVIEW_AUTHOR'),
    authorUrl: pick('review-author-url', 'CROSSCHECK_REVIEW_AUTHOR_URL'),
    publisher: pick('review-publisher', 'CROSSCHECK_REVIEW_PUBLISHER'),
    url: pick('review-url', 'CROSSCHECK_REVIEW_URL'),
  };
  if (raw.author === undefined) throw new UsageError('--format claimreview needs an author: give --review-author "<organisation>" or set CROSSCHECK_REVIEW_AUTHOR');
  const parsed = claimReviewConfigSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, x]) => x !== undefined)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'author');
    const flag = { author: 'review-author', authorUrl: 'review-author-url', publisher: 'review-publisher', url: 'review-url' }[key] ?? key;
    throw new UsageError(`invalid --${flag} "${String(raw[key as keyof typeof raw] ?? '')}": expected ${key.toLowerCase().endsWith('url') ? 'an http(s) URL' : 'a non-empty name'}`);
  }
  return parsed.data;
}

const FAIL_ON = ['error', 'warning', 'unverified', 'contradicted', 'disputed'] as const;

function meets(r: Report, conditions: string[]): boolean {
  return conditions.some((c) => {
    if (c === 'error') return r.messages.some((m) => m.severity === 'error');
    if (c === 'warning') return r.messages.some((m) => m.severity === 'error' || m.severity === 'warning');
    return r.claims.some((cl) => cl.verdict === c);
  });
}

export async function runCheck(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  if (v.help) { io.stdout(CHECK_HELP); return EXIT.ok; }
  if (!positionals.length) throw new UsageError('check needs an input: a file, an http(s) URL, or - for standard input');
  const format = (v.format ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}": expected one of ${FORMATS.join(', ')}`);
  const referenceDate = v['reference-date'] as string | undefined;
  if (referenceDate !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate) || Number.isNaN(Date.parse(referenceDate)))) {
    throw new UsageError(`invalid --reference-date "${referenceDate}": expected an ISO date such as 2026-11-23`);
  }
  const failOn = ((v['fail-on'] as string | undefined) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of failOn) if (!(FAIL_ON as readonly string[]).includes(f)) throw new UsageError(`unknown --fail-on "${f}": expected ${FAIL_ON.join(', ')}`);
  const claimReview = format === 'claimreview' ? claimReviewConfig(v) : undefined;
  const out = v.out as string | undefined;
  if (out !== undefined) {
    const problem = outputProblem(out);
    if (problem) throw new UsageError(problem);
  }
  const options: CheckOptions = { ingest: {} };
  if (referenceDate) options.referenceDate = referenceDate;
  const minScore = numberOption('min-score', v['min-score'], 0, 1);
  if (minScore !== undefined) options.minScore = minScore;
  const wpm = numberOption('wpm', v.wpm, 1, 2000);
  if (wpm !== undefined) options.wordsPerMinute = wpm;
  const maxBytes = numberOption('max-bytes', v['max-bytes'], 1, 2 ** 31, true);
  if (maxBytes !== undefined) options.ingest!.maxBytes = maxBytes;
  const timeout = numberOption('timeout', v.timeout, 1, 600_000, true);
  if (timeout !== undefined) options.ingest!.timeoutMs = timeout;
  if (io.stdin) options.ingest!.stdin = io.stdin;
  const sourceInputs = (v.sources as string[] | undefined) ?? [];
  const location = storeLocation(v.db as string | undefined, sourceInputs.length > 0);
  if (v.keep && !location) {
    throw new UsageError(`--keep needs a store: give --db <path|postgres://…> or --sources, set CROSSCHECK_DB, or create ${defaultStoreLocation()} with "crosscheck add"`);
  }

  // Read every input and every source first: a bad one stops here, before the store is touched.
  const docs: Document[] = [];
  for (const input of positionals) {
    const r = await ingest(input, options.ingest);
    if (!r.ok) throw new UsageError(r.error.message);
    docs.push(...r.value);
  }
  const bar = progress(io, 'reading sources');
  // Sources are routed as `crosscheck add` routes them: fact-check databases to the fact-checks.
  const sources = sourceInputs.length ? await readSources(sourceInputs, { ingest: options.ingest ?? {}, onProgress: bar.update }) : null;
  if (sourceInputs.length) bar.done();
  if (sources && !sources.ok) throw new UsageError(sources.error.message);

  const reports: Report[] = [];
  let kept: string[] = [];
  let output: string;
  const store = location ? await openStore(location) : null;
  if (store && !store.ok) throw new UsageError(store.error.message);
  try {
    if (store) options.store = store.value;
    if (store && sources) await storeSources(store.value, sources.value);
    for (const doc of docs) reports.push(await checkDocument(doc, options));
    output = render(reports, format as Format, claimReview ? { claimReview } : {});
    if (store && v.keep) kept = await keepChecks(store.value, reports);
  } finally {
    if (store) await store.value.close();
  }
  if (out !== undefined) writeAtomic(out, output);
  else io.stdout(output);
  for (const line of kept) io.stderr(line);
  return failOn.length && reports.some((r) => meets(r, failOn)) ? EXIT.failOn : EXIT.ok;
}
