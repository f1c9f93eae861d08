import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { annotate } from '../src/annotate/index.ts';
import { allSidesStories, minePairs } from '../src/learn/same-fact/data.ts';
import { createDocument } from '../src/model/index.ts';
import { passageSide } from '../src/verify/compare/align.ts';
import { sameFactScore } from '../src/verify/compare/index.ts';
import { figures, quantityPairFeatures } from '../src/verify/compare/quantities.ts';
import { sameFactModel, sameFactProbability } from '../src/verify/compare/same-fact.ts';
import { cli } from './helpers/cli.ts';

// Made-up reports of one made-up story by two outlets.
const first = 'The Kestland ferry strike entered its third day on Tuesday. At least 310 ferry workers walked out at the Varnholm terminal, the union said. '
  + 'The operator said it had cancelled 42 crossings and lost about 1.2 million euros. The strike began on 3 March 2026.';
const second = 'Ferry workers at Varnholm stayed out for a third day. The union said at least 310 ferry workers had joined the walkout at the terminal. '
  + 'Losses reached 1.2 million euros according to the operator, which has cancelled 18 evening sailings. Talks are set for 9 March 2026.';

describe('same-fact pairs', () => {
  it('mines a figure both reports state as the same fact, and the other figures of its kind as different facts', () => {
    const ex = minePairs([{ topic: 'made-up', texts: [first, second] }]);
    const pos = ex.filter((e) => e.y === 1);
    const neg = ex.filter((e) => e.y === 0);
    // 310 workers and 1.2 million euros, in both directions; 3 March against 9 March is no pair (different dates).
    assert.equal(pos.filter((e) => e.kind === 'quantity').length, 4);
    assert.ok(neg.some((e) => e.kind === 'quantity'), 'the 42 crossings against the 310 workers is a negative');
    assert.ok(neg.some((e) => e.kind === 'date'), '3 March against 9 March is a negative');
    assert.ok(ex.every((e) => e.x.length === ex[0]!.x.length));
  });

  it('never uses the values: a figure changed in one report gives the same features', () => {
    const side = (t: string) => passageSide(t, annotate(createDocument({ origin: t.slice(0, 20), format: 'text', text: t })));
    const a = side(first), b = side(second), b2 = side(second.replace('at least 310', 'at least 465'));
    const fa = figures(a), fb = figures(b), fb2 = figures(b2);
    const x = quantityPairFeatures(a, b, fa, fb, fa.find((f) => f.value === 310)!, fb.find((f) => f.value === 310)!);
    const y = quantityPairFeatures(a, b2, fa, fb2, fa.find((f) => f.value === 310)!, fb2.find((f) => f.value === 465)!);
    assert.deepEqual([...x], [...y]);
  });
});

describe('the shipped same-fact model', () => {
  const model = sameFactModel();
  it('is present and loads', () => assert.ok(model, 'models/same-fact.json is missing: run crosscheck train same-fact'));

  it('scores a passage stating the claim\'s figure in other words above one about something else', () => {
    const claimDoc = createDocument({ origin: 'c', format: 'text', text: 'At least 465 ferry workers walked out at the Varnholm terminal, the union said.' });
    claimDoc.annotations = annotate(claimDoc);
    const a = claimDoc.annotations;
    const claim = { id: 'c1', text: claimDoc.text, span: { start: 0, end: claimDoc.text.length }, quantities: a.quantities, dates: a.dates, entities: a.entities } as unknown as Parameters<typeof sameFactScore>[0];
    const passage = (t: string) => ({ text: t, annotations: annotate(createDocument({ origin: t.slice(0, 12), format: 'text', text: t })) });
    const same = sameFactScore(claim, claim.text, passage('The union said at least 310 ferry workers had joined the walkout at the Varnholm terminal.'));
    const other = sameFactScore(claim, claim.text, passage('The operator has cancelled 18 evening sailings since the timetable changed in spring.'));
    assert.ok(same > other, `${same} should be above ${other}`);
    assert.ok(same >= 0.5, `the same fact scores ${same}`);
  });

  it('keeps its thresholds in the file: accept above reject', () => {
    assert.ok(model!.accept > model!.reject);
    assert.ok(model!.accept >= 0.5 && model!.accept <= 1);
    void sameFactProbability;
  });
});

