import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cleanFever, type EvidencePair } from '../src/learn/evidence-stance/data.ts';
import { DENSE, DENSE_NAMES, evidenceFeatures } from '../src/learn/evidence-stance/features.ts';
import { evidenceStance, loadEvidenceStanceModel, trainEvidenceStance, unpackEvidenceModel } from '../src/learn/evidence-stance/model.ts';
import { cli } from './helpers/cli.ts';
import { shared } from './helpers/shared.ts';

// Made-up pairs (no dataset text).
const CLAIM = 'The Varnholm ferry line opened in 2019.';
const SAME = 'The Varnholm ferry line opened in 2019 after years of delays.';
const NEGATED = 'The Varnholm ferry line did not open in 2019, after years of delays.';
const OTHER_YEAR = 'The Varnholm ferry line opened in 2021 after years of delays.';
const UNRELATED = 'Harbour tolls in Kestland rose for the third year running.';

const dense = (claim: string, evidence: string, name: (typeof DENSE_NAMES)[number]): number => {
  const x = evidenceFeatures(claim, evidence, { bits: 10 });
  const i = DENSE_NAMES.indexOf(name);
  const k = x.idx.indexOf(i);
  return k < 0 ? 0 : x.val[k]!;
};

test('evidence features: negation on one side, a replaced figure and cover are seen', () => {
  assert.equal(dense(CLAIM, SAME, 'negation in evidence only'), 0);
  assert.equal(dense(CLAIM, NEGATED, 'negation in evidence only'), 1);
  assert.equal(dense(CLAIM, SAME, 'number missing, evidence has one'), 0);
  assert.equal(dense(CLAIM, OTHER_YEAR, 'number missing, evidence has one'), 1);
  assert.equal(dense(CLAIM, OTHER_YEAR, 'number replaced'), 1);
  assert.equal(dense(CLAIM, SAME, 'claim covered'), 1);
  assert.ok(dense(CLAIM, UNRELATED, 'claim covered') < 0.2);
  const x = evidenceFeatures(CLAIM, SAME, { bits: 10 });
  assert.ok(x.idx.every((j, n) => j >= 0 && j < DENSE + 1024 && (n === 0 || j > x.idx[n - 1]!)), 'indices ascending and in range');
});

test('cleanFever undoes FEVER tokenisation', () => {
  assert.equal(cleanFever('Ana -LRB- born 1990 -RRB- was n\'t a singer , he said .'), 'Ana (born 1990) wasn\'t a singer, he said.');
});

test('evidenceStance: the shipped model moves toward disagree when the evidence is negated or gives another year', () => {
  const m = loadEvidenceStanceModel();
  assert.ok(m.ok, m.ok ? '' : m.error.message);
  const same = evidenceStance(CLAIM, SAME, m.value);
  const negated = evidenceStance(CLAIM, NEGATED, m.value);
  const year = evidenceStance(CLAIM, OTHER_YEAR, m.value);
  const unrelated = evidenceStance(CLAIM, UNRELATED, m.value);
  for (const s of [same, negated, year, unrelated]) {
    assert.ok(Math.abs(s.probs.agree + s.probs.disagree + s.probs.neutral - 1) < 1e-9);
    assert.equal(s.label, (['agree', 'disagree', 'neutral'] as const).reduce((a, b) => (s.probs[b] > s.probs[a] ? b : a)));
  }
  assert.equal(same.label, 'agree');
  assert.ok(negated.probs.disagree > same.probs.disagree + 0.3, `negated ${negated.probs.disagree} vs ${same.probs.disagree}`);
  assert.ok(negated.probs.agree < same.probs.agree);
  assert.ok(year.probs.disagree > same.probs.disagree + 0.3, `other year ${year.probs.disagree} vs ${same.probs.disagree}`);
  assert.notEqual(unrelated.label, 'agree');
  // Cost per pair, features included (the target is < 0.5 ms; loose here for a loaded machine).
  const t = performance.now();
  for (let i = 0; i < 200; i++) evidenceStance(CLAIM, i % 2 ? NEGATED : OTHER_YEAR, m.value);
  assert.ok((performance.now() - t) / 200 < 5);
});

