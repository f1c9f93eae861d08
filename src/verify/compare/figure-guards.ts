/**
 * Guards of the figure comparison: what makes two figures measures of different things even when
 * their words align (different places, periods, plans, casualty kinds, named measures, a part
 * against a whole, a relative count against an absolute one), and what makes them the same
 * measure (one coordinated group, the same quoted phrase).
 */
import { contrast, objectClash, subjectClash, twins, type Context, type Side } from './align.ts';
import { type Figure, figures, isCount, ends, farApart } from './figures.ts';
import { canon, fold, GENERIC_NOUNS, nounMatch, PORTION_NOUNS, STOP as STOP_WORDS } from './fold.ts';

/** A generic noun ("people", "percent") that aligns two figures only weakly. */
export const generic = (w: string | undefined): boolean => w !== undefined && GENERIC_NOUNS.has(w);

/** A portion against a whole ("an 80 km stretch" / "the 130 km line"): not the same measure. */
export function partVsWhole(c: Context, p: Context): boolean {
  const portion = (x: Context): boolean => x.head !== undefined && PORTION_NOUNS.has(x.head);
  const whole = (x: Context): boolean => x.head !== undefined && !GENERIC_NOUNS.has(x.head);
  return (portion(c) && whole(p)) || (whole(c) && portion(p));
}

/** "65 and older", "18 or over", "12 and under": a figure that names a group by where it starts or ends. */
export function openBracket(side: Side, f: Figure): boolean {
  return /^\s*(?:years?\s+)?(?:and|or)\s+(?:older|over|up|above|younger|under|below)\b/i.test(side.view.text.slice(f.span.end, f.span.end + 24));
}

/**
 * The figure is quoted on its own, a phrase someone coined ("about the “47 percent,”", "the
 * \"47 percent\" of Americans"): it names one remark, wherever it stands in the sentence.
 */
export function quotedFigure(side: Side, f: Figure): boolean {
  const t = side.view.text;
  return /["“‘]$/.test(t.slice(Math.max(0, f.span.start - 1), f.span.start)) && /^[,.;:!?]?["”’]/.test(t.slice(f.span.end, f.span.end + 2));
}

/**
 * "N others were wounded", "N more injured": the whole count of one kind of casualty, told after
 * another kind ("50 people were killed and at least 53 others were wounded"), not a part of it.
 */
export const CASUALTY_OTHERS = /^\s+(?:others|more)\s+(?:(?:were|was|have been|had been|are|being)\s+)?(?:injur(?:ed|ies)|wounded|hurt|hospitali[sz]ed|killed|dead|died|missing|arrested|detained)\b/i;
/** The words "others were wounded" after a figure, or null. */
const othersAfter = (side: Side, f: Figure): string | null => CASUALTY_OTHERS.exec(side.view.text.slice(f.span.end, f.span.end + 40))?.[0] ?? null;
export const casualtyOthers = (side: Side, f: Figure): boolean => othersAfter(side, f) !== null;
/** " injured" for "31 others were injured" (what the others were, for a reason), else "". */
export function othersWord(side: Side, f: Figure): string {
  const m = othersAfter(side, f);
  return m ? ` ${m.trim().split(/\s+/).pop()!.toLowerCase()}` : '';
}

/** "19 other children", "120 more staff", "another 5 people": a count relative to another. */
export function relative(side: Side, f: Figure): boolean {
  const { text } = side.view;
  if (casualtyOthers(side, f)) return false;
  return /^\s+(?:other|more|additional|extra|further|new)\b/i.test(text.slice(f.span.end, f.span.end + 12)) ||
    /\b(?:another|additional|extra|further|other)\s+$/i.test(text.slice(Math.max(0, f.span.start - 12), f.span.start));
}

/** Places named in a figure's own clause ("troops from Syria"). */
export function placesNear(side: Side, f: Figure): Set<string> {
  const out = new Set<string>();
  for (const { e, span } of side.entities) {
    if (e.type === 'place' && span.start >= f.ctx.nearSpan.start && span.end <= f.ctx.nearSpan.end) out.add(fold(e.key ?? e.text));
  }
  return out;
}

