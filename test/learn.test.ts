import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  addBag, argmax, charNgrams, confusion, fncScore, hashFeature, l2normalize, loadModel, macroF1, mapAtK, mlpProba,
  packMlp, packSoftmax, parseCsv, prf, rng, saveModel, softmaxProba, sparse, trainMlp, trainSoftmax, unpackMlp,
  unpackSoftmax, wordNgrams, words, type SparseVector,
} from '../src/learn/index.ts';

const BITS = 12;
const vec = (text: string): SparseVector => {
  const m = new Map<number, number>();
  addBag(m, wordNgrams(words(text), 1, 2), 'w', BITS);
  return l2normalize(sparse(m));
};

// Three made-up topics: weather, football, cooking.
const DATA: [string, number][] = [
  ['rain and wind expected over the coast tonight', 0], ['a cold front brings snow to the hills', 0],
  ['sunny skies and mild temperatures this weekend', 0], ['storm warning issued as wind speeds rise', 0],
  ['heavy rain floods roads near the river', 0], ['fog and frost likely before dawn', 0],
  ['the striker scored twice in the second half', 1], ['the goalkeeper saved a late penalty', 1],
  ['the club signed a new defender for the season', 1], ['a red card changed the match', 1],
  ['the coach praised the midfield after the win', 1], ['fans celebrated the cup final goal', 1],
  ['simmer the onions until golden then add garlic', 2], ['bake the bread for forty minutes', 2],
  ['whisk the eggs with sugar and butter', 2], ['season the soup with salt and pepper', 2],
  ['roast the vegetables in olive oil', 2], ['knead the dough and let it rest', 2],
];

test('hashFeature and sparse are deterministic and sorted', () => {
  assert.equal(hashFeature('w:harbour', 18), hashFeature('w:harbour', 18));
  assert.notEqual(hashFeature('w:harbour', 18), hashFeature('w:harbor', 18));
  assert.ok(hashFeature('x', 4) < 16);
  const v = sparse(new Map([[9, 1], [2, 3], [5, 0]]));
  assert.deepEqual([...v.idx], [2, 9]);
  assert.deepEqual([...v.val], [3, 1]);
  const n = l2normalize(sparse(new Map([[0, 3], [1, 4]])));
  assert.ok(Math.abs(n.val[0]! - 0.6) < 1e-6 && Math.abs(n.val[1]! - 0.8) < 1e-6);
  assert.deepEqual(wordNgrams(['a', 'b', 'c'], 1, 2), ['a', 'b', 'c', 'a b', 'b c']);
  assert.deepEqual(charNgrams('Ab', 3, 3), [' ab', 'ab ']);
  assert.deepEqual(words("It's 3.5 km — Paweł's"), ["it's", '3', '5', 'km', "paweł's"]);
});

test('softmax regression learns separable topics, deterministically for a seed', () => {
  const ex = DATA.map(([t, y]) => ({ x: vec(t), y }));
  const opts = { classes: 3, dim: 1 << BITS, epochs: 30, lr: 0.5, seed: 7 };
  const a = trainSoftmax(ex, opts);
  const b = trainSoftmax(ex, opts);
  assert.deepEqual(a.W, b.W);
  const c = trainSoftmax(ex, { ...opts, seed: 8 });
  assert.notDeepEqual(a.W, c.W);
  assert.equal(argmax(softmaxProba(a, vec('strong wind and rain on the coast'))), 0);
  assert.equal(argmax(softmaxProba(a, vec('the striker missed a penalty'))), 1);
  assert.equal(argmax(softmaxProba(a, vec('add the garlic to the onions'))), 2);
  const p = softmaxProba(a, vec('rain'));
  assert.ok(Math.abs(p.reduce((s, x) => s + x, 0) - 1) < 1e-9);
});

test('the MLP learns a non-linear rule (xor) that softmax cannot', () => {
  const r = rng(3);
  const ex = Array.from({ length: 400 }, () => {
    const a = r.int(2), b = r.int(2);
    return { x: sparse(new Map([[0, a], [1, b], [2, 1]])), y: a ^ b };
  });
  const lin = trainSoftmax(ex, { classes: 2, dim: 3, epochs: 20, seed: 1 });
  const mlp = trainMlp(ex, { classes: 2, dim: 3, hidden: 16, epochs: 40, lr: 0.01, seed: 1 });
  const cases = [[0, 0], [0, 1], [1, 0], [1, 1]] as const;
  const right = (f: (x: SparseVector) => Float64Array): number =>
    cases.filter(([a, b]) => argmax(f(sparse(new Map([[0, a], [1, b], [2, 1]])))) === (a ^ b)).length;
  assert.equal(right((x) => mlpProba(mlp, x)), 4);
  assert.ok(right((x) => softmaxProba(lin, x)) < 4);
  const again = trainMlp(ex, { classes: 2, dim: 3, hidden: 16, epochs: 40, lr: 0.01, seed: 1 });
  assert.deepEqual(mlp.W1, again.W1);
});