describe('AllSides stories', () => {
  it('reads excerpts given as lists of sentences (the crawl\'s format) or as text, with the story date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-allsides-'));
    try {
      const folder = join(dir, 'allsides-story-clusters-neus');
      mkdirSync(folder);
      const left = ['The Kestport ferry board approved a fare rise of 4 percent on Monday.', 'The rise takes effect in March 2027 for all routes.'];
      const right = 'Ferry fares in Kestport will go up 4 percent from March 2027, the ferry board decided on Monday after a long debate.';
      writeFileSync(join(folder, 'allsides_headline_11_2021-10-19_crawled_all.jsonl'),
        JSON.stringify({ id: 7, date: '2026-11-16T10:00:00-07:00', roundup: [], news: { left: { newBody: left }, right: { newBody: right } } }) + '\n');
      const stories = allSidesStories(dir);
      assert.equal(stories.length, 1);
      assert.deepEqual(stories[0], { topic: 'allsides:7', texts: [left.join(' '), right], published: '2026-11-16' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('crosscheck train same-fact', () => {
  const root = mkdtempSync(join(tmpdir(), 'crosscheck-same-fact-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const data = join(root, 'datasets');
  const fnc = join(data, 'fnc1');
  const allsides = join(data, 'allsides-story-clusters-neus');
  mkdirSync(fnc, { recursive: true });
  mkdirSync(allsides, { recursive: true });
  // Ten made-up stories, each told by two outlets with one shared figure and one shared date.
  const stories = Array.from({ length: 10 }, (_, i) => {
    const n = 120 + 37 * i;
    const a = `Officials in Kestport said ${n} households lost power after the storm on ${i + 1} May 2026. Repairs will cost ${i + 2} million euros and ${20 + i} crews are at work.`;
    const b = `The storm of ${i + 1} May 2026 cut power to ${n} households in Kestport, the utility said. It sent ${40 + i} crews and expects ${i + 5} days of repairs.`;
    return [a, b];
  });
  let bodies = 'Body ID,articleBody\n';
  let pairs = 'Headline,Body ID,Stance\n';
  stories.slice(0, 5).forEach(([a, b], i) => {
    bodies += `${2 * i},"${a}"\n${2 * i + 1},"${b}"\n`;
    pairs += `"Storm story ${i}",${2 * i},agree\n"Storm story ${i}",${2 * i + 1},discuss\n`;
  });
  writeFileSync(join(fnc, 'train_bodies.csv'), bodies);
  writeFileSync(join(fnc, 'train_stances.csv'), pairs);
  writeFileSync(join(allsides, 'allsides_headline_11_2021-10-19_crawled_all.jsonl'), stories.slice(5).map(([a, b], i) =>
    JSON.stringify({ id: i, roundup: [], news: { left: { newBody: [a] }, right: { newBody: b } } })).join('\n'));

  it('rebuilds the model deterministically for a seed', async () => {
    const runs: string[] = [];
    for (const dir of ['a', 'b']) {
      process.env.CROSSCHECK_MODELS = join(root, dir);
      const r = await cli(['train', 'same-fact', '--data', data, '--seed', '5', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      runs.push(readFileSync(join(root, dir, 'same-fact.json'), 'utf8').replace(/"trainingSeconds":[\d.]+/g, ''));
    }
    delete process.env.CROSSCHECK_MODELS;
    assert.equal(runs[0], runs[1]);
    const file = JSON.parse(readFileSync(join(root, 'a', 'same-fact.json'), 'utf8')) as { featureSchema: string; seed: number; config: { accept: number; reject: number } };
    assert.match(file.featureSchema, /^same-fact-features@\d+$/);
    assert.equal(file.seed, 5);
  });

  it('says which folder it cannot read, with exit 2', async () => {
    const r = await cli(['train', 'same-fact', '--data', join(root, 'empty-but-present')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /empty-but-present/);
  });
});
