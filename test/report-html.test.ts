import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { fromInputObject } from '../src/ingest/index.ts';
import { checkDocument } from '../src/pipeline/check.ts';
import { escapeHtml, renderClaimReview, renderHtml, type Report } from '../src/report/index.ts';
import { cli } from './helpers/cli.ts';
import { EXAMPLE, hostileArticle, HOSTILE } from './http-fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-html-'));

async function hostileReport(): Promise<Report> {
  const doc = fromInputObject(hostileArticle(), 'hostile.json');
  assert.ok(doc.ok);
  return checkDocument(doc.value);
}

describe('--format html', () => {
  it('escapes every piece of article and comment text', async () => {
    const report = await hostileReport();
    const html = renderHtml([report]);
    assert.ok(!html.includes(HOSTILE.script), 'no raw <script> from the input');
    assert.ok(!html.includes(HOSTILE.img), 'no raw <img onerror> from the input');
    assert.ok(html.includes(escapeHtml(HOSTILE.script)));
    const { document } = parseHTML(html);
    assert.equal(document.querySelectorAll('script').length, 1, 'only the report\'s own script');
    assert.equal(document.querySelectorAll('img').length, 0);
    assert.equal(document.querySelectorAll('[onerror]').length, 0);
    // The text a reader sees is the input, character for character.
    assert.equal(document.querySelector('.article-text')?.textContent, report.article.text);
    assert.equal(document.querySelector('h1')?.textContent, report.article.title);
    const comments = [...document.querySelectorAll('li.comment .text')].map((n) => n.textContent);
    assert.deepEqual(comments, report.comments.items.map((c) => c.text));
    assert.equal(document.querySelector('li.comment .author')?.textContent, `<b>${HOSTILE.img}</b>`);
  });

  it('highlights each claim at its offsets with its verdict, and links it to its details', async () => {
    const r = await cli(['check', EXAMPLE('harbourline-gazette.txt'), '--sources', EXAMPLE('sources.jsonl'), '--db', join(tmp, 'a.db'), '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    const { document } = parseHTML(renderHtml([report]));
    const marks = [...document.querySelectorAll('mark.claim')];
    assert.ok(marks.length >= report.claims.length - 2, `${marks.length} marks for ${report.claims.length} claims`);
    for (const m of marks) {
      const id = m.getAttribute('data-claim')!;
      const claim = report.claims.find((c) => c.id === id);
      assert.ok(claim, id);
      assert.equal(m.textContent, report.article.text.slice(claim.span.start, claim.span.end));
      assert.ok(m.classList.contains(`v-${claim.verdict}`));
      assert.ok(document.getElementById(id)?.matches('details.claim-detail'), `details for ${id}`);
    }
    const contradicted = document.querySelector('details.v-contradicted');
    assert.ok(contradicted);
    assert.equal(contradicted.querySelector('td.claim-value')?.textContent, '150 km');
    assert.equal(contradicted.querySelector('td.source-value')?.textContent, '130 km');
    assert.match(document.querySelector('.copy-groups')?.textContent ?? '', /Meridian Wire Service and its copies: TrendPulse Daily/);
  });

  it('shows earlier fact-checks and flagged comments with their reasons; links only http(s) URLs', async () => {
    const report = await hostileReport();
    const claim = report.claims[0]!;
    claim.factChecks = [
      { claim: `Rail link cost ${HOSTILE.script}`, rating: 'False', url: 'https://checks.example.org/rail-cost', publisher: 'Example Checks', similarity: 0.91 },
      { claim: 'A second check', rating: 'Misleading', url: 'javascript:alert(1)', publisher: null, similarity: 0.8 },
    ];
    report.comments.items[0]!.flagged = true;
    report.comments.items[0]!.score = 0.87;
    report.comments.items[0]!.reasons = [`shares wording with k2 ${HOSTILE.img}`];
    const { document } = parseHTML(renderHtml([report]));
    const checks = [...document.querySelectorAll(`#${claim.id} ul.factchecks li`)];
    assert.equal(checks.length, 2);
    assert.match(checks[0]!.textContent ?? '', /^False — Rail link cost <script>.*\(Example Checks\) similarity 0\.91$/);
    assert.equal(checks[0]!.querySelector('a')?.getAttribute('href'), 'https://checks.example.org/rail-cost');
    assert.equal(checks[1]!.querySelector('a'), null, 'a javascript: URL is shown as text, never linked');
    const flagged = document.querySelector('li.comment.flagged');
    assert.equal(flagged?.getAttribute('data-comment'), 'k1');
    assert.equal(flagged?.querySelector('.flag')?.textContent, `flagged (score 0.87): shares wording with k2 ${HOSTILE.img}`);
    assert.equal(document.querySelectorAll('img, [onerror]').length, 0);
  });

  it('is one self-contained file that makes no request', async () => {
    const out = join(tmp, 'report.html');
    const r = await cli(['check', EXAMPLE('harbourline-gazette.txt'), '--format', 'html', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(out, 'utf8');
    const { document } = parseHTML(html);
    assert.equal(document.querySelectorAll('link, img, iframe, object, embed, audio, video, source').length, 0);
    assert.equal(document.querySelectorAll('script[src]').length, 0);
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
  });
});

describe('--format claimreview', () => {
  it('gives schema.org ClaimReview items for the reviewed claims', async () => {
    const r = await cli(['check', EXAMPLE('harbourline-gazette.txt'), '--sources', EXAMPLE('sources.jsonl'), '--db', join(tmp, 'b.db'), '--format', 'claimreview',
      '--review-author', 'Example Fact Desk', '--review-author-url', 'https://desk.example.org', '--review-url', 'https://desk.example.org/reviews/northwind']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { '@context': string; '@graph': Array<Record<string, any>> };
    assert.equal(doc['@context'], 'https://schema.org');
    const items = doc['@graph'];
    assert.ok(items.length >= 15, `${items.length} items`);
    for (const item of items) {
      assert.equal(item['@type'], 'ClaimReview');
      assert.equal(typeof item.claimReviewed, 'string');
      assert.match(item.datePublished, /^\d{4}-\d{2}-\d{2}$/);
      assert.deepEqual(item.author, { '@type': 'Organization', name: 'Example Fact Desk', url: 'https://desk.example.org' });
      assert.equal(item.reviewRating['@type'], 'Rating');
      assert.equal(item.reviewRating.worstRating, 1);
      assert.equal(item.reviewRating.bestRating, 3);
      assert.ok(item.reviewRating.ratingValue >= 1 && item.reviewRating.ratingValue <= 3);
      assert.equal(typeof item.reviewRating.alternateName, 'string');
      assert.equal(item.itemReviewed['@type'], 'Claim');
      assert.equal(item.itemReviewed.appearance['@type'], 'NewsArticle');
      assert.match(item.url, /^https:\/\/desk\.example\.org\/reviews\/northwind#claim-\d+$/);
    }
    const wrong = items.find((i) => /150-kilometre/.test(i.claimReviewed));
    assert.equal(wrong?.reviewRating.ratingValue, 1);
    assert.match(wrong?.reviewRating.alternateName, /Contradicted/);
    assert.match(wrong?.reviewRating.ratingExplanation, /150 km .* 130 km/);
  });

  it('leaves unverified claims out (never "false" for lack of evidence) and takes the author from the environment', async () => {
    process.env.CROSSCHECK_REVIEW_AUTHOR = 'Env Desk';
    try {
      const doc = fromInputObject({ text: 'The Halvik quay reopened on 3 May 2026 after repairs that cost 4 million euros.' }, 'x');
      assert.ok(doc.ok);
      const report = await checkDocument(doc.value);
      assert.equal(report.claims[0]?.verdict, 'unverified');
      assert.deepEqual(JSON.parse(renderClaimReview([report], { author: 'Env Desk' }))['@graph'], []);
      const file = join(tmp, 'plain.json');
      writeFileSync(file, JSON.stringify({ text: 'The Halvik quay reopened on 3 May 2026.' }));
      const r = await cli(['check', file, '-f', 'claimreview']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout)['@graph'], []);
    } finally {
      delete process.env.CROSSCHECK_REVIEW_AUTHOR;
    }
  });

  it('refuses to run without an author, or with a bad URL, before writing anything', async () => {
    const out = join(tmp, 'never.json');
    const r = await cli(['check', EXAMPLE('harbourline-gazette.txt'), '-f', 'claimreview', '-o', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^crosscheck: --format claimreview needs an author: give --review-author/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.equal(existsSync(out), false);
    const bad = await cli(['check', EXAMPLE('harbourline-gazette.txt'), '-f', 'claimreview', '--review-author', 'Desk', '--review-url', 'javascript:alert(1)']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid --review-url "javascript:alert\(1\)": expected an http\(s\) URL/);
    assert.equal(bad.stdout, '');
  });
});
