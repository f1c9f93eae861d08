import { openStore, storeLocation } from '../../pipeline/check.ts';
import { readSources, storeSources } from '../../pipeline/sources.ts';
import { EXIT, numberOption, parse, progress, UsageError, type Io } from '../args.ts';

export const ADD_HELP = `crosscheck add <file|folder|url|feed|->... [options]   add reports to the store

  Folders are read recursively (.txt .html .md .json .jsonl .xml .rss .atom); a JSONL file adds one
  article a line; an RSS/Atom feed adds its items (fetching an item's page when the feed has no body).
  All inputs are read first and stored in one transaction: a bad input leaves the store unchanged.
  Fact-check databases are recognised by their content and stored as fact-checks: CheckThat!
  vclaims (.jsonl), Veritas (.csv/.tsv, tab-separated), schema.org ClaimReview (.json, .jsonld,
  or .html pages with ClaimReview JSON-LD); see docs/factchecks.md.

      --db <path|postgres://…>  the store (default: CROSSCHECK_DB, else ~/.local/share/crosscheck/store.db)
      --kind <article|factcheck> what the inputs are (default article)
      --no-fetch-items          never fetch a feed item's page
      --max-bytes <n>           largest input accepted, in bytes
  -f, --format <text|json>      summary format (default text)
`;

const OPTIONS = {
  db: { type: 'string' },
  kind: { type: 'string' },
  'no-fetch-items': { type: 'boolean' },
  'max-bytes': { type: 'string' },
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runAdd(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  if (v.help) { io.stdout(ADD_HELP); return EXIT.ok; }
  if (!positionals.length) throw new UsageError('add needs at least one input: a file, a folder, an http(s) URL, a feed, or -');
  const kind = (v.kind ?? 'article') as string;
  if (kind !== 'article' && kind !== 'factcheck') throw new UsageError(`unknown --kind "${kind}": expected article or factcheck`);
  const format = (v.format ?? 'text') as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}": expected text or json`);
  const maxBytes = numberOption('max-bytes', v['max-bytes'], 1, 2 ** 31, true);
  // Fact-check databases (CheckThat! vclaims JSONL, Veritas TSV, ClaimReview JSON-LD files and pages) go to the
  // fact-check store, everything else is read as articles; every input is read before the store is opened.
  const bar = progress(io, 'reading');
  const read = await readSources(positionals, {
    ingest: { ...(maxBytes !== undefined ? { maxBytes } : {}), ...(io.stdin ? { stdin: io.stdin } : {}) },
    fetchItems: !v['no-fetch-items'],
    onProgress: bar.update,
  });
  bar.done();
  if (!read.ok) throw new UsageError(read.error.message);
  const store = await openStore(storeLocation(v.db as string | undefined, true)!);
  if (!store.ok) throw new UsageError(store.error.message);
  try {
    const t0 = performance.now();
    const r = await storeSources(store.value, read.value, kind);
    const files = r.factCheckFiles;
    const seconds = (performance.now() - t0) / 1000;
    const total = await store.value.count();
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ added: r.added, existing: r.existing, relations: r.relations, skipped: r.skipped, ...(files.length ? { factCheckFiles: files } : {}), total }, null, 2)}\n`);
    } else {
      const lines = [`added ${r.added.length}, already stored ${r.existing.length}, ${total} in the store (${store.value.location}) in ${seconds.toFixed(2)} s`];
      for (const rel of r.relations) lines.push(`  ${rel.from} ${rel.kind === 'copy' ? 'copies' : 'rewrites'} ${rel.to} (similarity ${rel.similarity.toFixed(2)}, containment ${rel.containment.toFixed(2)})`);
      for (const s of r.skipped) lines.push(`  skipped ${s.origin}: ${s.reason}`);
      for (const f of files) lines.push(`  ${f.file}: ${f.records} fact-check${f.records === 1 ? '' : 's'} (${f.format})${f.skipped ? `, ${f.skipped} rows without a claim or rating skipped` : ''}`);
      io.stdout(`${lines.join('\n')}\n`);
    }
  } finally {
    await store.value.close();
  }
  return EXIT.ok;
}