test('loadEvidenceStanceModel: a folder without the model is an error value naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-evs-'));
  try {
    const r = loadEvidenceStanceModel({ dir });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error.message, /evidence-stance\.json.*crosscheck train evidence-stance/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('trainEvidenceStance is deterministic for a seed and differs for another', () => {
  const mk = (claim: string, evidence: string, label: EvidencePair['label'], n: number): EvidencePair => ({ claim, evidence, label, source: 'emergent', group: `g${n}` });
  const things = [['bridge', 'river'], ['museum', 'square'], ['stadium', 'harbour'], ['library', 'station'], ['school', 'market'], ['tower', 'park']];
  const pairs: EvidencePair[] = things.flatMap(([a, b], n) => [
    mk(`The ${a} by the ${b} opened in 20${10 + n}.`, `The ${a} by the ${b} opened in 20${10 + n}, the council said.`, 'agree', n),
    mk(`The ${a} by the ${b} opened in 20${10 + n}.`, `The ${a} by the ${b} did not open in 20${10 + n}.`, 'disagree', n),
    mk(`The ${a} by the ${b} opened in 20${10 + n}.`, `Rain is expected over the ${b === 'park' ? 'hills' : 'coast'} tomorrow.`, 'neutral', n),
  ]);
  const hyper = { bits: 10, hidden: 4, dropout: 0.1, epochs: 3, lr: 0.01, l2: 1e-5, classWeights: [1, 2, 1] as [number, number, number], members: 2 };
  const a = trainEvidenceStance(pairs.slice(3), { seed: 3, hyper, dev: pairs.slice(0, 3) });
  const b = trainEvidenceStance(pairs.slice(3), { seed: 3, hyper, dev: pairs.slice(0, 3) });
  const c = trainEvidenceStance(pairs.slice(3), { seed: 4, hyper, dev: pairs.slice(0, 3) });
  assert.equal(JSON.stringify(a.weights), JSON.stringify(b.weights));
  assert.deepEqual(a.bestEpoch, b.bestEpoch);
  assert.notEqual(JSON.stringify(a.weights), JSON.stringify(c.weights));
  assert.equal(a.model.members.length, 2);
  assert.ok(a.bestEpoch.every((e) => e >= 1 && e <= 3));
  // The packed weights (non-zero rows of W1 only) give back the model they were made from.
  const back = unpackEvidenceModel(a.weights, a.model.members[0]!.dim);
  assert.deepEqual([...back[1]!.W1], [...a.model.members[1]!.W1]);
  const s = evidenceStance(pairs[0]!.claim, pairs[0]!.evidence, a.model);
  assert.ok(s.probs.agree > 0 && s.probs.disagree > 0 && s.probs.neutral > 0);
});

type Figures = {
  pairs: number; accuracy: number; macroF1: number; accuracyAgreeVsDisagree: number;
  confusion: { labels: string[]; matrix: number[][] }; calls?: Record<string, number>;
};

// FEVER-Symmetric v0.2 dev is held out from training (v0.1 pairs sharing a claim or an evidence
// sentence with it are removed); SciFact dev is never trained on. Floors sit just below what the
// shipped model reaches, so a regression of the model or its features fails here.
test('eval evidence-stance on FEVER-Symmetric v0.2 dev and SciFact dev', async (t) => {
  if (!shared(t, 'datasets/fever-symmetric') || !shared(t, 'datasets/scifact')) return;
  const r = await cli(['eval', 'evidence-stance', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const f = JSON.parse(r.stdout) as { feverSymmetricDev: Figures; scifactDev: Figures };
  const fever = f.feverSymmetricDev, sci = f.scifactDev;
  t.diagnostic(`FEVER-Symmetric dev: accuracy ${fever.accuracy} macro-F1 ${fever.macroF1} calls ${JSON.stringify(fever.calls)}`);
  t.diagnostic(`SciFact dev: accuracy ${sci.accuracy} macro-F1 ${sci.macroF1} agree-vs-disagree ${sci.accuracyAgreeVsDisagree}`);
  assert.equal(fever.pairs, 708);
  assert.equal(fever.confusion.matrix.flat().reduce((a, b) => a + b, 0), 708);
  assert.ok(fever.accuracy >= 0.56, `accuracy ${fever.accuracy}`);
  assert.ok(fever.macroF1 >= 0.58, `macro-F1 ${fever.macroF1}`);
  assert.ok(fever.accuracyAgreeVsDisagree >= 0.60, `agree vs disagree ${fever.accuracyAgreeVsDisagree}`);
  // The figures that matter to verify: refuting sentences called agree (lexical stance: 218 of 354).
  assert.ok(fever.calls!.refutesCalledAgree! <= 160, `refutes called agree ${fever.calls!.refutesCalledAgree}`);
  assert.ok(fever.calls!.refutesCalledDisagree! >= 160, `refutes called disagree ${fever.calls!.refutesCalledDisagree}`);
  assert.ok(fever.calls!.supportsCalledAgree! >= 225, `supports called agree ${fever.calls!.supportsCalledAgree}`);
  assert.equal(sci.confusion.matrix.flat().reduce((a, b) => a + b, 0), sci.pairs);
  assert.ok(sci.pairs >= 300);
  assert.ok(sci.macroF1 >= 0.36, `SciFact macro-F1 ${sci.macroF1}`);
  assert.ok(sci.accuracyAgreeVsDisagree >= 0.55, `SciFact agree vs disagree ${sci.accuracyAgreeVsDisagree}`);
});
