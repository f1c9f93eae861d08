import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check } from '../src/pipeline/check.ts';
import { checkInvariants, type Report } from '../src/report/index.ts';
import { shared } from './helpers/shared.ts';

/** The two real captures in ../shared/seeds must come out as issue #2 says (their text is read, never copied). */
async function seed(t: Parameters<typeof shared>[0], name: string): Promise<Report | null> {
  const dir = shared(t, 'seeds');
  if (!dir) return null;
  const r = await check(join(dir, name));
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.equal(r.value.length, 1);
  const report = r.value[0]!;
  assert.deepEqual(checkInvariants(report), []);
  return report;
}

const hasQuantity = (r: Report, value: number, unit: string | null): boolean =>
  r.claims.some((c) => c.quantities.some((q) => q.value === value && q.unit === unit));

describe('seed 000: wire republication with chrome and 14 comments', () => {
  it('meets the foundation criteria', async (t) => {
    const r = await seed(t, '000_197b4821f7c60437.txt');
    if (!r) return;
    const a = r.article;
    assert.equal(r.comments.items.length, 14);
    assert.doesNotMatch(a.text, /Listen to the article|Fact Checker|\d+ Comments|You raise/);
    assert.ok(a.wordCount > 550 && a.wordCount < 650, `word count ${a.wordCount}`);
    assert.ok(a.readingTimeMinutes >= 2 && a.readingTimeMinutes <= 4);
    assert.ok(r.claims.length >= 8, `${r.claims.length} claims`);
    assert.ok(hasQuantity(r, 210, 'km'), '210 km');
    assert.ok(hasQuantity(r, 418, 'km'), '418 km');
    assert.ok(r.annotations.quantities.some((q) => q.value === 30 && q.approx === 'about'), 'about 30 countries');
    assert.ok(r.annotations.dates.some((d) => d.value === '2016'), '2016');
    assert.ok(r.annotations.entities.some((e) => e.type === 'person' && e.text === 'Paweł Zalewski'), 'Paweł Zalewski');
    assert.ok(
      r.claims.some((c) => c.attribution?.speaker?.includes('Zalewski') && c.attribution.medium === 'The Associated Press'),
      'a claim attributed to Zalewski speaking to The Associated Press',
    );
  });
});

describe('seed 004: another outlet with a broken "Mins Read" badge', () => {
  it('meets the foundation criteria', async (t) => {
    const r = await seed(t, '004_59ab1c971b604ff2.txt');
    if (!r) return;
    const a = r.article;
    assert.ok(a.title && /mines/i.test(a.title), `title ${a.title}`);
    assert.ok(!a.text.includes(a.title));
    assert.doesNotMatch(a.text, /Mins Read/);
    assert.ok(a.wordCount > 270 && a.wordCount < 330, `word count ${a.wordCount}`);
    assert.equal(a.declared.readingTimeMinutes, 2532);
    assert.ok(r.messages.some((m) => m.ruleId === 'metadata/implausible-reading-time' && m.severity === 'warning'));
    const q = r.annotations.quantities;
    assert.ok(q.some((x) => x.value === 1_200_000), '1.2 million');
    assert.ok(q.some((x) => x.value === 100_000), '100,000');
    assert.ok(q.some((x) => x.value === 800 && x.unit === 'km'), '800 km');
    assert.ok(q.some((x) => x.min === 5_000_000 && x.max === 6_000_000), 'five to six million');
    assert.ok(r.annotations.dates.some((d) => d.value === '2026-02'), 'February 2026');
    assert.ok(r.claims.some((c) => c.attribution?.medium === 'Reuters'), 'attributed to Reuters');
  });
});

describe('seed 004 checked against seed 000 (the sources issue)', () => {
  it('supports the facts both pages state and names the frontier figures precisely', async (t) => {
    const dir = shared(t, 'seeds');
    if (!dir) return;
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { openStore } = await import('../src/store/index.ts');
    const { addSources } = await import('../src/pipeline/sources.ts');
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'crosscheck-seeds-')), 'store.db'));
    assert.ok(store.ok);
    try {
      const added = await addSources(store.value, [join(dir, '000_197b4821f7c60437.txt')]);
      assert.ok(added.ok);
      const r = await check(join(dir, '004_59ab1c971b604ff2.txt'), { store: store.value });
      assert.ok(r.ok);
      const report = r.value[0]!;
      assert.deepEqual(checkInvariants(report), []);
      const verdictOf = (re: RegExp): string | undefined => report.claims.find((c) => re.test(c.text))?.verdict;
      assert.equal(verdictOf(/Deputy Defence Minister/), 'supported', 'the deputy defence minister');
      assert.equal(verdictOf(/1997 Ottawa Convention/), 'supported', 'the 1997 Ottawa Convention and the regional withdrawals');
      assert.equal(verdictOf(/East Shield/), 'supported', 'the East/Eastern Shield');
      assert.equal(verdictOf(/full-scale invasion/), 'supported', "Russia's invasion of Ukraine");
      const frontier = report.claims.find((c) => c.conflicts.some((x) => /800 km/.test(x.reason)));
      assert.ok(frontier, 'a conflict about the 800 km frontier');
      assert.match(frontier.conflicts[0]!.reason, /210 km \+ 418 km/);
      for (const c of report.claims) if (c.verdict === 'contradicted') assert.ok(c.conflicts.length > 0);
      for (const c of report.claims.filter((x) => x.verdict === 'supported')) {
        assert.ok(c.evidence.some((e) => e.stance === 'agree' && e.outlet === null && e.sourceId !== report.article.id));
      }
    } finally {
      await store.value.close();
    }
  });
});
