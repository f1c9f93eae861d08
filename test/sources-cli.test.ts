import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkInvariants, type Report } from '../src/report/index.ts';
import { cli } from './helpers/cli.ts';
import { ROOT } from './helpers/shared.ts';

const EX = (f: string): string => join(ROOT, 'examples/northwind', f);
const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-sources-'));
let n = 0;
const freshDb = (): string => join(tmp, `store-${++n}.db`);

async function count(db: string): Promise<number> {
  const r = await cli(['sources', 'count', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  return Number(r.stdout.trim());
}

describe('crosscheck add and sources', () => {
  it('adds a JSONL file once, finds the rewrite, and is idempotent', async () => {
    const db = freshDb();
    const first = await cli(['add', EX('sources.jsonl'), '--db', db, '--format', 'json']);
    assert.equal(first.code, 0, first.stderr);
    const a = JSON.parse(first.stdout) as { added: string[]; relations: Array<{ from: string; to: string; kind: string }>; total: number };
    assert.equal(a.added.length, 4);
    assert.equal(a.total, 4);
    assert.equal(a.relations.length, 1, JSON.stringify(a.relations));
    const again = await cli(['add', EX('sources.jsonl'), EX('wire-original.json'), '--db', db, '--format', 'json']);
    const b = JSON.parse(again.stdout) as { added: string[]; existing: string[] };
    assert.equal(b.added.length, 0);
    assert.equal(await count(db), 4);
  });
  it('adds the items of an RSS feed and a whole folder', async () => {
    const db = freshDb();
    const r = await cli(['add', EX('feed.xml'), '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^added 2,/);
    const folder = await cli(['add', join(ROOT, 'examples/northwind'), '--db', db, '--format', 'json']);
    assert.equal(folder.code, 0, folder.stderr);
    assert.ok(await count(db) >= 7);
  });
  it('lists, shows and removes sources', async () => {
    const db = freshDb();
    await cli(['add', EX('wire-original.json'), EX('independent-report.json'), '--db', db]);
    const list = await cli(['sources', 'list', '--db', db, '--format', 'json']);
    const items = JSON.parse(list.stdout) as Array<{ id: string; outlet: string }>;
    assert.deepEqual(items.map((i) => i.outlet).sort(), ['Meridian Wire Service', 'The Varnholm Observer']);
    const show = await cli(['sources', 'show', items[0]!.id, '--db', db]);
    assert.match(show.stdout, /words/);
    const rm = await cli(['sources', 'remove', items[0]!.id, '--db', db]);
    assert.equal(rm.code, 0, rm.stderr);
    assert.equal(await count(db), 1);
  });
  it('leaves the store unchanged when one input is bad', async () => {
    const db = freshDb();
    await cli(['add', EX('wire-original.json'), '--db', db]);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"title": 3}');
    const r = await cli(['add', EX('independent-report.json'), bad, '--db', db]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^crosscheck: .*bad\.json.*\n$/);
    assert.equal(await count(db), 1);
    const rm = await cli(['sources', 'remove', 'no-such-id', '--db', db]);
    assert.equal(rm.code, 2);
    assert.equal(await count(db), 1);
  });
  it('refuses a store it cannot open, with one line', async () => {
    const r = await cli(['sources', 'count', '--db', join(tmp, 'no', 'such', 'dir', '\0bad')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^crosscheck: [^\n]+\n$/);
  });
});

describe('crosscheck check --sources: the planted differences', () => {
  const db = freshDb();
  let report: Report;
  it('checks the independent report against the wire report', async () => {
    const r = await cli(['check', EX('independent-report.json'), '--sources', EX('wire-original.json'), '--db', db, '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(checkInvariants(report), []);
    assert.ok(report.sources.considered >= 1);
  });
  const conflict = (pattern: RegExp, kind: string) => () => {
    const hit = report.claims.flatMap((c) => c.conflicts.map((x) => ({ c, x }))).find(({ x }) => x.kind === kind && pattern.test(x.reason));
    assert.ok(hit, `no ${kind} conflict matching ${pattern}:\n${report.claims.flatMap((c) => c.conflicts.map((x) => `${x.kind}: ${x.reason}`)).join('\n')}`);
    assert.ok(['contradicted', 'disputed'].includes(hit.c.verdict));
  };
  it('names the cost: 7.4 against 6.8 billion euros', conflict(/7\.4|7,400,000,000/, 'quantity'));
  it('names the freight date: May against March 2027', conflict(/2027-05|May 2027/, 'date'));
  it('raises no conflict on the consistent parts (80 km + 50 km = 130 km)', () => {
    const bad = report.claims.flatMap((c) => c.conflicts).filter((x) => /80 km|50 km/.test(x.claimValue) && /130/.test(x.sourceValue));
    assert.deepEqual(bad, []);
  });
  it('names the tunnel the other way round: the wire 38 km against 24 km + 17 km', async () => {
    const r = await cli(['check', EX('wire-original.json'), '--sources', EX('independent-report.json'), '--db', freshDb(), '-f', 'json']);
    const rep = JSON.parse(r.stdout) as Report;
    assert.deepEqual(checkInvariants(rep), []);
    const reasons = rep.claims.flatMap((c) => c.conflicts.map((x) => x.reason));
    assert.ok(reasons.some((x) => /38 km/.test(x) && /24 km \+ 17 km/.test(x)), reasons.join('\n'));
  });
  it('traces the content-farm rewrite to the wire report', async () => {
    const r = await cli(['check', EX('content-farm-rewrite.json'), '--db', db, '-f', 'json']);
    const rep = JSON.parse(r.stdout) as Report;
    assert.equal(rep.article.derivedFrom.length, 1);
    assert.equal(rep.article.derivedFrom[0]!.outlet, 'Meridian Wire Service');
  });
});

describe('crosscheck check --sources: fact-check databases are stored as fact-checks, as add stores them', () => {
  const FC = (f: string): string => join(ROOT, 'examples/factchecks', f);
  /** A folder with a made-up Veritas TSV (a fact-check-only extension) beside nothing else. */
  const folder = join(tmp, 'veritas-folder');
  mkdirSync(folder);
  writeFileSync(join(folder, 'speeds.tsv'), [
    'page\tclaim\tclaim_label\ttags\tclaim_source_domain\tclaim_source_url\tdate',
    'https://checks.example.net/northwind-top-speed\tNorthwind Link trains reach a top speed of 200 km/h\ttrue\t[]\t\t\t2026/11/20',
  ].join('\n'));
  const inputs = ['--sources', FC('sound-facts.jsonld'), '--sources', FC('varnholm-checkers.html'), '--sources', folder];
  const db = freshDb();
  type Listed = Array<{ id: string; kind: string; outlet: string | null; origin: string }>;
  const list = async (store: string): Promise<Listed> => JSON.parse((await cli(['sources', 'list', '--db', store, '-f', 'json'])).stdout) as Listed;
  let report: Report;

  it('fills claims[].factChecks in the same run, from JSON-LD, a ClaimReview page and a TSV in a folder', async () => {
    const r = await cli(['check', EX('harbourline-gazette.txt'), ...inputs, '--db', db, '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(checkInvariants(report), []);
    const first = (start: string) => report.claims.find((c) => c.text.startsWith(start))?.factChecks[0];
    assert.deepEqual([first('The 150-kilometre line')?.publisher, first('The 150-kilometre line')?.rating], ['Sound Facts', 'False']);
    assert.deepEqual([first('water flooded')?.publisher, first('water flooded')?.rating], ['Varnholm Checkers', 'True']);
    assert.equal(first('Trains reach speeds')?.url, 'https://checks.example.net/northwind-top-speed');
    // Nothing was read as an article: no evidence, every claim unverified (the ClaimReview page
    // would otherwise be a source that confirms the flooding claim).
    assert.ok(report.claims.every((c) => c.verdict === 'unverified' && c.evidence.length === 0));
    const stored = await list(db);
    assert.equal(stored.length, 5);
    assert.ok(stored.every((s) => s.kind === 'factcheck'), JSON.stringify(stored));
  });

  it('stores exactly what crosscheck add stores for the same inputs', async () => {
    const other = freshDb();
    const r = await cli(['add', FC('sound-facts.jsonld'), FC('varnholm-checkers.html'), folder, '--db', other]);
    assert.equal(r.code, 0, r.stderr);
    const ids = (l: Listed) => l.map((s) => `${s.kind} ${s.id} ${s.origin}`).sort();
    assert.deepEqual(ids(await list(db)), ids(await list(other)));
    // And a second check with the same sources stores nothing new.
    const again = await cli(['check', EX('harbourline-gazette.txt'), ...inputs, '--db', db, '-f', 'json']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(await count(db), 5);
  });

  it('refuses a bad fact-check file: one line, exit 2, no report, no --out file, the store unchanged', async () => {
    const out = join(tmp, 'fc-report.json');
    for (const bad of ['vclaims-bad-json.jsonl', 'claimreview-no-claim.jsonld', 'veritas-empty.csv']) {
      const r = await cli(['check', EX('harbourline-gazette.txt'), '--sources', EX('wire-original.json'), '--sources', join(ROOT, 'test/fixtures/factcheck', bad), '--db', db, '-o', out]);
      assert.equal(r.code, 2, `${bad}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^crosscheck: cannot read ".*${bad.replace('.', '\\.')}": [^\\n]+\\n$`));
      assert.equal(await count(db), 5, bad);
      assert.ok(!existsSync(out), bad);
    }
    // A store that did not exist is not created.
    const none = join(tmp, 'never.db');
    const r = await cli(['check', EX('harbourline-gazette.txt'), '--sources', join(ROOT, 'test/fixtures/factcheck/vclaims-bad-json.jsonl'), '--db', none]);
    assert.equal(r.code, 2);
    assert.ok(!existsSync(none));
  });
});
