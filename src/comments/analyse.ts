/**
 * The comment-section analysis: per comment a score with readable reasons, clusters of
 * near-duplicates, templates, paraphrases and reused reply openers, and a section-level
 * coordination in 0..1. Every threshold is named here and described in docs/comments.md.
 */
import type { Comment, CommentAnalysis, CommentCluster, CommentFinding } from '../model/index.ts';
import { articleGrams, commentFeatures, type CommentFeatures } from './features.ts';
import { UnionFind } from './lsh.ts';
import { contentKeys, jaccardSorted, overlap, tokenize } from './tokens.ts';

/** Scores a comment as promotional spam: probability 0..1 and the cues that fired. */
export type SpamScorer = (text: string) => { probability: number; cues: string[] };

export interface AnalyseOptions {
  /** The article the comments sit under: quotes of it are ignored, genericness is measured against it. */
  articleText?: string | null;
  /** The promotional-spam classifier (see ./spam.ts); without it that signal is off. */
  spam?: SpamScorer | null;
  /**
   * Comment ids (of this section) whose text also appears under other stored articles, with
   * those articles as a reader names them (title and outlet, else id), e.g. from `Store.commentReuse`.
   */
  reused?: ReadonlyMap<string, readonly string[]>;
}

export const THRESHOLDS = {
  /** A comment is flagged at this score. */
  flag: 0.5,
  /** Word-bigram Jaccard of near-duplicates. */
  nearDuplicate: 0.6,
  /** Skeleton 4-gram Jaccard of two comments built on one template (both skeletons ≥ 10 tokens). */
  template: 0.5,
  /** Content-word Jaccard of a paraphrase; lower (0.25) when the two also share a phrase. */
  paraphrase: 0.4,
  paraphraseWithPhrase: 0.25,
  /** Shared wording counts from runs of this many words. */
  sharedRun: 5,
  /** Stock reply openers count as reused from this many comments on. */
  openers: 3,
  /** A spam probability counts from here. */
  spam: 0.5,
  /** Sections above this coordination lend weight to the comments that show the pattern. */
  coordinated: 0.5,
  /** Comments of one cluster posted within this many minutes are a burst. */
  burstMinutes: 10,
  /** Above this many comments only pairs sharing two rare words are compared. */
  allPairs: 2000,
} as const;

/** `pattern`: evidence of its own (genericness and section context only add to it); `context` reasons are listed last. */
interface Reason { weight: number; text: string; pattern: boolean; context?: boolean }

const clamp = (x: number): number => Math.max(0, Math.min(1, x));
const round = (x: number): number => Math.round(x * 100) / 100;
const list = (ids: string[], max = 4): string => (ids.length > max ? `${ids.slice(0, max).join(', ')}, …` : ids.join(', '));

/** Longest run of words two comments share (by key): its start in `a.words` and its length. */
function longestSharedRun(a: CommentFeatures, b: CommentFeatures): { at: number; length: number } {
  const x = a.words;
  const y = b.words;
  let best = 0;
  let end = 0;
  let prev = new Uint16Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    const cur = new Uint16Array(y.length + 1);
    for (let j = 1; j <= y.length; j++) {
      if (x[i - 1]!.key === y[j - 1]!.key) {
        cur[j] = prev[j - 1]! + 1;
        if (cur[j]! > best) { best = cur[j]!; end = i; }
      }
    }
    prev = cur;
  }
  return { at: end - best, length: best };
}

/** Pairs to compare: all of them for ordinary sections, pairs sharing two rare words beyond. */
function* candidatePairs(F: CommentFeatures[]): Generator<[number, number]> {
  const n = F.length;
  if (n <= THRESHOLDS.allPairs) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) yield [i, j];
    return;
  }
  const index = new Map<string, number[]>();
  F.forEach((f, i) => { for (const k of f.content) { const l = index.get(k); if (l) l.push(i); else index.set(k, [i]); } });
  const maxDf = Math.max(5, Math.floor(n * 0.01));
  const shared = new Map<number, number>();
  for (const l of index.values()) {
    if (l.length < 2 || l.length > maxDf) continue;
    for (let a = 0; a < l.length; a++) for (let b = a + 1; b < l.length; b++) {
      const key = l[a]! * n + l[b]!;
      shared.set(key, (shared.get(key) ?? 0) + 1);
    }
  }
  for (const [key, count] of shared) if (count >= 2) yield [Math.floor(key / n), key % n];
}

