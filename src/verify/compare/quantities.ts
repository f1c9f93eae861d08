/**
 * Figures: align each claim figure with the passage figure (or the sum of passage figures) about
 * the same thing, then compare with unit conversion and tolerance for rounding and qualifiers.
 *
 * Tolerance rules (each figure becomes an interval in the base unit of its dimension):
 * - a plain number is exact to its stated precision: "6.8 billion" ±0.05 billion, "38" ±0.5;
 *   trailing zeros of a whole number may be rounding ("130", "2,300"), worth at most ±2.5 %;
 * - "about", "nearly", "almost", "roughly" → ±10 %;
 * - "more than X", "at least X" → [X, ∞); "up to X", "less than X", "at most X" → (−∞, X];
 * - a range "4,000–5,000" → [4,000, 5,000];
 * - two figures agree when their intervals overlap; a sum's interval is the sum of its parts'.
 */
import type { Quantity, Span } from '../../model/index.ts';
import { assign, contextOf, perSide, contrast, kin, modifierClash, namesMeet, objectClash, personClash, shared, subjectClash, tailClash, twins, type Context, type Pair, type Side } from './align.ts';
import { canon, fold, GENERIC_NOUNS, nounMatch, PORTION_NOUNS, STOP as STOP_WORDS } from './fold.ts';
import { pairFeatures, type PairFacts } from './pair-features.ts';
import { sameFactModel, sameFactProbability } from './same-fact.ts';
import { finding, type Finding } from './types.ts';
import { deltaToBase, dimension, formatQuantity, fromBase, toBase } from './units.ts';

/** Alignment score needed to report a difference, and to report an agreement. */
export const CONFLICT_SCORE = 0.6;
export const AGREE_SCORE = 0.3;
/** Figures more than ten times apart are compared only on a strong alignment ("cost" of a line vs of a ticket). */
export const STRONG_SCORE = 1.2;

/** Same-fact probability that suffices for two figures of sentences that say much the same thing (`kin`). */
const KIN_ACCEPT = 0.75;

type Tolerance = 'exact' | 'rounding' | 'approx' | 'bound';

interface Interval {
  lo: number;
  hi: number;
  tolerance: Tolerance;
}

/** A figure ready to compare. */
export interface Figure {
  q: Quantity;
  span: Span;
  /** Value after merging "an hour and 14 minutes"; the unit is the quantity's. */
  value: number;
  min?: number;
  max?: number;
  unit: string | null;
  dim: string;
  ctx: Context;
  iv: Interval;
  /** The figure as written, its qualifier ignored: "at least 544" → 544 within rounding. */
  plain: Interval;
}

const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12,
};

/**
 * The number as written in a quantity's text ("6.8" of "6.8 billion euros"), and the scale that
 * takes it to the quantity's value (1e9 there); null without digits or for a written 0.
 */
function written(q: Quantity): { digits: string; n: number; scale: number } | null {
  const m = /\d[\d,]*(?:\.\d+)?/.exec(q.text);
  if (!m) return null;
  const digits = m[0].replace(/,/g, '');
  const n = Number(digits);
  if (!Number.isFinite(n) || n === 0) return null;
  return { digits, n, scale: Math.abs(q.value / n) >= 1 ? Math.round(q.value / n) || 1 : 1 };
}

/** Half the step of the precision the number is written with, in the quantity's own unit. */
function halfStep(q: Quantity, value: number): number {
  const m = /\d[\d,]*(?:\.\d+)?/.exec(q.text);
  const implied = (v: number, scale: number): number => {
    const digits = String(Math.round(Math.abs(v) / scale));
    const zeros = /0+$/.exec(digits)?.[0].length ?? 0;
    const step = 10 ** Math.min(zeros, digits.length - 1) * scale;
    return zeros > 0 ? Math.max(0.5 * scale, Math.min(step / 2, 0.025 * Math.abs(v))) : 0.5 * scale;
  };
  if (!m) return implied(value, 1);
  const w = written(q);
  if (!w) return 0.5;
  const { digits, n, scale } = w;
  const decimals = digits.includes('.') ? digits.split('.')[1]!.length : 0;
  if (decimals > 0) return 0.5 * 10 ** -decimals * scale;
  // "$43 million" for $43,885,310: a whole number of millions is often cut, not rounded.
  if (scale >= 1e6) return scale;
  return implied(n * scale, scale);
}

function intervalOf(q: Quantity, value: number, unit: string | null): Interval {
  const half = deltaToBase(halfStep(q, value), unit);
  const b = toBase(value, unit);
  const lower = unit === '°C' || unit === '°F' ? -Infinity : 0;
  if (q.min !== undefined && q.max !== undefined && q.max > q.min) {
    return { lo: toBase(q.min, unit) - half, hi: toBase(q.max, unit) + half, tolerance: 'rounding' };
  }
  switch (q.approx) {
    case 'about': return { lo: b - Math.abs(b) * 0.1 - half, hi: b + Math.abs(b) * 0.1 + half, tolerance: 'approx' };
    case 'more than': case 'at least': return { lo: b - half, hi: Infinity, tolerance: 'bound' };
    case 'less than': case 'at most': return { lo: lower, hi: b + half, tolerance: 'bound' };
    default: return { lo: b - half, hi: b + half, tolerance: 'rounding' };
  }
}

const HOURS_BEFORE = /\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+hours?,?\s+(?:and\s+)?$/i;

/** Figures of a side, with "an hour and 14 minutes" merged into 74 minutes. */
/** Figures of a side (remembered per side: a passage is compared with many claims). Do not mutate. */
export const figures: (side: Side) => Figure[] = perSide(computeFigures);

/**
 * The dimension of a figure, with two kinds a unit does not tell: an age ("a 16-year-old", "12 to
 * 15 year-olds", "16 years and older", "as young as 12") is not a duration ("six hours") or a count,
 * and a magnitude ("a magnitude 7.2 earthquake") is not a count (a toll of 1,941).
 */
const AGE_AFTER = /^\s*(?:of age\b|and (?:older|over|up)\b|or (?:older|over)\b)/i;

