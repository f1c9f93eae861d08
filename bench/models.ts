/**
 * The trained models on their public benchmarks: FNC-1 (stance, topic-held-out split of the
 * training set) and CheckThat! 2024 English (check-worthiness, dev and dev-test), with model size,
 * training time (as recorded in the model file by `crosscheck train`) and inference cost per item.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckworthinessModel } from '../src/learn/checkworthiness/model.ts';
import { checkworthinessProbability } from '../src/learn/checkworthiness/model.ts';
import { modelPath } from '../src/learn/model-file.ts';
import { readFncDir } from '../src/learn/stance/data.ts';
import { loadStanceModel, stanceOf } from '../src/learn/stance/model.ts';
import { evaluateCw, readCt24 } from '../src/learn/tasks/checkworthiness.ts';
import { evaluateFnc, fncSplit } from '../src/learn/tasks/stance.ts';
import { DATASETS } from './corpus.ts';
import { stats } from './machine.ts';

const mb = (path: string): string => `${(statSync(path).size / 2 ** 20).toFixed(2)} MB`;
const ms = (x: number): string => `${x.toFixed(3)} ms`;

/** Per-call latency of `f` over `items` (after a warm-up pass), in ms. */
function perItem<T>(items: T[], f: (x: T) => unknown): { median: number; p95: number; mean: number } {
  for (const x of items.slice(0, 50)) f(x);
  return stats(items.map((x) => { const t = performance.now(); f(x); return performance.now() - t; }));
}

export async function benchModels(): Promise<string> {
  const stance = loadStanceModel();
  const cw = loadCheckworthinessModel();
  if (!stance.ok) throw new Error(stance.error.message);
  if (!cw.ok) throw new Error(cw.error.message);
  const out: string[] = ['## Trained models', ''];

  const fnc = readFncDir(join(DATASETS, 'fnc1'));
  if (!fnc.ok) throw new Error(fnc.error.message);
  const split = fncSplit(fnc.value.pairs);
  const rows = (['dev', 'test'] as const).map((part) => ({ part, f: evaluateFnc(stance.value, { pairs: split[part], bodies: fnc.value.bodies }) }));
  // Inference cost of one call as the verify stage makes it: a claim and a passage of a few sentences, nothing cached.
  const passages = split.test.slice(0, 400).map((p) => ({ claim: p.headline, passage: fnc.value.bodies.get(p.bodyId)!.split(/\n+/).filter((s) => s.trim()).slice(0, 2).join(' ') }));
  const bodies = split.test.slice(0, 200).map((p) => ({ claim: p.headline, passage: fnc.value.bodies.get(p.bodyId)! }));
  const short = perItem(passages, (x) => stanceOf(x.claim, x.passage, stance.value));
  const long = perItem(bodies, (x) => stanceOf(x.claim, x.passage, stance.value));
  const sm = stance.value.file!.metrics as { trainingSeconds?: number; bestEpoch?: number };
  out.push('### Stance (FNC-1)', '',
    `Data: \`../shared/datasets/fnc1\` train only, split by topic (headlines and bodies linked by a related pair form a topic; whole`,
    `topics go to train / dev / test, seed 1, 60/20/20 %; pairs across parts dropped), so dev and test topics are unseen.`,
    `Model: \`models/stance.json\` (${mb(modelPath('stance'))}), an MLP (${stance.value.mlp.hidden} hidden units) over topic-independent`,
    `similarity and cue features; early stopping on dev (epoch ${sm.bestEpoch ?? '?'}). Training: ${sm.trainingSeconds ?? '?'} s (\`crosscheck train stance\`).`,
    `The competition test set is held back: these figures are on our own split, whose class mix has fewer "unrelated" pairs`,
    `than the competition's (about a third instead of 72 %), which lowers the FNC score.`, '',
    '| split | pairs | FNC score | macro-F1 | F1 agree | F1 disagree | F1 discuss | F1 unrelated |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(({ part, f }) => `| ${part} | ${f.pairs} | ${f.fncScore.toFixed(2)} % | ${f.macroF1.toFixed(3)} | ${f.f1.agree.toFixed(3)} | ${f.f1.disagree.toFixed(3)} | ${f.f1.discuss.toFixed(3)} | ${f.f1.unrelated.toFixed(3)} |`),
    '', 'Anchors (competition test set, not comparable split): best competition system 82.02 % FNC score; target 86 %, macro-F1 0.70, disagree F1 0.40.', '',
    '| inference, one `stanceOf(claim, passage)` call | median | p95 | mean |', '|---|---|---|---|',
    `| passage = first two paragraphs of a body | ${ms(short.median)} | ${ms(short.p95)} | ${ms(short.mean)} |`,
    `| passage = a whole article body | ${ms(long.median)} | ${ms(long.p95)} | ${ms(long.mean)} |`,
    '', 'Reproduce: `crosscheck train stance`; figures: `crosscheck eval fnc1 --bodies B.csv --stances S.csv` on the split (see `test/eval-fnc1.test.ts`).', '');

  const dir = join(DATASETS, 'checkthat-checkworthiness', 'clef2024-task1-english');
  const parts = (['dev', 'dev-test'] as const).map((p) => ({ p, rows: readCt24(join(dir, `CT24_checkworthy_english_${p}.tsv`)) }));
  const cm = cw.value.file!.metrics as { trainingSeconds?: number };
  const sentences = parts.flatMap((x) => x.rows.map((r) => r.text));
  const cost = perItem(sentences, (t) => checkworthinessProbability(cw.value, t));
  out.push('### Check-worthiness (CheckThat! 2024 English)', '',
    `Model: \`models/checkworthiness.json\` (${mb(modelPath('checkworthiness'))}), softmax regression over hashed word 1–2-grams, character`,
    `3–5-grams and shape cues, trained on CT24 train (sentences also in dev or dev-test removed); decision threshold ${cw.value.threshold}`,
    `tuned on dev. Training: ${cm.trainingSeconds ?? '?'} s (\`crosscheck train checkworthiness\`). The CT24 test set is held back.`, '',
    '| split | sentences | F1 (Yes) | precision | recall |', '|---|---|---|---|---|',
    ...parts.map(({ p, rows }) => { const f = evaluateCw(cw.value, rows); return `| ${p} | ${f.sentences} | ${f.f1.toFixed(3)} | ${f.precision.toFixed(3)} | ${f.recall.toFixed(3)} |`; }),
    '', `Inference: ${ms(cost.median)} median, ${ms(cost.p95)} p95 per sentence. Anchor: target F1 0.80 on the CT24 English test set.`,
    'Reproduce: `crosscheck train checkworthiness`; `crosscheck eval checkworthiness --data …/CT24_checkworthy_english_dev-test.tsv`.', '');
  return out.join('\n');
}