interface Edge { i: number; j: number; sim: number }

/** Analyse one comment section. Comments without text get no reasons; ids are kept. */
export function analyseComments(comments: readonly Comment[], options: AnalyseOptions = {}): CommentAnalysis {
  const n = comments.length;
  const article = options.articleText ? articleGrams(options.articleText) : new Set<string>();
  const position = new Map(comments.map((c, i) => [c.id, i]));
  const F = comments.map((c, i) => commentFeatures(c, i, c.replyTo !== undefined ? position.get(c.replyTo) ?? null : null, article));
  const related = (i: number, j: number): boolean => F[i]!.parent === j || F[j]!.parent === i;
  const sameAuthor = (i: number, j: number): boolean => F[i]!.author !== null && F[i]!.author === F[j]!.author;

  // Shared wording: a run of at least five words (two of them content words) that two comments
  // by different people share, that is not the article's own wording, and not a reply quoting
  // its parent. Candidates come from shared word 3-grams.
  const articleWords = options.articleText ? contentKeys(tokenize(options.articleText)) : new Set<string>();
  const byPhrase = new Map<string, number[]>();
  F.forEach((f, i) => { for (const k of f.phrases.keys()) { const l = byPhrase.get(k); if (l) l.push(i); else byPhrase.set(k, [i]); } });
  const partners = F.map(() => new Map<number, string>());
  // A phrase in many comments is the topic's (or, in a large campaign, caught as near-duplicates).
  const topicCap = Math.min(50, Math.max(5, Math.floor(0.3 * n)));
  const tried = new Set<number>();
  for (const members of byPhrase.values()) {
    if (members.length < 2 || members.length > topicCap) continue;
    for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) {
      const i = members[a]!;
      const j = members[b]!;
      if (tried.has(i * n + j)) continue;
      tried.add(i * n + j);
      if (sameAuthor(i, j)) continue;
      if (related(i, j) && F[F[i]!.parent === j ? i : j]!.opener === null) continue;
      const run = longestSharedRun(F[i]!, F[j]!);
      if (run.length < THRESHOLDS.sharedRun) continue;
      const words = F[i]!.words.slice(run.at, run.at + run.length);
      const own = words.filter((t) => t.content && t.word.length >= 3 && !articleWords.has(t.key));
      if (own.length < 1 || words.filter((t) => t.content && t.word.length >= 3).length < 2) continue;
      const text = words.map((t) => t.word).join(' ');
      partners[i]!.set(j, text);
      partners[j]!.set(i, text);
    }
  }

  // Pairwise similarities.
  const nearDup: Edge[] = [];
  const template: Edge[] = [];
  const paraphrase: Edge[] = [];
  // Each comment's two highest content-word Jaccards.
  const best1 = new Float64Array(n);
  const best2 = new Float64Array(n);
  const keep = (i: number, c: number): void => {
    if (c > best1[i]!) { best2[i] = best1[i]!; best1[i] = c; } else if (c > best2[i]!) best2[i] = c;
  };
  for (const [i, j] of candidatePairs(F)) {
    const a = F[i]!;
    const b = F[j]!;
    const measurable = a.content.size >= 4 && b.content.size >= 4;
    const c = measurable ? jaccardSorted(a.contentIds, b.contentIds) : 0;
    if (c > 0) { keep(i, c); keep(j, c); }
    // Every kind of pair below needs some shared content words: most pairs stop here.
    if (measurable && c < 0.1) continue;
    const d = a.bigrams.size >= 3 && b.bigrams.size >= 3 ? jaccardSorted(a.bigramIds, b.bigramIds) : 0;
    if (d >= THRESHOLDS.nearDuplicate || (c >= 0.8 && a.content.size >= 5 && b.content.size >= 5)) {
      if (!related(i, j) || a.opener !== null || b.opener !== null) nearDup.push({ i, j, sim: Math.max(c, d) });
      continue;
    }
    if (sameAuthor(i, j)) continue;
    const s = a.skeletonLength >= 10 && b.skeletonLength >= 10 ? jaccardSorted(a.skeletonIds, b.skeletonIds) : 0;
    if (s >= THRESHOLDS.template && c >= 0.1) template.push({ i, j, sim: s });
    const long = Math.min(a.content.size, b.content.size) >= 6;
    if ((c >= THRESHOLDS.paraphrase && long) || (c >= THRESHOLDS.paraphraseWithPhrase && partners[i]!.has(j))) paraphrase.push({ i, j, sim: c });
  }
  const affinity = F.map((_, i) => (best1[i]! + best2[i]!) / 2);

  // Reply openers.
  const openers = F.filter((f) => f.opener !== null);
  const replies = F.filter((f) => f.parent !== null).length;
  const openersReused = openers.length >= THRESHOLDS.openers && openers.length >= 0.25 * Math.max(replies, openers.length);
  const openerShare = openersReused ? openers.length / Math.max(replies, openers.length) : 0;

  // Section measures.
  const reasons: Reason[][] = F.map(() => []);
  const inCluster = new Set<number>();
  for (const e of [...nearDup, ...template, ...paraphrase]) { inCluster.add(e.i); inCluster.add(e.j); }
  const withText = F.filter((f) => f.words.length > 0);
  const pattern = withText.filter((f) => partners[f.index]!.size >= 2 || inCluster.has(f.index)).length;
  const P = withText.length ? pattern / withText.length : 0;
  const measured = withText.filter((f) => f.content.size >= 4);
  const meanAffinity = measured.length >= 2 ? measured.reduce((s, f) => s + affinity[f.index]!, 0) / measured.length : 0;
  const A = clamp((meanAffinity - 0.1) / 0.2);
  const lengths = withText.map((f) => f.words.length);
  const mean = lengths.reduce((s, x) => s + x, 0) / Math.max(1, lengths.length);
  const cv = mean ? Math.sqrt(lengths.reduce((s, x) => s + (x - mean) ** 2, 0) / lengths.length) / mean : 0;
  const L = lengths.length >= 5 && mean >= 12 ? clamp((0.5 - cv) / 0.35) : 0;
  const coordination = round(clamp((0.4 * P + 0.2 * A + 0.2 * openerShare + 0.2 * L) * Math.min(1, withText.length / 4)));

  // Per-comment reasons.
  const ids = (xs: Iterable<number>): string[] => [...xs].sort((a, b) => a - b).map((x) => F[x]!.id);
  const edgesOf = (edges: Edge[], i: number): Edge[] => edges.filter((e) => e.i === i || e.j === i);
  const other = (e: Edge, i: number): number => (e.i === i ? e.j : e.i);
  for (const f of F) {
    const i = f.index;
    const r = reasons[i]!;
    const dups = edgesOf(nearDup, i);
    if (dups.length) {
      const mine = dups.filter((e) => sameAuthor(i, other(e, i)));
      const theirs = dups.filter((e) => !sameAuthor(i, other(e, i)));
      if (theirs.length) r.push({ weight: 0.8, pattern: true, text: `near-duplicate of ${list(ids(theirs.map((e) => other(e, i))))} (similarity ${Math.max(...theirs.map((e) => e.sim)).toFixed(2)})` });
      if (mine.length) r.push({ weight: 0.4, pattern: true, text: `the same author posted ${mine.length === 1 ? 'a near-identical comment' : `${mine.length} near-identical comments`} (${list(ids(mine.map((e) => other(e, i))))})` });
    }
    const tpl = edgesOf(template, i);
    if (tpl.length) r.push({ weight: 0.5, pattern: true, text: `same sentence skeleton as ${list(ids(tpl.map((e) => other(e, i))))} with the topic words swapped (similarity ${Math.max(...tpl.map((e) => e.sim)).toFixed(2)})` });
    const para = edgesOf(paraphrase, i);
    if (para.length) {
      const best = Math.max(...para.map((e) => e.sim));
      r.push({ weight: Math.min(0.6, 0.15 + (best - 0.25)), pattern: true, text: `paraphrases ${list(ids(para.map((e) => other(e, i))))} (shared content words ${best.toFixed(2)})` });
    }
    const k = partners[i]!.size;
    if (k) {
      let bestPartner = -1;
      let bestRun = '';
      for (const [j, run] of partners[i]!) if (run.length > bestRun.length) { bestRun = run; bestPartner = j; }
      r.push({
        weight: k >= 2 ? Math.min(0.45, 0.1 + 0.1 * k) : 0.15,
        pattern: true,
        text: `shares wording with ${k === 1 ? '1 other comment' : `${k} other comments`} (${list(ids(partners[i]!.keys()))}), e.g. "${bestRun}" (${F[bestPartner]!.id})`,
      });
    }
    if (f.opener !== null && openersReused) {
      r.push({ weight: 0.3, pattern: true, text: `opens with a stock reply ("${f.openerText}"), as ${openers.length - 1} other comments in the section do` });
      const parent = f.parent !== null ? F[f.parent] : undefined;
      if (parent) {
        const o = overlap(f.content, parent.content);
        if (o >= 0.3 && f.content.size >= 3) r.push({ weight: 0.35, pattern: true, text: `restates the comment it answers (${parent.id}) in other words (overlap ${o.toFixed(2)})` });
      }
    }
  }

  // Timing bursts inside clusters, and reuse under other articles.
  const uf = new UnionFind(n);
  for (const e of [...nearDup, ...template, ...paraphrase]) uf.union(e.i, e.j);
  for (const f of F) {
    if (f.time === null || !reasons[f.index]!.length) continue;
    const close = F.filter((g) => g.index !== f.index && g.time !== null && uf.find(g.index) === uf.find(f.index) && Math.abs(g.time - f.time!) <= THRESHOLDS.burstMinutes * 60_000);
    if (close.length >= 2) {
      const span = Math.max(...close.map((g) => Math.abs(g.time! - f.time!))) / 60_000;
      reasons[f.index]!.push({ weight: 0.2, pattern: true, text: `posted within ${Math.max(1, Math.round(span))} minutes of ${list(close.map((g) => g.id))}, which say the same` });
    }
  }
  // Authors of one cluster named on one pattern ("acct_5521", "acct_5522", …).
  const namePattern = (a: string | null): string | null => (a && /\d{2,}/.test(a) ? a.replace(/\d+/g, '#') : null);
  for (const f of F) {
    const p = namePattern(f.author);
    if (p === null || !reasons[f.index]!.length) continue;
    const same = F.filter((g) => g.index !== f.index && g.author !== f.author && uf.find(g.index) === uf.find(f.index) && namePattern(g.author) === p);
    if (same.length >= 2) reasons[f.index]!.push({ weight: 0.2, pattern: true, text: `its author's name follows the same pattern as the authors of ${list(same.map((g) => g.id))} (${p.replace(/#/g, 'N')})` });
  }
  if (options.reused) {
    for (const f of F) {
      const under = options.reused.get(f.id);
      if (under?.length) {
        reasons[f.index]!.push({
          weight: 0.7,
          pattern: true,
          text: `the same comment appears under ${under.length === 1 ? '1 other stored article' : `${under.length} other stored articles`}: ${list([...under], 3)}`,
        });
      }
    }
  }

  // Spam.
  const spamIds: number[] = [];
  if (options.spam) {
    for (const f of F) {
      const text = comments[f.index]!.text;
      if (!text.trim()) continue;
      const s = options.spam(text);
      // A link alone is how people cite on Reddit and Twitter: promotion needs another cue too.
      if (s.probability >= THRESHOLDS.spam && s.cues.some((c) => c !== 'a link')) {
        spamIds.push(f.index);
        reasons[f.index]!.push({ weight: s.probability, pattern: false, text: `promotional${s.cues.length ? ` (${s.cues.join(', ')})` : ''}: spam classifier ${s.probability.toFixed(2)}` });
      }
    }
  }

  // Genericness and the section's context.
  const specific = options.articleText ? specificTerms(options.articleText) : null;
  for (const f of F) {
    const r = reasons[f.index]!;
    if (!r.some((x) => x.pattern)) continue;
    if (specific && f.content.size >= 8 && ![...f.content].some((k) => specific.has(k)) && !/\d/.test(comments[f.index]!.text)) {
      r.push({ weight: 0.1, pattern: false, context: true, text: 'names nothing specific from the article (it would fit under any article on the topic)' });
    }
    if (coordination >= THRESHOLDS.coordinated) r.push({ weight: 0.5 * coordination, pattern: false, context: true, text: `part of a section that reads as coordinated (coordination ${coordination.toFixed(2)})` });
  }

  const items: CommentFinding[] = F.map((f) => {
    const r = reasons[f.index]!.sort((a, b) => Number(a.context ?? false) - Number(b.context ?? false) || b.weight - a.weight);
    const score = round(1 - r.reduce((p, x) => p * (1 - clamp(x.weight)), 1));
    return { id: f.id, flagged: score >= THRESHOLDS.flag, score, reasons: r.map((x) => x.text) };
  });

  const clusters: CommentCluster[] = [
    ...clustersOf(nearDup, 'near-duplicate', n, F),
    ...clustersOf(template, 'template', n, F),
    ...clustersOf(paraphrase, 'paraphrase', n, F),
  ];
  if (openersReused) clusters.push({ ids: openers.map((f) => f.id), kind: 'reply-opener', similarity: round(openerShare) });
  if (spamIds.length >= 2) clusters.push({ ids: spamIds.map((i) => F[i]!.id), kind: 'spam', similarity: 1 });
  if (options.reused) {
    const reusedIds = F.filter((f) => options.reused!.get(f.id)?.length).map((f) => f.id);
    if (reusedIds.length) clusters.push({ ids: reusedIds, kind: 'reuse', similarity: 1 });
  }

  return {
    coordination,
    items,
    clusters,
    section: { phrases: round(P), paraphrase: round(A), openers: round(openerShare), uniformity: round(L) },
  };
}

