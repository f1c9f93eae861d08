/** Fact-checks → stored sources of kind "factcheck", with their fields, in one transaction. */
import { createDocument, documentId, type Document } from '../model/index.ts';
import type { AddResult, FactCheckFields, Store } from '../store/index.ts';
import type { FactCheck } from './types.ts';

/**
 * The document a fact-check is stored as: its text is the claim, then its headline and context
 * (each a paragraph, so each is a passage the full-text index finds). The id depends on the
 * record's own id or URL and its claim, so importing the same database twice stores nothing new.
 */
export function factCheckDocument(fc: FactCheck, origin: string): Document {
  const paragraphs = [fc.claim];
  for (const p of [fc.title, ...fc.context]) if (p && !paragraphs.includes(p)) paragraphs.push(p);
  const doc = createDocument({
    origin,
    format: 'json',
    text: paragraphs.join('\n\n'),
    title: fc.title ?? fc.claim,
    outlet: fc.publisher,
    url: fc.url,
    published: fc.published,
  });
  return { ...doc, id: `fc-${documentId(`${fc.externalId ?? fc.url ?? ''}\n${fc.claim}`)}` };
}

export const fieldsOf = (fc: FactCheck): FactCheckFields => ({ claim: fc.claim, rating: fc.rating, claimant: fc.claimant, externalId: fc.externalId });

/** Stores fact-checks (one transaction); a record already stored (same id or URL) gets its fields refreshed. */
export async function addFactChecks(store: Store, records: readonly FactCheck[], origin: string): Promise<AddResult> {
  return addFactCheckBatches(store, [{ origin, records }]);
}

/** Fact-checks read from several files, stored in one transaction. */
export async function addFactCheckBatches(store: Store, batches: ReadonlyArray<{ origin: string; records: readonly FactCheck[] }>): Promise<AddResult> {
  const docs: Document[] = [];
  const fields = new Map<string, FactCheckFields>();
  for (const { origin, records } of batches) {
    for (const fc of records) {
      const d = factCheckDocument(fc, origin);
      if (fields.has(d.id)) continue;
      docs.push(d);
      fields.set(d.id, fieldsOf(fc));
    }
  }
  if (!docs.length) return { added: [], existing: [] };
  return store.add(docs, { kind: 'factcheck', factChecks: fields });
}
