import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { farmRewrite, firstHalf, loadBasil, sameEventPairs } from '../bench/relate.ts';
import {
  bandKeys, containment, CopyIndex, type CopyRelation, fold, groupOrigins, jaccard, minhash, narrative, relate,
  shingles, type Text, words,
} from '../src/relate/index.ts';
import { ROOT, shared } from './helpers/shared.ts';

const NORTHWIND = join(ROOT, 'examples', 'northwind');

function northwind(file: string): Text {
  const o = JSON.parse(readFileSync(join(NORTHWIND, file), 'utf8')) as { title: string; outlet: string; published: string; text: string };
  return { id: file, title: o.title, outlet: o.outlet, published: o.published, text: o.text };
}

/** The Civic Ledger page with scripts and tags crudely stripped (comments and page chrome included). */
function civicLedger(): Text {
  const html = readFileSync(join(NORTHWIND, 'civic-ledger.html'), 'utf8');
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/?(p|div|h\d|li|section|article|header|footer|nav|aside|br)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&rsquo;/g, '’').replace(/&ldquo;/g, '“').replace(/&rdquo;/g, '”').replace(/&mdash;/g, '—')
    .replace(/&euro;/g, '€').replace(/&amp;/g, '&').replace(/&copy;/g, '©');
  return { id: 'civic-ledger.html', published: '2026-11-17', text };
}

const set = (...xs: number[]): Uint32Array => Uint32Array.from(xs);
const seq = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(' ');

describe('relate: shingles and exact measures', () => {
  it('jaccard and containment of known sets', () => {
    const a = set(1, 2, 3, 4);
    const b = set(3, 4, 5);
    assert.equal(jaccard(a, b), 2 / 5);
    assert.equal(containment(a, b), 2 / 4);
    assert.equal(containment(b, a), 2 / 3);
    assert.equal(jaccard(a, a), 1);
    assert.equal(jaccard(set(), set()), 0);
    assert.equal(containment(set(), a), 0);
    assert.equal(jaccard(set(1, 2), set(3, 4)), 0);
  });

  it('one shingle per word k-gram, sorted and unique', () => {
    const s = shingles('one two three four five six seven');
    assert.equal(s.length, 3);
    assert.deepEqual([...s], [...s].sort((x, y) => x - y));
    assert.equal(shingles('a b c d e a b c d e').length, 5); // 6 windows, "a b c d e" twice
    assert.equal(shingles('one two three four five six seven', 3).length, 5);
    assert.equal(shingles('').length, 0);
  });

  it('normalises case, diacritics (ł, ø too), punctuation and number separators; keeps digits', () => {
    assert.deepEqual(shingles('Łucja Wiśniewska met Søren Kjærgaard and José Núñez in Malmö.'),
      shingles('lucja wisniewska met soren kjaergaard and jose nunez in malmo'));
    assert.deepEqual(words('Kestland’s 2,300 workers — 6.8 billion!'), ['kestlands', '2300', 'workers', '68', 'billion']);
    assert.equal(fold('Straße Œuvre Đorđe'), 'strasse oeuvre dorde');
    assert.notDeepEqual(shingles('the line is 130 km long today'), shingles('the line is 150 km long today'));
  });

  it('never spans a line break, so reordered paragraphs keep their shingles', () => {
    const p1 = seq(0, 8);
    const p2 = seq(8, 16);
    assert.deepEqual(shingles(`${p1}\n\n${p2}`), shingles(`${p2}\n${p1}`));
    assert.equal(shingles(`${p1}\n${p2}`).length, 8);
    assert.equal(shingles('short line here\nAdvertisement').length, 1); // a short line is one shingle; one word is none
  });

  it('narrative() blanks quoted speech, also when a quote runs to the end of its paragraph', () => {
    assert.equal(narrative('He said “we will win” today.').replace(/\s+/g, ' '), 'He said today.');
    assert.equal(narrative('She said: "never again\nNext paragraph.').split('\n')[1], 'Next paragraph.');
    assert.equal(narrative('She said: "never again').trim(), 'She said:');
  });
});

