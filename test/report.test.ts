import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fromInputObject } from '../src/ingest/index.ts';
import { checkDocument } from '../src/pipeline/check.ts';
import { checkInvariants, render } from '../src/report/index.ts';
import { golden, goldenCases } from './helpers/golden.ts';

describe('report golden files (text and Markdown renderings)', () => {
  for (const c of goldenCases('report')) {
    it(c.name, async () => {
      const doc = fromInputObject(JSON.parse(readFileSync(join(c.dir, 'input.json'), 'utf8')), `${c.name}/input.json`);
      assert.ok(doc.ok, doc.ok ? '' : doc.error.message);
      const report = await checkDocument(doc.value);
      assert.deepEqual(checkInvariants(report), []);
      golden(c.dir, { text: render([report], 'text').split('\n'), md: render([report], 'md').split('\n') });
    });
  }
  it('never lets article text become Markdown markup', async () => {
    const doc = fromInputObject({ title: '[x](javascript:alert(1)) <img src=x>', text: 'The council paid 3 million euros to *Kestrail* in 2024 | twice.' }, 'inline');
    assert.ok(doc.ok);
    const md = render([await checkDocument(doc.value)], 'md');
    assert.ok(md.includes('\\[x\\]\\(javascript:alert\\(1\\)\\) \\<img src=x\\>'));
    assert.doesNotMatch(md, /[^\\]\*Kestrail/);
  });
});
