/**
 * Quotes: the same words in quotation marks (at least 80 % of the claim's quote, folded)
 * attributed to different speakers is a conflict; the same speaker is an agreement, with any
 * difference in the medium ("told Reuters" / "told AP") noted.
 */
import type { Span } from '../../model/index.ts';
import { sentenceAt, type Side } from './align.ts';
import { fold } from './fold.ts';
import { looksLikeName, samePerson } from './names.ts';
import { finding, type Found } from './types.ts';

const QUOTE = /[“"]([^”"]+)[”"]/g;
/** Shorter quoted phrases are often scare quotes or titles, not statements. */
const MIN_WORDS = 6;

interface Quote {
  words: string[];
  text: string;
  span: Span;
}

function quoteWords(s: string): string[] {
  return fold(s).split(/[^\p{L}\p{N}']+/u).filter(Boolean);
}

function quotesOf(text: string): Quote[] {
  const out: Quote[] = [];
  for (const m of text.matchAll(QUOTE)) {
    const inner = m[1]!;
    const words = quoteWords(inner);
    if (words.length < MIN_WORDS) continue;
    out.push({ words, text: inner.trim().replace(/[,.;:]+$/, ''), span: { start: m.index, end: m.index + m[0].length } });
  }
  return out;
}

/** The share of `a`'s words found in `b`. */
function containment(a: string[], b: string[]): number {
  const bag = new Map<string, number>();
  for (const w of b) bag.set(w, (bag.get(w) ?? 0) + 1);
  let n = 0;
  for (const w of a) {
    const k = bag.get(w) ?? 0;
    if (k > 0) { n++; bag.set(w, k - 1); }
  }
  return a.length ? n / a.length : 0;
}

const SPEECH = /^(?:said|says|told|tells|added|adds|wrote|writes|noted|stated|declared|insisted|argued|explained|warned|replied|asked|continued|tweeted|posted)\b/i;
/** A person, not a place or a body ("the White House said"); a lone surname only of someone named in full. */
function isPerson(side: Side, name: string): boolean {
  if (looksLikeName(name)) return true;
  if (/\s/.test(name.trim())) return side.entities.some(({ e }) => e.type === 'person' && fold(e.text) === fold(name) && looksLikeName(e.text));
  const f = fold(name);
  return side.entities.some(({ e }) => e.type === 'person' && looksLikeName(e.text) && fold(e.text).endsWith(` ${f}`));
}

/**
 * Who spoke a quote: a name right after it ("…," said Name / "…," Name said / "…," Title Name
 * said), a name right before it with a speech verb or a colon, else the attribution the
 * annotator found for it, else the one person named in its sentence.
 */
function speakerOf(side: Side, q: Quote, fallback: { speaker: string; medium: string | null } | null): { speaker: string; medium: string | null } | null {
  const { text } = side.view;
  const s = sentenceAt(side.view, q.span.start);
  const people = side.entities.filter(({ e, span }) => span.start >= s.start - 1 && span.end <= s.end + 1 &&
    (span.end <= q.span.start || span.start >= q.span.end) && (e.type === 'person' || looksLikeName(e.text)));
  const medium = side.attributions.find((a) => a.span && a.span.start >= s.start && a.span.end <= s.end && a.medium)?.medium ?? fallback?.medium ?? null;
  const after = people.find(({ span }) => {
    if (span.start < q.span.end || span.start - q.span.end > 60) return false;
    const gap = text.slice(q.span.end, span.start);
    const rest = text.slice(span.end, span.end + 20);
    return (/^[\s,]*(?:said|says|told|added|wrote)\s+(?:[\p{Lu}][\p{L}.’'-]*\s+){0,4}$/u.test(gap)) ||
      (/^[\s,]*(?:[\p{Lu}][\p{L}.’'-]*\s+){0,4}$/u.test(gap) &&
        (SPEECH.test(rest.replace(/^[\s,]+/, '')) || /^,\s*[^,]{0,60},\s*(?:said|says|told|added)\b/.test(text.slice(span.end, span.end + 90))));
  });
  if (after) return { speaker: after.e.text, medium };
  // "…," he added: the speaker is a pronoun this module does not resolve.
  if (/^[\s,]*(?:he|she|they|it|we|i)\s+\p{L}+/iu.test(text.slice(q.span.end, q.span.end + 20)) && !fallback) return null;
  const before = [...people].reverse().find(({ span }) => {
    if (span.end > q.span.start || q.span.start - span.end > 40) return false;
    const gap = text.slice(span.end, q.span.start);
    return /^\s*:\s*$/.test(gap) || /^[\s,]*(?:[\p{Ll}\s,]{0,30})?\b(?:said|says|told|added|wrote|declared|insisted)\b[^"“]{0,20}$/u.test(gap);
  });
  if (before) return { speaker: before.e.text, medium };
  if (fallback) return fallback;
  const byContent = side.attributions.find((a) => a.content && a.content.start < q.span.end && q.span.start < a.content.end && a.speaker);
  if (byContent?.speaker) return { speaker: byContent.speaker, medium: byContent.medium };
  const inSentence = side.attributions.find((a) => a.span && a.span.start >= s.start && a.span.end <= s.end && a.speaker);
  if (inSentence?.speaker) return { speaker: inSentence.speaker, medium: inSentence.medium };
  if (people.length !== 1) return null;
  return { speaker: people[0]!.e.text, medium };
}

/** The name is written as an owner ("Harry Reid's office"): the speaker is the office. */
function possessive(side: Side, name: string): boolean {
  const at = side.view.text.indexOf(name);
  return at >= 0 && /^['’]s?\b/.test(side.view.text.slice(at + name.length, at + name.length + 3));
}

/** Several speakers ("Nancy Pelosi and Chuck Schumer") as separate names. */
const speakers = (s: string): string[] => s.split(/\s+(?:and|&)\s+|,\s*/).filter(Boolean);

/** A speaker named inside the quote is talked about, not talking ("President Obama has said …"). */
function namedInside(q: Quote, speaker: string): boolean {
  const surname = fold(speaker).split(/\s+/).pop() ?? '';
  return surname.length > 2 && q.words.includes(surname);
}

function shortQuote(q: Quote): string {
  const ws = q.text.split(/\s+/);
  return ws.length > 10 ? `${ws.slice(0, 10).join(' ')} …` : q.text;
}

export function compareQuotes(claim: Side, passage: Side): Found[] {
  const out: Found[] = [];
  const pqs = quotesOf(passage.view.text);
  for (const cq of quotesOf(claim.view.text)) {
    const a = claim.attributions[0];
    const claimSpeaker = speakerOf(claim, cq, a?.speaker ? { speaker: a.speaker, medium: a.medium } : null);
    if (!claimSpeaker) continue;
    const match = pqs
      .map((pq) => ({ pq, sim: Math.min(containment(cq.words, pq.words), containment(pq.words, cq.words) + 0.5) }))
      .filter((x) => x.sim >= 0.8)
      .sort((x, y) => y.sim - x.sim)[0];
    if (!match) continue;
    const source = speakerOf(passage, match.pq, null);
    if (!source) continue;
    const quoted = `"${shortQuote(cq)}"`;
    const cs = speakers(claimSpeaker.speaker);
    const ps = speakers(source.speaker);
    if (cs.some((x) => ps.some((y) => samePerson(x, y)))) {
      const mediumNote = claimSpeaker.medium && source.medium && fold(claimSpeaker.medium) !== fold(source.medium)
        ? ` (the claim says it was said to ${claimSpeaker.medium}, the source to ${source.medium})` : '';
      out.push(finding('attribution', true, claimSpeaker.speaker, source.speaker,
        `the claim and the source both attribute the quote ${quoted} to ${source.speaker}${mediumNote}`, mediumNote ? 0.8 : 1, match.pq.span));
      continue;
    }
    // Only people against people, and never someone the quote itself talks about, nor an office ("Reid's office").
    if (!cs.every((x) => isPerson(claim, x)) || !ps.every((y) => isPerson(passage, y))) continue;
    if (possessive(claim, claimSpeaker.speaker) || possessive(passage, source.speaker)) continue;
    if (cs.some((x) => namedInside(cq, x)) || ps.some((y) => namedInside(match.pq, y))) continue;
    out.push(finding('attribution', false, claimSpeaker.speaker, source.speaker,
      `the claim attributes the quote ${quoted} to ${claimSpeaker.speaker}; the source to ${source.speaker}`, match.sim, match.pq.span));
  }
  return out;
}
