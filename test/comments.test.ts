import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyseComments, analyseDocumentComments, clusterTexts, SignatureTable } from '../src/comments/index.ts';
import { commentShingles } from '../src/comments/lsh.ts';
import { tokenize } from '../src/comments/tokens.ts';
import { fromInputObject } from '../src/ingest/index.ts';
import type { CommentAnalysis } from '../src/model/index.ts';
import { checkInvariants, type Report } from '../src/report/index.ts';
import { cli } from './helpers/cli.ts';
import { golden, goldenCases } from './helpers/golden.ts';
import { ROOT, shared } from './helpers/shared.ts';

const fixture = (name: string): string => join(ROOT, 'test', 'fixtures', 'comments', name, 'input.json');

function analyse(name: string): CommentAnalysis {
  const doc = fromInputObject(JSON.parse(readFileSync(fixture(name), 'utf8')), `${name}/input.json`);
  assert.ok(doc.ok, doc.ok ? '' : doc.error.message);
  const a = analyseDocumentComments(doc.value).commentAnalysis;
  assert.ok(a);
  return a;
}

const flagged = (a: CommentAnalysis): string[] => a.items.filter((x) => x.flagged).map((x) => x.id);

describe('comments golden files', () => {
  for (const c of goldenCases('comments')) {
    it(c.name, () => golden(c.dir, analyse(c.name)));
  }
});