test('model files round-trip (f32 exactly, q8 closely) and bad files are error values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-learn-'));
  try {
    const ex = DATA.map(([t, y]) => ({ x: vec(t), y }));
    const sm = trainSoftmax(ex, { classes: 3, dim: 1 << BITS, epochs: 5, seed: 1 });
    saveModel({ name: 'topic', featureSchema: 'test@1', trainedOn: 'made-up', seed: 1, metrics: { n: 18 }, weights: packSoftmax(sm) }, dir);
    const back = loadModel('topic', { dir, featureSchema: 'test@1' });
    assert.ok(back.ok);
    assert.deepEqual(unpackSoftmax(back.value.weights).W, sm.W);
    const mlp = trainMlp(ex, { classes: 3, dim: 1 << BITS, hidden: 8, epochs: 3, seed: 1 });
    saveModel({ name: 'mlp', featureSchema: 'test@1', trainedOn: 'made-up', seed: 1, metrics: {}, weights: packMlp(mlp, 'q8') }, dir);
    const m2 = loadModel('mlp', { dir });
    assert.ok(m2.ok);
    const q = unpackMlp(m2.value.weights);
    let maxErr = 0;
    for (let i = 0; i < q.W1.length; i++) maxErr = Math.max(maxErr, Math.abs(q.W1[i]! - mlp.W1[i]!));
    assert.ok(maxErr < 0.05, `q8 error ${maxErr}`);

    const missing = loadModel('nope', { dir });
    assert.ok(!missing.ok && missing.error.code === 'not-found' && missing.error.message.includes('nope.json'));
    const schema = loadModel('topic', { dir, featureSchema: 'test@2' });
    assert.ok(!schema.ok && schema.error.message.includes('test@1'));
    writeFileSync(join(dir, 'broken.json'), '{"format":"crosscheck-model"');
    const broken = loadModel('broken', { dir });
    assert.ok(!broken.ok && broken.error.code === 'bad-json');
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: 'crosscheck-model', formatVersion: 99 }));
    const other = loadModel('other', { dir });
    assert.ok(!other.ok && other.error.message.includes('format version 99'));
    writeFileSync(join(dir, 'shape.json'), JSON.stringify({ format: 'crosscheck-model', formatVersion: 1, name: 'x' }));
    const shape = loadModel('shape', { dir });
    assert.ok(!shape.ok && shape.error.code === 'bad-input');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('metrics: F1, macro-F1, FNC score and MAP@k on hand-computed cases', () => {
  const m = confusion([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], 2);
  assert.deepEqual(m, [[1, 1], [1, 2]]);
  const p1 = prf(m, 1);
  assert.ok(Math.abs(p1.precision - 2 / 3) < 1e-12 && Math.abs(p1.recall - 2 / 3) < 1e-12);
  assert.ok(Math.abs(macroF1(m) - (0.5 + 2 / 3) / 2) < 1e-12);
  // Gold: agree, unrelated. Perfect = 100; all "discuss" on the related pair scores 0.25 of 1.25.
  assert.equal(fncScore(['agree', 'unrelated'], ['agree', 'unrelated']), 100);
  assert.equal(fncScore(['agree', 'unrelated'], ['discuss', 'unrelated']), 100 * 0.5 / 1.25);
  assert.equal(fncScore(['agree', 'unrelated'], ['unrelated', 'agree']), 0);
  assert.equal(mapAtK([{ ranked: ['a', 'b'], relevant: new Set(['b']) }, { ranked: ['c'], relevant: new Set(['c']) }], 5), 0.75);
});

test('parseCsv handles quotes, doubled quotes and newlines inside fields', () => {
  assert.deepEqual(parseCsv('a,b\r\n"x, ""y""","line1\nline2"\n3,4\n'), [['a', 'b'], ['x, "y"', 'line1\nline2'], ['3', '4']]);
});
