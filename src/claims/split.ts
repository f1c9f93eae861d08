import type { Annotations, Sentence, Span } from '../model/index.ts';

const BOUNDARY = /;\s+|,?\s+(?:and|but|while|whereas)\s+(?!(?:a half|one half)\b)|,\s+(?=(?:aimed|designed|intended|meant|bringing|making|raising|leaving|taking|giving|putting|adding|pushing|cutting)\s)/g;
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
  if (items.length < 2 && !ann.entities.some((e) => e.span.start >= s.start && e.span.end <= s.end)) return [trim(text, s)];
  if (items.length < 1) return [trim(text, s)];
  const blocked = [
    ...items,
    ...betweens(text, items),
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
    // A participle phrase (", aimed at fortifying the 800-km frontier") is its own claim when it
    // carries a figure and the clause before it names something.
    const participle = /^,\s+\w+(ed|ing)\s/.test(text.slice(c.at, c.next + 12)) && !/^,?\s+(and|but|while|whereas)\s/.test(text.slice(c.at, c.next));
    const namedLeft = ann.entities.some((e) => e.span.start >= start && e.span.end <= c.at);
    if (participle ? namedLeft && hasRight : hasLeft && hasRight && (text[c.at] === ';' || (startsClause(text.slice(0, s.end), c.next, items) && !insideRelative(text, start, c, s.end)))) {
      parts.push(trim(text, { start, end: c.at }, parts.length > 0));
      start = c.next;
    }
  }
  parts.push(trim(text, { start, end: s.end }, parts.length > 0));
  return parts.filter((p) => p.end > p.start);
}

const FINITE = /\b(is|are|was|were|has|have|had|will|would|did|does|do|can|could|may|might|must|shall|should|said|says|[a-z]{3,}ed|withdrew|began|became|came|went|took|gave|made|met|sent|spent|won|lost|fell|rose|left|led|held|kept|found|built|sold|paid|grew|ran|saw|told)\b/;

/**
 * Whether the text after a conjunction starts a clause of its own: a finite verb within its
 * first words ("and completed the network by 2018"), or a parallel phrase that opens with its
 * figure ("and a 140-kilometre border with …") — not a mere noun ("and water on Sunday").
 */
function startsClause(text: string, at: number, items: Span[]): boolean {
  const head = text.slice(at, at + 60).split(/\s+/).slice(0, 6).join(' ');
  if (FINITE.test(head)) return true;
  const first = items.filter((i) => i.start >= at).sort((a, b) => a.start - b.start)[0];
  if (!first) return false;
  const before = text.slice(at, first.start).trim().split(/\s+/).filter(Boolean);
  return before.length <= 2 && before.every((w) => /^(a|an|the|some|about|around|nearly|almost|over|another|more|than|up|to|at|least|by|in|on|of)$/i.test(w));
}

const RELATIVE = /\b(?:in which|which|who|whom|where|whose)\b/i;
const AUXILIARY = /\b(?:is|are|was|were|has|have|had|will|would)\b/gi;

/**
 * A cut between two parts of a relative clause ("the attack in which 12 people were killed and 31
 * others were injured is being investigated"): the text after the conjunction runs on into the
 * sentence's own verb (two auxiliaries before any punctuation), so neither side is a claim.
 */
function insideRelative(text: string, start: number, cut: { at: number; next: number }, end: number): boolean {
  if (!RELATIVE.test(text.slice(start, cut.at))) return false;
  const run = /^[^,;:“”"()—–]*/.exec(text.slice(cut.next, end))![0];
  return (run.match(AUXILIARY) ?? []).length >= 2;
}

/** "between 2009 and 2016": one range, never two clauses. */
function betweens(text: string, items: Span[]): Span[] {
  const out: Span[] = [];
  for (const a of items) {
    if (!/\bbetween\s+$/i.test(text.slice(Math.max(0, a.start - 12), a.start))) continue;
    const b = items.find((x) => x.start > a.end && /^\s+and\s+$/i.test(text.slice(a.end, x.start)));
    if (b) out.push({ start: a.start, end: b.end });
  }
  return out;
}

/** Quotations and parentheticals ("(…)", "—…—"): a clause is never cut inside them. */
function quoteSpans(sentence: Sentence): Span[] {
  return [...sentence.text.matchAll(/[“"][^”"]*[”"]|\([^)]*\)|[—–][^—–]*[—–]/g)].map((m) => ({
    start: sentence.span.start + m.index,
    end: sentence.span.start + m.index + m[0].length,
  }));
}

/** Trim spaces and trailing commas; a part after a cut also loses its leading conjunction. */
function trim(text: string, span: Span, afterCut = false): Span {
  let { start, end } = span;
  const lead = afterCut ? LEADING.exec(text.slice(start, end)) : null;
  if (lead) start += lead[0].length;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,;]/.test(text[end - 1]!)) end--;
  return { start, end };
}
