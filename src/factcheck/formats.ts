/**
 * The fact-check database formats: CheckThat! 2022 2A `vclaims.jsonl`, the Veritas corpus TSVs
 * (tab-separated despite `.csv`), and schema.org ClaimReview JSON-LD (a JSON file, or the
 * `<script type="application/ld+json">` blocks of HTML pages). Every parser takes the text of one
 * file and returns the fact-checks in it, or a one-line reason naming the file and the bad value.
 */
import { parseHTML } from 'linkedom';
import { z } from 'zod';
import { parseDate } from '../ingest/dates.ts';
import { fail, ok, type Result } from '../model/index.ts';
import { parseTsv } from './tsv.ts';
import { UNKNOWN_RATING, type FactCheck } from './types.ts';

export interface Parsed {
  records: FactCheck[];
  /** Records left out, with their row (1-based, the header is row 1) and why. */
  skipped: Array<{ row: number; reason: string }>;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const text = (v: unknown): string | null => (typeof v === 'string' && squash(v) !== '' ? squash(v) : null);

const PUBLISHERS: Record<string, string> = {
  'snopes.com': 'Snopes',
  'politifact.com': 'PolitiFact',
  'factcheck.org': 'FactCheck.org',
  'emergent.info': 'Emergent',
  'fullfact.org': 'Full Fact',
  'apnews.com': 'AP',
  'reuters.com': 'Reuters',
};

/** A publisher's name from its page URL: a known fact-checker's name, else the host without "www.". */
export function publisherOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const host = new URL(url).hostname.replace(/^www\./, '').toLowerCase();
    return PUBLISHERS[host] ?? host;
  } catch {
    return null;
  }
}

function httpUrl(v: unknown): string | null {
  const s = text(v);
  if (!s) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A date as the databases write it ("26 May 2015", "2018/05/22", ISO) → ISO date, or null. */
export function isoDate(v: unknown): string | null {
  const s = text(v);
  if (!s) return null;
  const d = parseDate(s);
  return d ? d.slice(0, 10) : null;
}

// --- CheckThat! 2022 2A vclaims.jsonl ------------------------------------------------------

const VclaimLine = z.object({
  vclaim: z.string().trim().min(1),
  vclaim_id: z.string().trim().min(1),
  title: z.string().nullish(),
  subtitle: z.string().nullish(),
  date: z.string().nullish(),
  page_url: z.string().nullish(),
});

const VCLAIM_PUBLISHERS: Record<string, string> = { sno: 'Snopes', pol: 'PolitiFact' };

/** One JSON object a line with `vclaim` and `vclaim_id` (title, subtitle, date, page_url optional). */
export function parseVclaims(raw: string, name: string): Result<Parsed> {
  const records: FactCheck[] = [];
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      return fail('bad-json', `cannot read "${name}": line ${i + 1} is not JSON (${(e as Error).message.split('\n')[0]})`);
    }
    const r = VclaimLine.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      const field = issue?.path.join('.') || 'the line';
      return fail('bad-input', `cannot read "${name}": line ${i + 1}: field "${field}" ${issue?.code === 'invalid_type' && issue.input === undefined ? 'is required' : 'must be a non-empty string'}, expected a vclaims record`);
    }
    const v = r.data;
    const url = httpUrl(v.page_url);
    const title = text(v.title);
    const subtitle = text(v.subtitle);
    records.push({
      claim: squash(v.vclaim),
      rating: UNKNOWN_RATING,
      publisher: publisherOf(url) ?? VCLAIM_PUBLISHERS[/^vclaim-([a-z]+)-/.exec(v.vclaim_id)?.[1] ?? ''] ?? null,
      url,
      published: isoDate(v.date),
      title,
      claimant: null,
      externalId: v.vclaim_id,
      context: [title, subtitle].filter((s): s is string => s !== null),
    });
  }
  if (records.length === 0) return fail('empty', `cannot read "${name}": no vclaims records in it`);
  return ok({ records, skipped: [] });
}

// --- Veritas TSVs ----------------------------------------------------------------------------

const VERITAS_COLUMNS = {
  url: ['page', 'a_url', 'page_url', 'article_url'],
  claim: ['claim'],
  rating: ['claim_label', 'verdict'],
  date: ['date', 'a_date'],
} as const;

/** The header line of a Veritas file: tab-separated, with `claim` and `claim_label` or `verdict`. */
export function looksLikeVeritasHeader(firstLine: string): boolean {
  const cols = firstLine.replace(/\r$/, '').split('\t').map((c) => c.trim().toLowerCase());
  return cols.includes('claim') && (cols.includes('claim_label') || cols.includes('verdict'));
}

