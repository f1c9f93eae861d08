/**
 * Figures ready to compare: each quantity of a side with its dimension (an age and a magnitude
 * told apart from a duration and a count), its context, and the interval of values its wording
 * allows (rounding, "about", "more than", ranges); whether two figures agree, how far a figure
 * sits past a bound, and sums of parts. The tolerance rules are listed in quantities.ts.
 */
import type { Quantity, Span } from '../../model/index.ts';
import { contextOf, perSide, type Context, type Side } from './align.ts';
import { deltaToBase, dimension, formatQuantity, fromBase, toBase } from './units.ts';

export type Tolerance = 'exact' | 'rounding' | 'approx' | 'bound';

export interface Interval {
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

export const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12,
};

/**
 * The number as written in a quantity's text ("6.8" of "6.8 billion euros"), and the scale that
 * takes it to the quantity's value (1e9 there); null without digits or for a written 0.
 */
export function written(q: Quantity): { digits: string; n: number; scale: number } | null {
  const m = /\d[\d,]*(?:\.\d+)?/.exec(q.text);
  if (!m) return null;
  const digits = m[0].replace(/,/g, '');
  const n = Number(digits);
  if (!Number.isFinite(n) || n === 0) return null;
  return { digits, n, scale: Math.abs(q.value / n) >= 1 ? Math.round(q.value / n) || 1 : 1 };
}

