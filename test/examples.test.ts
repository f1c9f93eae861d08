import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check } from '../src/pipeline/check.ts';
import { checkInvariants, type Report } from '../src/report/index.ts';
import { ROOT } from './helpers/shared.ts';

async function reportsOf(rel: string): Promise<Report[]> {
  const r = await check(join(ROOT, rel));
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

describe('every bundled example gives reports that pass the invariants', () => {
  for (const dir of ['examples/northwind', 'examples/misc']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((x) => !x.endsWith('README.md'))) {
      it(`${dir}/${f}`, async () => {
        for (const r of await reportsOf(`${dir}/${f}`)) assert.deepEqual(checkInvariants(r), []);
      });
    }
  }
});

describe('examples: what each one must show', () => {
  it('the HTML page gives its metadata, body blocks and threaded comments', async () => {
    const [r] = await reportsOf('examples/northwind/civic-ledger.html');
    assert.ok(r);
    assert.equal(r.article.outlet, 'Civic Ledger');
    assert.match(r.article.published ?? '', /^2026-11-17/);
    assert.equal(r.comments.count, 7);
    assert.equal(r.comments.items.filter((c) => c.replyTo && !c.replyInferred).length, 2);
    assert.doesNotMatch(r.article.text, /analytics|Related|<\w+/);
  });
  it('a German text gets a non-English warning, not a crash', async () => {
    const [r] = await reportsOf('examples/misc/german-article.txt');
    assert.ok(r?.messages.some((m) => m.ruleId === 'metadata/non-english' && m.actual === 'de'));
  });
  it('a capture without a date leaves relative dates unresolved and says so', async () => {
    const [r] = await reportsOf('examples/misc/no-date-capture.txt');
    assert.ok(r?.annotations.dates.some((d) => d.relative && d.value === null));
    assert.ok(r?.messages.some((m) => m.ruleId === 'annotate/unresolved-relative-date'));
  });
  it('the gazette capture names people with diacritics and the planted figure', async () => {
    const [r] = await reportsOf('examples/northwind/harbourline-gazette.txt');
    assert.ok(r);
    assert.ok(r.annotations.entities.some((e) => e.type === 'person' && e.text === 'Łucja Wiśniewska'));
    assert.ok(r.claims.some((c) => c.quantities.some((q) => q.value === 150 && q.unit === 'km')));
    assert.equal(r.comments.items.filter((c) => c.replyInferred).length, 6);
  });
});

describe('the invariant checker', () => {
  it('catches a span that does not match its quote, a dangling reply and a verdict without evidence', async () => {
    const [r] = await reportsOf('examples/northwind/harbourline-gazette.txt');
    assert.ok(r && r.claims.length > 1 && r.comments.items.length > 1);
    const broken = structuredClone(r);
    broken.claims[0]!.span = { start: broken.claims[0]!.span.start + 1, end: broken.claims[0]!.span.end };
    broken.comments.items[1]!.replyTo = 'c999';
    broken.claims[1]!.verdict = 'contradicted';
    const problems = checkInvariants(broken);
    assert.ok(problems.some((p) => p.includes('claim-1') && p.includes('slice')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('c999')));
    assert.ok(problems.some((p) => p.includes('contradicted without')));
    assert.ok(checkInvariants({ schemaVersion: 2 }).length > 0);
  });
});
