import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { annotate } from '../src/annotate/index.ts';
import { extractClaims, scoreClause } from '../src/claims/index.ts';
import { createDocument } from '../src/model/index.ts';
import { golden, goldenCases } from './helpers/golden.ts';

function claimsOf(text: string, published: string | null = '2026-02-02') {
  const doc = createDocument({ origin: 'test', format: 'json', text, published });
  doc.annotations = annotate(doc);
  return { doc, claims: extractClaims(doc) };
}

describe('claims golden files', () => {
  for (const c of goldenCases('claims')) {
    it(c.name, () => {
      const input = JSON.parse(readFileSync(join(c.dir, 'input.json'), 'utf8')) as { text: string; published?: string };
      const { doc, claims } = claimsOf(input.text, input.published ?? null);
      for (const cl of claims) assert.equal(doc.text.slice(cl.span.start, cl.span.end), cl.text);
      golden(c.dir, claims.map((cl) => ({
        id: cl.id,
        text: cl.text,
        checkworthiness: cl.checkworthiness,
        quantities: cl.quantities.map((q) => `${q.value}${q.max !== undefined ? `..${q.max}` : ''} ${q.unit ?? ''}`.trim()),
        dates: cl.dates.map((d) => d.value),
        entities: cl.entities.map((e) => e.text),
        attribution: cl.attribution,
        hedged: cl.hedged,
        negated: cl.negated,
        why: cl.why,
      })));
    });
  }
});

describe('claims', () => {
  it('split one sentence with two figures into two atomic claims', () => {
    const { claims } = claimsOf('Varnholm shares a 96-kilometre border with Kestland and a 140-kilometre border with Ostrava Bay.');
    assert.equal(claims.length, 2);
    assert.equal(claims[0]!.quantities[0]!.value, 96);
    assert.equal(claims[1]!.quantities[0]!.value, 140);
  });
  it('never cut inside a range', () => {
    const { claims } = claimsOf('The utility estimates that between four and five thousand homes lost power on Sunday.');
    assert.equal(claims.length, 1);
  });
  it('never cut "between 2009 and 2016", even before a verb', () => {
    const { claims } = claimsOf('The audit names payments between 2009 and 2016 when the harbour master used port funds for private trips.');
    assert.equal(claims.length, 1, claims.map((c) => c.text).join(' | '));
    assert.deepEqual(claims[0]!.dates.map((d) => d.value), ['2009', '2016']);
  });
  it('never cut between two parts of a relative clause that runs on into the sentence\'s verb', () => {
    const { claims } = claimsOf('The mayor said the ferry fire in which 12 people were killed and 31 others were injured is being treated as arson.');
    assert.equal(claims.length, 1, claims.map((c) => c.text).join(' | '));
    assert.deepEqual(claims[0]!.quantities.map((q) => q.value), [12, 31]);
  });
  it('still cut two coordinated clauses after a relative clause', () => {
    const { claims } = claimsOf('The ferry, which sank in March, carried 120 passengers and the crew had 14 members.');
    assert.equal(claims.length, 2, claims.map((c) => c.text).join(' | '));
  });
  it('score opinions and questions below factual statements', () => {
    const fact = scoreClause({ text: 'The ministry paid 40 million euros in 2025.', quantities: [{ text: '40 million euros', value: 4e7, unit: 'EUR', span: { start: 0, end: 1 } }], dates: [{ text: '2025', value: '2025', granularity: 'year', span: { start: 0, end: 1 } }], entities: [], attribution: null, cues: [] });
    const opinion = scoreClause({ text: 'I think they should be ashamed of this.', quantities: [], dates: [], entities: [], attribution: null, cues: [] });
    const question = scoreClause({ text: 'Will the ministry ever pay what it owes?', quantities: [], dates: [], entities: [], attribution: null, cues: [] });
    assert.ok(fact.score > 0.7, `fact ${fact.score}`);
    assert.ok(opinion.score < 0.2, `opinion ${opinion.score}`);
    assert.ok(question.score < 0.2, `question ${question.score}`);
    assert.ok(opinion.why.some((w) => w.includes('opinion')));
  });
  it('flag negated and hedged claims', () => {
    const { claims } = claimsOf('Kestland never joined the 2014 fisheries agreement. The operator plans to raise fares by 12% in January.');
    assert.equal(claims[0]!.negated, true);
    assert.equal(claims[0]!.hedged, false);
    assert.equal(claims[1]!.hedged, true);
  });
});