/** Half the step of the precision the number is written with, in the quantity's own unit. */
export function halfStep(q: Quantity, value: number): number {
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

export function intervalOf(q: Quantity, value: number, unit: string | null): Interval {
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

export const HOURS_BEFORE = /\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+hours?,?\s+(?:and\s+)?$/i;

/**
 * Figures of a side, with "an hour and 14 minutes" merged into 74 minutes (remembered per side: a
 * passage is compared with many claims). Do not mutate.
 */
export const figures: (side: Side) => Figure[] = perSide(computeFigures);

/**
 * The dimension of a figure, with two kinds a unit does not tell: an age ("a 16-year-old", "12 to
 * 15 year-olds", "16 years and older", "as young as 12") is not a duration ("six hours") or a count,
 * and a magnitude ("a magnitude 7.2 earthquake") is not a count (a toll of 1,941).
 */
export const AGE_AFTER = /^\s*(?:of age\b|and (?:older|over|up)\b|or (?:older|over)\b)/i;

export function kindOf(side: Side, q: Quantity, span: Span): string {
  const { text } = side.view;
  const around = text.slice(span.start, Math.min(text.length, span.end + 12));
  const before = text.slice(Math.max(0, span.start - 16), span.start);
  const after = text.slice(span.end, span.end + 24);
  if (q.unit === 'yr' && (/^[^.]*?\byears?(?:-|\s+)olds?\b/i.test(around) || AGE_AFTER.test(after))) return 'age';
  if (q.unit === null && (/\b(?:as young as|as old as|(?:aged?|ages)(?:\s+of)?)\s+$/i.test(before) || /^\s*(?:and|or)\s+(?:older|over|younger)\b/i.test(after))) return 'age';
  if (q.unit === null && (/\bmagnitude\s*(?:of\s+)?$/i.test(text.slice(Math.max(0, span.start - 14), span.start)) || /^\S*[-\s]magnitude\b/i.test(text.slice(span.start, span.end + 11)))) return 'magnitude';
  return dimension(q.unit);
}

export function computeFigures(side: Side): Figure[] {
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

export const APPROX_WORD: Record<NonNullable<Quantity['approx']>, string> = {
  about: 'about', 'more than': 'more than', 'at least': 'at least', 'at most': 'up to', 'less than': 'less than', exactly: 'exactly',
};

/** "800 km", "about 12%", "4,000–5,000 passengers". */
export function show(f: Figure, withNoun: boolean): string {
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
export function inUnit(f: Figure, unit: string | null): string {
  return formatQuantity(fromBase(toBase(f.value, f.unit), unit), unit);
}

export const isCount = (f: Figure): boolean => f.dim === 'count';

/**
 * Two intervals share a value. Two roundings that only touch ("15" = [14.5, 15.5] and "16" =
 * [15.5, 16.5]; "2.5 million" and "2.6 million") are two different written figures, not one.
 */
export const overlap = (a: Interval, b: Interval): boolean =>
  a.lo <= b.hi && b.lo <= a.hi && !((a.hi === b.lo || b.hi === a.lo) && a.hi > a.lo && b.hi > b.lo);

/** Both figures are bounds the same way ("at least 544" / "at least 817"). */
export function sameBound(c: Figure, p: Figure): boolean {
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
export const BOUND_REACH = 1.3;

/** One figure is a lower bound, the other a plain figure well beyond where that bound would be written. */
export function farPastBound(c: Figure, p: Figure): boolean {
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
export function lastDigitStep(q: Quantity): number {
  const w = written(q);
  if (!w) return 1;
  const { digits, scale } = w;
  if (digits.includes('.')) return 10 ** -digits.split('.')[1]!.length * scale;
  const zeros = /0+$/.exec(digits)?.[0].length ?? 0;
  return 10 ** Math.min(zeros, digits.length - 1) * scale;
}

/** "the claim's figure is 50 % above": how far the plain figure of a `farPastBound` pair sits past the bound. */
export function pastBy(c: Figure, p: Figure): string {
  const [b, f] = c.iv.tolerance === 'bound' ? [c, p] : [p, c];
  const pct = Math.round((toBase(f.value, f.unit) / toBase(b.value, b.unit) - 1) * 100);
  return `${f === c ? "the claim's" : "the source's"} figure is ${pct} % above`;
}

/** The two ends of a range, each within its own rounding; null for a single figure. */
export function ends(f: Figure): [Interval, Interval] | null {
  if (f.min === undefined || f.max === undefined || !(f.max > f.min)) return null;
  const { min: _min, max: _max, approx: _approx, ...single } = f.q;
  return [intervalOf({ ...single, text: String(f.min), value: f.min }, f.min, f.unit), intervalOf({ ...single, text: String(f.max), value: f.max }, f.max, f.unit)];
}

/** Two ranges where one ends where the other begins. */
export function adjacentRanges(c: Figure, p: Figure): boolean {
  if (!ends(c) || !ends(p)) return false;
  const same = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  return same(toBase(c.max!, c.unit), toBase(p.min!, p.unit)) || same(toBase(p.max!, p.unit), toBase(c.min!, c.unit));
}

/** More than ten times apart (compared on finite ends). */
export function farApart(c: Figure, iv: Interval): boolean {
  const a = Number.isFinite(c.iv.hi) ? c.iv.hi : c.iv.lo;
  const b = Number.isFinite(iv.hi) ? iv.hi : iv.lo;
  const lo = Math.min(Math.abs(a), Math.abs(b));
  const hi = Math.max(Math.abs(a), Math.abs(b));
  return lo === 0 ? hi > 0 : hi / lo > 10;
}

export function sumOf(parts: Figure[]): Interval {
  return {
    lo: parts.reduce((s, p) => s + p.iv.lo, 0),
    hi: parts.reduce((s, p) => s + p.iv.hi, 0),
    tolerance: parts.some((p) => p.iv.tolerance !== 'rounding') ? 'approx' : 'rounding',
  };
}

/** Passage figures of one sentence that measure the same kind of thing: parts of a whole. */
export function groups(fs: Figure[]): Figure[][] {
  const by = new Map<string, Figure[]>();
  for (const f of fs) {
    // Ages are never summed: "ages 65 and older" and "ages 18 to 64" are two groups of people, not parts of an age.
    if (f.iv.tolerance === 'bound' || isCount(f) || f.dim === 'percent' || f.dim === 'points' || f.dim === 'age') continue;
    const label = f.ctx.head ?? f.ctx.before;
    if (!label) continue;
    const key = `${f.ctx.sentence.start}|${f.dim}|${label}`;
    by.set(key, [...(by.get(key) ?? []), f]);
  }
  return [...by.values()].filter((g) => g.length >= 2);
}
