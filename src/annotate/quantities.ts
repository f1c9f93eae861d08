/**
 * Quantities: numbers with their scale, unit, range, qualifier and counted noun.
 *
 * Span convention: a quantity's span covers the number, its scale word, any currency sign and
 * the unit ("$3.2 billion", "210-kilometer", "five and six million") — never the qualifier
 * ("about", "as many as"), which goes to `approx`, nor the counted noun, which goes to `noun`.
 * Years, day numbers next to month names, clock times, ordinals and numbers glued into
 * identifiers ("COVID-19", "F-16", "G7") are not quantities; the date annotator owns years.
 */
import type { Quantity } from '../model/document.ts';
import {
  glued,
  isNumberWord,
  isYearLike,
  monthOf,
  parseDecimalComma,
  parseNumeral,
  parseWordNumber,
  SCALES,
  tokenize,
  type Token,
} from './numbers.ts';

type Approx = NonNullable<Quantity['approx']>;

// ---------------------------------------------------------------------------------------------
// Units

interface UnitDef {
  unit: string;
  /** Token sequences, e.g. ["square", "kilometres"]; compared lower-cased unless `exact`. */
  forms: string[][];
  exact?: boolean;
  /** Tokens must touch ("km²", "km/h", "°C"). */
  tight?: boolean;
  currency?: boolean;
}

const def = (unit: string, forms: string, opts: Omit<UnitDef, 'unit' | 'forms'> = {}): UnitDef => ({
  unit,
  forms: forms.split('|').map((f) => f.split(' ')),
  ...opts,
});

const UNIT_DEFS: UnitDef[] = [
  def('%', '%|percent|per cent|pct'),
  def('pp', 'percentage points|percentage point|percentage - points|percentage - point'),
  def('pp', 'pp', { exact: true }),
  def('bp', 'basis points|basis point'),
  def('km2', 'square kilometres|square kilometers|square kilometre|square kilometer|square km|sq km|sq . km'),
  def('km2', 'km ²|km 2', { tight: true, exact: true }),
  def('m2', 'square metres|square meters|square metre|square meter|sq m'),
  def('m2', 'm ²|m 2', { tight: true, exact: true }),
  def('mi2', 'square miles|square mile|sq mi'),
  def('ft2', 'square feet|sq ft'),
  def('m3', 'cubic metres|cubic meters|cubic metre|cubic meter'),
  def('km/h', 'km / h', { tight: true, exact: true }),
  def('km/h', 'kph|kilometres per hour|kilometers per hour|km per hour'),
  def('mph', 'mph|miles per hour|miles an hour'),
  def('km', 'kilometres|kilometers|kilometre|kilometer'),
  def('km', 'km|kms', { exact: true }),
  def('m', 'metres|meters|metre|meter'),
  def('m', 'm', { exact: true }),
  def('cm', 'centimetres|centimeters|centimetre|centimeter'),
  def('cm', 'cm', { exact: true }),
  def('mm', 'millimetres|millimeters|millimetre|millimeter'),
  def('mm', 'mm', { exact: true }),
  def('nmi', 'nautical miles|nautical mile'),
  def('mi', 'miles|mile'),
  def('mi', 'mi', { exact: true }),
  def('ft', 'feet|foot'),
  def('ft', 'ft', { exact: true }),
  def('kg', 'kilograms|kilogram|kilogrammes|kilogramme|kilos|kilo'),
  def('kg', 'kg', { exact: true }),
  def('g', 'grams|gram|grammes|gramme'),
  def('t', 'metric tons|metric tonnes|tonnes|tonne|tons|ton'),
  // Bare "pounds" is weight; money needs "£", "sterling", "British pounds" or "GBP".
  def('lb', 'pounds|pound'),
  def('lb', 'lb|lbs', { exact: true }),
  def('ha', 'hectares|hectare'),
  def('ha', 'ha', { exact: true }),
  def('acre', 'acres|acre'),
  def('l', 'litres|liters|litre|liter'),
  def('MW', 'megawatts|megawatt'),
  def('MW', 'MW', { exact: true }),
  def('GW', 'gigawatts|gigawatt'),
  def('GW', 'GW', { exact: true }),
  def('kWh', 'kWh', { exact: true }),
  def('TWh', 'TWh', { exact: true }),
  def('°C', '° C', { tight: true, exact: true }),
  def('°C', 'degrees celsius|degrees centigrade'),
  def('°F', '° F', { tight: true, exact: true }),
  def('°F', 'degrees fahrenheit'),
  // time
  def('h', 'hours|hour'),
  def('h', 'hrs|hr|h', { exact: true }),
  def('min', 'minutes|minute|mins'),
  def('min', 'min', { exact: true }),
  def('s', 'seconds|second|secs'),
  def('d', 'days|day'),
  def('wk', 'weeks|week'),
  def('mo', 'months|month'),
  def('yr', 'years|year'),
  def('yr', 'yrs|yr', { exact: true }),
  def('decade', 'decades|decade'),
  // money
  def('USD', 'us dollars|dollars|dollar', { currency: true }),
  def('EUR', 'euros|euro', { currency: true }),
  def('GBP', 'pounds sterling|british pounds|sterling', { currency: true }),
  def('PLN', 'zloty|zlotys|złoty|złotys|złotych|zł', { currency: true }),
  def('CNY', 'yuan|renminbi', { currency: true }),
  def('JPY', 'yen', { currency: true }),
  def('RUB', 'roubles|rubles|rouble|ruble', { currency: true }),
  def('UAH', 'hryvnias|hryvnia|hryvnas|hryvnya', { currency: true }),
  def('CHF', 'swiss francs', { currency: true }),
  def('CAD', 'canadian dollars', { currency: true }),
  def('AUD', 'australian dollars', { currency: true }),
  def('INR', 'rupees', { currency: true }),
];

