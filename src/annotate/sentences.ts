import type { Sentence } from '../model/index.ts';

/** Abbreviations after which a period does not end a sentence (lower-cased, without the dot). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'sen',
  'rep', 'gov', 'pres', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'no', 'vs', 'etc', 'approx',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft',
  'dept', 'univ', 'assn', 'bros', 'est', 'fig', 'rev', 'hon', 'u.s', 'u.k', 'u.n', 'e.g', 'i.e',
  'a.m', 'p.m', 's.a', 'n.v', 'b.v', 'e.u',
]);

const CLOSERS = '"\'”’»)]';

/**
 * Split a body into sentences. Paragraph breaks always end a sentence; within a paragraph a
 * sentence ends at . ! ? (plus closing quotes/brackets) followed by whitespace and an opening
 * quote, capital letter or digit — unless the period closes a known abbreviation or an initial.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const paragraph = /[^\n]+/g;
  for (let p = paragraph.exec(text); p; p = paragraph.exec(text)) {
    const base = p.index;
    const para = p[0];
    let start = 0;
    for (let i = 0; i < para.length; i++) {
      const ch = para[i]!;
      if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
      let end = i + 1;
      while (end < para.length && (CLOSERS.includes(para[end]!) || '.!?'.includes(para[end]!))) end++;
      if (end >= para.length) break;
      if (!/\s/.test(para[end]!)) continue;
      let next = end;
      while (next < para.length && /\s/.test(para[next]!)) next++;
      const following = para[next] ?? '';
      if (!/[\p{Lu}\p{N}"“‘'(«—–-]/u.test(following)) continue;
      if (ch === '.' && isAbbreviation(para, i)) continue;
      push(out, text, base + start, base + end);
      start = next;
      i = next - 1;
    }
    push(out, text, base + start, base + para.length);
  }
  return out;
}

function isAbbreviation(para: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(para[s - 1]!)) s--;
  const word = para.slice(s, dot).toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital letter is an initial ("J. Smith"), unless it is the pronoun "I".
  if (/^\p{Lu}$/u.test(para.slice(s, dot)) && para.slice(s, dot) !== 'I') return true;
  // Dotted acronyms such as "U.S." followed by a lower-case word continue the sentence.
  return false;
}

function push(out: Sentence[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return;
  const s = text.slice(start, end);
  out.push({ span: { start, end }, text: s, tense: tenseOf(s) });
}

const FUTURE = /\b(will|shall|won[’']t|is going to|are going to|is set to|are set to|is due to|are due to)\b|['’]ll\b/i;
const REPORTING = /\b(said|told|added|noted|stated|announced|explained|confirmed|wrote)\b/gi;
const PAST_AUX = /\b(was|were|had|did|didn[’']t|wasn[’']t|weren[’']t|ago|yesterday|last (week|month|year)|earlier this)\b/i;
const IRREGULAR_PAST = /\b(withdrew|began|became|came|went|took|gave|made|met|sent|spent|won|lost|fell|rose|left|led|held|kept|found|brought|bought|built|caught|chose|drew|drove|flew|forgot|got|grew|knew|laid|paid|ran|saw|sold|sought|shot|stood|struck|swore|thought|threw|understood|wrote|broke|spoke|froze|hid|fought|taught|felt|heard|meant|sat|slept|stole|swept|woke|arose|told|said|overtook|undertook|withheld|upheld|forbade|oversaw|underwent|sank|sprang|shrank|tore|bore|dealt|fled|lent|lit|slid|split|spread|quit)\b/i;
const PAST_VERB = /\b(?!(?:need|speed|feed|seed|bed|red|shed|bleed|breed|hundred|indeed|sacred|naked|wicked|kindred|rugged|ragged|aged|armed|beloved|based|related|united|limited|detailed|advanced|skilled|interested|concerned|designed|used|supposed|proposed|planned|expected|scheduled)\b)[a-z]{3,}ed\b/;
const PRESENT_PERFECT = /\b(has|have)\s+(\w+\s+)?\w+(ed|en)\b/i;

/**
 * Tense of a sentence from its auxiliaries and verb forms, outside quotes. A future marker
 * ("will", "is set to") wins over a mere reporting verb ("said it will open on Monday"), but
 * not over another past verb ("withdrew on Friday, announcing plans").
 */
export function tenseOf(sentence: string): Sentence['tense'] {
  const outside = sentence.replace(/[“"][^”"]*[”"]/g, ' ');
  const reported = REPORTING.test(outside);
  REPORTING.lastIndex = 0;
  const bare = outside.replace(REPORTING, ' ');
  const simplePast = PAST_AUX.test(bare) || IRREGULAR_PAST.test(bare) || PAST_VERB.test(bare.replace(PRESENT_PERFECT, ' '));
  const past = simplePast || PRESENT_PERFECT.test(bare);
  // Reported future ("she added that work would start in June") counts as future, and so does a
  // modal after a present perfect ("the union has warned it could strike in December").
  if ((FUTURE.test(outside) || (reported && /\b(would|could|may|might)\b/i.test(outside))) && !past) return 'future';
  if (/\b(could|may|might|would)\b/i.test(outside) && !simplePast && PRESENT_PERFECT.test(bare)) return 'future';
  if (past || reported) return 'past';
  return 'present';
}
