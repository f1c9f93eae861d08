/**
 * Dates: align claim dates with passage dates about the same event (shared event words around
 * them), then compare resolved values at the coarser granularity of the two: "March 2027" and
 * "14 March 2027" agree, "March 2027" and "May 2027" do not. A bound ("by 2016", "before …")
 * agrees with any date that satisfies it. The same words resolved differently ("December" in
 * two articles published on either side of a new year) are not a difference.
 */
import type { DateMention, Span } from '../../model/index.ts';
import { assign, contextOf, perSide, contrast, kin, namesMeet, objectClash, personClash, shared, subjectClash, twins, type Context, type Pair, type Side } from './align.ts';
import { canon, fold } from './fold.ts';
import { pairFeatures, type PairFacts } from './pair-features.ts';
import { sameFactModel, sameFactProbability } from './same-fact.ts';
import { finding, type Found } from './types.ts';

interface Range {
  lo: number;
  hi: number;
}

export interface When {
  d: DateMention;
  span: Span;
  /** An end of a range ("from 2007 to 2014"): not the date of the clause's event. */
  incidental: boolean;
  /** A year naming a thing ("the 2016 election", "its 2022 flood"). */
  attributive: boolean;
  /** Values of the figures in the date's own clause ("$10 million … in 2013"). */
  figures: number[];
  /** The calendar interval the value covers (days since the epoch). */
  point: Range;
  /** What the mention asserts: the point, or everything before/after it for a bound. */
  asserted: Range;
  bound: 'upper' | 'lower' | null;
  /** The start of a state or period: "since 1968", "dating back to 1977", "from 1975". */
  start: boolean;
  /** The canonical word right before "in"/"of" before a year ("presidency" in "run for the presidency in 2008"). */
  ofWord?: string;
  ctx: Context;
}

const DAY = 86_400_000;
const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;

function pointOf(d: DateMention): Range | null {
  const m = d.value ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d.value) : null;
  if (!m) return null;
  const y = Number(m[1]);
  if (d.granularity === 'decade') return { lo: dayNumber(y, 1, 1), hi: dayNumber(y + 10, 1, 1) - 1 };
  if (m[3]) return { lo: dayNumber(y, Number(m[2]), Number(m[3])), hi: dayNumber(y, Number(m[2]), Number(m[3])) };
  if (m[2]) return { lo: dayNumber(y, Number(m[2]), 1), hi: dayNumber(y, Number(m[2]) + 1, 1) - 1 };
  return { lo: dayNumber(y, 1, 1), hi: dayNumber(y + 1, 1, 1) - 1 };
}

/** Dates of a side that can be compared (remembered per side). Do not mutate. */
export const whens: (side: Side) => When[] = perSide(computeWhens);

function computeWhens(side: Side): When[] {
  const out: When[] = [];
  for (const { d, span } of side.dates) {
    if (d.granularity === 'unknown') continue;
    const point = pointOf(d);
    if (!point) continue;
    let asserted = point;
    let bound: When['bound'] = null;
    if (d.relation === 'by' || d.relation === 'until') { asserted = { lo: -Infinity, hi: point.hi }; bound = 'upper'; }
    else if (d.relation === 'before') { asserted = { lo: -Infinity, hi: point.lo - 1 }; bound = 'upper'; }
    else if (d.relation === 'after') { asserted = { lo: point.hi + 1, hi: Infinity }; bound = 'lower'; }
    const ctx = contextOf(side.view, span);
    const figures = side.quantities.filter((q) => q.span.start >= ctx.nearSpan.start && q.span.end <= ctx.nearSpan.end).map((q) => q.q.value);
    const start = d.relation === 'since' || /\b(?:from|starting(?:\s+in)?|beginning(?:\s+in)?)\s+$/i.test(side.view.text.slice(Math.max(0, span.start - 20), span.start));
    const of = /(\p{L}+)\s+(?:in|of)\s+$/u.exec(side.view.text.slice(Math.max(0, span.start - 30), span.start));
    out.push({ d, span, point, asserted, bound, start, ctx, incidental: incidental(side, span), attributive: attributive(side, span), figures, ...(of ? { ofWord: canon(of[1]!) } : {}) });
  }
  return out;
}

/** The mention is the only date of its sentence. */
const sole = (all: When[], w: When): boolean => all.every((o) => o === w || o.ctx.sentence.start !== w.ctx.sentence.start);