export function parseVeritas(raw: string, name: string): Result<Parsed> {
  const rows = parseTsv(raw.replace(/^\uFEFF/, ''));
  const header = (rows[0] ?? []).map((c) => c.trim().toLowerCase());
  const col = (names: readonly string[]): number => header.findIndex((h) => names.includes(h));
  const at = { url: col(VERITAS_COLUMNS.url), claim: col(VERITAS_COLUMNS.claim), rating: col(VERITAS_COLUMNS.rating), date: col(VERITAS_COLUMNS.date) };
  if (at.claim < 0 || at.rating < 0) {
    return fail('bad-input', `cannot read "${name}": the header has no "claim" and "claim_label" (or "verdict") columns, expected a Veritas fact-check TSV`);
  }
  const records: FactCheck[] = [];
  const skipped: Parsed['skipped'] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    const claim = text(row[at.claim])?.replace(/^claim:\s*/i, '') ?? null;
    const rating = text(row[at.rating]);
    if (!claim) { skipped.push({ row: i + 1, reason: 'no claim' }); continue; }
    if (!rating) { skipped.push({ row: i + 1, reason: 'no rating' }); continue; }
    const url = at.url >= 0 ? httpUrl(row[at.url]) : null;
    records.push({
      claim,
      rating,
      publisher: publisherOf(url),
      url,
      published: at.date >= 0 ? isoDate(row[at.date]) : null,
      title: null,
      claimant: null,
      externalId: null,
      context: [],
    });
  }
  if (records.length === 0) return fail('empty', `cannot read "${name}": no fact-checks in it (${skipped.length} rows without a claim or rating)`);
  return ok({ records, skipped });
}

// --- schema.org ClaimReview --------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every node of a JSON-LD value (arrays and @graph flattened). */
function nodes(v: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(v)) for (const x of v) nodes(x, out);
  else if (isObject(v)) {
    out.push(v);
    if (v['@graph'] !== undefined) nodes(v['@graph'], out);
  }
  return out;
}

const isClaimReview = (n: Json): boolean => [n['@type']].flat().some((t) => typeof t === 'string' && /^(?:schema:)?ClaimReview$/.test(t));

function nameOf(v: unknown): string | null {
  if (Array.isArray(v)) return nameOf(v[0]);
  return isObject(v) ? text(v.name) : text(v);
}

function ratingOf(v: unknown): string | null {
  const r = Array.isArray(v) ? v[0] : v;
  if (!isObject(r)) return text(r);
  const named = text(r.alternateName) ?? text(r.name);
  if (named) return named;
  const value = typeof r.ratingValue === 'number' ? String(r.ratingValue) : text(r.ratingValue);
  if (!value) return null;
  const best = typeof r.bestRating === 'number' ? String(r.bestRating) : text(r.bestRating);
  return best ? `${value}/${best}` : value;
}

/** The ClaimReview nodes of parsed JSON-LD; `base` resolves relative URLs (the page's own URL). */
export function claimReviews(json: unknown, base?: string): Result<FactCheck[], string> {
  const out: FactCheck[] = [];
  const reviews = nodes(json).filter(isClaimReview);
  for (let i = 0; i < reviews.length; i++) {
    const n = reviews[i]!;
    const claim = text(n.claimReviewed);
    if (!claim) return { ok: false, error: `ClaimReview ${i + 1} has no "claimReviewed", expected the claim's text` };
    const item = isObject(n.itemReviewed) ? n.itemReviewed : {};
    let url = httpUrl(n.url);
    if (!url && typeof n.url === 'string' && base) {
      try { url = httpUrl(new URL(n.url, base).href); } catch { url = null; }
    }
    url ??= base ? httpUrl(base) : null;
    out.push({
      claim,
      rating: ratingOf(n.reviewRating) ?? UNKNOWN_RATING,
      publisher: nameOf(n.author) ?? nameOf(n.publisher) ?? publisherOf(url),
      url,
      published: isoDate(n.datePublished),
      title: text(n.name) ?? text(n.headline),
      claimant: nameOf(item.author),
      externalId: text(n['@id']),
      context: [],
    });
  }
  // A page reviewing several claims: one URL each, so the store keeps them apart.
  const seen = new Map<string, number>();
  for (const r of out) {
    if (!r.url) continue;
    const n = (seen.get(r.url) ?? 0) + 1;
    seen.set(r.url, n);
    if (n > 1) r.url = `${r.url.split('#')[0]}#claim-${n}`;
  }
  return { ok: true, value: out };
}

/** A .json / .jsonld file holding ClaimReview JSON-LD. */
export function parseClaimReviewJson(raw: string, name: string): Result<Parsed> {
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail('bad-json', `cannot read "${name}": not JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const r = claimReviews(json);
  if (!r.ok) return fail('bad-input', `cannot read "${name}": ${r.error}`);
  if (r.value.length === 0) return fail('bad-input', `cannot read "${name}": no ClaimReview in it, expected schema.org ClaimReview JSON-LD`);
  return ok({ records: r.value, skipped: [] });
}

/** The JSON-LD blocks of an HTML page (broken blocks are left out, as browsers and crawlers do). */
export function jsonLdBlocks(html: string): unknown[] {
  const { document } = parseHTML(html) as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } };
  const out: unknown[] = [];
  for (const s of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try { out.push(JSON.parse(s.textContent ?? '')); } catch { /* broken JSON-LD is common */ }
  }
  return out;
}

/** An HTML page with ClaimReview JSON-LD; `url` is the page's own address when known. */
export function parseClaimReviewHtml(raw: string, name: string, url?: string): Result<Parsed> {
  const r = claimReviews(jsonLdBlocks(raw), url);
  if (!r.ok) return fail('bad-input', `cannot read "${name}": ${r.error}`);
  if (r.value.length === 0) return fail('bad-input', `cannot read "${name}": no ClaimReview JSON-LD in the page`);
  return ok({ records: r.value, skipped: [] });
}
