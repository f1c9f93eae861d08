import { splitmix32 } from './hash.ts';

/** A small, generic synonym list for faking a content-farm rewrite: the key word becomes the value. */
export const SYNONYMS: Readonly<Record<string, string>> = {
  said: 'stated', says: 'states', told: 'informed', began: 'started', start: 'begin',
  also: 'additionally', big: 'large', large: 'sizeable', help: 'assist', show: 'demonstrate',
  people: 'individuals', before: 'prior to', after: 'following', about: 'around', buy: 'purchase',
  many: 'numerous', get: 'obtain', use: 'utilise', try: 'attempt', need: 'require',
  however: 'but', important: 'significant', announced: 'revealed', called: 'described',
  plan: 'proposal', law: 'legislation', officials: 'authorities', week: 'seven days',
  expected: 'anticipated', major: 'key', money: 'funds', country: 'nation', nearly: 'almost',
  more: 'additional', than: 'compared with', because: 'since', while: 'whereas', would: 'will',
  could: 'might', new: 'fresh', first: 'initial', last: 'previous', job: 'role', jobs: 'positions',
  group: 'organisation', statement: 'release', asked: 'questioned', added: 'continued',
};

export interface RewriteOptions {
  /** Share of sentences dropped (default 0.3). */
  drop?: number;
  /** Probability that a word with an entry in `synonyms` is swapped (default 0.8). */
  swap?: number;
  /**
   * Probability that any other word is replaced by a made-up token: a stand-in for heavier
   * paraphrasing than the synonym list gives (default 0).
   */
  noise?: number;
  /** Shuffle the order of paragraphs (default true). */
  reorder?: boolean;
  synonyms?: Readonly<Record<string, string>>;
  seed?: number;
}

const SPLIT = /(?<=[.!?]["”’')]*)\s+(?=["“‘(]?[A-Z0-9])/;

function shuffle<T>(xs: T[], next: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * A synthetic content-farm rewrite of `text`, deterministic for a seed: drops a share of the
 * sentences, swaps words from a synonym list, shuffles the paragraphs (split on line breaks).
 * Used by tests and benchmarks to measure recall on realistic rewrites of real articles.
 */
export function syntheticRewrite(text: string, opts: RewriteOptions = {}): string {
  const next = splitmix32(opts.seed ?? 1);
  const unit = (): number => next() / 2 ** 32;
  const drop = opts.drop ?? 0.3;
  const swap = opts.swap ?? 0.8;
  const noise = opts.noise ?? 0;
  const syn = opts.synonyms ?? SYNONYMS;
  const paras = text.split(/\n+/).map((p) => p.trim()).filter(Boolean).map((p) => p.split(SPLIT));
  const all = paras.flatMap((p, i) => p.map((_, j) => `${i}:${j}`));
  const dropped = new Set(shuffle(all, next).slice(0, Math.round(all.length * drop)));
  const kept = paras
    .map((p, i) => p.filter((_, j) => !dropped.has(`${i}:${j}`)))
    .filter((p) => p.length > 0)
    .map((p) => p.join(' ').replace(/[A-Za-z]+/g, (w) => {
      const r = syn[w.toLowerCase()];
      if (r === undefined) return noise > 0 && unit() < noise ? `x${(next() % 46656).toString(36)}` : w;
      if (unit() >= swap) return w;
      return w[0] === w[0]!.toUpperCase() ? r[0]!.toUpperCase() + r.slice(1) : r;
    }));
  return (opts.reorder ?? true ? shuffle(kept, next) : kept).join('\n\n');
}
