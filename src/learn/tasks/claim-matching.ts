/**
 * `crosscheck train claim-matching` and `crosscheck eval claim-matching`: the reranker that finds
 * earlier fact-checks of a claim, trained on the CheckThat! 2022 task 2A English train qrels, with
 * epochs chosen on the dev qrels; the fact-checks are searched through a real (in-memory) store.
 */
import { join } from 'node:path';
import { readQrels, readQueries, type Query } from '../../factcheck/checkthat.ts';
import { FEATURE_COUNT, FEATURE_SCHEMA, buildIdf, pairFeatures, querySide, type Candidate, type Idf } from '../../factcheck/features.ts';
import { candidates } from '../../factcheck/match.ts';
import { DEFAULT_CONFIG, MODEL_NAME, idfFromTable, loadMatcher, matcherFromWeights, similarityOf, type Matcher, type MatcherConfig } from '../../factcheck/model.ts';
import { matchQuery } from '../../factcheck/query.ts';
import { readFactCheckFile } from '../../factcheck/read.ts';
import { addFactChecks } from '../../factcheck/store.ts';
import { openStore, type Store } from '../../store/index.ts';
import { fromDense, type SparseVector } from '../features.ts';
import { averagePrecision, round } from '../metrics.ts';
import { trainMlp, type MlpModel } from '../mlp.ts';
import { decodeTensor, encodeTensor, packMlp, saveModel } from '../model-file.ts';
import { TaskInputError, required, taskArgs } from './args.ts';
import type { EvalTask, TrainTask } from './types.ts';

const FOLDER = 'checkthat2022-task2a-verified-claims';
const FILES = {
  vclaims: 'vclaims.jsonl',
  trainDevQueries: 'CT2022-Task2A-EN-Train-Dev_Queries.tsv',
  trainQrels: 'CT2022-Task2A-EN-Train_QRELs.tsv',
  devQrels: 'CT2022-Task2A-EN-Dev_QRELs.tsv',
  devTestQueries: 'CT2022-Task2A-EN-Dev-Test_Queries.tsv',
  devTestQrels: 'CT2022-Task2A-EN-Dev-Test_QRELs.tsv',
} as const;

/** Negatives per training query from its "fact-check absent" copy (the best-ranked of the rest). */
const ABSENT_NEGATIVES = 15;

const HYPER = { hidden: 32, epochs: 15, lr: 0.003, l2: 1e-5, dropout: 0.1 };

/** A store holding the fact-checks of a vclaims file, and vclaim_id by stored source id. */
export async function vclaimStore(path: string): Promise<{ store: Store; texts: string[] }> {
  const read = await readFactCheckFile(path, 'vclaims');
  if (!read.ok) throw new TaskInputError(read.error.message);
  const store = await openStore(':memory:');
  if (!store.ok) throw new Error(store.error.message);
  await addFactChecks(store.value, read.value.records, path);
  const texts = read.value.records.map((r) => [r.claim, r.title ?? '', ...r.context].join('\n'));
  return { store: store.value, texts };
}

export interface Featurized {
  query: Query;
  relevant: Set<string>;
  /** vclaim ids of the candidates (stored external ids). */
  ids: string[];
  xs: Float32Array[];
  /**
   * The same query as if its fact-check had never been published: the relevant candidates
   * removed and the others' ranks and relative scores recomputed. Every candidate is then wrong,
   * which teaches the model (and the threshold) that the best of the rest is not a match.
   */
  absent: Float32Array[];
}

const idOf = (c: Candidate): string => c.fc.externalId ?? c.fc.sourceId;

/** The candidates without `drop`, ranks and relative scores recomputed within each search. */
function without(cands: Candidate[], drop: Set<string>): Candidate[] {
  const kept = cands.filter((c) => !drop.has(idOf(c)));
  const rerank = (rank: (c: Candidate) => number | null, score: (c: Candidate) => number) => {
    const inList = kept.filter((c) => rank(c) !== null).sort((a, b) => rank(a)! - rank(b)!);
    const top = Math.max(1e-9, ...inList.map(score));
    return new Map(inList.map((c, i) => [c, { rank: i, score: score(c) / top }]));
  };
  const g = rerank((c) => c.globalRank, (c) => c.globalScore);
  const w = rerank((c) => c.windowRank, (c) => c.windowScore);
  return kept.map((c) => ({
    fc: c.fc,
    globalRank: g.get(c)?.rank ?? null,
    globalScore: g.get(c)?.score ?? 0,
    windowRank: w.get(c)?.rank ?? null,
    windowScore: w.get(c)?.score ?? 0,
  }));
}

