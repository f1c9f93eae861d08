import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkworthinessScore, loadCheckworthinessModel } from '../src/learn/tasks/checkworthiness.ts';
import { loadStanceModel, stanceOf } from '../src/learn/tasks/stance.ts';
import { ruleScore, scoreClause } from '../src/claims/index.ts';

// The shipped models, on made-up text: the API contract the verify and claims stages rely on.
const CLAIM = 'Harbour authority confirms the new container terminal will open in May';
const SAME = 'The harbour authority confirmed on Tuesday that the new container terminal will open in May. The terminal cost 90 million euros and will add 400 jobs, the authority said.';
const DENIED = 'The harbour authority denied reports that the new container terminal will open in May. "That is false, no opening date has been set," a spokesperson said, calling the report a hoax.';
const OTHER = 'A local bakery won a regional prize for its rye bread. The judges praised the crust and the flavour of the loaves, and the owner thanked her customers.';

test('stanceOf: probabilities over the four labels, unrelated text is unrelated, a restatement is related', () => {
  const m = loadStanceModel();
  assert.ok(m.ok, m.ok ? '' : m.error.message);
  const other = stanceOf(CLAIM, OTHER);
  assert.equal(other.label, 'unrelated');
  const sum = Object.values(other.probs).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-6);
  assert.deepEqual(Object.keys(other.probs), ['agree', 'disagree', 'discuss', 'unrelated']);
  const same = stanceOf(CLAIM, SAME);
  assert.notEqual(same.label, 'unrelated');
  assert.ok(same.probs.agree > same.probs.disagree, JSON.stringify(same.probs));
  const denied = stanceOf(CLAIM, DENIED);
  assert.notEqual(denied.label, 'unrelated');
  assert.ok(denied.probs.disagree > same.probs.disagree, `${denied.probs.disagree} vs ${same.probs.disagree}`);
  // Deterministic: the same call gives the same numbers.
  assert.deepEqual(stanceOf(CLAIM, SAME), same);
});

test('check-worthiness model: a figure-bearing statement outranks chit-chat; claims blend model and rule', () => {
  const m = loadCheckworthinessModel();
  assert.ok(m.ok, m.ok ? '' : m.error.message);
  const fact = checkworthinessScore(m.value, 'The ministry paid 40 million euros for the new ferries in 2025.');
  const chat = checkworthinessScore(m.value, 'Thank you so much, it is great to be here tonight.');
  assert.ok(fact > 0.5 && chat < 0.5, `fact ${fact}, chat ${chat}`);
  const f = { text: 'Thank you so much, it is great to be here tonight.', quantities: [], dates: [], entities: [], attribution: null, cues: [] };
  const blended = scoreClause(f);
  const rule = ruleScore(f);
  assert.equal(blended.score, Math.round(((checkworthinessScore(m.value, f.text) + rule.score) / 2) * 1000) / 1000);
  assert.ok(blended.why.some((w) => w.startsWith('the check-worthiness model rates it')));
  assert.deepEqual(scoreClause(f, { model: null }), rule);
});
