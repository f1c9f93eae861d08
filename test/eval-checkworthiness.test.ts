import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from './helpers/cli.ts';
import { shared } from './helpers/shared.ts';

const CT24 = 'datasets/checkthat-checkworthiness/clef2024-task1-english';

// Thresholds just below what the shipped model reaches (see docs/models.md), so a regression fails.
const FLOOR = { dev: 0.9, 'dev-test': 0.78 };

for (const split of ['dev', 'dev-test'] as const) {
  test(`eval checkworthiness on CT24 English ${split}`, async (t) => {
    const dir = shared(t, CT24);
    if (!dir) return;
    const r = await cli(['eval', 'checkworthiness', '--data', join(dir, `CT24_checkworthy_english_${split}.tsv`), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const f = JSON.parse(r.stdout) as { f1: number; precision: number; recall: number; sentences: number };
    t.diagnostic(`F1 ${f.f1} P ${f.precision} R ${f.recall} on ${f.sentences}`);
    assert.equal(f.sentences, split === 'dev' ? 1032 : 318);
    assert.ok(f.f1 >= FLOOR[split], `F1 ${f.f1} < ${FLOOR[split]}`);
    assert.ok(Math.abs(f.f1 - (2 * f.precision * f.recall) / (f.precision + f.recall)) < 1e-3);
  });
}

test('eval checkworthiness: bad input exits 2 naming the file or the value', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-cw-'));
  try {
    writeFileSync(join(tmp, 'bad.tsv'), 'Sentence_id\tText\tclass_label\n1\tThe bridge cost 3 million euros.\tMaybe\n');
    const bad = await cli(['eval', 'checkworthiness', '--data', join(tmp, 'bad.tsv')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /class_label "Maybe", expected Yes or No/);
    writeFileSync(join(tmp, 'cols.tsv'), 'id\ttext\n1\tx\n');
    const cols = await cli(['eval', 'checkworthiness', '--data', join(tmp, 'cols.tsv')]);
    assert.equal(cols.code, 2);
    assert.match(cols.stderr, /no column "Sentence_id"/);
    const none = await cli(['eval', 'checkworthiness']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /missing --data/);
    const fmt = await cli(['eval', 'checkworthiness', '--data', join(tmp, 'bad.tsv'), '--format', 'xml']);
    assert.equal(fmt.code, 2);
    assert.match(fmt.stderr, /unknown format "xml"/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
