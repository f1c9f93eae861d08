import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { annotate } from '../src/annotate/index.ts';
import { extractClaims } from '../src/claims/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { createDocument, type Claim, type Conflict } from '../src/model/index.ts';
import { compare, samePerson, type AnnotatedPassage, type Finding } from '../src/verify/compare/index.ts';
import { ROOT } from './helpers/shared.ts';

// ---------------------------------------------------------------------------------------------
// Inputs: claims come from the annotator and the claim extractor, passages from the annotator.

const NW = join(ROOT, 'examples', 'northwind');
const WIRE_DATE = '2026-11-17';
const LATER = '2026-11-18';

async function body(file: string): Promise<{ text: string; published: string }> {
  const r = await ingest(join(NW, file));
  if (!r.ok) throw new Error(r.error.message);
  const doc = r.value[0]!;
  return { text: doc.text, published: (doc.published ?? WIRE_DATE).slice(0, 10) };
}

const FILES = ['wire-original.json', 'independent-report.json', 'content-farm-rewrite.json', 'harbourline-gazette.txt', 'civic-ledger.html', 'brief.md'] as const;
type File = (typeof FILES)[number];
const texts = new Map<File, { text: string; published: string }>();
for (const f of FILES) texts.set(f, await body(f));

function paragraphs(f: File): string[] {
  return texts.get(f)!.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

/** The paragraph of a Northwind file that contains `needle`. */
function para(f: File, needle: string): string {
  const p = paragraphs(f).find((x) => x.includes(needle));
  if (!p) throw new Error(`no paragraph of ${f} contains "${needle}"`);
  return p;
}

function annotatedDoc(text: string, published: string | null) {
  const doc = createDocument({ origin: 'test', format: 'text', text, published });
  doc.annotations = annotate(doc);
  return doc;
}

function claimsOf(text: string, published: string | null = WIRE_DATE): Claim[] {
  return extractClaims(annotatedDoc(text, published), { minScore: 0 });
}

/** The extracted claim of `text` that contains `pick` (the only one when `pick` is omitted). */
function claimIn(text: string, pick: string | undefined, published: string | null = WIRE_DATE): Claim {
  const cs = claimsOf(text, published);
  const c = pick === undefined ? cs[0] : cs.find((x) => x.text.includes(pick));
  if (!c) throw new Error(`no claim of "${text}" contains "${pick}"; claims: ${cs.map((x) => x.text).join(' | ')}`);
  return c;
}

/** The whole text as one claim (for a sentence the claim splitter would cut in two). */
function wholeClaim(text: string, published: string | null = WIRE_DATE): Claim {
  const doc = annotatedDoc(text, published);
  const a = doc.annotations!;
  const at = a.attributions[0];
  return {
    id: 'claim-1', text, span: { start: 0, end: text.length }, sentence: 0, checkworthiness: 1,
    quantities: a.quantities, dates: a.dates, entities: a.entities,
    attribution: at ? { speaker: at.speaker, medium: at.medium } : null,
    hedged: false, negated: false, why: [], verdict: 'unverified', confidence: 0, evidence: [], conflicts: [], factChecks: [],
  };
}

function passageOf(text: string, published: string | null = LATER, sourceId = 'source-b'): AnnotatedPassage {
  return { sourceId, text, annotations: annotatedDoc(text, published).annotations!, published };
}

// ---------------------------------------------------------------------------------------------
// The table

type Kind = Conflict['kind'];

interface Case {
  name: string;
  /** Claim text; with `whole`, the whole text is one claim, else the extracted claim containing `pick`. */
  claim: string;
  pick?: string;
  whole?: boolean;
  claimDate?: string;
  passage: string;
  passageDate?: string;
  /** Exactly these conflicts: kind, a text in the claim value, a text in the source value. */
  conflicts: Array<[Kind, string, string]>;
  /** At least these agreements (kind, texts the reason must contain). */
  agree?: Array<[Kind, ...string[]]>;
  /** Nothing aligns: no finding of any kind. */
  nothing?: boolean;
  /** The exact reason of the (single) conflict. */
  reason?: string;
}

const wire = (needle: string): string => para('wire-original.json', needle);
const indep = (needle: string): string => para('independent-report.json', needle);
const gazette = (needle: string): string => para('harbourline-gazette.txt', needle);
const civic = (needle: string): string => para('civic-ledger.html', needle);

const CASES: Case[] = [
  // --- Northwind: planted differences
  { name: 'northwind #1 cost 6.8 vs 7.4 billion euros', claim: wire('6.8 billion'), pick: '6.8 billion', passage: indep('7.4 billion'),
    conflicts: [['quantity', '6.8 billion euros', '7.4 billion euros']] },
  { name: 'northwind #2 freight March vs May 2027', claim: wire('Freight services'), pick: 'March 2027', passage: indep('Freight trains'),
    conflicts: [['date', 'March 2027', 'May 2027']] },
  { name: 'northwind #3 chief executive Núñez vs Olmedo', claim: wire('José Núñez'), pick: 'José Núñez', passage: indep('Andrés Olmedo'),
    conflicts: [['entity', 'José Núñez', 'Andrés Olmedo']] },
  { name: 'northwind #4 quote attributed to two people', claim: wire('commuter belt'), pick: 'commuter belt', passage: indep('commuter belt'),
    conflicts: [['attribution', 'Łucja Wiśniewska', 'Søren Kjærgaard']],
    reason: 'the claim attributes the quote "This tunnel turns two coastlines into one commuter belt" to Łucja Wiśniewska; the source to Søren Kjærgaard' },
  { name: 'northwind #5 tunnel 38 km vs 24 + 17 km', claim: wire('38-kilometre'), pick: '38-kilometre', passage: indep('immersed-tube'),
    conflicts: [['quantity', '38 km', '24 km + 17 km = 41 km']],
    reason: 'the claim says 38 km for the tunnel; the source gives 24 km + 17 km = 41 km' },
  { name: 'northwind #6 line 150 km vs 130 km', claim: gazette('150-kilometre'), pick: '150-kilometre', claimDate: LATER, passage: wire('130-kilometre'), passageDate: WIRE_DATE,
    conflicts: [['quantity', '150 km', '130 km']] },
  { name: 'northwind #6 line 150 km vs 80 + 50 km', claim: gazette('150-kilometre'), pick: '150-kilometre', claimDate: LATER, passage: indep('80 km stretch'),
    conflicts: [['quantity', '150 km', '80 km + 50 km = 130 km']] },
  { name: 'northwind #5 reversed: parts in the claim, the whole in the source', claim: 'The tunnel itself consists of a 24 km bored section under the deepest water and a 17 km immersed-tube section.',
    whole: true, passage: wire('38-kilometre'), passageDate: WIRE_DATE,
    conflicts: [['quantity', '24 km + 17 km = 41 km', '38 km']] },

  // --- Northwind: consistent pairs
  { name: 'consistent: 130 km = 80 km + 50 km', claim: wire('130-kilometre'), pick: '130-kilometre', passage: indep('80 km stretch'),
    conflicts: [], agree: [['quantity', '130 km', '80 km + 50 km = 130 km', 'sum']] },
  { name: 'consistent: Lucja Wisniewska = Łucja Wiśniewska', claim: civic('promise kept'), pick: 'promise kept', passage: indep('Lucja Wisniewska'),
    conflicts: [], agree: [['entity', 'Lucja Wisniewska'], ['attribution', 'promise kept']] },
  { name: 'consistent: Minister of Transport = transport minister, same person', claim: wire('commuter belt'), pick: 'commuter belt', passage: gazette('commuter belt'), passageDate: LATER,
    conflicts: [], agree: [['entity', 'Minister of Transport', "transport minister"], ['attribution', 'Łucja Wiśniewska']] },
  { name: 'consistent: 74 minutes = an hour and 14 minutes', claim: wire('74 minutes'), pick: '74 minutes', passage: indep('14 minutes'),
    conflicts: [], agree: [['quantity', '74 minutes']] },
  { name: 'consistent: 2019 = seven years ago', claim: wire('Construction began'), pick: 'Construction began', passage: indep('seven years ago'),
    conflicts: [], agree: [['date', '2019']] },
  { name: 'consistent: 42% = 42 per cent', claim: wire('remaining 42%'), pick: '42%', passage: indep('42 per cent'),
    conflicts: [], agree: [['quantity', '42%']] },
  { name: 'consistent: 2,300 workers = 2,300 people', claim: wire('2,300 workers'), pick: '2,300', passage: indep('2,300 people'),
    conflicts: [], agree: [['quantity', '2,300 workers', '2,300 people']] },
  { name: 'consistent: "on Monday" (17th) = "Monday\'s opening" (18th)', claim: wire('on Monday'), pick: 'Monday', passage: indep("Monday's opening"),
    conflicts: [], agree: [['date', '16 November 2026']] },
  { name: 'consistent: "December" resolved against two publication dates', claim: wire('24-hour strike'), pick: 'December', passage: indep('24-hour strike'),
    conflicts: [] },
  { name: 'consistent: 18 → 28 departures said two ways', claim: gazette('18 departures'), pick: '18 departures', claimDate: LATER, passage: wire('28 daily departures'), passageDate: WIRE_DATE,
    conflicts: [], agree: [['quantity', '18'], ['quantity', '28']] },

  // --- Northwind: what must not align
  { name: 'no alignment: passenger opening on Monday vs freight in May', claim: wire('on Monday'), pick: 'Monday', passage: indep('Freight trains'),
    conflicts: [] },
  { name: 'no alignment: the plan for 2024 vs the actual opening', claim: wire('originally due'), pick: '2024', passage: indep("Monday's opening"),
    conflicts: [] },
  { name: 'no alignment: a 3 km stretch vs the sum of the line\'s stretches', claim: wire('3-kilometre'), pick: '3-kilometre', passage: indep('80 km stretch'),
    conflicts: [] },
  { name: 'no alignment: project cost vs ticket price', claim: gazette('150-kilometre'), pick: '6.8 billion', claimDate: LATER, passage: wire('39 euros'), passageDate: WIRE_DATE,
    conflicts: [] },
  { name: 'no alignment: a part against the whole (80 km stretch vs 130 km line)', claim: indep('80 km stretch'), pick: '80 km', claimDate: LATER, passage: wire('130-kilometre'), passageDate: WIRE_DATE,
    conflicts: [] },
  { name: 'no alignment: operating since 1968 vs halving sailings from January', claim: civic('Brisvik'), pick: 'Brisvik', passage: wire('Brisvik'), passageDate: WIRE_DATE,
    conflicts: [] },

  // --- Sums and parts (own wording of the seed case)
  { name: 'seed: 800 km frontier vs 210 km + 418 km borders', claim: 'Poland will lay mines along the whole of its 800-kilometre eastern frontier, the defence ministry said.',
    passage: 'Poland has a 210-km land border with Russia\'s Kaliningrad region and a 418-km land border with Belarus.',
    conflicts: [['quantity', '800 km', '210 km + 418 km = 628 km']],
    reason: 'the claim says 800 km for the eastern frontier; the source gives 210 km + 418 km = 628 km' },
  { name: 'seed: 628 km frontier = 210 km + 418 km', claim: 'Poland will lay mines along its 628-kilometre eastern frontier.',
    passage: 'Poland has a 210-km land border with Russia\'s Kaliningrad region and a 418-km land border with Belarus.',
    conflicts: [], agree: [['quantity', '628 km', 'sum']] },
  { name: 'seed: a claim about one border is compared with that border, not the sum', claim: 'Poland has a 250-km border with the Kaliningrad region.',
    passage: 'Poland has a 210-km land border with Russia\'s Kaliningrad region and a 418-km land border with Belarus.',
    conflicts: [['quantity', '250 km', '210 km']] },

  // --- Tolerance, units
  { name: 'rounding: 1.2 million = 1,180,000', claim: 'The city has 1.2 million residents.', passage: 'A census counted 1,180,000 residents in the city.',
    conflicts: [], agree: [['quantity', 'within rounding']] },
  { name: 'rounding: 1.3 million ≠ 1,180,000', claim: 'The city has 1.3 million residents.', passage: 'A census counted 1,180,000 residents in the city.',
    conflicts: [['quantity', '1.3 million', '1.18 million']] },
  { name: 'units: 500 miles = 805 km', claim: 'The bridge is 500 miles from the capital.', passage: 'The bridge stands 805 kilometres from the capital.',
    conflicts: [], agree: [['quantity', '500 mi', '805 km']] },
  { name: 'units: 300 miles ≠ 805 km, with the conversion stated', claim: 'The bridge is 300 miles from the capital.', passage: 'The bridge stands 805 kilometres from the capital.',
    conflicts: [['quantity', '300 mi', '805 km']] },
  { name: 'units: different currencies never align (no exchange rates)', claim: 'The stadium cost 2.1 billion euros.', passage: 'The stadium cost 2.4 billion dollars.',
    conflicts: [] },
  { name: 'percent vs percentage points', claim: 'Unemployment rose 4 percentage points last year.', passage: 'Unemployment rose 4% last year.',
    conflicts: [['quantity', '4 percentage points', '4%']] },
  { name: '"more than 100" agrees with 140', claim: 'More than 100 people were injured in the blast.', passage: 'The blast injured 140 people.',
    conflicts: [], agree: [['quantity', 'bound']] },
  { name: '"more than 100" against 80', claim: 'More than 100 people were injured in the blast.', passage: 'The blast injured 80 people.',
    conflicts: [['quantity', 'more than 100 people', '80 people']] },
  { name: '"up to 500" agrees with 450', claim: 'Up to 500 soldiers will be deployed.', passage: 'The ministry will deploy 450 soldiers.',
    conflicts: [], agree: [['quantity', 'up to 500']] },
  { name: '"about 12 percent" agrees with "roughly 13 percent"', claim: 'About 12 percent of lorries could switch to rail.', passage: 'Roughly 13 percent of lorries could switch to rail.',
    conflicts: [], agree: [['quantity', 'approximation']] },
  { name: 'a range agrees with a value inside it', claim: 'The factory will employ 4,000 to 5,000 people.', passage: 'The factory will employ 4,500 people.',
    conflicts: [], agree: [['quantity', '4,000–5,000']] },
  { name: 'unrelated: 30 engineers vs 30 km', claim: 'The company sent 30 engineers to the site.', passage: 'The site is 30 km from the company\'s depot.',
    conflicts: [], nothing: true },
  { name: 'unrelated: thirty countries vs 30 km', claim: 'Thirty countries signed the treaty.', passage: 'The treaty zone extends 30 km from the coast.',
    conflicts: [], nothing: true },
  { name: 'unrelated: 30 soldiers vs 45 tanks (different counted nouns)', claim: 'The brigade sent 30 soldiers to the border.', passage: 'The brigade sent 45 tanks to the border.',
    conflicts: [] },

  // --- Dates
  { name: 'dates: a month agrees with a day in it', claim: 'The treaty took effect in March 2027.', passage: 'The treaty took effect on 14 March 2027.',
    conflicts: [], agree: [['date', 'March 2027', '14 March 2027']] },
  { name: 'dates: "by 2016" agrees with 2015', claim: 'The army destroyed its stockpile of mines by 2016.', passage: 'The army destroyed its stockpile of mines in 2015.',
    conflicts: [], agree: [['date', 'by 2016', '2015']] },
  { name: 'dates: "by 2016" against 2018', claim: 'The army destroyed its stockpile of mines by 2016.', passage: 'The army destroyed its stockpile of mines in 2018.',
    conflicts: [['date', 'by 2016', '2018']] },
  { name: 'dates: one election cycle, worded two ways, with other candidates nearest', whole: true,
    claim: "Halvorsen was a steady backer of Mara Quill's run for the presidency in 2006.",
    passage: 'Mr. Halvorsen endorsed Mara Quill against Tobin Reyes in the 2008 presidential primaries.',
    conflicts: [['date', '2006', '2008']] },
  { name: 'dates: elections of one office in sentences about other people are two elections', whole: true,
    claim: 'Mara Quill won the 2016 presidential election by a wide margin.',
    passage: 'Tobin Reyes is campaigning hard ahead of the 2020 presidential election.', conflicts: [] },
  { name: 'dates: elections of two offices told by the same people are two elections', whole: true,
    claim: "Halvorsen was a steady backer of Mara Quill's run for the presidency in 2008.",
    passage: 'Mr. Halvorsen endorsed Mara Quill against Tobin Reyes in the 2010 Senate primaries.', conflicts: [] },
  { name: 'dates: two runs for one office in sentences that name no one in common are two runs', whole: true,
    claim: 'Eastmoor Gov. Dana Whitfield said on Monday she is running for president in 2028.',
    passage: 'Ortega, a former cattle rancher, ran for president in 2020, winning six states before his money ran out.', conflicts: [] },
  { name: 'dates: a bid for one nomination and another nomination of another person are two contests', whole: true,
    claim: 'Marlow lost a 2019 bid for the Labour nomination for mayor of Eastport, but is still seen as a rising figure.',
    passage: 'Ruiz is widely seen as the favourite for the Labour nomination in 2026, party officials said.', conflicts: [] },
  { name: 'dates: the same run, told of the same person, with another year', whole: true,
    claim: 'Eastmoor Gov. Dana Whitfield said on Monday she is running for president in 2028.',
    passage: 'Whitfield, a former cattle rancher, announced her run for president in 2024 at a rally in her home town.', conflicts: [['date', '2028', '2024']] },
  { name: 'dates: one named thing dated two ways ("the fires in 2019 in …" / "the 2021 warehouse fires in …")', whole: true,
    claim: 'Mayor Brenner ordered on Monday a new inquiry into the fires in 2019 in Varnholm, where the old grain market burned down.',
    passage: 'The harbour board has published its report on the 2021 warehouse fires in Varnholm, where the old grain market stood.',
    conflicts: [['date', '2019', '2021']] },
  { name: 'dates: two different things dated at one place are two dates', whole: true,
    claim: 'Mayor Brenner ordered on Monday a new inquiry into the fires in 2019 in Varnholm, where the old grain market burned down.',
    passage: 'The harbour board has published its report on the 2021 floods in Varnholm, where the old grain market stood.',
    conflicts: [] },

  // --- Names, roles, lists
  { name: 'names: initial + surname = full name with diacritics', claim: 'P. Zalewski, the deputy defence minister, said the mines would be produced at home.',
    passage: 'Poland will produce the mines itself, Deputy Defence Minister Paweł Zalewski told Reuters.',
    conflicts: [], agree: [['entity', 'P. Zalewski', 'Paweł Zalewski']] },
  { name: 'names: surname only is the same person', claim: 'Zalewski said Poland would produce the mines itself.',
    passage: 'Poland will produce the mines itself, said Pawel Zalewski, the deputy defence minister.',
    conflicts: [], agree: [['entity', 'Zalewski']] },
  { name: 'roles: a different role is not a conflict', claim: 'The Kestrail chief executive, José Núñez, opened the line.', passage: 'Kestrail chairman Andrés Olmedo opened the line.',
    conflicts: [] },
  { name: 'roles: the same role at different companies is not a conflict', claim: 'Acme Corp chief executive Jane Doe announced the merger.',
    passage: 'Globex chief executive John Smith announced a merger of his own.', conflicts: [] },
  { name: 'roles: a former chief executive is not the chief executive', claim: 'José Núñez, the company\'s chief executive, said demand was strong.',
    passage: 'Kestrail\'s former chief executive, Andrés Olmedo, said demand was strong.', conflicts: [] },
  { name: 'lists: the same members in another order', claim: 'Lithuania, Latvia, Estonia and Finland announced they would withdraw from the Ottawa treaty.',
    passage: 'Latvia, Estonia, Lithuania and Finland announced plans to withdraw from the Ottawa treaty.',
    conflicts: [], agree: [['entity', 'same names']] },
  { name: 'lists: a shorter list agrees on the overlap and names the extra member', claim: 'Lithuania, Latvia and Estonia announced they would withdraw from the Ottawa treaty.',
    passage: 'Latvia, Estonia, Lithuania and Finland announced plans to withdraw from the Ottawa treaty.',
    conflicts: [], agree: [['entity', 'also names Finland']] },
  { name: 'lists: an explicit different membership is a conflict', claim: 'Lithuania, Latvia, Estonia and Poland announced they would withdraw from the Ottawa treaty.',
    passage: 'Only Latvia, Estonia and Lithuania announced plans to withdraw from the Ottawa treaty.',
    conflicts: [['entity', 'Poland', 'Latvia, Estonia and Lithuania']] },

  // --- Polarity and modality
  { name: 'negation: did not resign vs resigned', claim: 'The minister did not resign after the vote.', passage: 'The minister resigned after the vote on Friday.',
    conflicts: [['negation', 'not resign', 'resigned']] },
  { name: 'negation: never considered vs considered', claim: 'The ferry company has never considered abandoning the route.',
    passage: 'The ferry company has considered abandoning the route, a spokesman said.', conflicts: [['negation', 'never considered', 'considered abandoning']] },
  { name: 'negation: negated on both sides is no conflict', claim: 'The ferry company has never considered abandoning the route.',
    passage: 'The ferry company has never considered closing the route.', conflicts: [] },
  { name: 'negation: "not yet running" is consistent with a future start', claim: 'Freight trains are not yet running.',
    passage: 'Freight trains are due to start running in May 2027.', conflicts: [] },
  { name: 'negation: "did not say how many" is not a claim about the facts', claim: gazette('did not give a figure'), pick: 'José Núñez', claimDate: LATER,
    passage: wire('did not say how many'), passageDate: WIRE_DATE, conflicts: [] },
  { name: 'modality: asserted vs hedged is a weaker agreement', claim: 'The line will carry 4.1 million passengers a year by 2030.',
    passage: 'The line could carry 4.1 million passengers a year by 2030, officials said.', conflicts: [],
    agree: [['other', 'the source only says it could carry']] },

  // --- Attribution
  { name: 'attribution: same speaker, different medium is a finding, not a conflict',
    claim: '"These mines are a key part of our defence," said Paweł Zalewski, the deputy defence minister, in an interview with The Associated Press.',
    passage: '"These mines are a key part of our defence," Deputy Defence Minister Pawel Zalewski told Reuters.',
    conflicts: [], agree: [['attribution', 'Reuters', 'The Associated Press']] },
  { name: 'attribution: the same quote from a different speaker',
    claim: '"These mines are a key part of our defence," said Paweł Zalewski, the deputy defence minister.',
    passage: '"These mines are a key part of our defence," said Prime Minister Donald Tusk.',
    conflicts: [['attribution', 'Paweł Zalewski', 'Donald Tusk']] },

  // --- bounds the same way, ranges, relative counts
  { name: 'bounds: at least 310 vs at least 220 ferry workers is a difference in the stated figure',
    claim: 'The strike involved at least 310 ferry workers at the Varnholm terminal, the union said.', whole: true,
    passage: 'At least 220 ferry workers at the Varnholm terminal joined the strike on Monday, according to the union.',
    conflicts: [['quantity', 'at least 310', 'at least 220']] },
  { name: 'bounds: at least 310 vs more than 300 ferry workers agree as written (within rounding)',
    claim: 'The strike involved at least 310 ferry workers at the Varnholm terminal, the union said.', whole: true,
    passage: 'More than 300 ferry workers at the Varnholm terminal joined the strike on Monday, according to the union.',
    conflicts: [] },
  { name: 'bounds: a lower bound against an exact figure below it',
    claim: 'The strike involved more than 310 ferry workers at the Varnholm terminal.', whole: true,
    passage: 'Exactly 220 ferry workers at the Varnholm terminal joined the strike on Monday.',
    conflicts: [['quantity', 'more than 310', '220']] },
  { name: 'ranges: the same start, another end', claim: 'Ilse Marrow was harbour master of Kestport from 2009 to 2017, the council said.', whole: true,
    passage: 'Ilse Marrow, who was harbour master of Kestport from 2009 to 2019, declined to comment.',
    conflicts: [['date', '2009–2017', '2009–2019']] },
  { name: 'ranges: the same range in other words agrees', claim: 'Ilse Marrow was harbour master of Kestport from 2009 to 2017, the council said.', whole: true,
    passage: 'Ilse Marrow served as harbour master of Kestport from 2009 until 2017.',
    conflicts: [], agree: [['date', '2009–2017']] },
  { name: 'ranges: another person\'s term is not compared', claim: 'Ilse Marrow was harbour master of Kestport from 2009 to 2017.', whole: true,
    passage: 'Tomas Brenner was mayor of Varnholm from 2011 to 2017.',
    conflicts: [] },
  { name: 'ranges of a quantity that touch but differ at both ends',
    claim: 'Each volunteer pilot completes 61 to 91 hours of ferry training, the harbour board said.', whole: true,
    passage: 'Each volunteer pilot completes 40 to 60 hours of ferry training before the season opens.',
    conflicts: [['quantity', '61–91 hours', '40–60 hours']] },
  { name: 'ranges of a quantity: the same range agrees',
    claim: 'Each volunteer pilot completes 40 to 60 hours of ferry training, the harbour board said.', whole: true,
    passage: 'Each volunteer pilot completes 40-60 hours of ferry training before the season opens.',
    conflicts: [], agree: [['quantity', '40–60 hours']] },
  { name: 'relative counts on both sides: 19 other ports vs about 30 other ports',
    claim: 'The rule was first adopted by the federal agency and by 19 other ports along the coast.', whole: true,
    passage: 'The federal agency adopted the rule first, and about 30 other ports along the coast followed.',
    conflicts: [['quantity', '19', 'about 30']] },
  { name: 'a plan and a decision to do the same thing are one intention',
    claim: 'Officials said this week that the ministry is making plans to pull all 900 engineers out of Kestland.', whole: true,
    passage: 'On Thursday the deputy minister said the ministry\'s decision to withdraw roughly 600 engineers from Kestland was a mistake.',
    conflicts: [['quantity', '900', '600']] },
  { name: 'a coined figure in quotes about someone in common is one remark',
    claim: 'When Ms. Varga went after Mr. Olmedo’s remark at a closed dinner about the “62 percent,” the moderator moved on.', whole: true,
    passage: 'Olmedo said on the recording that he need not worry about the "48 percent" of voters who never back him.',
    conflicts: [['quantity', '62', '48']] },
  { name: 'quoted figures about nobody in common: not a difference',
    claim: 'Ms. Varga mocked the “62 percent” slogan at her rally.', whole: true,
    passage: 'Tomas Brenner told donors not to worry about the "48 percent" of voters.', conflicts: [] },
  { name: 'figures followed by words naming different things: not a difference',
    claim: 'The council will also move $2.5 million from the harbour maintenance fund.', whole: true,
    passage: 'The council said it would move about $3.6 million from road repair projects to pay for the tunnel.',
    conflicts: [] },
  { name: 'shares of a poll about different people: not a difference',
    claim: 'In the Kestport poll, 23 percent picked Tomas Brenner as their first choice.', whole: true,
    passage: 'In the Kestport poll, 55 percent said they could never vote for Ilse Marrow.',
    conflicts: [] },
  { name: 'the same share about the same person, another figure: a difference',
    claim: 'In the Kestport poll, 23 percent picked Tomas Brenner as their first choice.', whole: true,
    passage: 'The Kestport poll found that 31 percent picked Tomas Brenner as their first choice.',
    conflicts: [['quantity', '23%', '31%']] },
  { name: '"could not" reports what happened: its clause is no possibility',
    claim: 'The harbour board will take up part of the tunnel plan after the 4.2 billion euro harbour package failed in the council.', whole: true,
    passage: 'The mayor said the city could not pass a 6.1 billion euro harbour package, only a smaller part of it.',
    conflicts: [['quantity', '4.2 billion euros', '6.1 billion euros']] },
  { name: '"could" still marks a possibility',
    claim: 'The harbour board will take up part of the tunnel plan after the 4.2 billion euro harbour package failed in the council.', whole: true,
    passage: 'The mayor said the city could pass a 6.1 billion euro harbour package, or only a smaller part of it.',
    conflicts: [] },
  { name: 'members of a group are counted as the group ("faculty members" / "faculty")',
    claim: 'A letter signed by nearly 140 staff members and volunteers at the Kestport museum was sent before the mayor\'s visit.', whole: true,
    passage: 'Nearly 95 Kestport museum staff and curators have written to the mayor about the ferry cuts.',
    conflicts: [['quantity', '140', '95']] },
  { name: 'two rival figures in different sentences fit equally: no conflict',
    claim: 'The mayor will divert $1.4 billion to the tunnel.', whole: true,
    passage: 'The mayor will divert $3.6 billion to the tunnel, officials said. Critics said the mayor would divert $5.7 billion to the tunnel.',
    conflicts: [] },
];

function claimOf(c: Case): Claim {
  const date = c.claimDate ?? WIRE_DATE;
  return c.whole ? wholeClaim(c.claim, date) : claimIn(c.claim, c.pick, date);
}

const show = (xs: Array<Finding | Conflict>): string => xs.map((x) => `[${x.kind}] ${x.reason}`).join('\n  ') || '(none)';

describe('compare: table of cases', () => {
  it('has at least 30 cases, negative ones included', () => {
    assert.ok(CASES.length >= 30);
    assert.ok(CASES.filter((c) => c.conflicts.length === 0).length >= 15);
  });
  for (const c of CASES) {
    it(c.name, () => {
      const claim = claimOf(c);
      const passage = passageOf(c.passage, c.passageDate ?? LATER);
      const r = compare(claim, claim.text, passage);
      const context = `claim: ${claim.text}\npassage: ${c.passage}\nconflicts:\n  ${show(r.conflicts)}\nagreements:\n  ${show(r.agreements)}`;
      assert.equal(r.conflicts.length, c.conflicts.length, context);
      for (const [kind, cv, sv] of c.conflicts) {
        const hit = r.conflicts.find((x) => x.kind === kind && x.claimValue.includes(cv) && x.sourceValue.includes(sv));
        assert.ok(hit, `expected a ${kind} conflict "${cv}" vs "${sv}"\n${context}`);
        assert.ok(hit.reason.includes(cv) && hit.reason.includes(sv), `the reason names both values: ${hit.reason}`);
        assert.equal(hit.sourceId, passage.sourceId);
        assert.equal(hit.passage, passage.text);
      }
      if (c.reason) assert.equal(r.conflicts[0]?.reason, c.reason, context);
      for (const [kind, ...words] of c.agree ?? []) {
        const hit = r.agreements.find((x) => x.kind === kind && words.every((w) => x.reason.includes(w)));
        assert.ok(hit, `expected a ${kind} agreement naming ${words.join(', ')}\n${context}`);
      }
      if (c.nothing) assert.deepEqual(r.findings, [], context);
      for (const f of r.findings) {
        assert.ok(f.weight > 0 && f.weight <= 1, `weight in (0, 1]: ${f.weight}`);
        if (f.span) assert.ok(f.span.start >= 0 && f.span.end <= passage.text.length && f.span.start < f.span.end);
      }
    });
  }
});

describe('compare: behaviour', () => {
  it('is pure: the same inputs give the same result', () => {
    const claim = claimIn(wire('38-kilometre'), '38-kilometre');
    const p = passageOf(indep('immersed-tube'));
    assert.deepEqual(compare(claim, claim.text, p), compare(claim, claim.text, p));
  });

  it('a hedged source weighs less than a plain agreement', () => {
    const claim = claimIn('The line will carry 4.1 million passengers a year by 2030.', undefined);
    const r = compare(claim, claim.text, passageOf('The line could carry 4.1 million passengers a year by 2030, officials said.'));
    const hedge = r.agreements.find((f) => f.kind === 'other')!;
    const figure = r.agreements.find((f) => f.kind === 'quantity')!;
    assert.ok(hedge.weight < figure.weight, `${hedge.weight} < ${figure.weight}`);
  });

  it('finds the claim values in a claim whose spans point into a longer document', () => {
    const text = texts.get('wire-original.json')!.text;
    const claim = claimsOf(text).find((c) => c.text.includes('6.8 billion'))!;
    assert.ok(claim.span.start > 0);
    const r = compare(claim, claim.text, passageOf(indep('7.4 billion')));
    assert.equal(r.conflicts.length, 1);
  });

  it('name variants', () => {
    for (const [a, b] of [['Paweł Zalewski', 'Pawel Zalewski'], ['Paweł Zalewski', 'Zalewski'], ['P. Zalewski', 'Paweł Zalewski'],
      ['Deputy Minister Paweł Zalewski', 'Pawel Zalewski'], ['Søren Kjærgaard', 'Soren Kjaergaard'],
      // A family name written first.
      ['President Wen', 'Wen Haolin']] as const) {
      assert.ok(samePerson(a, b), `${a} = ${b}`);
    }
    for (const [a, b] of [['José Núñez', 'Andrés Olmedo'], ['Paweł Zalewski', 'Piotr Zalewski'], ['Jan Nowak', 'Jan Kowalski']] as const) {
      assert.ok(!samePerson(a, b), `${a} ≠ ${b}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Every claim of a Northwind file against every paragraph of a source: exactly the planted
// differences, and nothing else.

const PLANTED_INDEPENDENT: Array<[Kind, string, string]> = [
  ['quantity', '38 km', '24 km + 17 km = 41 km'],
  ['quantity', '6.8 billion euros', '7.4 billion euros'],
  ['attribution', 'Łucja Wiśniewska', 'Søren Kjærgaard'],
  ['entity', 'José Núñez', 'Andrés Olmedo'],
  ['date', 'March 2027', 'May 2027'],
];

const MATRIX: Array<{ checked: File; source: File; expected: Array<[Kind, string, string]> }> = [
  { checked: 'content-farm-rewrite.json', source: 'wire-original.json', expected: [] },
  { checked: 'civic-ledger.html', source: 'wire-original.json', expected: [] },
  { checked: 'brief.md', source: 'wire-original.json', expected: [] },
  { checked: 'harbourline-gazette.txt', source: 'wire-original.json', expected: [['quantity', '150 km', '130 km']] },
  { checked: 'harbourline-gazette.txt', source: 'content-farm-rewrite.json', expected: [['quantity', '150 km', '130 km']] },
  { checked: 'wire-original.json', source: 'independent-report.json', expected: PLANTED_INDEPENDENT },
  { checked: 'content-farm-rewrite.json', source: 'independent-report.json', expected: PLANTED_INDEPENDENT },
  { checked: 'harbourline-gazette.txt', source: 'independent-report.json', expected: [...PLANTED_INDEPENDENT, ['quantity', '150 km', '80 km + 50 km = 130 km']] },
  { checked: 'civic-ledger.html', source: 'independent-report.json',
    expected: PLANTED_INDEPENDENT.filter(([k]) => k !== 'attribution') },
  { checked: 'brief.md', source: 'independent-report.json',
    expected: PLANTED_INDEPENDENT.filter(([k]) => k === 'quantity' || k === 'date') },
  { checked: 'independent-report.json', source: 'wire-original.json',
    expected: [['quantity', '7.4 billion euros', '6.8 billion euros'], ['attribution', 'Søren Kjærgaard', 'Łucja Wiśniewska'],
      ['entity', 'Andrés Olmedo', 'José Núñez'], ['date', 'May 2027', 'March 2027']] },
];

describe('compare: Northwind files, every claim against every paragraph', () => {
  for (const m of MATRIX) {
    it(`${m.checked} against ${m.source}: ${m.expected.length ? m.expected.length + ' planted differences' : 'no conflicts'}`, () => {
      const { text, published } = texts.get(m.checked)!;
      const claims = claimsOf(text, published);
      const src = texts.get(m.source)!;
      const passages = paragraphs(m.source).map((p, i) => passageOf(p, src.published, `${m.source}#${i}`));
      const found: Conflict[] = [];
      for (const c of claims) for (const p of passages) found.push(...compare(c, c.text, p).conflicts);
      const listing = show(found);
      assert.equal(found.length, m.expected.length, listing);
      for (const [kind, cv, sv] of m.expected) {
        assert.ok(found.some((x) => x.kind === kind && x.claimValue.includes(cv) && x.sourceValue.includes(sv)), `missing ${kind} ${cv} vs ${sv}:\n  ${listing}`);
      }
    });
  }

  it('the unrelated Halvik wind-yard story raises no conflict with any gazette claim', () => {
    const lines = readFileSync(join(NW, 'sources.jsonl'), 'utf8').split('\n').filter(Boolean);
    const unrelated = JSON.parse(lines[3]!) as { text: string; published: string };
    const { text, published } = texts.get('harbourline-gazette.txt')!;
    const claims = claimsOf(text, published);
    const passages = unrelated.text.split(/\n\s*\n/).map((p, i) => passageOf(p, unrelated.published, `unrelated#${i}`));
    const found = claims.flatMap((c) => passages.flatMap((p) => compare(c, c.text, p).conflicts));
    assert.deepEqual(found.map((f) => f.reason), []);
  });
});

describe('the same long statement about another person', () => {
  it('is an entity conflict when the sentences match and only the person differs', () => {
    const claim = wholeClaim('Miriam Osei told the harbour committee on Tuesday that the new quay would be finished before the autumn storms arrive.');
    const r = compare(claim, claim.text, passageOf('Daniel Brandt told the harbour committee on Tuesday that the new quay would be finished before the autumn storms arrive.'));
    assert.ok(r.conflicts.some((c) => c.kind === 'entity' && c.claimValue === 'Miriam Osei' && c.sourceValue === 'Daniel Brandt'), JSON.stringify(r.conflicts));
  });
  it('is not a conflict when the other sentence says something else', () => {
    const claim = wholeClaim('Miriam Osei told the harbour committee on Tuesday that the new quay would be finished before the autumn storms arrive.');
    const r = compare(claim, claim.text, passageOf('Opposition member Daniel Brandt said the council had wasted money on consultants and should publish every invoice from the quay project.'));
    assert.deepEqual(r.conflicts.filter((c) => c.kind === 'entity'), []);
  });
});

describe('figures that measure different things of one story', () => {
  const quantityConflicts = (a: string, b: string) => {
    const claim = wholeClaim(a);
    return compare(claim, claim.text, passageOf(b)).conflicts.filter((c) => c.kind === 'quantity');
  };
  it('a forecast is not held against a measured figure', () => {
    assert.deepEqual(quantityConflicts(
      'The port may see no growth at all next year, not the 2.1 percent growth rate projected by the harbour board.',
      'The mayor went through his figures, citing the 1.3 percent growth rate of the harbour economy and the new ferry jobs.'), []);
  });
  it('a measured noun the other sentence never names is another measure', () => {
    assert.deepEqual(quantityConflicts(
      'However, Varga won just six percent support among likely Kestport voters, according to a Harbour Herald poll released Saturday.',
      'Varga trails far behind in the harbour, where the ferry was named by only 4 percent of Kestport voters as the main issue.'), []);
  });
  it('a count of a kind of person is not held against a count of people', () => {
    assert.deepEqual(quantityConflicts(
      'The town mourned the ferry fire in which 20 children were killed last spring.',
      'The town mourned the ferry fire in which 26 people were killed last spring.'), []);
  });
  it('the same kind of person with another count is a difference', () => {
    assert.ok(quantityConflicts(
      'The town mourned the ferry fire in which 20 children were killed last spring.',
      'The town mourned the ferry fire in which 26 children were killed last spring.').length > 0);
  });
  it('ages are never summed: two age groups are not parts of one age', () => {
    const r = quantityConflicts(
      'The harbour board said more data is needed before it can approve ferry passes for people ages 16 and older.',
      'The mayor recommended that ferry passes be made available for people ages 65 and older, and people ages 18 to 64 who work at sea.');
    assert.deepEqual(r.filter((c) => c.sourceValue.includes('+')).map((c) => c.sourceValue), []);
  });
  it('"N others were wounded" after a death toll counts the wounded, not the dead', () => {
    const source = 'Harbour police said 12 people were killed and 31 others were injured when the ferry ramp gave way.';
    const wounded = (n: number) => quantityConflicts(`The ramp collapse left ${n} people injured, harbour police said.`, source);
    assert.deepEqual(wounded(44).map((c) => [c.claimValue, c.sourceValue]), [['44 people', '31 others']]);
    assert.match(wounded(44)[0]!.reason, /the source gives 31 others injured$/);
    assert.deepEqual(wounded(31), []);
    // The dead are held against the death toll, not against the injured.
    assert.deepEqual(quantityConflicts('The ramp collapse left 31 people dead, harbour police said.', source).map((c) => [c.claimValue, c.sourceValue]), [['31 people', '12 people']]);
    // "N other states" is still a part of something, not a count of casualties.
    assert.deepEqual(quantityConflicts('Harbour police said 9 other towns have similar ramps.', source), []);
  });
  it('counts of one coordinated group are the same count ("professors and administrators" / "faculty and administrators")', () => {
    const r = quantityConflicts(
      'A group of nearly 140 teachers and administrators at the harbour college has written to the mayor about the ferry cuts.',
      'Nearly 95 Halvik College faculty and administrators have written to the mayor to protest the ferry cuts.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['about 140 teachers', 'about 95 Halvik College faculty']]);
    // Groups that share no counted noun stay apart.
    assert.deepEqual(quantityConflicts(
      'A group of nearly 140 teachers and students at the harbour college has written to the mayor about the ferry cuts.',
      'Nearly 95 Halvik College faculty and administrators have written to the mayor to protest the ferry cuts.'), []);
  });
  it('counts of two kinds of person in sentences that say the same thing, where the same-fact model is fairly sure', () => {
    const r = quantityConflicts(
      'The complaint covers at least 312 shift supervisors who are said to be both harassers and targets.',
      'She cited a group of at least 208 women working as shift supervisors who "are said to be both harassers and targets."');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['at least 312 shift supervisors', 'at least 208 women']]);
  });
  it('an age is not a duration, a magnitude not a count; ages and magnitudes are compared with their own kind', () => {
    assert.deepEqual(quantityConflicts(
      'Camera footage released less than six hours after the stabbing showed the ferry guard drawing his baton.',
      'The harbour police released camera footage of the stabbing of a 16-year-old deckhand just hours after it happened.'), []);
    assert.deepEqual(quantityConflicts(
      'The ferry line now carries riders as young as 12 without an adult.',
      'The board approved unaccompanied travel for 12 to 15 year-olds and for riders 16 years old and older.'), []);
    assert.deepEqual(quantityConflicts(
      'The storm came days after the islands were hit by a magnitude 7.2 earthquake that killed more than 140 residents.',
      'Officials raised the toll to 194 on Tuesday as the islands recovered from a 7.2-magnitude earthquake.').filter((c) => /7\.2/.test(c.claimValue)), []);
    const age = quantityConflicts('A 16-year-old deckhand was stabbed on the night ferry on Monday.', 'A 15-year-old deckhand was stabbed on the night ferry on Monday.');
    assert.deepEqual(age.map((c) => [c.claimValue, c.sourceValue]), [['age 16', 'age 15']]);
    const quake = quantityConflicts('A magnitude 7.2 earthquake struck the islands on Saturday.', 'A magnitude 6.8 earthquake struck the islands on Saturday morning.');
    assert.deepEqual(quake.map((c) => [c.claimValue, c.sourceValue]), [['magnitude 7.2', 'magnitude 6.8']]);
  });
  it('a change amount is compared only with a change amount', () => {
    assert.deepEqual(quantityConflicts(
      'New ferry bookings rose by 5,000 to 62,000 last week, the harbour board said on Thursday.',
      'The harbour board said on Thursday that 58,000 new ferry bookings were made last week.').filter((c) => /5,000|5000/.test(c.claimValue)), []);
    const r = quantityConflicts(
      'New ferry bookings rose by 5,000 to 62,000 last week, the harbour board said on Thursday.',
      'New ferry bookings climbed by 4,000 to 62,000 last week, the harbour board said on Thursday.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['5,000', '4,000']]);
  });
  it('ages written in different ways are one kind, in years', () => {
    const r = quantityConflicts('The harbour board approved the winter pass on Monday for riders 16 and older.',
      'The harbour board approved the winter pass on Monday for riders 18 years of age and older.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['age 16', 'age 18']]);
    assert.deepEqual(quantityConflicts('The harbour board approved the winter pass for riders ages 16 and older.',
      'The harbour board approved the winter pass on Monday for riders 16 years and older.'), []);
  });
  it('the dead are not the injured; "12 people dead" counts people', () => {
    assert.deepEqual(quantityConflicts('The ferry fire killed 12 people on the island on Sunday.', 'The ferry fire injured 45 people on the island on Sunday.'), []);
    assert.deepEqual(quantityConflicts('The ferry fire left 12 people dead on the island on Sunday.', 'The ferry fire left 45 people injured on the island on Sunday.'), []);
    const r = quantityConflicts('The ferry fire killed 12 people on the island on Sunday.', 'The ferry fire left 15 people dead on the island on Sunday.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['12 people', '15 people']]);
  });
  it('two measures of one noun ("new claims" / "continuing claims") are two figures', () => {
    assert.deepEqual(quantityConflicts('Continuing claims for ferry passes fell to 3.24 million in the week ended July 10.',
      'New claims for ferry passes rose by 51,000 to 419,000 in the week ended July 10, the board said.'), []);
    const r = quantityConflicts('New claims for ferry passes rose to 419,000 in the week ended July 10.',
      'Initial claims for ferry passes rose to 401,000 in the week ended July 10, the board said.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['419,000', '401,000']]);
  });
  it('two roundings that only touch are two figures ("2.5 million" / "2.6 million")', () => {
    const r = quantityConflicts('The ferry line carried 2.5 million passengers last year, the harbour board said.',
      'The ferry line carried 2.6 million passengers last year, the harbour board said.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['2.5 million passengers', '2.6 million passengers']]);
  });
  it('two open brackets ("65 and older" / "16 and older") name two groups', () => {
    assert.deepEqual(quantityConflicts(
      'The harbour board said more data is needed before it can approve the ferry pass for residents 16 and older.',
      'A harbour board panel voted unanimously in favour of the winter ferry pass for residents 65 and older and those who work night shifts.'), []);
    // Near-identical sentences with another bracket still differ.
    assert.equal(quantityConflicts(
      'The harbour board backed the winter ferry pass for residents 65 and older.',
      'The harbour board backed the winter ferry pass for residents 16 and older, its chair said after the vote.').length, 1);
  });
  it('two age brackets that meet at one end are neighbours, not a difference', () => {
    assert.deepEqual(quantityConflicts(
      'The harbour rules bar anyone between 12 and 16 years old from the night ferry.',
      'The survey reached islanders who first rode the night ferry when they were between 16 and 18 years old.'), []);
  });
  it('a span of years and one year of it give different measures', () => {
    assert.deepEqual(quantityConflicts(
      'The audit shows that from 2018 through 2025 the ferry line paid $4,385,310 in fuel taxes, for an effective tax rate of 31.55 percent.',
      'Last year, the ferry line paid an effective tax rate of 35.7 percent and gave over 10 percent of its profit to the harbour fund.'), []);
    // The same span on both sides is the same measure.
    assert.equal(quantityConflicts(
      'The audit shows that from 2018 through 2025 the ferry line paid an effective tax rate of 31.55 percent.',
      'From 2018 through 2025 the ferry line paid an effective tax rate of 35.7 percent, the audit shows.').length, 1);
  });
  it('sentences dated to different years give different measures', () => {
    assert.deepEqual(quantityConflicts(
      'Councillor Brann contrasted it with what he said was the ferry line’s 2021 loss rate: 30 percent.',
      'In 2024, the ferry line ran at a loss rate of 35.7 percent and carried 40,000 cars.'), []);
    // The same sentences dated to one year are a difference.
    assert.equal(quantityConflicts(
      'Councillor Brann contrasted it with what he said was the ferry line’s 2024 loss rate: 30 percent.',
      'In 2024, the ferry line ran at a loss rate of 35.7 percent and carried 40,000 cars.').length, 1);
  });
});

describe('a plain figure against a lower bound ("more than", "at least")', () => {
  const found = (a: string, b: string) => {
    const claim = wholeClaim(a);
    return compare(claim, claim.text, passageOf(b));
  };
  const BOUND = 'Prosecutors say the harbour master diverted more than $250,000 in port funds to pay for private travel.';
  it('agrees when the figure sits just past the bound', () => {
    const r = found('The harbour master diverted $262,000 in port funds to pay for private travel, prosecutors say.', BOUND);
    assert.deepEqual(r.conflicts, []);
    assert.ok(r.agreements.some((a) => a.kind === 'quantity' && a.reason.includes('consistent with the bound')), JSON.stringify(r.agreements));
  });
  it('differs when the figure is far past where the bound would be written', () => {
    const r = found('The harbour master diverted $375,000 in port funds to pay for private travel, prosecutors say.', BOUND);
    assert.equal(r.conflicts.length, 1, JSON.stringify(r.conflicts));
    assert.match(r.conflicts[0]!.reason, /the claim says 375,000 dollars.*more than 250,000 dollars \(the claim's figure is 50 % above the bound/);
  });
  it('leaves upper bounds alone ("as much as" is often a maximum far from the typical figure)', () => {
    const r = found('The harbour master diverted $100,000 in port funds to pay for private travel, prosecutors say.',
      'Prosecutors say the harbour master diverted as much as $250,000 in port funds to pay for private travel.');
    assert.deepEqual(r.conflicts, []);
  });
});

describe('years that name things, and ranges joined by a phrase', () => {
  const dateConflicts = (a: string, b: string) => {
    const claim = wholeClaim(a);
    return compare(claim, claim.text, passageOf(b)).conflicts.filter((c) => c.kind === 'date');
  };
  it('a year naming the same thing in like words differs, even in a sentence with "would"', () => {
    const r = dateConflicts(
      'The mayor has said he would be questioned in the inquiry into foreign meddling in the 2019 harbour referendum and the ferry contracts.',
      'Councillors want to see the inquiry into foreign meddling in the 2021 harbour referendum before the mayor can weigh in.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['2019', '2021']]);
  });
  it('years naming different kinds of thing stay apart', () => {
    assert.deepEqual(dateConflicts(
      'The mayor has said he would be questioned over the 2019 harbour referendum.',
      'The mayor has said he would be questioned over the 2021 ferry contracts.'), []);
  });
  it('"beginning in 2009 and continuing through 2016" is one range, held against another range', () => {
    const r = dateConflicts(
      'The audit lists dozens of payments, beginning in 2011 and continuing through 2016, in which the port paid for private trips.',
      'The audit found payments between 2009 and 2016 in which the port paid for private trips of the board.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['2011–2016', '2009–2016']]);
  });
  it('two dates of one figure stated alike are the dates of one fact', () => {
    const r = dateConflicts(
      'Last season the fleet landed about a quarter of the 3.2 million tonnes it brought in during 1996.',
      'Landings have shrunk for years, falling to 700,000 tonnes last season from a high of 3.2 million tonnes in the 1998 season.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['1996', '1998']]);
    // Another figure ("3 million" / "3.2 million") names no common measure.
    assert.deepEqual(dateConflicts(
      'Last season the fleet landed about a quarter of the 3 million tonnes it brought in during 1996.',
      'Landings have shrunk for years, falling to 700,000 tonnes last season from a high of 3.2 million tonnes in the 1998 season.'), []);
  });
  it('a date inside the claim\'s bound does not hide a start that differs ("from 1983 … through 2004" / "going back to 1985")', () => {
    const r = dateConflicts(
      'The council has published its minutes for the years from 1983, when the archive opened, through 2004.',
      'The council has published its minutes going back to 1985.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['1983', 'since 1985']]);
    assert.deepEqual(dateConflicts(
      'The council has published its minutes for the years from 1985, when the archive opened, through 2004.',
      'The council has published its minutes going back to 1985.'), []);
  });
  it('a figure written with thousands commas stays in its date\'s clause ("from 2017 through 2022 the port paid $43,885,310")', () => {
    const r = dateConflicts(
      'The port paid nearly $44 million in harbour fees from 2015 to 2022, its accounts show.',
      'The accounts show that from 2017 through 2022 the port paid $43,885,310 in harbour fees, for an effective rate of 31.55 percent.');
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['2015–2022', '2017–2022']]);
  });
  it('"dating back to 2015" is a start ("since"), not the date of the event', () => {
    const doc = annotatedDoc('He repaid more than $60,000 for harbour expenses dating back to 2015.', WIRE_DATE);
    assert.deepEqual(doc.annotations!.dates.map((d) => [d.text, d.relation]), [['2015', 'since']]);
    // A start is not held against the date of an event in a like sentence.
    assert.deepEqual(dateConflicts('The mayor\'s lawyers said in 2017 that he repaid the harbour fund about $60,000.',
      'He repaid the harbour fund more than $60,000 earlier this year for expenses dating back to 2015.'), []);
  });
  it('periods of different figures are different periods', () => {
    assert.deepEqual(dateConflicts(
      'Besides his salary, the harbour master earned nearly $2 million between 2019 and 2022 for advising ferry firms.',
      'The harbour master earned roughly $14 million and paid nearly $4 million in taxes from 2015 to 2022, his returns show.'), []);
  });
});

describe('relative days ("on Thursday") between reports', () => {
  it('are not held against each other in different sentences of reports of different days', () => {
    const claim = wholeClaim('The harbour board voted on Thursday to close the east quay to ferries.', WIRE_DATE);
    const r = compare(claim, claim.text, passageOf('Ferry crews protested on Friday outside the harbour board, which plans to close the east quay.', LATER));
    assert.deepEqual(r.conflicts.filter((c) => c.kind === 'date'), [], show(r.conflicts));
  });
  it('are still compared in the same sentence of two reports of the same day', () => {
    const claim = wholeClaim('The harbour board voted on Thursday to close the east quay to ferries.', WIRE_DATE);
    const r = compare(claim, claim.text, passageOf('The harbour board voted on Wednesday to close the east quay to ferries.', WIRE_DATE), { claimPublished: WIRE_DATE });
    assert.ok(r.conflicts.some((c) => c.kind === 'date'), show(r.conflicts));
  });
});

describe('figures and dates about different people or different things of one noun', () => {
  it('a year of what one person did is not held against a year of what another did', () => {
    const claim = wholeClaim('Tomas Varga lost a 2019 bid for the party nomination for mayor of Kestport, but he is still seen as a future contender.');
    const r = compare(claim, claim.text, passageOf('Ilse Halloran expects to win the party nomination for mayor in 2027, aides said.'));
    assert.deepEqual(r.conflicts.filter((c) => c.kind === 'date'), [], show(r.conflicts));
  });
  it('the same year of the same person is still compared', () => {
    const claim = wholeClaim('Tomas Varga lost a 2019 bid for the party nomination for mayor of Kestport, aides said.');
    const r = compare(claim, claim.text, passageOf('Tomas Varga lost a 2017 bid for the party nomination for mayor of Kestport, aides said.'));
    assert.ok(r.conflicts.some((c) => c.kind === 'date'), show(r.conflicts));
  });
  it('"heart rate was 72" is not compared with "tax rate was 35.7"', () => {
    const claim = wholeClaim('Her doctor wrote that her heart rate was 72 after the harbour swim.');
    const r = compare(claim, claim.text, passageOf('Her return showed that her tax rate was 35.7 after the harbour sale.'));
    assert.deepEqual(r.conflicts.filter((c) => c.kind === 'quantity'), [], show(r.conflicts));
  });
  it('one noun with the same modifier is still compared', () => {
    const claim = wholeClaim('Her doctor wrote that her heart rate was 72 after the harbour swim.');
    const r = compare(claim, claim.text, passageOf('Her doctor wrote that her heart rate was 96 after the harbour swim.'));
    assert.ok(r.conflicts.some((c) => c.kind === 'quantity'), show(r.conflicts));
  });
});

describe('a person the source never names', () => {
  const claimText = 'Attorney General Ilse Marrow said on Wednesday that she understands why many islanders distrust the ferry board as she toured the docks.';
  const passage = 'Attorney General Tomas Brenner said on Wednesday that the eyes of the islands are on the docks where the ferry sank last month.';
  /** Entity conflicts of a claim sentence against a passage, the source's whole text being `source`. */
  const entityConflicts = (claimSentence: string, source: string, text = passage) => {
    const claim = wholeClaim(claimSentence);
    const padded = ` ${source.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
    return compare(claim, claim.text, passageOf(text), { sourceNames: (w) => padded.includes(` ${w} `) }).conflicts.filter((c) => c.kind === 'entity');
  };
  it('is a conflict where the same statement in the source names someone else', () => {
    const r = entityConflicts(claimText, passage);
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['Ilse Marrow', 'Tomas Brenner']]);
    assert.match(r[0]!.reason, /never names Ilse Marrow/);
  });
  it('is nothing where the source names that person elsewhere', () => {
    assert.deepEqual(entityConflicts(claimText, `${passage} Ilse Marrow, his deputy, toured the docks too.`), []);
  });
  it('is nothing where the two names stand after different words', () => {
    assert.deepEqual(entityConflicts(claimText.replace('Attorney General', 'Port spokeswoman'), passage), []);
  });
  it('stands against the one person of the source sentence the claim does not name', () => {
    const source = 'Attorney General Anna Kessler met Mayor Tomas Brenner on Thursday to discuss the closing of the night ferry, the harbour board said.';
    const r = entityConflicts('The ferry board asked Attorney General Ilse Marrow to talk to Mayor Tomas Brenner about the closing of the night ferry, a service islanders have relied on for decades, before the council vote on Friday.', source, source);
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['Ilse Marrow', 'Anna Kessler']]);
    assert.match(r[0]!.reason, /never names Ilse Marrow/);
  });
  it('reads a title\'s short form as the title ("Rep." = "Representative")', () => {
    const source = 'Rep. Tomas Brenner said on Wednesday that the islands distrust the ferry board, and toured the docks where the ferry sank last month.';
    const r = entityConflicts('Representative Ilse Marrow said on Wednesday that she understands why many islanders distrust the ferry board as she toured the docks.', source, source);
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['Ilse Marrow', 'Tomas Brenner']]);
    assert.match(r[0]!.reason, /never names Ilse Marrow/);
  });
  it('stands against a name set off the same way after the same statement ("his wife, …")', () => {
    const source = 'The mayor is married to Ilse Marrow, a longtime aide to the harbour board chairman, and she sat beside him at the hearing.';
    const r = entityConflicts('The mayor also spoke of the toll the inquiry was taking on his wife, Tamsin Okafor, a longtime aide to the harbour board chairman.', source, source);
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['Tamsin Okafor', 'Ilse Marrow']]);
  });
  it('is nothing for a party description read as a name ("the Kestland Republican")', () => {
    const source = 'Harlow used $84,000 in public funds to settle a harassment lawsuit his former aide, Ilse Marrow, had filed in 2019, the paper reported.';
    const r = entityConflicts('WASHINGTON — Representative Blake Harlow, the Kestland Republican who used $84,000 in public funds to settle a harassment lawsuit, said Friday he would retire.', source, source);
    assert.deepEqual(r.map((c) => c.claimValue), []);
  });
  it('holds an office one person holds at a time that the source gives to someone else', () => {
    const source = 'Islanders urged Attorney General Tomas Brenner to publish the harbour inquiry report in full, not a summary, before the vote.';
    const claim = 'Attorney General Ilse Marrow released a short summary of the harbour inquiry report on Sunday.';
    const r = entityConflicts(claim, source, source);
    assert.deepEqual(r.map((c) => [c.claimValue, c.sourceValue]), [['Ilse Marrow', 'Tomas Brenner']]);
    assert.match(r[0]!.reason, /the source's attorney general is Tomas Brenner, and the source never names Ilse Marrow/);
    // Another title, a former holder, a source that names her: nothing.
    assert.deepEqual(entityConflicts(claim.replace('Attorney General', 'Deputy Attorney General'), source, source), []);
    assert.deepEqual(entityConflicts(claim.replace('Attorney General', 'Former Attorney General'), source, source), []);
    assert.deepEqual(entityConflicts(claim, `${source} Ilse Marrow was not there.`, source), []);
  });
  it('is nothing without knowing what the source names', () => {
    const claim = wholeClaim(claimText);
    assert.deepEqual(compare(claim, claim.text, passageOf(passage)).conflicts.filter((c) => c.kind === 'entity'), []);
  });
});

describe('words derived from one noun', () => {
  it('read as that noun ("presidential", "presidency" = "president"), without merging unrelated words', async () => {
    const { canon } = await import('../src/verify/compare/fold.ts');
    assert.equal(canon('presidential'), canon('president'));
    assert.equal(canon('presidency'), canon('president'));
    assert.equal(canon('endorsement'), canon('endorsed'));
    assert.notEqual(canon('statement'), canon('state'));
    assert.notEqual(canon('confidential'), canon('confidence'));
    assert.equal(canon('election'), canon('elected'));
    assert.equal(canon('nomination'), canon('nominated'));
    assert.notEqual(canon('question'), canon('quest'));
  });
});
