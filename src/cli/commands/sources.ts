import { openStore, storeLocation } from '../../pipeline/check.ts';
import { EXIT, numberOption, parse, UsageError, type Io } from '../args.ts';

export const SOURCES_HELP = `crosscheck sources [list|count|show <id>|remove <id>...] [options]   manage the store

      --db <path|postgres://…>  the store (default: CROSSCHECK_DB, else ~/.local/share/crosscheck/store.db)
      --limit <n>               list at most n (default 50)   --offset <n>   skip n
      --outlet <name>           list only this outlet
  -f, --format <text|json>      output format (default text)
`;

const OPTIONS = {
  db: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  outlet: { type: 'string' },
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runSources(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  if (v.help) { io.stdout(SOURCES_HELP); return EXIT.ok; }
  const [action = 'list', ...ids] = positionals;
  if (!['list', 'count', 'show', 'remove'].includes(action)) throw new UsageError(`unknown sources action "${action}": expected list, count, show or remove`);
  if ((action === 'show' || action === 'remove') && !ids.length) throw new UsageError(`sources ${action} needs a source id`);
  const format = (v.format ?? 'text') as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}": expected text or json`);
  const limit = numberOption('limit', v.limit, 1, 1_000_000, true) ?? 50;
  const offset = numberOption('offset', v.offset, 0, Number.MAX_SAFE_INTEGER, true) ?? 0;
  const store = await openStore(storeLocation(v.db as string | undefined, true)!);
  if (!store.ok) throw new UsageError(store.error.message);
  const s = store.value;
  const json = (x: unknown): void => io.stdout(`${JSON.stringify(x, null, 2)}\n`);
  try {
    if (action === 'count') {
      const n = await s.count();
      if (format === 'json') json({ count: n }); else io.stdout(`${n}\n`);
    } else if (action === 'list') {
      const list = await s.list({ limit, offset, ...(v.outlet ? { outlet: v.outlet as string } : {}) });
      if (format === 'json') json(list);
      else io.stdout(list.map((m) => `${m.id}  ${m.published ?? '----------'}  ${(m.outlet ?? '?').slice(0, 24).padEnd(24)}  ${m.title ?? m.origin}`).join('\n') + (list.length ? '\n' : ''));
    } else if (action === 'show') {
      const src = await s.get(ids[0]!);
      if (!src) throw new UsageError(`no source "${ids[0]}" in ${s.location}`);
      const relations = await s.relations(src.id);
      if (format === 'json') json({ ...src, relations });
      else io.stdout(`${src.title ?? '(untitled)'}\n${[src.outlet, src.published, src.url].filter(Boolean).join(' · ')}\n${src.wordCount} words · ${relations.length} relations\n\n${src.text}\n`);
    } else {
      const missing = [];
      for (const id of ids) if (!(await s.get(id))) missing.push(id);
      if (missing.length) throw new UsageError(`no source "${missing[0]}" in ${s.location}; nothing removed`);
      for (const id of ids) await s.remove(id);
      if (format === 'json') json({ removed: ids }); else io.stdout(`removed ${ids.length}\n`);
    }
  } finally {
    await s.close();
  }
  return EXIT.ok;
}
