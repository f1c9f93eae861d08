import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readFncDir, type FncPair } from '../src/learn/stance/data.ts';
import { fncMixTest, fncSplit } from '../src/learn/tasks/stance.ts';
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

const FLOOR = { fncScore: 76.5, macroF1: 0.645, disagree: 0.27, unrelated: 0.97 };
const FLOOR_MIX = { fncScore: 83.8, macroF1: 0.645, disagree: 0.27, unrelated: 0.985 };

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
