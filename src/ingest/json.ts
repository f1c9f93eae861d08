/**
 * The JSON input contract: `{title?, text | html, url?, outlet?, published?, comments?}`, one object,
 * an array of them, or JSON Lines. `text` is trusted as the body (paragraphs split by blank lines);
 * `html` goes through the HTML parser, and the contract's own fields win over the page's.
 * Documents from JSON always have format "json", whichever field held the body.
 */
import { z } from 'zod';
import { fail, ok, type Comment, type Result } from '../model/index.ts';
import { parseDate } from './dates.ts';
import { parseHtml } from './html.ts';
import { label, normalizeInput, squash } from './normalize.ts';
import { emptyParsed, type ParseContext, type Parsed } from './types.ts';

const optionalText = z.string().nullish();
const id = z.union([z.string().trim().min(1), z.number().int()]).transform(String);

const CommentInput = z.object({
  id: id.nullish(),
  author: optionalText,
  text: z.string().trim().min(1),
  published: optionalText,
  replyTo: id.nullish(),
});

const isHttpUrl = (s: string): boolean => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

export const ArticleInput = z
  .object({
    title: optionalText,
    text: optionalText,
    html: optionalText,
    url: optionalText,
    outlet: optionalText,
    published: optionalText,
    comments: z.array(CommentInput).nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.text?.trim() && !v.html?.trim()) ctx.addIssue({ code: 'custom', path: ['text'], message: 'is required (or "html"), with the article body' });
    if (v.url && !isHttpUrl(v.url.trim())) ctx.addIssue({ code: 'custom', path: ['url'], message: `must be an absolute http(s) URL, got "${v.url}"` });
    if (v.published && !parseDate(v.published)) ctx.addIssue({ code: 'custom', path: ['published'], message: `must be a date like 2025-06-13, got "${v.published}"` });
    const ids = new Set<string>();
    v.comments?.forEach((c, i) => {
      const cid = c.id ?? `c${i + 1}`;
      if (ids.has(cid)) ctx.addIssue({ code: 'custom', path: ['comments', i, 'id'], message: `repeats the id "${cid}"` });
      ids.add(cid);
      if (c.published && !parseDate(c.published)) {
        ctx.addIssue({ code: 'custom', path: ['comments', i, 'published'], message: `must be a date like 2025-06-13, got "${c.published}"` });
      }
    });
    v.comments?.forEach((c, i) => {
      if (c.replyTo != null && !ids.has(c.replyTo)) {
        ctx.addIssue({ code: 'custom', path: ['comments', i, 'replyTo'], message: `"${c.replyTo}" is not the id of a comment in this article` });
      }
    });
  });

export type ArticleInput = z.infer<typeof ArticleInput>;

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

function describe(issue: z.core.$ZodIssue): string {
  const path = pathOf(issue.path);
  if (path === '') return issue.code === 'invalid_type' ? `expected an article object, got ${kindOf(issue.input)}` : issue.message;
  const field = `field "${path}"`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${field} is required` : `${field} must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, got ${kindOf(issue.input)}`;
    case 'too_small':
      return `${field} is empty`;
    case 'invalid_union':
      return `${field} must be a string or a number, got ${kindOf(issue.input)}`;
    case 'custom':
      return `${field} ${issue.message}`;
    default:
      return `${field}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
  }
}

