/** Where watch events go: one line each on stdout (text or JSON lines) and, for changed verdicts, an optional webhook. */
import type { WatchEvent } from './poll.ts';

export type EventFormat = 'text' | 'jsonl';

const quote = (s: string, max = 160): string => `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;

export function formatEvent(e: WatchEvent, format: EventFormat): string {
  if (format === 'jsonl') return `${JSON.stringify(e)}\n`;
  if (e.type === 'poll') {
    const what = e.status === '304' ? 'not modified'
      : e.status === '200' ? `${e.newItems} new item${e.newItems === 1 ? '' : 's'}, ${e.stored} stored`
      : `failed (${e.error ?? e.status}), failure ${e.failures}`;
    return `${e.at} poll ${e.feed}: ${what}; next poll ${e.nextPollAt}\n`;
  }
  const items = e.items.map((i) => (i.title ? quote(i.title, 80) : i.url ?? i.sourceId)).join(', ');
  return `${e.at} verdict changed: ${quote(e.claim.text)} ${e.from} → ${e.to} — in ${e.article.title ? quote(e.article.title, 80) : e.article.url ?? e.article.id} (check ${e.checkId}), after new items from ${e.feed}: ${items}\n`;
}

export interface WebhookOptions {
  url: string;
  /** Default 5000 ms. */
  timeoutMs?: number;
}

/** POSTs one event as JSON; resolves to null when the hook answered 2xx, else to the reason. Never throws. */
export async function postWebhook(event: WatchEvent, options: WebhookOptions): Promise<string | null> {
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? 5000;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'crosscheck-watch' },
      body: JSON.stringify(event),
      signal: controller.signal,
      redirect: 'manual',
    });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`;
  } catch (e) {
    if (controller.signal.aborted) return `no answer within ${timeoutMs} ms`;
    return ((e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message ?? String(e)).split('\n')[0]!;
  } finally {
    clearTimeout(timer);
  }
}

/** One function that sends each event to stdout and, for changed verdicts, to the webhook. */
export function eventSink(options: { write: (s: string) => void; warn: (s: string) => void; format: EventFormat; webhook?: WebhookOptions }) {
  return async (e: WatchEvent): Promise<void> => {
    options.write(formatEvent(e, options.format));
    if (options.webhook && e.type === 'verdict-changed') {
      const why = await postWebhook(e, options.webhook);
      if (why) options.warn(`crosscheck: webhook ${options.webhook.url} failed: ${why}\n`);
    }
  };
}