/** What joins the two ends of a range: "to", "through", a dash; "and continuing through" ("beginning in 2009 and continuing through 2016"). */
const JOINER = /^\s*(?:,?\s*(?:and\s+)?(?:continuing|lasting|running|going|stretching|extending)\s+)?(?:to|through|until|till|and|-|–|—)\s*$/i;
/** The longest joiner, in characters. */
const JOIN_GAP = 28;
/** The short joiners only: what makes a date a range end for the same-fact model's features (kept as it was trained). */
const SHORT_JOINER = /^\s*(?:to|through|until|till|and|-|–|—)\s*$/i;

function incidental(side: Side, span: Span): boolean {
  const { text } = side.view;
  // A range: another date joined by "to", "through", "and", a dash.
  for (const o of side.dates) {
    if (o.span === span) continue;
    if (o.span.start >= span.end && o.span.start - span.end <= 12 && SHORT_JOINER.test(text.slice(span.end, o.span.start))) return true;
    if (o.span.end <= span.start && span.start - o.span.end <= 12 && SHORT_JOINER.test(text.slice(o.span.end, span.start))) return true;
  }
  return false;
}

/** "the 2016 election", "its 2022 flood", "Obama's 2012 campaign". */
function attributive(side: Side, span: Span): boolean {
  const { text } = side.view;
  const before = text.slice(Math.max(0, span.start - 20), span.start);
  const after = text.slice(span.end, span.end + 20);
  return /(?:\b(?:the|a|an|its|his|her|their|this|that)|\p{L}['’]s|\p{L}s['’])\s+$/iu.test(before) &&
    /^\s+(?!(?:and|or|to|in|on|at|by|for|of|from|with|when|as|after|before|until|since|through)\b)\p{L}/iu.test(after);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "March 2027", "16 November 2026", "2019", "the 2010s", "by 2032". */
export function formatDate(d: DateMention): string {
  const v = d.value ?? d.text;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(v);
  let body = v;
  if (m) {
    const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
    if (d.granularity === 'decade') body = `the ${m[1]}s`;
    else if (m[3] && month) body = `${Number(m[3])} ${month} ${m[1]}`;
    else if (month) body = `${month} ${m[1]}`;
    else body = m[1]!;
  }
  const rel = d.relation && d.relation !== 'on' ? `${d.relation} ` : '';
  return `${rel}${body}`;
}

const overlap = (a: Range, b: Range): boolean => a.lo <= b.hi && b.lo <= a.hi;

/** Same words ("December", "next year"), possibly resolved against different publication dates. */
function sameWords(a: DateMention, b: DateMention): boolean {
  const norm = (s: string): string => fold(s).replace(/^(the|on|in)\s+/, '').replace(/'s$/, '').trim();
  return norm(a.text) === norm(b.text);
}

interface Outcome {
  agree: boolean;
  weight: number;
  note?: string;
  /** A difference too uncertain to be a conflict. */
  soft?: boolean;
}

function judge(c: When, p: When): Outcome {
  if (c.bound && p.bound && c.bound === p.bound) {
    return overlap(c.point, p.point) ? { agree: true, weight: 0.9, note: '' } : { agree: false, weight: 0.6, note: '' };
  }
  if (c.bound || p.bound) {
    return overlap(c.asserted, p.asserted)
      ? { agree: true, weight: 0.6, note: ' (consistent with the bound)' }
      : { agree: false, weight: 0.7, note: '' };
  }
  if (!overlap(c.point, p.point)) return { agree: false, weight: 1, note: '' };
  const same = c.point.lo === p.point.lo && c.point.hi === p.point.hi;
  return same ? { agree: true, weight: 1, note: '' } : { agree: true, weight: 0.8, note: ' (the same at the coarser granularity)' };
}

/**
 * Alignment: shared event words around the two dates. Words of names count half, and so do
 * words outside the date's own clause.
 */
function alignScore(c: Context, p: Context): number {
  let n = 0;
  for (const w of c.window) {
    if (!p.window.has(w)) continue;
    const name = c.names.has(w) || p.names.has(w);
    const near = c.near.has(w) && p.near.has(w);
    n += name ? 0.5 : near ? 1 : 0.5;
  }
  return n - (subjectClash(c, p) ? 1 : 0);
}

/** Two shared words in both dates' own clauses that are not names: the same event, not just the same story. */
function sameEvent(c: Context, p: Context): boolean {
  let n = 0;
  for (const w of c.near) if (p.near.has(w) && !c.names.has(w) && !p.names.has(w)) n++;
  return n >= 2;
}

/**
 * Whether two differing dates can be a conflict: not a range end, not two years that name things
 * ("the 2016 election" / "the 2020 election" are two elections); a relative date ("on Wednesday")
 * against an absolute one only within three months of it, a day against a month or a year only
 * within a month of it (a report's "Friday" and another's "in December" are different events);
 * dates that index figures ("$10 million in 2013" / "$30 million in 2014") only when the figures
 * are the same.
 */
function comparable(c: When, p: When): boolean {
  // Two years that name things ("the 2016 election" / "the 2020 election") are two things,
  // unless the words around them say they are the same one ("the 2008 presidential primaries").
  if (c.incidental || p.incidental || (c.attributive && p.attributive && !namedAlike(c, p))) return false;
  const gap = Math.max(c.point.lo - p.point.hi, p.point.lo - c.point.hi);
  if (c.d.relative !== p.d.relative && gap > 92) return false;
  if (c.d.granularity !== p.d.granularity && gap > 31) return false;
  return sameFigures(c, p);
}

/**
 * Dates that index figures ("$10 million in 2013") share one of them (within `tolerance`, a
 * fraction: "$43,885,310" and "nearly $44 million" at 0.05); dates without figures pass.
 */
function sameFigures(c: When, p: When, tolerance = 1e-9): boolean {
  if (!c.figures.length && !p.figures.length) return true;
  return c.figures.some((x) => p.figures.some((y) => Math.abs(x - y) <= tolerance * Math.max(1, Math.abs(x))));
}

/**
 * Both dates index one figure, the very same value in both and not a small count (100 or more): a
 * figure stated alike names its measure, so the two dates are the dates of one fact ("about $13
 * million in early 2017" and "$13.17 million in 2013" are two facts).
 */
function sameIndexedFigure(c: When, p: When): boolean {
  return c.figures.some((x) => Math.abs(x) >= 100 && p.figures.includes(x));
}

/**
 * Two years naming the same kind of thing in like words ("Russian interference in the 2016
 * presidential election"): a name, which a "would" or a plan around it does not make hypothetical.
 */
function namedAlike(c: When, p: When): boolean {
  return c.attributive && p.attributive && c.ctx.head !== undefined && c.ctx.head === p.ctx.head && shared(c.ctx.near, p.ctx.near) >= 2;
}

/** The thing a year dates: the noun it names ("the 2012 attacks") or the noun before "in" ("the attacks in 2012"). */
const eventNoun = (w: When): string | undefined => (w.attributive ? w.ctx.head : w.ofWord);

/**
 * Two years of one named thing, told either way ("the fires in 2019 in Varnholm" / "the 2021
 * warehouse fires in Varnholm"): the same noun dated, and another word of both clauses (a place
 * counts) besides it.
 */
function sameThingDated(c: When, p: When): boolean {
  const n = eventNoun(c);
  return n !== undefined && n === eventNoun(p) && c.d.granularity === 'year' && p.d.granularity === 'year' && shared(c.ctx.near, p.ctx.near) >= 2;
}

/** Canonical words that make a year an election's ("the 2016 campaign", "his run for the presidency in 2008"). */
const CONTEST = new Set(['elect', 'campaign', 'rac', 'primari', 'nominat', 'run', 'midterm', 'reelect', 're-elect', 'bid']);
/** The office contested, canonical word to office: Congress's chambers are one cycle. */
const OFFICE = new Map<string, string>([['president', 'president'], ['white', 'president'], ['congressional', 'congress'], ['congress', 'congress'],
  ['hous', 'congress'], ['senat', 'congress'], ['midterm', 'congress'], ['gubernatorial', 'governor'], ['governor', 'governor']]);

const contestWord = (x: string | undefined): boolean => x !== undefined && (CONTEST.has(x) || OFFICE.has(x));

/**
 * The year is a contest's own: it names it ("the 2016 presidential election") or follows it ("his
 * run for the presidency in 2008", "re-election in 2018"), not another event of the clause
 * ("announced in 2015 that he was running").
 */
function contestYear(w: When): boolean {
  return w.d.granularity === 'year' && (w.attributive ? w.ctx.phrase.some((x) => contestWord(canon(x))) : contestWord(w.ctx.before) || contestWord(w.ofWord));
}

/** The office of the election a year dates, from the words of its own clause; undefined when the clause names no contest. */
function electionOffice(w: When): string | undefined {
  if (w.incidental || w.d.relative || !contestYear(w)) return undefined;
  let contest = false, office: string | undefined;
  for (const x of w.ctx.near) {
    if (CONTEST.has(x)) contest = true;
    const o = OFFICE.get(x);
    if (o && !office) office = o;
  }
  return contest ? office : undefined;
}

/**
 * Two years of an election for the same office, in sentences about the same people ("Trump's 2016
 * campaign" / "the 2014 presidential election … Trump"): one election cycle, whatever else the
 * clauses say. Another election of the same office in one story ("won in 2016, running in 2020")
 * is told apart by the people: a name of one sentence must be a word of the other.
 */
function sameElection(c: When, p: When): boolean {
  const o = electionOffice(c);
  return o !== undefined && o === electionOffice(p) && namesMeet(c.ctx, p.ctx);
}

/** Plain statement against plan or possibility (which does not matter for two years naming one thing). */
function moodApart(c: When, p: When): boolean {
  return (c.ctx.planned !== p.ctx.planned || c.ctx.modal !== p.ctx.modal) && !namedAlike(c, p);
}

/**
 * "since 1968", "dating back to 1977", "from 1975" mark the start of a state or a period; held
 * against a point date that is not a difference, against another start it is.
 */
function comparableRelations(a: When, b: When): boolean {
  return a.start === b.start;
}

/** What no model score overrides: a range end, a relative date, another granularity, "since", plans, possibilities, other subjects. */
function plausiblySame(c: When, p: When): boolean {
  return comparableRelations(c, p) && c.d.granularity === p.d.granularity && !c.d.relative && !p.d.relative &&
    !c.incidental && !p.incidental && !moodApart(c, p) &&
    !contrast(c.ctx, p.ctx) && !subjectClash(c.ctx, p.ctx) && !objectClash(c.ctx, p.ctx) && comparable(c, p);
}

/**
 * `sameDay`: whether the claim's and the passage's articles were published on the same day. Two
 * relative days ("on Monday", "yesterday") that resolve differently are a conflict only then:
 * reports from different days say "Monday" and "Thursday" about different days.
 */
export function compareDates(claim: Side, passage: Side, sameDay = false): Found[] {
  const cs = whens(claim);
  const ps = whens(passage);
  const pairs: Array<Pair<Outcome>> = [];
  cs.forEach((c, ci) => {
    ps.forEach((p, pi) => {
      const score = alignScore(c.ctx, p.ctx);
      let o = judge(c, p);
      if (!o.agree && (c.d.relative || p.d.relative)) {
        if (sameWords(c.d, p.d)) o = { agree: true, weight: 0.3, note: ' (the same words, resolved against different publication dates)' };
        else if (c.d.relative && p.d.relative && c.d.granularity === 'day' && p.d.granularity === 'day' && !sameDay) o = { ...o, weight: 0.2, soft: true };
        else o = { ...o, weight: o.weight * 0.7 };
      }
      if (o.agree) {
        if (score >= 1) pairs.push({ ci, uses: [pi], score, agree: true, payload: o });
        return;
      }
      // Dates of what different people did are different events (not the years of one election:
      // "Quill's run for the presidency in 2008" / "endorsed Quill against Reyes in the 2008 primaries").
      const election = sameElection(c, p);
      if (!twins(c.ctx, p.ctx) && personClash(c.ctx, p.ctx) && !election) return;
      // Two contests' years ("running for president in 2016" / "ran for president in 2008") in
      // sentences that name no one in common: runs of different people, or different runs.
      if (!election && contestYear(c) && contestYear(p) && !namesMeet(c.ctx, p.ctx) && !twins(c.ctx, p.ctx)) return;
      let ruled: number | null = null;
      // The same sentence with another date is the same event, whatever the other tests say.
      // Relative days ("on Thursday") only so, and only in reports of the same day: news of one story
      // names a different weekday for each step of it, so anything less than the same sentence is another event.
      const plainOrSameDay = (!c.d.relative && !p.d.relative) || (c.d.relative && p.d.relative && sameDay);
      // Years naming different kinds of thing ("the 2019 referendum" / "the 2021 contracts") stay apart even so.
      const namesApart = c.attributive && p.attributive && c.ctx.head !== p.ctx.head;
      if (twins(c.ctx, p.ctx) && !namesApart && comparableRelations(c, p) && c.d.granularity === p.d.granularity && plainOrSameDay) ruled = Math.max(score, 2);
      // The only date of two sentences that say much the same thing.
      else if (kin(c.ctx, p.ctx) && !namesApart && sole(cs, c) && sole(ps, p) && comparableRelations(c, p) && c.d.granularity === p.d.granularity &&
        !c.d.relative && !p.d.relative && !c.incidental && !p.incidental && (c.ctx.modal === p.ctx.modal || namedAlike(c, p)) && !subjectClash(c.ctx, p.ctx) && !objectClash(c.ctx, p.ctx)) ruled = Math.max(score, 2);
      else if (score >= 2 && !c.d.relative && !p.d.relative && !(moodApart(c, p) || contrast(c.ctx, p.ctx) ||
        !(sameEvent(c.ctx, p.ctx) || sameThingDated(c, p)) || !comparableRelations(c, p) || !comparable(c, p))) ruled = score;
      // Two dates of one figure ("the 1.6 million arrests of 2000" / "a peak of 1.6 million in 1998"): the same measure, dated twice.
      else if (sameIndexedFigure(c, p) && c.d.granularity === p.d.granularity && !c.d.relative && !p.d.relative && comparableRelations(c, p) &&
        !c.incidental && !p.incidental && !moodApart(c, p) && !contrast(c.ctx, p.ctx) && !subjectClash(c.ctx, p.ctx)) ruled = Math.max(score, 2);
      // One election cycle of one office, told by the same people.
      else if (election && comparableRelations(c, p) && !moodApart(c, p) && !contrast(c.ctx, p.ctx)) ruled = Math.max(score, 2);
      // The same-fact model, where there is one, overrules the rules when it is sure.
      const model = sameFactModel();
      const same = model ? sameFactProbability(model, datePairFeatures(cs, ps, c, p)) : null;
      if (process.env.DEBUGQ) console.error('DBGD', c.d.text, '|', p.d.text, JSON.stringify({ score, ruled, same, el: sameElection(c, p), eoc: electionOffice(c), eop: electionOffice(p), cy: contestYear(c), py: contestYear(p), nm: namesMeet(c.ctx, p.ctx), plaus: plausiblySame(c, p), tw: twins(c.ctx, p.ctx), kin: kin(c.ctx, p.ctx), se: sameEvent(c.ctx, p.ctx), cmp: comparable(c, p), ca: c.attributive, pa: p.attributive, ch: c.ctx.head, ph: p.ctx.head, cof: c.ofWord, pof: p.ofWord, cb: c.ctx.before, pb: p.ctx.before, cn: [...c.ctx.near], pn: [...p.ctx.near], cnames: [...c.ctx.names], pnames: [...p.ctx.names] }));
      if (ruled !== null && same !== null && same < model!.reject) return;
      if (ruled === null && !(same !== null && same >= model!.accept && plausiblySame(c, p))) return;
      pairs.push({ ci, uses: [pi], score: ruled ?? 2, agree: false, payload: o });
    });
  });
  const out: Found[] = [];
  const handled = compareRanges(claim, passage, cs, ps, out);
  // A date that merely falls within a claim's bound ("through 2006" / "dating back to 1977") does not
  // take the passage date from a claim date aligned with it more surely that differs ("from 1975").
  const open = (x: Pair<Outcome>): boolean => !x.agree || !(cs[x.ci]!.bound || ps[x.uses[0]!]!.bound) || cs[x.ci]!.bound === ps[x.uses[0]!]!.bound ||
    !pairs.some((y) => !y.agree && y.uses[0] === x.uses[0] && y.score > x.score);
  for (const pair of assign(pairs.filter((x) => !handled.has(x.ci) && open(x)), 2)) {
    const c = cs[pair.ci]!;
    const p = ps[pair.uses[0]!]!;
    const cv = formatDate(c.d);
    const sv = formatDate(p.d);
    const conf = Math.min(1, 0.4 + 0.2 * pair.score);
    const o = pair.payload;
    const f: Found = finding('date', o.agree, cv, sv, `the claim says ${cv}; the source says ${sv}${o.note ?? ''}`, o.weight * conf, p.span);
    if (o.soft) {
      f.soft = true;
      f.reason += ' (both are relative dates in reports from different days: perhaps different days)';
    }
    out.push(f);
  }
  return out;
}

/** A range of two dates: "from 2007 to 2014", "2006 until 2012", "between 1996 and 2007". */
interface DateRange {
  from: When;
  to: When;
  fi: number;
  ti: number;
}

function rangesOf(side: Side, ws: When[]): DateRange[] {
  const out: DateRange[] = [];
  const { text } = side.view;
  for (let i = 0; i < ws.length; i++) {
    for (let j = 0; j < ws.length; j++) {
      const a = ws[i]!;
      const b = ws[j]!;
      const gap = b.span.start - a.span.end;
      if (i === j || gap < 0 || gap > JOIN_GAP) continue;
      const between = text.slice(a.span.end, b.span.start);
      if (JOINER.test(between) || (/^\s*$/.test(between) && /^(?:until|till|through|to)\b/i.test(b.d.text))) {
        if (a.d.granularity === b.d.granularity && a.point.lo <= b.point.lo) out.push({ from: a, to: b, fi: i, ti: j });
      }
    }
  }
  return out;
}

const bare = (d: DateMention): DateMention => {
  const { relation: _relation, ...rest } = d;
  return rest;
};
const showRange = (r: DateRange): string => `${formatDate(bare(r.from.d))}–${formatDate(bare(r.to.d))}`;

/**
 * Ranges against ranges: with the same event words around them and one end the same, a
 * different other end is a difference ("from 2005 to 2014" / "from 2007 to 2014"). Returns the
 * claim dates this settled, so they are not compared again one by one.
 */
function compareRanges(claim: Side, passage: Side, cs: When[], ps: When[], out: Found[]): Set<number> {
  const handled = new Set<number>();
  const cr = rangesOf(claim, cs);
  const pr = rangesOf(passage, ps);
  for (const c of cr) {
    let best: { p: DateRange; score: number } | null = null;
    for (const p of pr) {
      if (p.from.d.granularity !== c.from.d.granularity) continue;
      const same = (x: When, y: When): boolean => x.point.lo === y.point.lo && x.point.hi === y.point.hi;
      if (!same(c.from, p.from) && !same(c.to, p.to)) continue;
      const score = Math.max(alignScore(c.from.ctx, p.from.ctx), alignScore(c.to.ctx, p.to.ctx));
      if (score < 1 || subjectClash(c.from.ctx, p.from.ctx) || c.from.ctx.modal !== p.from.ctx.modal) continue;
      // Periods of different figures ("$20 million between 2011 and 2014" / "$141 million from 2007 to 2014") are different periods.
      if (!sameFigures(c.from, p.from, 0.05)) continue;
      if (!best || score > best.score) best = { p, score };
    }
    if (!best) continue;
    const { p, score } = best;
    const cv = showRange(c);
    const sv = showRange(p);
    const agree = c.from.point.lo === p.from.point.lo && c.to.point.hi === p.to.point.hi;
    const conf = Math.min(1, 0.5 + 0.2 * score);
    const span = { start: p.from.span.start, end: p.to.span.end };
    out.push(finding('date', agree, cv, sv, `the claim says ${cv}; the source says ${sv}`, (agree ? 1 : 0.9) * conf, span));
    handled.add(c.fi);
    handled.add(c.ti);
  }
  return handled;
}

/** The same-fact model's features of a pair of dates (see pair-features.ts). */
export function datePairFeatures(cs: When[], ps: When[], c: When, p: When): Float32Array {
  const mates = (all: When[], w: When): number => all.filter((o) => o.ctx.sentence.start === w.ctx.sentence.start).length;
  const facts: PairFacts = {
    kind: 'date',
    dim: c.d.granularity === p.d.granularity ? c.d.granularity : 'mixed',
    claimSiblings: mates(cs, c),
    passageSiblings: mates(ps, p),
    claimBound: c.bound !== null,
    passageBound: p.bound !== null,
    claimApprox: false,
    passageApprox: false,
    claimRange: c.incidental,
    passageRange: p.incidental,
    claimIncidental: c.incidental,
    passageIncidental: p.incidental,
    claimAttributive: c.attributive,
    passageAttributive: p.attributive,
    sinceMismatch: !comparableRelations(c, p),
  };
  return pairFeatures(c.ctx, p.ctx, facts);
}

/** Two dates name the same calendar interval. */
export function sameWhen(c: When, p: When): boolean {
  return c.point.lo === p.point.lo && c.point.hi === p.point.hi && c.bound === p.bound;
}