describe('relate: MinHash and LSH bands', () => {
  const a = shingles(seq(0, 600));
  const b = shingles(seq(200, 800)); // 396 of 796 + 396 - 396 shingles shared: Jaccard 0.497

  it('is deterministic for a seed and differs across seeds', () => {
    assert.deepEqual(minhash(a), minhash(a));
    assert.deepEqual(minhash(a, { seed: 7 }), minhash(Uint32Array.from(a), { seed: 7 }));
    assert.notDeepEqual(minhash(a, { seed: 7 }), minhash(a, { seed: 8 }));
    assert.equal(minhash(a).length, 128);
    assert.equal(minhash(a, { hashes: 64 }).length, 64);
    assert.ok(minhash(set()).every((x) => x === 0xffffffff));
  });

  it('estimates Jaccard', () => {
    const exact = jaccard(a, b);
    assert.ok(Math.abs(exact - 0.497) < 0.001, `exact ${exact}`);
    const sa = minhash(a);
    const sb = minhash(b);
    const est = sa.filter((x, i) => x === sb[i]).length / sa.length;
    assert.ok(Math.abs(est - exact) < 0.15, `estimate ${est} vs exact ${exact}`);
  });

  it('band keys: 64 bands of 2 rows by default; shared keys for similar sets, none for disjoint ones', () => {
    const ka = bandKeys(minhash(a));
    assert.equal(ka.length, 64);
    assert.equal(new Set(ka).size, 64);
    assert.deepEqual(ka, bandKeys(minhash(a)));
    const kb = new Set(bandKeys(minhash(b)));
    assert.ok(ka.some((k) => kb.has(k)));
    const kc = new Set(bandKeys(minhash(shingles(seq(5000, 5600)))));
    assert.ok(!ka.some((k) => kc.has(k)));
    assert.equal(bandKeys(minhash(a), 16).length, 16);
    assert.throws(() => bandKeys(minhash(a), 3), RangeError);
  });
});

