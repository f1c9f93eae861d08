/**
 * Dates: absolute ("13 June 2025", "February 2026", "the 1990s", "mid-2025") and relative
 * ("on Friday", "last month", "three days ago"), resolved against the publication date and the
 * tense of the sentence the mention sits in.
 *
 * Span convention: the span covers the date expression with its own modifiers ("mid-2025",
 * "early 2024", "last Friday", "earlier this year", "three days ago", "in two years") but not
 * the bound word before it ("by", "until", "since", "before", "after", "on"), which goes to
 * `relation`. Four-digit numbers that the quantity annotator reads as amounts are not years.
 */
import type { DateMention, Sentence } from '../model/document.ts';
import { isYearLike, MONTHS, parseNumberPhrase } from './numbers.ts';
import { findQuantities } from './quantities.ts';

type Tense = Sentence['tense'];
type Granularity = DateMention['granularity'];
type Relation = NonNullable<DateMention['relation']>;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

interface Resolved {
  value: string | null;
  granularity: Granularity;
}

interface Candidate {
  start: number;
  end: number;
  relative: boolean;
  /** False for "in two years", which may overlap the quantity "two years" on purpose. */
  yieldsToQuantity: boolean;
  /** "in two years" is a date only in a future-tense sentence; elsewhere it is a duration. */
  futureOnly: boolean;
  resolve: (ref: Ymd | null, tense: Tense) => Resolved;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (UTC, so no time zone can shift a day)

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDay = (x: Ymd) => `${pad(x.y, 4)}-${pad(x.m)}-${pad(x.d)}`;
const isoMonth = (y: number, m: number) => `${pad(y, 4)}-${pad(m)}`;
const isoYear = (y: number) => pad(y, 4);

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function addDays(x: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function addMonths(y: number, m: number, n: number): [number, number] {
  const k = y * 12 + (m - 1) + n;
  return [Math.floor(k / 12), (k % 12) + 1];
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(x: Ymd): number {
  return new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay();
}

/** "2025-06-13" or "2025-06-13T09:30:00Z" → the calendar date as written; null otherwise. */
function parseReference(reference: string | null): Ymd | null {
  const m = reference === null ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(reference);
  if (!m) return null;
  const x = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return x.m >= 1 && x.m <= 12 && x.d >= 1 && x.d <= daysIn(x.y, x.m) ? x : null;
}

type Modifier = 'last' | 'next' | 'this' | null;

/**
 * Picks the year of a month (and day) mentioned without one. Positions are compared as
 * month*100+day. Past: the latest one not after the reference; future: the first one not
 * before it; present: the nearer of the two; "last"/"next" exclude the reference itself.
 */
function inferYear(pos: number, refPos: number, refYear: number, tense: Tense, mod: Modifier): number {
  const notAfter = pos <= refPos ? refYear : refYear - 1;
  const notBefore = pos >= refPos ? refYear : refYear + 1;
  if (mod === 'last') return pos < refPos ? refYear : refYear - 1;
  if (mod === 'next') return pos > refPos ? refYear : refYear + 1;
  if (mod === 'this') return refYear;
  if (tense === 'past') return notAfter;
  if (tense === 'future') return notBefore;
  const back = distance(notAfter, pos, refYear, refPos);
  const fwd = distance(notBefore, pos, refYear, refPos);
  return back < fwd ? notAfter : notBefore;
}

function distance(y: number, pos: number, refYear: number, refPos: number): number {
  const days = (yy: number, p: number) => Date.UTC(yy, Math.floor(p / 100) - 1, Math.max(1, p % 100));
  return Math.abs(days(y, pos) - days(refYear, refPos));
}

/** Weekday 0..6 resolved against the reference: see the module comment in findDates. */
function resolveWeekday(ref: Ymd, wd: number, tense: Tense, mod: Modifier | 'coming'): Ymd {
  const today = weekday(ref);
  const back = (today - wd + 7) % 7;
  const fwd = (wd - today + 7) % 7;
  if (mod === 'last') return addDays(ref, -(back === 0 ? 7 : back));
  if (mod === 'next' || mod === 'coming') return addDays(ref, fwd === 0 ? 7 : fwd);
  if (tense === 'past') return addDays(ref, -back);
  if (tense === 'future') return addDays(ref, fwd);
  return addDays(ref, back <= fwd ? -back : fwd);
}

/** Monday of the reference's ISO week. */
function mondayOf(ref: Ymd): Ymd {
  return addDays(ref, -((weekday(ref) + 6) % 7));
}

/** An offset of n units from the reference: "three days ago" (n = -3), "in two years" (n = 2). */
function offset(ref: Ymd, unit: string, n: number): Resolved {
  if (unit === 'day') return { value: isoDay(addDays(ref, n)), granularity: 'day' };
  if (unit === 'week') return { value: isoDay(addDays(ref, 7 * n)), granularity: 'unknown' };
  if (unit === 'month') {
    const [y, m] = addMonths(ref.y, ref.m, n);
    return { value: isoMonth(y, m), granularity: 'month' };
  }
  if (unit === 'decade') return { value: isoYear(ref.y + 10 * n), granularity: 'year' };
  return { value: isoYear(ref.y + n), granularity: 'year' };
}

// ---------------------------------------------------------------------------------------------
// Patterns

const MON_FULL = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MON_ABBR = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const MON = `(?:${MON_FULL}|(?:${MON_ABBR})\\.?)(?![\\p{L}])`;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WD = WEEKDAYS.join('|');
const B = '(?<![\\p{L}\\p{N}])';
const A = '(?![\\p{L}\\p{N}])';
const ORD = '(?:st|nd|rd|th)?';
const WD_PREFIX = `(?:(?:${WD}),?\\s+)?`;
/** "12-13 June": a span of days is reported from its first day. */
const DAY_TO = `(?:[-–]\\d{1,2}${ORD})?`;
const NUM_WORD =
  'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|' +
  'seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred';
const NUM_PHRASE = `\\d+|an?|(?:${NUM_WORD})(?:[\\s-]+(?:and\\s+)?(?:${NUM_WORD}))*`;

const re = (src: string, flags = 'gu') => new RegExp(src, flags);
const P = {
  mdy: re(`${B}${WD_PREFIX}(${MON})\\s+(\\d{1,2})${ORD}${DAY_TO},?\\s+(\\d{4})${A}`),
  dmy: re(`${B}${WD_PREFIX}(\\d{1,2})${ORD}${DAY_TO}\\s+(?:of\\s+)?(${MON}),?\\s+(\\d{4})${A}`),
  iso: re(`${B}(\\d{4})-(\\d{2})-(\\d{2})(?![\\p{N}])`),
  dotted: re(`${B}(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?![\\p{N}])`),
  slashed: re(`${B}(\\d{1,2})/(\\d{1,2})/(\\d{4})(?![\\p{N}])`),
  md: re(`${B}${WD_PREFIX}(${MON})\\s+(\\d{1,2})${ORD}${DAY_TO}(?![\\p{L}\\p{N}]|[.,]\\d)`),
  dm: re(`${B}${WD_PREFIX}(\\d{1,2})${ORD}${DAY_TO}\\s+(?:of\\s+)?(${MON})`),
  my: re(`${B}(?:([Ee]arly|[Mm]id|[Ll]ate)(?:-|\\s+))?(${MON})(?:\\s+of)?,?\\s+(\\d{4})${A}`),
  month: re(`${B}(?:([Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Mm]id|[Ll]ate)(?:-|\\s+))?(${MON_FULL})${A}`),
  year: re(
    `${B}(?:([Ee]arly|[Mm]id|[Ll]ate|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\\s+of)?(?:-|\\s+))?(\\d{4})(?![\\p{L}\\p{N}]|[.,]\\d)`,
  ),
  decade: re(`${B}(?:([Ee]arly|[Mm]id|[Ll]ate)(?:-|\\s+))?(\\d{3}0)s${A}`),
  shortDecade: re(`${B}['’](\\d)0s${A}`),
  dayWord: re(`${B}(yesterday|today|tonight|tomorrow|last night|this morning|this afternoon|this evening)${A}`, 'giu'),
  weekday: re(`${B}(?:([Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\\s+)?(${WD})${A}`),
  period: re(`${B}(?:(earlier|later|so far)\\s+)?(last|next|this)\\s+(week|month|year)${A}`, 'giu'),
  ago: re(`(?<![\\p{L}\\p{N},.])(${NUM_PHRASE})\\s+(day|week|month|year|decade)s?\\s+ago${A}`, 'giu'),
  inFuture: re(`${B}in\\s+(${NUM_PHRASE})\\s+(day|week|month|year)s?((?:['’]|\\s)+time)?${A}`, 'giu'),
  fromNow: re(`${B}(${NUM_PHRASE})\\s+(day|week|month|year)s?\\s+from\\s+now${A}`, 'giu'),
};

/** A bare month needs one of these before it, so "May" the verb and "March" the verb stay out. */
const MONTH_CONTEXT = new RegExp(
  `(?:(?:^|[^\\p{L}])(?:in|of|since|until|till|by|from|before|after|during|through|throughout|between)|(?:${MON_FULL})\\s+(?:and|or|to|through))\\s+$`,
  'iu',
);
/** Names that contain a weekday but are not dates. */
const NAMED_DAY = /(?:Good|Black|Cyber|Super|Bloody|Ash|Palm|Easter|Holy|Maundy|Shrove|Fat|Blue|Giving)\s+$/;
const NAMED_DAY_AFTER = /^\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Mail|Sport|People|Independent)(?![\p{L}])/u;
const RELATION = /(?:^|[^\p{L}])(no later than|prior to|up until|dating back to|going back to|by|until|till|til|through|since|before|after|on)\s+(?:the\s+(?:end|start|beginning|middle|close)\s+of\s+)?$/iu;
const RELATION_OF: Record<string, Relation> = {
  'no later than': 'by', by: 'by', until: 'until', 'up until': 'until', till: 'until', til: 'until',
  through: 'until', since: 'since', 'dating back to': 'since', 'going back to': 'since', before: 'before', 'prior to': 'before', after: 'after', on: 'on',
};

function monthNumber(name: string): number {
  return MONTHS[name.replace(/\.$/, '')] ?? 0;
}

function modifierOf(word: string | undefined): Modifier {
  const w = word?.toLowerCase();
  return w === 'last' || w === 'next' || w === 'this' ? w : null;
}

const fixed = (value: string, granularity: Granularity) => () => ({ value, granularity });
const unresolved = (granularity: Granularity): Resolved => ({ value: null, granularity });

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

function collect(text: string): Candidate[] {
  const out: Candidate[] = [];
  const add = (start: number, end: number, resolve: Candidate['resolve'], relative = false, futureOnly?: boolean) =>
    out.push({ start, end, resolve, relative, yieldsToQuantity: futureOnly === undefined, futureOnly: futureOnly === true });
  const each = (r: RegExp, f: (m: RegExpExecArray, start: number, end: number) => void) => {
    r.lastIndex = 0;
    for (let m = r.exec(text); m; m = r.exec(text)) f(m, m.index, m.index + m[0].length);
  };
  const dayMonthYear = (y: number, mo: number, d: number, s: number, e: number) => {
    if (validDay(y, mo, d)) add(s, e, fixed(isoDay({ y, m: mo, d }), 'day'));
  };

  each(P.mdy, (m, s, e) => dayMonthYear(Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2]), s, e));
  each(P.dmy, (m, s, e) => dayMonthYear(Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1]), s, e));
  each(P.iso, (m, s, e) => dayMonthYear(Number(m[1]), Number(m[2]), Number(m[3]), s, e));
  // dotted dates are day.month.year (the European order; nobody writes month.day.year with dots)
  each(P.dotted, (m, s, e) => dayMonthYear(Number(m[3]), Number(m[2]), Number(m[1]), s, e));
  // slashed: only an impossible month tells the order; otherwise only the year is certain
  each(P.slashed, (m, s, e) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    if (a > 12 && b <= 12) dayMonthYear(y, b, a, s, e);
    else if (b > 12 && a <= 12) dayMonthYear(y, a, b, s, e);
    else if (a <= 12 && b <= 12) add(s, e, fixed(isoYear(y), 'year'));
  });

  // Month and day without a year: the year comes from the reference and the tense.
  const monthDay = (mo: number, d: number, s: number, e: number) => {
    if (!validDay(2024, mo, d)) return; // 2024: a leap year, so 29 February passes
    add(
      s,
      e,
      (ref, tense) => {
        if (!ref) return unresolved('day');
        let y = inferYear(mo * 100 + d, ref.m * 100 + ref.d, ref.y, tense, null);
        if (!validDay(y, mo, d)) y = tense === 'future' ? y + 1 : y - 1; // a 29 February
        return { value: validDay(y, mo, d) ? isoDay({ y, m: mo, d }) : null, granularity: 'day' };
      },
      true,
    );
  };
  each(P.md, (m, s, e) => monthDay(monthNumber(m[1] ?? ''), Number(m[2]), s, e));
  each(P.dm, (m, s, e) => monthDay(monthNumber(m[2] ?? ''), Number(m[1]), s, e));

  each(P.my, (m, s, e) => {
    const mo = monthNumber(m[2] ?? '');
    if (mo) add(s, e, fixed(isoMonth(Number(m[3]), mo), 'month'));
  });
  each(P.month, (m, s, e) => {
    const mod = modifierOf(m[1]);
    if (!m[1] && !MONTH_CONTEXT.test(text.slice(Math.max(0, s - 30), s))) return;
    const mo = monthNumber(m[2] ?? '');
    add(
      s,
      e,
      (ref, tense) => {
        if (!ref) return unresolved('month');
        return { value: isoMonth(inferYear(mo * 100 + 1, ref.m * 100 + 1, ref.y, tense, mod), mo), granularity: 'month' };
      },
      true,
    );
  });

  each(P.year, (m, s, e) => {
    const raw = m[2] ?? '';
    const yStart = e - raw.length;
    if (!m[1]) {
      // glued into something else: "F-2016", "/2016/", "$2016", "#2016"; "2016-2018" is a range
      const before = text.slice(Math.max(0, s - 6), s);
      if (/[/.$€£#]$/.test(before)) return;
      if (/[\p{L}\p{N}][-–]$/u.test(before) && !/(?:^|[^\p{N}])\d{4}[-–]$/u.test(before)) return;
    }
    const prevWord = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, yStart - 20), yStart))?.[1];
    if (!isYearLike(raw, m[1] ? 'in' : prevWord)) return;
    const y = Number(raw);
    add(s, e, fixed(isoYear(y), 'year'));
    // "2019-20": the short second half of a range
    const tail = /^[-–](\d{2})(?![\p{N}])/u.exec(text.slice(e));
    if (tail) {
      const yy = Math.floor(y / 100) * 100 + Number(tail[1]);
      const second = yy > y ? yy : yy + 100;
      if (second - y < 10) add(e + 1, e + 3, fixed(isoYear(second), 'year'));
    }
  });
  each(P.decade, (m, s, e) => add(s, e, fixed(m[2] ?? '', 'decade')));
  each(P.shortDecade, (m, s, e) => {
    const d = Number(m[1]) * 10;
    add(s, e, (ref) => {
      const limit = ref?.y ?? 2029;
      return { value: isoYear(2000 + d <= limit ? 2000 + d : 1900 + d), granularity: 'decade' };
    });
  });

  each(P.dayWord, (m, s, e) => {
    const w = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const n = w === 'yesterday' || w === 'last night' ? -1 : w === 'tomorrow' ? 1 : 0;
    add(s, e, (ref) => (ref ? { value: isoDay(addDays(ref, n)), granularity: 'day' } : unresolved('day')), true);
  });
  each(P.weekday, (m, s, e) => {
    if (!m[1] && NAMED_DAY.test(text.slice(Math.max(0, s - 12), s))) return;
    if (NAMED_DAY_AFTER.test(text.slice(e, e + 20))) return; // "The Sunday Times"
    const mod = m[1]?.toLowerCase() === 'coming' ? 'coming' : modifierOf(m[1]);
    const wd = WEEKDAYS.indexOf(m[2] ?? '');
    add(
      s,
      e,
      (ref, tense) => (ref ? { value: isoDay(resolveWeekday(ref, wd, tense, mod)), granularity: 'day' } : unresolved('day')),
      true,
    );
  });
  each(P.period, (m, s, e) => {
    const which = (m[2] ?? '').toLowerCase();
    const n = which === 'last' ? -1 : which === 'next' ? 1 : 0;
    const unit = (m[3] ?? '').toLowerCase();
    add(
      s,
      e,
      (ref) => {
        if (unit === 'week') {
          // a week has no ISO partial date: its Monday, with granularity 'unknown'
          return ref ? { value: isoDay(addDays(mondayOf(ref), 7 * n)), granularity: 'unknown' } : unresolved('unknown');
        }
        if (unit === 'month') {
          if (!ref) return unresolved('month');
          const [y, mo] = addMonths(ref.y, ref.m, n);
          return { value: isoMonth(y, mo), granularity: 'month' };
        }
        return ref ? { value: isoYear(ref.y + n), granularity: 'year' } : unresolved('year');
      },
      true,
    );
  });

  // yieldsToQuantity is off for these: "in two years" may overlap the quantity "two years"
  const counted = (phrase: string, unit: string, sign: number, s: number, e: number, futureOnly: boolean) => {
    const n = parseNumberPhrase(phrase);
    if (n === null || !Number.isInteger(n)) return;
    const u = unit.toLowerCase();
    const gran: Granularity = u === 'day' ? 'day' : u === 'week' ? 'unknown' : u === 'month' ? 'month' : 'year';
    add(
      s,
      e,
      (ref) => (ref ? offset(ref, u, sign * n) : unresolved(gran)),
      true,
      futureOnly,
    );
  };
  each(P.ago, (m, s, e) => counted(m[1] ?? '', m[2] ?? '', -1, s, e, false));
  // "in two years" is a date only in a future sentence or with "time"; else a duration
  each(P.inFuture, (m, s, e) => counted(m[1] ?? '', m[2] ?? '', 1, s, e, m[3] === undefined));
  each(P.fromNow, (m, s, e) => counted(m[1] ?? '', m[2] ?? '', 1, s, e, false));
  return out;
}

