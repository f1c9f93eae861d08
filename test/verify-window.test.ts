import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createDocument } from '../src/model/index.ts';
import { checkDocument } from '../src/pipeline/check.ts';
import { addDocuments } from '../src/pipeline/sources.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { figuresApart } from '../src/verify/index.ts';

// A monthly figure: the same words, another month's value.
const ARTICLE = 'The Kestland statistics office said on Friday that the jobless rate in Kestport fell to 4.8 percent, the lowest since the ferry strike, as harbour firms hired 1,900 workers.';
const SOURCE = 'The jobless rate in Kestport fell to 5.9 percent, the Kestland statistics office said on Friday, as harbour firms hired 1,900 workers after the ferry strike.';

async function conflictsWith(sourcePublished: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-window-'));
  const opened = await openStore(join(dir, 'store.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  const store: Store = opened.value;
  try {
    await addDocuments(store, [createDocument({ origin: 'source', format: 'text', text: SOURCE, outlet: 'Harbour Herald', published: sourcePublished })]);
    const report = await checkDocument(createDocument({ origin: 'article', format: 'text', text: ARTICLE, outlet: 'Kestport Ledger', published: '2026-11-13' }), { store });
    return report.claims.flatMap((c) => c.conflicts.map((x) => `${x.kind}: ${x.claimValue} / ${x.sourceValue}`));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('figures of reports far apart in time', () => {
  it('a figure from a report of the same week is a conflict', async () => {
    assert.deepEqual(await conflictsWith('2026-11-14'), ['quantity: 4.8% / 5.9%']);
  });
  it('the same figure from a report months earlier is not (figures move)', async () => {
    assert.deepEqual(await conflictsWith('2026-06-05'), []);
  });
  it('figuresApart: more than 31 days between two dated reports; undated reports are never apart', () => {
    assert.equal(figuresApart('2026-11-13', '2026-10-12'), true);
    assert.equal(figuresApart('2026-11-13', '2026-10-14'), false);
    assert.equal(figuresApart('2026-11-13T08:00:00Z', null), false);
  });
});