describe('relate: Northwind', () => {
  const wire = northwind('wire-original.json');
  const farm = northwind('content-farm-rewrite.json');
  const independent = northwind('independent-report.json');

  it('the content-farm rewrite is a rewrite of the wire report, whichever order', () => {
    for (const r of [relate(farm, wire), relate(wire, farm)]) {
      assert.ok(r, 'expected a relation');
      assert.equal(r.from, 'content-farm-rewrite.json');
      assert.equal(r.to, 'wire-original.json');
      assert.equal(r.kind, 'rewrite');
      assert.ok(r.containment > 0.6 && r.containment < 0.75, `containment ${r.containment}`);
      assert.ok((r.narrativeContainment ?? 0) > 0.7, `narrative ${r.narrativeContainment}`);
      assert.ok(r.similarity > 0.4 && r.similarity < 0.5, `similarity ${r.similarity}`);
    }
  });

  it('independent reporting of the same event is not related', () => {
    const gazette: Text = { id: 'harbourline-gazette.txt', published: '2026-11-18', text: readFileSync(join(NORTHWIND, 'harbourline-gazette.txt'), 'utf8') };
    for (const other of [independent, civicLedger(), gazette]) {
      assert.equal(relate(other, wire), null, `${other.id} vs the wire`);
      assert.equal(relate(other, farm), null, `${other.id} vs the farm rewrite`);
    }
    assert.equal(relate(independent, civicLedger()), null);
  });

  it('a shortened verbatim copy (the first half) is a copy, caught by containment', () => {
    const half: Text = { ...firstHalf(wire), published: '2026-11-18' };
    const r = relate(half, wire);
    assert.ok(r);
    assert.deepEqual([r.from, r.to, r.kind, r.containment], [half.id, wire.id, 'copy', 1]);
    assert.ok(r.similarity < 0.8, `Jaccard alone (${r.similarity}) would not call it a copy`);
    // An earlier text fully inside a later, longer one: the later one extends it.
    const extended: Text = { id: 'extended', published: '2026-11-19', text: `${wire.text}\n\n${independent.text}` };
    assert.deepEqual(pick(relate(wire, extended)), { from: 'extended', to: wire.id, kind: 'copy' });
  });

  it('direction: later copies earlier; same or unknown dates, shorter copies longer', () => {
    const earlyFarm: Text = { ...farm, published: '2026-11-16' };
    assert.equal(relate(earlyFarm, wire)?.from, wire.id);
    const undated = { ...farm, published: null };
    assert.equal(relate(undated, { ...wire, published: null })?.from, farm.id);
    assert.equal(relate({ ...farm, published: '2026-11-17' }, wire)?.from, farm.id);
    assert.equal(relate({ ...farm, published: '2026-11-17T09:00:00Z' }, { ...wire, published: '2026-11-17' })?.from, farm.id);
    assert.equal(relate({ ...farm, published: '2026-11-17T09:00:00Z' }, { ...wire, published: '2026-11-17T10:00:00Z' })?.from, wire.id);
  });

  it('identical texts are a copy with similarity 1; a text is not related to itself', () => {
    const r = relate({ ...wire, id: 'mirror', published: '2026-11-18' }, wire);
    assert.deepEqual(pick(r), { from: 'mirror', to: wire.id, kind: 'copy' });
    assert.equal(r?.similarity, 1);
    assert.equal(relate(wire, wire), null);
  });

  it('sharing long quotations is not copying', () => {
    const quote = `“${seq(0, 60)}”`;
    const a: Text = { id: 'a', published: '2026-01-01', text: `${seq(100, 160)}\n\n${quote}\n\n${seq(200, 230)}` };
    const b: Text = { id: 'b', published: '2026-01-02', text: `${seq(300, 350)}\n\n${quote}` };
    assert.ok(containment(shingles(b.text), shingles(a.text)) > 0.5, 'the quote alone is over half of b');
    assert.equal(relate(a, b), null);
    const copied: Text = { id: 'c', published: '2026-01-02', text: `${seq(100, 140)}\n\n${quote}` };
    assert.equal(relate(a, copied)?.from, 'c');
  });

  it('texts of under about 25 words are never related', () => {
    assert.equal(relate({ id: 'x', text: seq(0, 20) }, { id: 'y', text: seq(0, 20) }), null);
    assert.equal(relate({ id: 'x', text: seq(0, 30) }, { id: 'y', text: seq(0, 30) })?.kind, 'copy');
  });
});

function pick(r: CopyRelation | null): { from: string; to: string; kind: string } | null {
  return r ? { from: r.from, to: r.to, kind: r.kind } : null;
}

describe('relate: CopyIndex', () => {
  const lines = readFileSync(join(NORTHWIND, 'sources.jsonl'), 'utf8').trim().split('\n');
  const sources: Text[] = lines.map((l, i) => ({ id: `source-${i + 1}`, ...(JSON.parse(l) as { text: string }) }));

  it('finds the wire report, and only it, for the farm rewrite', () => {
    const index = new CopyIndex();
    for (const s of sources) if (s.id !== 'source-2') index.add(s); // without the farm rewrite itself
    index.add(civicLedger());
    assert.equal(index.size, 4);
    const farm = { ...northwind('content-farm-rewrite.json'), id: 'farm' };
    assert.ok(index.candidates(farm).includes('source-1'));
    const found = index.findCopies(farm);
    assert.deepEqual(found.map(pick), [{ from: 'farm', to: 'source-1', kind: 'rewrite' }]);
    assert.deepEqual(index.findCopies(sources[2]!), []);
  });

  it('relations either way, never with itself; adding an id again replaces it', () => {
    const index = new CopyIndex();
    for (const s of sources) index.add(s);
    assert.deepEqual(index.findCopies(sources[0]!).map(pick), [{ from: 'source-2', to: 'source-1', kind: 'rewrite' }]);
    assert.ok(!index.candidates(sources[0]!).includes('source-1'));
    index.add({ id: 'source-2', text: 'Nothing to do with trains at all, only a short note about the weather in a town far away from the sea.' });
    assert.equal(index.size, 4);
    assert.deepEqual(index.findCopies(sources[0]!), []);
    assert.ok(index.remove('source-1'));
    assert.ok(!index.has('source-1'));
    assert.equal(index.remove('source-1'), false);
  });

  it('finds a short excerpt of a long text that the LSH bands miss', () => {
    const long: Text = { id: 'long', published: '2026-01-01', text: Array.from({ length: 20 }, (_, i) => seq(i * 100, i * 100 + 90)).join('\n\n') };
    const excerpt: Text = { id: 'excerpt', published: '2026-01-02', text: seq(500, 590) };
    const lshOnly = new CopyIndex({ containmentIndex: false });
    const full = new CopyIndex();
    lshOnly.add(long);
    full.add(long);
    assert.deepEqual(lshOnly.candidates(excerpt), []);
    assert.deepEqual(full.findCopies(excerpt).map(pick), [{ from: 'excerpt', to: 'long', kind: 'copy' }]);
  });
});