function kindOf(side: Side, q: Quantity, span: Span): string {
  const { text } = side.view;
  const around = text.slice(span.start, Math.min(text.length, span.end + 12));
  const before = text.slice(Math.max(0, span.start - 16), span.start);
  const after = text.slice(span.end, span.end + 24);
  if (q.unit === 'yr' && (/^[^.]*?\byears?(?:-|\s+)olds?\b/i.test(around) || AGE_AFTER.test(after))) return 'age';
  if (q.unit === null && (/\b(?:as young as|as old as|(?:aged?|ages)(?:\s+of)?)\s+$/i.test(before) || /^\s*(?:and|or)\s+(?:older|over|younger)\b/i.test(after))) return 'age';
  if (q.unit === null && (/\bmagnitude\s*(?:of\s+)?$/i.test(text.slice(Math.max(0, span.start - 14), span.start)) || /^\S*[-\s]magnitude\b/i.test(text.slice(span.start, span.end + 11)))) return 'magnitude';
  return dimension(q.unit);
}

function computeFigures(side: Side): Figure[] {
  const dropped = new Set<number>();
  const merged = new Map<number, { value: number; span: Span }>();
  side.quantities.forEach(({ q, span }, i) => {
    if (q.unit !== 'min') return;
    const before = side.view.text.slice(Math.max(0, span.start - 30), span.start);
    const m = HOURS_BEFORE.exec(before);
    if (!m) return;
    const h = WORD_NUMBERS[m[1]!.toLowerCase()] ?? Number(m[1]);
    if (!Number.isFinite(h)) return;
    const start = span.start - m[0].length;
    side.quantities.forEach((o, k) => {
      if (k !== i && o.span.start >= start && o.span.end <= span.start) dropped.add(k);
    });
    merged.set(i, { value: q.value + 60 * h, span: { start, end: span.end } });
  });
  const out: Figure[] = [];
  side.quantities.forEach(({ q, span }, i) => {
    if (dropped.has(i)) return;
    const m = merged.get(i);
    const value = m ? m.value : q.value;
    const sp = m ? m.span : span;
    const ctx = contextOf(side.view, sp);
    const { approx: _approx, ...written } = q;
    const dim = kindOf(side, q, sp);
    // An age is a number of years however written ("16-year-old", "ages 16 and older").
    const unit = dim === 'age' ? null : q.unit;
    const f: Figure = { q, span: sp, value, unit, dim, ctx, iv: intervalOf(q, value, unit), plain: intervalOf(written, value, unit) };
    if (!m && q.min !== undefined) f.min = q.min;
    if (!m && q.max !== undefined) f.max = q.max;
    out.push(f);
  });
  // A bare count takes the counted noun of its neighbour: "from 18 to 28 daily departures", "28 departures …, up from 18".
  for (const f of out) {
    if (f.dim !== 'count' || f.ctx.head) continue;
    const near = out
      .filter((o) => o !== f && o.dim === 'count' && o.ctx.head && o.ctx.sentence.start === f.ctx.sentence.start)
      .sort((a, b) => Math.abs(a.span.start - f.span.start) - Math.abs(b.span.start - f.span.start))[0];
    if (near?.ctx.head) f.ctx = { ...f.ctx, head: near.ctx.head, phrase: near.ctx.phrase };
  }
  return out;
}

const APPROX_WORD: Record<NonNullable<Quantity['approx']>, string> = {
  about: 'about', 'more than': 'more than', 'at least': 'at least', 'at most': 'up to', 'less than': 'less than', exactly: 'exactly',
};

/** "800 km", "about 12%", "4,000–5,000 passengers". */
function show(f: Figure, withNoun: boolean): string {
  const lead = f.q.approx ? `${APPROX_WORD[f.q.approx]} ` : '';
  const body = f.min !== undefined && f.max !== undefined && f.max > f.min
    ? `${formatQuantity(f.min, null)}–${formatQuantity(f.max, f.unit)}`
    : formatQuantity(f.value, f.unit);
  if (f.dim === 'magnitude') return `${lead}magnitude ${body}`;
  if (f.dim === 'age') return `${lead}${f.min !== undefined && f.max !== undefined && f.max > f.min ? 'ages' : 'age'} ${body}`;
  const noun = withNoun && f.unit === null && f.ctx.phrase.length ? ` ${f.ctx.phrase.join(' ')}` : '';
  return `${lead}${body}${noun}`;
}

/** The same figure in another unit, for the reason ("50 mi (80.5 km)"). */
function inUnit(f: Figure, unit: string | null): string {
  return formatQuantity(fromBase(toBase(f.value, f.unit), unit), unit);
}

const generic = (w: string | undefined): boolean => w !== undefined && GENERIC_NOUNS.has(w);
const isCount = (f: Figure): boolean => f.dim === 'count';

function headMatch(a: string | undefined, b: string | undefined): number {
  const m = nounMatch(a, b);
  return m > 0 && (generic(a) || generic(b)) ? 0.4 : m;
}

/** A portion against a whole ("an 80 km stretch" / "the 130 km line"): not the same measure. */
function partVsWhole(c: Context, p: Context): boolean {
  const portion = (x: Context): boolean => x.head !== undefined && PORTION_NOUNS.has(x.head);
  const whole = (x: Context): boolean => x.head !== undefined && !GENERIC_NOUNS.has(x.head);
  return (portion(c) && whole(p)) || (whole(c) && portion(p));
}

/** How surely two figures measure the same thing. */
function alignScore(c: Context, p: Context, count: boolean): { score: number; noun: number; ctx: number; label: boolean; local: number } {
  const noun = headMatch(c.head, p.head);
  let h = noun;
  const counted: Array<string | undefined> = noun > 0 ? [c.head, p.head] : [];
  if (!count) {
    if (c.before && c.before === p.before) { h = Math.max(h, 0.8); counted.push(c.before); }
    // A word before one figure and after the other is often a verb against a noun ("has cut $716bn" / "$5tn tax cuts").
    if ((c.before && c.before === p.head) || (p.before && c.head === p.before)) { h = Math.max(h, 0.4); counted.push(c.before, p.before); }
    if (c.head && !generic(c.head) && p.window.has(c.head)) { h = Math.max(h, 0.6); counted.push(c.head); }
    if (p.head && !generic(p.head) && c.window.has(p.head)) { h = Math.max(h, 0.6); counted.push(p.head); }
  }
  // Words in both figures' own clauses count fully, words further away half.
  let ctx = 0;
  let local = 0;
  for (const w of c.window) {
    if (!p.window.has(w) || counted.includes(w)) continue;
    const both = c.near.has(w) && p.near.has(w);
    ctx += both ? 1 : 0.5;
    if (both) local++;
  }
  const score = h + 0.3 * Math.min(ctx, 4) - (subjectClash(c, p) ? 0.5 : 0);
  const label = (noun >= 1 && !generic(c.head)) || (c.before !== undefined && c.before === p.before);
  return { score, noun, ctx, label, local };
}

