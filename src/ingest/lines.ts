/**
 * Line classification for page captures: chrome to drop, metadata badges to record, the
 * comments header. Shared by the text, HTML and Markdown parsers (HTML blocks are "lines").
 */
import type { DeclaredMetadata } from '../model/index.ts';
import { parseDate, RELATIVE_STAMP } from './dates.ts';
import { countWords } from './normalize.ts';

export interface MetaHit {
  readingTimeMinutes?: number;
  wordCount?: number;
  commentCount?: number;
  byline?: string;
  published?: string;
  updated?: string;
}

/** `follow`: the heading also owns the short lines under it (a promo box, a list of headlines). */
export type Follow = 'promo' | 'headlines';

export type LineClass =
  | { kind: 'blank' }
  | { kind: 'chrome'; follow?: Follow; endsComments?: boolean }
  | { kind: 'meta'; hit: MetaHit }
  | { kind: 'comments-header'; count: number | null }
  | { kind: 'content' };

/** Whole-line chrome; `max` bounds the words so a body sentence that merely starts alike survives. */
const CHROME: { re: RegExp; max: number; follow?: Follow; endsComments?: boolean; notSentence?: boolean }[] = [
  { re: /^listen to (?:the|this) (?:article|story|podcast)\b/i, max: 8 },
  { re: /^(?:play|pause|listen)(?: (?:audio|now|article))?$/i, max: 3 },
  {
    re: /^(?:share|share (?:this|the) (?:article|story|post|page)|share (?:on|via) \w+|tweet|e-?mail|print|copy link|link copied|save|save (?:article|story|for later)|bookmark|gift (?:this )?article)$/i,
    max: 5,
  },
  {
    re: /^(?:subscribe|follow (?:us|@|on)|sign up|sign in|log ?in|register (?:now|for)|join us|download (?:our|the) app|get (?:our|the) (?:newsletter|app))\b/i,
    max: 14,
    notSentence: true,
  },
  { re: /^(?:advertisement|advert|ads?|sponsored(?: content)?|promoted|paid (?:content|post)|partner content)$/i, max: 2 },
  {
    re: /^(?:read more|continue reading|read the full (?:article|story)|see also|also read|read also|more on this(?: story)?|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|top stories|you (?:may|might) also (?:like|enjoy)|don'?t miss|editor'?s picks)\b:?/i,
    max: 20,
    follow: 'headlines',
    endsComments: true,
    notSentence: true,
  },
  { re: /^related(?: (?:articles?|stories|content|news|topics|coverage|posts|reading))?\s*:?$/i, max: 3, follow: 'headlines', endsComments: true },
  { re: /^related\s*:/i, max: 20 },
  {
    re: /^(?:we use cookies|this (?:web)?site uses cookies|accept(?: all)? cookies|(?:manage|reject)(?: all)? cookies|cookie (?:settings|policy|preferences|consent))\b/i,
    max: 40,
  },
  { re: /^skip to (?:main )?content$/i, max: 4 },
  { re: /^(?:back to top|scroll to top|menu|search|home|close|open menu|toggle navigation)$/i, max: 3 },
  { re: /^(?:©|\(c\)\s|copyright\b)/i, max: 25, endsComments: true },
  { re: /^all rights reserved\.?$/i, max: 3, endsComments: true },
  { re: /^(?:privacy policy|terms(?: of (?:use|service))?|terms (?:and|&) conditions|contact us|about us|cookie policy)$/i, max: 4 },
  { re: /^(?:tags?|topics?|filed under|categories|category)\s*:/i, max: 25 },
  { re: /^(?:previous|next) (?:article|post|story)\b/i, max: 20 },
  { re: /^(?:show|load|view|see) (?:more|all|\d+|older|newer)(?: \w+)? (?:comments|replies|responses)$/i, max: 6 },
  { re: /^(?:leave|post|add|write|submit) (?:a |your )?(?:comment|reply|response)$/i, max: 4 },
  { re: /^cancel reply$/i, max: 2 },
  { re: /^(?:reply|like|report|flag|upvote|downvote|quote)(?:\s*[·•|]\s*(?:reply|like|report|flag|share|quote|\d+))*$/i, max: 8 },
  { re: /^\d[\d,]*\s+(?:likes?|replies|upvotes?|downvotes?|reactions?|shares?|views?)$/i, max: 2 },
  { re: /^sort(?:ed)? by\b/i, max: 5 },
  { re: /^(?:newest|oldest|top|best|popular)(?: first)?$/i, max: 2 },
  { re: /^\(?(?:reporting|writing|editing|additional reporting) by\b.*\)?$/i, max: 30 },
];

