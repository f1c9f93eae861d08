/**
 * Where the API keeps the reports it produced, so that `GET /api/v1/checks/:id`, the page, the
 * exports and the audio can find them again. An interface: the in-memory repository serves one
 * process; a shared one (a table in the PostgreSQL store) can replace it for several processes.
 */
import { randomUUID } from 'node:crypto';
import type { Report } from '../report/index.ts';

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