const ISO_CODES = new Set(['USD', 'EUR', 'GBP', 'PLN', 'CHF', 'JPY', 'CNY', 'RUB', 'UAH', 'CAD', 'AUD', 'INR']);
for (const code of ISO_CODES) UNIT_DEFS.push(def(code, code, { exact: true, currency: true }));

// Longest forms first so "square kilometres" wins over nothing and "pounds sterling" over "pounds".
const UNIT_FORMS = UNIT_DEFS.flatMap((d) => d.forms.map((form) => ({ d, form }))).sort(
  (a, b) => b.form.length - a.form.length,
);

const TIME_UNITS = new Set(['h', 'min', 's', 'd', 'wk', 'mo', 'yr', 'decade']);

const SYMBOL_CURRENCY: Record<string, string> = {
  $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₴': 'UAH', '₽': 'RUB', '₹': 'INR',
};
const DOLLAR_PREFIX: Record<string, string> = { US: 'USD', C: 'CAD', A: 'AUD' };

interface UnitMatch {
  unit: string;
  end: number;
  currency: boolean;
}

function gapIsSpace(text: string, a: Token | undefined, b: Token | undefined): boolean {
  return a !== undefined && b !== undefined && /^[ \t\u00a0]*$/.test(text.slice(a.end, b.start));
}

/** A unit written from token `p` on, or null. */
function matchUnit(text: string, toks: Token[], p: number, singleWordOnly = false): UnitMatch | null {
  for (const { d, form } of UNIT_FORMS) {
    if (singleWordOnly && form.length > 1) continue;
    let ok = true;
    for (let k = 0; k < form.length && ok; k++) {
      const t = toks[p + k];
      const f = form[k];
      if (!t || f === undefined) ok = false;
      else if (d.exact ? t.text !== f : t.text.toLowerCase() !== f) ok = false;
      else if (k > 0) ok = d.tight ? glued(toks[p + k - 1], t) : gapIsSpace(text, toks[p + k - 1], t);
    }
    // a unit word must end there ("m" is not the start of "metro")
    if (ok) return { unit: d.unit, end: p + form.length, currency: d.currency === true };
  }
  return null;
}

/**
 * The unit after a number ending at token `p - 1`: adjectival ("210-kilometer", "six-month",
 * "12-year-old"), glued ("10km", "45%") or spaced ("12.5 percent"). 'reject' when something
 * glued on is not a unit ("3rd", "5G", "1990s", "two-thirds", "twenty-first").
 */
