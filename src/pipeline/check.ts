import { existsSync } from 'node:fs';
import { factChecksForClaims } from '../factcheck/index.ts';
import { ingest, type IngestOptions } from '../ingest/index.ts';
import type { Document, InputError, Result, RunContext } from '../model/index.ts';
import { buildReport, type Report } from '../report/index.ts';
import { commentsStage, commentsStageWith } from '../comments/index.ts';
import { commentKey, defaultStoreLocation, isPostgresUrl, openStore, type Store } from '../store/index.ts';
import { verifyStage } from '../verify/index.ts';
import { storeEvidence } from './evidence.ts';
import { DEFAULT_STAGES, runPipeline } from './index.ts';
import { addSources, type AddSummary } from './sources.ts';

export interface CheckOptions extends RunContext {
  ingest?: IngestOptions;
  /** An open store to verify against (the caller closes it). */
  store?: Store;
  /** Stored sources never used as evidence (besides the checked article itself). */
  excludeSources?: string[];
}

const STAGES = [...DEFAULT_STAGES, verifyStage];

/** Check one document that is already in memory. */
export async function checkDocument(doc: Document, options: CheckOptions = {}): Promise<Report> {
  const ctx: RunContext = { ...options };
  let provider: ReturnType<typeof storeEvidence> | undefined;
  if (options.store) {
    provider = storeEvidence(options.store, options.excludeSources ? { exclude: options.excludeSources } : {});
    ctx.evidence = provider;
    // What the article copies, and the copies of that, confirm nothing independently.
    doc.derivedFrom = await provider.derivedFrom(doc);
    for (const d of doc.derivedFrom) {
      provider.exclude([d.sourceId, ...(await options.store.relations(d.sourceId)).flatMap((r) => [r.from, r.to])]);
    }
  }
  const reused = options.store ? await commentReuse(options.store, doc) : new Map<string, string[]>();
  await runPipeline(doc, ctx, reused.size ? STAGES.map((s) => (s === commentsStage ? commentsStageWith({ reused }) : s)) : STAGES);
  if (options.store && doc.claims) {
    // Earlier fact-checks of each claim, from the store's fact-checks (none when it holds none).
    const found = await factChecksForClaims(options.store, doc.claims, { date: doc.published });
    for (const c of doc.claims) c.factChecks = found.get(c.id) ?? [];
  }
  return buildReport(doc);
}

/** The document's comments found under other stored articles: comment id → those articles, named for a reader. */
async function commentReuse(store: Store, doc: Document): Promise<Map<string, string[]>> {
  const keyOf = new Map(doc.comments.map((c) => [c.id, commentKey(c.text)] as const));
  const keys = [...new Set([...keyOf.values()].filter((k): k is string => k !== null))];
  const under = new Map<string, string[]>();
  for (const h of await store.commentReuse(keys, { exclude: [doc.id] })) {
    const name = h.title ? `"${h.title}"${h.outlet ? ` (${h.outlet})` : ''}` : h.url ?? h.sourceId;
    under.set(h.key, [...(under.get(h.key) ?? []), name]);
  }
  const reused = new Map<string, string[]>();
  for (const [id, key] of keyOf) {
    const names = key === null ? undefined : under.get(key);
    if (names) reused.set(id, [...names].sort());
  }
  return reused;
}

/** Read an input (file, URL or "-") and check every article in it. */
export async function check(input: string, options: CheckOptions = {}): Promise<Result<Report[], InputError>> {
  const docs = await ingest(input, options.ingest ?? {});
  if (!docs.ok) return docs;
  const reports: Report[] = [];
  for (const doc of docs.value) reports.push(await checkDocument(doc, options));
  return { ok: true, value: reports };
}

/**
 * Which store `check` uses: the one named (`--db` or CROSSCHECK_DB), else the default store when
 * sources are being added or it already exists; none otherwise (every claim stays unverified).
 */
export function storeLocation(db: string | undefined, addingSources: boolean, env: NodeJS.ProcessEnv = process.env): string | null {
  const named = db ?? env.CROSSCHECK_DB;
  if (named) return named;
  const fallback = defaultStoreLocation(env);
  return addingSources || existsSync(fallback) ? fallback : null;
}

export { addSources, isPostgresUrl, openStore, type AddSummary };
