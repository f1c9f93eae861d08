/**
 * Names: the same person under name variants is an agreement, never a conflict. A different
 * person in the same role ("chief executive" of the same company) is a conflict. Lists of names
 * for the same predicate ("… withdrew from the treaty") are compared member by member.
 */
import type { Span } from '../../model/index.ts';
import { contextOf, kin, sentenceAt, shared, twins, type Side } from './align.ts';
import { canon, contentSet, fold } from './fold.ts';
import { looksLikeName, nameWords, samePerson } from './names.ts';
import { finding, type Found } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Roles

const ROLE_HEADS = new Set(
  ('executive ceo minister secretary president chairman chairwoman chair director spokesperson spokesman ' +
    'spokeswoman governor mayor head chief leader commander ambassador prosecutor judge manager founder coach ' +
    'editor premier chancellor officer treasurer commissioner envoy captain mp senator').split(' '),
);
const ROLE_MODIFIERS = new Set(
  ('deputy vice assistant acting interim former senior general managing financial operating prime foreign ' +
    'interior home finance defence defense transport health education justice economy economic energy trade ' +
    'labour labor agriculture environment culture state press communications public national technology ' +
    'digital infrastructure development security army military police fire executive chief').split(' '),
);
const CONNECTORS = new Set(['of', 'the', 'for', 'at', 'and']);
const ANAPHORS = new Set(['its', 'his', 'her', 'their']);
const GENERIC_OWNERS = new Set(
  'company union firm government operator country party group ministry bank club team city state agency council board organisation organization'.split(' '),
);
const ROLE_CANON: Record<string, string[]> = { ceo: ['chief', 'executive'], defense: ['defence'], labor: ['labour'] };
const CORPORATE = /\b(s\.?a\.?|inc\.?|ltd\.?|plc|gmbh|ag|corp\.?|co\.?|llc|n\.?v\.?|b\.?v\.?|ab|asa|oyj)$/;

interface RoleWord {
  raw: string;
  start: number;
  end: number;
  possessive: boolean;
}

interface RolePerson {
  name: string;
  span: Span;
  key: string;
  roleText: string;
  qualifier: string | null;
  anaphor: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}.&-]*/gu;

