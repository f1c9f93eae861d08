import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DateMention, Sentence } from '../src/model/document.ts';
import { findDates } from '../src/annotate/dates.ts';

type Tense = Sentence['tense'];
type Expected = Omit<DateMention, 'span'>;

/** 2025-06-27 is a Friday. */
const FRI = '2025-06-27';
const WED = '2025-06-25';

/** The whole text as one sentence of the given tense. */
const one = (text: string, tense: Tense): Sentence[] => [{ span: { start: 0, end: text.length }, text, tense }];

interface Case {
  text: string;
  tense: Tense;
  ref: string | null;
  want: Expected[];
}

const c = (text: string, tense: Tense, ref: string | null, want: Expected[]): Case => ({ text, tense, ref, want });

const CASES: Case[] = [
  // absolute years, with and without a bound
  c('The pact was ratified in 2012.', 'past', FRI, [{ text: '2012', value: '2012', granularity: 'year' }]),
  c('Stockpiles were destroyed by 2016.', 'past', FRI, [{ text: '2016', value: '2016', granularity: 'year', relation: 'by' }]),
  c('The 1997 treaty still binds 160 states.', 'present', FRI, [{ text: '1997', value: '1997', granularity: 'year' }]),
  c('Sanctions have applied since 2014.', 'present', FRI, [{ text: '2014', value: '2014', granularity: 'year', relation: 'since' }]),
  c('The work must finish before 2030.', 'present', FRI, [{ text: '2030', value: '2030', granularity: 'year', relation: 'before' }]),
  c('Reforms come after 2026.', 'present', FRI, [{ text: '2026', value: '2026', granularity: 'year', relation: 'after' }]),
  c('The plan runs until the end of 2027.', 'present', FRI, [{ text: '2027', value: '2027', granularity: 'year', relation: 'until' }]),
  c('The city was besieged in 1683.', 'past', FRI, [{ text: '1683', value: '1683', granularity: 'year' }]),
  c('Prices peaked in mid-2025.', 'past', FRI, [{ text: 'mid-2025', value: '2025', granularity: 'year' }]),
  c('Work began in early 2024.', 'past', FRI, [{ text: 'early 2024', value: '2024', granularity: 'year' }]),
  c('The plant closed in late 2023.', 'past', FRI, [{ text: 'late 2023', value: '2023', granularity: 'year' }]),
  c('Growth stalled in the 1990s.', 'past', FRI, [{ text: '1990s', value: '1990', granularity: 'decade' }]),
  c('It was fashionable in the ’90s.', 'past', FRI, [{ text: '’90s', value: '1990', granularity: 'decade' }]),
  c('The league ran 2016-2018 and the season 2019-20.', 'past', FRI, [
    { text: '2016', value: '2016', granularity: 'year' },
    { text: '2018', value: '2018', granularity: 'year' },
    { text: '2019', value: '2019', granularity: 'year' },
    { text: '20', value: '2020', granularity: 'year' },
  ]),
  // months and days with a year
  c('The exit takes effect in February 2026.', 'present', FRI, [{ text: 'February 2026', value: '2026-02', granularity: 'month' }]),
  c('The ban applies until March 2027.', 'present', FRI, [{ text: 'March 2027', value: '2027-03', granularity: 'month', relation: 'until' }]),
  c('It was signed on June 13, 2025.', 'past', FRI, [{ text: 'June 13, 2025', value: '2025-06-13', granularity: 'day', relation: 'on' }]),
  c('It was signed on 13 June 2025.', 'past', FRI, [{ text: '13 June 2025', value: '2025-06-13', granularity: 'day', relation: 'on' }]),
  c('It was signed on Sept. 3, 2024.', 'past', FRI, [{ text: 'Sept. 3, 2024', value: '2024-09-03', granularity: 'day', relation: 'on' }]),
  c('On Friday, June 27, 2025, the treaty lapsed.', 'past', FRI, [
    { text: 'Friday, June 27, 2025', value: '2025-06-27', granularity: 'day', relation: 'on' },
  ]),
  c('The summit ran 12-13 June 2025.', 'past', FRI, [{ text: '12-13 June 2025', value: '2025-06-12', granularity: 'day' }]),
  c('The summit ran June 12-13, 2025.', 'past', FRI, [{ text: 'June 12-13, 2025', value: '2025-06-12', granularity: 'day' }]),
  c('The file is dated 2025-06-13.', 'present', FRI, [{ text: '2025-06-13', value: '2025-06-13', granularity: 'day' }]),
  c('The decree is dated 13.06.2025.', 'present', FRI, [{ text: '13.06.2025', value: '2025-06-13', granularity: 'day' }]),
  c('The memo is dated 25/12/2024.', 'present', FRI, [{ text: '25/12/2024', value: '2024-12-25', granularity: 'day' }]),
  c('The memo is dated 05/06/2024.', 'present', FRI, [{ text: '05/06/2024', value: '2024', granularity: 'year' }]),
  // months and days without a year: year from the reference and the tense
  c('The vote happened in February.', 'past', FRI, [{ text: 'February', value: '2025-02', granularity: 'month', relative: true }]),
  c('The vote will happen in February.', 'future', FRI, [{ text: 'February', value: '2026-02', granularity: 'month', relative: true }]),
  c('The vote happened in August.', 'past', FRI, [{ text: 'August', value: '2024-08', granularity: 'month', relative: true }]),
  c('The vote will happen in June.', 'future', FRI, [{ text: 'June', value: '2025-06', granularity: 'month', relative: true }]),
  c('They will march in March.', 'future', FRI, [{ text: 'March', value: '2026-03', granularity: 'month', relative: true }]),
  c('The vote happened last June.', 'past', FRI, [{ text: 'last June', value: '2024-06', granularity: 'month', relative: true }]),
  c('The deal was signed on June 3.', 'past', FRI, [
    { text: 'June 3', value: '2025-06-03', granularity: 'day', relation: 'on', relative: true },
  ]),
  c('The deal was signed on July 3.', 'past', FRI, [
    { text: 'July 3', value: '2024-07-03', granularity: 'day', relation: 'on', relative: true },
  ]),
  c('The deal will be signed on 3 July.', 'future', FRI, [
    { text: '3 July', value: '2025-07-03', granularity: 'day', relation: 'on', relative: true },
  ]),
  // weekdays (reference Friday 2025-06-27)
  c('Ministers met on Friday.', 'past', FRI, [{ text: 'Friday', value: '2025-06-27', granularity: 'day', relation: 'on', relative: true }]),
  c('Ministers met on Tuesday.', 'past', FRI, [{ text: 'Tuesday', value: '2025-06-24', granularity: 'day', relation: 'on', relative: true }]),
  c('Ministers will meet on Tuesday.', 'future', FRI, [{ text: 'Tuesday', value: '2025-07-01', granularity: 'day', relation: 'on', relative: true }]),
  c('Ministers will meet on Friday.', 'future', FRI, [{ text: 'Friday', value: '2025-06-27', granularity: 'day', relation: 'on', relative: true }]),
  c('Ministers meet on Monday.', 'present', FRI, [{ text: 'Monday', value: '2025-06-30', granularity: 'day', relation: 'on', relative: true }]),
  c('Ministers meet on Wednesday.', 'present', FRI, [{ text: 'Wednesday', value: '2025-06-25', granularity: 'day', relation: 'on', relative: true }]),
  c('Last Friday the court ruled.', 'past', FRI, [{ text: 'Last Friday', value: '2025-06-20', granularity: 'day', relative: true }]),
  c('The court rules next Friday.', 'future', FRI, [{ text: 'next Friday', value: '2025-07-04', granularity: 'day', relative: true }]),
  // day words, weeks, months, years
  c('Talks ended yesterday.', 'past', FRI, [{ text: 'yesterday', value: '2025-06-26', granularity: 'day', relative: true }]),
  c('Talks resume tomorrow.', 'future', FRI, [{ text: 'tomorrow', value: '2025-06-28', granularity: 'day', relative: true }]),
  c('Talks resumed today.', 'past', FRI, [{ text: 'today', value: '2025-06-27', granularity: 'day', relative: true }]),
  c('He resigned last week.', 'past', FRI, [{ text: 'last week', value: '2025-06-16', granularity: 'unknown', relative: true }]),
  c('Results come next month.', 'future', FRI, [{ text: 'next month', value: '2025-07', granularity: 'month', relative: true }]),
  c('Sales slowed last month.', 'past', '2025-01-15', [{ text: 'last month', value: '2024-12', granularity: 'month', relative: true }]),
  c('Output fell last year.', 'past', FRI, [{ text: 'last year', value: '2024', granularity: 'year', relative: true }]),
  c('Building started earlier this year.', 'past', FRI, [{ text: 'earlier this year', value: '2025', granularity: 'year', relative: true }]),
  c('Production starts next year.', 'future', FRI, [{ text: 'next year', value: '2026', granularity: 'year', relative: true }]),
  c('Output will grow by next year.', 'future', FRI, [{ text: 'next year', value: '2026', granularity: 'year', relation: 'by', relative: true }]),
  // counted offsets
  c('It opened three days ago.', 'past', FRI, [{ text: 'three days ago', value: '2025-06-24', granularity: 'day', relative: true }]),
  c('It opened six months ago.', 'past', FRI, [{ text: 'six months ago', value: '2024-12', granularity: 'month', relative: true }]),
  c('It opened a year ago.', 'past', FRI, [{ text: 'a year ago', value: '2024', granularity: 'year', relative: true }]),
  c('The rule will expire in two years.', 'future', FRI, [{ text: 'in two years', value: '2027', granularity: 'year', relative: true }]),
  c('The economy doubled in two years.', 'past', FRI, []),
  // no reference: relative mentions keep text and span, value null
  c('Ministers met on Friday.', 'past', null, [{ text: 'Friday', value: null, granularity: 'day', relation: 'on', relative: true }]),
  c('The vote happened in February, after 2012.', 'past', null, [
    { text: 'February', value: null, granularity: 'month', relative: true },
    { text: '2012', value: '2012', granularity: 'year', relation: 'after' },
  ]),
  // a date-time reference uses its calendar date
  c('Talks ended yesterday.', 'past', '2025-06-27T23:30:00+02:00', [{ text: 'yesterday', value: '2025-06-26', granularity: 'day', relative: true }]),
  // negatives
  c('Troops may stay, and May brought rain.', 'past', FRI, []),
  c('Protesters march every week.', 'present', FRI, []),
  c('Crews removed 2016 mines from the field.', 'past', FRI, []),
  c('About 2000 people attended.', 'past', FRI, []),
  c('The siege lasted 48 hours.', 'past', FRI, []),
  c('COVID-19 disrupted the F-16 programme.', 'past', FRI, []),
  c('Good Friday services were held, The Sunday Times reported.', 'past', FRI, []),
  c('The archive lives at example.org/2016/05/report.', 'present', FRI, []),
];

