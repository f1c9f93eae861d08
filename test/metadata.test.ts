import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { computeMetadata, countWords, readingTime } from '../src/metadata/index.ts';
import { createDocument, type Comment, type DeclaredMetadata } from '../src/model/index.ts';
import { golden, goldenCases } from './helpers/golden.ts';

describe('metadata golden files', () => {
  for (const c of goldenCases('metadata')) {
    it(c.name, () => {
      const input = JSON.parse(readFileSync(join(c.dir, 'input.json'), 'utf8')) as { text: string; published?: string; declared?: DeclaredMetadata; comments?: Comment[] };
      const doc = createDocument({ origin: c.name, format: 'json', text: input.text, published: input.published ?? null, declared: input.declared ?? {}, comments: input.comments ?? [] });
      const r = computeMetadata(doc);
      golden(c.dir, { metadata: r.metadata, messages: r.messages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, reason: m.reason })) });
    });
  }
});

describe('word count and reading time', () => {
  it('count words with inner apostrophes, hyphens and number separators as one', () => {
    assert.equal(countWords("Don't count full-scale 1.2 million or 100,000 twice."), 8);
    assert.equal(countWords(''), 0);
  });
  it('round reading time at 238 words a minute, at least one minute', () => {
    assert.equal(readingTime(600), 3);
    assert.equal(readingTime(50), 1);
    assert.equal(readingTime(0), 0);
    assert.equal(readingTime(600, 100), 6);
  });
});