function readUnit(text: string, toks: Token[], p: number): (UnitMatch & { adjectival: boolean }) | 'reject' | null {
  const t = toks[p];
  const before = toks[p - 1];
  if (!t) return null;
  if (t.text === '-' && glued(before, t)) {
    const w = toks[p + 1];
    if (!w || !glued(t, w) || w.kind !== 'word') return w && glued(t, w) ? 'reject' : null;
    const m = matchUnit(text, toks, p + 1, true);
    if (!m || m.currency) return 'reject';
    // "12-year-old"
    if (m.unit === 'yr' && toks[m.end]?.text === '-' && toks[m.end + 1]?.text.toLowerCase() === 'old') {
      return { ...m, end: m.end + 2, adjectival: true };
    }
    return { ...m, adjectival: true };
  }
  const m = matchUnit(text, toks, p);
  if (glued(before, t)) {
    if (m) return { ...m, adjectival: false };
    return t.kind === 'word' || t.kind === 'num' ? 'reject' : null;
  }
  return m ? { ...m, adjectival: false } : null;
}

// ---------------------------------------------------------------------------------------------
// Numbers with scale

interface Core {
  value: number;
  /** Multiplier from a scale word (1 when none). */
  scale: number;
  /** First token, and the token after the core. */
  start: number;
  end: number;
  /** The numeral as written when it is digits ("2016"), else null. */
  raw: string | null;
}

const SPACED_SCALE: Record<string, number> = { ...SCALES, bn: 1e9, bln: 1e9, mn: 1e6, mln: 1e6, tn: 1e12, trn: 1e12 };

function times(v: number, scale: number): number {
  return scale === 1 ? v : Number((v * scale).toPrecision(15));
}

/** The word after a glued "m" decides: "5m people" / "5m tonnes" → million, "100m" → metres. */
function countableAt(text: string, toks: Token[], k: number): boolean {
  const t = toks[k];
  if (!t || t.kind !== 'word' || !gapIsSpace(text, toks[k - 1], t)) return false;
  return matchUnit(text, toks, k) !== null || looksPlural(t.text);
}

function gluedScale(text: string, toks: Token[], k: number, money: boolean): number | null {
  const w = toks[k]?.text ?? '';
  if (w === 'bn' || w === 'bln' || ((w === 'b' || w === 'B') && money)) return 1e9;
  if (w === 'mn' || w === 'mln' || (w === 'M' && money)) return 1e6;
  if (w === 'm') return money || countableAt(text, toks, k + 1) ? 1e6 : null;
  if (w === 'k' || (w === 'K' && money)) return 1e3;
  if (w === 'tn' || w === 'trn') return 1e12;
  return null;
}

