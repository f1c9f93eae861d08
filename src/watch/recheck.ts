/**
 * Re-checking stored checks when new items arrive: a stored check is re-run when one of its claims
 * shares enough words with a new item ("the item speaks to the claim"), and every claim whose
 * verdict changed is reported. The updated report replaces the stored one.
 */
import { fromInputObject } from '../ingest/index.ts';
import type { Document } from '../model/index.ts';
import { checkDocument, type CheckOptions } from '../pipeline/check.ts';
import { reportSchema, type Report } from '../report/index.ts';
import { fold, queryTerms, type CheckRecord, type Store } from '../store/index.ts';

export type Verdict = Report['claims'][number]['verdict'];

export interface VerdictChange {
  checkId: string;
  article: { id: string; title: string | null; url: string | null };
  claim: { id: string; text: string };
  from: Verdict;
  to: Verdict;
  /** The new items that speak to the claim. */
  items: Array<{ sourceId: string; title: string | null; url: string | null }>;
}

export interface RecheckOptions {
  /** Most recently updated stored checks considered (default 500). */
  limit?: number;
  /** Words a claim and an item must share, at least (default 3; and at least a third of the claim's words). */
  minShared?: number;
  check?: Pick<CheckOptions, 'minScore' | 'wordsPerMinute' | 'referenceDate'>;
  now?: () => Date;
}

/** Which claims of a report the item speaks to: enough shared content words. */
export function claimsSpokenTo(report: Report, itemTerms: ReadonlySet<string>, minShared = 3): string[] {
  const ids: string[] = [];
  for (const c of report.claims) {
    const terms = queryTerms(c.text);
    const shared = terms.filter((t) => itemTerms.has(t)).length;
    if (shared >= Math.max(minShared, Math.ceil(terms.length / 3))) ids.push(c.id);
  }
  return ids;
}

/** The checked article again, from its report. */
export function documentOfReport(report: Report): Document | null {
  const a = report.article;
  const input: Record<string, unknown> = { text: a.text };
  if (a.title) input.title = a.title;
  if (a.url) input.url = a.url;
  if (a.outlet) input.outlet = a.outlet;
  if (a.published) input.published = a.published;
  if (report.comments.items.length) {
    input.comments = report.comments.items.map((c) => ({ id: c.id, text: c.text, ...(c.author ? { author: c.author } : {}), ...(c.published ? { published: c.published } : {}), ...(c.replyTo ? { replyTo: c.replyTo } : {}) }));
  }
  const r = fromInputObject(input, a.origin);
  return r.ok ? r.value : null;
}

const claimKey = (c: Report['claims'][number]): string => `${c.span.start}:${c.span.end}:${c.text}`;

/** Verdicts that differ between two reports of the same article, claim by claim. */
export function changedVerdicts(before: Report, after: Report): Array<{ claim: Report['claims'][number]; from: Verdict; to: Verdict }> {
  const old = new Map(before.claims.map((c) => [claimKey(c), c.verdict]));
  const out: Array<{ claim: Report['claims'][number]; from: Verdict; to: Verdict }> = [];
  for (const c of after.claims) {
    const from = old.get(claimKey(c));
    if (from !== undefined && from !== c.verdict) out.push({ claim: c, from, to: c.verdict });
  }
  return out;
}

/**
 * Re-checks the stored checks that the new documents speak to; stores the new reports and returns
 * the changed verdicts. Checks of the new documents themselves are left alone.
 */
export async function recheckStored(store: Store, items: readonly Document[], options: RecheckOptions = {}): Promise<VerdictChange[]> {
  if (!items.length) return [];
  const now = options.now ?? (() => new Date());
  const itemTerms = items.map((d) => ({ doc: d, terms: wordsOf(`${d.title ?? ''}\n${d.text}`) }));
  const changes: VerdictChange[] = [];
  const stored: CheckRecord[] = await store.listChecks({ limit: options.limit ?? 500 });
  for (const rec of stored) {
    const parsed = reportSchema.safeParse(rec.report);
    if (!parsed.success) continue;
    const report = parsed.data;
    const speaking = new Map<string, typeof items[number][]>();
    for (const { doc, terms } of itemTerms) {
      if (doc.id === report.article.id) continue;
      for (const id of claimsSpokenTo(report, terms, options.minShared)) speaking.set(id, [...(speaking.get(id) ?? []), doc]);
    }
    if (!speaking.size) continue;
    const doc = documentOfReport(report);
    if (!doc) continue;
    const fresh = await checkDocument(doc, { ...options.check, store });
    await store.putCheck({ ...rec, report: fresh, updatedAt: now().toISOString() });
    for (const ch of changedVerdicts(report, fresh)) {
      const spoken = speaking.get(ch.claim.id) ?? [...new Set([...speaking.values()].flat())];
      changes.push({
        checkId: rec.id,
        article: { id: report.article.id, title: report.article.title, url: report.article.url },
        claim: { id: ch.claim.id, text: ch.claim.text },
        from: ch.from,
        to: ch.to,
        items: spoken.map((d) => ({ sourceId: d.id, title: d.title, url: d.url })),
      });
    }
  }
  return changes;
}

/** Every distinct folded word of a text, as the store's queries fold them. */
export function wordsOf(text: string): Set<string> {
  return new Set(fold(text).match(/[\p{L}\p{N}]+/gu) ?? []);
}
