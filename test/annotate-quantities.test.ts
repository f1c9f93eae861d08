import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Quantity } from '../src/model/document.ts';
import { findQuantities } from '../src/annotate/quantities.ts';
import { parseNumberPhrase } from '../src/annotate/numbers.ts';

type Expected = Omit<Quantity, 'span'>;

/** Sentence → every quantity it must yield, in order (an empty list is a negative case). */
const CASES: Array<[string, Expected[]]> = [
  // measures, adjectival and plain
  ['Surveyors walked a 210-kilometer border through the marsh.', [{ text: '210-kilometer', value: 210, unit: 'km', noun: 'border' }]],
  ['The ministry mapped an 800-kilometre eastern frontier last spring.', [{ text: '800-kilometre', value: 800, unit: 'km', noun: 'frontier' }]],
  ['The convoy drove 420 miles before dawn.', [{ text: '420 miles', value: 420, unit: 'mi' }]],
  ['The reserve covers 1,200 km² of wetland.', [{ text: '1,200 km²', value: 1200, unit: 'km2' }]],
  ['The reserve covers 1,200 square kilometres of wetland.', [{ text: '1,200 square kilometres', value: 1200, unit: 'km2' }]],
  ['The trail is 10km long.', [{ text: '10km', value: 10, unit: 'km' }]],
  ['She won the 100m sprint.', [{ text: '100m', value: 100, unit: 'm', noun: 'sprint' }]],
  ['The farm spans 3 hectares.', [{ text: '3 hectares', value: 3, unit: 'ha' }]],
  ['Trains run at 90 km/h here.', [{ text: '90 km/h', value: 90, unit: 'km/h' }]],
  ['The new plant produces 450 megawatts.', [{ text: '450 megawatts', value: 450, unit: 'MW' }]],
  ['Temperatures hit 35°C on the coast.', [{ text: '35°C', value: 35, unit: '°C' }]],
  ['The parcel weighed 5 pounds.', [{ text: '5 pounds', value: 5, unit: 'lb' }]],
  ['Exports reached 12 tonnes.', [{ text: '12 tonnes', value: 12, unit: 't' }]],
  // time spans
  ['The army says it can close the crossing within 48 hours.', [{ text: '48 hours', value: 48, unit: 'h' }]],
  ['Members agreed to a six-month withdrawal period.', [{ text: 'six-month', value: 6, unit: 'mo', noun: 'period' }]],
  ['The project took two and a half years.', [{ text: 'two and a half years', value: 2.5, unit: 'yr' }]],
  ['A 12-year-old boy was rescued.', [{ text: '12-year-old', value: 12, unit: 'yr', noun: 'boy' }]],
  ['A hundred days later the site reopened.', [{ text: 'A hundred days', value: 100, unit: 'd' }]],
  ['The crew worked over 48 hours.', [{ text: '48 hours', value: 48, unit: 'h' }]],
  ['Page load: 2532 Mins Read', [{ text: '2532 Mins', value: 2532, unit: 'min' }]],
  // percentages
  ['Unemployment reached 12.5% in the north.', [{ text: '12.5%', value: 12.5, unit: '%' }]],
  ['Unemployment reached 12.5 percent in the south.', [{ text: '12.5 percent', value: 12.5, unit: '%' }]],
  ['Turnout was 64.3 per cent.', [{ text: '64.3 per cent', value: 64.3, unit: '%' }]],
  ['Support fell by 3 percentage points.', [{ text: '3 percentage points', value: 3, unit: 'pp' }]],
  // money
  ['The contract is worth $3.2 billion.', [{ text: '$3.2 billion', value: 3_200_000_000, unit: 'USD' }]],
  ['The regional fund received €450m from Brussels.', [{ text: '€450m', value: 450_000_000, unit: 'EUR' }]],
  ['Aid of $4m was pledged.', [{ text: '$4m', value: 4_000_000, unit: 'USD' }]],
  ['The firm paid US$5 million in fines.', [{ text: 'US$5 million', value: 5_000_000, unit: 'USD' }]],
  ['Farmers earned 100 zł per tonne.', [{ text: '100 zł', value: 100, unit: 'PLN' }]],
  ['The loan of PLN 200 million was approved.', [{ text: 'PLN 200 million', value: 200_000_000, unit: 'PLN' }]],
  ['The budget grew by 1,5 mln złoty.', [{ text: '1,5 mln złoty', value: 1_500_000, unit: 'PLN' }]],
  ['Tickets cost £5 each.', [{ text: '£5', value: 5, unit: 'GBP' }]],
  ['The prize was 10 pounds sterling.', [{ text: '10 pounds sterling', value: 10, unit: 'GBP' }]],
  ['Kyiv pledged 2 billion hryvnias.', [{ text: '2 billion hryvnias', value: 2_000_000_000, unit: 'UAH' }]],
  ['The bank holds 5bn in reserves.', [{ text: '5bn', value: 5_000_000_000, unit: null }]],
  // counts and scale words
  ['About 2,500 troops took part in the drill.', [{ text: '2,500', value: 2500, unit: null, approx: 'about', noun: 'troops' }]],
  ['Twenty-one people were injured.', [{ text: 'Twenty-one', value: 21, unit: null, noun: 'people' }]],
  ['Half a million residents lost power.', [{ text: 'Half a million', value: 500_000, unit: null, noun: 'residents' }]],
  ['She bought two dozen eggs.', [{ text: 'two dozen', value: 24, unit: null, noun: 'eggs' }]],
  ['One hundred and five men signed.', [{ text: 'One hundred and five', value: 105, unit: null, noun: 'men' }]],
  ['Roughly 5m people watched.', [{ text: '5m', value: 5_000_000, unit: null, approx: 'about', noun: 'people' }]],
  ['Three new bridges opened.', [{ text: 'Three', value: 3, unit: null, noun: 'bridges' }]],
  ['Only one person was arrested.', [{ text: 'one', value: 1, unit: null, noun: 'person' }]],
  ['Crews removed 2,016 mines from the field.', [{ text: '2,016', value: 2016, unit: null, noun: 'mines' }]],
  ['Crews removed 2016 mines from the field.', [{ text: '2016', value: 2016, unit: null, noun: 'mines' }]],
  ['Some 2000 volunteers joined.', [{ text: '2000', value: 2000, unit: null, approx: 'about', noun: 'volunteers' }]],
  // ranges
  ['The army may eventually need between five and six million mines.', [
    { text: 'five and six million', value: 5_000_000, min: 5_000_000, max: 6_000_000, unit: null, noun: 'mines' },
  ]],
  ['Estimates put the cost at 5-6 million euros.', [
    { text: '5-6 million euros', value: 5_000_000, min: 5_000_000, max: 6_000_000, unit: 'EUR' },
  ]],
  ['Shipments of 5 to 6 million tonnes are planned.', [
    { text: '5 to 6 million tonnes', value: 5_000_000, min: 5_000_000, max: 6_000_000, unit: 't' },
  ]],
  ['The road will run from 200 to 300 km inland.', [{ text: '200 to 300 km', value: 200, min: 200, max: 300, unit: 'km' }]],
  ['The fund is between $5 and $6 million.', [
    { text: '$5 and $6 million', value: 5_000_000, min: 5_000_000, max: 6_000_000, unit: 'USD' },
  ]],
  // a change is two figures, not a range
  ['Inflation rose from 5 to 6 percent.', [
    { text: '5', value: 5, unit: '%' },
    { text: '6 percent', value: 6, unit: '%' },
  ]],
  ['The budget rose from $5 to $6 million.', [
    { text: '$5', value: 5_000_000, unit: 'USD' },
    { text: '$6 million', value: 6_000_000, unit: 'USD' },
  ]],
  ['Waiting times fell from 45 to 30 minutes.', [
    { text: '45', value: 45, unit: 'min' },
    { text: '30 minutes', value: 30, unit: 'min' },
  ]],
  ['Ferry bookings rose by 4,000 to 62,000 last week.', [
    { text: '4,000', value: 4_000, unit: null },
    { text: '62,000', value: 62_000, unit: null },
  ]],
  ['Ferry bookings dropped 3,000 to 58,000 last week.', [
    { text: '3,000', value: 3_000, unit: null },
    { text: '58,000', value: 58_000, unit: null },
  ]],
  // …but a change verb before a narrow range keeps the range
  ['Fares grew 5 to 6 percent a year.', [{ text: '5 to 6 percent', value: 5, min: 5, max: 6, unit: '%' }]],
  // qualifiers
  ['Output could climb to as many as 1.2 million mines within a year.', [
    { text: '1.2 million', value: 1_200_000, unit: null, approx: 'at most', noun: 'mines' },
  ]],
  ['The plant currently makes around 100,000 annually.', [{ text: '100,000', value: 100_000, unit: null, approx: 'about' }]],
  ['Approximately 30 other countries stayed outside the ban.', [{ text: '30', value: 30, unit: null, approx: 'about', noun: 'countries' }]],
  ['Officials expect 5 or more trains daily.', [{ text: '5', value: 5, unit: null, approx: 'at least', noun: 'trains' }]],
  ['More than 40 people attended.', [{ text: '40', value: 40, unit: null, approx: 'more than', noun: 'people' }]],
  ['At least 7 soldiers died.', [{ text: '7', value: 7, unit: null, approx: 'at least', noun: 'soldiers' }]],
  ['Support could reach up to 9% next month.', [{ text: '9%', value: 9, unit: '%', approx: 'at most' }]],
  ['Fewer than 10 cases were recorded.', [{ text: '10', value: 10, unit: null, approx: 'less than', noun: 'cases' }]],
  ['Nearly 50 homes were damaged.', [{ text: '50', value: 50, unit: null, approx: 'about', noun: 'homes' }]],
  ['Just over 300 delegates arrived.', [{ text: '300', value: 300, unit: null, approx: 'more than', noun: 'delegates' }]],
  ['No more than 20 vehicles may cross.', [{ text: '20', value: 20, unit: null, approx: 'at most', noun: 'vehicles' }]],
  ['Exactly 17 ballots were spoiled.', [{ text: '17', value: 17, unit: null, approx: 'exactly', noun: 'ballots' }]],
  // signs, separators, spacing
  ['Prices fell by −3% over the quarter.', [{ text: '−3%', value: -3, unit: '%' }]],
  ['Nearly 1\u00a0000 people fled.', [{ text: '1\u00a0000', value: 1000, unit: null, approx: 'about', noun: 'people' }]],
  ['The grant was € 5 million.', [{ text: '€ 5 million', value: 5_000_000, unit: 'EUR' }]],
  ['A 5-10% drop was forecast.', [{ text: '5-10%', value: 5, min: 5, max: 10, unit: '%', noun: 'drop' }]],
  // negatives: identifiers, years, dates, clock times, ordinals, references, idioms
  ['COVID-19 spread quickly.', []],
  ['The F-16 jets landed.', []],
  ['G7 leaders met in Rome.', []],
  ['The pact was ratified in 2016.', []],
  ['The 1997 treaty bans them.', []],
  ['In 2016 mines were cleared.', []],
  ['The withdrawal ends in February 2026.', []],
  ['It was signed on 13 June 2025 and on June 14, 2025.', []],
  ['The file is dated 2025-06-13, or 13.06.2025, or 13/06/2025.', []],
  ['The session opened at 10:30 and closed at 3 pm.', []],
  ['It was the 3rd attempt on 5G networks since the 1990s.', []],
  ['Allies invoked Article 5 at once.', []],
  ['It is one of the few options, and at one point it failed.', []],
  ['The hotline runs 24/7.', []],
  ['The jet was a Boeing 737 flying over the Nord Stream 2 pipeline.', []],
  ['The summit ran 12-13 June 2025.', []],
  ['The file code was 007.', []],
  ['No one was hurt.', []],
  ['The club won 3-1 at home.', []],
  ['They have thousands of supporters and hundreds of critics.', []],
  ['It happened three days ago.', []],
];