/** The figure is the only one of its dimension in its sentence. */
const soleOfDim = (all: Figure[], f: Figure): boolean => all.every((o) => o === f || o.dim !== f.dim || o.ctx.sentence.start !== f.ctx.sentence.start);

/**
 * Two intervals share a value. Two roundings that only touch ("15" = [14.5, 15.5] and "16" =
 * [15.5, 16.5]; "2.5 million" and "2.6 million") are two different written figures, not one.
 */
const overlap = (a: Interval, b: Interval): boolean =>
  a.lo <= b.hi && b.lo <= a.hi && !((a.hi === b.lo || b.hi === a.lo) && a.hi > a.lo && b.hi > b.lo);

/** Both figures are bounds the same way ("at least 544" / "at least 817"). */
function sameBound(c: Figure, p: Figure): boolean {
  const dir = (iv: Interval): string => iv.tolerance !== 'bound' ? '' : Number.isFinite(iv.hi) ? 'upper' : 'lower';
  return dir(c.iv) !== '' && dir(c.iv) === dir(p.iv);
}

/**
 * Whether two single figures agree: their intervals overlap. Two bounds the same way always
 * overlap, yet "at least 544 managers" and "at least 817 managers" report different figures:
 * those are compared as written.
 */
export function agrees(c: Figure, p: Figure): boolean {
  if (sameBound(c, p)) return overlap(c.plain, p.plain);
  // Two ranges ("40 to 60 hours" / "61 to 91 hours") agree when their ends do, not when they merely touch.
  const ec = ends(c), ep = ends(p);
  if (ec && ep) return overlap(ec[0], ep[0]) && overlap(ec[1], ep[1]);
  return overlap(c.iv, p.iv);
}

/**
 * How far past a lower bound a plain figure may sit and still agree with it. Reports put a bound
 * close to the figure they know ("more than $250,000" for $262,000): a figure a third larger than
 * "more than X" or "at least X", and past the next step of X's last written digit ("more than
 * 100" covers 140; "more than 250,000" does not cover 375,000), is another count, not the same
 * one bounded. Upper bounds ("up to", "as much as") often give a maximum far from the typical
 * figure, so they are left alone.
 */
const BOUND_REACH = 1.3;

/** One figure is a lower bound, the other a plain figure well beyond where that bound would be written. */
function farPastBound(c: Figure, p: Figure): boolean {
  const dir = (f: Figure): 'lower' | 'upper' | null => f.iv.tolerance !== 'bound' ? null : Number.isFinite(f.iv.hi) ? 'upper' : 'lower';
  const [b, f] = dir(c) && !dir(p) ? [c, p] : dir(p) && !dir(c) ? [p, c] : [null, null];
  if (!b || !f || ends(f)) return false;
  const bound = toBase(b.value, b.unit);
  const value = toBase(f.value, f.unit);
  if (!(bound > 0) || !(value > 0)) return false;
  const reach = Math.max(bound * BOUND_REACH, toBase(b.value + lastDigitStep(b.q), b.unit));
  return dir(b) === 'lower' && b.value >= 2 && f.plain.lo > reach;
}

/**
 * The place of the last written digit, in the quantity's unit: "100" → 100, "250,000" → 10,000,
 * "53" → 1, "2.5 billion" → 0.1 billion. "More than 100" is written for anything up to 200.
 */
function lastDigitStep(q: Quantity): number {
  const w = written(q);
  if (!w) return 1;
  const { digits, scale } = w;
  if (digits.includes('.')) return 10 ** -digits.split('.')[1]!.length * scale;
  const zeros = /0+$/.exec(digits)?.[0].length ?? 0;
  return 10 ** Math.min(zeros, digits.length - 1) * scale;
}

/** "the claim's figure is 50 % above": how far the plain figure of a `farPastBound` pair sits past the bound. */
function pastBy(c: Figure, p: Figure): string {
  const [b, f] = c.iv.tolerance === 'bound' ? [c, p] : [p, c];
  const pct = Math.round((toBase(f.value, f.unit) / toBase(b.value, b.unit) - 1) * 100);
  return `${f === c ? "the claim's" : "the source's"} figure is ${pct} % above`;
}

/** The two ends of a range, each within its own rounding; null for a single figure. */
function ends(f: Figure): [Interval, Interval] | null {
  if (f.min === undefined || f.max === undefined || !(f.max > f.min)) return null;
  const { min: _min, max: _max, approx: _approx, ...single } = f.q;
  return [intervalOf({ ...single, text: String(f.min), value: f.min }, f.min, f.unit), intervalOf({ ...single, text: String(f.max), value: f.max }, f.max, f.unit)];
}

/** "65 and older", "18 or over", "12 and under": a figure that names a group by where it starts or ends. */
function openBracket(side: Side, f: Figure): boolean {
  return /^\s*(?:years?\s+)?(?:and|or)\s+(?:older|over|up|above|younger|under|below)\b/i.test(side.view.text.slice(f.span.end, f.span.end + 24));
}

/**
 * The figure is quoted on its own, a phrase someone coined ("about the “47 percent,”", "the
 * \"47 percent\" of Americans"): it names one remark, wherever it stands in the sentence.
 */
function quotedFigure(side: Side, f: Figure): boolean {
  const t = side.view.text;
  return /["“‘]$/.test(t.slice(Math.max(0, f.span.start - 1), f.span.start)) && /^[,.;:!?]?["”’]/.test(t.slice(f.span.end, f.span.end + 2));
}

/** Two ranges where one ends where the other begins. */
function adjacentRanges(c: Figure, p: Figure): boolean {
  if (!ends(c) || !ends(p)) return false;
  const same = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  return same(toBase(c.max!, c.unit), toBase(p.min!, p.unit)) || same(toBase(p.max!, p.unit), toBase(c.min!, c.unit));
}

