import { annotate } from '../annotate/index.ts';
import type { Annotations, Claim, Document, EvidencePassage, EvidenceProvider, SourceRef } from '../model/index.ts';
import { createDocument, fold } from '../model/index.ts';
import { groupOrigins, type CopyRelation } from '../relate/index.ts';
import { claimQuery, passageStems, rerank } from '../retrieve/index.ts';
import { sameFactScore } from '../verify/compare/index.ts';
import { MIN_OVERLAP, overlap, wordsPadded } from '../verify/stance.ts';
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
  /** Sources of the same story whose every passage is a candidate for every claim (default 6). */
  storySources?: number;
}

/** Share of the article's people and organisations a source must name to count as the same story. */
const STORY_SOURCE_FLOOR = 0.3;
/** Passages taken from each same-story source per claim, and the least relevance they need. */
const STORY_PASSAGES = 2;
const STORY_MIN_RELEVANCE = 0.2;
/** Same-fact probability at which a same-story passage joins a claim's candidates whatever its words. */
const STORY_SAME_FACT = 0.5;

/** Whether a folded, padded text (" word word ") holds a word; always yes when the text is unknown. */
const namesIn = (padded: string | undefined) => (word: string): boolean => padded === undefined || padded.includes(` ${word} `);

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
      // The article's people and organisations, to tell a source about the same story from one
      // that merely shares words.
      const names = [...new Set((doc.annotations?.entities ?? [])
        .filter((e) => e.type === 'person' || e.type === 'organization')
        .map((e) => fold(e.text).split(/\s+/).pop() ?? '')
        .filter((w) => w.length > 2))];
      const story = new Map<string, number>();
      // Each source's words, folded and padded (" word word "), to ask whether it names someone.
      const sourceWords = new Map<string, string>();
      const storyOf = async (id: string): Promise<number> => {
        const known = story.get(id);
        if (known !== undefined) return known;
        const text = wordsPadded((await store.get(id))?.text ?? '');
        sourceWords.set(id, text);
        const share = names.length ? names.filter((n) => text.includes(` ${n} `)).length / names.length : 1;
        story.set(id, share);
        return share;
      };
      type Hit = SearchHit & { relevance: number };
      const hitsOf = new Map<string, { views: Claim[]; hits: SearchHit[] }>();
      // How many claims each source answers: a report of the same story answers many.
      const answers = new Map<string, number>();
      for (const claim of claims) {
        // The whole claim, and — when it carries several figures or dates — each one in its own
        // words, so that a passage about one fact of a long claim is still found.
        // One search with the claim's terms (names and figures first), re-ranked per view.
        const views = [claim, ...factViews(claim)];
        const q = claimQuery(claim);
        if (!q.terms.length) continue;
        // Articles only: a fact-check states the claim it reviews, which confirms nothing (matches go to claims[].factChecks).
        const hits = await store.search({ text: q.text, limit: (options.candidates ?? 25) + 10 * (views.length - 1), exclude, kind: 'article' });
        hitsOf.set(claim.id, { views, hits });
        for (const id of new Set(hits.map((h) => h.source.id))) answers.set(id, (answers.get(id) ?? 0) + 1);
      }
      // Every passage of the few sources that tell the same story joins each claim's candidates:
      // the sentence stating the same fact in other words is there even when the full-text
      // ranking, led by a figure that differs, put it below other stories' passages.
      const storySources: string[] = [];
      const ranked0 = [...answers].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1]).slice(0, options.storySources ?? 6);
      for (const [id] of ranked0) if (await storyOf(id) >= STORY_SOURCE_FLOOR) storySources.push(id);
      if (process.env.DEBUG_EVIDENCE) console.error('STORY', JSON.stringify(ranked0.map(([id, n]) => [id, n, story.get(id)])));
      const storyHits: SearchHit[] = [];
      for (const id of storySources) {
        const src = await store.get(id);
        if (!src) continue;
        const { text: _t, comments: _c, ...meta } = src;
        for (const passage of await store.passages(id)) storyHits.push({ passage, source: meta, score: 0 });
      }
      const stemCache = new Map<string, Set<string>>();
      const stemsOf = (h: SearchHit): Set<string> => {
        const key = `${h.passage.sourceId}:${h.passage.index}`;
        let s = stemCache.get(key);
        if (!s) stemCache.set(key, (s = passageStems(h.passage.text)));
        return s;
      };
      const annotationsOf = (h: SearchHit): Annotations => {
        const key = `${h.passage.sourceId}:${h.passage.index}`;
        let ann = annotated.get(key);
        if (!ann) {
          ann = annotate(createDocument({ origin: key, format: 'text', text: h.passage.text, published: h.source.published }));
          annotated.set(key, ann);
        }
        return ann;
      };
      const claimsById = new Map(claims.map((c) => [c.id, c]));
      const perClaim = new Map<string, Hit[]>();
      for (const [claimId, { views, hits }] of hitsOf) {
        const best = new Map<string, Hit>();
        const seen = new Set(hits.map((h) => `${h.passage.sourceId}:${h.passage.index}`));
        const pool = [...hits, ...storyHits.filter((h) => !seen.has(`${h.passage.sourceId}:${h.passage.index}`))]
          .map((x) => ({ ...x, text: x.passage.text, stems: stemsOf(x) }));
        for (const view of views) {
          for (const h of rerank(view, pool)) {
            const key = `${h.passage.sourceId}:${h.passage.index}`;
            if ((best.get(key)?.relevance ?? -1) < h.relevance) best.set(key, h);
          }
        }
        const sorted = [...best.values()].sort((a, b) => b.relevance - a.relevance);
        const ranked = sorted.filter((h) => h.relevance >= (options.minRelevance ?? 0.25)).slice(0, options.keep ?? 8);
        // And the closest passages of each same-story source: one of them is where that outlet
        // states the claim's fact, if it does; and the passage whose figure or date the same-fact
        // model aligns with the claim's, which may share few of its words.
        const claim = claimsById.get(claimId)!;
        for (const id of storySources) {
          const mine = sorted.filter((x) => x.source.id === id);
          for (const h of mine.filter((x) => x.relevance >= STORY_MIN_RELEVANCE).slice(0, STORY_PASSAGES)) {
            if (!ranked.includes(h)) ranked.push(h);
          }
          if (!claim.quantities.length && !claim.dates.length) continue;
          let best: { h: Hit; p: number } | null = null;
          for (const h of mine) {
            if (!/\d/.test(h.passage.text)) continue;
            const p = sameFactScore(claim, claim.text, { text: h.passage.text, annotations: annotationsOf(h) });
            if (p >= STORY_SAME_FACT && (!best || p > best.p)) best = { h, p };
          }
          if (best && !ranked.includes(best.h)) ranked.push(best.h);
        }
        // A passage holding too few of the claim's words is unrelated whatever it states: it is not
        // annotated and compared for nothing.
        const related = ranked.filter((h) => overlap(claim.text, h.passage.text) >= MIN_OVERLAP);
        perClaim.set(claimId, related);
        for (const h of related) {
          metas.set(h.source.id, h.source);
          await relationsOf(h.source.id);
        }
      }
      regroup();
      for (const id of new Set([...perClaim.values()].flat().map((h) => h.source.id))) await storyOf(id);
      const out = new Map<string, EvidencePassage[]>();
      for (const [id, ranked] of perClaim) {
        out.set(id, ranked.map((h) => {
          const ann = annotationsOf(h);
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
            sourceNames: namesIn(sourceWords.get(h.source.id)),
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
  if (!items.length) return [];
  return items.map((item) => {
    const from = Math.max(claim.span.start, item.span.start - 60);
    const to = Math.min(claim.span.end, item.span.end + 60);
    const text = claim.text.slice(from - claim.span.start, to - claim.span.start);
    const inside = <T extends { span: { start: number; end: number } }>(xs: T[]): T[] => xs.filter((x) => x.span.start >= from && x.span.end <= to);
    return { ...claim, text, span: { start: from, end: to }, quantities: inside(claim.quantities), dates: inside(claim.dates), entities: inside(claim.entities) };
  });
}