export async function featurize(store: Store, queries: Query[], qrels: Map<string, Set<string>>, m: Matcher, withAbsent = false): Promise<Featurized[]> {
  const out: Featurized[] = [];
  for (const query of queries) {
    const relevant = qrels.get(query.id);
    if (!relevant) continue;
    const q = matchQuery(query.text);
    const cands: Candidate[] = await candidates(store, q, m);
    const side = querySide(q, m.idf);
    const absent = withAbsent && cands.some((c) => relevant.has(idOf(c))) ? without(cands, relevant).map((c) => pairFeatures(side, c, m.idf)) : [];
    out.push({ query, relevant, ids: cands.map(idOf), xs: cands.map((c) => pairFeatures(side, c, m.idf)), absent });
  }
  return out;
}

type Figures = {
  queries: number;
  map1: number;
  map3: number;
  map5: number;
  mrr: number;
  'recall@5': number;
  'recall@candidates': number;
  'precision@1': number;
};

/** MAP@k as CheckThat! computes it (trec_eval map_cut: divided by all relevant), MRR over the ranking. */
export function figures(runs: Array<{ ranked: string[]; relevant: Set<string> }>): Figures {
  const n = Math.max(1, runs.length);
  const mean = (f: (r: { ranked: string[]; relevant: Set<string> }) => number): number => round(runs.reduce((a, r) => a + f(r), 0) / n);
  return {
    queries: runs.length,
    map1: mean((r) => averagePrecision(r.ranked, r.relevant, 1)),
    map3: mean((r) => averagePrecision(r.ranked, r.relevant, 3)),
    map5: mean((r) => averagePrecision(r.ranked, r.relevant, 5)),
    mrr: mean((r) => { const i = r.ranked.findIndex((id) => r.relevant.has(id)); return i < 0 ? 0 : 1 / (i + 1); }),
    'recall@5': mean((r) => r.ranked.slice(0, 5).filter((id) => r.relevant.has(id)).length / r.relevant.size),
    'recall@candidates': mean((r) => r.ranked.filter((id) => r.relevant.has(id)).length / r.relevant.size),
    'precision@1': mean((r) => (r.ranked[0] !== undefined && r.relevant.has(r.ranked[0]) ? 1 : 0)),
  };
}

export function rankedRuns(data: Featurized[], score: (x: Float32Array) => number): Array<{ ranked: string[]; relevant: Set<string>; top: number; hit: boolean }> {
  return data.map((d) => {
    const scored = d.ids.map((id, i) => ({ id, s: score(d.xs[i]!) })).sort((a, b) => b.s - a.s || a.id.localeCompare(b.id));
    return { ranked: scored.map((x) => x.id), relevant: d.relevant, top: scored[0]?.s ?? 0, hit: scored[0] !== undefined && d.relevant.has(scored[0].id) };
  });
}

/** The best score among a query's candidates when its fact-check is absent from the store. */
export const absentTops = (data: Featurized[], score: (x: Float32Array) => number): number[] =>
  data.filter((d) => d.absent.length).map((d) => Math.max(...d.absent.map(score)));

/**
 * The threshold a check uses, chosen on the dev queries, each asked twice: with its fact-check
 * stored (the best candidate above the threshold should be it) and without (nothing should be
 * above). The lowest probability at which at least 97 % of what is above it is right, never below 0.5.
 */