/** More than ten times apart (compared on finite ends). */
function farApart(c: Figure, iv: Interval): boolean {
  const a = Number.isFinite(c.iv.hi) ? c.iv.hi : c.iv.lo;
  const b = Number.isFinite(iv.hi) ? iv.hi : iv.lo;
  const lo = Math.min(Math.abs(a), Math.abs(b));
  const hi = Math.max(Math.abs(a), Math.abs(b));
  return lo === 0 ? hi > 0 : hi / lo > 10;
}

interface Candidate {
  parts: Figure[];
  iv: Interval;
}

function sumOf(parts: Figure[]): Interval {
  return {
    lo: parts.reduce((s, p) => s + p.iv.lo, 0),
    hi: parts.reduce((s, p) => s + p.iv.hi, 0),
    tolerance: parts.some((p) => p.iv.tolerance !== 'rounding') ? 'approx' : 'rounding',
  };
}

/** Passage figures of one sentence that measure the same kind of thing: parts of a whole. */
function groups(fs: Figure[]): Figure[][] {
  const by = new Map<string, Figure[]>();
  for (const f of fs) {
    if (f.iv.tolerance === 'bound' || isCount(f) || f.dim === 'percent' || f.dim === 'points') continue;
    const label = f.ctx.head ?? f.ctx.before;
    if (!label) continue;
    const key = `${f.ctx.sentence.start}|${f.dim}|${label}`;
    by.set(key, [...(by.get(key) ?? []), f]);
  }
  return [...by.values()].filter((g) => g.length >= 2);
}

/** The group's score: the claim's measured noun is the parts' noun or leads their sentence. */
function groupScore(c: Context, parts: Figure[]): number {
  const firstCtx = parts[0]!.ctx;
  let h = headMatch(c.head, firstCtx.head);
  if (c.head && !generic(c.head) && firstCtx.lead.has(c.head)) h = Math.max(h, 0.6);
  if (c.before && c.before === firstCtx.before) h = Math.max(h, 0.8);
  const ctx = shared(c.window, firstCtx.sentenceWords, [c.head, firstCtx.head, c.before]);
  // A claim that names what only one part's phrase names is about that part, not the whole.
  const distinct = parts.filter((p) => {
    const others = parts.filter((o) => o !== p);
    return [...p.ctx.tail].some((w) => c.window.has(w) && w !== c.head && w !== p.ctx.head && !others.some((o) => o.ctx.tail.has(w)));
  }).length;
  const adjust = distinct === 1 ? -0.5 : distinct >= 2 ? 0.2 : 0;
  return h + 0.3 * Math.min(ctx, 4) + 0.1 + adjust - (subjectClash(c, firstCtx) ? 0.5 : 0);
}

/**
 * "N others were wounded", "N more injured": the whole count of one kind of casualty, told after
 * another kind ("50 people were killed and at least 53 others were wounded"), not a part of it.
 */
const CASUALTY_OTHERS = /^\s+(?:others|more)\s+(?:(?:were|was|have been|had been|are|being)\s+)?(?:injur(?:ed|ies)|wounded|hurt|hospitali[sz]ed|killed|dead|died|missing|arrested|detained)\b/i;
const casualtyOthers = (side: Side, f: Figure): boolean => CASUALTY_OTHERS.test(side.view.text.slice(f.span.end, f.span.end + 40));

/** "19 other children", "120 more staff", "another 5 people": a count relative to another. */
function relative(side: Side, f: Figure): boolean {
  const { text } = side.view;
  if (casualtyOthers(side, f)) return false;
  return /^\s+(?:other|more|additional|extra|further|new)\b/i.test(text.slice(f.span.end, f.span.end + 12)) ||
    /\b(?:another|additional|extra|further|other)\s+$/i.test(text.slice(Math.max(0, f.span.start - 12), f.span.start));
}

/** Places named in a figure's own clause ("troops from Syria"). */
function placesNear(side: Side, f: Figure): Set<string> {
  const out = new Set<string>();
  for (const { e, span } of side.entities) {
    if (e.type === 'place' && span.start >= f.ctx.nearSpan.start && span.end <= f.ctx.nearSpan.end) out.add(fold(e.key ?? e.text));
  }
  return out;
}

/** Both figures' clauses name places, and none in common ("troops from Syria" / "soldiers in Afghanistan"). */
function otherPlaces(claim: Side, passage: Side, c: Figure, p: Figure): boolean {
  const a = placesNear(claim, c);
  const b = placesNear(passage, p);
  return a.size > 0 && b.size > 0 && ![...a].some((x) => b.has(x));
}

/** Years named in a figure's own clause ("$9.68 million in 2013"). */
function yearsNear(side: Side, f: Figure): Set<string> {
  const out = new Set<string>();
  for (const { d, span } of side.dates) {
    if (span.start >= f.ctx.nearSpan.start && span.end <= f.ctx.nearSpan.end && d.value) out.add(d.value.slice(0, 4));
  }
  return out;
}

/** Years (dates given as a year: "in 2014", "last year", "the 2014 tax rate") anywhere in a figure's sentence. */
function sentenceYears(side: Side, f: Figure): Set<string> {
  const out = new Set<string>();
  const s = f.ctx.sentence;
  for (const { d, span } of side.dates) {
    if (span.start >= s.start && span.end <= s.end && d.value && d.granularity === 'year') out.add(d.value.slice(0, 4));
  }
  return out;
}

/**
 * Both figures' sentences are dated by year, and share no year: measures of different periods
 * ("the 2014 tax rate: 30 percent" / "In 2015, … a rate of 35.7 percent"). Months were tried too
 * and cost more found differences than false ones they saved.
 */
function otherYears(claim: Side, passage: Side, c: Figure, p: Figure): boolean {
  const a = sentenceYears(claim, c);
  const b = sentenceYears(passage, p);
  if (a.size > 0 && b.size > 0 && ![...a].some((y) => b.has(y))) return true;
  // A span of years against one year ("from 2007 through 2014, … 31.55 percent" / "Last year, … 35.7 percent").
  const ra = yearSpan(claim, c), rb = yearSpan(passage, p);
  return (ra !== null && rb === null && b.size === 1) || (rb !== null && ra === null && a.size === 1);
}