/** Body text from the contract: trusted, only normalised (paragraphs are split by blank lines). */
function bodyText(text: string): string {
  return normalizeInput(text)
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const clean = (s: string | null | undefined): string | null => {
  const t = s == null ? '' : squash(normalizeInput(s));
  return t === '' ? null : t;
};

function commentsOf(input: NonNullable<ArticleInput['comments']>): Comment[] {
  return input.map((c, i) => {
    const out: Comment = { id: c.id ?? `c${i + 1}`, text: bodyText(c.text) };
    const author = clean(c.author);
    if (author !== null) out.author = author;
    const published = c.published ? parseDate(c.published) : null;
    if (published) out.published = published;
    if (c.replyTo != null) out.replyTo = c.replyTo;
    return out;
  });
}

/** One contract object → parsed article. `where` names the record ("record 2", "line 7") in errors. */
export function parseInputRecord(obj: unknown, ctx: ParseContext, where?: string): Result<Parsed> {
  const r = ArticleInput.safeParse(obj, { reportInput: true });
  if (!r.success) {
    const first = r.error.issues[0];
    const what = first ? describe(first) : 'does not match the input contract';
    return fail('bad-input', `cannot read ${label(ctx.origin)}: ${where ? `${where}: ` : ''}${what}`);
  }
  const v = r.data;
  const url = clean(v.url);
  const text = v.text?.trim() ? bodyText(v.text) : null;
  // With both, `text` is the body; `html` is then ignored.
  const base = text === null ? parseHtml(normalizeInput(v.html ?? ''), url ? { origin: ctx.origin, url } : { origin: ctx.origin }) : emptyParsed();
  return ok({
    ...base,
    title: clean(v.title) ?? base.title,
    outlet: clean(v.outlet) ?? base.outlet,
    url: url ?? base.url,
    published: (v.published ? parseDate(v.published) : null) ?? base.published,
    text: text ?? base.text,
    comments: v.comments ? commentsOf(v.comments) : base.comments,
  });
}

/** Byte offset of the first syntax error, for "line 3, column 7" (V8 does not always say). */
export function jsonErrorOffset(s: string): number {
  let i = 0;
  const stop = (): never => {
    throw i;
  };
  const ws = (): void => {
    while (i < s.length && ' \t\n\r'.includes(s[i] ?? '')) i++;
  };
  const string = (): void => {
    for (i++; i < s.length; i++) {
      const c = s[i] ?? '';
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') i++;
      else if (c < ' ') stop();
    }
    stop();
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (s[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (s[i] !== '"') stop();
          string();
          ws();
          if (s[i] !== ':') stop();
          i++;
        }
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === close) {
          i++;
          return;
        } else stop();
      }
    }
    if (c === '"') return string();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(s.slice(i, i + 64));
    if (!lit) stop();
    i += lit?.[0].length ?? 0;
  };
  try {
    value();
    ws();
    if (i < s.length) stop();
    return -1;
  } catch (e) {
    return typeof e === 'number' ? e : -1;
  }
}

function lineColumn(s: string, offset: number): { line: number; column: number } {
  const before = s.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** "Expected ',' or '}' after property value" — V8's reason without its position or echoed input. */
function jsonReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg
    .replace(/,\s*".*" is not valid JSON$/s, '')
    .replace(/\s+in JSON at position \d+.*$/s, '')
    .replace(/^JSON\.parse: /, '');
}

function parseJsonText(s: string, origin: string, where: string | null, lineOffset = 0): Result<unknown> {
  try {
    return ok(JSON.parse(s) as unknown);
  } catch (err) {
    const offset = jsonErrorOffset(s);
    const at = offset >= 0 ? lineColumn(s, offset) : null;
    const place = at ? ` at line ${at.line + lineOffset}, column ${at.column}` : where ? ` at ${where}` : '';
    return fail('bad-json', `cannot read ${label(origin)}: invalid JSON${place}: ${jsonReason(err)}`);
  }
}

/** `mode`: "jsonl" for .jsonl/.ndjson; "auto" tries one document, then JSON Lines. */
export function parseJsonInput(raw: string, ctx: ParseContext, mode: 'jsonl' | 'auto'): Result<Parsed[]> {
  const lines = raw.split('\n');
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const looksJsonl = nonBlank.length > 1 && nonBlank.every((l) => l.trim().startsWith('{'));
  if (mode === 'auto') {
    const whole = parseJsonText(raw, ctx.origin, null);
    if (whole.ok) {
      const value = whole.value;
      if (!Array.isArray(value)) {
        const r = parseInputRecord(value, ctx);
        return r.ok ? ok([r.value]) : r;
      }
      if (value.length === 0) return fail('empty', `cannot read ${label(ctx.origin)}: the array is empty, expected at least one article`);
      const out: Parsed[] = [];
      for (const [i, item] of value.entries()) {
        const r = parseInputRecord(item, ctx, `record ${i + 1} of ${value.length}`);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return ok(out);
    }
    if (!looksJsonl) return whole;
  }
  const out: Parsed[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const parsed = parseJsonText(line, ctx.origin, `line ${i + 1}`, i);
    if (!parsed.ok) return parsed;
    const r = parseInputRecord(parsed.value, ctx, `line ${i + 1}`);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}