function clustersOf(edges: Edge[], kind: CommentCluster['kind'], n: number, F: CommentFeatures[]): CommentCluster[] {
  if (!edges.length) return [];
  const uf = new UnionFind(n);
  for (const e of edges) uf.union(e.i, e.j);
  const groups = new Map<number, { members: Set<number>; sims: number[] }>();
  for (const e of edges) {
    const root = uf.find(e.i);
    const g = groups.get(root) ?? { members: new Set<number>(), sims: [] };
    g.members.add(e.i);
    g.members.add(e.j);
    g.sims.push(e.sim);
    groups.set(root, g);
  }
  return [...groups.values()].map((g) => ({
    ids: [...g.members].sort((a, b) => a - b).map((i) => F[i]!.id),
    kind,
    similarity: round(g.sims.reduce((s, x) => s + x, 0) / g.sims.length),
  }));
}

/**
 * Article terms a specific comment would name: the people, places and things the article names
 * (capitalised words inside a sentence) except the three it names most, which carry the topic.
 * Numbers count as specific too (checked on the comment).
 */
function specificTerms(articleText: string): Set<string> {
  const counts = new Map<string, number>();
  for (const m of articleText.matchAll(/(?<=[\p{Ll}\p{N},;:]\s+)\p{Lu}[\p{L}'’-]+/gu)) {
    for (const t of tokenize(m[0])) if (t.content && t.key.length > 2) counts.set(t.key, (counts.get(t.key) ?? 0) + 1);
  }
  const topic = new Set([...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k]) => k));
  return new Set([...counts.keys()].filter((k) => !topic.has(k)));
}
