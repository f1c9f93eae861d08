import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { annotate, splitSentences, tenseOf } from '../src/annotate/index.ts';
import { findAttributions } from '../src/annotate/attribution.ts';
import { findEntities, nameKey } from '../src/annotate/entities.ts';
import { findCues } from '../src/annotate/modality.ts';
import { createDocument, type Span } from '../src/model/index.ts';
import { golden, goldenCases } from './helpers/golden.ts';

function load(dir: string): { text: string; published?: string } {
  return JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as { text: string; published?: string };
}

const quote = (text: string, s: Span): string => text.slice(s.start, s.end);

describe('annotate golden files', () => {
  for (const c of goldenCases('annotate')) {
    it(c.name, () => {
      const input = load(c.dir);
      const doc = createDocument({ origin: c.name, format: 'json', text: input.text, published: input.published ?? null });
      const ann = annotate(doc);
      for (const x of [...ann.entities, ...ann.quantities, ...ann.dates]) assert.equal(quote(doc.text, x.span), x.text);
      golden(c.dir, {
        sentences: ann.sentences.map((s) => ({ text: s.text, tense: s.tense })),
        entities: ann.entities.map((e) => `${e.type}: ${e.text}`),
        quantities: ann.quantities.map((q) => ({ text: q.text, value: q.value, unit: q.unit, ...(q.max !== undefined ? { min: q.min, max: q.max } : {}), ...(q.approx ? { approx: q.approx } : {}), ...(q.noun ? { noun: q.noun } : {}) })),
        dates: ann.dates.map((d) => ({ text: d.text, value: d.value, granularity: d.granularity, ...(d.relation ? { relation: d.relation } : {}) })),
        attributions: ann.attributions.map((a) => ({ speaker: a.speaker, medium: a.medium, kind: a.kind, cue: quote(doc.text, a.span) })),
        cues: ann.cues.map((x) => `${x.kind}: ${x.text}`),
        messages: doc.messages.map((m) => m.ruleId),
      });
    });
  }
});

describe('sentences', () => {
  it('keep abbreviations, initials and closing quotes inside the sentence', () => {
    const t = 'Dr. Anna K. Berg left Nordhaven Co. in 2019. “It was time,” she said. Did she? Yes.';
    assert.deepEqual(splitSentences(t).map((s) => s.text), ['Dr. Anna K. Berg left Nordhaven Co. in 2019.', '“It was time,” she said.', 'Did she?', 'Yes.']);
  });
  it('always break at paragraph boundaries, with exact spans', () => {
    const t = 'First paragraph without a stop\n\nSecond one.';
    const s = splitSentences(t);
    assert.equal(s.length, 2);
    for (const x of s) assert.equal(t.slice(x.span.start, x.span.end), x.text);
  });
  it('take tense from the verbs outside quotes', () => {
    assert.equal(tenseOf('The ministry withdrew from the pact on Friday, announcing plans to build.'), 'past');
    assert.equal(tenseOf('The company said it will open the line on Monday.'), 'future');
    assert.equal(tenseOf('“We will win,” she said.'), 'past');
    assert.equal(tenseOf('The port employs 300 people.'), 'present');
  });
});

describe('entities', () => {
  it('keep names with ł, é and ø whole and match their folded variants', () => {
    const t = 'Paweł Zalewski met Søren Kjærgaard and Hélène Dufour in Warsaw.';
    const e = findEntities(t, splitSentences(t));
    assert.deepEqual(e.filter((x) => x.type === 'person').map((x) => x.text), ['Paweł Zalewski', 'Søren Kjærgaard', 'Hélène Dufour']);
    assert.equal(nameKey('Paweł Zalewski'), nameKey('Pawel Zalewski'));
    assert.equal(nameKey('Deputy Minister Paweł Zalewski'), 'pawel zalewski');
    assert.equal(nameKey('Søren'), 'soren');
  });
  it('peel titles and nationality words off a name', () => {
    const t = 'Polish Prime Minister Donald Tusk spoke first.';
    const e = findEntities(t, splitSentences(t));
    assert.deepEqual(e.map((x) => `${x.type}:${x.text}`), ['other:Polish', 'person:Donald Tusk']);
  });
  it('recognise a surname alone once the full name was seen', () => {
    const t = 'Ewa Ślązak chairs the board. Ślązak declined to comment.';
    const e = findEntities(t, splitSentences(t));
    assert.deepEqual(e.map((x) => `${x.type}:${x.text}`), ['person:Ewa Ślązak', 'person:Ślązak']);
  });
  it('classify organisations, places and treaties', () => {
    const t = 'Under the Ottawa Convention, the firm Kestrail S.A. and NATO met in Kyiv with The Associated Press present.';
    const e = findEntities(t, splitSentences(t));
    const types = Object.fromEntries(e.map((x) => [x.text, x.type]));
    assert.equal(types['Ottawa Convention'], 'other');
    assert.equal(types['Kestrail S.A.'], 'organization');
    assert.equal(types['NATO'], 'organization');
    assert.equal(types['Kyiv'], 'place');
    assert.equal(types['The Associated Press'], 'organization');
  });
});

describe('attribution', () => {
  it('find the speaker and the medium of "told Reuters"', () => {
    const t = 'The mill will close, chief executive Jonas Berg told Reuters.';
    const s = splitSentences(t);
    const a = findAttributions(t, s, findEntities(t, s));
    assert.equal(a.length, 1);
    assert.equal(a[0]!.speaker, 'Jonas Berg');
    assert.equal(a[0]!.medium, 'Reuters');
  });
  it('resolve "he said" to the last person named', () => {
    const t = 'Marek Nowicki chairs the union. “We are ready,” he said.';
    const s = splitSentences(t);
    const a = findAttributions(t, s, findEntities(t, s));
    assert.equal(a.at(-1)!.speaker, 'Marek Nowicki');
    assert.equal(a.at(-1)!.kind, 'quote');
  });
});

describe('modality cues', () => {
  it('find negation and hedging, but not the month of May', () => {
    const cues = findCues('They did not sign. It could reopen in May if funds allow; the city plans to try.');
    assert.deepEqual(cues.map((c) => `${c.kind}:${c.text}`), ['negation:not', 'hedge:could', 'hedge:if', 'hedge:plans to']);
  });
});
