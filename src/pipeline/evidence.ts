import { annotate } from '../annotate/index.ts';
import type { Annotations, Claim, Document, EvidencePassage, EvidenceProvider, SourceRef } from '../model/index.ts';
import { createDocument, fold } from '../model/index.ts';
import { groupOrigins, type CopyRelation } from '../relate/index.ts';
import { claimQuery, rerank } from '../retrieve/index.ts';
import type { Relation, SearchHit, SourceMeta, Store } from '../store/index.ts';
import { findRelations, signatureOf } from './sources.ts';

export interface EvidenceOptions {
  /** Source ids never used as evidence (besides the checked article itself). */
  exclude?: string[];
  /** Full-text candidates fetched per claim (default 25). */
  candidates?: number;
  /** Passages kept per claim after re-ranking (default 8). */
  keep?: number;
  /** Lowest re-ranked relevance kept (0..1, default 0.25). */
  minRelevance?: number;
}

/**
 * Evidence from the store: full-text candidates per claim, re-ranked by the claim's names,
 * figures and words, annotated, each tagged with its independent origin (copies of one wire
 * story share one origin).
 */
export function storeEvidence(store: Store, options: EvidenceOptions = {}): EvidenceProvider & {
  derivedFrom(doc: Document): Promise<SourceRef[]>;
  /** Leave these sources out of the evidence (the article's own origin is no independent confirmation). */
  exclude(ids: string[]): void;
} {
  const excluded = new Set(options.exclude ?? []);
  const annotated = new Map<string, Annotations>();
  const metas = new Map<string, SourceMeta>();
  const relations = new Map<string, Relation>();
  const seenRelations = new Set<string>();
  let origins = new Map<string, string>();

  const relationsOf = async (id: string): Promise<void> => {
    if (seenRelations.has(id)) return;
    seenRelations.add(id);
    for (const r of await store.relations(id)) relations.set(`${r.from}>${r.to}`, r);
  };
  const regroup = (): void => {
    const ids = [...metas.keys()];
    const published = new Map(ids.map((id) => [id, metas.get(id)!.published]));
    const rels: CopyRelation[] = [...relations.values()].filter((r) => metas.has(r.from) && metas.has(r.to));
    origins = new Map();
    for (const g of groupOrigins(ids, rels, published)) for (const m of g.members) origins.set(m, g.origin);
  };

  const provider = {
    async forClaims(doc: Document, claims: Claim[]): Promise<Map<string, EvidencePassage[]>> {
      const exclude = [doc.id, ...excluded];
      const perClaim = new Map<string, Array<SearchHit & { relevance: number }>>();
      for (const claim of claims) {
        // The whole claim, and — when it carries several figures or dates — each one in its own
        // words, so that a passage about one fact of a long claim is still found.
        // One search with the claim's terms (names and figures first), re-ranked per view.
        const best = new Map<string, SearchHit & { relevance: number }>();
        const views = [claim, ...factViews(claim)];
        const q = claimQuery(claim);
        if (!q.terms.length) continue;
        const hits = await store.search({ text: q.text, limit: (options.candidates ?? 25) + 10 * (views.length - 1), exclude });
        for (const view of views) {
          for (const h of rerank(view, hits.map((x) => ({ ...x, text: x.passage.text })))) {
            const key = `${h.passage.sourceId}:${h.passage.index}`;
            if ((best.get(key)?.relevance ?? -1) < h.relevance) best.set(key, h);
          }
        }
        const ranked = [...best.values()]
          .sort((a, b) => b.relevance - a.relevance)
          .filter((h) => h.relevance >= (options.minRelevance ?? 0.25))
          .slice(0, options.keep ?? 8);
        perClaim.set(claim.id, ranked);
        for (const h of ranked) {
          metas.set(h.source.id, h.source);
          await relationsOf(h.source.id);
        }
      }
      regroup();
      // The article's people and organisations, to tell a source about the same story from one
      // that merely shares words.
      const names = [...new Set((doc.annotations?.entities ?? [])
        .filter((e) => e.type === 'person' || e.type === 'organization')
        .map((e) => fold(e.text).split(/\s+/).pop() ?? '')
        .filter((w) => w.length > 2))];
      const story = new Map<string, number>();
      for (const id of new Set([...perClaim.values()].flat().map((h) => h.source.id))) {
        if (!names.length) { story.set(id, 1); continue; }
        const text = ` ${fold((await store.get(id))?.text ?? '').replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
        story.set(id, names.filter((n) => text.includes(` ${n} `)).length / names.length);
      }
      const out = new Map<string, EvidencePassage[]>();
      for (const [id, ranked] of perClaim) {
        out.set(id, ranked.map((h) => {
          const key = `${h.passage.sourceId}:${h.passage.index}`;
          let ann = annotated.get(key);
          if (!ann) {
            ann = annotate(createDocument({ origin: key, format: 'text', text: h.passage.text, published: h.source.published }));
            annotated.set(key, ann);
          }
          return {
            sourceId: h.source.id,
            title: h.source.title,
            outlet: h.source.outlet,
            url: h.source.url,
            published: h.source.published,
            text: h.passage.text,
            span: h.passage.span,
            annotations: ann,
            score: h.relevance,
            origin: origins.get(h.source.id) ?? h.source.id,
            story: story.get(h.source.id) ?? 0,
          };
        }));
      }
      return out;
    },
    summary() {
      const copies = [...relations.values()]
        .filter((r) => metas.has(r.from) && metas.has(r.to))
        .map((r) => ({ sourceId: r.from, of: r.to, similarity: r.similarity }));
      return { considered: metas.size, copies, independentOrigins: new Set([...metas.keys()].map((id) => origins.get(id) ?? id)).size };
    },
    exclude(ids: string[]): void {
      for (const id of ids) excluded.add(id);
    },
    /** Stored sources the checked article copies or rewrites. */
    async derivedFrom(doc: Document): Promise<SourceRef[]> {
      const rels = await findRelations(store, [doc], new Map([[doc.id, signatureOf(doc)]]));
      const refs: SourceRef[] = [];
      for (const r of rels) {
        if (r.from !== doc.id || r.to === doc.id) continue;
        const s = await store.get(r.to);
        if (s) refs.push({ sourceId: s.id, title: s.title, outlet: s.outlet, url: s.url, similarity: r.similarity });
      }
      return refs.sort((a, b) => b.similarity - a.similarity);
    },
  };
  return provider;
}

/** One narrower view of a claim per figure or date: the words around it, with that item only. */
function factViews(claim: Claim): Claim[] {
  const items = [...claim.quantities, ...claim.dates];
  if (items.length < 2) return [];
  return items.map((item) => {
    const from = Math.max(claim.span.start, item.span.start - 60);
    const to = Math.min(claim.span.end, item.span.end + 60);
    const text = claim.text.slice(from - claim.span.start, to - claim.span.start);
    const inside = <T extends { span: { start: number; end: number } }>(xs: T[]): T[] => xs.filter((x) => x.span.start >= from && x.span.end <= to);
    return { ...claim, text, span: { start: from, end: to }, quantities: inside(claim.quantities), dates: inside(claim.dates), entities: inside(claim.entities) };
  });
}