describe('relate: groupOrigins', () => {
  const rel = (from: string, to: string): CopyRelation => ({ from, to, kind: 'rewrite', similarity: 0.5, containment: 0.6 });

  it('groups copies of copies under the text they all derive from; independent texts stand alone', () => {
    const groups = groupOrigins(['c', 'd', 'a', 'b'], [rel('b', 'a'), rel('c', 'b')]);
    assert.deepEqual(groups, [{ origin: 'a', members: ['a', 'c', 'b'] }, { origin: 'd', members: ['d'] }]);
  });

  it('two texts copying one origin; relations to unknown ids ignored', () => {
    const groups = groupOrigins(['w', 'f1', 'f2', 'x'], [rel('f1', 'w'), rel('f2', 'w'), rel('x', 'elsewhere')]);
    assert.deepEqual(groups, [{ origin: 'w', members: ['w', 'f1', 'f2'] }, { origin: 'x', members: ['x'] }]);
  });

  it('the earliest published member when relations do not tell', () => {
    const published = new Map<string, string | null>([['p', '2026-03-02'], ['q', '2026-03-01'], ['r', null]]);
    const cycle = [rel('p', 'q'), rel('q', 'r'), rel('r', 'p')];
    assert.deepEqual(groupOrigins(['p', 'q', 'r'], cycle, published), [{ origin: 'q', members: ['q', 'p', 'r'] }]);
    assert.deepEqual(groupOrigins([], cycle), []);
  });
});

describe('relate: BASIL (real same-event articles)', () => {
  it('independent reports of one event are not called copies (≤ 1 % of same-event pairs)', (t) => {
    const path = shared(t, 'datasets/basil-same-event-triplets/basil_articles.jsonl');
    if (!path) return;
    const basil = loadBasil(path);
    const pairs = sameEventPairs(basil);
    assert.ok(pairs.length >= 200, `${pairs.length} pairs`);
    const related = pairs.filter(([a, b]) => relate(a, b) !== null);
    assert.ok(related.length <= pairs.length * 0.01, `${related.length}/${pairs.length} pairs related: ${related.map(([a, b]) => `${a.id}~${b.id}`).join(', ')}`);
  });

  it('synthetic rewrites are traced to exactly their original (≥ 95 %); first halves are copies', (t) => {
    const path = shared(t, 'datasets/basil-same-event-triplets/basil_articles.jsonl');
    if (!path) return;
    const basil = loadBasil(path);
    const index = new CopyIndex();
    for (const d of basil) index.add(d);
    let traced = 0;
    let halves = 0;
    basil.forEach((d, i) => {
      const rewrite = farmRewrite(d, i + 1);
      const found = index.findCopies(rewrite);
      if (found.length === 1 && found[0]!.from === rewrite.id && found[0]!.to === d.id) traced++;
      const half = firstHalf(d);
      const h = index.findCopies(half);
      if (h.length === 1 && h[0]!.to === d.id && h[0]!.kind === 'copy' && h[0]!.containment === 1) halves++;
    });
    assert.ok(traced >= basil.length * 0.95, `${traced}/${basil.length} rewrites traced`);
    assert.ok(halves >= basil.length * 0.95, `${halves}/${basil.length} first halves traced as copies`);
  });
});
