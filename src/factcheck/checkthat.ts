/** The CheckThat! 2022 task 2A files: queries (id TAB tweet) and TREC qrels (qid 0 vclaim_id 1). */
import { readFileSync } from 'node:fs';
import { fail, ok, type Result } from '../model/index.ts';

export interface Query {
  id: string;
  text: string;
}

function read(path: string, what: string): Result<string> {
  try {
    return ok(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'not-found' : 'unreadable', `cannot read ${what} "${path}": ${code === 'ENOENT' ? 'no such file' : 'unreadable'}`);
  }
}

/** A field quoted CSV-style ("…""…") is unquoted; any other text is kept as it is. */
function unquote(s: string): string {
  const m = /^"([\s\S]*)"$/.exec(s);
  return m && !/(^|[^"])"(?!")/.test(m[1]!.replace(/""/g, '')) ? m[1]!.replace(/""/g, '"') : s;
}

/** `id TAB text` a line. */
export function readQueries(path: string): Result<Query[]> {
  const raw = read(path, 'queries');
  if (!raw.ok) return raw;
  const out: Query[] = [];
  const lines = raw.value.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    if (tab <= 0) return fail('bad-input', `cannot read queries "${path}": line ${i + 1} has no tab, expected "id<TAB>text"`);
    out.push({ id: line.slice(0, tab).trim(), text: unquote(line.slice(tab + 1).trim()) });
  }
  if (!out.length) return fail('empty', `cannot read queries "${path}": no queries in it`);
  return ok(out);
}

/** TREC qrels `qid 0 docid rel` (tab or space separated) → relevant doc ids per query (rel > 0). */
export function readQrels(path: string): Result<Map<string, Set<string>>> {
  const raw = read(path, 'qrels');
  if (!raw.ok) return raw;
  const out = new Map<string, Set<string>>();
  const lines = raw.value.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const f = line.split(/\s+/);
    if (f.length !== 4 || !/^-?\d+$/.test(f[3]!)) return fail('bad-input', `cannot read qrels "${path}": line ${i + 1} is "${line.slice(0, 60)}", expected "qid 0 docid relevance"`);
    if (Number(f[3]) <= 0) continue;
    const set = out.get(f[0]!) ?? new Set<string>();
    set.add(f[2]!);
    out.set(f[0]!, set);
  }
  if (!out.size) return fail('empty', `cannot read qrels "${path}": no relevant pairs in it`);
  return ok(out);
}
