import type { Annotations, Sentence, Span } from '../model/index.ts';

const BOUNDARY = /;\s+|,?\s+(?:and|but|while|whereas)\s+(?!(?:a half|one half)\b)/g;
const LEADING = /^(?:and|but|while|whereas)\s+/i;

const overlaps = (a: Span, pos: number): boolean => pos > a.start && pos < a.end;

/**
 * Split a sentence into atomic clauses where it carries several checkable facts: a cut at ";",
 * ", and", " but", " while" is made only when both sides keep at least one figure or date, and
 * never inside a quotation, a figure, a date or a name.
 */
export function splitClauses(text: string, sentence: Sentence, ann: Annotations): Span[] {
  const s = sentence.span;
  const items = [...ann.quantities.map((q) => q.span), ...ann.dates.map((d) => d.span)].filter(
    (sp) => sp.start >= s.start && sp.end <= s.end,
  );
  if (items.length < 2) return [trim(text, s)];
  const blocked = [
    ...items,
    ...ann.entities.map((e) => e.span),
    ...quoteSpans(sentence),
  ];
  const cuts: Array<{ at: number; next: number }> = [];
  for (const m of sentence.text.matchAll(BOUNDARY)) {
    const at = s.start + m.index;
    if (blocked.some((b) => overlaps(b, at))) continue;
    cuts.push({ at, next: at + m[0].length });
  }
  const parts: Span[] = [];
  let start = s.start;
  for (const c of cuts) {
    const hasLeft = items.some((i) => i.start >= start && i.end <= c.at);
    const hasRight = items.some((i) => i.start >= c.next && i.end <= s.end);
    if (hasLeft && hasRight) {
      parts.push(trim(text, { start, end: c.at }));
      start = c.next;
    }
  }
  parts.push(trim(text, { start, end: s.end }));
  return parts.filter((p) => p.end > p.start);
}

/** Quotations and parentheticals ("(…)", "—…—"): a clause is never cut inside them. */
function quoteSpans(sentence: Sentence): Span[] {
  return [...sentence.text.matchAll(/[“"][^”"]*[”"]|\([^)]*\)|[—–][^—–]*[—–]/g)].map((m) => ({
    start: sentence.span.start + m.index,
    end: sentence.span.start + m.index + m[0].length,
  }));
}

function trim(text: string, span: Span): Span {
  let { start, end } = span;
  const lead = LEADING.exec(text.slice(start, end));
  if (lead) start += lead[0].length;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,;]/.test(text[end - 1]!)) end--;
  return { start, end };
}