describe('comment signals', () => {
  it('mail-merge-synonyms: synonym-swapped copies of one template are all flagged, as one template', () => {
    const a = analyse('mail-merge-synonyms');
    assert.deepEqual(flagged(a), ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    const template = a.clusters.find((c) => c.kind === 'template');
    assert.deepEqual(template?.ids, ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    assert.ok(a.coordination >= 0.7, `coordination ${a.coordination}`);
    // Exact matching would miss them: no two comments are the same text.
    assert.ok(a.items.every((x) => x.reasons.some((r) => r.startsWith('same sentence skeleton'))));
  });

  it('reply-openers: stock openers reused across the section, each reply restating its parent', () => {
    const a = analyse('reply-openers');
    assert.deepEqual(a.clusters.find((c) => c.kind === 'reply-opener')?.ids, ['r2', 'r4', 'r6', 'r8']);
    for (const id of ['r2', 'r4', 'r6', 'r8']) {
      const item = a.items.find((x) => x.id === id)!;
      assert.ok(item.flagged, id);
      assert.ok(item.reasons.some((r) => r.startsWith('opens with a stock reply')), id);
    }
    assert.equal(a.section.openers, 1);
    assert.ok(a.coordination >= 0.7);
  });

  it('genuine-varied-thread: an ordinary discussion stays clean', () => {
    const a = analyse('genuine-varied-thread');
    assert.deepEqual(flagged(a), []);
    assert.ok(a.coordination < 0.3, `coordination ${a.coordination}`);
    assert.deepEqual(a.clusters, []);
  });

  it('spam-links: promotional comments are flagged with their cues, the others are not', () => {
    const a = analyse('spam-links');
    assert.deepEqual(flagged(a), ['s2', 's4', 's6']);
    assert.match(a.items.find((x) => x.id === 's2')!.reasons[0]!, /^promotional \(.*"subscribe".*\): spam classifier/);
    assert.deepEqual(a.clusters.find((c) => c.kind === 'spam')?.ids, ['s2', 's4', 's6']);
  });

  it('timing-burst: near-duplicates from look-alike accounts within minutes', () => {
    const a = analyse('timing-burst');
    assert.deepEqual(flagged(a), ['w2', 'w3', 'w4', 'w5']);
    for (const id of ['w2', 'w3', 'w4', 'w5']) {
      const r = a.items.find((x) => x.id === id)!.reasons;
      assert.ok(r.some((x) => x.startsWith('posted within')), id);
      assert.ok(r.some((x) => x.startsWith("its author's name follows the same pattern")), id);
    }
  });

  it('a reply quoting its parent, or comments quoting the article, are not copies', () => {
    const article = 'The council voted to close the old swimming pool on Elm Road at the end of the summer season.';
    const a = analyseComments([
      { id: 'a', text: 'They voted to close the old swimming pool on Elm Road at the end of the summer, unbelievable.' },
      { id: 'b', text: 'So they voted to close the old swimming pool on Elm Road at the end of the summer? Where do kids swim now?' },
      { id: 'c', text: '> where do kids swim now\nThe lake, like we did.', replyTo: 'b' },
    ], { articleText: article });
    assert.deepEqual(flagged(a), []);
  });

  it('empty and tiny sections give zero coordination', () => {
    assert.equal(analyseComments([]).coordination, 0);
    const one = analyseComments([{ id: 'x', text: 'First!' }]);
    assert.equal(one.coordination, 0);
    assert.deepEqual(flagged(one), []);
  });
});

describe('tokens and MinHash LSH', () => {
  it('folds, strips URLs and leading mentions, keeps the skeleton', () => {
    const t = tokenize('@ana Café prices: https://x.example/y GREAT step!');
    assert.deepEqual(t.map((x) => x.word), ['cafe', 'prices', 'great', 'step', '.']);
    assert.equal(t.find((x) => x.word === 'great')?.key, 'good');
  });

  it('signature similarity estimates Jaccard, and variants cluster while strangers do not', () => {
    const base = 'The new bridge will finally connect both halves of the valley and cut the drive to the hospital by twenty minutes';
    const variant = 'The new bridge will finally link both halves of the valley and cut the drive to the clinic by twenty minutes';
    const other = 'Parking near the station has been impossible since the market moved to the square last spring';
    const table = new SignatureTable(3);
    [base, variant, other].forEach((t) => table.add(commentShingles(t)));
    const exact = (a: string, b: string): number => {
      const x = new Set(commentShingles(a));
      const y = new Set(commentShingles(b));
      const inter = [...x].filter((v) => y.has(v)).length;
      return inter / (x.size + y.size - inter);
    };
    assert.ok(Math.abs(table.similarity(0, 1) - exact(base, variant)) < 0.2, `${table.similarity(0, 1)} vs ${exact(base, variant)}`);
    assert.ok(table.similarity(0, 2) < 0.2);
    assert.deepEqual(clusterTexts([base, other, variant]), [[0, 2]]);
    assert.throws(() => new SignatureTable(10, { hashes: 50, bands: 16 }), /do not split/);
  });
});

describe('seed 000: the fourteen templated comments (issue 5)', () => {
  it('flags all 14 with reasons, coordination ≥ 0.7, and says so in one paragraph', async (t) => {
    const dir = shared(t, 'seeds');
    if (!dir) return;
    const file = join(dir, '000_197b4821f7c60437.txt');
    const json = await cli(['check', file, '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const r = JSON.parse(json.stdout) as Report;
    assert.deepEqual(checkInvariants(r), []);
    assert.equal(r.comments.analysed, true);
    assert.equal(r.comments.items.length, 14);
    for (const c of r.comments.items) {
      assert.ok(c.flagged, `${c.id} not flagged (score ${c.score})`);
      assert.ok(c.reasons.length >= 2, `${c.id}: ${c.reasons.join('; ')}`);
    }
    assert.ok((r.comments.coordination ?? 0) >= 0.7, `coordination ${r.comments.coordination}`);
    // They name nothing the article names besides its topic (no person, no figure).
    const generic = r.comments.items.filter((c) => c.reasons.some((x) => x.startsWith('names nothing specific')));
    assert.ok(generic.length >= 12, `${generic.length} generic`);
    assert.ok(r.messages.some((m) => m.ruleId === 'comments/coordinated' && m.severity === 'warning'));
    const text = await cli(['check', file]);
    const section = text.stdout.slice(text.stdout.indexOf('Comments (14'));
    assert.match(section, /^Comments \(14, coordination 0\.\d\d\)\n {2}The comment section reads as coordinated \(coordination 0\.\d\d\), not as independent\s+opinions: 14 of\s+14 comments are flagged/);
  });
});

describe('crosscheck comments', () => {
  it('prints the analysis as JSON with the report contract\'s comments object', async () => {
    const r = await cli(['comments', fixture('spam-links'), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { origin: string; comments: Report['comments'] };
    assert.equal(out.comments.count, 6);
    assert.equal(out.comments.analysed, true);
    assert.deepEqual(out.comments.items.filter((c) => c.flagged).map((c) => c.id), ['s2', 's4', 's6']);
  });

  it('prints a readable paragraph and the reasons as text; --fail-on coordinated exits 1', async () => {
    const r = await cli(['comments', fixture('mail-merge-synonyms'), '--fail-on', 'coordinated']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /The comment section reads as coordinated/);
    assert.match(r.stdout, /m1 FLAGGED 0\.\d\d/);
    const clean = await cli(['comments', fixture('genuine-varied-thread'), '--fail-on', 'flagged,coordinated']);
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /No comment is flagged/);
  });

  it('--out writes the result atomically and prints nothing', async () => {
    const { mkdtempSync, readFileSync: read } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const out = join(mkdtempSync(join(tmpdir(), 'crosscheck-comments-')), 'c.json');
    const r = await cli(['comments', fixture('timing-burst'), '-f', 'json', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal((JSON.parse(read(out, 'utf8')) as { comments: { count: number } }).comments.count, 6);
  });

  it('bad input: one line naming the value, exit 2, nothing on stdout', async () => {
    for (const args of [['comments'], ['comments', 'no-such-file.json'], ['comments', fixture('spam-links'), '-f', 'xml'], ['comments', fixture('spam-links'), '--fail-on', 'nope']]) {
      const r = await cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
    const r = await cli(['comments', fixture('spam-links'), '-f', 'xml']);
    assert.match(r.stderr, /"xml"/);
  });
});
