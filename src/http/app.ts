/**
 * The HTTP API and web page as a value: `createApp(options)` builds a Hono app around a store and
 * options it is given; tests call `app.request()` in-process, and `serve.ts` is the one file that
 * listens. Errors have one JSON shape, `{error: {code, message}}` (errors.ts, docs/http.md).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { DEFAULT_MAX_BYTES, fromInputObject, ingestString } from '../ingest/index.ts';
import { fetchUrl } from '../ingest/fetch.ts';
import { readAloud, type ListenOptions } from '../listen/index.ts';
import { fail, ok, type Document, type Result } from '../model/index.ts';
import { checkDocument, type CheckOptions } from '../pipeline/check.ts';
import { addDocuments } from '../pipeline/sources.ts';
import { FORMATS, render, renderHtml, REPORT_CSS, REPORT_SCRIPT, VERSION, type ClaimReviewConfig, type Format, type Report } from '../report/index.ts';
import type { Store } from '../store/index.ts';
import { memoryChecks, storeChecks, type CheckRepository, type StoredCheck } from './checks.ts';
import { validateCheckPayload, type CheckPayload } from '../jobs/check.ts';
import type { Job } from '../store/index.ts';
import { ApiError, sendError, statusForInput } from './errors.ts';
import { createAddressGuard, type Resolver } from './guard.ts';
import { openApiDocument } from './openapi.ts';
import { checkPage, embedBox, EMBED_SCRIPT, errorPage, homePage, PAGE_CSS, PAGE_SCRIPT, type PageOptions } from './page.ts';

/** Default limit of a request body: 5 MiB, the same as the CLI's --max-bytes. */
export const DEFAULT_MAX_BODY_BYTES = DEFAULT_MAX_BYTES;

export interface AppOptions {
  /** The store checks are verified against and sources are added to; none: every claim stays unverified. */
  store?: Store;
  /** Where produced reports are kept; default the store's checks table, or in memory (1000 most recent) without a store. */
  checks?: CheckRepository;
  /** When set, /api/v1 requests (but health and the OpenAPI document) need `Authorization: Bearer <token>`. */
  token?: string;
  /** Largest request body in bytes (413 beyond); default 5 MiB. */
  maxBodyBytes?: number;
  /** URL fetching for `{url}` inputs. */
  fetch?: {
    timeoutMs?: number;
    maxBytes?: number;
    maxRedirects?: number;
    /** Host names, addresses or CIDR ranges the operator allows even though they are not public. */
    allowHosts?: readonly string[];
    /** DNS resolution (tests). */
    resolve?: Resolver;
  };
  /** Options of every check (minimum check-worthiness, words per minute, reference date). */
  check?: Pick<CheckOptions, 'minScore' | 'wordsPerMinute' | 'referenceDate'>;
  /** ClaimReview author and publisher; without it the ClaimReview export is not offered. */
  claimReview?: ClaimReviewConfig;
  listen?: Omit<ListenOptions, 'voice'>;
  /** Logs one line per internal error; default console.error. */
  log?: (line: string) => void;
}

