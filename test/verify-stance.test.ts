import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotate } from '../src/annotate/index.ts';
import { createDocument, type Claim, type EvidencePassage } from '../src/model/index.ts';
import { decide, lexicalStance, passageStance } from '../src/verify/index.ts';

const CLAIM = 'Mayor Ellen Brask opened the Varnholm toll bridge to traffic on Saturday.';

function claimOf(text: string): Claim {
  const doc = createDocument({ origin: 'claim', format: 'text', text });
  const a = annotate(doc);
  return { id: 'c1', text, span: { start: 0, end: text.length }, score: 1, quantities: a.quantities, dates: a.dates, entities: a.entities } as unknown as Claim;
}

function passageOf(text: string, origin = 'o1'): EvidencePassage {
  return {
    sourceId: origin, title: null, outlet: null, url: null, published: null, text, span: { start: 0, end: text.length },
    annotations: annotate(createDocument({ origin, format: 'text', text })), score: 1, origin, story: 1,
  };
}

const none = { agreements: 0, conflicts: 0 };

test('the evidence-stance model turns a lexical agree into disagree when the passage denies the claim', () => {
  const claim = claimOf(CLAIM);
  for (const text of [
    'Mayor Ellen Brask did not open the Varnholm toll bridge to traffic on Saturday, her office said.',
    'Reports that Mayor Ellen Brask opened the Varnholm toll bridge are false, her office said; the bridge remains closed.',
  ]) {
    const p = passageOf(text);
    assert.equal(lexicalStance(claim, p, none).stance, 'agree', text);
    const s = passageStance(claim, p, none);
    assert.equal(s.stance, 'disagree', text);
    assert.equal(s.vetoed, true);
  }
});

test('a paraphrase that confirms the claim stays agree', () => {
  const s = passageStance(claimOf(CLAIM), passageOf('Mayor Ellen Brask opened the Varnholm toll bridge to traffic on Saturday morning, cutting a ribbon.'), none);
  assert.equal(s.stance, 'agree');
  assert.equal(s.vetoed, undefined);
});

test('a confirmed value keeps the lexical agree whatever the model says', () => {
  const claim = claimOf(CLAIM);
  const p = passageOf('Mayor Ellen Brask did not open the Varnholm toll bridge to traffic on Saturday, her office said.');
  assert.equal(passageStance(claim, p, { agreements: 1, conflicts: 0 }).stance, 'agree');
});

test('a vetoed passage withholds support but never makes a claim contradicted', () => {
  const claim = claimOf(CLAIM);
  const denial = passageOf('Mayor Ellen Brask did not open the Varnholm toll bridge to traffic on Saturday, her office said.', 'denial');
  const s = passageStance(claim, denial, none);
  assert.equal(decide([{ passage: denial, stance: s.stance, strength: s.strength, conflicts: [], agreements: 0 }]).verdict, 'unverified');
});
