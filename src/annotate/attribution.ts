import type { Attribution, Entity, Sentence, Span } from '../model/index.ts';
import { MEDIA } from './gazetteer.ts';
import { fullName } from './entities.ts';

const VERB = /\b(said|says|told|tells|added|noted|stated|explained|argued|insisted|warned|wrote|emphasi[sz]ed|stressed|confirmed|announced|acknowledged|admitted|claimed|denied|replied|according to|in an interview with|speaking to|in a statement to|in comments to|comments made to)\b/gi;
const MEDIUM_VERBS = /^(told|tells|in an interview with|speaking to|in a statement to|in comments to|comments made to)$/i;
const PRONOUN = /\b(he|she)\b/gi;
const QUOTE = /[“"]([^”"]+)[”"]/g;

const inside = (e: Entity, s: Span): boolean => e.span.start >= s.start && e.span.end <= s.end;

function kindOf(verb: string, quoted: boolean): Attribution['kind'] {
  if (/interview/i.test(verb)) return 'interview';
  if (quoted) return 'quote';
  if (/according/i.test(verb)) return 'according-to';
  if (MEDIUM_VERBS.test(verb)) return 'told';
  return 'said';
}

/**
 * Who said it, and to whom: quoted speech and reporting verbs ("said X", "X told Reuters",
 * "in an interview with The Associated Press", "according to …"). Pronouns resolve to the last
 * person named before them. One attribution per sentence at most.
 */
export function findAttributions(text: string, sentences: Sentence[], entities: Entity[]): Attribution[] {
  const out: Attribution[] = [];
  const persons = entities.filter((e) => e.type === 'person');
  const lastPersonBefore = (pos: number): Entity | undefined => {
    let best: Entity | undefined;
    for (const p of persons) if (p.span.end <= pos) best = p;
    return best;
  };
  for (const s of sentences) {
    const sEntities = entities.filter((e) => inside(e, s.span));
    const quotes = [...s.text.matchAll(QUOTE)].map((q) => ({ start: s.span.start + q.index, end: s.span.start + q.index + q[0].length }));
    const outside = (pos: number): boolean => !quotes.some((q) => pos > q.start && pos < q.end);
    let speaker: Entity | null = null;
    let speakerName: string | null = null;
    let medium: string | null = null;
    let cue: Span | null = null;
    let kind: Attribution['kind'] = 'said';
    for (const m of s.text.matchAll(VERB)) {
      const vStart = s.span.start + m.index;
      const vEnd = vStart + m[0].length;
      if (!outside(vStart)) continue;
      const verb = m[0];
      // Medium: the organisation right after "told" / "interview with" / "made to".
      if (MEDIUM_VERBS.test(verb) || /according to/i.test(verb)) {
        const next = sEntities.find((e) => e.span.start >= vEnd && e.span.start - vEnd <= 5 && e.type === 'organization');
        if (next && (MEDIA.has(next.text) || MEDIUM_VERBS.test(verb))) {
          medium ??= next.text;
          cue ??= { start: vStart, end: next.span.end };
        }
      }
      if (speaker) continue;
      // Speaker after the verb ("said Paweł Zalewski", "… by Deputy Minister Jan Nowak").
      const after = sEntities.find((e) => e.type === 'person' && e.span.start >= vEnd && /^[\s,]*(?:by\s+)?(?:[\p{Lu}][\p{L}.-]*\s+){0,4}$/u.test(text.slice(vEnd, e.span.start)));
      const byPerson = sEntities.find((e) => e.type === 'person' && e.span.start >= vEnd && /\bby\s+(?:[\p{Lu}][\p{L}.-]*\s+){0,4}$/u.test(text.slice(vEnd, e.span.start)) && e.span.start - vEnd < 80);
      // Speaker before the verb ("Zalewski told", "Jan Nowak, the chief executive, told").
      const before = [...sEntities].reverse().find((e) => e.type === 'person' && e.span.end <= vStart && outside(e.span.start));
      const pronoun = [...s.text.slice(0, vStart - s.span.start).matchAll(PRONOUN)].pop();
      let chosen: Entity | undefined = after && outside(after.span.start) && !/according/i.test(verb) ? after : byPerson;
      // Where the speaker is named in the sentence: the span of the cue covers the name.
      let at: Span | undefined = chosen?.span;
      if (!chosen && before) { chosen = before; at = before.span; }
      if (!chosen && pronoun) {
        chosen = lastPersonBefore(s.span.start + pronoun.index);
        at = { start: s.span.start + pronoun.index, end: s.span.start + pronoun.index + pronoun[0].length };
      }
      if (!chosen && /^(said|says|added|noted)$/i.test(verb)) {
        const justAfter = /^\s+(he|she)\b/i.exec(text.slice(vEnd, vEnd + 5));
        if (justAfter) {
          chosen = lastPersonBefore(vStart);
          at = { start: vEnd + justAfter[0].length - justAfter[1]!.length, end: vEnd + justAfter[0].length };
        }
      }
      if (chosen && at) {
        speaker = chosen;
        speakerName = fullName(chosen.text, entities);
        kind = kindOf(verb, quotes.length > 0);
        const near = at.end <= vStart ? vStart - at.end <= 40 : at.start - vEnd <= 60;
        const a = near ? Math.min(vStart, at.start) : vStart;
        const b = near ? Math.max(vEnd, at.end) : vEnd;
        if (!cue || !medium) cue = { start: a, end: b };
      } else if (/according to/i.test(verb)) {
        const next = sEntities.find((e) => e.span.start >= vEnd && e.span.start - vEnd <= 2);
        if (next) {
          if (next.type === 'person') { speaker = next; speakerName = fullName(next.text, entities); }
          else medium ??= next.text;
          kind = 'according-to';
          cue ??= { start: vStart, end: next.span.end };
        }
      }
      if (!cue && medium) kind = 'told';
    }
    if ((speakerName || medium) && cue) {
      const a: Attribution = { speaker: speakerName, medium, span: cue, kind: medium && /interview/i.test(text.slice(cue.start, cue.end)) ? 'interview' : kind };
      if (quotes.length) a.content = quotes[0]!;
      out.push(a);
    }
  }
  return out;
}
