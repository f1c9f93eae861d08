/**
 * Splits a text into passages: paragraphs (separated by a blank line), and paragraphs longer
 * than about MAX_WORDS words cut further at sentence ends. Spans are exact: surrounding
 * whitespace is left out, and `text.slice(span.start, span.end)` is the passage.
 */
import type { Span } from '../model/index.ts';

export const MAX_WORDS = 120;

const BLANK_LINE = /\r?\n[ \t\f\v\u00a0]*\r?\n\s*/g;
/** After a sentence end (with closing quotes/brackets), the whitespace before the next sentence. */
const SENTENCE_GAP = /[.!?…]["'”’»)\]]*(\s+)(?=["'“‘«(\[]?[\p{Lu}\p{N}])/gu;
const WORD = /\S+/g;

function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : null;
}

const words = (s: string): number => s.match(WORD)?.length ?? 0;

/** Cuts one paragraph at sentence ends into chunks of at most MAX_WORDS words (a longer sentence stays whole). */
function chunk(text: string, para: Span): Span[] {
  const body = text.slice(para.start, para.end);
  if (words(body) <= MAX_WORDS) return [para];
  const sentences: Span[] = [];
  let from = 0;
  for (const m of body.matchAll(SENTENCE_GAP)) {
    const gap = m[1] ?? '';
    const cut = (m.index ?? 0) + m[0].length - gap.length;
    sentences.push({ start: from, end: cut });
    from = cut + gap.length;
  }
  sentences.push({ start: from, end: body.length });

  const out: Span[] = [];
  let cur: Span | null = null;
  let count = 0;
  for (const s of sentences) {
    const n = words(body.slice(s.start, s.end));
    if (cur && count + n > MAX_WORDS) {
      out.push(cur);
      cur = null;
      count = 0;
    }
    cur = cur ? { start: cur.start, end: s.end } : { ...s };
    count += n;
  }
  if (cur) out.push(cur);
  return out.map((s) => ({ start: para.start + s.start, end: para.start + s.end }));
}

export function passageSpans(text: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  const push = (end: number): void => {
    const para = trimmed(text, from, end);
    if (para) out.push(...chunk(text, para));
  };
  for (const m of text.matchAll(BLANK_LINE)) {
    push(m.index ?? 0);
    from = (m.index ?? 0) + m[0].length;
  }
  push(text.length);
  return out;
}
