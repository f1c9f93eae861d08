/**
 * Earlier fact-checks: the three database formats (recognised, read, refused with a one-line
 * reason), tweet-style queries, and the whole path through the CLI — `add` stores the example
 * fact-checks, `check` reports them under the matching claims and nowhere else.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { detectFactCheckFile, factCheckFilesIn, matchQuery, readFactCheckFile, type FactCheckFormat } from '../src/factcheck/index.ts';
import { openStore } from '../src/store/index.ts';
import { cli } from './helpers/cli.ts';
import { ROOT } from './helpers/shared.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'factcheck');
const EX = join(ROOT, 'examples');

async function read(name: string, expected: FactCheckFormat) {
  const path = join(FIX, name);
  assert.equal(detectFactCheckFile(path), expected, `${name} is ${expected}`);
  return readFactCheckFile(path, expected);
}

describe('fact-check formats', () => {
  it('reads CheckThat! vclaims: claim, date, publisher from the id or page URL, headline and subtitle as context', async () => {
    const r = await read('vclaims.jsonl', 'vclaims');
    assert.ok(r.ok);
    assert.deepEqual(r.value.records[0], {
      claim: 'A photograph shows a family of snowy owls nesting in the Brennick old mill.',
      rating: 'unknown',
      publisher: 'Snopes',
      url: null,
      published: '2021-03-03',
      title: 'Owls in the Old Mill?',
      claimant: null,
      externalId: 'vclaim-sno-brennick-mill-owls',
      context: ['Owls in the Old Mill?', 'A photo said to show owls nesting in the Brennick mill was taken elsewhere.'],
    });
    assert.equal(r.value.records[1]?.url, 'https://www.snopes.com/fact-check/free-sunday-trams/');
    assert.deepEqual(r.value.records[1]?.context, ['Free Trams on Sundays'], 'an empty subtitle is left out');
  });

  it('refuses a vclaims file with a broken or incomplete line, naming the file and the line', async () => {
    const bad = await read('vclaims-bad-json.jsonl', 'vclaims');
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.equal(bad.error.code, 'bad-json');
      assert.match(bad.error.message, /^cannot read ".*vclaims-bad-json\.jsonl": line 2 is not JSON/);
      assert.ok(!bad.error.message.includes('\n'));
    }
    const missing = await read('vclaims-no-claim.jsonl', 'vclaims');
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.match(missing.error.message, /line 2: field "vclaim" is required/);
  });

  it('reads Veritas TSVs: quoted multi-line claims, "Claim:" prefixes, publishers from URLs, rows without a claim skipped', async () => {
    const r = await read('veritas.csv', 'veritas');
    assert.ok(r.ok);
    assert.deepEqual(r.value.records.map((x) => [x.claim, x.rating, x.publisher, x.published]), [
      ['The Ostmark budget "doubled" in one year, says the mayor.', 'mostly false', 'PolitiFact', '2019-01-02'],
      ['The Brennick bridge will be painted gold', 'unverified', 'Emergent', '2015-03-09'],
    ]);
    assert.deepEqual(r.value.skipped, [{ row: 4, reason: 'no claim' }]);
    const empty = await read('veritas-empty.csv', 'veritas');
    assert.equal(empty.ok, false);
    if (!empty.ok) assert.match(empty.error.message, /veritas-empty\.csv": no fact-checks in it/);
  });

  it('reads ClaimReview JSON-LD: @graph, typed arrays, numeric ratings, claimant, ISO dates', async () => {
    const r = await read('claimreview-graph.json', 'claimreview');
    assert.ok(r.ok);
    assert.deepEqual(r.value.records, [{
      claim: 'Ostmark Lake dried up completely in the summer of 2025.',
      rating: '2/5',
      publisher: 'Lake Checks',
      url: 'https://checks.example.com/ostmark-lake',
      published: '2025-07-04',
      title: null,
      claimant: 'A Viral Post',
      externalId: null,
      context: [],
    }]);
    const bad = await read('claimreview-no-claim.jsonld', 'claimreview');
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.error.message, /claimreview-no-claim\.jsonld": ClaimReview 1 has no "claimReviewed"/);
  });

  it('reads every ClaimReview of an HTML page, one URL each, skipping broken JSON-LD blocks', async () => {
    const r = await read('two-reviews.html', 'claimreview');
    assert.ok(r.ok);
    assert.deepEqual(r.value.records.map((x) => [x.claim, x.rating, x.url]), [
      ['The Brennick ferry carries 900 cars a day.', 'False', 'https://checks.example.com/two'],
      ['The Brennick ferry was built in 1931.', 'True', 'https://checks.example.com/two#claim-2'],
    ]);
  });

  it('leaves articles, feeds and missing files to ingest', () => {
    for (const p of ['northwind/sources.jsonl', 'northwind/civic-ledger.html', 'northwind/wire-original.json', 'northwind/feed.xml', 'northwind/no-such-file.jsonl', 'northwind']) {
      assert.equal(detectFactCheckFile(join(EX, p)), null, p);
    }
    assert.equal(detectFactCheckFile('https://example.org/x.jsonld'), null);
  });

  it('finds the fact-check-only files (.jsonld, .csv, .tsv) inside folders', () => {
    assert.deepEqual(factCheckFilesIn([FIX, join(EX, 'factchecks'), join(FIX, 'vclaims.jsonl')]).map((p) => p.slice(ROOT.length + 1)), [
      'test/fixtures/factcheck/claimreview-no-claim.jsonld',
      'test/fixtures/factcheck/veritas-empty.csv',
      'test/fixtures/factcheck/veritas.csv',
      'examples/factchecks/sound-facts.jsonld',
    ]);
  });
});

describe('fact-check queries', () => {
  it('takes a tweet signature apart and cleans links, handles and hashtags', () => {
    assert.deepEqual(
      matchQuery('Ask @LindseyGrahamSC about #FreeTrams now https://t.co/abc pic.twitter.com/xyz — Jane Doe (@jdoe) March 3, 2021'),
      { text: 'Ask Lindsey Graham SC about Free Trams now', date: '2021-03-03', author: 'Jane Doe' },
    );
    assert.deepEqual(matchQuery('The line is 150 km long.', '2026-11-18'), { text: 'The line is 150 km long.', date: '2026-11-18', author: null });
  });
});

describe('fact-checks through the CLI', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'crosscheck-fc-')), 'store.db');
  const facts = [join(EX, 'factchecks', 'sound-facts.jsonld'), join(EX, 'factchecks', 'varnholm-checkers.html')];

  it('adds fact-check files beside articles, and again without duplicates', async () => {
    const r = await cli(['add', join(EX, 'northwind', 'sources.jsonl'), ...facts, '--db', db, '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { added: string[]; total: number; factCheckFiles: Array<{ format: string; records: number }> };
    assert.equal(out.added.length, 8);
    assert.equal(out.total, 8);
    assert.deepEqual(out.factCheckFiles.map((f) => [f.format, f.records]), [['claimreview', 3], ['claimreview', 1]]);
    const again = await cli(['add', ...facts, '--db', db]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^added 0, already stored 4, 8 in the store/);
    const store = await openStore(db);
    assert.ok(store.ok);
    try {
      const fcs = await store.value.list({ kind: 'factcheck' });
      assert.equal(fcs.length, 4);
      const stored = await store.value.factChecks(fcs.map((f) => f.id));
      assert.deepEqual(stored.map((f) => [f.publisher, f.rating]).sort(), [['Sound Facts', 'False'], ['Sound Facts', 'Misleading'], ['Sound Facts', 'Unproven'], ['Varnholm Checkers', 'True']]);
    } finally {
      await store.value.close();
    }
  });

  it('refuses a bad fact-check file with one line and exit 2, storing nothing from the batch', async () => {
    for (const bad of ['vclaims-bad-json.jsonl', 'claimreview-no-claim.jsonld', 'veritas-empty.csv']) {
      const r = await cli(['add', join(EX, 'northwind', 'wire-original.json'), join(FIX, bad), '--db', db]);
      assert.equal(r.code, 2, `${bad}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^crosscheck: cannot read ".*${bad.replace('.', '\\.')}": [^\\n]+\\n$`));
    }
    const list = await cli(['sources', 'count', '--db', db]);
    assert.match(list.stdout, /\b8\b/, 'the store still holds the 8 sources of the first test');
  });

  it('reports the matching fact-checks under the claims they review, and none under the others', async () => {
    const r = await cli(['check', join(EX, 'northwind', 'harbourline-gazette.txt'), '--db', db, '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { claims: Array<{ text: string; factChecks: Array<{ claim: string; rating: string; publisher: string; url: string; similarity: number }>; evidence: Array<{ sourceId: string; outlet: string | null }> }> };
    const withChecks = report.claims.filter((c) => c.factChecks.length > 0);
    const length = report.claims.find((c) => c.text.includes('150-kilometre'));
    assert.ok(length, 'the line-length claim');
    assert.equal(length.factChecks[0]?.publisher, 'Sound Facts');
    assert.equal(length.factChecks[0]?.rating, 'False');
    assert.equal(length.factChecks[0]?.url, 'https://factcheck.example.org/2026/11/northwind-link-length');
    assert.ok(length.factChecks[0]!.similarity > 0.5 && length.factChecks[0]!.similarity <= 1);
    const first = (start: string) => report.claims.find((c) => c.text.startsWith(start))?.factChecks[0];
    assert.equal(first('Brisvik Ferries')?.claim, 'Brisvik Ferries will close its Kestport to Halvik ferry route now that the tunnel is open.');
    assert.equal(first('water flooded')?.publisher, 'Varnholm Checkers');
    assert.equal(first('water flooded')?.rating, 'True');
    // The stadium fact-check reviews nothing in the story; claims that share nothing with the
    // fact-checks get none, and most claims get none at all.
    assert.ok(report.claims.every((c) => c.factChecks.every((f) => !/stadium/.test(f.claim))));
    for (const start of ['Construction started in 2019', 'Trains reach speeds']) {
      assert.deepEqual(report.claims.find((c) => c.text.startsWith(start))?.factChecks, [], start);
    }
    assert.ok(withChecks.length < report.claims.length / 2, `claims with fact-checks: ${withChecks.map((c) => c.text).join(' | ')}`);
    // The text report shows them under the claim.
    const text = await cli(['check', join(EX, 'northwind', 'harbourline-gazette.txt'), '--db', db]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout.replace(/\s+/g, ' '), /fact-checked by Sound Facts: False — "The Northwind Link rail line between Kestland and Varnholm is 150 kilometres long\." https:\/\/factcheck\.example\.org\/2026\/11\/northwind-link-length \(similarity 0\.\d\d\)/);
    // Fact-checks are not evidence.
    assert.ok(report.claims.every((c) => c.evidence.every((e) => e.outlet !== 'Sound Facts' && e.outlet !== 'Varnholm Checkers')));
  });
});
