import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createDocument } from '../src/model/index.ts';
import { checkDocument } from '../src/pipeline/check.ts';
import { addDocuments } from '../src/pipeline/sources.ts';
import { openStore, type Store } from '../src/store/index.ts';

// One statement, two reports, a different person in it; the verify stage tells the comparison
// whether the source names the claim's person anywhere (a real SQLite store). Both name the same
// organisations, so the source is about the same story.
const ARTICLE = [
  'Attorney General Ilse Marrow said on Wednesday that she understands why many islanders distrust the ferry board as she toured the Kestport docks.',
  'The ferry sank in October with 40 passengers aboard; all were rescued by crews of the Kestport Harbour Authority, and the Kestport Ferry Board has since cut sailings.',
].join('\n\n');
const SOURCE = [
  'Attorney General Tomas Brenner said on Wednesday that the eyes of the islands are on the Kestport docks, where the ferry sank in October.',
  'All 40 passengers were rescued by crews of the Kestport Harbour Authority, the Kestport Ferry Board said, and sailings have since been cut.',
].join('\n\n');

async function entityConflicts(source: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-names-'));
  const opened = await openStore(join(dir, 'store.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  const store: Store = opened.value;
  try {
    await addDocuments(store, [createDocument({ origin: 'source', format: 'text', text: source, outlet: 'Harbour Herald', published: '2026-11-12' })]);
    const report = await checkDocument(createDocument({ origin: 'article', format: 'text', text: ARTICLE, outlet: 'Kestport Ledger', published: '2026-11-12' }), { store });
    return report.claims.flatMap((c) => c.conflicts.filter((x) => x.kind === 'entity').map((x) => `${x.claimValue} / ${x.sourceValue}`));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a person the stored source never names', () => {
  it('is a conflict against the person the same statement names there', async () => {
    assert.deepEqual(await entityConflicts(SOURCE), ['Ilse Marrow / Tomas Brenner']);
  });
  it('is none when the source names that person anywhere', async () => {
    assert.deepEqual(await entityConflicts(`${SOURCE}\n\nIlse Marrow, his deputy, did not comment.`), []);
  });
});
