/**
 * HTML pages: metadata from meta tags / JSON-LD / <time>, comments from common markup, the body
 * block by block from Readability's article (or the whole body when Readability finds none).
 */
import { Readability } from '@mozilla/readability';
import { blocksOf } from './blocks.ts';
import { parseCommentSection } from './comments.ts';
import { parseDocument, type DomDocument, type DomElement } from './dom.ts';
import { extractHtmlComments } from './html-comments.ts';
import { readHtmlMeta, str } from './html-meta.ts';
import { classifyLine, cleanLines, commentsHeaderIndex, DeclaredBuilder } from './lines.ts';
import { joinParagraphs, sameText } from './normalize.ts';
import { emptyParsed, type ParseContext, type Parsed } from './types.ts';

function readability(doc: DomDocument): { title: string | null; byline: string | null; siteName: string | null; root: DomElement | null } {
  try {
    const reader = new Readability<unknown>(doc as unknown as ConstructorParameters<typeof Readability>[0], {
      serializer: (node: unknown) => node,
    });
    const article = reader.parse();
    if (!article) return { title: null, byline: null, siteName: null, root: null };
    return {
      title: str(article.title),
      byline: str(article.byline),
      siteName: str(article.siteName),
      root: (article.content ?? null) as DomElement | null,
    };
  } catch {
    // Readability throws on pages it cannot walk; the body fallback handles those.
    return { title: null, byline: null, siteName: null, root: null };
  }
}

export function parseHtml(html: string, ctx: ParseContext): Parsed {
  const doc = parseDocument(html);
  const declared = new DeclaredBuilder();
  const { comments: markupComments, count: commentCount } = extractHtmlComments(doc);
  if (commentCount) declared.add({ commentCount: commentCount.value }, commentCount.evidence);

  const meta = readHtmlMeta(doc, declared, ctx.url);

  // Readability rewrites the document: keep the body for the fallback.
  const bodyCopy = doc.body?.cloneNode(true) ?? null;
  const article = readability(doc);
  let blocks = article.root ? blocksOf(article.root) : [];
  if (blocks.length === 0 && bodyCopy) blocks = blocksOf(bodyCopy);

  const { h1 } = meta;
  let title = meta.title ?? article.title ?? meta.pageTitle ?? h1;
  // "Headline - Outlet" in <title> when the page's own <h1> is the bare headline.
  if (title !== null && h1 !== null && title !== h1 && title.includes(h1)) title = h1;
  // Comments without comment markup: a "N Comments" heading after the body, then one comment a block.
  let comments = markupComments;
  const header = commentsHeaderIndex(blocks);
  if (header >= 0) {
    const c = classifyLine(blocks[header] ?? '');
    if (c.kind === 'comments-header' && c.count !== null) declared.add({ commentCount: c.count }, blocks[header] ?? '');
    if (comments.length === 0) comments = parseCommentSection(blocks.slice(header + 1));
    blocks = blocks.slice(0, header);
  }
  const kept = cleanLines(blocks, declared).filter((b): b is string => b !== null);
  if (title !== null && kept[0] !== undefined && sameText(kept[0], title)) kept.shift();
  const d = declared.result();
  return {
    ...emptyParsed(),
    title,
    outlet: meta.outlet ?? article.siteName,
    // A fetched page is known by the URL it was fetched from.
    url: ctx.url ?? meta.canonical,
    published: d.published ?? null,
    byline: d.byline ?? article.byline,
    text: joinParagraphs(kept),
    declared: d,
    comments,
  };
}
