/**
 * Polarity and modality: the same proposition (most of the claim's content words in one passage
 * sentence) negated on one side only is a conflict; hedged on one side only ("could", "plans
 * to") is an agreement that counts less; stated by the claim but only attributed by the source
 * is noted the same way.
 */
import type { Span } from '../../model/index.ts';
import type { Side } from './align.ts';
import { fold, words, type Word } from './fold.ts';
import { finding, type Found } from './types.ts';

const NEGATION = /^(?:not|never|no|none|nobody|nothing|neither|nor|cannot|without)$|n't$/;
const HEDGES = /\b(could|may|might|possibly|probably|likely|reportedly|allegedly|apparently|plans? to|planning to|aims? to|hopes? to|expects? to|expected to|is set to|are set to|considering)\b/g;

function isNegation(w: Word, text: string): boolean {
  const f = fold(w.raw);
  if (!NEGATION.test(f)) return false;
  const after = text.slice(w.end, w.end + 12).toLowerCase();
  if (f === 'not' && /^\s+(only|just|yet)\b/.test(after)) return false; // "not only", "not yet" (a matter of time)
  if (f === 'no' && /^\s+(later|more than|fewer than|less than)\b/.test(after)) return false; // bounds, not negation
  return true;
}

function hedgesIn(text: string): Array<{ cue: string; at: number }> {
  const out: Array<{ cue: string; at: number }> = [];
  for (const m of text.matchAll(HEDGES)) {
    if (m[0] === 'may' && /^May$/.test(text.slice(m.index, m.index + 3))) continue;
    out.push({ cue: m[0], at: m.index });
  }
  return out;
}

interface Clause {
  text: string;
  words: Word[];
  content: Set<string>;
  span: Span;
}

function clauseOf(text: string, span: Span): Clause {
  const t = text.slice(span.start, span.end);
  const ws = words(t);
  return { text: t, words: ws, content: new Set(ws.filter((w) => w.content).map((w) => w.w)), span };
}

/** The words a negation bears on: the next few content words in its clause. */
function scopeOf(c: Clause, i: number): string[] {
  const out: string[] = [];
  let end = c.words[i]!.end;
  for (let k = i + 1; k < c.words.length && out.length < 4; k++) {
    const w = c.words[k]!;
    if (/[,;:.—–]|\bbut\b/.test(c.text.slice(end, w.start)) || /^(but|and|while|although)$/i.test(w.raw)) break;
    if (w.content) out.push(w.w);
    end = w.end;
  }
  return out;
}

const UNSURE = /^(?:if|whether|could|might|may|speculat\w*|rumou?r\w*|reportedly|allegedly|alleg\w*|claim\w*|suggest\w*|deni\w*|falsely|asked)$/i;

/** Whether `word` is stated in `c` plainly: no negation, doubt or condition before it in its clause. */
function assertedIn(c: Clause, word: string): boolean {
  const i = c.words.findIndex((w) => w.w === word);
  if (i < 0) return false;
  for (let k = i - 1; k >= Math.max(0, i - 10); k--) {
    const w = c.words[k]!;
    if (isNegation(w, c.text) || UNSURE.test(w.raw)) return false;
    if (/[,;:—–]/.test(c.text.slice(w.end, c.words[k + 1]!.start)) || /^(but|and|although|though|while|whereas)$/i.test(w.raw)) break;
  }
  return true;
}

/** "did not say how many …": a negated reporting verb says nothing about the facts. */
const REPORTING = /^(?:say|said|says|tell|told|comment|comments|commented|confirm|confirmed|disclose|disclosed|reveal|revealed|specify|specified|elaborate|respond|responded|give|gave|know|knew|answer|answered)$/i;

function negatedScopes(c: Clause): Array<{ cue: string; at: number; scope: string[] }> {
  const out: Array<{ cue: string; at: number; scope: string[] }> = [];
  c.words.forEach((w, i) => {
    if (!isNegation(w, c.text)) return;
    const next = c.words[i + 1];
    const verb = next && /^(?:be|been|have|had|has|do|did|does|yet|even|ever|to)$/i.test(next.raw) ? c.words[i + 2] : next;
    if (verb && REPORTING.test(verb.raw)) return;
    out.push({ cue: w.raw, at: w.start, scope: scopeOf(c, i) });
  });
  return out;
}

