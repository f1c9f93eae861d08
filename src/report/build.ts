import type { Document } from '../model/index.ts';
import { SCHEMA_VERSION, type Report } from './schema.ts';
import { VERSION } from './version.ts';

/** Turn a document that went through the pipeline into the report contract. */
export function buildReport(doc: Document): Report {
  const meta = doc.metadata;
  const ann = doc.annotations;
  if (!meta || !ann || !doc.claims) throw new Error('buildReport needs metadata, annotations and claims');
  const declared: Report['article']['declared'] = {};
  const d = doc.declared;
  if (d.readingTimeMinutes !== undefined) declared.readingTimeMinutes = d.readingTimeMinutes;
  if (d.commentCount !== undefined) declared.commentCount = d.commentCount;
  if (d.wordCount !== undefined) declared.wordCount = d.wordCount;
  if (d.byline !== undefined) declared.byline = d.byline;
  if (d.published !== undefined) declared.published = d.published;
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'crosscheck', version: VERSION },
    article: {
      id: doc.id,
      origin: doc.origin,
      format: doc.format,
      title: doc.title,
      outlet: doc.outlet,
      url: doc.url,
      published: doc.published,
      byline: doc.byline,
      language: meta.language,
      languageConfidence: meta.languageConfidence,
      wordCount: meta.wordCount,
      readingTimeMinutes: meta.readingTimeMinutes,
      wordsPerMinute: meta.wordsPerMinute,
      declared,
      text: doc.text,
      derivedFrom: doc.derivedFrom ?? [],
    },
    messages: doc.messages,
    claims: doc.claims,
    annotations: {
      sentences: ann.sentences.length,
      entities: ann.entities,
      quantities: ann.quantities,
      dates: ann.dates,
      attributions: ann.attributions,
    },
    sources: doc.sources ?? { considered: 0, copies: [], independentOrigins: 0 },
    comments: commentsOf(doc),
  };
}

/** The comment section with the comment analysis when it ran (`analysed`), without it otherwise. */
function commentsOf(doc: Document): Report['comments'] {
  const a = doc.commentAnalysis;
  const found = new Map(a?.items.map((x) => [x.id, x]) ?? []);
  return {
    count: doc.comments.length,
    coordination: a ? a.coordination : null,
    analysed: a !== undefined,
    items: doc.comments.map((c) => {
      const f = found.get(c.id);
      return { ...c, flagged: f?.flagged ?? false, score: f?.score ?? 0, reasons: f?.reasons ?? [] };
    }),
    clusters: a ? a.clusters.map((c) => ({ ids: c.ids, kind: c.kind, similarity: c.similarity })) : [],
    ...(a ? { section: a.section } : {}),
  };
}
