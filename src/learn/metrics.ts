/** Evaluation metrics: per-class precision/recall/F1, macro-F1, confusion matrix, FNC score, MAP@k. */

/** confusion[gold][pred] counts. */
export function confusion(gold: number[], pred: number[], classes: number): number[][] {
  if (gold.length !== pred.length) throw new Error(`confusion: ${gold.length} gold labels against ${pred.length} predictions`);
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  gold.forEach((g, i) => { m[g]![pred[i]!]!++; });
  return m;
}

export interface Prf { precision: number; recall: number; f1: number; support: number }

/** Precision, recall and F1 of class `c` (0 where undefined). */
export function prf(m: number[][], c: number): Prf {
  const tp = m[c]![c]!;
  const gold = m[c]!.reduce((a, b) => a + b, 0);
  const predicted = m.reduce((a, row) => a + row[c]!, 0);
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support: gold };
}

/** Precision/recall/F1 of the positive class of binary labels (true = positive). */
export function binaryPrf(gold: boolean[], pred: boolean[]): Prf {
  return prf(confusion(gold.map(Number), pred.map(Number), 2), 1);
}

export function macroF1(m: number[][]): number {
  return m.reduce((a, _, c) => a + prf(m, c).f1, 0) / m.length;
}

export function accuracy(m: number[][]): number {
  let right = 0, all = 0;
  m.forEach((row, g) => row.forEach((n, p) => { all += n; if (g === p) right += n; }));
  return all ? right / all : 0;
}

export const FNC_LABELS = ['agree', 'disagree', 'discuss', 'unrelated'] as const;
export type FncLabel = (typeof FNC_LABELS)[number];

/**
 * The FNC-1 score as a percentage of the gold labels' own score: +0.25 for the right
 * related/unrelated decision, +0.75 more for the right agree/disagree/discuss label.
 */
export function fncScore(gold: FncLabel[], pred: FncLabel[]): number {
  let got = 0, max = 0;
  const related = (l: FncLabel): boolean => l !== 'unrelated';
  gold.forEach((g, i) => {
    const p = pred[i]!;
    max += related(g) ? 1 : 0.25;
    if (g === p) got += 0.25;
    if (related(g) && related(p)) got += 0.25;
    if (g === p && related(g)) got += 0.5;
  });
  return max ? (100 * got) / max : 0;
}

/** Average precision at k of one ranking against the set of relevant ids (trec_eval map_cut: divided by all relevant). */
export function averagePrecision(ranked: string[], relevant: Set<string>, k: number): number {
  if (!relevant.size) return 0;
  let hits = 0, sum = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) { hits++; sum += hits / (i + 1); }
  });
  return sum / relevant.size;
}

/** Mean average precision at k over queries (queries with no relevant ids count as 0). */
export function mapAtK(runs: { ranked: string[]; relevant: Set<string> }[], k: number): number {
  if (!runs.length) return 0;
  return runs.reduce((a, r) => a + averagePrecision(r.ranked, r.relevant, k), 0) / runs.length;
}

/** Rounds for reports. */
export const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;