/** Two years of a figure's sentence joined as a span ("from 2007 through 2014", "between 2011 and 2014"), or null. */
function yearSpan(side: Side, f: Figure): [string, string] | null {
  const s = f.ctx.sentence;
  const ys = side.dates.filter(({ d, span }) => span.start >= s.start && span.end <= s.end && d.value && d.granularity === 'year').sort((x, y) => x.span.start - y.span.start);
  for (let i = 1; i < ys.length; i++) {
    const [x, y] = [ys[i - 1]!, ys[i]!];
    if (/^\s*(?:to|through|until|till|and|-|–|—)\s*$/i.test(side.view.text.slice(x.span.end, y.span.start)) && x.d.value! < y.d.value!) return [x.d.value!.slice(0, 4), y.d.value!.slice(0, 4)];
  }
  return null;
}

/**
 * Whether a difference between two aligned figures can be a conflict: not about different
 * subjects, kinds, periods, plans or possibilities ("Obama has cut $716 billion" / "his plan
 * would cut $800 billion"; "$9.68 million in 2013" / "$13.6 million in 2014").
 */
function comparable(claim: Side, passage: Side, c: Figure, p: Figure, strong = false): boolean {
  if (subjectClash(c.ctx, p.ctx) || contrast(c.ctx, p.ctx)) return false;
  if (c.ctx.planned !== p.ctx.planned || c.ctx.modal !== p.ctx.modal || c.ctx.forecast !== p.ctx.forecast) return false;
  // Different periods make different measures; so does a period named on one side only, unless
  // the two figures are otherwise plainly the same measure.
  const cy = [...yearsNear(claim, c)].sort().join();
  const py = [...yearsNear(passage, p)].sort().join();
  if (cy === py) return true;
  return strong && (cy === '' || py === '');
}

const CHANGE = /\b(rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|increase[sd]?|increasing|decrease[sd]?|drop(?:s|ped)?|climb(?:s|ed)?|grew|grow(?:s|n)?|jump(?:s|ed)?|declin(?:e|es|ed)|gain(?:s|ed)?|up|down|higher|lower|cut)\b/i;

function hasChange(side: Side, f: Figure): boolean {
  const s = f.ctx.sentence;
  return CHANGE.test(side.view.text.slice(s.start, s.end));
}

const TOLERANCE_WEIGHT: Record<Tolerance, number> = { exact: 1, rounding: 0.9, approx: 0.8, bound: 0.6 };
const confidence = (score: number): number => Math.min(1, 0.4 + 0.4 * score);

function subjectOf(c: Figure): string {
  return c.unit !== null && c.ctx.head && c.ctx.phrase.length ? ` for the ${c.ctx.phrase.join(' ')}` : '';
}

/**
 * A claim figure that two passage figures of different sentences and values fit about equally
 * well (within 15 % of the best alignment), and none of them agrees: which one it should be held against is
 * a guess, and a guess is no conflict.
 */
function unambiguous(pairs: Array<Pair<Candidate>>, ps: Figure[]): Array<Pair<Candidate>> {
  const drop = new Set<number>();
  for (const ci of new Set(pairs.map((p) => p.ci))) {
    const mine = pairs.filter((p) => p.ci === ci);
    if (mine.some((p) => p.agree || p.uses.length > 1)) continue;
    const best = Math.max(...mine.map((p) => p.score));
    const close = mine.filter((p) => p.score >= 0.85 * best).map((p) => ps[p.uses[0]!]!);
    // Figures of one sentence are a list the context words tell apart; of different sentences, rivals.
    const sentences = new Set(close.map((f) => f.ctx.sentence.start));
    if (sentences.size >= 2 && new Set(close.map((f) => f.value)).size >= 2) drop.add(ci);
  }
  return pairs.filter((p) => !drop.has(p.ci));
}

/**
 * What no model score overrides: figures about different subjects, people, kinds, places,
 * periods, plans or possibilities, a portion against a whole, relative against absolute counts,
 * or more than ten times apart.
 */
function plausiblySame(claim: Side, passage: Side, c: Figure, p: Figure): boolean {
  if (subjectClash(c.ctx, p.ctx) || objectClash(c.ctx, p.ctx) || contrast(c.ctx, p.ctx) || partVsWhole(c.ctx, p.ctx)) return false;
  if (c.ctx.planned !== p.ctx.planned || c.ctx.modal !== p.ctx.modal || c.ctx.forecast !== p.ctx.forecast || farApart(c, p.iv)) return false;
  if (isCount(c) && relative(claim, c) !== relative(passage, p)) return false;
  // Two measured nouns, different, and neither near the other figure: "30 soldiers" / "45 tanks".
  const { head: hc } = c.ctx, { head: hp } = p.ctx;
  if (hc && hp && nounMatch(hc, hp) === 0 && !p.ctx.window.has(hc) && !c.ctx.window.has(hp)) return false;
  if (!twins(c.ctx, p.ctx) && lonelyHead(c.ctx, p.ctx)) return false;
  // A kind of person against people ("20 children" / "26 people"): a part against a whole.
  if (isCount(c) && hc && hp && nounMatch(hc, hp) > 0 && nounMatch(hc, hp) < 1) return false;
  const cy = [...yearsNear(claim, c)].sort().join();
  const py = [...yearsNear(passage, p)].sort().join();
  return (cy === py || cy === '' || py === '') && !otherPlaces(claim, passage, c, p) && !otherYears(claim, passage, c, p);
}

/**
 * The nouns a count counts, read with a coordinated one: "90 professors and administrators" →
 * {professor, administrator}, last "administrator"; "136 Georgetown University faculty and
 * administrators" → {georgetown, university, faculty, administrator}. Null without an "and"/"or"
 * within the three words after the figure.
 */
