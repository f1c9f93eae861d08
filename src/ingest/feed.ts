/** RSS 2.0, RSS 1.0 (RDF) and Atom feeds → one Parsed per item. Nothing in a feed is executed. */
import { DOMParser } from 'linkedom';
import { fail, ok, type Result } from '../model/index.ts';
import { parseDate } from './dates.ts';
import { all, type DomDocument, type DomElement } from './dom.ts';
import { parseHtml } from './html.ts';
import { label } from './normalize.ts';
import { emptyParsed, type ParseContext, type Parsed } from './types.ts';

export const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml']);

const FEED_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?xml-stylesheet[^>]*\?>\s*)*<(?:rss|feed|rdf:RDF)\b/i;

export function looksLikeFeed(raw: string): boolean {
  return FEED_ROOT.test(raw);
}

export interface FeedItem extends Parsed {
  /** The item's guid / Atom id, or its link: what makes "the same item" across polls. */
  guid: string | null;
}

const text = (el: DomElement | null): string | null => {
  const t = el?.textContent?.trim();
  return t ? t : null;
};

function child(item: DomElement, names: string[]): DomElement | null {
  for (const n of names) {
    for (const c of Array.from(item.childNodes)) {
      const e = c as DomElement;
      if (e.nodeType === 1 && (e.localName === n || e.localName?.toLowerCase() === n.toLowerCase())) return e;
    }
  }
  return null;
}

function linkOf(item: DomElement): string | null {
  const links = Array.from(item.childNodes).filter((c) => (c as DomElement).localName === 'link') as DomElement[];
  for (const l of links) {
    const href = l.getAttribute('href');
    if (href && (!l.getAttribute('rel') || l.getAttribute('rel') === 'alternate')) return href.trim();
  }
  return text(links[0] ?? null);
}

function dateOf(s: string | null): string | null {
  if (!s) return null;
  const direct = parseDate(s);
  if (direct) return direct;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/** Parse a feed; items without content get an empty body (the caller may fetch their link). */
export function parseFeed(raw: string, ctx: ParseContext): Result<FeedItem[]> {
  let doc: DomDocument;
  try {
    doc = new DOMParser().parseFromString(raw, 'text/xml') as unknown as DomDocument;
  } catch {
    return fail('bad-input', `cannot read ${label(ctx.origin)}: not a well-formed RSS or Atom feed`);
  }
  const channelTitle = text(doc.querySelector('channel > title')) ?? text(doc.querySelector('feed > title'));
  const items = [...all(doc, 'item'), ...all(doc, 'entry')];
  const out: FeedItem[] = [];
  for (const item of items) {
    const body = text(child(item, ['content:encoded', 'encoded', 'content', 'description', 'summary']));
    const link = linkOf(item);
    const parsed: Parsed = body ? parseHtml(body, link ? { origin: ctx.origin, url: link } : { origin: ctx.origin }) : emptyParsed();
    const title = text(child(item, ['title']));
    out.push({
      ...parsed,
      title: title ?? parsed.title,
      outlet: channelTitle ?? parsed.outlet,
      url: link ?? parsed.url,
      published: dateOf(text(child(item, ['pubDate', 'published', 'updated', 'dc:date', 'date']))) ?? parsed.published,
      byline: text(child(item, ['dc:creator', 'creator', 'author'])) ?? parsed.byline,
      guid: text(child(item, ['guid', 'id'])) ?? link,
    });
  }
  return ok(out);
}
