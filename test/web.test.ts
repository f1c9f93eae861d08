/**
 * The web page in a real browser: Debian's chromium driven by playwright-core (never a downloaded
 * browser), headless, a fresh profile, every request outside the two loopback test servers
 * refused and recorded. Screenshots are kept in test/artifacts/ (not committed).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createApp, type CrosscheckApp } from '../src/http/app.ts';
import { serve, type Listening } from '../src/http/serve.ts';
import type { Store } from '../src/store/index.ts';
import { ROOT } from './helpers/shared.ts';
import { ARTICLE_TEXT, exampleStore, hostileArticle, localServer, type LocalServer } from './http-fixtures.ts';

// The browser's globals, used inside page.evaluate callbacks (the project's tsconfig has no DOM library).
declare const window: any, document: any, speechSynthesis: any;
type El = any;

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing; .ci/run installs it (apt-get install chromium)`);

describe('web page (chromium)', { skip: available ? false : `${CHROMIUM} is not installed (apt-get install chromium): skipped` }, () => {
  let store: Store;
  let app: CrosscheckApp;
  let server: Listening;
  let publisher: LocalServer;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let checkUrl = '';
  const outside: string[] = [];
  const dialogs: string[] = [];
  /** Pages of the other origin (a publisher's site), set by the tests. */
  const publisherPages: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {};
  const htmlPage = (body: string) => (_req: IncomingMessage, res: ServerResponse): void => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(body); };

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    store = await exampleStore();
    const created = createApp({ store, claimReview: { author: 'Example Fact Desk' }, log: () => {} });
    assert.ok(created.ok);
    app = created.value;
    server = await serve(app, { host: '127.0.0.1', port: 0 });
    publisher = await localServer(publisherPages);
    profile = mkdtempSync(join(tmpdir(), 'crosscheck-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
      viewport: { width: 1100, height: 900 },
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith(publisher.url)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    await publisher?.close();
    await store?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('checks a pasted article and shows it escaped, each claim highlighted by verdict', async () => {
    await page.goto(`${server.url}/`);
    const article = hostileArticle();
    await page.fill('#text', JSON.stringify(article));
    await Promise.all([page.waitForURL(/\/checks\/[0-9a-f-]{36}$/), page.click('#check-button')]);
    checkUrl = page.url();
    const state = await page.evaluate(() => ({
      pwned: window.__pwned ?? 0,
      scripts: [...document.scripts].map((x: El) => x.getAttribute('src')),
      imgs: document.images.length,
      title: document.querySelector('.crosscheck-report h1')?.textContent,
      marks: [...document.querySelectorAll('mark.claim')].map((m: El) => m.className as string),
      comments: [...document.querySelectorAll('li.comment .text')].map((n: El) => n.textContent as string),
      author: document.querySelector('li.comment .author')?.textContent,
    }));
    await page.screenshot({ path: join(ARTIFACTS, 'web-check.png'), fullPage: false });
    assert.equal(state.pwned, 0, 'no injected script ran');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(state.scripts, ['/assets/report.js', '/assets/page.js']);
    assert.equal(state.imgs, 0, 'no injected image element');
    assert.equal(state.title, article.title);
    assert.ok(state.marks.length >= 5, `${state.marks.length} highlighted claims`);
    assert.ok(state.marks.every((c) => /^claim v-(supported|contradicted|disputed|unverified)( active)?$/.test(c)), state.marks.join());
    assert.ok(state.marks.some((c) => c.includes('v-contradicted')));
    assert.ok(state.marks.some((c) => c.includes('v-supported')));
    const comments = (article.comments as Array<{ text: string; author: string }>);
    assert.deepEqual(state.comments, comments.map((c) => c.text));
    assert.equal(state.author, comments[0]!.author);
  });

  it('opens a claim\'s evidence and conflicts, both values side by side, on click', async () => {
    assert.ok(checkUrl, 'needs the check of the first test');
    const mark = page.locator('mark.claim.v-contradicted').first();
    const id = await mark.getAttribute('data-claim');
    assert.ok(id);
    const details = page.locator(`details#${id}`);
    assert.equal(await details.evaluate((d) => (d as El).open), false);
    await mark.click();
    assert.equal(await details.evaluate((d) => (d as El).open), true);
    assert.equal(await details.locator('td.claim-value').first().textContent(), '150 km');
    assert.equal(await details.locator('td.source-value').first().textContent(), '130 km');
    assert.ok((await details.locator('ul.evidence li').count()) >= 1);
    assert.match((await details.locator('ul.evidence').textContent()) ?? '', /Meridian Wire Service/);
    await page.screenshot({ path: join(ARTIFACTS, 'web-claim-open.png') });
    // Keyboard: Enter on a highlighted claim opens it too.
    const other = page.locator('mark.claim.v-supported').first();
    const otherId = await other.getAttribute('data-claim');
    await other.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator(`details#${otherId}`).evaluate((d) => (d as El).open), true);
  });

  it('lists the sources with their copy groups and the comment section', async () => {
    assert.match((await page.locator('section.sources').textContent()) ?? '', /4 stored sources considered, 3 independent origins/);
    assert.match((await page.locator('.copy-groups').textContent()) ?? '', /Meridian Wire Service and its copies: TrendPulse Daily/);
    assert.match((await page.locator('section.comment-section h2').textContent()) ?? '', /Comments \(2\)/);
  });

  it('reads the article aloud: the browser voice, or the server\'s WAV when the browser has none', async () => {
    const voices = await page.evaluate(() => speechSynthesis.getVoices().length);
    await page.click('#listen');
    const mode = await page.locator('#listen').getAttribute('data-mode');
    if (voices === 0) {
      assert.equal(mode, 'server');
      await page.waitForFunction(() => { const a = document.getElementById('listen-audio') as El; return a.readyState >= 1 && a.duration > 0; }, undefined, { timeout: 20_000 });
      const audio = await page.evaluate(() => { const a = document.getElementById('listen-audio') as El; return { src: a.currentSrc, duration: a.duration, hidden: a.hidden }; });
      assert.match(audio.src, /\/checks\/[0-9a-f-]{36}\/audio\.wav$/);
      assert.ok(audio.duration > 20, `${audio.duration} s of audio`);
      assert.equal(audio.hidden, false);
    } else {
      assert.equal(mode, 'browser');
    }
    assert.notEqual(await page.locator('#listen-status').textContent(), '');
  });

  it('exports JSON, the HTML report and ClaimReview', async () => {
    const hrefs = await page.evaluate(() => ['#export-json', '#export-html', '#export-claimreview'].map((s) => (document.querySelector(s) as El)?.href ?? ''));
    const [json, html, claimReview] = await Promise.all(hrefs.map((h) => page.request.get(h)));
    assert.equal(json!.status(), 200);
    const report = (await json!.json()) as { article: { title: string } };
    assert.equal(report.article.title, hostileArticle().title);
    assert.equal(html!.status(), 200);
    const body = await html!.text();
    assert.match(body, /^<!DOCTYPE html>/);
    assert.ok(!body.includes('<script>window.__pwned'));
    assert.equal(claimReview!.status(), 200);
    const graph = ((await claimReview!.json()) as { '@graph': Array<{ '@type': string; author: { name: string } }> })['@graph'];
    assert.ok(graph.length > 0 && graph.every((g) => g['@type'] === 'ClaimReview' && g.author.name === 'Example Fact Desk'));
    // The exported file opens on its own, with no request, and its claims still open on click.
    // (Served as a bare file from the other test origin, with no headers of the app.)
    publisherPages['/exported.html'] = htmlPage(body);
    await page.goto(`${publisher.url}/exported.html`);
    await page.locator('mark.claim.v-contradicted').first().click();
    assert.equal(await page.locator('details.claim-detail.active').count(), 1);
    await page.screenshot({ path: join(ARTIFACTS, 'web-exported-html.png') });
  });

  it('embeds a fact-check box in a publisher\'s page on another origin', async () => {
    const id = checkUrl.split('/').pop()!;
    const publisherPage = `<!DOCTYPE html><html><head><title>Publisher</title></head><body><h1>Publisher article</h1><p>Body.</p>
<script src="${server.url}/embed.js" data-check-id="${id}" data-height="400"></script></body></html>`;
    publisherPages['/article'] = htmlPage(publisherPage);
    await page.goto(`${publisher.url}/article`);
    const frame = page.frameLocator('iframe[title="Fact check"]');
    await frame.locator('.summary .badge').first().waitFor();
    assert.match((await frame.locator('body').textContent()) ?? '', /contradicted/);
    assert.match((await frame.locator('a').last().getAttribute('href')) ?? '', new RegExp(`/checks/${id}$`));
    await page.screenshot({ path: join(ARTIFACTS, 'web-embed.png') });
    const unknown = await page.request.get(`${server.url}/embed?url=${encodeURIComponent('https://news.example/not-checked')}`);
    assert.match(await unknown.text(), /has not been checked yet/);
  });

  it('shows input errors on the form, escaped, and refuses internal URLs', async () => {
    await page.goto(`${server.url}/`);
    await page.fill('#url', `http://127.0.0.1:${publisher.port}/article`);
    await Promise.all([page.waitForLoadState('load'), page.click('#check-button')]);
    assert.match((await page.locator('.error').textContent()) ?? '', /refused to fetch "127\.0\.0\.1": it is a loopback address/);
    assert.equal(await page.inputValue('#url'), `http://127.0.0.1:${publisher.port}/article`);
    await page.screenshot({ path: join(ARTIFACTS, 'web-refused-url.png') });
    assert.deepEqual(outside, [], 'the page made no request outside the test servers');
  });

  it('a check of the example page renders in full (screenshot)', async () => {
    await page.goto(`${server.url}/`);
    await page.fill('#text', ARTICLE_TEXT);
    await Promise.all([page.waitForURL(/\/checks\//), page.click('#check-button')]);
    assert.equal(await page.locator('.crosscheck-report h1').textContent(), 'Northwind Link opens as first passenger trains run beneath the Sound');
    assert.ok((await page.locator('mark.claim').count()) >= 15);
    await page.screenshot({ path: join(ARTIFACTS, 'web-example-full.png'), fullPage: true });
  });
});