export function chooseThreshold(runs: Array<{ top: number; hit: boolean }>, absent: number[]): { threshold: number; precision: number; recall: number; falseMatchRate: number } {
  const points = [...runs.map((r) => ({ top: r.top, right: r.hit })), ...absent.map((top) => ({ top, right: false }))].sort((a, b) => b.top - a.top);
  let threshold = 0.99, right = 0;
  points.forEach((p, i) => {
    if (p.right) right++;
    if (right / (i + 1) >= 0.97 && (points[i + 1]?.top ?? -1) < p.top) threshold = p.top;
  });
  threshold = round(Math.max(0.5, threshold), 3);
  const above = points.filter((p) => p.top >= threshold);
  return {
    threshold,
    precision: round(above.filter((p) => p.right).length / Math.max(1, above.length)),
    recall: round(above.filter((p) => p.right).length / Math.max(1, runs.length)),
    falseMatchRate: round(absent.filter((t) => t >= threshold).length / Math.max(1, absent.length)),
  };
}

export const CLAIM_MATCHING_TASK: TrainTask = {
  name: 'claim-matching',
  description: 'earlier fact-checks of a claim: full-text candidates reranked by an MLP (CheckThat! 2022 2A English train qrels, dev for early stopping)',
  async train({ data, seed, log }) {
    const t0 = performance.now();
    const dir = join(data, FOLDER);
    const { store, texts } = await vclaimStore(join(dir, FILES.vclaims));
    try {
      const queries = readQueries(join(dir, FILES.trainDevQueries));
      const trainQrels = readQrels(join(dir, FILES.trainQrels));
      const devQrels = readQrels(join(dir, FILES.devQrels));
      const dtQueries = readQueries(join(dir, FILES.devTestQueries));
      const dtQrels = readQrels(join(dir, FILES.devTestQrels));
      for (const r of [queries, trainQrels, devQrels, dtQueries, dtQrels]) if (!r.ok) throw new TaskInputError(r.error.message);
      if (!queries.ok || !trainQrels.ok || !devQrels.ok || !dtQueries.ok || !dtQrels.ok) throw new Error('unreachable');
      const config: MatcherConfig = { ...DEFAULT_CONFIG };
      // The IDF table as shipped (quantised to 8 bits), so training sees the features a check computes.
      const idfRaw = buildIdf(texts, config.idfBits);
      const idfTensor = encodeTensor(idfRaw.table, [idfRaw.table.length], 'q8');
      const idf: Idf = idfFromTable(decodeTensor(idfTensor), config.idfBits);
      const m0: Matcher = { config, idf, mlp: { kind: 'mlp', dim: FEATURE_COUNT, hidden: 1, classes: 2, W1: new Float32Array(FEATURE_COUNT), b1: new Float32Array(1), W2: new Float32Array(2), b2: new Float32Array(2) } };
      const train = await featurize(store, queries.value, trainQrels.value, m0, true);
      const dev = await featurize(store, queries.value, devQrels.value, m0, true);
      const devTest = await featurize(store, dtQueries.value, dtQrels.value, m0);
      log(`claim-matching: ${texts.length} fact-checks; queries train ${train.length} / dev ${dev.length} / dev-test ${devTest.length}; candidates ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const t1 = performance.now();
      const examples = train.flatMap((d) => [
        ...d.xs.map((x, i) => ({ x: fromDense(x) as SparseVector, y: d.relevant.has(d.ids[i]!) ? 1 : 0 })),
        // As if the fact-check did not exist: the best few of the rest are negatives.
        ...d.absent.map((x) => ({ x: fromDense(x) as SparseVector, y: 0 })).slice(0, ABSENT_NEGATIVES),
      ]);
      let best: { epoch: number; map5: number; mlp: MlpModel } | undefined;
      const copy = (m: MlpModel): MlpModel => ({ ...m, W1: m.W1.slice(), b1: m.b1.slice(), W2: m.W2.slice(), b2: m.b2.slice() });
      trainMlp(examples, {
        classes: 2, dim: FEATURE_COUNT, hidden: HYPER.hidden, epochs: HYPER.epochs, lr: HYPER.lr, l2: HYPER.l2, dropout: HYPER.dropout, seed,
        onEpoch(epoch, loss, mlp) {
          const m = { ...m0, mlp };
          const f = figures(rankedRuns(dev, (x) => similarityOf(m, x)));
          log(`epoch ${epoch}: loss ${loss.toFixed(4)}, dev MAP@5 ${f.map5}`);
          if (!best || f.map5 > best.map5) best = { epoch, map5: f.map5, mlp: copy(mlp) };
        },
      });
      if (!best) throw new Error('claim-matching training ran no epoch');
      log(`training: ${((performance.now() - t1) / 1000).toFixed(1)} s, best epoch ${best.epoch}`);
      const weights = { ...packMlp(best.mlp), idf: idfTensor };
      const shipped = matcherFromWeights(weights, config);
      const devRuns = rankedRuns(dev, (x) => similarityOf(shipped, x));
      const decision = chooseThreshold(devRuns, absentTops(dev, (x) => similarityOf(shipped, x)));
      config.threshold = decision.threshold;
      const metrics = {
        bestEpoch: best.epoch,
        threshold: config.threshold,
        /** On the dev queries asked with and without their fact-check stored. */
        thresholdOnDev: decision,
        train: figures(rankedRuns(train, (x) => similarityOf(shipped, x))),
        dev: figures(devRuns),
        devTest: figures(rankedRuns(devTest, (x) => similarityOf(shipped, x))),
        /** The full-text ranking alone (store search over all fact-checks, then the date window's additions). */
        fullTextOnly: { dev: figures(dev.map((d) => ({ ranked: d.ids, relevant: d.relevant }))), devTest: figures(devTest.map((d) => ({ ranked: d.ids, relevant: d.relevant }))) },
        trainingSeconds: round((performance.now() - t0) / 1000, 1),
      };
      const path = saveModel({
        name: MODEL_NAME, featureSchema: FEATURE_SCHEMA, seed,
        trainedOn: `CheckThat! 2022 task 2A English: ${texts.length} vclaims; ${train.length} train queries (${examples.length} candidate pairs); dev ${dev.length} queries for early stopping and the threshold; dev-test ${devTest.length} reported only`,
        createdWith: 'crosscheck train claim-matching', metrics, config: { ...config, hyper: HYPER }, weights,
      });
      return { model: path, ...metrics };
    } finally {
      await store.close();
    }
  },
};

export const CLAIM_MATCHING_EVAL: EvalTask = {
  name: 'claim-matching',
  usage: 'eval claim-matching --vclaims vclaims.jsonl --queries Q.tsv --qrels R.tsv [--format json]',
  async run(args, log) {
    const v = taskArgs(args, ['vclaims', 'queries', 'qrels'] as const);
    const vclaims = required(v, 'vclaims', CLAIM_MATCHING_EVAL.usage);
    const queries = readQueries(required(v, 'queries', CLAIM_MATCHING_EVAL.usage));
    if (!queries.ok) throw new TaskInputError(queries.error.message);
    const qrels = readQrels(required(v, 'qrels', CLAIM_MATCHING_EVAL.usage));
    if (!qrels.ok) throw new TaskInputError(qrels.error.message);
    const matcher = loadMatcher();
    if (!matcher.ok) throw new TaskInputError(matcher.error.message);
    return evaluateClaimMatching(vclaims, queries.value, qrels.value, matcher.value, log);
  },
};

/** Ranks every query with a qrels entry against the vclaims and returns MAP@1/3/5, MRR, recall@5 and the time per query. */
export async function evaluateClaimMatching(
  vclaims: string, queries: Query[], qrels: Map<string, Set<string>>, m: Matcher, log: (s: string) => void = () => {},
): Promise<Figures & { msPerQuery: number; factChecks: number }> {
  const { store, texts } = await vclaimStore(vclaims);
  try {
    const t = performance.now();
    const data = await featurize(store, queries, qrels, m);
    if (!data.length) throw new TaskInputError('no query has a relevant fact-check in the qrels: check that the queries and qrels files belong together');
    const f = figures(rankedRuns(data, (x) => similarityOf(m, x)));
    const msPerQuery = round((performance.now() - t) / data.length, 1);
    log(`${data.length} queries against ${texts.length} fact-checks: MAP@5 ${f.map5}`);
    return { ...f, msPerQuery, factChecks: texts.length };
  } finally {
    await store.close();
  }
}