const FACT_CHECK_HEADING = /^fact[\s-]?checker\s*:?$/i;
const PROMO_WORDS = /\b(?:verif\w*|accura\w*|fact\w*|check\w*|sources?|analys[ie]s|real[- ]time|ai|powered|trust\w*)\b/i;

const READING_TIME =
  /^(?:(?:est(?:imated)?\.?\s+)?read(?:ing)?\s+time\s*:?\s*)?(?:about\s+|approx\.?\s+|~\s*)?(\d[\d,]*)\s*-?\s*(?:m|mins?|minutes?)\.?(?:\s+(?:read|reading|listen)(?:\s+time)?)?$/i;
const WORD_COUNT = /^(\d[\d,]*)\s+words?$/i;
const COMMENTS_HEADER =
  /^(?:(\d[\d,]*)\s+(?:comments?|responses?|replies|thoughts? on\b.*)|(?:reader )?comments?(?:\s*\((\d[\d,]*)\)|\s*:\s*(\d[\d,]*))?|join the (?:conversation|discussion)(?:\s*\((\d[\d,]*)\))?)$/i;
const BYLINE = /^(?:by|written by|words by|story by|authors?\s*:|reporter\s*:)\s+(.+)$/i;
const DATE_PREFIX = /^(published|posted|first published|updated|last updated|last modified|modified|date)(?:\s+on)?\s*:?\s*/i;
const NAME_PARTICLES = new Set(['and', '&', 'de', 'da', 'del', 'van', 'von', 'der', 'den', 'la', 'le', 'di', 'du', 'bin', 'al', 'of', 'in', 'for', 'at', 'y']);
/** "By Jane Doe · June 13, 2025 · 4 min read": parts of a combined metadata line. */
const PART_SEPARATOR = /\s+[·•|]\s+|\s+[—–]\s+/;

const num = (s: string): number => Number(s.replace(/,/g, ''));

function looksLikeName(s: string): boolean {
  const words = s.split(/\s+/);
  if (words.length > 10 || !/^\p{Lu}/u.test(s)) return false;
  if (/[.!?]$/.test(s) && !/\b\p{Lu}\.$/u.test(s)) return false;
  const lower = words.filter((w) => /^\p{Ll}/u.test(w) && !NAME_PARTICLES.has(w.toLowerCase()));
  return lower.length === 0;
}

/** One metadata fact in a (part of a) line, or null. */
function metaOf(part: string): MetaHit | 'chrome' | null {
  let m = READING_TIME.exec(part);
  if (m && /read/i.test(part)) return { readingTimeMinutes: num(m[1] ?? '') };
  m = WORD_COUNT.exec(part);
  if (m) return { wordCount: num(m[1] ?? '') };
  m = BYLINE.exec(part);
  if (m) {
    const name = (m[1] ?? '').replace(/[\s,;]+$/, '');
    if (looksLikeName(name)) return { byline: name };
  }
  m = DATE_PREFIX.exec(part);
  if (m) {
    const rest = part.slice(m[0].length);
    const date = parseDate(rest);
    if (date) return /updated|modified/i.test(m[1] ?? '') ? { updated: date } : { published: date };
    if (RELATIVE_STAMP.test(rest.trim())) return 'chrome';
    return null;
  }
  const date = parseDate(part);
  if (date) return { published: date };
  if (RELATIVE_STAMP.test(part)) return 'chrome';
  return null;
}