/** Words right before a date that point at the end of a span or a start ahead. */
const AHEAD = /\b(?:through|until|till|starting|beginning|effective)\s+(?:on\s+)?$/i;

function tenseAt(sentences: Sentence[], pos: number): Tense {
  for (const s of sentences) if (s.span.start <= pos && pos < s.span.end) return s.tense;
  return 'past'; // news is told in the past; used only when no sentence covers the mention
}

/**
 * Every date mention in `text`, in order, without overlaps. `reference` is the publication
 * date (ISO date or date-time; only the calendar date is used). Relative mentions get
 * `value: null` without it. Weekdays: past tense → the latest such day on or before the
 * reference (the reference day itself included: "on Friday" in a Friday article is that day),
 * future → on or after it, present → the nearer one; "last"/"next" exclude the reference day.
 */
export function findDates(text: string, sentences: Sentence[], reference: string | null): DateMention[] {
  const ref = parseReference(reference);
  let cands = collect(text);
  if (cands.length === 0) return [];
  const quantities = findQuantities(text);
  cands = cands.filter(
    (c) => !c.yieldsToQuantity || !quantities.some((q) => q.span.start < c.end && c.start < q.span.end),
  );
  cands.sort((a, b) => a.start - b.start || b.end - a.end);

  const out: DateMention[] = [];
  let until = 0;
  for (const c of cands) {
    if (c.start < until) continue;
    const told = tenseAt(sentences, c.start);
    if (c.futureOnly && told !== 'future') continue;
    // "said he would sign a bill to open the government through Feb. 15": the end of a span or a
    // start ahead is not told in the sentence's past tense; the nearer such day is meant.
    const tense = told === 'past' && AHEAD.test(text.slice(Math.max(0, c.start - 16), c.start)) ? 'present' : told;
    const r = c.resolve(ref, tense);
    until = c.end;
    const mention: DateMention = {
      text: text.slice(c.start, c.end),
      value: r.value,
      span: { start: c.start, end: c.end },
      granularity: r.granularity,
    };
    const rel = RELATION.exec(text.slice(Math.max(0, c.start - 40), c.start));
    const relation = rel?.[1] ? RELATION_OF[rel[1].toLowerCase().replace(/\s+/g, ' ')] : undefined;
    if (relation) mention.relation = relation;
    if (c.relative) mention.relative = true;
    out.push(mention);
  }
  return out;
}