export interface CrosscheckApp {
  app: Hono;
  /** Releases what the app holds (the guarded HTTP agent); the store stays open (the caller's). */
  close: () => Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const EMBED_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

const urlInput = z.object({ url: z.string().min(1) }).strict();
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const sha = (s: string): Buffer => createHash('sha256').update(s).digest();

export function createApp(options: AppOptions = {}): Result<CrosscheckApp> {
  const guarded = createAddressGuard({ allow: options.fetch?.allowHosts ?? [], ...(options.fetch?.resolve ? { resolve: options.fetch.resolve } : {}) });
  if (!guarded.ok) return guarded;
  const guard = guarded.value;
  const checks = options.checks ?? (options.store ? storeChecks(options.store) : memoryChecks());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log ?? ((line: string) => console.error(line));
  const pageOptions: PageOptions = { tokenRequired: Boolean(options.token), claimReview: Boolean(options.claimReview) };
  const audioCache = new Map<string, Buffer>();

  const tokenMatches = (given: string | undefined): boolean =>
    Boolean(options.token) && given !== undefined && timingSafeEqual(sha(given), sha(options.token!));

  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
  });

  /** API paths answer errors as JSON; page paths as an HTML page saying the same. */
  const answer = (c: Context, err: ApiError): Response => {
    if (c.req.path.startsWith('/api/')) return sendError(c, err);
    c.header('Content-Security-Policy', PAGE_CSP);
    return c.html(errorPage(err.status, err.message), err.status);
  };
  app.onError((err, c) => {
    if (err instanceof ApiError) return answer(c, err);
    log(`crosscheck serve: internal error on ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return answer(c, new ApiError(500, 'internal', 'internal error (see the server log)'));
  });
  app.notFound((c) => answer(c, new ApiError(404, 'not-found', `no route for ${c.req.method} ${c.req.path}`)));

  const limit: MiddlewareHandler = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'too-large', `request body over the limit of ${maxBodyBytes} bytes`);
    },
  });

  const auth: MiddlewareHandler = async (c, next) => {
    if (options.token) {
      const header = c.req.header('authorization') ?? '';
      const m = /^Bearer\s+(.+)$/i.exec(header);
      if (!m) throw new ApiError(401, 'unauthorized', 'this server needs a token: send "Authorization: Bearer <token>"');
      if (!tokenMatches(m[1]!.trim())) throw new ApiError(401, 'unauthorized', 'the token is not valid');
    }
    await next();
  };

  // ---- the pipeline, shared by the API and the page ----

  async function fetchDocument(url: string): Promise<Result<Document>> {
    const fetched = await fetchUrl(url, {
      maxBytes: options.fetch?.maxBytes ?? DEFAULT_MAX_BYTES,
      timeoutMs: options.fetch?.timeoutMs ?? 15_000,
      maxRedirects: options.fetch?.maxRedirects ?? 5,
      guard: guard.guard,
      dispatcher: guard.dispatcher,
    });
    if (!fetched.ok) return fetched;
    const docs = ingestString(fetched.value.text, { origin: url, url: fetched.value.url, ...(fetched.value.contentType ? { contentType: fetched.value.contentType } : {}) });
    if (!docs.ok) return docs;
    if (docs.value.length !== 1) return fail('bad-input', `"${url}" holds ${docs.value.length} articles (a feed?); give one article`);
    return ok(docs.value[0]!);
  }

  /** One article from a parsed JSON value: `{url}` alone is fetched, anything else is the input contract. */
  async function documentFromJson(value: unknown): Promise<Result<Document>> {
    if (Array.isArray(value)) return fail('bad-input', `expected one article object, got an array of ${value.length}`);
    if (value === null || typeof value !== 'object') return fail('bad-input', 'expected an article object: {"text": …} or {"html": …} or {"url": …}');
    const asUrl = urlInput.safeParse(value);
    if (asUrl.success) return fetchDocument(asUrl.data.url);
    return fromInputObject(value, 'request');
  }

  async function runCheck(doc: Document): Promise<StoredCheck> {
    if (!doc.text.trim()) throw new ApiError(422, 'no-body', `no article body found in ${doc.url ? `"${doc.url}"` : 'the request'}`);
    const report = await checkDocument(doc, { ...options.check, ...(options.store ? { store: options.store } : {}) });
    return checks.put(report);
  }

  const unwrap = <T>(r: Result<T>): T => {
    if (!r.ok) throw new ApiError(statusForInput(r.error.code), r.error.code, r.error.message);
    return r.value;
  };

  async function readJson(c: Context): Promise<unknown> {
    const raw = await c.req.text();
    if (raw.trim() === '') throw new ApiError(400, 'bad-json', 'the request body is empty: expected JSON');
    try {
      return JSON.parse(raw) as unknown;
    } catch (e) {
      throw new ApiError(400, 'bad-json', `malformed JSON: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  const RAW_TYPES: Record<string, 'text' | 'html' | 'markdown'> = { 'text/plain': 'text', 'text/html': 'html', 'text/markdown': 'markdown' };

  async function documentFromRequest(c: Context): Promise<Document> {
    const type = (c.req.header('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/json' || type.endsWith('+json')) return unwrap(await documentFromJson(await readJson(c)));
    const format = RAW_TYPES[type];
    if (!format) throw new ApiError(415, 'unsupported-media-type', `content type "${type}" is not accepted: send application/json, text/plain, text/html or text/markdown`);
    const docs = unwrap(ingestString(await c.req.text(), { origin: 'request', format }));
    if (docs.length !== 1) throw new ApiError(422, 'bad-input', `expected one article, got ${docs.length}`);
    return docs[0]!;
  }

  async function findCheck(id: string): Promise<StoredCheck> {
    const check = /^[0-9a-f-]{36}$/i.test(id) ? await checks.get(id) : null;
    if (!check) throw new ApiError(404, 'not-found', `no check with id "${id}"`);
    return check;
  }

  async function audioOf(check: StoredCheck): Promise<Buffer> {
    const cached = audioCache.get(check.id);
    if (cached) return cached;
    const r = await readAloud(check.report.article, options.listen ?? {});
    if (!r.ok) {
      if (r.error.code === 'espeak-missing') throw new ApiError(503, 'espeak-missing', r.error.message);
      if (r.error.code === 'empty') throw new ApiError(422, 'empty', r.error.message);
      throw new ApiError(500, 'synthesis-failed', r.error.message);
    }
    audioCache.set(check.id, r.value);
    while (audioCache.size > 16) audioCache.delete(audioCache.keys().next().value!);
    return r.value;
  }

  const wav = (c: Context, bytes: Buffer): Response => {
    c.header('Content-Type', 'audio/wav');
    c.header('Cache-Control', 'private, max-age=3600');
    return c.body(new Uint8Array(bytes));
  };

  function rendered(c: Context, report: Report, format: string): Response {
    if (!(FORMATS as readonly string[]).includes(format)) throw new ApiError(422, 'bad-format', `unknown format "${format}": expected one of ${FORMATS.join(', ')}`);
    if (format === 'claimreview' && !options.claimReview) throw new ApiError(404, 'not-configured', 'ClaimReview is not configured on this server (start it with --review-author)');
    const body = render([report], format as Format, options.claimReview ? { claimReview: options.claimReview } : {});
    const types: Record<Format, string> = { json: 'application/json', html: 'text/html', md: 'text/markdown', text: 'text/plain', claimreview: 'application/ld+json' };
    c.header('Content-Type', `${types[format as Format]}; charset=utf-8`);
    return c.body(body);
  }

  // ---- API ----

  app.get('/api/v1/health', async (c) => c.json({
    status: 'ok',
    version: VERSION,
    store: options.store ? { kind: options.store.kind, sources: await options.store.count() } : null,
    checks: await checks.count(),
    jobs: options.store ? await options.store.countJobs() : null,
  }));
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument({ maxBodyBytes, tokenRequired: pageOptions.tokenRequired })));

  app.use('/api/v1/checks', auth);
  app.use('/api/v1/checks/*', auth);
  app.use('/api/v1/sources', auth);

  app.post('/api/v1/checks', limit, async (c) => {
    if (wantsAsync(c)) return enqueueCheck(c);
    const check = await runCheck(await documentFromRequest(c));
    c.header('Location', `/api/v1/checks/${check.id}`);
    c.header('Crosscheck-Check-Id', check.id);
    return c.json(check.report, 201);
  });
  app.get('/api/v1/checks/:id', async (c) => rendered(c, (await findCheck(c.req.param('id'))).report, c.req.query('format') ?? 'json'));
  app.get('/api/v1/checks/:id/audio', async (c) => wav(c, await audioOf(await findCheck(c.req.param('id')))));

  const needStore = (): Store => {
    if (!options.store) throw new ApiError(503, 'no-store', 'this server has no store: start it with --db');
    return options.store;
  };

  // ---- asynchronous checks: queued in the store, run by `crosscheck worker` processes ----

  function wantsAsync(c: Context): boolean {
    const q = c.req.query('async');
    return q === '1' || q === 'true' || /\brespond-async\b/i.test(c.req.header('prefer') ?? '');
  }

  const jobView = (job: Job) => {
    const checkId = (job.result as { checkId?: unknown } | null)?.checkId;
    return {
      id: job.id,
      kind: job.kind,
      state: job.state,
      attempts: job.attempts,
      createdAt: new Date(job.createdAt).toISOString(),
      finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
      error: job.state === 'failed' ? job.error : null,
      checkId: typeof checkId === 'string' ? checkId : null,
      links: { self: `/api/v1/jobs/${job.id}`, ...(typeof checkId === 'string' ? { check: `/api/v1/checks/${checkId}` } : {}) },
    };
  };

  async function enqueueCheck(c: Context): Promise<Response> {
    const store = needStore();
    const type = (c.req.header('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase();
    let payload: CheckPayload;
    if (type === 'application/json' || type.endsWith('+json')) payload = { input: await readJson(c) };
    else {
      const format = RAW_TYPES[type];
      if (!format) throw new ApiError(415, 'unsupported-media-type', `content type "${type}" is not accepted: send application/json, text/plain, text/html or text/markdown`);
      payload = { raw: await c.req.text(), format };
    }
    unwrap(validateCheckPayload(payload));
    const queued = await store.enqueue({ kind: 'check', payload });
    const job = await store.getJob(queued.id);
    if (!job) throw new Error(`queued job ${queued.id} not found`);
    c.header('Location', `/api/v1/jobs/${job.id}`);
    return c.json({ job: jobView(job) }, 202);
  }

  app.use('/api/v1/jobs/*', auth);
  app.get('/api/v1/jobs/:id', async (c) => {
    const id = c.req.param('id');
    const job = options.store && /^[0-9a-f-]{36}$/i.test(id) ? await options.store.getJob(id) : null;
    if (!job || job.kind !== 'check') throw new ApiError(404, 'not-found', `no job with id "${id}"`);
    return c.json({ job: jobView(job) });
  });
  app.get('/api/v1/sources', async (c) => {
    const store = needStore();
    const q = listQuery.safeParse(c.req.query());
    if (!q.success) throw new ApiError(422, 'bad-input', `invalid ${String(q.error.issues[0]?.path[0] ?? 'query')}: ${q.error.issues[0]?.message ?? 'bad value'}`);
    return c.json({ count: await store.count(), items: await store.list({ limit: q.data.limit, offset: q.data.offset }) });
  });
  app.post('/api/v1/sources', limit, async (c) => {
    const store = needStore();
    const body = await readJson(c);
    const items = Array.isArray(body) ? body : [body];
    if (!items.length) throw new ApiError(422, 'bad-input', 'expected at least one source');
    // Read every item before anything is stored: one bad item fails the whole request.
    const docs: Document[] = [];
    for (let i = 0; i < items.length; i++) {
      const r = await documentFromJson(items[i]);
      if (!r.ok) throw new ApiError(statusForInput(r.error.code), r.error.code, items.length > 1 ? `source ${i + 1}: ${r.error.message}` : r.error.message);
      if (!r.value.text.trim()) throw new ApiError(422, 'no-body', `source ${i + 1}: no article body found`);
      docs.push(r.value);
    }
    const added = await addDocuments(store, docs);
    return c.json({ added: added.added, existing: added.existing, relations: added.relations }, 201);
  });

  // ---- the page ----

  const html = (c: Context, body: string, status: 200 | 201 | 400 | 401 | 404 | 413 | 415 | 422 = 200, csp = PAGE_CSP): Response => {
    c.header('Content-Security-Policy', csp);
    return c.html(body, status);
  };
  const asset = (type: string, body: string) => (c: Context) => {
    c.header('Content-Type', `${type}; charset=utf-8`);
    c.header('Cache-Control', 'public, max-age=300');
    // Static and public: the embedded box (a sandboxed, opaque-origin frame) loads them too.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(body);
  };
  app.get('/assets/report.css', asset('text/css', REPORT_CSS));
  app.get('/assets/page.css', asset('text/css', PAGE_CSS));
  app.get('/assets/report.js', asset('text/javascript', REPORT_SCRIPT));
  app.get('/assets/page.js', asset('text/javascript', PAGE_SCRIPT));
  app.get('/embed.js', asset('text/javascript', EMBED_SCRIPT));

  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/', (c) => html(c, homePage(pageOptions)));
  app.post('/checks', limit, async (c) => {
    const form = await c.req.parseBody();
    const text = typeof form.text === 'string' ? form.text : '';
    const url = typeof form.url === 'string' ? form.url.trim() : '';
    const state = { text, url };
    if (options.token && !tokenMatches(typeof form.token === 'string' ? form.token : undefined)) {
      return html(c, homePage(pageOptions, { ...state, error: 'this server needs the access token' }), 401);
    }
    let doc: Result<Document>;
    if (url && !text.trim()) doc = await fetchDocument(url);
    else if (text.trim()) {
      const docs = ingestString(text, { origin: 'paste' });
      doc = docs.ok ? (docs.value.length === 1 ? ok(docs.value[0]!) : fail('bad-input', `expected one article, got ${docs.value.length}`)) : docs;
    } else doc = fail('empty', 'paste an article or give its URL');
    if (!doc.ok) return html(c, homePage(pageOptions, { ...state, error: doc.error.message }), 422);
    if (!doc.value.text.trim()) return html(c, homePage(pageOptions, { ...state, error: 'no article body found' }), 422);
    const check = await runCheck(doc.value);
    return c.redirect(`/checks/${check.id}`, 303);
  });
  app.get('/checks/:id', async (c) => html(c, checkPage(await findCheck(c.req.param('id')), pageOptions)));
  app.get('/checks/:id/audio.wav', async (c) => wav(c, await audioOf(await findCheck(c.req.param('id')))));
  app.get('/checks/:id/report.json', async (c) => rendered(c, (await findCheck(c.req.param('id'))).report, 'json'));
  app.get('/checks/:id/report.html', async (c) => {
    const check = await findCheck(c.req.param('id'));
    c.header('Content-Type', 'text/html; charset=utf-8');
    return c.body(renderHtml([check.report]));
  });
  app.get('/checks/:id/claimreview.json', async (c) => rendered(c, (await findCheck(c.req.param('id'))).report, 'claimreview'));
  app.get('/embed', async (c) => {
    const id = c.req.query('id');
    const url = c.req.query('url');
    let check: StoredCheck | null = null;
    if (id) check = /^[0-9a-f-]{36}$/i.test(id) ? await checks.get(id) : null;
    else if (url) check = await checks.latestForUrl(url);
    else throw new ApiError(422, 'bad-input', 'the embed needs ?id=<check id> or ?url=<article URL>');
    return html(c, embedBox(check, new URL(c.req.url).origin), 200, EMBED_CSP);
  });

  return ok({ app, close: () => guard.close() });
}
