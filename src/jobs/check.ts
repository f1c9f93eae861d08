/**
 * The "check" job: one article, in the same forms `POST /api/v1/checks` accepts — a JSON value in
 * the input contract or `{url}` (fetched only from public addresses unless the operator allows
 * more, as the HTTP server does), or a raw text/HTML/Markdown body — checked against the store.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createAddressGuard } from '../http/guard.ts';
import { DEFAULT_MAX_BYTES, fromInputObject, ingestString } from '../ingest/index.ts';
import { fetchUrl, parseUrl } from '../ingest/fetch.ts';
import { fail, ok, type Document, type Result } from '../model/index.ts';
import { checkDocument, type CheckOptions } from '../pipeline/check.ts';
import type { CheckRecord, Store } from '../store/index.ts';

export const checkPayloadSchema = z.union([
  z.object({ input: z.unknown() }).strict(),
  z.object({ raw: z.string(), format: z.enum(['text', 'html', 'markdown']) }).strict(),
]);
export type CheckPayload = z.infer<typeof checkPayloadSchema>;

export interface CheckJobOptions {
  store: Store;
  check?: Pick<CheckOptions, 'minScore' | 'wordsPerMinute' | 'referenceDate'>;
  fetch?: { timeoutMs?: number; maxBytes?: number; maxRedirects?: number; allowHosts?: readonly string[] };
  now?: () => Date;
}

const urlInput = z.object({ url: z.string().min(1) }).strict();

/** What the server checks before it queues a payload: the same refusals as a synchronous check, minus fetching. */
export function validateCheckPayload(p: CheckPayload): Result<void> {
  if ('raw' in p) {
    const docs = ingestString(p.raw, { origin: 'request', format: p.format });
    if (!docs.ok) return docs;
    return docs.value.length === 1 ? ok(undefined) : fail('bad-input', `expected one article, got ${docs.value.length}`);
  }
  const v = p.input;
  if (Array.isArray(v)) return fail('bad-input', `expected one article object, got an array of ${v.length}`);
  if (v === null || typeof v !== 'object') return fail('bad-input', 'expected an article object: {"text": …} or {"html": …} or {"url": …}');
  const asUrl = urlInput.safeParse(v);
  if (asUrl.success) {
    const u = parseUrl(asUrl.data.url);
    return u.ok ? ok(undefined) : u;
  }
  const d = fromInputObject(v, 'request');
  return d.ok ? ok(undefined) : d;
}

async function documentOf(p: CheckPayload, options: CheckJobOptions): Promise<Result<Document>> {
  if ('raw' in p) {
    const docs = ingestString(p.raw, { origin: 'request', format: p.format });
    if (!docs.ok) return docs;
    return docs.value.length === 1 ? ok(docs.value[0]!) : fail('bad-input', `expected one article, got ${docs.value.length}`);
  }
  const asUrl = urlInput.safeParse(p.input);
  if (!asUrl.success) return fromInputObject(p.input, 'request');
  const url = asUrl.data.url;
  const guarded = createAddressGuard({ allow: options.fetch?.allowHosts ?? [] });
  if (!guarded.ok) return guarded;
  try {
    const fetched = await fetchUrl(url, {
      maxBytes: options.fetch?.maxBytes ?? DEFAULT_MAX_BYTES,
      timeoutMs: options.fetch?.timeoutMs ?? 15_000,
      maxRedirects: options.fetch?.maxRedirects ?? 5,
      guard: guarded.value.guard,
      dispatcher: guarded.value.dispatcher,
    });
    if (!fetched.ok) return fetched;
    const docs = ingestString(fetched.value.text, { origin: url, url: fetched.value.url, ...(fetched.value.contentType ? { contentType: fetched.value.contentType } : {}) });
    if (!docs.ok) return docs;
    if (docs.value.length !== 1) return fail('bad-input', `"${url}" holds ${docs.value.length} articles (a feed?); give one article`);
    return ok(docs.value[0]!);
  } finally {
    await guarded.value.close();
  }
}

export type CheckJobResult =
  | { ok: true; check: CheckRecord }
  /** `transient`: worth another attempt (a fetch that failed or timed out). */
  | { ok: false; error: string; transient: boolean };

export async function runCheckJob(jobId: string, payload: unknown, options: CheckJobOptions): Promise<CheckJobResult> {
  const p = checkPayloadSchema.safeParse(payload);
  if (!p.success) return { ok: false, error: `not a check payload: ${p.error.issues[0]?.message ?? 'bad value'}`, transient: false };
  const doc = await documentOf(p.data, options);
  if (!doc.ok) return { ok: false, error: doc.error.message, transient: doc.error.code === 'fetch-failed' || doc.error.code === 'timeout' };
  if (!doc.value.text.trim()) return { ok: false, error: `no article body found in ${doc.value.url ? `"${doc.value.url}"` : 'the request'}`, transient: false };
  const report = await checkDocument(doc.value, { ...options.check, store: options.store });
  const at = (options.now ?? (() => new Date()))().toISOString();
  return { ok: true, check: { id: randomUUID(), documentId: report.article.id, url: report.article.url, jobId, report, createdAt: at, updatedAt: at } };
}