function coordinated(side: Side, f: Figure): { nouns: Set<string>; last: string } | null {
  const m = /^((?:\s+[\p{L}’'-]+){1,3}?)\s+(?:and|or)\s+([\p{L}’'-]+)/u.exec(side.view.text.slice(f.span.end, f.span.end + 80));
  if (!m) return null;
  const ws = `${m[1]} ${m[2]}`.trim().split(/\s+/).filter((w) => !STOP_WORDS.has(w.toLowerCase()));
  return { nouns: new Set(ws.map((w) => canon(w))), last: canon(m[2]!) };
}

/**
 * Two counts whose phrases, with their coordinated nouns, share the last noun of a coordination
 * ("professors and administrators" / "faculty and administrators"): the same group counted.
 */
function sameCoordinated(claim: Side, passage: Side, c: Figure, p: Figure): boolean {
  const a = coordinated(claim, c);
  const b = a && coordinated(passage, p);
  return !!a && !!b && (b.nouns.has(a.last) || a.nouns.has(b.last));
}

const BY_CHANGE = /\b(?:rose|ris(?:e|es|en|ing)|f[ae]ll(?:s|en|ing)?|(?:in|de)creas(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|drop(?:s|ped)?|climb(?:s|ed)?|jump(?:s|ed)?|gr[eo]w(?:s|n)?|soar(?:s|ed)?|surg(?:e|es|ed)|plung(?:e|es|ed)|slipped|shr[au]nk|gain(?:s|ed)?|cut|rais(?:e|es|ed)|lower(?:s|ed)?|reduc(?:e|es|ed)|up|down)\s+(?:by\s+)?(?:(?:about|nearly|roughly|some|almost|around|just|more than|over|less than)\s+)?$/i;

/** A change amount ("claims rose by 51,000", "fell 4%"), not a level ("rose to 373,000", "373,000 people filed"). */
function changeAmount(side: Side, f: Figure): boolean {
  return BY_CHANGE.test(side.view.text.slice(Math.max(f.ctx.sentence.start, f.span.start - 50), f.span.start));
}

const CASUALTY: Array<[string, RegExp]> = [
  ['death', /\b(?:kill(?:s|ed|ing)?|dead|died|dies|deaths?|fatalit(?:y|ies)|lives)\b/gi],
  ['injury', /\b(?:injur(?:y|ies|ed|ing)|wound(?:s|ed)?|hurt|hospitali[sz]ed)\b/gi],
  ['missing', /\b(?:missing|unaccounted)\b/gi],
  ['arrest', /\b(?:arrest(?:s|ed)?|detain(?:s|ed)?|detentions?)\b/gi],
];

/** What a count of people counts by its nearest word in its own clause: deaths, injuries, the missing, arrests (or null). */
function casualty(side: Side, f: Figure): string | null {
  const { text } = side.view;
  const { nearSpan } = f.ctx;
  // "killed and 53 others were wounded": the word after "others" says what they were.
  const others = CASUALTY_OTHERS.exec(text.slice(f.span.end, f.span.end + 40));
  if (others) for (const [kind, re] of CASUALTY) { re.lastIndex = 0; if (re.test(others[0])) return kind; }
  let best: { kind: string; d: number } | null = null;
  for (const [kind, re] of CASUALTY) {
    re.lastIndex = 0;
    const clause = text.slice(nearSpan.start, nearSpan.end);
    for (let m = re.exec(clause); m; m = re.exec(clause)) {
      const at = nearSpan.start + m.index;
      const d = at >= f.span.end ? at - f.span.end : f.span.start - (at + m[0].length);
      if (!best || d < best.d) best = { kind, d };
    }
  }
  return best?.kind ?? null;
}

/** Words that name which measure of a noun a figure gives ("initial claims" / "continuing claims"). */
const MEASURE_OF = /\b(new|initial|first-time|continuing|total|average|median|annual|monthly|weekly|daily|net|gross|core)\s+([a-z]+)/gi;
const MEASURE_SAME: Record<string, string> = { new: 'initial', 'first-time': 'initial' };

/** The measure-naming words of a figure's sentence before it, as "initial:claim" (canonical noun). */
function measuresBefore(side: Side, f: Figure): Set<string> {
  const text = side.view.text.slice(f.ctx.sentence.start, f.span.start);
  const out = new Set<string>();
  for (const m of text.matchAll(MEASURE_OF)) {
    const w = m[1]!.toLowerCase();
    out.add(`${MEASURE_SAME[w] ?? w}:${canon(m[2]!)}`);
  }
  return out;
}

/** The same noun named as two different measures before the figures ("new claims … 419,000" / "continuing claims … 3.24 million"). */
function otherMeasures(claim: Side, passage: Side, c: Figure, p: Figure): boolean {
  const a = measuresBefore(claim, c), b = measuresBefore(passage, p);
  for (const x of a) {
    const noun = x.split(':')[1];
    for (const y of b) if (y.split(':')[1] === noun && y !== x && !a.has(y) && !b.has(x)) return true;
  }
  return false;
}

/** One figure has a measured noun, the other none, and the other's sentence does not name it. */
function lonelyHead(a: Context, b: Context): boolean {
  if (a.head && !b.head) return !b.sentenceWords.has(a.head);
  if (b.head && !a.head) return !a.sentenceWords.has(b.head);
  return false;
}

/** Compare the claim's figures with the passage's. */
export function compareQuantities(claim: Side, passage: Side): Finding[] {
  const cs = figures(claim);
  const ps = figures(passage);
  const out: Finding[] = [];
  const pairs: Array<Pair<Candidate>> = [];
  const allGroups = groups(ps);

  cs.forEach((c, ci) => {
    ps.forEach((p, pi) => {
      if (p.dim !== c.dim) {
        percentVsPoints(claim, passage, c, p, out);
        return;
      }
      // A change amount is compared only with a change amount ("rose by 51,000" / "fell to 373,000").
      if (changeAmount(claim, c) !== changeAmount(passage, p)) return;
      // Two measures of one noun ("initial claims" / "continuing claims") are two figures.
      if (!agrees(c, p) && otherMeasures(claim, passage, c, p)) return;
      // The dead are not the injured ("killed 12 people" / "injured 45 people").
      if (isCount(c)) {
        const kc = casualty(claim, c), kp = casualty(passage, p);
        if (kc && kp && kc !== kp) return;
      }
      const aligned = alignScore(c.ctx, p.ctx, isCount(c));
      // A count of one kind of casualty told as "N others" ("81 wounded" / "at least 53 others were wounded").
      if (isCount(c) && aligned.noun < 1 && (casualtyOthers(claim, c) || casualtyOthers(passage, p))) {
        const kc = casualty(claim, c);
        if (kc && kc === casualty(passage, p)) Object.assign(aligned, { noun: 1, label: true, score: aligned.score + 1 - aligned.noun });
      }
      // Counts of one coordinated group ("nearly 90 professors and administrators" / "nearly 136 … faculty and administrators").
      if (isCount(c) && aligned.noun < 1 && sameCoordinated(claim, passage, c, p)) Object.assign(aligned, { noun: 1, label: true, score: aligned.score + 1 - aligned.noun });
      const { score, noun, ctx, label, local } = aligned;
      // A figure far past a bound differs from it only where the two clauses plainly say the same thing.
      const agree = agrees(c, p) && !(farPastBound(c, p) && (local >= 3 || twins(c.ctx, p.ctx)));
      const byRules = ((): boolean => {
        // The same coined phrase about someone in common ("Romney's remark about the “47 percent”").
        if (quotedFigure(claim, c) && quotedFigure(passage, p) && namesMeet(c.ctx, p.ctx)) return true;
        // Two figures in clauses that share three or more words are about the same thing even with
        // no counted noun ("Weiner, 46, is married to …" / "Weiner, 70, is married to …"); not two
        // different counted nouns, and for a difference not a kind of person against people ("20 children" / "26 people").
        const sameClause = (local >= 3 || twins(c.ctx, p.ctx) || (kin(c.ctx, p.ctx) && soleOfDim(cs, c) && soleOfDim(ps, p))) && !(c.ctx.head && p.ctx.head && (noun === 0 || (isCount(c) && !agree && noun < 1)));
        if (isCount(c) && !sameClause) {
          if (noun < 0.6) return false;
          // A count of a kind of person is part of a count of people; "19 other children" is a part too.
          if (!agree && (noun < 1 || ctx < 1 || relative(claim, c) !== relative(passage, p))) return false;
        }
        if (score < (agree ? AGREE_SCORE : CONFLICT_SCORE)) return false;
        // Figures about different people, or followed by words naming different things, differ by nature.
        if (!agree && !twins(c.ctx, p.ctx) && (objectClash(c.ctx, p.ctx) || (!isCount(c) && noun < 1 && tailClash(c.ctx, p.ctx)))) return false;
        // A measured noun on one side only that the other sentence never names ("6 percent support" /
        // "4 percent of voters cited immigration") is another measure.
        if (!agree && !sameClause && lonelyHead(c.ctx, p.ctx)) return false;
        // Sentences of different years give different measures ("the 2014 tax rate: 30 percent" / "Last year, … a rate of 35.7 percent").
        if (!agree && !twins(c.ctx, p.ctx) && otherYears(claim, passage, c, p)) return false;
        // A difference needs the same measured noun or relation word, or two shared words in both figures' own clauses.
        return agree || sameClause || ((label || local >= 2) && comparable(claim, passage, c, p, label && local >= 1) && !otherPlaces(claim, passage, c, p) && !(farApart(c, p.iv) && score < STRONG_SCORE) && !partVsWhole(c.ctx, p.ctx));
      })();
      if (agree) {
        if (byRules) pairs.push({ ci, uses: [pi], score, agree, payload: { parts: [p], iv: p.iv } });
        return;
      }
      // Figures about different people, or of one noun with different modifiers, are different facts.
      if (!twins(c.ctx, p.ctx) && (personClash(c.ctx, p.ctx) || modifierClash(c.ctx, p.ctx))) return;
      // Two ranges that meet at one end ("between 12 and 16" / "between 16 and 18") are neighbouring brackets;
      // two open brackets ("people 65 and older" / "16 and older") name two groups, unless the sentences are twins.
      if (adjacentRanges(c, p) || (!twins(c.ctx, p.ctx) && openBracket(claim, c) && openBracket(passage, p))) return;
      // A difference: the same-fact model, where there is one, overrules the rules when it is sure.
      const model = sameFactModel();
      const same = model ? sameFactProbability(model, quantityPairFeatures(claim, passage, cs, ps, c, p)) : null;
      if (byRules && same !== null && same < model!.reject) return;
      // Or fairly sure, where the two sentences say much the same thing and share two words right around the figures.
      const surely = same !== null && (same >= model!.accept || (same >= KIN_ACCEPT && kin(c.ctx, p.ctx) && local >= 2));
      if (!byRules && !(surely && plausiblySame(claim, passage, c, p))) return;
      pairs.push({ ci, uses: [pi], score: byRules ? score : Math.max(score, CONFLICT_SCORE), agree, payload: { parts: [p], iv: p.iv } });
    });
    for (const g of allGroups) {
      if (g[0]!.dim !== c.dim) continue;
      const iv = sumOf(g);
      const agree = overlap(c.iv, iv);
      const score = groupScore(c.ctx, g);
      if (score < (agree ? AGREE_SCORE : CONFLICT_SCORE)) continue;
      // A portion ("a 3 km stretch") is never held against a sum of portions.
      const portion = c.ctx.head !== undefined && PORTION_NOUNS.has(c.ctx.head);
      if (!agree && (portion || (farApart(c, iv) && score < STRONG_SCORE) || !comparable(claim, passage, c, g[0]!))) continue;
      pairs.push({ ci, uses: g.map((p) => ps.indexOf(p)), score, agree, payload: { parts: g, iv } });
    }
  });

  const chosen = assign(unambiguous(pairs, ps), CONFLICT_SCORE);
  for (const pair of chosen) {
    const c = cs[pair.ci]!;
    const { parts, iv } = pair.payload;
    const cv = show(c, true);
    const span = { start: parts[0]!.span.start, end: parts[parts.length - 1]!.span.end };
    const subject = subjectOf(c);
    if (parts.length === 1) {
      const p = parts[0]!;
      const sv = show(p, true);
      const converted = p.unit !== c.unit ? ` (${inUnit(p, c.unit)})` : '';
      if (pair.agree) {
        const exact = toBase(c.value, c.unit) === toBase(p.value, p.unit) && c.iv.tolerance === 'rounding' && p.iv.tolerance === 'rounding';
        const tol: Tolerance = exact ? 'exact' : c.iv.tolerance === 'bound' || p.iv.tolerance === 'bound' ? 'bound'
          : c.iv.tolerance === 'approx' || p.iv.tolerance === 'approx' ? 'approx' : 'rounding';
        const note = { exact: '', rounding: ' (the same within rounding)', approx: ' (within the stated approximation)', bound: ' (consistent with the bound)' }[tol];
        out.push(finding('quantity', true, cv, sv, `the claim says ${cv}${subject}; the source gives ${sv}${converted}${note}`,
          TOLERANCE_WEIGHT[tol] * confidence(pair.score), p.span));
      } else {
        const w = (c.iv.tolerance === 'bound' || p.iv.tolerance === 'bound' ? 0.7 : 1) * confidence(pair.score);
        const past = farPastBound(c, p) ? ` (${pastBy(c, p)} the bound, further than a report would round)` : '';
        out.push(finding('quantity', false, cv, sv, `the claim says ${cv}${subject}; the source gives ${sv}${converted}${past}`, w, p.span));
      }
      continue;
    }
    const unit = parts.every((p) => p.unit === parts[0]!.unit) ? parts[0]!.unit : c.unit;
    const total = parts.reduce((s, p) => s + toBase(p.value, p.unit), 0);
    const sv = `${parts.map((p) => show(p, false)).join(' + ')} = ${formatQuantity(fromBase(total, unit), unit)}`;
    if (pair.agree) {
      out.push(finding('quantity', true, cv, sv, `the claim says ${cv}${subject}; the source gives ${sv}, the sum of its parts`,
        0.85 * confidence(pair.score), span));
    } else {
      out.push(finding('quantity', false, cv, sv, `the claim says ${cv}${subject}; the source gives ${sv}`, confidence(pair.score), span));
    }
    void iv;
  }
  reverseSums(claim, passage, cs, ps, chosen, out);
  return out;
}

/** Parts in the claim ("a 24 km bored section and a 17 km immersed section"), the whole in the passage. */
function reverseSums(claim: Side, passage: Side, cs: Figure[], ps: Figure[], chosen: Array<Pair<Candidate>>, out: Finding[]): void {
  const doneClaims = new Set(chosen.map((p) => p.ci));
  const used = new Set(chosen.flatMap((p) => p.uses));
  for (const g of groups(cs)) {
    if (g.some((f) => doneClaims.has(cs.indexOf(f)))) continue;
    const iv = sumOf(g);
    let best: { pi: number; p: Figure; score: number; agree: boolean } | null = null;
    for (let pi = 0; pi < ps.length; pi++) {
      const p = ps[pi]!;
      if (used.has(pi) || p.dim !== g[0]!.dim || p.iv.tolerance === 'bound') continue;
      const score = groupScore(p.ctx, g);
      const agree = overlap(iv, p.iv);
      if (score < (agree ? AGREE_SCORE : CONFLICT_SCORE)) continue;
      const portion = p.ctx.head !== undefined && PORTION_NOUNS.has(p.ctx.head);
      if (!agree && (portion || (farApart(p, iv) && score < STRONG_SCORE) || !comparable(claim, passage, g[0]!, p))) continue;
      if (!best || score > best.score) best = { pi, p, score, agree };
    }
    if (!best) continue;
    const { pi, p, score, agree } = best;
    used.add(pi);
    const unit = g.every((f) => f.unit === g[0]!.unit) ? g[0]!.unit : p.unit;
    const total = g.reduce((sum, f) => sum + toBase(f.value, f.unit), 0);
    const cv = `${g.map((f) => show(f, false)).join(' + ')} = ${formatQuantity(fromBase(total, unit), unit)}`;
    const sv = show(p, true);
    const subject = subjectOf(p);
    out.push(agree
      ? finding('quantity', true, cv, sv, `the claim gives ${cv}${subject}; the source says ${sv}, the sum of the claim's parts`, 0.85 * confidence(score), p.span)
      : finding('quantity', false, cv, sv, `the claim gives ${cv}${subject}; the source says ${sv}`, confidence(score), p.span));
  }
}
/** "rose 4%" against "rose 4 percentage points": the same number, different measures. */
function percentVsPoints(claim: Side, passage: Side, c: Figure, p: Figure, out: Finding[]): void {
  const dims = new Set([c.dim, p.dim]);
  if (!(dims.has('percent') && dims.has('points'))) return;
  if (Math.abs(c.value - p.value) > 1e-9) return;
  const { score } = alignScore(c.ctx, p.ctx, false);
  if (score < CONFLICT_SCORE || !hasChange(claim, c) || !hasChange(passage, p)) return;
  if (out.some((f) => f.claimValue === show(c, true) && f.sourceValue === show(p, true))) return;
  const cv = show(c, true);
  const sv = show(p, true);
  const [pc, pt] = c.dim === 'percent' ? ['claim', 'source'] : ['source', 'claim'];
  out.push(finding('quantity', false, cv, sv,
    `the claim says ${cv}; the source says ${sv}: the ${pc} gives a change in percent, the ${pt} a change in percentage points, which are different measures`,
    0.6 * confidence(score), p.span));
}

const sentenceMates = (all: Figure[], f: Figure): number => all.filter((o) => o.dim === f.dim && o.ctx.sentence.start === f.ctx.sentence.start).length;

/** What the same-fact model reads of a pair of figures besides their contexts (see pair-features.ts). */
export function quantityFacts(claim: Side, passage: Side, cs: Figure[], ps: Figure[], c: Figure, p: Figure): PairFacts {
  const cy = [...yearsNear(claim, c)].sort().join();
  const py = [...yearsNear(passage, p)].sort().join();
  const isRange = (f: Figure): boolean => f.min !== undefined && f.max !== undefined && f.max > f.min;
  return {
    kind: 'quantity',
    dim: c.dim.startsWith('money:') ? 'currency' : c.dim,
    claimSiblings: sentenceMates(cs, c),
    passageSiblings: sentenceMates(ps, p),
    claimBound: c.iv.tolerance === 'bound',
    passageBound: p.iv.tolerance === 'bound',
    claimApprox: c.iv.tolerance === 'approx',
    passageApprox: p.iv.tolerance === 'approx',
    claimRange: isRange(c),
    passageRange: isRange(p),
    claimRelative: relative(claim, c),
    passageRelative: relative(passage, p),
    yearsSame: cy === py,
    yearsOneSided: cy !== py && (cy === '' || py === ''),
    otherPlaces: otherPlaces(claim, passage, c, p),
  };
}

/** The same-fact model's features of a pair of figures. */
export function quantityPairFeatures(claim: Side, passage: Side, cs: Figure[], ps: Figure[], c: Figure, p: Figure): Float32Array {
  return pairFeatures(c.ctx, p.ctx, quantityFacts(claim, passage, cs, ps, c, p));
}
