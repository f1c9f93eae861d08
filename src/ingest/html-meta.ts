/** Page metadata from meta tags, JSON-LD and <time>; declared values go to `declared` with their markup. */
import { parseDate } from './dates.ts';
import { all, type DomDocument, type DomElement } from './dom.ts';
import type { DeclaredBuilder } from './lines.ts';
import { squash } from './normalize.ts';

type Json = Record<string, unknown>;

const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNews|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|LiveBlogPosting)$/;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return squash(v);
  if (Array.isArray(v)) return str(v[0]);
  return null;
}

/** A name from a string, `{name}`, or a list of those. */
function nameOf(v: unknown): string | null {
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((n): n is string => n !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  return isObject(v) ? str(v.name) : str(v);
}

/** The first JSON-LD node typed as an article (arrays and @graph flattened). */
function jsonLdArticle(doc: DomDocument): Json | null {
  const nodes: Json[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      nodes.push(v);
      if (v['@graph'] !== undefined) visit(v['@graph']);
    }
  };
  for (const script of all(doc, 'script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // broken JSON-LD is common; the page is still readable
    }
  }
  const typed = (n: Json): boolean => [n['@type']].flat().some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t));
  return nodes.find(typed) ?? null;
}

/** ISO 8601 duration ("PT5M", "PT1H2M") → minutes. */
function durationMinutes(v: unknown): number | null {
  const m = typeof v === 'string' ? /^P(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)$/i.exec(v.trim()) : null;
  if (!m || (m[1] ?? m[2] ?? m[3]) === undefined) return null;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) + Math.round(Number(m[3] ?? 0) / 60);
}

function count(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/,/g, '')) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}

function metaContent(doc: DomDocument, selectors: readonly string[]): { value: string; el: DomElement } | null {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const value = str(el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.getAttribute('href'));
    if (el && value) return { value, el };
  }
  return null;
}

function absoluteUrl(href: string | null, base: string | undefined): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export interface HtmlMeta {
  /** JSON-LD headline or og:title: the cleanest titles a page offers. */
  title: string | null;
  pageTitle: string | null;
  h1: string | null;
  outlet: string | null;
  canonical: string | null;
}

export function readHtmlMeta(doc: DomDocument, declared: DeclaredBuilder, base: string | undefined): HtmlMeta {
  const ld = jsonLdArticle(doc);
  const ldEvidence = (key: string): string => `JSON-LD ${key}: ${JSON.stringify(ld?.[key])}`;
  const ldPublished = ld ? parseDate(str(ld.datePublished) ?? '') : null;
  const metaPublished = metaContent(doc, [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="date"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dcterms.date"]',
  ]);
  const published = metaPublished ? parseDate(metaPublished.value) : null;
  if (metaPublished && published) declared.add({ published }, metaPublished.el.outerHTML);
  else if (ldPublished) declared.add({ published: ldPublished }, ldEvidence('datePublished'));
  else {
    const time = doc.querySelector('time[itemprop="datePublished"], time[pubdate], article time[datetime], time[datetime]');
    const date = parseDate(time?.getAttribute('datetime') ?? '');
    if (time && date) declared.add({ published: date }, time.outerHTML);
  }

  const metaAuthor = metaContent(doc, ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="byl"]']);
  const ldAuthor = ld ? nameOf(ld.author) : null;
  if (metaAuthor && !/^https?:/.test(metaAuthor.value)) declared.add({ byline: metaAuthor.value.replace(/^by\s+/i, '') }, metaAuthor.el.outerHTML);
  else if (ldAuthor) declared.add({ byline: ldAuthor }, ldEvidence('author'));

  if (ld) {
    const words = count(ld.wordCount);
    if (words !== null) declared.add({ wordCount: words }, ldEvidence('wordCount'));
    const minutes = durationMinutes(ld.timeRequired);
    if (minutes !== null) declared.add({ readingTimeMinutes: minutes }, ldEvidence('timeRequired'));
    const n = count(ld.commentCount);
    if (n !== null) declared.add({ commentCount: n }, ldEvidence('commentCount'));
  }

  const ogTitle = metaContent(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]'])?.value ?? null;
  const outlet =
    metaContent(doc, ['meta[property="og:site_name"]', 'meta[name="publisher"]', 'meta[name="application-name"]'])?.value ??
    (ld ? nameOf(ld.publisher) : null);
  const canonical =
    absoluteUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null, base) ??
    absoluteUrl(metaContent(doc, ['meta[property="og:url"]'])?.value ?? null, base) ??
    absoluteUrl(ld ? str(ld.url) : null, base);
  const pageTitle = str(doc.title);
  const h1 = str(doc.querySelector('h1')?.textContent);

  return { title: (ld ? str(ld.headline) : null) ?? ogTitle, pageTitle, h1, outlet, canonical };
}
