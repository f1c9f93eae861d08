/**
 * Alignment: the context of a mention (a figure, a date) in its own text, and the greedy
 * assignment of claim mentions to passage mentions. Only mentions about the same thing are
 * compared; a mention with no counterpart yields nothing (absence is never a conflict).
 */
import type { Annotations, Claim, DateMention, Entity, Quantity, Span } from '../../model/index.ts';
import { canon, fold, PHRASE_END, verbLike, words, type Word } from './fold.ts';

/** A text ready for comparison: its words, sentences and the spans whose words are not context. */
export interface View {
  text: string;
  words: Word[];
  sentences: Span[];
  masked: Span[];
  entities: Array<{ e: Entity; span: Span }>;
}

/** One side of a comparison (the claim, or a passage) with every span local to `view.text`. */
export interface Side {
  view: View;
  quantities: Array<{ q: Quantity; span: Span }>;
  dates: Array<{ d: DateMention; span: Span }>;
  entities: Array<{ e: Entity; span: Span }>;
  attributions: Array<{ speaker: string | null; medium: string | null; span: Span | null; content: Span | null }>;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
const within = (pos: number, s: Span): boolean => pos >= s.start && pos < s.end;

/** Rough sentence split for texts that come without sentence annotations. */
export function roughSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?]["”’]?\s+(?=["“‘(]?\p{Lu})|\n\s*\n/gu)) {
    // Not after an initial or a title: "P. Zalewski", "Dr. Nowak", "U.S. officials".
    if (/(?:^|[\s(])(?:\p{Lu}|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Prof|No|vs|U\.S|U\.K)$/u.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    const end = m.index + m[0].trimEnd().length;
    if (end > start) out.push({ start, end });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out.length ? out : [{ start: 0, end: text.length }];
}

function makeView(text: string, sentences: Span[], masked: Span[], entities: Array<{ e: Entity; span: Span }>): View {
  return { text, words: words(text), sentences: sentences.length ? sentences : roughSentences(text), masked, entities };
}

/** A span of the claim's document mapped into the claim's own text, or null when it is not there. */
function localise(span: Span, base: number, text: string, quoted: string): Span | null {
  const local = { start: span.start - base, end: span.end - base };
  if (local.start >= 0 && text.slice(local.start, local.end) === quoted) return local;
  const at = text.indexOf(quoted);
  return at >= 0 ? { start: at, end: at + quoted.length } : null;
}

function keep<T>(items: T[], at: (x: T) => { span: Span; text: string }, base: number, text: string): Array<{ x: T; span: Span }> {
  const out: Array<{ x: T; span: Span }> = [];
  for (const x of items) {
    const { span, text: quoted } = at(x);
    const local = localise(span, base, text, quoted);
    if (local) out.push({ x, span: local });
  }
  return out;
}

/** The claim as a side: its spans point into its document, so they are moved into `claimText`. */
export function claimSide(claim: Claim, claimText: string): Side {
  const base = claim.span.start;
  const quantities = keep(claim.quantities, (q) => q, base, claimText).map(({ x, span }) => ({ q: x, span }));
  const dates = keep(claim.dates, (d) => d, base, claimText).map(({ x, span }) => ({ d: x, span }));
  const entities = keep(claim.entities, (e) => e, base, claimText).map(({ x, span }) => ({ e: x, span }));
  const masked = [...quantities.map((q) => q.span), ...dates.map((d) => d.span)];
  const attributions = claim.attribution
    ? [{ speaker: claim.attribution.speaker, medium: claim.attribution.medium, span: null, content: null }]
    : [];
  return {
    view: makeView(claimText, roughSentences(claimText), masked, entities),
    quantities,
    dates,
    entities,
    attributions,
  };
}

/** `compute` remembered per side (sides of passages are reused across the claims they are compared with). */
export function perSide<T>(compute: (side: Side) => T): (side: Side) => T {
  const memo = new WeakMap<Side, T>();
  return (side) => {
    if (memo.has(side)) return memo.get(side)!;
    const v = compute(side);
    memo.set(side, v);
    return v;
  };
}

const sidesOf = new WeakMap<Annotations, Map<string, Side>>();

/** A passage as a side: its annotations already point into its text. Remembered per annotations and text; do not mutate. */
export function passageSide(text: string, a: Annotations): Side {
  let byText = sidesOf.get(a);
  if (!byText) sidesOf.set(a, (byText = new Map()));
  let side = byText.get(text);
  if (!side) byText.set(text, (side = makePassageSide(text, a)));
  return side;
}

function makePassageSide(text: string, a: Annotations): Side {
  const quantities = a.quantities.map((q) => ({ q, span: q.span }));
  const dates = a.dates.map((d) => ({ d, span: d.span }));
  const entities = a.entities.map((e) => ({ e, span: e.span }));
  const masked = [...quantities.map((q) => q.span), ...dates.map((d) => d.span)];
  const attributions = a.attributions.map((x) => ({ speaker: x.speaker, medium: x.medium, span: x.span, content: x.content ?? null }));
  return {
    view: makeView(text, a.sentences.map((s) => s.span), masked, entities),
    quantities,
    dates,
    entities,
    attributions,
  };
}

export function sentenceAt(v: View, pos: number): Span {
  return v.sentences.find((s) => within(pos, s)) ?? v.sentences.find((s) => pos === s.end) ?? { start: 0, end: v.text.length };
}

/** Where a mention sits: the words around it, the noun it measures, the word before it. */
export interface Context {
  span: Span;
  sentence: Span;
  /** Canonical content words within a few words either side, in the same sentence. */
  window: Set<string>;
  /** Content words of the mention's own clause, up to six either side. */
  near: Set<string>;
  /** The window's words that belong to names (weaker evidence of the same event than other words). */
  names: Set<string>;
  /** Canonical content words of the whole sentence. */
  sentenceWords: Set<string>;
  /** The noun phrase right after the figure, as written ("eastern frontier"). */
  phrase: string[];
  /** Its head, canonical ("border"). */
  head?: string;
  /** The nearest content word before the figure ("cost" in "put the total cost at …"). */
  before?: string;
  /** Content words after the figure up to the end of its phrase ("land border Kaliningrad region"). */
  tail: Set<string>;
  /** Type and folded key of the nearest name before the figure in its clause ("place:kestland"). */
  subject?: string;
  /** Type and folded key of the nearest person or organisation after it in its sentence, within twelve words ("picked … Jeb Bush"). */
  object?: string;
  /** Content words before the figure in its sentence (for "the tunnel itself consists of …"). */
  lead: Set<string>;
  /** Folded last name of the person named nearest the mention in its sentence, within ten words. */
  person?: string;
  /** The word right before `before` when the two make one noun ("heart" in "her heart rate was 72"). */
  modifier?: string;
  /** The mention is about a plan that was not kept ("was originally due to open in 2024"). */
  planned: boolean;
  /** The mention's clause is hypothetical or intended ("would cut", "could carry", "plans to"). */
  modal: boolean;
  /** The mention is a forecast ("projected", "predicted" in its clause); not a feature of the same-fact model. */
  forecast: boolean;
  /** Where the mention's own clause words are (for dates that qualify a figure). */
  nearSpan: Span;
}

const MODAL = /\b(?:would|could(?!\s+not\b)|might|may|if|unless|plans? to|planning to|proposed?|proposals?|wants? to|aims? to|hopes? to|intends? to|seeks? to|decisions? to|decided to|decides to|promised?|pledged?|vowed?)\b/i;

/** A forecast rather than a measure ("the 2.1 percent growth rate projected by the fund"). */
const FORECAST = /\b(?:projected|projections?|forecast(?:s|ed)?|predicted|predictions?)\b/i;

const PLAN = /\b(?:originally|initially|first planned|(?:was|were) (?:due|meant|supposed|scheduled|set|planned|slated)|had been (?:due|scheduled|planned|expected|meant))\b/i;

const CLAUSE_BREAK = /[,;:()—–"“”]|\s-\s/;
/** States that follow a counted noun ("people dead", "crew missing"). */
const STATE_AFTER = new Set(['dead', 'missing', 'alive', 'homeless', 'unaccounted', 'hospitalised', 'hospitalized', 'unemployed', 'stranded', 'trapped']);
const SKIP_BEFORE = new Set(['a', 'an', 'the', 'at', 'of', 'is', 'was', 'are', 'were', 'be', 'been', 'for', 'its', 'their', 'his', 'her', 'some', 'total']);

/** Punctuation that ends a clause between two positions, outside figures and dates ("$43,885,310" holds no break). */
function clauseBreak(v: View, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (!/[,;:()—–"“”]/.test(v.text[i]!)) continue;
    if (!v.masked.some((m) => i >= m.start && i < m.end)) return true;
  }
  return false;
}

function isMasked(v: View, w: Word): boolean {
  return v.masked.some((m) => within(w.start, m));
}

export function contextOf(v: View, span: Span, n = 6): Context {
  const sentence = sentenceAt(v, span.start);
  const inSentence = v.words.filter((w) => w.start >= sentence.start && w.end <= sentence.end);
  const first = inSentence.findIndex((w) => w.end > span.start);
  const after = inSentence.findIndex((w) => w.start >= span.end);
  const i0 = first < 0 ? inSentence.length : first;
  const j0 = after < 0 ? inSentence.length : after;
  const usable = (w: Word): boolean => w.content && !isMasked(v, w) && !overlaps({ start: w.start, end: w.end }, span);
  // The window: up to n content words either side (grammar words do not use up the window).
  const window = new Set<string>();
  const names = new Set<string>();
  const take = (w: Word): void => {
    window.add(w.w);
    // A single capitalised word typed "other" is often a sentence-initial common word ("Freight …").
    if (v.entities.some(({ e, span: es }) => w.start >= es.start && w.end <= es.end && (e.type !== 'other' || /\s/.test(e.text)))) names.add(w.w);
  };
  let lo = i0;
  for (let k = i0 - 1, got = 0; k >= 0 && got < n; k--) {
    const w = inSentence[k]!;
    lo = k;
    if (usable(w)) { take(w); got++; }
  }
  let hi = j0;
  for (let k = j0, got = 0; k < inSentence.length && got < n; k++) {
    const w = inSentence[k]!;
    hi = k + 1;
    if (usable(w)) { take(w); got++; }
  }
  const sentenceWords = new Set(inSentence.filter(usable).map((w) => w.w));
  const near = new Set<string>();
  const nearSpan = { start: span.start, end: span.end };
  for (let k = i0 - 1, got = 0, edge = span.start; k >= 0 && got < 6; k--) {
    const w = inSentence[k]!;
    if (clauseBreak(v, w.end, edge)) break;
    edge = w.start;
    nearSpan.start = w.start;
    if (usable(w)) { near.add(w.w); got++; }
  }
  for (let k = j0, got = 0, edge = span.end; k < inSentence.length && got < 6; k++) {
    const w = inSentence[k]!;
    if (clauseBreak(v, edge, w.start)) break;
    edge = w.end;
    nearSpan.end = w.end;
    if (usable(w)) { near.add(w.w); got++; }
  }
  const lead = new Set(inSentence.slice(0, i0).filter(usable).map((w) => w.w));

  // The phrase after: "18 to 28 daily departures" skips the second figure.
  let k = j0;
  let prevEnd = span.end;
  const gap = (a: number, b: number): string => v.text.slice(a, b);
  const next = inSentence[k];
  const then = inSentence[k + 1];
  const second = then ? v.masked.find((m) => within(then.start, m)) : undefined;
  if (next && /^(to|and|or)$/i.test(next.raw) && second) {
    k = inSentence.findIndex((w) => w.start >= second.end);
    if (k < 0) k = inSentence.length;
    prevEnd = second.end;
  }
  const phraseWords: Word[] = [];
  for (; k < inSentence.length && phraseWords.length < 3; k++) {
    const w = inSentence[k]!;
    if (CLAUSE_BREAK.test(gap(prevEnd, w.start)) || isMasked(v, w)) break;
    if (PHRASE_END.has(fold(w.raw))) break;
    phraseWords.push(w);
    prevEnd = w.end;
  }
  // "76 people dead", "12 sailors missing": a state after the counted noun, not the noun.
  while (phraseWords.length > 1 && (verbLike(phraseWords[phraseWords.length - 1]!.raw) || STATE_AFTER.has(fold(phraseWords[phraseWords.length - 1]!.raw)))) phraseWords.pop();
  while (phraseWords.length && /ly$/i.test(phraseWords[phraseWords.length - 1]!.raw) && phraseWords.length === 1) phraseWords.pop();
  const last = phraseWords[phraseWords.length - 1];
  const head = last && last.content ? last.w : undefined;

  // Tail: the rest of the figure's own phrase, up to a clause break or the next figure.
  const tail = new Set<string>();
  let end = span.end;
  for (let t = j0; t < inSentence.length; t++) {
    const w = inSentence[t]!;
    if (CLAUSE_BREAK.test(gap(end, w.start)) || isMasked(v, w) || /^(and|but|or)$/i.test(w.raw)) break;
    if (w.content) tail.add(w.w);
    end = w.end;
  }

  // The nearest content word before, skipping a few grammar words.
  let before: string | undefined;
  let modifier: string | undefined;
  let start = span.start;
  for (let t = i0 - 1, steps = 0; t >= 0 && steps < 3; t--, steps++) {
    const w = inSentence[t]!;
    if (/[,;()—–"“”]/.test(gap(w.end, start)) || isMasked(v, w)) break;
    const f = fold(w.raw);
    if (SKIP_BEFORE.has(f)) { start = w.start; continue; }
    if (w.content) {
      before = w.w;
      const m = inSentence[t - 1];
      if (m && m.content && !isMasked(v, m) && /^\s$/.test(gap(m.end, w.start)) && /^\p{Ll}/u.test(m.raw) && !verbLike(m.raw)) modifier = m.w;
    }
    break;
  }
  // The person named nearest the mention in its sentence.
  let person: string | undefined;
  let bestGap = 11;
  for (const { e, span: es } of v.entities) {
    if (e.type !== 'person' || es.start < sentence.start || es.end > sentence.end) continue;
    const between = es.end <= span.start ? v.text.slice(es.end, span.start) : es.start >= span.end ? v.text.slice(span.end, es.start) : '';
    const n = between.trim() ? between.trim().split(/\s+/).length : 0;
    if (n < bestGap) { bestGap = n; person = fold(e.key ?? e.text).split(/\s+/).pop(); }
  }

  // Subject: the nearest name before, within the clause and a few words.
  let subject: string | undefined;
  const clauseStart = Math.max(
    sentence.start,
    ...[...v.text.slice(sentence.start, span.start).matchAll(/[,;:—–]|\band\b|\bbut\b/g)].map((m) => sentence.start + m.index + m[0].length),
  );
  // Only names the annotator is sure of: a capitalised word typed "other" may be a common word.
  const wordsBetween = (e: { span: Span }): number => v.text.slice(e.span.end, span.start).trim().split(/\s+/).filter(Boolean).length;
  const prior = v.entities.filter((e) => e.e.type !== 'other' && e.span.end <= span.start && e.span.start >= clauseStart &&
    (e.e.type === 'place' ? wordsBetween(e) <= 3 : wordsBetween(e) <= 12));
  const nearest = prior[prior.length - 1];
  if (nearest) subject = `${nearest.e.type}:${fold(nearest.e.key ?? nearest.e.text)}`;

  const objectEntity = v.entities.filter((e) => (e.e.type === 'person' || e.e.type === 'organization') && e.span.start >= span.end && e.span.end <= sentence.end &&
    v.text.slice(span.end, e.span.start).trim().split(/\s+/).filter(Boolean).length <= 12)[0];
  const object = objectEntity ? `${objectEntity.e.type}:${fold(objectEntity.e.key ?? objectEntity.e.text)}` : undefined;

  lo = Math.max(0, lo - 2);
  hi = Math.min(inSentence.length, hi + 2);
  const from = inSentence[lo]?.start ?? sentence.start;
  const to = inSentence[hi - 1]?.end ?? sentence.end;
  const planned = PLAN.test(v.text.slice(Math.min(from, span.start), Math.max(to, span.end)));
  const modal = MODAL.test(v.text.slice(clauseStart, span.start)) || MODAL.test(v.text.slice(span.end, nearSpan.end));
  const forecast = FORECAST.test(v.text.slice(clauseStart, span.start)) || FORECAST.test(v.text.slice(span.end, nearSpan.end));

  const ctx: Context = { span, sentence, window, near, names, sentenceWords, phrase: phraseWords.map((w) => w.raw), tail, lead, planned, modal, forecast, nearSpan };
  if (head) ctx.head = head;
  if (before) ctx.before = before;
  if (modifier) ctx.modifier = modifier;
  if (person) ctx.person = person;
  if (subject) ctx.subject = subject;
  if (object) ctx.object = object;
  return ctx;
}

/** Two names for different things right before the figures ("Kestland paid …" / "Varnholm paid …"). */
export function subjectClash(a: Context, b: Context): boolean {
  if (!a.subject || !b.subject) return false;
  const [ta, ka = ''] = a.subject.split(':');
  const [tb, kb = ''] = b.subject.split(':');
  const kinds = new Set([ta, tb]);
  if (ta !== tb && !(kinds.has('place') && kinds.has('organization'))) return false;
  return !ka.includes(kb) && !kb.includes(ka);
}

/** The people named nearest the two mentions are different people ("Weiner's 2005 bid" / "Clinton … in 2016"). */
export function personClash(a: Context, b: Context): boolean {
  return a.person !== undefined && b.person !== undefined && !a.person.includes(b.person) && !b.person.includes(a.person);
}

/** One noun, two different modifiers ("heart rate was 72" / "tax rate was 35.72"), neither near the other mention. */
export function modifierClash(a: Context, b: Context): boolean {
  return a.before !== undefined && a.before === b.before && a.modifier !== undefined && b.modifier !== undefined &&
    a.modifier !== b.modifier && !b.window.has(a.modifier) && !a.window.has(b.modifier);
}

/** Two different people or organisations right after the figures ("23 percent picked Jeb Bush" / "55 percent … for Mr. Christie"). */
export function objectClash(a: Context, b: Context): boolean {
  if (!a.object || !b.object) return false;
  const [ta, ka = ''] = a.object.split(':');
  const [tb, kb = ''] = b.object.split(':');
  return ta === tb && !ka.includes(kb) && !kb.includes(ka);
}

/**
 * What follows the two figures names different things, and no word of it is shared ("$2.5 billion
 * from counternarcotics programs" / "$3.6 billion from military construction projects").
 */
export function tailClash(a: Context, b: Context): boolean {
  const ta = [...a.tail].filter((w) => w !== a.head);
  const tb = [...b.tail].filter((w) => w !== b.head);
  return ta.length > 0 && tb.length > 0 && !ta.some((w) => b.tail.has(w) || b.window.has(w)) && !tb.some((w) => a.tail.has(w) || a.window.has(w));
}

/** Kinds that exclude each other: a figure about one is not about the other. */
const CONTRAST_SETS: Array<Set<string>> = [
  ['passenger', 'freight'], ['domestic', 'international'], ['military', 'civilian'], ['public', 'private'],
  ['import', 'export'], ['men', 'women'], ['male', 'female'], ['adult', 'child'], ['upper', 'lower'],
  ['northern', 'southern', 'eastern', 'western'], ['inbound', 'outbound'], ['minimum', 'maximum'],
  ['urban', 'rural'], ['permanent', 'temporary'], ['full-time', 'part-time'],
].map((g) => new Set(g.map((w) => canon(w))));

/**
 * Two kinds that exclude each other near the two mentions ("passenger trains" / "freight
 * trains"): different things, whatever else the sentences share.
 */
export function contrast(a: Context, b: Context): boolean {
  for (const set of CONTRAST_SETS) {
    const ka = [...set].filter((w) => a.window.has(w));
    const kb = [...set].filter((w) => b.window.has(w));
    if (ka.length === 1 && kb.length === 1 && ka[0] !== kb[0]) return true;
  }
  return false;
}

/** Shared canonical words, optionally ignoring some (the heads already counted). */
export function shared(a: Set<string>, b: Set<string>, ignore: Array<string | undefined> = []): number {
  let n = 0;
  for (const x of a) if (b.has(x) && !ignore.includes(x)) n++;
  return n;
}

/** A name around one mention is a word of the other's sentence: the two sentences are about someone in common. */
export function namesMeet(c: Context, p: Context): boolean {
  for (const w of c.names) if (p.sentenceWords.has(w)) return true;
  for (const w of p.names) if (c.sentenceWords.has(w)) return true;
  return false;
}

/**
 * Two mentions in nearly the same sentence: half or more of the words of the two sentences are
 * shared, and at least three of the words around the mentions. The same statement with another
 * figure or date is the plainest contradiction there is.
 */
export function twins(c: Context, p: Context): boolean {
  const union = new Set([...c.sentenceWords, ...p.sentenceWords]).size;
  return union > 0 && shared(c.sentenceWords, p.sentenceWords) / union >= 0.5 && shared(c.window, p.window) >= 3;
}

/**
 * Two mentions in sentences that say much the same thing: a third of the two sentences' words
 * shared, two of them around the mentions. Weaker than `twins`; used only when each mention is
 * the sole one of its kind in its sentence, so there is nothing else it could be paired with.
 */
export function kin(c: Context, p: Context): boolean {
  const union = new Set([...c.sentenceWords, ...p.sentenceWords]).size;
  return union > 0 && shared(c.sentenceWords, p.sentenceWords) / union >= KIN_SHARE && shared(c.window, p.window) >= 2;
}
export const KIN_SHARE = 0.3;

/** A candidate pairing of one claim mention with passage mentions. */
export interface Pair<T> {
  /** Index of the claim mention. */
  ci: number;
  /** Indices of the passage mentions it uses. */
  uses: number[];
  score: number;
  agree: boolean;
  payload: T;
}

/**
 * Greedy one-to-one assignment: agreements first (a value that matches explains the pairing),
 * then by alignment score. Each claim mention gets at most one pairing and each passage
 * mention is used once. An agreement that is neither well aligned itself (`strong`) nor close to
 * the best pairing of its claim mention is dropped, so a stray equal number does not hide a real
 * difference.
 */
export function assign<T>(pairs: Array<Pair<T>>, strong: number): Array<Pair<T>> {
  const best = new Map<number, number>();
  for (const p of pairs) best.set(p.ci, Math.max(best.get(p.ci) ?? 0, p.score));
  const usable = pairs.filter((p) => !p.agree || p.score >= Math.min(strong, 0.6 * (best.get(p.ci) ?? 0)));
  usable.sort((a, b) => Number(b.agree) - Number(a.agree) || b.score - a.score || a.uses.length - b.uses.length);
  const doneClaim = new Set<number>();
  const used = new Set<number>();
  const out: Array<Pair<T>> = [];
  for (const p of usable) {
    if (doneClaim.has(p.ci) || p.uses.some((u) => used.has(u))) continue;
    doneClaim.add(p.ci);
    for (const u of p.uses) used.add(u);
    out.push(p);
  }
  return out.sort((a, b) => a.ci - b.ci);
}

export { canon };