/** Both figures' clauses name places, and none in common ("troops from Syria" / "soldiers in Afghanistan"). */
export function otherPlaces(claim: Side, passage: Side, c: Figure, p: Figure): boolean {
  const a = placesNear(claim, c);
  const b = placesNear(passage, p);
  return a.size > 0 && b.size > 0 && ![...a].some((x) => b.has(x));
}

/** Years named in a figure's own clause ("$9.68 million in 2013"). */
export function yearsNear(side: Side, f: Figure): Set<string> {
  const out = new Set<string>();
  for (const { d, span } of side.dates) {
    if (span.start >= f.ctx.nearSpan.start && span.end <= f.ctx.nearSpan.end && d.value) out.add(d.value.slice(0, 4));
  }
  return out;
}

/** Years (dates given as a year: "in 2014", "last year", "the 2014 tax rate") anywhere in a figure's sentence. */
export function sentenceYears(side: Side, f: Figure): Set<string> {
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
export function otherYears(claim: Side, passage: Side, c: Figure, p: Figure): boolean {
  const a = sentenceYears(claim, c);
  const b = sentenceYears(passage, p);
  if (a.size > 0 && b.size > 0 && ![...a].some((y) => b.has(y))) return true;
  // A span of years against one year ("from 2007 through 2014, … 31.55 percent" / "Last year, … 35.7 percent").
  const ra = yearSpan(claim, c), rb = yearSpan(passage, p);
  return (ra !== null && rb === null && b.size === 1) || (rb !== null && ra === null && a.size === 1);
}

/** Two years of a figure's sentence joined as a span ("from 2007 through 2014", "between 2011 and 2014"), or null. */
export function yearSpan(side: Side, f: Figure): [string, string] | null {
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
export function comparable(claim: Side, passage: Side, c: Figure, p: Figure, strong = false): boolean {
  if (subjectClash(c.ctx, p.ctx) || contrast(c.ctx, p.ctx)) return false;
  if (c.ctx.planned !== p.ctx.planned || c.ctx.modal !== p.ctx.modal || c.ctx.forecast !== p.ctx.forecast) return false;
  // Different periods make different measures; so does a period named on one side only, unless
  // the two figures are otherwise plainly the same measure.
  const cy = [...yearsNear(claim, c)].sort().join();
  const py = [...yearsNear(passage, p)].sort().join();
  if (cy === py) return true;
  return strong && (cy === '' || py === '');
}

export const CHANGE = /\b(rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|increase[sd]?|increasing|decrease[sd]?|drop(?:s|ped)?|climb(?:s|ed)?|grew|grow(?:s|n)?|jump(?:s|ed)?|declin(?:e|es|ed)|gain(?:s|ed)?|up|down|higher|lower|cut)\b/i;

export function hasChange(side: Side, f: Figure): boolean {
  const s = f.ctx.sentence;
  return CHANGE.test(side.view.text.slice(s.start, s.end));
}

/**
 * What no model score overrides: figures about different subjects, people, kinds, places,
 * periods, plans or possibilities, a portion against a whole, relative against absolute counts,
 * or more than ten times apart.
 */
export function plausiblySame(claim: Side, passage: Side, c: Figure, p: Figure): boolean {
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
export function coordinated(side: Side, f: Figure): { nouns: Set<string>; last: string } | null {
  const m = /^((?:\s+[\p{L}’'-]+){1,3}?)\s+(?:and|or)\s+([\p{L}’'-]+)/u.exec(side.view.text.slice(f.span.end, f.span.end + 80));
  if (!m) return null;
  const ws = `${m[1]} ${m[2]}`.trim().split(/\s+/).filter((w) => !STOP_WORDS.has(w.toLowerCase()));
  return { nouns: new Set(ws.map((w) => canon(w))), last: canon(m[2]!) };
}

/**
 * Two counts whose phrases, with their coordinated nouns, share the last noun of a coordination
 * ("professors and administrators" / "faculty and administrators"): the same group counted.
 */
export function sameCoordinated(claim: Side, passage: Side, c: Figure, p: Figure): boolean {
  const a = coordinated(claim, c);
  const b = a && coordinated(passage, p);
  return !!a && !!b && (b.nouns.has(a.last) || a.nouns.has(b.last));
}

export const BY_CHANGE = /\b(?:rose|ris(?:e|es|en|ing)|f[ae]ll(?:s|en|ing)?|(?:in|de)creas(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|drop(?:s|ped)?|climb(?:s|ed)?|jump(?:s|ed)?|gr[eo]w(?:s|n)?|soar(?:s|ed)?|surg(?:e|es|ed)|plung(?:e|es|ed)|slipped|shr[au]nk|gain(?:s|ed)?|cut|rais(?:e|es|ed)|lower(?:s|ed)?|reduc(?:e|es|ed)|up|down)\s+(?:by\s+)?(?:(?:about|nearly|roughly|some|almost|around|just|more than|over|less than)\s+)?$/i;

/** A change amount ("claims rose by 51,000", "fell 4%"), not a level ("rose to 373,000", "373,000 people filed"). */
export function changeAmount(side: Side, f: Figure): boolean {
  return BY_CHANGE.test(side.view.text.slice(Math.max(f.ctx.sentence.start, f.span.start - 50), f.span.start));
}

export const CASUALTY: Array<[string, RegExp]> = [
  ['death', /\b(?:kill(?:s|ed|ing)?|dead|died|dies|deaths?|fatalit(?:y|ies)|lives)\b/gi],
  ['injury', /\b(?:injur(?:y|ies|ed|ing)|wound(?:s|ed)?|hurt|hospitali[sz]ed)\b/gi],
  ['missing', /\b(?:missing|unaccounted)\b/gi],
  ['arrest', /\b(?:arrest(?:s|ed)?|detain(?:s|ed)?|detentions?)\b/gi],
];

/** What a count of people counts by its nearest word in its own clause: deaths, injuries, the missing, arrests (or null). */
export function casualty(side: Side, f: Figure): string | null {
  const { text } = side.view;
  const { nearSpan } = f.ctx;
  // "killed and 53 others were wounded": the word after "others" says what they were.
  const others = othersAfter(side, f);
  if (others) for (const [kind, re] of CASUALTY) { re.lastIndex = 0; if (re.test(others)) return kind; }
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
export const MEASURE_OF = /\b(new|initial|first-time|continuing|total|average|median|annual|monthly|weekly|daily|net|gross|core)\s+([a-z]+)/gi;
export const MEASURE_SAME: Record<string, string> = { new: 'initial', 'first-time': 'initial' };

/** The measure-naming words of a figure's sentence before it, as "initial:claim" (canonical noun). */
export function measuresBefore(side: Side, f: Figure): Set<string> {
  const text = side.view.text.slice(f.ctx.sentence.start, f.span.start);
  const out = new Set<string>();
  for (const m of text.matchAll(MEASURE_OF)) {
    const w = m[1]!.toLowerCase();
    out.add(`${MEASURE_SAME[w] ?? w}:${canon(m[2]!)}`);
  }
  return out;
}

/** The same noun named as two different measures before the figures ("new claims … 419,000" / "continuing claims … 3.24 million"). */
export function otherMeasures(claim: Side, passage: Side, c: Figure, p: Figure): boolean {
  const a = measuresBefore(claim, c), b = measuresBefore(passage, p);
  for (const x of a) {
    const noun = x.split(':')[1];
    for (const y of b) if (y.split(':')[1] === noun && y !== x && !a.has(y) && !b.has(x)) return true;
  }
  return false;
}

/** One figure has a measured noun, the other none, and the other's sentence does not name it. */
export function lonelyHead(a: Context, b: Context): boolean {
  if (a.head && !b.head) return !b.sentenceWords.has(a.head);
  if (b.head && !a.head) return !a.sentenceWords.has(b.head);
  return false;
}
