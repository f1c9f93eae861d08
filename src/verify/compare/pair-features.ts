/**
 * Features of a (claim mention, passage mention) pair for the same-fact model: how surely two
 * figures or two dates are about the same thing, from the words around them only. The values
 * themselves are never a feature (the model must align "$447 billion" with "$672 billion" as
 * readily as with "$447 billion"): only their kind, their qualifiers and their neighbourhood.
 * Bump PAIR_FEATURES whenever a feature changes (the model file records it).
 */
import { contrast, objectClash, shared, subjectClash, tailClash, type Context } from './align.ts';

export const PAIR_FEATURES = 'same-fact-features@2';

/** What the comparison module knows about the pair besides the two contexts. */
export interface PairFacts {
  kind: 'quantity' | 'date';
  /** Coarse kind of the value: count, money, percent, length, … for figures; year, month, day for dates. */
  dim: string;
  /** Mentions of the same kind in each one's sentence (the mention included). */
  claimSiblings: number;
  passageSiblings: number;
  /** Qualifiers: bound ("more than", "by"), approximate ("about"), range. */
  claimBound: boolean;
  passageBound: boolean;
  claimApprox: boolean;
  passageApprox: boolean;
  claimRange: boolean;
  passageRange: boolean;
  /** Figures: a count relative to another ("19 other ports") on each side. */
  claimRelative?: boolean;
  passageRelative?: boolean;
  /** Figures: the years named in each clause are the same set / one side names none. */
  yearsSame?: boolean;
  yearsOneSided?: boolean;
  /** Figures: both clauses name places and none in common. */
  otherPlaces?: boolean;
  /** Dates: an end of a range, a year naming a thing ("the 2016 election"). */
  claimIncidental?: boolean;
  passageIncidental?: boolean;
  claimAttributive?: boolean;
  passageAttributive?: boolean;
  /** Dates: "since" on one side only. */
  sinceMismatch?: boolean;
}

const DIMS = ['count', 'currency', 'percent', 'length', 'time', 'mass', 'area', 'volume', 'speed', 'year', 'month', 'day', 'decade', 'age', 'magnitude'];

const jaccard = (a: Set<string>, b: Set<string>): number => {
  const n = shared(a, b);
  const u = a.size + b.size - n;
  return u ? n / u : 0;
};
const cover = (a: Set<string>, b: Set<string>): number => (a.size ? shared(a, b) / a.size : 0);
const b01 = (x: boolean | undefined): number => (x ? 1 : 0);

/** Number of features (dense). */
export const PAIR_DIM = 44 + DIMS.length + 1;

/** The feature vector of one pair (dense, PAIR_DIM long). */
export function pairFeatures(c: Context, p: Context, f: PairFacts): Float32Array {
  const x = new Float32Array(PAIR_DIM);
  let i = 0;
  const put = (v: number): void => { x[i++] = Number.isFinite(v) ? v : 0; };
  const headSame = c.head !== undefined && c.head === p.head;
  put(b01(headSame));
  put(b01(c.head !== undefined && p.head !== undefined && !headSame));
  put(b01(c.head === undefined || p.head === undefined));
  put(b01(c.head !== undefined && p.window.has(c.head)));
  put(b01(p.head !== undefined && c.window.has(p.head)));
  put(b01(c.before !== undefined && c.before === p.before));
  put(b01((c.before !== undefined && c.before === p.head) || (p.before !== undefined && p.before === c.head)));
  const phraseSame = c.phrase.length > 0 && c.phrase.join(' ').toLowerCase() === p.phrase.join(' ').toLowerCase();
  put(b01(phraseSame));
  // Words around the mentions.
  const win = shared(c.window, p.window);
  put(Math.min(win, 6) / 6);
  put(jaccard(c.window, p.window));
  put(Math.min(shared(c.near, p.near), 4) / 4);
  put(jaccard(c.near, p.near));
  put(cover(c.near, p.window));
  put(cover(p.near, c.window));
  let namesShared = 0;
  for (const w of c.window) if (p.window.has(w) && (c.names.has(w) || p.names.has(w))) namesShared++;
  put(Math.min(namesShared, 3) / 3);
  put(Math.min(win - namesShared, 5) / 5);
  // The two sentences.
  const sw = shared(c.sentenceWords, p.sentenceWords);
  put(jaccard(c.sentenceWords, p.sentenceWords));
  put(Math.log1p(sw) / 3);
  put(cover(c.sentenceWords, p.sentenceWords));
  put(cover(p.sentenceWords, c.sentenceWords));
  put(Math.log1p(c.sentenceWords.size) / 4);
  put(Math.log1p(p.sentenceWords.size) / 4);
  put(jaccard(c.lead, p.lead));
  put(Math.min(shared(c.tail, p.tail), 3) / 3);
  put(b01(c.tail.size > 0 && p.tail.size > 0 && shared(c.tail, p.tail) === 0));
  // Clashes the rules know.
  put(b01(subjectClash(c, p)));
  put(b01(c.subject !== undefined && c.subject === p.subject));
  put(b01(objectClash(c, p)));
  put(b01(tailClash(c, p)));
  put(b01(contrast(c, p)));
  put(b01(c.planned !== p.planned));
  put(b01(c.modal !== p.modal));
  put(b01(c.modal && p.modal));
  // How many rivals each mention has in its sentence.
  put(Math.min(f.claimSiblings - 1, 4) / 4);
  put(Math.min(f.passageSiblings - 1, 4) / 4);
  put(b01(f.claimSiblings === 1 && f.passageSiblings === 1));
  // Qualifiers.
  put(b01(f.claimBound) + b01(f.passageBound));
  put(b01(f.claimBound !== f.passageBound));
  put(b01(f.claimApprox || f.passageApprox));
  put(b01(f.claimRange !== f.passageRange));
  // Kind-specific facts.
  put(b01(f.claimRelative !== f.passageRelative));
  put(f.yearsSame === undefined ? 0 : f.yearsSame ? 1 : -1);
  put(b01(f.yearsOneSided) + b01(f.otherPlaces) * 2);
  put(b01(f.claimIncidental || f.passageIncidental) + b01(f.claimAttributive && f.passageAttributive) + b01(f.sinceMismatch) * 2);
  if (i !== 44) throw new Error(`pairFeatures wrote ${i} dense features, expected 44`);
  const d = DIMS.indexOf(f.dim);
  x[44 + (d < 0 ? DIMS.length : d)] = 1;
  return x;
}