function readCore(text: string, toks: Token[], j: number, money: boolean): Core | null {
  const t = toks[j];
  if (!t) return null;
  if (t.kind === 'num') {
    let v = parseNumeral(t.text);
    const n = toks[j + 1];
    let scale: number | null = null;
    if (n && n.kind === 'word') {
      scale = glued(t, n)
        ? gluedScale(text, toks, j + 1, money)
        : (SPACED_SCALE[n.text.toLowerCase()] ?? ((n.text === 'm' || n.text === 'M') && money ? 1e6 : null));
    }
    if (v === null && scale !== null) v = parseDecimalComma(t.text);
    if (v === null) return null;
    if (scale === null) return { value: v, scale: 1, start: j, end: j + 1, raw: t.text };
    return { value: times(v, scale), scale, start: j, end: j + 2, raw: t.text };
  }
  if (t.kind === 'word') {
    const w = parseWordNumber(toks, j);
    if (!w) return null;
    return { value: w.value, scale: w.scale, start: j, end: w.end, raw: null };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Context: qualifiers, counted nouns, things that only look like quantities

const APPROX_BEFORE: Array<[RegExp, Approx]> = [
  [/(?:just|slightly|a little|well) (?:over|above|more than)$/, 'more than'],
  [/(?:just|slightly|a little) (?:under|below|less than|fewer than)$/, 'less than'],
  [/(?:no|not) (?:more|greater) than$/, 'at most'],
  [/(?:no|not) (?:fewer|less) than$/, 'at least'],
  [/(?:more than|over|above|upwards of|in excess of|exceeding|greater than)$/, 'more than'],
  [/(?:at least|a minimum of|minimum of)$/, 'at least'],
  [/(?:up to|as many as|as much as|as high as|at most|a maximum of|maximum of)$/, 'at most'],
  [/(?:less than|fewer than|under|below)$/, 'less than'],
  // nearly/almost are read as "about": a verifier should treat them as near, not as a bound
  [/(?:about|around|approximately|approx\.|roughly|some|nearly|almost|close to|an estimated|estimated|circa|c\.)$/, 'about'],
  [/(?:exactly|precisely)$/, 'exactly'],
];
const APPROX_AFTER: Record<string, Approx> = { more: 'at least', so: 'about', less: 'at most', fewer: 'at most' };

function approxBefore(text: string, start: number): Approx | undefined {
  const before = text.slice(Math.max(0, start - 40), start).toLowerCase().replace(/\s+/g, ' ');
  if (!/ $/.test(before)) return undefined;
  const head = before.trimEnd();
  for (const [re, a] of APPROX_BEFORE) {
    const m = re.exec(head);
    if (m && (m.index === 0 || /[^\p{L}]/u.test(head[m.index - 1] ?? ''))) return a;
  }
  return undefined;
}

/** Words that end a noun search: grammar words, adverbs and adjectives that follow measures. */
const STOP = new Set(
  (
    'a an the and or but nor of in on at to for from by with without within into onto over under ' +
    'per as than then that this these those which who whom whose what when where while if ' +
    'is are was were be been being has have had do does did will would shall should can could may might must ' +
    'it its they them their he she his her we our you your i me not no so such each every all both ' +
    'some any most least less next last after before since until during about around against between ' +
    'among through across along up down out off away back ago later earlier ahead long wide high deep tall ' +
    'old apart behind beyond above below annually yearly daily weekly monthly alone only just even also ' +
    'still already respectively apiece total overall compared according including here there now then ' +
    'inland offshore overseas abroad home overnight today tonight yesterday tomorrow north south east west ' +
    'northward southward eastward westward upstream downstream beneath underneath inside outside near ' +
    'beside besides toward towards via amid amidst past throughout underground alongside atop'
  ).split(' '),
);
/** Common verbs that end a noun run ("one person died"). */
const VERBS = new Set(
  ('said told went came took made saw got gave fell rose won lost left met held kept ran sent spent brought ' +
    'fought sought built hit put set say tell go come take make get give fall rise win lose leave meet hold keep ' +
    'remain remained live lived die died need needed sunk laid dug drawn hidden broken spoken chosen given ' +
    'taken driven written known shown grown thrown flown worn torn sworn frozen stolen begun done seen').split(' '),
);
/** Words skipped over but never chosen as the noun ("30 other countries"). */
const SKIP = new Set('other more additional new extra further fewer different separate'.split(' '));
const IRREGULAR_PLURALS = new Set(
  'people children men women police personnel staff cattle mice geese teeth feet data media'.split(' '),
);
const S_VERBS = new Set(
  ('says remains comes goes makes means needs includes seems shows gives takes stands falls rises marks ' +
    'sees gets puts lies sits runs looks appears becomes represents follows brings reaches exceeds ' +
    'helps lets keeps holds wants was has is does this thus always perhaps unless whereas across ' +
    'news series species').split(' '),
);

function looksPlural(word: string): boolean {
  const l = word.toLowerCase();
  if (IRREGULAR_PLURALS.has(l)) return true;
  if (S_VERBS.has(l) || l.length <= 3 || /['’]s$/.test(l)) return false;
  return l.endsWith('s') && !/(?:ss|us|is)$/.test(l);
}

/**
 * The counted or measured noun after token `p`: the first plural in a short run of content words
 * ("30 other countries"), else — for measures and "one" — the last word before a participle
 * ("an 800-kilometre eastern frontier" → "frontier").
 */
function readNoun(text: string, toks: Token[], p: number, singularOk: boolean): string | undefined {
  const run: string[] = [];
  let k = p;
  while (run.length < 4) {
    const t = toks[k];
    if (!t || t.kind !== 'word' || !gapIsSpace(text, toks[k - 1], t)) break;
    let w = t.text;
    let e = k + 1;
    while (toks[e]?.text === '-' && glued(toks[e - 1], toks[e]) && toks[e + 1]?.kind === 'word' && glued(toks[e], toks[e + 1])) {
      w += `-${toks[e + 1]?.text ?? ''}`;
      e += 2;
    }
    const l = w.toLowerCase();
    if (STOP.has(l) || (l.endsWith('ly') && l.length > 4) || isNumberWord(l)) break;
    if (run.length > 0 && (VERBS.has(l) || (/(?:ed|ing)$/.test(l) && !/eed$/.test(l) && l.length > 3))) break;
    run.push(w);
    k = e;
  }
  const content = run.filter((w) => !SKIP.has(w.toLowerCase()) && !/^\p{Lu}/u.test(w));
  const plural = content.find(looksPlural);
  if (plural) return plural;
  return singularOk ? content[content.length - 1] : undefined;
}

/** Before a number these make it a reference, not an amount ("Article 5", "Flight 17", "No. 10"). */
const REF_WORDS = new Set([
  ...('Article Articles Section Chapter Paragraph Clause Resolution Flight Route Highway Interstate Road Room ' +
    'Gate Terminal Platform Phase Stage Level Category Class Type Model Block Unit Item Page Vol Volume ' +
    'Issue No Nos Number Apollo Formula Windows Version Season Episode Part Act Amendment Protocol Annex ' +
    'Appendix Table Figure Fig Line District Ward Channel Camp Building Bill Proposition Prop Rule Regulation ' +
    'Directive Title Schedule Exhibit War Tier Grade').split(' '),
  ...'article section paragraph chapter clause resolution number page flight route no'.split(' '),
]);
/** Before a bare four-digit year-like number these keep it a year even before a plural ("in 2016 mines were..."). */
const DATE_CONTEXT = new Set(
  ('in on by since until till from before after of during the a an this that its their his her our ' +
    'early mid late end start beginning spring summer autumn fall winter year to through and or between ' +
    'circa fiscal than as for').split(' '),
);
/** "one" is a number only with a unit, a scale or a counted noun outside these idioms. */
const ONE_BLOCK_BEFORE = new Set('no any every each the this that which at on someone anyone everyone'.split(' '));
const ONE_IDIOMS = new Set('another thing way point time side hand kind sort'.split(' '));
const ONE_TIME_OK = new Set('for within in after only just than over about around least under nearly almost'.split(' '));
/** Verbs of change before "from X to Y" or "by X to Y" ("rose from 5 to 6 percent": two figures, not a range). */
const CHANGE_VERB = new RegExp(
  '^(?:ris(?:e|es|en|ing)|rose|f[ae]ll(?:s|en|ing)?|(?:in|de)creas(?:e|es|ed|ing)|drop(?:s|ped|ping)?|' +
    'gr[eo]w(?:s|n|ing)?|climb(?:s|ed|ing)?|declin(?:e|es|ed|ing)|jump(?:s|ed|ing)?|surg(?:e|es|ed|ing)|' +
    'soar(?:s|ed|ing)?|slipped|slid|plung(?:e|es|ed|ing)|plummet(?:s|ed|ing)?|cut(?:s|ting)?|' +
    'rais(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|boost(?:s|ed|ing)?|expand(?:s|ed|ing)?|' +
    'shr[iau]nk|went|go(?:es|ne)?|up|down|(?:revis|chang|mov|doubl|tripl|hik)(?:e|es|ed|ing)|' +
    'slash(?:es|ed|ing)?|trimmed|widen(?:s|ed|ing)?|narrow(?:s|ed|ing)?)$',
);

const CLOCK_AFTER = /^\s?(?:[ap]\.?m\.?|o['’]clock|GMT|UTC|CET|CEST|BST|EST|EDT|PST|PDT)(?![\p{L}])/iu;

function lowerAt(toks: Token[], k: number): string {
  return toks[k]?.text.toLowerCase() ?? '';
}

function monthNear(toks: Token[], c: Core): boolean {
  const prev = toks[c.start - 1];
  const prev2 = toks[c.start - 2];
  if (monthOf(prev?.text) || (prev?.text === '.' && monthOf(prev2?.text))) return true;
  const next = toks[c.end];
  if (monthOf(next?.text)) return true;
  return next?.text.toLowerCase() === 'of' && monthOf(toks[c.end + 1]?.text) !== undefined;
}

/** Something glued on the left makes the digits part of an identifier or address. */
function gluedLeft(toks: Token[], j: number): boolean {
  const t = toks[j];
  const prev = toks[j - 1];
  if (!t || !prev || !glued(prev, t)) return false;
  if (prev.kind !== 'sym') return true; // "G7", "MH17"
  if (prev.text === '-' || prev.text === '–') {
    const pp = toks[j - 2];
    return pp !== undefined && glued(pp, prev) && pp.kind !== 'sym'; // "F-16", "COVID-19"
  }
  return '/.:#_@&\\'.includes(prev.text);
}

/** Glued on the right: clock "10:30", fraction or slashed date "24/7", "13/06". */
function gluedRight(toks: Token[], c: Core): boolean {
  const last = toks[c.end - 1];
  const n = toks[c.end];
  const nn = toks[c.end + 1];
  if (!glued(last, n) || !n) return false;
  return (n.text === ':' || n.text === '/') && nn?.kind === 'num' && glued(n, nn);
}

function isReference(toks: Token[], j: number): boolean {
  const prev = toks[j - 1];
  if (!prev) return false;
  if (prev.text === '#') return true;
  if (prev.text === '.' && /^no$/i.test(toks[j - 2]?.text ?? '')) return true;
  return prev.kind === 'word' && REF_WORDS.has(prev.text);
}

// ---------------------------------------------------------------------------------------------
// The scanner

interface Attempt {
  found: Quantity[];
  next: number;
}

const skip = (next: number): Attempt => ({ found: [], next });

function build(
  text: string,
  start: number,
  end: number,
  value: number,
  unit: string | null,
  extra: { min?: number; max?: number; approx?: Approx | undefined; noun?: string | undefined },
): Quantity {
  const q: Quantity = { text: text.slice(start, end), value, unit, span: { start, end } };
  if (extra.min !== undefined) q.min = extra.min;
  if (extra.max !== undefined) q.max = extra.max;
  if (extra.approx !== undefined) q.approx = extra.approx;
  if (extra.noun !== undefined) q.noun = extra.noun;
  return q;
}

/** A currency sign or code right before a number: "$", "US$", "€", "PLN ". */
function currencyPrefix(text: string, toks: Token[], i: number): { code: string; end: number } | null {
  const t = toks[i];
  if (!t) return null;
  const next = toks[i + 1];
  const sym = SYMBOL_CURRENCY[t.text];
  if (sym && next?.kind === 'num' && gapIsSpace(text, t, next)) return { code: sym, end: i + 1 };
  const dollar = DOLLAR_PREFIX[t.text];
  if (dollar && next?.text === '$' && glued(t, next) && toks[i + 2]?.kind === 'num' && gapIsSpace(text, next, toks[i + 2])) {
    return { code: dollar, end: i + 2 };
  }
  if (ISO_CODES.has(t.text) && next?.kind === 'num' && gapIsSpace(text, t, next)) return { code: t.text, end: i + 1 };
  return null;
}

interface Range {
  c2: Core;
  /** "-", "–", "to" or "and". */
  joiner: string;
  /** First token of the upper end, its currency sign included ("$6 million"). */
  from: number;
}

/** The upper end of a range after `c1`: "5-6 million", "5 to 6", "five and six" (after "between"). */
function readRange(text: string, toks: Token[], c1: Core, lead: string, money: boolean): Range | null {
  const conn = toks[c1.end];
  if (!conn) return null;
  const w = conn.text.toLowerCase();
  const hyphen = (w === '-' && glued(toks[c1.end - 1], conn) && glued(conn, toks[c1.end + 1])) || w === '–' || w === '—';
  const word = (w === 'to' && lead !== 'between') || (w === 'and' && lead === 'between');
  if (!hyphen && !word) return null;
  const pre2 = currencyPrefix(text, toks, c1.end + 1);
  const c2 = readCore(text, toks, pre2 ? pre2.end : c1.end + 1, money || pre2 !== null);
  if (!c2 || gluedRight(toks, c2)) return null;
  // once the lower end has its own scale, the upper needs one too ("5 million to 6 million")
  if (c1.scale > 1 && c2.scale === 1) return null;
  return { c2, joiner: w, from: c1.end + 1 };
}

/** The lower end takes the upper end's scale when that keeps the range ascending ("5-6 million"). */
function lowerEnd(c1: Core, c2: Core): number {
  return c2.scale > 1 && c1.scale === 1 && times(c1.value, c2.scale) <= c2.value ? times(c1.value, c2.scale) : c1.value;
}

const yearish = (c: Core, prevWord: string | undefined) => c.raw !== null && c.scale === 1 && isYearLike(c.raw, prevWord);
const dayLike = (c: Core) => c.raw !== null && Number.isInteger(c.value) && c.value <= 31 && c.scale === 1;

function quantityAt(text: string, toks: Token[], i: number): Attempt | null {
  const t0 = toks[i];
  if (!t0) return null;
  // ISO dates "2025-06-13" belong to the date annotator
  if (t0.kind === 'num' && /^\d{4}-\d{1,2}-\d{1,2}(?!\d)/.test(text.slice(t0.start, t0.start + 12))) return skip(i + 5);

  const pre = currencyPrefix(text, toks, i);
  const money = pre !== null;
  const j = pre ? pre.end : i;
  const c1 = readCore(text, toks, j, money);
  if (!c1) return null;
  if (!pre && gluedLeft(toks, j)) return skip(c1.end);
  if (gluedRight(toks, c1)) return skip(c1.end + 2);
  if (isReference(toks, j)) return skip(c1.end);

  const lead = lowerAt(toks, i - 1);
  const prevWord = toks[j - 1]?.kind === 'word' ? toks[j - 1]?.text : undefined;
  let range = readRange(text, toks, c1, lead, money);
  let u = readUnit(text, toks, range ? range.c2.end : c1.end);
  if (range) {
    const { c2, joiner } = range;
    const bare = !pre && (u === null || u === 'reject');
    // "2016-2018", "2019-20", "between 2010 and 2015": years, owned by the date annotator
    if (bare && yearish(c1, prevWord) && (yearish(c2, undefined) || (c2.raw?.length === 2 && joiner !== 'and'))) {
      return skip(c2.end);
    }
    // "12-13 June": days of a date
    if (bare && dayLike(c1) && dayLike(c2) && monthNear(toks, { ...c1, end: c2.end })) return skip(c2.end);
    // "rose from 5 to 6 percent" is a change: two figures sharing the unit; so are "rose by 51,000 to
    // 419,000" and "dropped 30,001 to 577,501" (a change to a level many times the change)
    if ((lead === 'from' || lead === 'by' || (CHANGE_VERB.test(lead) && c2.value >= 5 * lowerEnd(c1, c2))) && joiner === 'to' && u !== 'reject') {
      const back = CHANGE_VERB.test(lead) ? [lead] : [lowerAt(toks, i - 2), lowerAt(toks, i - 3), lowerAt(toks, i - 4)];
      if (back.some((w) => CHANGE_VERB.test(w))) {
        const unit = pre?.code ?? u?.unit ?? null;
        const end = u ? u.end : c2.end;
        const first = build(text, t0.start, toks[c1.end - 1]?.end ?? t0.start, lowerEnd(c1, c2), unit, {});
        const s2 = toks[range.from]?.start ?? 0;
        return { found: [first, build(text, s2, toks[end - 1]?.end ?? s2, c2.value, unit, {})], next: end };
      }
    }
    // a range running backwards is a score ("3-1") when hyphenated, else no range at all
    if (c2.value <= lowerEnd(c1, c2)) {
      if (joiner !== 'to' && joiner !== 'and') return skip(c2.end);
      range = null;
      u = readUnit(text, toks, c1.end);
    }
  }
  if (u === 'reject') return skip((range ? range.c2.end : c1.end) + 1);

  const last = range ? range.c2 : c1;
  let unit: string | null = pre?.code ?? null;
  let end = last.end;
  if (u && (!pre || u.currency || u.unit === 'lb')) {
    // a currency sign wins over a currency word; "£5 pounds" is not weight
    if (!pre) unit = u.unit;
    end = u.end;
  }
  const isTime = unit !== null && TIME_UNITS.has(unit);

  if (!range && !money && unit === null) {
    if (dayLike(c1) && monthNear(toks, c1)) return skip(c1.end); // "13 June", "June 13"
    if (CLOCK_AFTER.test(text.slice(toks[c1.end - 1]?.end ?? 0))) return skip(c1.end); // "3 pm"
  }
  if (isTime && lowerAt(toks, end) === 'ago') return skip(end + 1); // "three days ago" is a date

  // a minus sign standing right before the digits: "-5%", "−3 degrees"
  const sign = !pre && !range && c1.raw !== null ? toks[j - 1] : undefined;
  const negative = sign !== undefined && (sign.text === '-' || sign.text === '−') && glued(sign, toks[j]) && !glued(toks[j - 2], sign);
  const start = negative ? sign.start : t0.start;
  const stop = toks[end - 1]?.end ?? start;

  const qualifierAt = lead === 'between' || lead === 'from' ? (toks[i - 1]?.start ?? start) : start;
  let approx = approxBefore(text, qualifierAt);
  if (approx === 'more than' && isTime && /over\s*$/i.test(text.slice(0, qualifierAt))) approx = undefined; // "over 48 hours" = during
  let nounFrom = end;
  const orWord = lowerAt(toks, end + 1);
  if (lowerAt(toks, end) === 'or' && orWord in APPROX_AFTER) {
    approx ??= APPROX_AFTER[orWord];
    nounFrom = end + 2;
  }
  // time spans keep a noun only when adjectival ("a six-month withdrawal period")
  const adjectival = u !== null && u.adjectival;
  const singularOk = (unit !== null && !isTime) || c1.value === 1 || adjectival;
  const noun = isTime && !adjectival ? undefined : readNoun(text, toks, nounFrom, singularOk);

  if (!range && !pre && unit === null) {
    // A year-like number stays a year unless a qualifier ("about 2000") or a plural noun after
    // a verb ("destroyed 2016 mines") makes it an amount.
    if (yearish(c1, prevWord) && approx === undefined) {
      const prev = toks[j - 1];
      const amount =
        prev?.kind === 'word' && !DATE_CONTEXT.has(prev.text.toLowerCase()) && !monthOf(prev.text) &&
        noun !== undefined && looksPlural(noun);
      if (!amount) return skip(c1.end);
    }
    // "one" needs a real counted noun ("one person", not "one of", "at one point")
    const before = lowerAt(toks, j - 1);
    if (c1.raw === null && c1.value === 1 && c1.end - c1.start === 1) {
      if (!noun || ONE_BLOCK_BEFORE.has(before) || ONE_IDIOMS.has(noun.toLowerCase())) return skip(c1.end);
    }
    // a bare digit count right after a capitalised word is a name or model ("Boeing 737", "Nord Stream 2")
    const cap = toks[j - 1];
    if (
      c1.raw !== null && noun === undefined && approx === undefined && cap?.kind === 'word' &&
      /^\p{Lu}/u.test(cap.text) && !STOP.has(cap.text.toLowerCase())
    ) {
      return skip(c1.end);
    }
  }
  // "one day" only after a preposition or qualifier ("within one day"), not "One day, ..."
  if (isTime && c1.raw === null && c1.value === 1 && c1.end - c1.start === 1 && !ONE_TIME_OK.has(lowerAt(toks, j - 1))) {
    return skip(end);
  }

  const value = range ? lowerEnd(c1, range.c2) : negative ? -c1.value : c1.value;
  const q = build(text, start, stop, value, unit, {
    ...(range ? { min: value, max: range.c2.value } : {}),
    approx,
    noun,
  });
  return { found: [q], next: end };
}

/** Every quantity in `text`, in order, without overlaps. */
export function findQuantities(text: string): Quantity[] {
  const toks = tokenize(text);
  const out: Quantity[] = [];
  let i = 0;
  while (i < toks.length) {
    const r = quantityAt(text, toks, i);
    if (r) {
      out.push(...r.found);
      i = Math.max(r.next, i + 1);
    } else {
      i++;
    }
  }
  return out;
}
