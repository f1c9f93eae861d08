import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readFncDir, type FncPair } from '../src/learn/stance/data.ts';
import { stanceFeatures } from '../src/learn/stance/features.ts';
import { stanceModelFromFile } from '../src/learn/stance/model.ts';
import { cosine, idfFrom, sentenceContent, sentenceCosines, STOP, textInfo, tfidf } from '../src/learn/stance/text.ts';
import { choosePrior, fncMixTest, fncSplit, HYPER } from '../src/learn/tasks/stance.ts';
import { loadModel } from '../src/learn/model-file.ts';
import { cli } from './helpers/cli.ts';
import { shared } from './helpers/shared.ts';

const csv = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

type Figures = { fncScore: number; macroF1: number; f1: Record<string, number>; confusion: { matrix: number[][] }; pairs: number };

/** Writes `pairs` as FNC-1 CSVs and scores them with `crosscheck eval fnc1`. */
async function evalPairs(pairs: FncPair[], bodies: Map<string, string>): Promise<Figures> {
  const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-fnc1-'));
  try {
    const ids = new Set(pairs.map((p) => p.bodyId));
    writeFileSync(join(tmp, 'bodies.csv'), `Body ID,articleBody\n${[...ids].map((id) => `${id},${csv(bodies.get(id)!)}`).join('\n')}\n`);
    writeFileSync(join(tmp, 'stances.csv'), `Headline,Body ID,Stance\n${pairs.map((p) => `${csv(p.headline)},${p.bodyId},${p.stance}`).join('\n')}\n`);
    const r = await cli(['eval', 'fnc1', '--bodies', join(tmp, 'bodies.csv'), '--stances', join(tmp, 'stances.csv'), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const f = JSON.parse(r.stdout) as Figures;
    assert.equal(f.pairs, pairs.length);
    assert.equal(f.confusion.matrix.flat().reduce((a, b) => a + b, 0), pairs.length);
    return f;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function atLeast(f: Figures, floor: typeof FLOOR): void {
  assert.ok(f.fncScore >= floor.fncScore, `FNC score ${f.fncScore} < ${floor.fncScore}`);
  assert.ok(f.macroF1 >= floor.macroF1, `macro-F1 ${f.macroF1} < ${floor.macroF1}`);
  assert.ok(f.f1.disagree! >= floor.disagree, `disagree F1 ${f.f1.disagree} < ${floor.disagree}`);
  assert.ok(f.f1.unrelated! >= floor.unrelated, `unrelated F1 ${f.f1.unrelated} < ${floor.unrelated}`);
}

// The shipped stance model never saw this split's topics (see FNC_SPLIT): the thresholds sit just
// below the figures it reaches, so a regression of the model or of its features fails here.
test('eval fnc1 on the topic-held-out test split of FNC-1 train', async (t) => {
  const dir = shared(t, 'datasets/fnc1');
  if (!dir) return;
  const data = readFncDir(dir);
  assert.ok(data.ok);
  const f = await evalPairs(fncSplit(data.value.pairs).test, data.value.bodies);
  t.diagnostic(`FNC ${f.fncScore} macro-F1 ${f.macroF1} f1 ${JSON.stringify(f.f1)}`);
  atLeast(f, FLOOR);
});

// The same test topics with unrelated pairs re-drawn FNC-1's way (73 % unrelated, as in FNC-1's
// own data and competition test): the FNC score comparable with FNC-1's published figures.
test('eval fnc1 on the held-out test topics with FNC-1\'s share of unrelated pairs', async (t) => {
  const dir = shared(t, 'datasets/fnc1');
  if (!dir) return;
  const data = readFncDir(dir);
  assert.ok(data.ok);
  const mix = fncMixTest(data.value.pairs);
  const split = fncSplit(data.value.pairs);
  // Related pairs kept as they were; unrelated pairs only between different held-out topics.
  assert.deepEqual(mix.filter((p) => p.stance !== 'unrelated'), split.test.filter((p) => p.stance !== 'unrelated'));
  for (const p of mix) if (p.stance === 'unrelated') assert.notEqual(split.topicOfBody.get(p.bodyId), split.topicOfBody.get(split.test.find((q) => q.headline === p.headline && q.stance !== 'unrelated')!.bodyId));
  const share = mix.filter((p) => p.stance === 'unrelated').length / mix.length;
  assert.ok(Math.abs(share - 0.7313) < 0.002, `unrelated share ${share}`);
  assert.deepEqual(fncMixTest(data.value.pairs), mix, 'seeded: the same pairs every time');
  const f = await evalPairs(mix, data.value.bodies);
  t.diagnostic(`FNC ${f.fncScore} macro-F1 ${f.macroF1} f1 ${JSON.stringify(f.f1)}`);
  atLeast(f, FLOOR_MIX);
});

const FLOOR = { fncScore: 78.9, macroF1: 0.69, disagree: 0.41, unrelated: 0.97 };
const FLOOR_MIX = { fncScore: 85.3, macroF1: 0.685, disagree: 0.405, unrelated: 0.985 };

test('choosePrior: weights a label only when that raises macro-F1 on the pairs given', () => {
  // Disagree pairs the ensemble ranks just under discuss: weighting disagree up recovers them.
  const P = (a: number, d: number, c: number, u: number): Float64Array => Float64Array.from([a, d, c, u]);
  const probs = [P(0.1, 0.4, 0.45, 0.05), P(0.1, 0.42, 0.43, 0.05), P(0.05, 0.1, 0.8, 0.05), P(0.7, 0.1, 0.1, 0.1), P(0, 0, 0.1, 0.9)];
  const gold = ['disagree', 'disagree', 'discuss', 'agree', 'unrelated'] as const;
  const up = choosePrior(probs, [...gold]);
  assert.ok(up.prior[1]! > up.prior[2]!, JSON.stringify(up));
  assert.equal(up.macroF1, 1);
  assert.equal(up.prior[3], 1);
  // Already right: the prior stays all ones.
  const right = choosePrior(probs, ['discuss', 'discuss', 'discuss', 'agree', 'unrelated']);
  assert.deepEqual(right.prior, [1, 1, 1, 1]);
});

test('stance features: a denial next to the claim in the closest sentences is seen, the same text without it is not', () => {
  const idf = idfFrom(new Float32Array(1 << HYPER.idfBits).fill(1), HYPER.idfBits);
  const claim = textInfo('Harbour crane collapses onto container ship in storm', idf, { sentences: false });
  const told = textInfo('A harbour crane collapsed onto a container ship during the storm on Friday. Nobody was hurt, the port said. Repairs will take a month.', idf);
  const denied = textInfo('Reports that a harbour crane collapsed onto a container ship in the storm are not true, there is no evidence of it. Nobody was hurt, the port said. Repairs will take a month.', idf);
  const dense = (v: { idx: Int32Array; val: Float32Array }): Map<number, number> => new Map([...v.idx].map((k, i) => [k, v.val[i]!]).filter(([k]) => k! < 128) as [number, number][]);
  const a = dense(stanceFeatures(claim, told, idf, { bits: HYPER.bits }));
  const b = dense(stanceFeatures(claim, denied, idf, { bits: HYPER.bits }));
  // The sentence-level block (after the first 77 dense features) fires only for the denial.
  const block = (m: Map<number, number>): number => [...m].filter(([k]) => k >= 77).reduce((s, [, v]) => s + v, 0);
  assert.ok(block(b) > block(a) + 0.5, `${block(b)} vs ${block(a)}`);
});

test('stance text: sentence vectors give exactly the cosines and content words of the map reading', () => {
  // Unequal idf values, so that the order of summation and the weights matter.
  const table = new Float32Array(1 << HYPER.idfBits).map((_, i) => 1 + (i % 7) / 3);
  const idf = idfFrom(table, HYPER.idfBits);
  const body = textInfo('The harbour crane collapsed onto a container ship. Cranes at the harbour were inspected in May; the ship sailed. '
    + 'A second crane, the port said, was never used. Storms, storms and more storms hit the harbour crane yard.', idf);
  assert.equal(body.sentences.length, 4);
  for (const claim of ['Harbour crane collapses onto ship', 'Storm hits the harbour crane yard as the port inspects every crane and every ship in May after the collapse', 'nothing shared here']) {
    const h = textInfo(claim, idf, { sentences: false });
    const got = sentenceCosines(h, body);
    const want = body.sentences.map((s) => cosine(h.tfidf, tfidf(s.stems, idf)));
    assert.deepEqual(got, want, claim);
  }
  assert.ok(sentenceCosines(textInfo('harbour crane', idf, { sentences: false }), body)[0]! > 0.3);
  assert.deepEqual([...sentenceContent(body, body.sentences[0]!)].sort(), [...new Set(body.sentences[0]!.stems.filter((s) => !STOP.has(s)))].sort());
});

test('stance model file: a malformed prior is refused with a message naming it', () => {
  const f = loadModel('stance');
  assert.ok(f.ok, f.ok ? '' : f.error.message);
  assert.deepEqual(stanceModelFromFile(f.value).prior.length, 4);
  assert.throws(() => stanceModelFromFile({ ...f.value, config: { ...f.value.config, prior: [1, -1, 1, 1] } }), /config\.prior must be 4 positive numbers/);
  assert.throws(() => stanceModelFromFile({ ...f.value, config: { ...f.value.config, prior: [1, 1] } }), /config\.prior/);
});

test('stance model file: the sentence-level stance model inside it is loaded, and its absence is refused', () => {
  const f = loadModel('stance');
  assert.ok(f.ok, f.ok ? '' : f.error.message);
  const m = stanceModelFromFile(f.value);
  assert.equal(m.features.evidence, true);
  assert.ok(m.evidence && m.evidence.members.length >= 1, 'the embedded model has members');
  const without = Object.fromEntries(Object.entries(f.value.weights).filter(([k]) => !k.startsWith('ev.')));
  assert.throws(() => stanceModelFromFile({ ...f.value, weights: without }), /no sentence-level stance model/);
});

test('eval fnc1: bad arguments exit 2 with one line naming the problem', async () => {
  const missing = await cli(['eval', 'fnc1', '--stances', 'x.csv']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^crosscheck: missing --bodies/);
  const absent = await cli(['eval', 'fnc1', '--bodies', '/nonexistent/b.csv', '--stances', '/nonexistent/s.csv']);
  assert.equal(absent.code, 2);
  assert.match(absent.stderr, /cannot read "\/nonexistent\/b\.csv"/);
  assert.equal(absent.stderr.trim().split('\n').length, 1);
  const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-fnc1-'));
  try {
    writeFileSync(join(tmp, 'b.csv'), 'Body ID,articleBody\n1,"A made-up body about a bridge."\n');
    writeFileSync(join(tmp, 's.csv'), 'Headline,Body ID,Stance\nA bridge opened,1,maybe\n');
    const bad = await cli(['eval', 'fnc1', '--bodies', join(tmp, 'b.csv'), '--stances', join(tmp, 's.csv')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown stance "maybe"/);
    const unknown = await cli(['eval', 'fnc1', '--bodies', join(tmp, 'b.csv'), '--stancez', 'x']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option "--stancez"/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const nothing = await cli(['eval', 'nope']);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /unknown benchmark "nope"/);
});
