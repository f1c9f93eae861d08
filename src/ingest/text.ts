/**
 * Plain-text page captures: chrome mixed with the body, an optional title line, badges
 * ("2532 Mins Read"), and a comment section after an "N Comments" header.
 */
import { parseCommentSection } from './comments.ts';
import { classifyLine, cleanLines, commentsHeaderIndex, DeclaredBuilder } from './lines.ts';
import { countWords, joinParagraphs } from './normalize.ts';
import { emptyParsed, type Parsed } from './types.ts';

function toBlocks(cleaned: readonly (string | null)[]): string[][] {
  const blocks: string[][] = [];
  let block: string[] = [];
  for (const line of cleaned) {
    if (line === null) {
      if (block.length > 0) blocks.push(block);
      block = [];
    } else block.push(line);
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

/** Short, no sentence-final period: a headline rather than a paragraph. */
function isTitleLine(line: string): boolean {
  const words = countWords(line, 21);
  return words >= 2 && words <= 20 && !/[.,;:]$/.test(line);
}

/**
 * Captures normally hold one paragraph a line. A block of mid-length lines that mostly stop
 * without sentence punctuation is hard-wrapped prose: its lines are joined into one paragraph.
 */
function isHardWrapped(block: readonly string[]): boolean {
  if (block.length < 2) return false;
  const inner = block.slice(0, -1);
  if (!inner.every((l) => l.length >= 30 && l.length <= 100)) return false;
  const open = inner.filter((l) => !/[.!?…:;"”’')\]]$/.test(l)).length;
  return open * 2 > inner.length;
}

export function parseTextCapture(raw: string): Parsed {
  const lines = raw.split('\n');
  const classes = lines.map((l) => classifyLine(l));
  const header = commentsHeaderIndex(lines, classes);
  const declared = new DeclaredBuilder();
  const head = header < 0 ? lines : lines.slice(0, header);
  const headerClass = classes[header];
  if (headerClass?.kind === 'comments-header' && headerClass.count !== null) {
    declared.add({ commentCount: headerClass.count }, lines[header] ?? '');
  }
  const cleaned = cleanLines(head, declared);

  const blocks = toBlocks(cleaned);
  let title: string | null = null;
  const first = blocks[0];
  if (first?.[0] !== undefined && isTitleLine(first[0]) && (first.length > 1 || blocks.length > 1)) {
    title = first[0];
    first.shift();
  }
  const paragraphs = blocks.flatMap((b) => (isHardWrapped(b) ? [b.join(' ')] : b));
  const comments = header < 0 ? [] : parseCommentSection(lines.slice(header + 1));
  const d = declared.result();
  return {
    ...emptyParsed(),
    title,
    published: d.published ?? null,
    byline: d.byline ?? null,
    text: joinParagraphs(paragraphs),
    declared: d,
    comments,
  };
}