export function classifyLine(raw: string): LineClass {
  const line = raw.trim();
  if (line === '') return { kind: 'blank' };
  const words = countWords(line, 61);
  const header = COMMENTS_HEADER.exec(line);
  if (header) {
    const n = header[1] ?? header[2] ?? header[3] ?? header[4];
    return { kind: 'comments-header', count: n === undefined ? null : num(n) };
  }
  if (FACT_CHECK_HEADING.test(line)) return { kind: 'chrome', follow: 'promo' };
  for (const c of CHROME) {
    if (words <= c.max && c.re.test(line) && !(c.notSentence && /[.!?]$/.test(line))) {
      const out: LineClass = { kind: 'chrome' };
      if (c.follow) out.follow = c.follow;
      if (c.endsComments) out.endsComments = true;
      return out;
    }
  }
  if (words > 20) return { kind: 'content' };
  const hit: MetaHit = {};
  let any = false;
  for (const part of line.split(PART_SEPARATOR)) {
    const m = metaOf(part.trim());
    if (m === null) return { kind: 'content' };
    if (m !== 'chrome') {
      Object.assign(hit, m);
      any = true;
    }
  }
  return any ? { kind: 'meta', hit } : { kind: 'chrome' };
}

/** A body paragraph rather than a title, badge or heading. */
export function isParagraphLike(line: string): boolean {
  const words = countWords(line, 25);
  return (words >= 6 && /[.!?…"”’')\]]$/.test(line)) || words >= 25;
}

/** The comments header is the first one that follows a body paragraph; earlier ones are badges. */
export function commentsHeaderIndex(lines: readonly string[], classes: readonly LineClass[] = lines.map((l) => classifyLine(l))): number {
  let seenBody = false;
  for (let i = 0; i < lines.length; i++) {
    const c = classes[i];
    if (c?.kind === 'comments-header' && seenBody) return i;
    if (c?.kind === 'content' && isParagraphLike((lines[i] ?? '').trim())) seenBody = true;
  }
  return -1;
}

function followed(follow: Follow, line: string): boolean {
  const words = countWords(line, 41);
  if (follow === 'promo') return words <= 40 && PROMO_WORDS.test(line);
  return words <= 20 && !/\.$/.test(line);
}

/** Collects declared metadata; the first value seen wins, and its raw line is kept as evidence. */
export class DeclaredBuilder {
  private readonly values: MetaHit = {};
  private readonly evidence: Record<string, string> = {};

  add(hit: MetaHit, raw: string): void {
    for (const key of Object.keys(hit) as (keyof MetaHit)[]) {
      if (this.values[key] !== undefined || hit[key] === undefined) continue;
      (this.values as Record<string, unknown>)[key] = hit[key];
      this.evidence[key === 'updated' ? 'published' : key] ??= raw.trim();
    }
  }

  get(key: keyof MetaHit): string | number | undefined {
    return this.values[key];
  }

  result(): DeclaredMetadata {
    const v = this.values;
    const out: DeclaredMetadata = {};
    if (v.readingTimeMinutes !== undefined) out.readingTimeMinutes = v.readingTimeMinutes;
    if (v.commentCount !== undefined) out.commentCount = v.commentCount;
    if (v.wordCount !== undefined) out.wordCount = v.wordCount;
    if (v.byline !== undefined) out.byline = v.byline;
    const published = v.published ?? v.updated;
    if (published !== undefined) out.published = published;
    const evidence: Record<string, string> = {};
    for (const key of ['readingTimeMinutes', 'commentCount', 'wordCount', 'byline', 'published'] as const) {
      const e = this.evidence[key];
      if (e !== undefined && out[key] !== undefined) evidence[key] = e;
    }
    if (Object.keys(evidence).length > 0) out.evidence = evidence;
    return out;
  }
}

/**
 * Drop chrome, record metadata, keep content. Returns the content lines with `null` where a
 * blank or dropped line was, so callers still see block boundaries.
 */
export function cleanLines(lines: readonly string[], declared: DeclaredBuilder): (string | null)[] {
  const out: (string | null)[] = [];
  let follow: Follow | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    const c = classifyLine(line);
    if (follow !== null) {
      if (c.kind === 'content' && followed(follow, line)) {
        out.push(null);
        continue;
      }
      follow = null;
    }
    if (c.kind === 'content') {
      out.push(line);
      continue;
    }
    if (c.kind === 'meta') declared.add(c.hit, line);
    if (c.kind === 'comments-header' && c.count !== null) declared.add({ commentCount: c.count }, line);
    if (c.kind === 'chrome' && c.follow) follow = c.follow;
    out.push(null);
  }
  return out;
}
