import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_BYTES, fromInputObject, ingest, ingestString } from '../src/ingest/index.ts';
import type { Document, ErrorCode, Result } from '../src/model/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'ingest');
const seeds = join(root, '..', 'shared', 'seeds');

function value<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function failure(r: Result<unknown>, code: ErrorCode, ...mentions: string[]): string {
  assert.equal(r.ok, false, 'expected a failure');
  if (r.ok) return '';
  assert.equal(r.error.code, code, r.error.message);
  assert.ok(!r.error.message.includes('\n'), `one line: ${r.error.message}`);
  for (const m of mentions) assert.ok(r.error.message.includes(m), `"${r.error.message}" should mention ${m}`);
  return r.error.message;
}

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

describe('golden files', async () => {
  const cases = (await readdir(fixtures, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const name of cases) {
    it(name, async () => {
      const dir = join(fixtures, name);
      const input = (await readdir(dir)).find((f) => f.startsWith('input.'));
      assert.ok(input, `${name} has no input.* file`);
      // Relative to the working directory, then replaced, so outputs do not depend on where tests run.
      const path = relative(process.cwd(), join(dir, input));
      const docs = value(await ingest(path));
      const actual = `${JSON.stringify(docs, null, 2).replaceAll(JSON.stringify(path).slice(1, -1), input)}\n`;
      const expectedFile = join(dir, 'output.json');
      if (process.env.UPDATE_GOLDEN === '1') await writeFile(expectedFile, actual);
      assert.ok(existsSync(expectedFile), `${name}/output.json is missing; run with UPDATE_GOLDEN=1`);
      assert.equal(actual, await readFile(expectedFile, 'utf8'));
    });
  }
});

describe('edge cases seen through the golden inputs', () => {
  const one = async (name: string, file: string): Promise<Document> => {
    const docs = value(await ingest(join(fixtures, name, file)));
    assert.equal(docs.length, 1);
    return docs[0] as Document;
  };

  it('drops chrome and keeps paragraphs apart', async () => {
    const doc = await one('text-chrome-and-comments', 'input.txt');
    assert.equal(doc.title, null);
    assert.match(doc.text, /^Varnholm council voted/);
    for (const chrome of ['Listen to', 'Share this', 'Advertisement', 'Read more', 'Fact Checker', 'verification tool', 'Comments', 'Load more']) {
      assert.ok(!doc.text.includes(chrome), `body should not contain ${chrome}`);
    }
    assert.equal(doc.text.split('\n\n').length, 4);
    assert.equal(doc.declared.commentCount, 8);
    assert.equal(doc.comments.length, 7);
    assert.deepEqual(
      doc.comments.filter((c) => c.replyInferred).map((c) => [c.id, c.replyTo]),
      [['c2', 'c1'], ['c4', 'c3'], ['c7', 'c6']],
    );
  });

  it('reads reply markers', async () => {
    const doc = await one('text-reply-markers', 'input.txt');
    const parents = Object.fromEntries(doc.comments.map((c) => [c.id, c.replyTo ?? null]));
    assert.deepEqual(parents, { c1: null, c2: 'c1', c3: 'c1', c4: null, c5: 'c4', c6: null, c7: 'c6', c8: 'c6' });
    assert.ok(doc.comments.every((c) => !c.replyInferred));
    assert.equal(doc.comments[1]?.text, 'Not for families without a good internet connection.');
  });

  it('reads author headers and blocks', async () => {
    const doc = await one('text-comment-blocks-with-authors', 'input.txt');
    assert.deepEqual(
      doc.comments.map((c) => [c.author, c.published ?? null, c.replyTo ?? null, c.text.split('\n').length]),
      [['Astrid Holm', null, null, 2], ['Jonas Berg', '2024-02-15', null, 1], ['Lena P.', null, null, 2], ['Per Sandvik', null, 'c1', 1]],
    );
  });

  it('reads byline, dates and badges into declared metadata', async () => {
    const dated = await one('text-byline-and-date', 'input.txt');
    assert.equal(dated.byline, 'Maren Lindqvist');
    assert.equal(dated.published, '2024-02-12');
    assert.equal(dated.declared.evidence?.published, 'Published: February 12, 2024');
    const badge = await one('text-mins-read-badge', 'input.txt');
    assert.equal(badge.declared.readingTimeMinutes, 1480);
    assert.ok(!badge.text.includes('Mins Read'));
  });

  it('normalises CRLF, BOM, NFC and Latin-1', async () => {
    const crlf = await one('crlf', 'input.txt');
    assert.ok(!crlf.text.includes('\r'));
    assert.equal(crlf.comments.length, 2);
    const bom = await one('bom', 'input.txt');
    assert.equal(bom.title, 'Pontoon opens for passengers');
    const dia = await one('diacritics', 'input.txt');
    assert.equal(dia.text, dia.text.normalize('NFC'));
    for (const w of ['Łucja Wrzesińska', 'café', 'Søren Aakjær', 'Renée Brønstad']) assert.ok(dia.text.includes(w) || dia.title?.includes(w), w);
    const latin = await one('latin1', 'input.txt');
    assert.ok(latin.text.includes('Hélène Sørby'));
    assert.equal(latin.messages[0]?.ruleId, 'ingest/encoding');
  });

  it('reports a page without a body as a message, not a failure', async () => {
    for (const [name, file] of [['empty-body', 'input.txt'], ['html-no-body', 'input.html']] as const) {
      const doc = await one(name, file);
      assert.equal(doc.text, '');
      assert.deepEqual(doc.messages.map((m) => [m.ruleId, m.severity]), [['ingest/no-body', 'error']]);
    }
  });

  it('reads HTML block by block, with metadata and nested comments', async () => {
    const doc = await one('html-article-with-comments', 'input.html');
    assert.equal(doc.title, 'Varnholm picks builder for ferry pier');
    assert.equal(doc.outlet, 'Varnholm Post');
    assert.equal(doc.url, 'https://post.example/local/ferry-pier-builder');
    assert.equal(doc.published, '2024-05-21T08:30:00+02:00');
    assert.equal(doc.byline, 'Maren Lindqvist');
    assert.match(doc.text, /^The Varnholm council has chosen Kvist & Sønner/);
    assert.ok(doc.text.includes('\n\nNight work\n\n'));
    for (const junk of ['changed by a script', 'Related', 'Home', 'Leave a Reply', 'Double glazing is', 'old pier in March', '©']) {
      assert.ok(!doc.text.includes(junk), `body should not contain ${junk}`);
    }
    assert.deepEqual(
      doc.comments.map((c) => [c.id, c.author, c.replyTo ?? null]),
      [['c1', 'Astrid Holm', null], ['c2', 'Oddvar Rud', 'c1'], ['c3', 'Jonas Berg', null]],
    );
    assert.equal(doc.comments[0]?.text, 'Double glazing is a nice gesture.\nIt will not help with the pile driving, though.');
    assert.equal(doc.declared.commentCount, 3);

    const nested = await one('html-nested-replies', 'input.html');
    assert.deepEqual(
      nested.comments.map((c) => [c.author, c.replyTo ?? null, c.replyInferred ?? false]),
      [['hanne_s', null, false], ['Per Sandvik', 'c1', false], ['hanne_s', 'c2', false], ['Lena Pettersen', 'c1', false], ['Jonas Berg', null, false], ['Astrid Holm', 'c5', true]],
    );
    assert.equal(nested.comments[0]?.published, '2024-06-06');
  });

  it('reads JSON-LD metadata', async () => {
    const doc = await one('html-jsonld-metadata', 'input.html');
    assert.equal(doc.title, 'Ferry passenger numbers fall by a fifth during pier closure');
    assert.equal(doc.outlet, 'Skerry Tidende');
    assert.equal(doc.published, '2024-07-02');
    assert.equal(doc.byline, 'Eirik Dahl, Sofie Lund');
    assert.equal(doc.url, 'https://tidende.example/2024/07/ferry-passengers');
    assert.equal(doc.declared.wordCount, 96);
    assert.equal(doc.declared.readingTimeMinutes, 12);
    assert.ok(!doc.text.includes('min read'));
  });

  it('reads Markdown', async () => {
    const doc = await one('markdown-front-matter', 'input.md');
    assert.equal(doc.title, 'Pier repairs reach halfway point');
    assert.equal(doc.published, '2024-09-10');
    assert.equal(doc.outlet, 'Varnholm Post');
    assert.ok(!/[*#>!\[\]]|```/.test(doc.text), doc.text);
    assert.ok(doc.text.includes("the council's plan"));
    assert.ok(doc.text.includes('Piles replaced: 112 of 230'));
    assert.ok(!doc.text.includes('deck.jpg'));
    const withComments = await one('markdown-comments', 'input.md');
    assert.equal(withComments.title, 'Ferry pontoon gets a roof');
    assert.deepEqual(withComments.comments.map((c) => [c.author, c.replyTo ?? null]), [['Astrid Holm', null], ['Per Sandvik', 'c1']]);
  });

  it('reads the JSON contract, arrays and JSON Lines', async () => {
    const doc = await one('json-contract', 'input.json');
    assert.equal(doc.format, 'json');
    assert.equal(doc.published, '2024-06-03');
    assert.equal(doc.text.split('\n\n').length, 3);
    assert.deepEqual(doc.comments.map((c) => [c.id, c.replyTo ?? null]), [['101', null], ['102', '101'], ['c3', null]]);
    assert.equal(value(await ingest(join(fixtures, 'jsonl-several', 'input.jsonl'))).length, 3);
    assert.equal(value(await ingest(join(fixtures, 'json-array', 'input.json')))[1]?.published, '2024-01-13');
    const html = await one('json-html-field', 'input.json');
    assert.equal(html.title, 'Islanders vote on ferry timetable');
    assert.equal(html.outlet, 'Skerry Tidende');
    assert.equal(html.published, '2024-08-14');
    assert.equal(html.comments[0]?.author, 'Lena Pettersen');
  });
});

describe('ingestString and fromInputObject', () => {
  it('sniffs JSON, HTML and text', () => {
    const json = value(ingestString('  {"text": "One paragraph."}', { origin: 'body' }));
    assert.equal(json[0]?.format, 'json');
    const html = value(ingestString('<p>A paragraph in markup, long enough to be the body of a page.</p>', { origin: 'body' }));
    assert.equal(html[0]?.format, 'html');
    assert.equal(html[0]?.text, 'A paragraph in markup, long enough to be the body of a page.');
    const text = value(ingestString('[Update] The ferry is late again.', { origin: 'body' }));
    assert.equal(text[0]?.format, 'text');
  });

  it('takes the format from the content type, then the URL, and can be forced', () => {
    const md = value(ingestString('# Heading\n\nSome *text*.', { origin: 'x', contentType: 'text/markdown; charset=utf-8' }));
    assert.deepEqual([md[0]?.format, md[0]?.title, md[0]?.text], ['markdown', 'Heading', 'Some text.']);
    const byUrl = value(ingestString('# Heading\n\nBody.', { origin: 'x', url: 'https://h.example/a.md', contentType: 'text/plain' }));
    assert.equal(byUrl[0]?.format, 'markdown');
    assert.equal(byUrl[0]?.url, 'https://h.example/a.md');
    const forced = value(ingestString('<p>not parsed as HTML</p>', { origin: 'x', format: 'text' }));
    assert.equal(forced[0]?.text, '<p>not parsed as HTML</p>');
  });

  it('normalises lone CR line ends and decomposed letters', () => {
    const [doc] = value(ingestString('Pier news for today\rThe cafe\u0301 reopened on Monday morning.\r', { origin: 'x' }));
    assert.equal(doc?.title, 'Pier news for today');
    assert.equal(doc?.text, 'The caf\u00e9 reopened on Monday morning.');
  });

  it('builds a document from a contract object', () => {
    const doc = value(fromInputObject({ title: 'T', text: 'Body text.', comments: [{ text: 'Hi' }] }, 'api'));
    assert.deepEqual([doc.origin, doc.title, doc.text, doc.comments[0]?.id], ['api', 'T', 'Body text.', 'c1']);
  });

  it('names the field that breaks the contract', () => {
    failure(fromInputObject({ title: 'T' }, 'api'), 'bad-input', 'field "text"', '"html"');
    failure(fromInputObject({ text: 5 }, 'api'), 'bad-input', 'field "text"', 'string', 'number');
    failure(fromInputObject({ text: 'x', comments: [{ author: 'A' }] }, 'api'), 'bad-input', 'field "comments[0].text"', 'required');
    failure(fromInputObject({ text: 'x', comments: [{ text: 'a', replyTo: 'c9' }] }, 'api'), 'bad-input', 'comments[0].replyTo', 'c9');
    failure(fromInputObject({ text: 'x', comments: [{ id: 'a', text: 'a' }, { id: 'a', text: 'b' }] }, 'api'), 'bad-input', 'comments[1].id', 'repeats');
    failure(fromInputObject({ text: 'x', published: 'last week' }, 'api'), 'bad-input', 'field "published"', 'last week');
    failure(fromInputObject({ text: 'x', url: 'ftp://a/b' }, 'api'), 'bad-input', 'field "url"', 'ftp://a/b');
    failure(fromInputObject('just a string', 'api'), 'bad-input', 'expected an article object');
  });
});

describe('bad input', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crosscheck-ingest-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const file = async (name: string, content: string | Uint8Array): Promise<string> => {
    const p = join(dir, name);
    await writeFile(p, content);
    return p;
  };

  it('missing file', async () => {
    failure(await ingest(join(dir, 'nope.html')), 'not-found', 'nope.html', 'no such file');
  });

  it('a directory', async () => {
    await mkdir(join(dir, 'folder'));
    failure(await ingest(join(dir, 'folder')), 'is-directory', 'folder', 'directory');
  });

  it('empty and whitespace-only files', async () => {
    failure(await ingest(await file('empty.txt', '')), 'empty', 'empty.txt', 'empty');
    failure(await ingest(await file('blank.txt', ' \n\t\r\n ')), 'empty', 'blank.txt', 'whitespace');
    failure(await ingest(await file('bom-only.md', '\ufeff\n')), 'empty', 'bom-only.md');
  });

  it('binary files', async () => {
    failure(await ingest(await file('image.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))), 'binary', 'image.png', 'NUL');
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 120));
    failure(await ingest(await file('noise.txt', noise)), 'binary', 'noise.txt');
    const controls = Uint8Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? 0x02 : 0x41));
    failure(await ingest(await file('ctrl.txt', controls)), 'binary', 'ctrl.txt', 'control');
  });

  it('broken JSON says where', async () => {
    failure(await ingest(await file('broken.json', '{\n  "title": "T",\n  "text": "x"\n  "url": "y"\n}')), 'bad-json', 'broken.json', 'line 4, column 3');
    failure(await ingest(await file('literal.json', '{"text": tru}')), 'bad-json', 'literal.json', 'line 1, column 10');
    failure(await ingest(await file('cut.json', '[{"text": "a"')), 'bad-json', 'cut.json', 'line 1');
    failure(await ingest(await file('bad.jsonl', '{"text": "a"}\n\n{"text": "b",}\n')), 'bad-json', 'bad.jsonl', 'line 3');
  });

  it('JSON that does not match the contract names the field and the record', async () => {
    failure(await ingest(await file('no-text.json', '{"title": "T"}')), 'bad-input', 'no-text.json', 'field "text"');
    failure(await ingest(await file('arr.json', '[{"text": "a"}, {"text": "b", "comments": [{"text": 3}]}]')), 'bad-input', 'record 2', 'comments[0].text');
    failure(await ingest(await file('rec.jsonl', '{"text": "a"}\n{"html": 7}\n')), 'bad-input', 'line 2', 'field "html"');
    failure(await ingest(await file('empty-array.json', '[]')), 'empty', 'empty-array.json', 'array');
    failure(await ingest(await file('scalar.json', '42')), 'bad-input', 'scalar.json', 'object');
  });

  it('files over the limit say the size and the limit', async () => {
    const p = await file('big.txt', 'word '.repeat(400));
    failure(await ingest(p, { maxBytes: 1000 }), 'too-large', 'big.txt', '2.0 KB', '1000 bytes');
    assert.equal(DEFAULT_MAX_BYTES, 5 * 1024 * 1024);
  });

  it('standard input, sniffed, and limited', async () => {
    const docs = value(await ingest('-', { stdin: Readable.from([Buffer.from('{"title": "From a pipe", "text": "Piped body."}')]) }));
    assert.deepEqual([docs[0]?.origin, docs[0]?.format, docs[0]?.title], ['-', 'json', 'From a pipe']);
    const html = value(await ingest('-', { stdin: Readable.from(['<html><body><p>Piped markup body text.</p></body></html>']) }));
    assert.equal(html[0]?.format, 'html');
    failure(await ingest('-', { stdin: Readable.from([]) }), 'empty', 'standard input');
    failure(await ingest('-', { stdin: Readable.from(['x'.repeat(600), 'y'.repeat(600)]), maxBytes: 1000 }), 'too-large', 'standard input', '1000 bytes');
  });

  it('URLs that cannot be fetched are refused before any request', async () => {
    failure(await ingest('http://'), 'bad-url', '"http://"');
    failure(await ingest('https://exa mple.com/'), 'bad-url', 'exa mple');
    failure(await ingest('ftp://x'), 'bad-scheme', 'ftp://x', 'ftp:');
    failure(await ingest('file:///etc/passwd'), 'bad-scheme', 'file:///etc/passwd');
    failure(await ingest('javascript:alert(1)'), 'bad-scheme', 'javascript:');
    failure(await ingest('data:text/html,<p>hi</p>'), 'bad-scheme', 'data:');
    failure(await ingest(''), 'usage');
  });
});

test('seed captures', async (t) => {
  if (!existsSync(seeds)) {
    if (process.env.CI) assert.fail(`seed folder ${seeds} is missing; CI needs ../shared/seeds beside the repository`);
    t.skip(`seed folder ${seeds} is missing`);
    return;
  }
  const files = (await readdir(seeds)).sort();
  const seed = (prefix: string): string => {
    const f = files.find((n) => n.startsWith(prefix));
    assert.ok(f, `no seed ${prefix}_* in ${seeds}`);
    return join(seeds, f);
  };

  await t.test('000: chrome, Fact Checker box and 14 templated comments', async () => {
    const [doc] = value(await ingest(seed('000')));
    assert.ok(doc);
    assert.equal(doc.title, null);
    assert.match(doc.text, /^Poland officially withdrew/);
    assert.ok(!doc.text.includes('Listen to the article'));
    assert.ok(!/Fact Checker|Comments|Verify the accuracy/.test(doc.text));
    assert.ok(Math.abs(words(doc.text) - 600) <= 10, `${words(doc.text)} words`);
    assert.equal(doc.text.split('\n\n').length, 13);
    assert.equal(doc.declared.commentCount, 14);
    assert.equal(doc.comments.length, 14);
    const inferred = doc.comments.filter((c) => c.replyInferred);
    assert.equal(inferred.length, 7);
    for (const c of inferred) assert.equal(c.replyTo, `c${Number(c.id.slice(1)) - 1}`);
  });

  await t.test('004: title line and an implausible reading-time badge', async () => {
    const [doc] = value(await ingest(seed('004')));
    assert.ok(doc);
    const firstLine = (await readFile(seed('004'), 'utf8')).split('\n')[0]?.trim();
    assert.equal(doc.title, firstLine);
    assert.equal(doc.declared.readingTimeMinutes, 2532);
    assert.equal(doc.declared.evidence?.readingTimeMinutes, '2532 Mins Read');
    assert.ok(!doc.text.includes('Mins Read'));
    assert.ok(!doc.text.includes(firstLine ?? '\u0000'));
    assert.ok(Math.abs(words(doc.text) - 300) <= 10, `${words(doc.text)} words`);
    assert.equal(doc.comments.length, 0);
  });
});

describe('building blocks', async () => {
  const { parseDate } = await import('../src/ingest/dates.ts');
  const { classifyLine } = await import('../src/ingest/lines.ts');
  const { opensLikeReply, parseAuthorHeader } = await import('../src/ingest/comments.ts');

  it('parses absolute dates and refuses ambiguous ones', () => {
    const cases: [string, string | null][] = [
      ['June 13, 2025', '2025-06-13'],
      ['Friday, June 13, 2025 10:42 AM EDT', '2025-06-13'],
      ['13 June 2025', '2025-06-13'],
      ['13th of Sept. 2025', '2025-09-13'],
      ['Fri, 13 Jun 2025 10:00:00 GMT', '2025-06-13'],
      ['2025-06-13', '2025-06-13'],
      ['2025-06-13T08:00:00Z', '2025-06-13T08:00:00Z'],
      ['2025-06-13 08:00', '2025-06-13T08:00'],
      ['13.06.2025', '2025-06-13'],
      ['06/13/2025', '2025-06-13'],
      ['05/06/2025', null],
      ['February 30, 2025', null],
      ['3 hours ago', null],
    ];
    for (const [input, expected] of cases) assert.equal(parseDate(input), expected, input);
  });

  it('classifies badges, bylines, dates, chrome and comment headers', () => {
    const meta = (line: string): unknown => {
      const c = classifyLine(line);
      return c.kind === 'meta' ? c.hit : c.kind;
    };
    assert.deepEqual(meta('2532 Mins Read'), { readingTimeMinutes: 2532 });
    assert.deepEqual(meta('5 min read'), { readingTimeMinutes: 5 });
    assert.deepEqual(meta('7-minute read'), { readingTimeMinutes: 7 });
    assert.deepEqual(meta('Reading time: 4 minutes'), { readingTimeMinutes: 4 });
    assert.deepEqual(meta('By Jane Doe · June 13, 2025 · 4 min read'), { byline: 'Jane Doe', published: '2025-06-13', readingTimeMinutes: 4 });
    assert.deepEqual(meta('Updated 14 June 2025'), { updated: '2025-06-14' });
    assert.deepEqual(meta('1,204 words'), { wordCount: 1204 });
    assert.equal(meta('By the end of the year, the pier will be open.'), 'content');
    assert.equal(meta('5 minutes'), 'content');
    assert.equal(meta('Sign up for our newsletter'), 'chrome');
    assert.equal(meta('Follow us on Mastodon'), 'chrome');
    assert.equal(meta('We use cookies to improve your experience'), 'chrome');
    assert.equal(meta('Subscribe to their channel if you want the truth!'), 'content');
    assert.deepEqual(classifyLine('14 Comments'), { kind: 'comments-header', count: 14 });
    assert.deepEqual(classifyLine('Comments'), { kind: 'comments-header', count: null });
  });

  it('recognises comment author headers and reply openers', () => {
    assert.deepEqual(parseAuthorHeader('Jane Doe · 3 hours ago'), { author: 'Jane Doe' });
    assert.deepEqual(parseAuthorHeader('jdoe88 | 13 June 2025'), { author: 'jdoe88', published: '2025-06-13' });
    assert.deepEqual(parseAuthorHeader('Jane Doe wrote:'), { author: 'Jane Doe' });
    assert.equal(parseAuthorHeader('See you in 2 days'), null);
    assert.equal(parseAuthorHeader('The decision was made yesterday'), null);
    for (const t of ['I agree.', 'You raise valid points.', 'You make a fair point, but', 'Well said!', 'Agreed', 'Exactly, and']) assert.ok(opensLikeReply(t), t);
    for (const t of ['I agreed to pay.', 'Exactlyness', 'Agreement is rare.', 'This is troubling.']) assert.ok(!opensLikeReply(t), t);
  });
});
