/** Comment sections of plain-text captures, and reply inference shared by every parser. */
import type { Comment } from '../model/index.ts';
import { parseDate, RELATIVE_RE, RELATIVE_STAMP } from './dates.ts';
import { classifyLine } from './lines.ts';

interface Draft {
  lines: string[];
  depth: number;
  author?: string;
  published?: string;
  /** "Reply to X", "@X": the parent is found by author name. */
  parentName?: string;
  /** Started by an author header or "Replying to" line: the following lines belong to it. */
  headed: boolean;
}

const MARKER = /^(↳|↪|⤷|└─*|>+)\s*/u;
const REPLY_TO = /^(?:reply(?:ing)? to|in reply to|replied to)\s+@?([^:,]{1,40}?)\s*(?:[:,]\s*|$)/i;
const AT_NAME = /^@([\p{L}\p{N}_.-]{1,30})(?=[\s:,]|$)/u;
const NAME_WORD = /^[\p{L}@][\p{L}\p{M}\p{N}_.'’-]*$/u;
const NOT_NAMES = new Set(['i', 'we', 'you', 'this', 'the', 'it', 'my', 'our', 'a', 'an', 'posted', 'updated', 'published', 'edited']);
const WROTE = /^(.{1,40}?)\s+(?:wrote|said|says|writes|commented|replied)\s*:?$/iu;

function nameOf(s: string): string | null {
  const words = s.trim().split(/\s+/);
  if (words.length < 1 || words.length > 4 || !words.every((w) => NAME_WORD.test(w))) return null;
  if (NOT_NAMES.has((words[0] ?? '').toLowerCase())) return null;
  return words.join(' ');
}

/** "Name · 3 hours ago", "Name, June 13, 2025", "Name 2h", "Name wrote:" → author (+ date). */
export function parseAuthorHeader(line: string): { author: string; published?: string } | null {
  if (line.length > 80) return null;
  const wrote = WROTE.exec(line);
  if (wrote) {
    const author = nameOf(wrote[1] ?? '');
    return author ? { author } : null;
  }
  const splits = /\s*[,·•|—–]\s*|\s+-\s+|\s+(?:on|at)\s+|\s+/g;
  for (let m = splits.exec(line); m; m = splits.exec(line)) {
    const author = nameOf(line.slice(0, m.index));
    if (!author) continue;
    const rest = line.slice(m.index + m[0].length).trim();
    const separated = m[0].trim() !== '';
    const date = parseDate(rest);
    if (date) return { author, published: date };
    const capitalised = author.split(' ').every((w) => /^[\p{Lu}@]/u.test(w));
    if (RELATIVE_RE.test(rest) && (separated || (capitalised && RELATIVE_STAMP.test(rest)))) return { author };
  }
  return null;
}

function indentDepth(raw: string): number {
  const indent = /^[ \t]*/.exec(raw)?.[0].replace(/\t/g, '    ').length ?? 0;
  return indent >= 2 ? Math.max(1, Math.floor(indent / 4)) : 0;
}

/** Reply markers at the start of a line: depth, a parent's name, and the rest of the line. */
function readMarkers(raw: string): { depth: number; parentName?: string; rest: string; marked: boolean } {
  let depth = indentDepth(raw);
  let rest = raw.trim();
  let marked = depth > 0;
  const marker = MARKER.exec(rest);
  if (marker) {
    const m = marker[1] ?? '';
    depth += m.startsWith('>') ? m.length : 1;
    rest = rest.slice(marker[0].length);
    marked = true;
  }
  const replyTo = REPLY_TO.exec(rest);
  if (replyTo) return { depth, parentName: (replyTo[1] ?? '').trim(), rest: rest.slice(replyTo[0].length), marked: true };
  const at = AT_NAME.exec(rest);
  if (at) return { depth, parentName: at[1] ?? '', rest, marked: true };
  return { depth, rest, marked };
}

function splitDrafts(lines: readonly string[]): Draft[] {
  const drafts: Draft[] = [];
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const hasHeaders = nonBlank.some((l) => parseAuthorHeader(readMarkers(l).rest) !== null);
  // Blank-separated blocks of a few lines each are one comment each; otherwise one comment a line.
  let blockMode = false;
  if (!hasHeaders) {
    const blocks = lines.join('\n').split(/\n\s*\n/).filter((b) => b.trim() !== '');
    blockMode = blocks.length >= 2 && nonBlank.length > blocks.length && nonBlank.length / blocks.length <= 3;
  }
  let current = null as Draft | null;
  const close = (): void => {
    if (current && current.lines.length > 0) drafts.push(current);
    current = null;
  };
  for (const raw of lines) {
    const cls = classifyLine(raw);
    if (cls.kind === 'blank') {
      close();
      continue;
    }
    if (cls.kind === 'chrome' || cls.kind === 'comments-header') {
      if (cls.kind === 'chrome' && cls.endsComments) break;
      continue;
    }
    const { depth, parentName, rest, marked } = readMarkers(raw);
    const header = parseAuthorHeader(rest);
    const start = (text: string | null, headed: boolean): Draft => {
      close();
      const d: Draft = { lines: text === null ? [] : [text], depth, headed };
      if (parentName !== undefined) d.parentName = parentName;
      current = d;
      return d;
    };
    // A header line with no text yet: a marker line right under it qualifies that same comment.
    const open = current && current.headed && current.lines.length === 0 ? current : null;
    if (header) {
      const d = start(null, true);
      d.author = header.author;
      if (header.published) d.published = header.published;
    } else if (rest === '' && parentName !== undefined) {
      // "Replying to X" on its own line
      if (open) open.parentName = parentName;
      else start(null, true);
    } else if (marked) {
      if (open) {
        open.lines.push(rest);
        open.depth = Math.max(open.depth, depth);
        if (parentName !== undefined) open.parentName = parentName;
      } else start(rest, false);
    } else if (current && (current.headed || blockMode)) current.lines.push(rest);
    else start(rest, false);
  }
  close();
  return drafts;
}

/** Parse the lines after a "N Comments" header. Ids are c1, c2, … in order. */
export function parseCommentSection(lines: readonly string[]): Comment[] {
  const drafts = splitDrafts(lines);
  const comments: Comment[] = [];
  const depths: number[] = [];
  drafts.forEach((d, i) => {
    const c: Comment = { id: `c${i + 1}`, text: d.lines.join('\n') };
    if (d.author !== undefined) c.author = d.author;
    if (d.published !== undefined) c.published = d.published;
    let depth = d.depth;
    let parent = -1;
    if (d.parentName !== undefined) {
      const name = d.parentName.replace(/^@/, '').toLowerCase();
      for (let j = i - 1; j >= 0 && parent < 0; j--) if (comments[j]?.author?.replace(/^@/, '').toLowerCase() === name) parent = j;
      if (parent < 0) for (let j = i - 1; j >= 0 && parent < 0; j--) if (depths[j] === 0) parent = j;
      if (parent >= 0) depth = (depths[parent] ?? 0) + 1;
    } else if (depth > 0) {
      for (let j = i - 1; j >= 0 && parent < 0; j--) if ((depths[j] ?? 0) < depth) parent = j;
    }
    if (parent < 0) depth = 0;
    const parentComment = comments[parent];
    if (parentComment) c.replyTo = parentComment.id;
    comments.push(c);
    depths.push(depth);
  });
  inferReplies(comments);
  return comments;
}

const REPLY_OPENER =
  /^(?:i (?:completely |fully |totally |strongly |partly |partially |respectfully |do |don'?t )?(?:agree|disagree)|(?:totally |completely |fully )?agreed?|you (?:raise|make|have|bring up|made|raised)(?: a| some| many)?(?: very| really)?(?: valid| fair| good| great| excellent| strong| important| interesting| solid)? points?|(?:good|great|fair|valid|excellent|interesting|strong) points?|exactly|well said|absolutely|spot on|same here|so true|very true|that'?s (?:right|true|so true|a (?:good|fair|valid|great) point)|you'?re (?:right|wrong|correct)|you are (?:right|wrong|correct)|i (?:couldn'?t|could not) agree more|couldn'?t agree more|i see your point|i hear you|fair enough|i (?:second|echo) that)(?=$|[\s.,!;:—–-])/i;

/** Does the comment open like an answer to the one above it? */
export function opensLikeReply(text: string): boolean {
  return REPLY_OPENER.test(text.trim());
}

/**
 * A comment without a shown parent that opens with a reply opener ("I agree", "You raise a valid
 * point") and directly follows a non-reply comment is taken as a reply to it (`replyInferred`).
 */
export function inferReplies(comments: Comment[]): void {
  for (let i = 1; i < comments.length; i++) {
    const c = comments[i];
    const prev = comments[i - 1];
    if (!c || !prev || c.replyTo !== undefined || prev.replyTo !== undefined) continue;
    if (opensLikeReply(c.text)) {
      c.replyTo = prev.id;
      c.replyInferred = true;
    }
  }
}

