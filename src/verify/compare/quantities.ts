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
import { assign, kin, modifierClash, namesMeet, objectClash, personClash, shared, subjectClash, tailClash, twins, type Context, type Pair, type Side } from './align.ts';
import { generic, partVsWhole, openBracket, quotedFigure, casualtyOthers, othersWord, relative, otherPlaces, otherYears, comparable, hasChange, plausiblySame, coordinated, sameCoordinated, changeAmount, casualty, otherMeasures, lonelyHead, yearsNear } from './figure-guards.ts';
import { type Tolerance, type Interval, type Figure, figures, show, inUnit, isCount, overlap, agrees, farPastBound, pastBy, adjacentRanges, farApart, sumOf, groups } from './figures.ts';
import { canon, nounMatch, PORTION_NOUNS } from './fold.ts';
import { pairFeatures, type PairFacts } from './pair-features.ts';
import { sameFactModel, sameFactProbability } from './same-fact.ts';
import { finding, type Finding } from './types.ts';
import { dimension, formatQuantity, fromBase, toBase } from './units.ts';

export { agrees, figures, type Figure } from './figures.ts';

/** Alignment score needed to report a difference, and to report an agreement. */
export const CONFLICT_SCORE = 0.6;
export const AGREE_SCORE = 0.3;
/** Figures more than ten times apart are compared only on a strong alignment ("cost" of a line vs of a ticket). */
export const STRONG_SCORE = 1.2;

/** Same-fact probability that suffices for two figures of sentences that say much the same thing (`kin`). */
const KIN_ACCEPT = 0.75;

function headMatch(a: string | undefined, b: string | undefined): number {
  const m = nounMatch(a, b);
  return m > 0 && (generic(a) || generic(b)) ? 0.4 : m;
}

/** Nouns that name a group by the word before them ("faculty members", "staff members"). */
const MEMBER = canon('members');

/** The measured noun, or for "136 faculty members" the group ("faculty") the members belong to. */
function heads(c: Context): Array<string | undefined> {
  const n = c.phrase.length;
  return c.head === MEMBER && n >= 2 ? [c.head, canon(c.phrase[n - 2]!)] : [c.head];
}

/** The best match of the two figures' measured nouns, either read. */
function nounsMatch(c: Context, p: Context): number {
  return Math.max(...heads(c).flatMap((a) => heads(p).map((b) => headMatch(a, b))));
}

/** How surely two figures measure the same thing. */
function alignScore(c: Context, p: Context, count: boolean): { score: number; noun: number; ctx: number; label: boolean; local: number } {
  const noun = nounsMatch(c, p);
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

interface Candidate {
  parts: Figure[];
  iv: Interval;
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
      // "31 others" says what they were in the reason: "31 others injured".
      const said = `${sv}${othersWord(passage, p)}`;
      const converted = p.unit !== c.unit ? ` (${inUnit(p, c.unit)})` : '';
      if (pair.agree) {
        const exact = toBase(c.value, c.unit) === toBase(p.value, p.unit) && c.iv.tolerance === 'rounding' && p.iv.tolerance === 'rounding';
        const tol: Tolerance = exact ? 'exact' : c.iv.tolerance === 'bound' || p.iv.tolerance === 'bound' ? 'bound'
          : c.iv.tolerance === 'approx' || p.iv.tolerance === 'approx' ? 'approx' : 'rounding';
        const note = { exact: '', rounding: ' (the same within rounding)', approx: ' (within the stated approximation)', bound: ' (consistent with the bound)' }[tol];
        out.push(finding('quantity', true, cv, sv, `the claim says ${cv}${subject}; the source gives ${said}${converted}${note}`,
          TOLERANCE_WEIGHT[tol] * confidence(pair.score), p.span));
      } else {
        const w = (c.iv.tolerance === 'bound' || p.iv.tolerance === 'bound' ? 0.7 : 1) * confidence(pair.score);
        const past = farPastBound(c, p) ? ` (${pastBy(c, p)} the bound, further than a report would round)` : '';
        out.push(finding('quantity', false, cv, sv, `the claim says ${cv}${subject}; the source gives ${said}${converted}${past}`, w, p.span));
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
