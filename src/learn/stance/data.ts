import { join } from 'node:path';
import { ok, type Result } from '../../model/result.ts';
import { readTable } from '../data.ts';
import { FNC_LABELS, type FncLabel } from '../metrics.ts';
import { rng, shuffle } from '../random.ts';

export interface FncPair { headline: string; bodyId: string; stance: FncLabel }
export interface FncData { pairs: FncPair[]; bodies: Map<string, string> }

/** Reads FNC-1 style bodies and stances CSVs; an unknown stance or body id is an error value. */
export function readFnc(bodiesPath: string, stancesPath: string): Result<FncData> {
  const b = readTable(bodiesPath, ['Body ID', 'articleBody'], 'csv');
  if (!b.ok) return b;
  const s = readTable(stancesPath, ['Headline', 'Body ID', 'Stance'], 'csv');
  if (!s.ok) return s;
  const bodies = new Map(b.value.map((r) => [r['Body ID']!.trim(), r.articleBody!]));
  const pairs: FncPair[] = [];
  for (const [i, r] of s.value.entries()) {
    const stance = r.Stance!.trim().toLowerCase();
    if (!(FNC_LABELS as readonly string[]).includes(stance)) {
      return { ok: false, error: { code: 'bad-input', message: `"${stancesPath}" row ${i + 2}: unknown stance "${r.Stance}", expected agree, disagree, discuss or unrelated` } };
    }
    const bodyId = r['Body ID']!.trim();
    if (!bodies.has(bodyId)) return { ok: false, error: { code: 'bad-input', message: `"${stancesPath}" row ${i + 2}: body id "${bodyId}" is not in "${bodiesPath}"` } };
    pairs.push({ headline: r.Headline!, bodyId, stance: stance as FncLabel });
  }
  return ok({ pairs, bodies });
}

export function readFncDir(dir: string): Result<FncData> {
  return readFnc(join(dir, 'train_bodies.csv'), join(dir, 'train_stances.csv'));
}

/**
 * Splits pairs by topic so that no headline and no body is shared between parts: headlines and
 * bodies linked by a related pair form one topic (connected component); whole topics go to
 * train, dev or test; unrelated pairs that cross parts are dropped.
 */
export function topicSplit(pairs: FncPair[], seed: number, fractions: { dev: number; test: number }): { train: FncPair[]; dev: FncPair[]; test: FncPair[]; topicOfBody: Map<string, string> } {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? (parent.set(r, r), r);
    let y = x;
    while (y !== r) { const n = parent.get(y)!; parent.set(y, r); y = n; }
    return r;
  };
  const union = (a: string, b: string): void => { const ra = find(a), rb = find(b); if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb); };
  for (const p of pairs) { find(`h:${p.headline}`); find(`b:${p.bodyId}`); }
  for (const p of pairs) if (p.stance !== 'unrelated') union(`h:${p.headline}`, `b:${p.bodyId}`);
  const roots = [...new Set(pairs.map((p) => find(`b:${p.bodyId}`)))].sort();
  shuffle(roots, rng(seed));
  const part = new Map<string, 'train' | 'dev' | 'test'>();
  const nTest = Math.round(roots.length * fractions.test), nDev = Math.round(roots.length * fractions.dev);
  roots.forEach((r, i) => part.set(r, i < nTest ? 'test' : i < nTest + nDev ? 'dev' : 'train'));
  const out = { train: [] as FncPair[], dev: [] as FncPair[], test: [] as FncPair[], topicOfBody: new Map(pairs.map((p) => [p.bodyId, find(`b:${p.bodyId}`)])) };
  for (const p of pairs) {
    const ph = part.get(find(`h:${p.headline}`)) ?? 'train';
    const pb = part.get(find(`b:${p.bodyId}`))!;
    if (ph === pb) out[pb].push(p);
  }
  return out;
}

/** Share of unrelated pairs in `pairs` (0.731 in FNC-1's train_stances.csv). */
export function unrelatedShare(pairs: FncPair[]): number {
  return pairs.length ? pairs.filter((p) => p.stance === 'unrelated').length / pairs.length : 0;
}

/**
 * The held-out pairs with their unrelated pairs re-drawn the way FNC-1 made them: the related
 * pairs are kept, and each headline is paired in turn with a random body of another topic of
 * the same part (seeded), until unrelated pairs are `share` of all. A topic split keeps only
 * the unrelated pairs inside one part (about a third of them), so its mix of labels is not
 * FNC-1's; this one is, and its FNC score compares with FNC-1's own figures.
 */
export function fncMix(pairs: FncPair[], topicOfBody: Map<string, string>, share: number, seed: number): FncPair[] {
  const related = pairs.filter((p) => p.stance !== 'unrelated');
  const topicOfHeadline = new Map<string, string>();
  for (const p of related) if (!topicOfHeadline.has(p.headline)) topicOfHeadline.set(p.headline, topicOfBody.get(p.bodyId)!);
  const headlines = [...topicOfHeadline.keys()].sort();
  const bodyIds = [...new Set(pairs.map((p) => p.bodyId))].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  const want = Math.round((related.length * share) / Math.max(1e-9, 1 - share));
  const r = rng(seed);
  shuffle(headlines, r);
  const out = [...related];
  const seen = new Set<string>();
  for (let i = 0, tries = 0; i < want && headlines.length && tries < want * 20; tries++) {
    const headline = headlines[i % headlines.length]!;
    const bodyId = bodyIds[r.int(bodyIds.length)]!;
    const key = `${headline}\u0000${bodyId}`;
    if (topicOfBody.get(bodyId) === topicOfHeadline.get(headline) || seen.has(key)) continue;
    seen.add(key);
    out.push({ headline, bodyId, stance: 'unrelated' });
    i++;
  }
  return out;
}
