/**
 * Where the API keeps the reports it produced, so that `GET /api/v1/checks/:id`, the page, the
 * exports and the audio can find them again. An interface: the in-memory repository serves one
 * process; a shared one (a table in the PostgreSQL store) can replace it for several processes.
 */
import { randomUUID } from 'node:crypto';
import { reportSchema, type Report } from '../report/index.ts';
import type { CheckRecord, Store } from '../store/index.ts';

export interface StoredCheck {
  /** A random UUID: unguessable, so a check's id works as a link to share it. */
  id: string;
  createdAt: string;
  report: Report;
}

export interface CheckRepository {
  put(report: Report): Promise<StoredCheck>;
  get(id: string): Promise<StoredCheck | null>;
  /** The most recent check of an article with this URL (for the embeddable box). */
  latestForUrl(url: string): Promise<StoredCheck | null>;
  count(): Promise<number>;
}

/** Checks in memory, the oldest forgotten beyond `limit` (default 1000). */
export function memoryChecks(options: { limit?: number; now?: () => Date } = {}): CheckRepository {
  const limit = options.limit ?? 1000;
  const now = options.now ?? (() => new Date());
  const byId = new Map<string, StoredCheck>();
  return {
    async put(report) {
      const check: StoredCheck = { id: randomUUID(), createdAt: now().toISOString(), report };
      byId.set(check.id, check);
      while (byId.size > limit) {
        const oldest = byId.keys().next().value;
        if (oldest === undefined) break;
        byId.delete(oldest);
      }
      return check;
    },
    async get(id) {
      return byId.get(id) ?? null;
    },
    async latestForUrl(url) {
      let found: StoredCheck | null = null;
      for (const c of byId.values()) if (c.report.article.url === url) found = c;
      return found;
    },
    async count() {
      return byId.size;
    },
  };
}

/**
 * Checks kept in the store's `checks` table: they survive restarts and are shared by every serve
 * process (and worker) using the same store. Stored reports are validated when read back.
 */
export function storeChecks(store: Store, options: { now?: () => Date } = {}): CheckRepository {
  const now = options.now ?? (() => new Date());
  const toStored = (r: CheckRecord | null): StoredCheck | null => {
    if (!r || !reportSchema.safeParse(r.report).success) return null;
    return { id: r.id, createdAt: r.createdAt, report: r.report as Report };
  };
  return {
    async put(report) {
      const at = now().toISOString();
      const check: StoredCheck = { id: randomUUID(), createdAt: at, report };
      await store.putCheck({ id: check.id, documentId: report.article.id, url: report.article.url, jobId: null, report, createdAt: at, updatedAt: at });
      return check;
    },
    get: async (id) => toStored(await store.getCheck(id)),
    latestForUrl: async (url) => toStored(await store.latestCheckForUrl(url)),
    count: () => store.countChecks(),
  };
}
