/**
 * Person names: variants of one name are the same person ("Paweł Zalewski" = "Pawel Zalewski"
 * = "P. Zalewski" = "Zalewski" = "Deputy Minister Zalewski" = "Mike"/"Michael" Thibodeau; a family
 * name written first: "Xi Jinping" = "President Xi").
 */
import { fold } from './fold.ts';

const TITLES = new Set(
  ('mr mrs ms miss dr prof professor sir dame lord lady president minister gen general col colonel sen senator ' +
    'rep gov governor judge rev father king queen prince princess chancellor premier mayor deputy secretary ' +
    'chief executive ceo chairman chairwoman spokesman spokeswoman spokesperson director lt capt captain ' +
    'speaker leader vice house senate former')
    .split(' '),
);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** Common short forms of given names. */
const NICKNAMES: Record<string, string> = {
  joe: 'joseph', bill: 'william', will: 'william', bob: 'robert', rob: 'robert', jim: 'james', jimmy: 'james',
  mike: 'michael', tom: 'thomas', dick: 'richard', rick: 'richard', ted: 'edward', ed: 'edward', chris: 'christopher',
  dan: 'daniel', dave: 'david', steve: 'stephen', tony: 'anthony', nick: 'nicholas', alex: 'alexander',
  ben: 'benjamin', sam: 'samuel', liz: 'elizabeth', beth: 'elizabeth', kate: 'katherine', andy: 'andrew',
  matt: 'matthew', pat: 'patrick', chuck: 'charles', charlie: 'charles', jack: 'john', larry: 'lawrence',
  jerry: 'gerald', greg: 'gregory', jeff: 'jeffrey', don: 'donald', ron: 'ronald', tim: 'timothy', fred: 'frederick',
  hank: 'henry', harry: 'henry', peggy: 'margaret', maggie: 'margaret', sue: 'susan', jenny: 'jennifer',
};

/**
 * Folded name words without titles or suffixes: "Deputy Minister Paweł Zalewski" → ["pawel",
 * "zalewski"]; "Harry Reid of Nevada" → ["harry", "reid"]; "of State Hillary Clinton" → ["hillary", "clinton"].
 */
export function nameWords(name: string): string[] {
  let words = fold(name).replace(/'s$/, '').split(/\s+/).map((w) => w.replace(/[.,]+$/, '')).filter(Boolean);
  // A leading "of X" is the tail of a title ("Secretary of State …").
  while (words[0] === 'of') words = words.slice(2);
  const of = words.indexOf('of');
  if (of > 0) words = words.slice(0, of);
  return words.filter((w) => !TITLES.has(w) && !SUFFIXES.has(w));
}

function givenMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return true;
  const na = NICKNAMES[a] ?? a;
  const nb = NICKNAMES[b] ?? b;
  if (na === nb) return true;
  return a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a));
}

/** Whether two written names can be the same person. */
export function samePerson(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  if (!x.length || !y.length) return false;
  if (x.join(' ') === y.join(' ')) return true;
  // A family name written first ("Xi Jinping" = "President Xi", "Moon Jae-in" = "Moon").
  if ((x.length === 1 && y.length === 2 && x[0] === y[0]) || (y.length === 1 && x.length === 2 && y[0] === x[0])) return true;
  if (x[x.length - 1] !== y[y.length - 1]) return false;
  const gx = x.slice(0, -1);
  const gy = y.slice(0, -1);
  if (!gx.length || !gy.length) return true; // surname only
  return gx.some((g) => gy.some((h) => givenMatch(g, h)));
}

/** Words that make a capitalised phrase a place, a building or a body rather than a person. */
const NOT_PERSON = new Set(
  ('house garden court street avenue office department committee party force one two three center centre hall ' +
    'square park building ministry agency council union bank group university college school church hospital ' +
    'airport station port bridge river lake mountain island city county state states republic kingdom news post ' +
    'times journal press service services board commission senate congress assembly parliament campaign lighthouse')
    .split(' '),
);

/** A name as a person's name: two or more capitalised words, or an initial and a surname. */
export function looksLikeName(text: string): boolean {
  const parts = text.split(/\s+/);
  return parts.length >= 2 && parts.length <= 5 && parts.every((p) => /^\p{Lu}(?:[\p{Ll}\p{M}’'-]+|\.)$/u.test(p)) &&
    !parts.some((p) => NOT_PERSON.has(fold(p)));
}
