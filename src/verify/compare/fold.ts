/**
 * Folding and word normalisation for comparison: diacritics away, lower case, a crude
 * stemmer that is consistent on both sides ("running" = "run", "countries" = "country"), and a
 * small synonym table that maps near-synonyms to one token ("frontier" = "border").
 */
import { fold as foldLetters } from '../../model/fold.ts';

/** A bounded memo: the same passages are compared with many claims. */
function memo<T>(f: (s: string) => T, max = 20_000): (s: string) => T {
  let cache = new Map<string, T>();
  return (s: string): T => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const v = f(s);
    if (cache.size >= max) cache = new Map();
    cache.set(s, v);
    return v;
  };
}

/** Diacritics and special letters away, lower case, typographic apostrophes straightened. */
export const fold = memo(foldRaw);

function foldRaw(s: string): string {
  return foldLetters(s).replace(/[’‘`]/g, "'");
}

const IRREGULAR: Record<string, string> = {
  began: 'begin', begun: 'begin', built: 'build', ran: 'run', rose: 'rise', risen: 'rise', fell: 'fall',
  fallen: 'fall', broke: 'break', broken: 'break', sank: 'sink', sunk: 'sink', withdrew: 'withdraw',
  withdrawn: 'withdraw', held: 'hold', paid: 'pay', said: 'say', told: 'tell', left: 'leave', went: 'go',
  gone: 'go', came: 'come', made: 'make', took: 'take', taken: 'take', won: 'win', lost: 'lose', grew: 'grow',
  grown: 'grow', spent: 'spend', sold: 'sell', bought: 'buy', kept: 'keep', led: 'lead', met: 'meet',
  sent: 'send', gave: 'give', given: 'give', found: 'find', killed: 'kill', died: 'die', dead: 'die',
  death: 'die', deaths: 'die', people: 'people', persons: 'people', person: 'people', men: 'man',
  women: 'woman', children: 'child', wrote: 'write', written: 'write', chose: 'choose', drove: 'drive',
  rode: 'ride', ridden: 'ride', flew: 'fly', froze: 'freeze', shut: 'shut', cut: 'cut', set: 'set', put: 'put',
  hit: 'hit', thought: 'think', brought: 'bring', felt: 'feel', stood: 'stand', understood: 'understand',
  struck: 'strike', fought: 'fight', caught: 'catch', taught: 'teach', sought: 'seek', bore: 'bear',
  born: 'bear', swore: 'swear', hung: 'hang', lay: 'lie', laid: 'lay', meant: 'mean',
};

/** A consistent stem: the same word in other inflections gets the same stem. */
export function stem(word: string): string {
  let w = IRREGULAR[word] ?? word;
  if (IRREGULAR[word]) return w;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:xes|ches|shes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 3) w = `${w.slice(0, -1)}i`;
  return w;
}

function undouble(w: string): string {
  return /([bcdfgkmnprtvz])\1$/.test(w) ? w.slice(0, -1) : w;
}

/**
 * Near-synonyms, first word of each group is the canonical form. Deliberately small: a wrong
 * synonym aligns unrelated figures, a missing one only loses an alignment.
 */
const SYNONYM_GROUPS: string[][] = [
  ['border', 'frontier', 'boundary'],
  ['people', 'persons', 'residents', 'inhabitants', 'individuals'],
  ['worker', 'staff', 'employees', 'personnel', 'workforce'],
  ['begin', 'start', 'commence', 'launch'],
  ['line', 'route', 'railway', 'railroad'],
  ['journey', 'trip', 'ride', 'travel'],
  ['cost', 'price', 'budget'],
  ['finish', 'complete', 'completion'],
  ['open', 'opening', 'inaugurate', 'inauguration'],
  ['die', 'kill', 'fatality', 'fatalities', 'dead'],
  ['injure', 'wound', 'hurt', 'injury', 'injuries'],
  ['soldier', 'troops', 'troop'],
  ['country', 'nation'],
  ['company', 'firm', 'operator'],
  ['vehicle', 'car'],
  ['flood', 'flooding'],
  ['freight', 'cargo', 'goods'],
  ['passenger', 'rider', 'commuter', 'traveller', 'traveler'],
];

const CANON = new Map<string, string>();
for (const g of SYNONYM_GROUPS) {
  const head = stem(g[0]!);
  for (const w of g) CANON.set(stem(w), head);
}

/** Nouns for people: a count of "people" weakly aligns with a count of workers or passengers. */
const PERSON_NOUNS = new Set(
  ['worker', 'passenger', 'soldier', 'child', 'student', 'voter', 'patient', 'civilian', 'refugee',
    'migrant', 'employee', 'member', 'resident', 'visitor', 'tourist', 'fan', 'protester', 'adult',
    'man', 'woman', 'victim', 'user', 'customer'].map((w) => CANON.get(stem(w)) ?? stem(w)),
);

/** Stem and map to the synonym group's canonical form. */
export const canon = memo(canonRaw);

function canonRaw(word: string): string {
  const f = fold(word).replace(/'s$/, '').replace(/[.']/g, '');
  const s = derive(stem(f));
  return CANON.get(s) ?? s;
}

/** Words derived from one noun or verb read as it ("presidential", "presidency" = "president"; "endorsement" = "endorse"; "election" = "elect"). */
function derive(s: string): string {
  if (s.length < 8) return s;
  if (s.endsWith('ential')) return `${s.slice(0, -4)}t`;
  if (s.endsWith('enci')) return `${s.slice(0, -2)}t`;
  if (s.endsWith('ement') && s.length >= 10) return s.slice(0, -5);
  // "election" = "elected", "nomination" = "nominated", "investigation" = "investigated".
  if (/[st]ion$/.test(s) && !NOT_DERIVED.has(s)) return s.slice(0, -3);
  return s;
}

/** Words ending like a derived noun that are not one ("question" is not "quest"). */
const NOT_DERIVED = new Set(['question', 'questions', 'mansion', 'pension', 'television']);

/** 1 for the same (canonical) noun, 0.6 for "people" against a kind of person, else 0. */
export function nounMatch(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const people = CANON.get('people') ?? 'people';
  if ((a === people && PERSON_NOUNS.has(b)) || (b === people && PERSON_NOUNS.has(a))) return 0.6;
  return 0;
}

/** Words that carry no content for alignment: grammar, reporting verbs, numbers, units. */
export const STOP = new Set(
  (
    'a an the and or but nor of in on at to for from by with without within into onto over under per as than ' +
    'then that this these those which who whom whose what when where while if is are was were be been being ' +
    'has have had do does did will would shall should can could may might must it its they them their he she ' +
    'his her him we our us you your i me my not no never so such each every all both some any most more less ' +
    'least much many few other another next last after before since until till during about around against ' +
    'between among through across along up down out off away back ago later earlier ahead only just even also ' +
    'still already yet very too now here there today yesterday tomorrow said says say told tell tells added ' +
    'according noted stated according one two three four five six seven eight nine ten eleven twelve twenty ' +
    'thirty forty fifty hundred hundreds thousand thousands million millions billion billions trillion half ' +
    'dozen dozens percent per cent pct km kilometre kilometres kilometer kilometers mile miles metre metres ' +
    'meter meters hour hours minute minutes day days week weeks month months year years euro euros dollar ' +
    'dollars pound pounds mr mrs ms dr new first second third last former own same itself themselves there ' +
    'how why because though although however while whether almost nearly roughly some once again instead ' +
    'like unlike well how s t'
  ).split(' '),
);

/** Generic measure nouns: "a 3 km stretch" says little about what is measured. */
export const GENERIC_NOUNS = new Set(
  'stretch section part length portion segment piece area distance amount total figure sum share number level rate ' +
    'point percentage proportion fraction majority minority value'
    .split(' ')
    .map((w) => canon(w)),
);

/** Nouns for a portion of something: "an 80 km stretch" is not the whole line. */
export const PORTION_NOUNS = new Set(
  'stretch section part portion segment piece length leg phase stage'.split(' ').map((w) => canon(w)),
);

/** Words that end a noun phrase after a figure ("38-kilometre tunnel beneath …"). */
export const PHRASE_END = new Set(
  ('a an the and or but nor of in on at to for from by with without within into onto over under per as than ' +
    'that which who whom whose when where while if is are was were be been being has have had will would ' +
    'could can may might must should said says told each every all both beneath below above across along ' +
    'through between among against near around after before since until during up down out off away back ' +
    'ago a year a day apiece respectively alone only just').split(' '),
);

const PARTICIPLE = /(?:ed|ing)$/;
const VERB_LIKE = new Set(['sunk', 'built', 'run', 'made', 'held', 'paid', 'set', 'put', 'laid', 'cut', 'dug', 'left']);

/** Present-tense verbs that follow a measured noun ("the 130-kilometre route includes …"). */
const VERB_3SG = new Set(
  ('includes runs takes costs covers connects links joins spans reaches features means carries serves opens ' +
    'crosses passes needs requires remains stretches lies sits stands has is was will would could').split(' '),
);

/** Whether the last word of a noun-phrase run looks like a verb rather than its head. */
export function verbLike(raw: string): boolean {
  const w = fold(raw);
  return VERB_LIKE.has(w) || VERB_3SG.has(w) || (PARTICIPLE.test(w) && w.length > 5);
}

export const NUMBER_WORD = /^(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|bn|m|k)$/i;

export interface Word {
  /** As written (possessive and trailing dots removed). */
  raw: string;
  /** Canonical stem. */
  w: string;
  start: number;
  end: number;
  /** Carries content (not a stop word, not a number). */
  content: boolean;
  /** Written with a capital. */
  cap: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}’'.&-]*/gu;

/** Words of a text with offsets into it (shared: do not mutate). */
export const words = memo(wordsRaw, 500);

function wordsRaw(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    let raw = m[0];
    raw = raw.replace(/[’']s?$/, '').replace(/[.-]+$/, '');
    if (!raw) continue;
    const start = m.index;
    const f = fold(raw);
    const content = !STOP.has(f) && !NUMBER_WORD.test(f) && f.length > 1;
    out.push({ raw, w: canon(raw), start, end: start + raw.length, content, cap: /^\p{Lu}/u.test(raw) });
  }
  return out;
}

/** Canonical content words of a text (a fresh set each call). */
export function contentSet(text: string): Set<string> {
  return new Set(words(text).filter((w) => w.content).map((w) => w.w));
}

/** How many of `a` are in `b`. */
export function sharedCount(a: Iterable<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}