function checkInvariants(text: string, qs: Quantity[]): void {
  let prevEnd = 0;
  for (const q of qs) {
    assert.equal(text.slice(q.span.start, q.span.end), q.text, `slice must equal text for ${JSON.stringify(q)}`);
    assert.ok(q.span.start >= prevEnd, `sorted and non-overlapping at ${q.text}`);
    assert.ok(q.span.end > q.span.start);
    if (q.min !== undefined || q.max !== undefined) {
      assert.equal(q.value, q.min);
      assert.ok((q.min ?? 0) < (q.max ?? 0));
    }
    prevEnd = q.span.end;
  }
}

for (const [sentence, expected] of CASES) {
  test(`quantities: ${sentence}`, () => {
    const got = findQuantities(sentence);
    checkInvariants(sentence, got);
    // spans point where the expected text first occurs (after the previous one)
    let from = 0;
    const spans = expected.map((e) => {
      const start = sentence.indexOf(e.text, from);
      from = start + e.text.length;
      return { start, end: start + e.text.length };
    });
    assert.deepEqual(
      got,
      expected.map((e, k) => ({ ...e, span: spans[k] })),
    );
  });
}

test('quantities: offsets are UTF-16 indices into the whole text', () => {
  const text = 'Zalewski’s “plan” — naïve? — lists 1,200 km² and €450m.';
  const qs = findQuantities(text);
  checkInvariants(text, qs);
  assert.deepEqual(
    qs.map((q) => q.text),
    ['1,200 km²', '€450m'],
  );
});

test('quantities: empty and number-free text', () => {
  assert.deepEqual(findQuantities(''), []);
  assert.deepEqual(findQuantities('No figures were given.'), []);
});

test('numbers: word-number phrases', () => {
  const cases: Array<[string, number | null]> = [
    ['five', 5],
    ['twenty-one', 21],
    ['a hundred', 100],
    ['one hundred and five', 105],
    ['two thousand three hundred', 2300],
    ['half a million', 500_000],
    ['two dozen', 24],
    ['1,200', 1200],
    ['a', 1],
    ['five six', null],
    ['hundred', null],
    ['million', null],
  ];
  for (const [phrase, value] of cases) assert.equal(parseNumberPhrase(phrase), value, phrase);
});
