/**
 * Training pairs for the same-fact model, mined from reports of one story written by different
 * outlets: FNC-1 bodies linked to the same claim (a topic), and the left/centre/right excerpts of
 * an AllSides story. Where two reports state the same figure or the same date, the two mentions
 * are taken as the same fact (positive); the claim mention against the other report's mentions
 * of the same kind with another value is taken as a different fact (negative). A mention whose
 * value the other report states twice or more is skipped (which one is meant is unknown).
 * BASIL, the benchmark of the comparison, is never used here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotate } from '../../annotate/index.ts';
import { createDocument } from '../../model/index.ts';
import { passageSide, type Side } from '../../verify/compare/align.ts';
import { datePairFeatures, sameWhen, whens, type When } from '../../verify/compare/dates.ts';
import { agrees, figures, quantityPairFeatures, type Figure } from '../../verify/compare/quantities.ts';
import { toBase } from '../../verify/compare/units.ts';
import { hashString } from '../../model/hash.ts';
import { readFncDir, topicSplit } from '../stance/data.ts';

export interface PairExample {
  x: Float32Array;
  y: 0 | 1;
  kind: 'quantity' | 'date';
  topic: string;
}

export interface Story {
  topic: string;
  texts: string[];
  /** When the story ran (ISO date), where known. */
  published?: string;
}

/** FNC-1 bodies grouped by topic (bodies linked through related headlines). */
export function fncStories(data: string): Story[] {
  const r = readFncDir(join(data, 'fnc1'));
  if (!r.ok) throw new Error(r.error.message);
  const { topicOfBody } = topicSplit(r.value.pairs, 1, { dev: 0, test: 0 });
  const related = new Set(r.value.pairs.filter((p) => p.stance !== 'unrelated').map((p) => p.bodyId));
  const byTopic = new Map<string, string[]>();
  for (const [body, topic] of topicOfBody) {
    if (!related.has(body)) continue;
    const list = byTopic.get(topic) ?? [];
    list.push(body);
    byTopic.set(topic, list);
  }
  return [...byTopic].filter(([, b]) => b.length >= 2).map(([topic, bodies]) => ({
    topic: `fnc:${topic}`,
    texts: bodies.sort((a, b) => Number(a) - Number(b)).map((b) => r.value.bodies.get(b)!),
  }));
}

/** AllSides stories: the excerpts of the outlets that covered the story, and its roundup. */
export function allSidesStories(data: string): Story[] {
  const file = join(data, 'allsides-story-clusters-neus', 'allsides_headline_11_2021-10-19_crawled_all.jsonl');
  const out: Story[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const s = JSON.parse(line) as { id: number; date?: string; roundup?: string[]; news?: Record<string, { newBody?: string | string[] }> };
    // An excerpt is a list of sentences (a string in some crawls).
    const body = (b: string | string[] | undefined): string => (Array.isArray(b) ? b.join(' ') : b ?? '');
    const texts = Object.values(s.news ?? {}).map((n) => body(n.newBody)).filter((t) => t.length > 80);
    const roundup = (s.roundup ?? []).join(' ');
    if (roundup.length > 80) texts.push(roundup);
    if (texts.length >= 2) out.push({ topic: `allsides:${s.id}`, texts, ...(s.date ? { published: s.date.slice(0, 10) } : {}) });
  }
  return out;
}

const MAX_PARTNERS = 6;
const MAX_NEGATIVES = 4;

/** Mines the pairs of every story; `pick(topic)` keeps a story (for splits). */
export function minePairs(stories: Story[], pick: (topic: string) => boolean = () => true): PairExample[] {
  const out: PairExample[] = [];
  for (const story of stories) {
    if (!pick(story.topic)) continue;
    const sides = story.texts.map((text, i) => {
      const ann = annotate(createDocument({ origin: `${story.topic}#${i}`, format: 'text', text }));
      const side = passageSide(text, ann);
      return { side, figs: figures(side), dates: whens(side).filter((w) => !w.d.relative) };
    });
    for (let a = 0; a < sides.length; a++) {
      for (let k = 1; k <= Math.min(MAX_PARTNERS, sides.length - 1); k++) {
        const b = (a + k) % sides.length;
        mineQuantities(sides[a]!.side, sides[b]!.side, sides[a]!.figs, sides[b]!.figs, story.topic, out);
        mineDates(sides[a]!.dates, sides[b]!.dates, story.topic, out);
      }
    }
  }
  return out;
}

/** A few of `xs`, chosen by a hash of `key` (deterministic, spread). */
function some<T>(xs: T[], n: number, key: string): T[] {
  if (xs.length <= n) return xs;
  const start = hashString(key) % xs.length;
  return Array.from({ length: n }, (_, i) => xs[(start + i * 7) % xs.length]!).filter((x, i, all) => all.indexOf(x) === i);
}

function mineQuantities(cSide: Side, pSide: Side, cs: Figure[], ps: Figure[], topic: string, out: PairExample[]): void {
  for (const c of cs) {
    // Small counts ("two people", "one of them") recur by chance: their equality says nothing.
    if (c.dim === 'count' && Math.abs(c.value) < 10) continue;
    const same = ps.filter((p) => p.dim === c.dim);
    const equal = same.filter((p) => toBase(p.value, p.unit) === toBase(c.value, c.unit) && p.min === c.min && p.max === c.max);
    if (equal.length > 1) continue;
    const different = same.filter((p) => !agrees(c, p));
    for (const p of equal) out.push({ x: quantityPairFeatures(cSide, pSide, cs, ps, c, p), y: 1, kind: 'quantity', topic });
    for (const p of some(different, MAX_NEGATIVES, `${topic}:${c.span.start}:${c.value}`)) {
      out.push({ x: quantityPairFeatures(cSide, pSide, cs, ps, c, p), y: 0, kind: 'quantity', topic });
    }
  }
}

function mineDates(cs: When[], ps: When[], topic: string, out: PairExample[]): void {
  for (const c of cs) {
    const equal = ps.filter((p) => sameWhen(c, p) && p.d.granularity === c.d.granularity);
    if (equal.length > 1) continue;
    const different = ps.filter((p) => p.point.hi < c.point.lo || c.point.hi < p.point.lo);
    for (const p of equal) out.push({ x: datePairFeatures(cs, ps, c, p), y: 1, kind: 'date', topic });
    for (const p of some(different, MAX_NEGATIVES, `${topic}:${c.span.start}:${c.d.value}`)) {
      out.push({ x: datePairFeatures(cs, ps, c, p), y: 0, kind: 'date', topic });
    }
  }
}
