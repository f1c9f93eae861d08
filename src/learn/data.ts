import { readFileSync } from 'node:fs';
import { fail, ok, type Result } from '../model/result.ts';

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes doubled, newlines). */
export function parseCsv(text: string, sep = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** Parses a TSV file without quoting (CRLF or LF line ends). */
export function parseTsv(text: string): string[][] {
  return text.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => l.split('\t'));
}

/** Reads a delimited file into objects keyed by its header row; names the file and a missing column on failure. */
export function readTable(path: string, columns: string[], kind: 'csv' | 'tsv'): Result<Record<string, string>[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return fail('not-found', `cannot read "${path}": no such file`);
  }
  const rows = kind === 'csv' ? parseCsv(text) : parseTsv(text);
  const header = rows[0];
  if (!header) return fail('empty', `"${path}" is empty`);
  const at = columns.map((c) => header.findIndex((h) => h.trim().toLowerCase() === c.toLowerCase()));
  const missing = columns.find((_, i) => at[i] === -1);
  if (missing) return fail('bad-input', `"${path}" has no column "${missing}" (columns: ${header.join(', ')})`);
  return ok(rows.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[at[i]!] ?? '']))));
}
