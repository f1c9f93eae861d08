/**
 * Markdown, read by hand: front matter (title, date, author, outlet, url), the first "# " heading
 * as title, syntax stripped to plain paragraphs. A "Comments" heading starts a comment section.
 */
import { parseCommentSection } from './comments.ts';
import { parseDate } from './dates.ts';
import { classifyLine, cleanLines, DeclaredBuilder } from './lines.ts';
import { joinParagraphs, sameText } from './normalize.ts';
import { emptyParsed, type Parsed } from './types.ts';

interface FrontMatter {
  fields: Map<string, string>;
  rest: string[];
  raw: Map<string, string>;
}

function frontMatter(lines: string[]): FrontMatter {
  const fields = new Map<string, string>();
  const raw = new Map<string, string>();
  if (lines[0]?.trim() !== '---') return { fields, raw, rest: lines };
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) return { fields, raw, rest: lines };
  for (const line of lines.slice(1, end)) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').trim().replace(/^\[(.*)\]$/, '$1').replace(/^(["'])(.*)\1$/, '$2').trim();
    if (value !== '' && !fields.has(key)) {
      fields.set(key, value);
      raw.set(key, line.trim());
    }
  }
  return { fields, raw, rest: lines.slice(end + 1) };
}

/** Inline syntax → text: images dropped, links keep their text, emphasis and code marks removed. */
export function stripInline(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

type Block = { kind: 'para' | 'code'; text: string } | { kind: 'heading'; level: number; text: string };

function toBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) blocks.push({ kind: 'para', text: stripInline(para.join(' ')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/^(?:\s{0,3}>\s?)+/, ''); // blockquote markers
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trim().startsWith(fence[1] ?? '```'); i++) code.push(lines[i] ?? '');
      if (code.join('').trim() !== '') blocks.push({ kind: 'code', text: code.join('\n').trim() });
      continue;
    }
    const next = lines[i + 1] ?? '';
    if (line.trim() === '' || /^\s*(?:[-*_]\s*){3,}$/.test(line) || /^\s*\[[^\]]+\]:\s*\S+/.test(line)) {
      flush(); // blank, horizontal rule, reference definition
      continue;
    }
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx) {
      flush();
      blocks.push({ kind: 'heading', level: (atx[1] ?? '#').length, text: stripInline(atx[2] ?? '') });
      continue;
    }
    if (para.length === 0 && /^\s*(?:=+|-+)\s*$/.test(next) && line.trim() !== '') {
      blocks.push({ kind: 'heading', level: next.trim().startsWith('=') ? 1 : 2, text: stripInline(line) }); // setext
      i++;
      continue;
    }
    const item = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      para.push(item[1] ?? '');
      continue;
    }
    para.push(line.trim());
  }
  flush();
  return blocks.filter((b) => b.text !== '');
}

export function parseMarkdown(raw: string): Parsed {
  const { fields, raw: fmRaw, rest } = frontMatter(raw.split('\n'));
  const declared = new DeclaredBuilder();
  const date = fields.get('date') ?? fields.get('published');
  const published = date ? parseDate(date) : null;
  if (published) declared.add({ published }, fmRaw.get(fields.has('date') ? 'date' : 'published') ?? '');
  const author = fields.get('author') ?? fields.get('byline');
  if (author) declared.add({ byline: author }, fmRaw.get(fields.has('author') ? 'author' : 'byline') ?? '');

  // A "## Comments" (or "## 14 Comments") heading ends the article; what follows is the comment section.
  const commentsAt = rest.findIndex((l) => {
    const h = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(l);
    return h !== null && classifyLine(stripInline(h[1] ?? '')).kind === 'comments-header';
  });
  const blocks = toBlocks(commentsAt < 0 ? rest : rest.slice(0, commentsAt));
  const section = commentsAt < 0 ? [] : rest.slice(commentsAt + 1).map((l) => (/^\s*/.exec(l)?.[0] ?? '') + stripInline(l));
  const header = classifyLine(stripInline((rest[commentsAt] ?? '').replace(/^\s*#+\s*/, '')));
  if (header.kind === 'comments-header' && header.count !== null) declared.add({ commentCount: header.count }, rest[commentsAt] ?? '');

  let title = fields.get('title') ?? null;
  const firstH1 = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const h1 = blocks[firstH1];
  if (h1 && (title === null || sameText(h1.text, title))) {
    title ??= h1.text;
    blocks.splice(firstH1, 1);
  }
  const kept = cleanLines(blocks.map((b) => b.text), declared).filter((t): t is string => t !== null);
  const d = declared.result();
  return {
    ...emptyParsed(),
    title,
    outlet: fields.get('outlet') ?? fields.get('publisher') ?? fields.get('site') ?? null,
    url: fields.get('url') ?? fields.get('canonical') ?? null,
    published: d.published ?? null,
    byline: d.byline ?? null,
    text: joinParagraphs(kept),
    declared: d,
    comments: parseCommentSection(section),
  };
}