function wordsIn(text: string, from: number, to: number): RoleWord[] {
  const out: RoleWord[] = [];
  const seg = text.slice(from, to);
  for (const m of seg.matchAll(WORD)) {
    if (m[0] === 's' && /['’]$/.test(seg.slice(0, m.index))) continue; // the "s" of a possessive
    let raw = m[0].replace(/-+$/, '');
    if (raw.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(raw) && !/^(?:S\.A|N\.V|B\.V)\.$/.test(raw)) raw = raw.replace(/\.+$/, '');
    const start = from + m.index;
    const end = start + raw.length;
    const possessive = /^['’]s\b/.test(text.slice(end, end + 3));
    out.push({ raw, start, end, possessive });
  }
  return out;
}

type Kind = 'role' | 'connector' | 'anaphor' | 'qualifier' | null;

function kindOf(w: RoleWord, prev: RoleWord | undefined): Kind {
  const f = fold(w.raw);
  if (w.possessive) {
    if (GENERIC_OWNERS.has(f) && prev && fold(prev.raw) === 'the') return 'anaphor';
    return /^\p{Lu}/u.test(w.raw) ? 'qualifier' : null;
  }
  if (ROLE_HEADS.has(f) || ROLE_MODIFIERS.has(f)) return 'role';
  if (ANAPHORS.has(f)) return 'anaphor';
  if (CONNECTORS.has(f)) return 'connector';
  if (/^\p{Lu}/u.test(w.raw)) return 'qualifier';
  return null;
}

function roleOf(ws: RoleWord[], text: string): Omit<RolePerson, 'name' | 'span'> | null {
  const kinds = ws.map((w, i) => kindOf(w, ws[i - 1]));
  const roleWords = ws.filter((_, i) => kinds[i] === 'role').map((w) => fold(w.raw));
  if (!roleWords.some((w) => ROLE_HEADS.has(w))) return null;
  const key = new Set<string>();
  for (const w of roleWords) for (const x of ROLE_CANON[w] ?? [w]) key.add(x);
  if (key.has('chief') && key.has('executive')) key.delete('officer');
  const qualifierWords = ws.filter((_, i) => kinds[i] === 'qualifier').map((w) => fold(w.raw));
  const qualifier = qualifierWords.length ? qualifierWords.join(' ').replace(CORPORATE, '').trim() || null : null;
  const first = ws[0]!;
  const last = ws[ws.length - 1]!;
  return {
    key: [...key].sort().join(' '),
    roleText: text.slice(first.start, last.end + (last.possessive ? 2 : 0)),
    qualifier,
    anaphor: kinds.includes('anaphor'),
  };
}

/** Trim leading connectors ("the", "of") and trailing ones off a role run. */
function trimRun(ws: RoleWord[]): RoleWord[] {
  let a = 0;
  let b = ws.length;
  while (a < b && kindOf(ws[a]!, ws[a - 1]) === 'connector' && fold(ws[a]!.raw) !== 'the') a++;
  while (b > a && kindOf(ws[b - 1]!, ws[b - 2]) === 'connector') b--;
  return ws.slice(a, b);
}

const BREAK = /[,;:()—–"“”]/;

/** People named with a role: "Kestrail S.A. chief executive Andrés Olmedo", "José Núñez, the company's chief executive". */
function rolesOf(side: Side): RolePerson[] {
  const { text } = side.view;
  const out: RolePerson[] = [];
  for (const { e, span } of side.entities) {
    // People: full names (not "White House"), or a lone surname the annotator typed as a person.
    const single = e.type === 'person' && !/\s/.test(e.text);
    if ((e.type !== 'person' && e.type !== 'other') || (!looksLikeName(e.text) && !single)) continue;
    const sentence = sentenceAt(side.view, span.start);
    // Before the name: "… chief executive Andrés Olmedo" or "Its general secretary, Märta Lindqvist".
    const before = wordsIn(text, Math.max(sentence.start, span.start - 90), span.start);
    const gapToName = text.slice(before[before.length - 1]?.end ?? span.start, span.start);
    if (/^(?:['’]s)?\s*,?\s*$/.test(gapToName)) {
      const run: RoleWord[] = [];
      for (let i = before.length - 1; i >= 0; i--) {
        const w = before[i]!;
        const gap = text.slice(w.end + (w.possessive ? 2 : 0), run[0]?.start ?? span.start);
        if (run.length && BREAK.test(gap)) break;
        if (kindOf(w, before[i - 1]) === null) break;
        run.unshift(w);
      }
      const r = run.length ? roleOf(trimRun(run), text) : null;
      if (r) { out.push({ name: e.text, span, ...r }); continue; }
    }
    // After the name: "José Núñez, the company's chief executive, …".
    const rest = text.slice(span.end, sentence.end);
    const comma = /^\s*,\s*/.exec(rest);
    if (comma) {
      const from = span.end + comma[0].length;
      const after = wordsIn(text, from, Math.min(sentence.end, from + 90));
      const run: RoleWord[] = [];
      for (let i = 0; i < after.length; i++) {
        const w = after[i]!;
        const prev = run[run.length - 1];
        if (prev && BREAK.test(text.slice(prev.end + (prev.possessive ? 2 : 0), w.start))) break;
        if (kindOf(w, after[i - 1]) === null) break;
        // Never run into the next person's name ("…, White House Press Secretary Sarah Sanders").
        if (side.entities.some(({ e: o, span: os }) => o.type === 'person' && w.start >= os.start && w.end <= os.end)) break;
        run.push(w);
      }
      const r = run.length ? roleOf(trimRun(run), text) : null;
      if (r) out.push({ name: e.text, span, ...r });
    }
  }
  return out;
}

function qualifiersAgree(a: RolePerson, b: RolePerson, aText: string, bText: string): boolean | null {
  if (a.qualifier && b.qualifier) return a.qualifier.includes(b.qualifier) || b.qualifier.includes(a.qualifier);
  if (a.qualifier) return b.anaphor || fold(bText).includes(a.qualifier);
  if (b.qualifier) return a.anaphor || fold(aText).includes(b.qualifier);
  return null;
}

/** Roles one person holds at a time in one organisation or country. */
const UNIQUE_HEADS = new Set(['executive', 'president', 'chairman', 'chairwoman', 'chair', 'premier', 'chancellor', 'mayor', 'governor', 'minister', 'secretary', 'treasurer']);
const SHARED_MODIFIERS = new Set(['deputy', 'vice', 'assistant', 'former', 'acting', 'interim', 'senior']);

/**
 * Whether two people named in one role must be the same person: a role only one person holds,
 * of the same named organisation or country on both sides, or named on one side and referred to
 * on the other ("the company's chief executive" against "Kestrail S.A. chief executive").
 * Bare titles ("President Obama" / "President Clinton") never are: they may be former holders,
 * other countries, candidates.
 */
function exclusive(a: RolePerson, b: RolePerson): boolean {
  const words = a.key.split(' ');
  if (!words.some((w) => UNIQUE_HEADS.has(w)) || words.some((w) => SHARED_MODIFIERS.has(w))) return false;
  if (a.qualifier && b.qualifier) return a.qualifier.includes(b.qualifier) || b.qualifier.includes(a.qualifier);
  return (a.qualifier !== null && b.anaphor) || (b.qualifier !== null && a.anaphor);
}

function compareRoles(claim: Side, passage: Side, out: Found[]): Set<string> {
  const handled = new Set<string>();
  const cr = rolesOf(claim);
  const pr = rolesOf(passage);
  for (const c of cr) {
    const same = pr.filter((p) => {
      if (p.key !== c.key) return false;
      const s = sentenceAt(passage.view, p.span.start);
      const q = qualifiersAgree(c, p, claim.view.text, passage.view.text.slice(s.start, s.end));
      if (q !== null) return q;
      // Neither says whose role: only when the two texts plainly speak of the same thing.
      const cw = contentSet(claim.view.text);
      const pw = contentSet(passage.view.text.slice(s.start, s.end));
      return shared(cw, pw) >= 3;
    });
    if (!same.length) continue;
    const match = same.find((p) => samePerson(c.name, p.name));
    if (match) {
      handled.add(fold(c.name));
      out.push(finding('entity', true, c.name, match.name,
        `the claim names ${c.name} as ${c.roleText}; the source names ${match.name} as ${match.roleText}`, 0.9, match.span));
      continue;
    }
    const p = same.find((x) => exclusive(c, x));
    if (!p) continue;
    handled.add(fold(c.name));
    out.push(finding('entity', false, c.name, p.name,
      `the claim names ${c.name} as ${c.roleText}; the source names ${p.name} as ${p.roleText}`, 0.9, p.span));
  }
  return handled;
}

/** The people a side names: persons, and capitalised phrases that look like a person's name. */
function peopleOf(side: Side): Side['entities'] {
  return side.entities.filter(({ e }) => e.type === 'person' || (e.type === 'other' && looksLikeName(e.text)));
}

/** The same person under another spelling: an agreement on the name. */
function compareNames(claim: Side, passage: Side, handled: Set<string>, out: Found[]): void {
  const people = peopleOf;
  const seen = new Set<string>();
  for (const { e } of people(claim)) {
    if (e.type !== 'person') continue;
    const key = fold(e.text);
    if (handled.has(key) || seen.has(key)) continue;
    const m = people(passage).find((p) => samePerson(e.text, p.e.text));
    if (!m) {
      // The same sentence about someone else: another person where the claim names this one
      // ("X said the bill would pass" / "Y said the bill would pass").
      const here = claim.entities.find((c) => c.e === e);
      const sentence = here ? sentenceAt(claim.view, here.span.start) : null;
      // Only long statements without quotations (quotes are compared by speaker, roles above).
      const plain = sentence !== null && !/[“”"]/.test(claim.view.text.slice(sentence.start, sentence.end));
      if (here && plain) {
        const ctx = contextOf(claim.view, here.span);
        if (ctx.sentenceWords.size < 6) continue;
        const orgsIn = (side: Side, at: number): Set<string> => {
          const s = sentenceAt(side.view, at);
          return new Set(side.entities.filter(({ e: x, span }) => (x.type === 'organization' || x.type === 'other') && span.start >= s.start && span.end <= s.end).map(({ e: x }) => fold(x.text)));
        };
        // Different organisations in the two sentences: two people at two companies, not one fact.
        const otherOrgs = (at: number): boolean => {
          const mine = orgsIn(claim, here.span.start);
          const theirs = orgsIn(passage, at);
          return mine.size > 0 && theirs.size > 0 && ![...mine].some((o) => theirs.has(o));
        };
        const other = people(passage).find((p) => p.e.type === 'person' && /\s/.test(p.e.text) && /\s/.test(e.text) &&
          !people(claim).some((c) => samePerson(c.e.text, p.e.text)) && !otherOrgs(p.span.start) && twins(ctx, contextOf(passage.view, p.span)));
        if (other) {
          seen.add(key);
          out.push(finding('entity', false, e.text, other.e.text,
            `the claim names ${e.text}; the same statement in the source names ${other.e.text}`, 0.6, other.span));
        }
      }
      continue;
    }
    seen.add(key);
    const variant = fold(m.e.text) !== key || m.e.text !== e.text;
    out.push(finding('entity', true, e.text, m.e.text,
      variant ? `the source names the same person: ${m.e.text} = ${e.text}` : `the source also names ${e.text}`, 0.3, m.span));
  }
}

// ---------------------------------------------------------------------------------------------
// Lists

interface NameList {
  members: Array<{ key: string; text: string }>;
  span: Span;
  sentence: Span;
  predicate: Set<string>;
}

function listsOf(side: Side): NameList[] {
  const { text } = side.view;
  const ents = side.entities.filter(({ e }) => e.type === 'place' || e.type === 'organization').sort((a, b) => a.span.start - b.span.start);
  const out: NameList[] = [];
  let run: typeof ents = [];
  const flush = (): void => {
    if (run.length >= 2) {
      const span = { start: run[0]!.span.start, end: run[run.length - 1]!.span.end };
      const sentence = sentenceAt(side.view, span.start);
      const names = new Set(run.flatMap(({ e }) => [...contentSet(e.text)]));
      const predicate = contentSet(text.slice(sentence.start, sentence.end));
      for (const n of names) predicate.delete(n);
      out.push({ members: run.map(({ e }) => ({ key: fold(e.key ?? e.text), text: e.text })), span, sentence, predicate });
    }
    run = [];
  };
  for (const x of ents) {
    const prev = run[run.length - 1];
    if (prev && /^\s*(?:,|,?\s*and|,?\s*or|&)\s*$/.test(text.slice(prev.span.end, x.span.start))) run.push(x);
    else { flush(); run = [x]; }
  }
  flush();
  return out;
}

const EXPLICIT = /\b(?:only|all|both|just|exclusively|(?:the|all|those) (?:two|three|four|five|six|seven|eight|nine|ten|\d+))\b/i;

function joinNames(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function compareLists(claim: Side, passage: Side, out: Found[]): void {
  const pls = listsOf(passage);
  for (const c of listsOf(claim)) {
    let best: NameList | null = null;
    let bestScore = 1;
    for (const p of pls) {
      const s = shared(c.predicate, p.predicate);
      if (s > bestScore && s >= 3) { best = p; bestScore = s; }
    }
    if (!best) continue;
    const ck = new Set(c.members.map((m) => m.key));
    const pk = new Set(best.members.map((m) => m.key));
    const both = c.members.filter((m) => pk.has(m.key)).map((m) => m.text);
    const missing = best.members.filter((m) => !ck.has(m.key)).map((m) => m.text);
    const extra = c.members.filter((m) => !pk.has(m.key)).map((m) => m.text);
    const cv = joinNames(c.members.map((m) => m.text));
    const sv = joinNames(best.members.map((m) => m.text));
    if (!missing.length && !extra.length) {
      out.push(finding('entity', true, cv, sv, `the claim and the source list the same names: ${sv}`, 0.8, best.span));
      continue;
    }
    const diff = [
      extra.length ? `the source does not name ${joinNames(extra)}` : '',
      missing.length ? `it also names ${joinNames(missing)}` : '',
    ].filter(Boolean).join('; ');
    const lead = passage.view.text.slice(Math.max(best.sentence.start, best.span.start - 25), best.span.start);
    const explicit = EXPLICIT.test(lead);
    if (explicit && both.length) {
      out.push(finding('entity', false, cv, sv, `the claim lists ${cv}; the source gives ${sv}: ${diff}`, 0.8, best.span));
    } else if (both.length) {
      out.push(finding('entity', true, cv, sv, `the claim and the source both name ${joinNames(both)}; ${diff}`,
        (0.6 * both.length) / (both.length + missing.length + extra.length), best.span));
    } else {
      out.push({ ...finding('entity', false, cv, sv, `the claim lists ${cv}; the source lists ${sv}`, 0.2, best.span), soft: true });
    }
  }
}

/** Short forms of titles before a name ("Rep." = "Representative"), as canonical words. */
const TITLE_ALIASES: Record<string, string> = { rep: 'representative', sen: 'senator', gov: 'governor', gen: 'general', atty: 'attorney', lt: 'lieutenant', sgt: 'sergeant', supt: 'superintendent' };

/** The same word before two names, a title's short form counting as the title. */
function sameTitle(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const long = (w: string): string => canon(TITLE_ALIASES[w] ?? w);
  return a === b || long(a) === long(b);
}

/**
 * A person the source never names, where the same statement in the source names someone else
 * ("… used former President Kestrel Abbott as an intermediary" / "… asked former President Ilse
 * Marrow to talk to …", and the source has no Abbott anywhere): a report that tells the statement
 * and leaves out the one person in it tells it about another person. Only for a full name whose
 * surname the source's whole text lacks, against the one person of a passage sentence that says
 * much the same thing whom the claim's sentence does not name (its other people the claim's
 * sentence names too), after the same word, or after none (a name opening its clause: "his wife,
 * Tamsin Okafor, …" / "… married to Ilse Marrow, …").
 */
function absentNames(claim: Side, passage: Side, sourceNames: (word: string) => boolean, done: Set<string>, out: Found[]): void {
  const surname = (name: string): string => nameWords(name).pop() ?? '';
  const mentioned = peopleOf(claim);
  const theirPeople = peopleOf(passage);
  for (const { e, span } of mentioned) {
    // A party word last is a description read as a name ("the Texas Republican"), not a person.
    if (e.type !== 'person' || !/\s/.test(e.text) || /\b(?:Republican|Democrat|Democratic|Independent|Conservative|Liberal)s?$/.test(e.text)) continue;
    const key = fold(e.text);
    const mine = surname(e.text);
    if (done.has(key) || mine.length < 3 || sourceNames(mine)) continue;
    const sentence = sentenceAt(claim.view, span.start);
    const inSentence = mentioned.filter((x) => x.span.start >= sentence.start && x.span.end <= sentence.end);
    const ctx = contextOf(claim.view, span);
    if (ctx.sentenceWords.size < 6) continue;
    for (const other of theirPeople) {
      const ps = sentenceAt(passage.view, other.span.start);
      // Every other person of that sentence is one the claim's sentence names too: this one stands where the claim's stands.
      const rivals = theirPeople.filter((x) => x.span.start >= ps.start && x.span.end <= ps.end && !samePerson(x.e.text, other.e.text) &&
        !inSentence.some((y) => samePerson(y.e.text, x.e.text)));
      if (rivals.length || inSentence.some((x) => samePerson(x.e.text, other.e.text)) || samePerson(e.text, other.e.text)) continue;
      // Much the same statement, and the same word right before both names ("former President …").
      const theirs = contextOf(passage.view, other.span);
      if (!(twins(ctx, theirs) || (kin(ctx, theirs) && (sameTitle(ctx.before, theirs.before) || (ctx.before === undefined && theirs.before === undefined))))) continue;
      done.add(key);
      out.push(finding('entity', false, e.text, other.e.text,
        `the claim names ${e.text}; the same statement in the source names ${other.e.text}, and the source never names ${e.text}`, 0.6, other.span));
      break;
    }
  }
}

/** Offices one person holds at a time (at one time: former and then- holders are left alone), the last words of the title right before a name ("Attorney General William Barr", "Texas Gov. Rick Perry"). */
const ONE_HOLDER = /(?:^|\s)(?:Gov\.|Governor|President|Attorney General|(?:Defense|Treasury|Homeland Security) Secretary|Secretary of (?:State|Defense|the Treasury)|Speaker|(?:Majority|Minority) Leader|Prime Minister|Chief Justice)$/;

/**
 * The whole title written right before a name when it ends in an office one person holds at a
 * time, normalised ("texas governor", "attorney general"; "Deputy Attorney General" and "Mexican
 * President" are other titles); undefined for none, and for a former or then- holder.
 */
function officeBefore(side: Side, start: number): string | undefined {
  const m = /((?:(?:[A-Z][\p{L}.]*|of|the)\s+)+)$/u.exec(side.view.text.slice(Math.max(0, start - 50), start));
  if (!m) return undefined;
  // The run of capitalised words (with "of", "the" inside) before the name, from its first capitalised word.
  const run = m[1]!.trim().replace(/^(?:(?:of|the)\s+)+/, '');
  if (!ONE_HOLDER.test(run) || /\b(?:former|then-)/i.test(side.view.text.slice(Math.max(0, start - 60), start))) return undefined;
  return run.replace(/\bGov\./g, 'Governor').replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A person the source never names, holding an office one person holds at a time that the source
 * gives to someone else ("Attorney General Mitt Romney released a summary" / "Attorney General
 * William Barr"): the source's holder of that office is another person. The claim's sentence and
 * the source's share three content words besides the office's.
 */
function otherHolder(claim: Side, passage: Side, sourceNames: (word: string) => boolean, done: Set<string>, out: Found[]): void {
  const theirs = peopleOf(passage).map((x) => ({ ...x, office: officeBefore(passage, x.span.start) })).filter((x) => x.office !== undefined && !/\bof\b/.test(x.e.text));
  if (!theirs.length) return;
  for (const { e, span } of peopleOf(claim)) {
    // Not two names read as one ("… Boehner of Ohio and Senator …"), nor an office placed by what follows ("Putin of Russia").
    if (e.type !== 'person' || !/\s/.test(e.text) || /\b(?:and|of)\b/.test(e.text)) continue;
    const key = fold(e.text);
    const mine = nameWords(e.text).pop() ?? '';
    if (done.has(key) || mine.length < 3 || sourceNames(mine)) continue;
    const office = officeBefore(claim, span.start);
    if (!office) continue;
    const ctx = contextOf(claim.view, span);
    const other = theirs.find((x) => x.office === office && !samePerson(x.e.text, e.text) &&
      shared(ctx.sentenceWords, contextOf(passage.view, x.span).sentenceWords, office.split(' ').map(canon)) >= 3);
    if (!other) continue;
    done.add(key);
    out.push(finding('entity', false, e.text, other.e.text,
      `the claim names ${e.text} as ${office}; the source's ${office} is ${other.e.text}, and the source never names ${e.text}`, 0.6, other.span));
  }
}

export function compareEntities(claim: Side, passage: Side, sourceNames?: (word: string) => boolean): Found[] {
  const out: Found[] = [];
  const handled = compareRoles(claim, passage, out);
  compareNames(claim, passage, handled, out);
  if (sourceNames) {
    const done = new Set([...handled, ...out.filter((f) => f.kind === 'entity').map((f) => fold(f.claimValue))]);
    absentNames(claim, passage, sourceNames, done, out);
    otherHolder(claim, passage, sourceNames, done, out);
  }
  compareLists(claim, passage, out);
  return out;
}