function checkInvariants(text: string, ds: DateMention[]): void {
  let prevEnd = 0;
  for (const d of ds) {
    assert.equal(text.slice(d.span.start, d.span.end), d.text, `slice must equal text for ${JSON.stringify(d)}`);
    assert.ok(d.span.start >= prevEnd, `sorted and non-overlapping at ${d.text}`);
    assert.ok(d.span.end > d.span.start);
    prevEnd = d.span.end;
  }
}

for (const { text, tense, ref, want } of CASES) {
  test(`dates (${tense}, ${ref ?? 'no reference'}): ${text}`, () => {
    const got = findDates(text, one(text, tense), ref);
    checkInvariants(text, got);
    let from = 0;
    assert.deepEqual(
      got,
      want.map((e) => {
        const start = text.indexOf(e.text, from);
        from = start + e.text.length;
        return { ...e, span: { start, end: start + e.text.length } };
      }),
    );
  });
}

test('dates: each mention takes the tense of its own sentence', () => {
  const text = 'They met on Friday. They will meet again on Friday.';
  const sentences: Sentence[] = [
    { span: { start: 0, end: 19 }, text: text.slice(0, 19), tense: 'past' },
    { span: { start: 20, end: text.length }, text: text.slice(20), tense: 'future' },
  ];
  const got = findDates(text, sentences, WED);
  checkInvariants(text, got);
  assert.deepEqual(
    got.map((d) => d.value),
    ['2025-06-20', '2025-06-27'],
  );
});

test('dates: "through" or "until" a day in a past-tense sentence points ahead of publication', () => {
  const text = 'The governor said she would keep the harbour closed through Feb. 15, aides said.';
  const got = findDates(text, one(text, 'past'), '2019-01-25');
  assert.deepEqual(got.map((d) => d.value), ['2019-02-15']);
  const plain = 'The governor closed the harbour on Feb. 15, aides said.';
  assert.deepEqual(findDates(plain, one(plain, 'past'), '2019-01-25').map((d) => d.value), ['2018-02-15']);
});

test('dates: without sentences the tense defaults to past', () => {
  const got = findDates('Ministers met on Tuesday.', [], FRI);
  assert.equal(got[0]?.value, '2025-06-24');
});

test('dates: an invalid reference is treated as none', () => {
  const got = findDates('Talks ended yesterday in 2012.', [], 'sometime');
  assert.deepEqual(
    got.map((d) => d.value),
    [null, '2012'],
  );
});

test('dates: empty text', () => {
  assert.deepEqual(findDates('', [], FRI), []);
});
