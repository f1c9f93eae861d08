/**
 * Recognise and read fact-check database files: which format a file is (by its extension and
 * first bytes), then the whole file through that format's parser.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fail, ok, type Result } from '../model/index.ts';
import { looksLikeVeritasHeader, parseClaimReviewHtml, parseClaimReviewJson, parseVclaims, parseVeritas, type Parsed } from './formats.ts';
import type { FactCheckFormat } from './types.ts';

/** Fact-check databases are larger than articles: 256 MiB unless the caller says otherwise. */
export const DEFAULT_FACTCHECK_MAX_BYTES = 256 * 1024 * 1024;

const HEAD_BYTES = 64 * 1024;

function head(path: string, bytes = HEAD_BYTES): string | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

const firstLine = (s: string): string => s.split('\n').find((l) => l.trim() !== '') ?? '';

function isVclaimLine(line: string): boolean {
  try {
    const v = JSON.parse(line) as unknown;
    return typeof v === 'object' && v !== null && 'vclaim' in v;
  } catch {
    return false;
  }
}

/**
 * The fact-check format of a file, or null when it is not one (an article, a folder, a URL, a
 * missing file: those go to ingest, which names what is wrong with them).
 * - `.jsonl` / `.ndjson` / `.json` whose first line is an object with `vclaim` → vclaims;
 * - `.csv` / `.tsv` whose header has `claim` and `claim_label` (or `verdict`) → Veritas;
 * - `.jsonld`, or `.json` mentioning ClaimReview → ClaimReview JSON-LD;
 * - `.html` / `.htm` with a ClaimReview in its JSON-LD → ClaimReview.
 */
export function detectFactCheckFile(path: string): FactCheckFormat | null {
  if (path === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return null;
  try {
    if (!statSync(path).isFile()) return null;
  } catch {
    return null;
  }
  const ext = extname(path).toLowerCase();
  const start = head(path);
  if (start === null) return null;
  if (['.jsonl', '.ndjson', '.json'].includes(ext) && isVclaimLine(firstLine(start))) return 'vclaims';
  if (['.csv', '.tsv'].includes(ext)) return looksLikeVeritasHeader(firstLine(start)) ? 'veritas' : null;
  if (ext === '.jsonld') return 'claimreview';
  if (ext === '.json' && /"@type"\s*:\s*(?:\[[^\]]*)?"(?:schema:)?ClaimReview"/.test(start)) return 'claimreview';
  if (ext === '.html' || ext === '.htm') {
    // JSON-LD may sit anywhere in a page: look at the whole file (pages are small).
    const page = head(path, 8 * 1024 * 1024) ?? '';
    return /application\/ld\+json/i.test(page) && /ClaimReview/.test(page) ? 'claimreview' : null;
  }
  return null;
}

export interface ReadFactChecks extends Parsed {
  format: FactCheckFormat;
}

/** Reads a fact-check database file of a known format. */
export async function readFactCheckFile(path: string, format: FactCheckFormat, maxBytes = DEFAULT_FACTCHECK_MAX_BYTES): Promise<Result<ReadFactChecks>> {
  let raw: string;
  try {
    const size = statSync(path).size;
    if (size > maxBytes) return fail('too-large', `cannot read "${path}": ${size} bytes is over the ${maxBytes}-byte limit`);
    raw = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'not-found' : 'unreadable', `cannot read "${path}": ${code === 'ENOENT' ? 'no such file' : (e as Error).message.split('\n')[0]}`);
  }
  if (raw.includes('\u0000')) return fail('binary', `cannot read "${path}": it looks like a binary file (NUL bytes), expected a fact-check database`);
  const parsed = format === 'vclaims' ? parseVclaims(raw, path)
    : format === 'veritas' ? parseVeritas(raw, path)
    : /\.html?$/i.test(path) ? parseClaimReviewHtml(raw, path)
    : parseClaimReviewJson(raw, path);
  return parsed.ok ? ok({ ...parsed.value, format }) : parsed;
}

export interface FactCheckBatch extends ReadFactChecks {
  origin: string;
}

/**
 * Splits inputs into fact-check database files and everything else, and reads the fact-check
 * files (all of them, before anything is stored; the first unreadable one fails the call).
 */
export async function readFactCheckInputs(inputs: readonly string[], maxBytes?: number): Promise<Result<{ batches: FactCheckBatch[]; others: string[] }>> {
  const batches: FactCheckBatch[] = [];
  const others: string[] = [];
  for (const input of inputs) {
    const format = detectFactCheckFile(input);
    if (!format) { others.push(input); continue; }
    const r = await readFactCheckFile(input, format, maxBytes ?? DEFAULT_FACTCHECK_MAX_BYTES);
    if (!r.ok) return r;
    batches.push({ ...r.value, origin: input });
  }
  return ok({ batches, others });
}

/** Extensions only fact-check databases use, which a folder walk for articles does not pick up. */
const EXTRA_EXTENSIONS = new Set(['.jsonld', '.csv', '.tsv']);

/** The fact-check-only files (.jsonld, .csv, .tsv) inside the given folders, recursively, sorted. */
export function factCheckFilesIn(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (EXTRA_EXTENSIONS.has(extname(e.name).toLowerCase()) && detectFactCheckFile(p)) out.push(p);
    }
  };
  for (const input of inputs) {
    try {
      if (statSync(input).isDirectory()) walk(input);
    } catch { /* not a folder */ }
  }
  return out;
}
