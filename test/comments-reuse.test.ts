/**
 * Reuse across stored articles (issue 5): the same comment under other articles in the store is
 * flagged, with those articles named; a comment found nowhere else is not.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyseComments } from '../src/comments/index.ts';
import { checkInvariants, type Report } from '../src/report/index.ts';
import { cli } from './helpers/cli.ts';

const SHARED = 'Best decision this city has made in years, the mayor deserves a second term for this alone.';
const UNRELATED = 'Does anyone know whether the night bus on route 12 will also stop at the new depot?';

/** Three made-up articles on different stories, the first two carrying one comment word for word. */
function writeArticles(dir: string): { a: string; b: string; c: string } {
  const article = (file: string, title: string, outlet: string, text: string, comments: unknown[]): string => {
    const path = join(dir, file);
    writeFileSync(path, JSON.stringify({ title, outlet, url: `https://example.test/${file}`, published: '2026-03-02', text, comments }));
    return path;
  };
  return {
    a: article('a.json', 'Tram line to open in April', 'Riverside Post', 'The new tram line between the station and the university will open on 14 April, the transport office said on Monday. It cost 41 million euros.', [
      { id: 'a1', author: 'maple', text: SHARED },
      { id: 'a2', author: 'orin', text: 'The stop at the hospital was promised years ago, glad it finally happens.' },
    ]),
    b: article('b.json', 'Library hours extended', 'Hillside Courier', 'The central library will stay open until 22:00 on weekdays from May, the council decided on Tuesday after a petition signed by 3,200 residents.', [
      { id: 'b1', author: 'pine_77', text: SHARED.toUpperCase().replace(/,/g, ' ,') },
      { id: 'b2', author: 'tula', text: 'Weekend hours matter more to students than late weekday evenings.' },
    ]),
    c: article('c.json', 'Park renovation approved', 'Valley Gazette', 'The council approved a 2.5 million euro renovation of the west park on Wednesday; work starts in June and should take eight months.', [
      { id: 'c1', author: 'birch', text: SHARED },
      { id: 'c2', author: 'quill', text: UNRELATED },
    ]),
  };
}

describe('comment reuse across stored articles', () => {
  it('check with a store flags a comment stored under two other articles, naming them; an unrelated comment stays clean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-reuse-'));
    const db = join(dir, 'store.db');
    const files = writeArticles(dir);

    const before = await cli(['check', files.c, '--db', db, '--format', 'json']);
    assert.equal(before.code, 0, before.stderr);
    const plain = JSON.parse(before.stdout) as Report;
    assert.ok(!plain.comments.items.some((c) => c.flagged), 'with an empty store nothing is flagged');

    const added = await cli(['add', files.a, files.b, '--db', db]);
    assert.equal(added.code, 0, added.stderr);

    const r = await cli(['check', files.c, '--db', db, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(checkInvariants(report), []);
    const c1 = report.comments.items.find((c) => c.id === 'c1');
    const c2 = report.comments.items.find((c) => c.id === 'c2');
    assert.ok(c1 && c2);
    assert.ok(c1.flagged, `c1 not flagged: ${c1.reasons.join('; ')}`);
    assert.equal(c1.reasons[0], 'the same comment appears under 2 other stored articles: "Library hours extended" (Hillside Courier), "Tram line to open in April" (Riverside Post)');
    assert.equal(c2.flagged, false);
    assert.ok(!c2.reasons.some((x) => x.includes('other stored article')));
    assert.deepEqual(report.comments.clusters.filter((c) => c.kind === 'reuse').map((c) => c.ids), [['c1']]);

    const text = await cli(['check', files.c, '--db', db]);
    assert.match(text.stdout, /the same comment appears under 2 other stored articles/);
  });

  it('checking a stored article does not count the article itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-reuse-'));
    const db = join(dir, 'store.db');
    const files = writeArticles(dir);
    assert.equal((await cli(['add', files.a, files.b, files.c, '--db', db])).code, 0);
    const r = await cli(['check', files.a, '--db', db, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const a1 = (JSON.parse(r.stdout) as Report).comments.items.find((c) => c.id === 'a1');
    assert.ok(a1?.flagged);
    assert.match(a1.reasons[0] ?? '', /^the same comment appears under 2 other stored articles: "Library hours extended" \(Hillside Courier\), "Park renovation approved" \(Valley Gazette\)$/);
  });

  it('the analysis counts the articles it is given, one or many', () => {
    const comments = [{ id: 'x', text: SHARED }, { id: 'y', text: UNRELATED }];
    const one = analyseComments(comments, { reused: new Map([['x', ['"A story" (An outlet)']]]) });
    assert.deepEqual(one.items.map((i) => [i.id, i.flagged]), [['x', true], ['y', false]]);
    assert.equal(one.items[0]!.reasons[0], 'the same comment appears under 1 other stored article: "A story" (An outlet)');
    const many = analyseComments(comments, { reused: new Map([['x', ['a', 'b', 'c', 'd', 'e']]]) });
    assert.equal(many.items[0]!.reasons[0], 'the same comment appears under 5 other stored articles: a, b, c, …');
    assert.ok(!analyseComments(comments, { reused: new Map([['x', []]]) }).items[0]!.flagged, 'an empty list is no reuse');
  });
});
