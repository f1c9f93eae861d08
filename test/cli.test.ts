import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkInvariants, type Report } from '../src/report/index.ts';
import { openStore } from '../src/store/index.ts';
import { bin, cli } from './helpers/cli.ts';
import { ROOT } from './helpers/shared.ts';

const GAZETTE = join(ROOT, 'examples/northwind/harbourline-gazette.txt');
const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-cli-'));

describe('crosscheck check: formats', () => {
  it('prints a text report with title, metadata, claims and comments', async () => {
    const r = await cli(['check', GAZETTE]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Northwind/m);
    assert.match(r.stdout, /\d+ words · \d+ min read at 238 wpm/);
    assert.match(r.stdout, /Claims \(\d+: \d+ unverified\)/);
    assert.match(r.stdout, /Comments \(12, coordination 1\.00\)/);
    assert.match(r.stdout, /Declared reading time 480 min is implausible/);
  });
  it('prints JSON that satisfies the contract and every invariant', async () => {
    const r = await cli(['check', GAZETTE, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { schemaVersion: number; claims: Array<{ verdict: string; evidence: unknown[] }>; comments: { items: unknown[] } };
    assert.deepEqual(checkInvariants(report), []);
    assert.equal(report.schemaVersion, 1);
    assert.ok(report.claims.length >= 5);
    assert.ok(report.claims.every((c) => c.verdict === 'unverified' && c.evidence.length === 0));
    assert.equal(report.comments.items.length, 12);
  });
  it('prints Markdown with escaped article text', async () => {
    const r = await cli(['check', '-f', 'md', '-'], JSON.stringify({ title: 'A *bold* [link](http://x)', text: 'The council paid 4 million euros to Kestrail S.A. in 2024 for <b>new</b> trains.' }));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# A \\\*bold\\\* \\\[link\\\]\\\(http:\/\/x\\\)/);
    assert.doesNotMatch(r.stdout, /<b>/);
  });
  it('gives an array for several inputs in JSON', async () => {
    const r = await cli(['check', '--format', 'json', join(ROOT, 'examples/northwind/sources.jsonl')]);
    assert.equal(r.code, 0, r.stderr);
    const reports = JSON.parse(r.stdout) as unknown[];
    assert.equal(reports.length, 4);
    for (const rep of reports) assert.deepEqual(checkInvariants(rep), []);
  });
  it('writes --out atomically and prints nothing', async () => {
    const out = join(tmp, 'report.json');
    const r = await cli(['check', GAZETTE, '--format', 'json', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.deepEqual(checkInvariants(JSON.parse(readFileSync(out, 'utf8'))), []);
    assert.deepEqual(readdirSync(tmp).filter((f) => f.endsWith('.tmp')), []);
  });
  it('exits 1 when a --fail-on condition is met, 0 otherwise', async () => {
    assert.equal((await cli(['check', GAZETTE, '--fail-on', 'warning'])).code, 1);
    assert.equal((await cli(['check', GAZETTE, '--fail-on', 'contradicted'])).code, 0);
  });
  it('resolves relative dates against --reference-date when the page has none', async () => {
    const input = JSON.stringify({ text: 'The depot closed on Friday after the strike, the union said.' });
    const r = await cli(['check', '-', '--format', 'json', '--reference-date', '2026-11-23', '--min-score', '0'], input);
    const rep = JSON.parse(r.stdout) as { annotations: { dates: Array<{ value: string }> } };
    assert.equal(rep.annotations.dates[0]!.value, '2026-11-20');
  });
});

describe('crosscheck: bad input gives one line on stderr, exit 2, nothing on stdout', () => {
  const empty = join(tmp, 'empty.txt');
  writeFileSync(empty, '');
  const binary = join(tmp, 'image.txt');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe, 0, 1, 2, 3]));
  const broken = join(tmp, 'broken.json');
  writeFileSync(broken, '{"text": "unterminated');
  const big = join(tmp, 'big.txt');
  writeFileSync(big, 'word '.repeat(100));
  const cases: Array<[string, string[], RegExp]> = [
    ['no arguments', [], /no command/],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['check without input', ['check'], /needs an input/],
    ['a missing file', ['check', join(tmp, 'nope.txt')], /nope\.txt/],
    ['a directory', ['check', tmp], new RegExp(tmp.replace(/[/\\.]/g, '\\$&'))],
    ['an empty file', ['check', empty], /empty\.txt/],
    ['a binary file', ['check', binary], /image\.txt/],
    ['broken JSON', ['check', broken], /broken\.json/],
    ['a file above the size limit', ['check', big, '--max-bytes', '100'], /big\.txt/],
    ['a malformed URL', ['check', 'http://'], /http:\/\//],
    ['a non-http scheme', ['check', 'ftp://example.org/a.txt'], /ftp:/],
    ['an unknown format', ['check', GAZETTE, '--format', 'pdf'], /unknown format "pdf"/],
    ['an unknown option', ['check', GAZETTE, '--colour'], /--colour/],
    ['a bad reference date', ['check', GAZETTE, '--reference-date', 'last tuesday'], /last tuesday/],
    ['a bad min-score', ['check', GAZETTE, '--min-score', '7'], /--min-score "7"/],
    ['an unknown fail-on', ['check', GAZETTE, '--fail-on', 'typos'], /typos/],
    ['an --out in a missing folder', ['check', GAZETTE, '--out', join(tmp, 'no/such/dir/r.json')], /does not exist/],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2, `exit code for ${name}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^crosscheck: [^\n]+\n$/);
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+/);
    });
  }
  it('leaves an existing --out file untouched when an input fails', async () => {
    const out = join(tmp, 'keep.json');
    writeFileSync(out, 'previous');
    const r = await cli(['check', GAZETTE, join(tmp, 'missing.txt'), '--out', out]);
    assert.equal(r.code, 2);
    assert.equal(readFileSync(out, 'utf8'), 'previous');
  });
});

describe('crosscheck check --keep', () => {
  const WIRE = join(ROOT, 'examples/northwind/wire-original.json');
  const db = join(tmp, 'keep.db');
  const storedChecks = async (): Promise<Array<{ id: string; report: unknown }>> => {
    const store = await openStore(db);
    assert.ok(store.ok);
    try {
      return await store.value.listChecks();
    } finally {
      await store.value.close();
    }
  };

  it('prints the report as without --keep, keeps the check in the store and names it on stderr', async () => {
    const r = await cli(['check', GAZETTE, '--sources', WIRE, '--db', db, '--keep', '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const m = /^kept check ([0-9a-f-]{36}): Northwind Link opens as first passenger trains run beneath the Sound \((\d+) claims(?:, \d+ (?:supported|contradicted|unverified|disputed))+\)\n$/.exec(r.stderr);
    assert.ok(m, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(checkInvariants(report), []);
    assert.equal(report.claims.length, Number(m[2]));
    assert.ok(report.claims.some((c) => c.verdict !== 'unverified'), 'verified against the source added in the same run');
    const kept = await storedChecks();
    assert.deepEqual(kept.map((c) => c.id), [m[1]]);
    assert.deepEqual(kept[0]!.report, report);
    // The same check without --keep prints the same report and keeps nothing more.
    const plain = await cli(['check', GAZETTE, '--db', db, '-f', 'json']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stderr, '');
    assert.deepEqual(JSON.parse(plain.stdout), report);
    assert.equal((await storedChecks()).length, 1);
  });

  it('keeps nothing when an input is bad', async () => {
    const r = await cli(['check', GAZETTE, join(tmp, 'missing.txt'), '--db', db, '--keep']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^crosscheck: cannot read ".*missing\.txt": no such file\n$/);
    assert.equal((await storedChecks()).length, 1);
  });

  it('is a usage error without a store, before any input is read', async () => {
    const r = await cli(['check', join(tmp, 'missing.txt'), '--keep']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^crosscheck: --keep needs a store: [^\n]*--db[^\n]*\n$/);
  });
});

describe('the crosscheck executable', () => {
  it('runs from a checkout: version, report on stdout, errors on stderr with exit 2', () => {
    const v = bin(['--version']);
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    const ok = bin(['check', '-', '--format', 'json'], { input: 'The Kestport council approved a 12-kilometre tram line on 3 March 2026, the mayor said.' });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).schemaVersion, 1);
    const bad = bin(['check', 'no-such-file.html']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^crosscheck: .*no-such-file\.html.*\n$/);
    assert.ok(!existsSync(join(ROOT, 'no-such-file.html')));
  });
});