/** Where `word` is first stated in the clause. */
function positionOf(c: Clause, word: string): number {
  const w = c.words.find((x) => x.w === word);
  if (!w) return 0;
  const i = c.words.indexOf(w);
  return c.words[Math.max(0, i - 2)]!.start;
}

function snippet(c: Clause, at: number, n = 8): string {
  const ws = c.text.slice(at).split(/\s+/).slice(0, n).join(' ');
  return ws.replace(/[,;:.]+$/, '');
}

export function comparePolarity(claim: Side, passage: Side): Found[] {
  const cc = clauseOf(claim.view.text, { start: 0, end: claim.view.text.length });
  if (cc.content.size < 3) return [];
  let best: { s: Clause; cover: number; dice: number } | null = null;
  for (const sp of passage.view.sentences) {
    const s = clauseOf(passage.view.text, sp);
    let n = 0;
    for (const w of cc.content) if (s.content.has(w)) n++;
    const cover = n / cc.content.size;
    const dice = (2 * n) / (cc.content.size + s.content.size);
    if (!best || cover > best.cover || (cover === best.cover && dice > best.dice)) best = { s, cover, dice };
  }
  if (!best || best.cover < 0.6 || best.dice < 0.4) return [];
  const ps = best.s;
  const out: Found[] = [];

  // Negation on one side only, over the same words. The side without the negation must carry no
  // negation or "only" anywhere (its scope could not be told), and must state the words plainly.
  const polar = (c: Clause): boolean => c.words.some((w) => isNegation(w, c.text) || /^only$/i.test(w.raw));
  const check = (a: Clause, b: Clause, claimNegated: boolean): boolean => {
    if (polar(b)) return false;
    for (const { at, scope } of negatedScopes(a)) {
      const hits = scope.filter((w) => b.content.has(w));
      if (hits.length < 2 || !b.content.has(scope[0]!)) continue;
      if (!assertedIn(b, scope[0]!)) continue;
      const negated = `"${snippet(a, at)}"`;
      const plain = `"${snippet(b, positionOf(b, scope[0]!))}"`;
      const [cv, sv] = claimNegated ? [negated, plain] : [plain, negated];
      const reason = claimNegated
        ? `the claim says ${negated}; the source states it without the negation: ${plain}`
        : `the claim states ${plain}; the source says ${negated}`;
      out.push(finding('negation', false, cv, sv, reason, Math.min(1, 0.4 + best!.cover * 0.6), { start: ps.span.start, end: ps.span.end }));
      return true;
    }
    return false;
  };
  if (check(cc, ps, true) || check(ps, cc, false)) return out;

  // Hedged on one side only.
  const ch = hedgesIn(cc.text);
  const ph = hedgesIn(ps.text);
  const span = { start: ps.span.start, end: ps.span.end };
  if (ph.length && !ch.length) {
    const h = ph[0]!;
    out.push(finding('other', true, 'stated', `hedged (${h.cue})`,
      `the claim states it; the source only says it ${snippet(ps, h.at)} …`, 0.5 * best.cover, span));
  } else if (ch.length && !ph.length) {
    const h = ch[0]!;
    out.push(finding('other', true, `hedged (${h.cue})`, 'stated',
      `the claim only says it ${snippet(cc, h.at)} …; the source states it`, 0.7 * best.cover, span));
  }

  // Asserted by the claim, only attributed by the source.
  const attributed = passage.attributions.find((a) => a.span && a.span.start >= ps.span.start && a.span.end <= ps.span.end && (a.speaker || a.medium));
  const reported = /\b(said|says|told|according to|announced|stated|claimed)\b/i.test(cc.text);
  if (!claim.attributions.length && !reported && attributed) {
    const who = attributed.speaker ?? attributed.medium ?? '';
    out.push(finding('attribution', true, 'stated', `attributed to ${who}`,
      `the claim states it; the source reports it as what ${who} said`, 0.7 * best.cover, span));
  }
  return out;
}
