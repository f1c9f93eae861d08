/**
 * Comments from common markup, read (and removed) before Readability sees the page:
 * `<ol class="comments"><li class="comment">`, `<div class="comment-body">`, `<article class="comment">`,
 * schema.org Comment. A comment inside another comment's reply list is a reply to it.
 */
import type { Comment } from '../model/index.ts';
import { blocksOf } from './blocks.ts';
import { inferReplies } from './comments.ts';
import { parseDate } from './dates.ts';
import { all, type DomDocument, type DomElement } from './dom.ts';
import { squash } from './normalize.ts';

const ITEM_CLASS =
  /^(?:comment|comment[-_]?(?:item|entry|container|wrapper|body|card|single|thread-item)|single-comment|c-comment|js-comment|commentitem)$/i;
const ITEM_ID = /^(?:comment|li-comment|div-comment)[-_]?\d+$/i;
const ITEM_TAGS = new Set(['li', 'article', 'div', 'section']);
/** Between a comment and a nested comment, one of these makes the nested one a reply. */
const REPLY_LIST = /(?:^|[-_])(?:children|replies|reply-list|sub-?comments|comment-replies|thread|responses)(?:$|[-_])/i;
const SECTION = /^(?:comments|comment-?list|commentlist|comments-?(?:area|section|list|wrapper|container)|comment-?(?:section|thread)|respond|comment-respond|disqus_thread)$/i;
const AUTHOR = '.comment-author, .comment__author, .author, [itemprop="author"], .fn, .username, .user-name, .comment-author-name';
const CONTENT = '.comment-content, .comment__content, .comment-text, .comment__text, [itemprop="text"], .comment-message, .comment-body-text';
/** Parts of a comment that are not its text. */
const NOT_TEXT = `${AUTHOR}, .comment-meta, .comment-metadata, .comment__meta, .vcard, .avatar, time, .reply, .comment-reply-link, .comment-actions, .comment-footer, .says, header`;
const COUNT_HEADING = /^(\d[\d,]*)\s+(?:comments?|responses?|replies|thoughts?)\b|\bcomments?\s*\((\d[\d,]*)\)$/i;

function tokens(el: DomElement): string[] {
  return el.className.split(/\s+/).filter(Boolean);
}

function isItem(el: DomElement): boolean {
  if (/schema\.org\/(?:Comment|Answer)/i.test(el.getAttribute('itemtype') ?? '') || el.getAttribute('itemprop') === 'comment') return true;
  if (!ITEM_TAGS.has(el.localName)) return false;
  return ITEM_ID.test(el.id) || tokens(el).some((t) => ITEM_CLASS.test(t));
}

function isReplyList(el: DomElement): boolean {
  return el.localName === 'ol' || el.localName === 'ul' || tokens(el).some((t) => REPLY_LIST.test(t)) || REPLY_LIST.test(el.id);
}

function authorOf(item: DomElement, inside: (el: DomElement) => boolean): string | undefined {
  const el = all(item, AUTHOR).find(inside);
  if (!el) return undefined;
  const name = el.querySelector('.fn, [itemprop="name"]') ?? el;
  const text = squash(name.textContent ?? '').replace(/\s+(?:says|said|wrote)\s*:?$/i, '');
  return text === '' ? undefined : text;
}

function publishedOf(item: DomElement, inside: (el: DomElement) => boolean): string | undefined {
  const candidates = [...all(item, 'time[datetime]'), ...all(item, 'time, .comment-date, .comment-time, .comment-metadata a, .comment-meta a')];
  for (const el of candidates.filter(inside)) {
    const date = parseDate(el.getAttribute('datetime') ?? '') ?? parseDate(squash(el.textContent ?? ''));
    if (date) return date;
  }
  return undefined;
}

export interface HtmlComments {
  comments: Comment[];
  /** "14 Comments" heading of the comment section, with the raw heading. */
  count: { value: number; evidence: string } | null;
}

/** Extract the comments and remove the comment section from `doc`. */
export function extractHtmlComments(doc: DomDocument): HtmlComments {
  const candidates = all(doc, '*').filter(isItem);
  const kept = new Set<DomElement>();
  const parentOf = new Map<DomElement, DomElement>();
  for (const el of candidates) {
    let reply = false;
    let anc = el.parentElement;
    while (anc && !kept.has(anc)) {
      if (isReplyList(anc)) reply = true;
      anc = anc.parentElement;
    }
    if (!anc) kept.add(el);
    else if (reply) {
      kept.add(el);
      parentOf.set(el, anc);
    }
    // else: a part of an enclosing comment (its body), not a comment of its own
  }

  const items = [...kept];
  const ids = new Map(items.map((el, i) => [el, `c${i + 1}`]));
  const comments: Comment[] = [];
  for (const item of items) {
    const inside = (el: DomElement): boolean => !items.some((other) => other !== item && item.contains(other) && other.contains(el));
    const skip = (el: DomElement): boolean =>
      kept.has(el) || (isReplyList(el) && items.some((o) => o !== item && el.contains(o))) || el.matches(NOT_TEXT);
    const content = all(item, CONTENT).find(inside);
    const text = blocksOf(content ?? item, skip).join('\n');
    if (text === '') continue;
    const c: Comment = { id: ids.get(item) ?? '', text };
    const author = authorOf(item, inside);
    if (author !== undefined) c.author = author;
    const published = publishedOf(item, inside);
    if (published !== undefined) c.published = published;
    const parent = parentOf.get(item);
    if (parent) c.replyTo = ids.get(parent) ?? '';
    comments.push(c);
  }
  // Items without text were skipped: renumber so ids stay c1, c2, … in order.
  const renumber = new Map(comments.map((c, i) => [c.id, `c${i + 1}`]));
  for (const c of comments) {
    c.id = renumber.get(c.id) ?? c.id;
    if (c.replyTo !== undefined) {
      const to = renumber.get(c.replyTo);
      if (to) c.replyTo = to;
      else delete c.replyTo;
    }
  }
  inferReplies(comments);

  let count: HtmlComments['count'] = null;
  const sections = all(doc, '*').filter((el) => SECTION.test(el.id) || tokens(el).some((t) => SECTION.test(t)));
  for (const section of sections) {
    for (const h of all(section, 'h1, h2, h3, h4, h5, h6, .comments-title, .comment-count')) {
      const m = COUNT_HEADING.exec(squash(h.textContent ?? ''));
      if (m && !count) count = { value: Number((m[1] ?? m[2] ?? '0').replace(/,/g, '')), evidence: squash(h.textContent ?? '') };
    }
  }
  // A "comments" wrapper around the article itself (seen on some themes) must survive.
  const wrapsArticle = (el: DomElement): boolean => el.querySelector('[itemprop="articleBody"], .entry-content, .article-body, .post-content') !== null;
  for (const el of [...sections.filter((s) => !wrapsArticle(s)), ...items]) el.remove();
  return { comments, count };
}
