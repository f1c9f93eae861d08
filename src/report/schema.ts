import { z } from 'zod';

/** The report contract (docs/report-format.md). Field names are a public interface. */
export const SCHEMA_VERSION = 1;

const span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
const severity = z.enum(['error', 'warning', 'info']);

export const messageSchema = z.object({
  ruleId: z.string(),
  severity,
  reason: z.string(),
  span: span.optional(),
  actual: z.string().optional(),
  expected: z.string().optional(),
  source: z.string(),
});

export const quantitySchema = z.object({
  text: z.string(),
  value: z.number(),
  unit: z.string().nullable(),
  span,
  min: z.number().optional(),
  max: z.number().optional(),
  approx: z.enum(['about', 'at least', 'at most', 'more than', 'less than', 'exactly']).optional(),
  noun: z.string().optional(),
});

export const dateSchema = z.object({
  text: z.string(),
  value: z.string().nullable(),
  span,
  granularity: z.enum(['day', 'month', 'year', 'decade', 'unknown']),
  relation: z.enum(['by', 'until', 'since', 'before', 'after', 'on']).optional(),
  relative: z.boolean().optional(),
});

export const entitySchema = z.object({
  text: z.string(),
  type: z.enum(['person', 'organization', 'place', 'other']),
  span,
  key: z.string().optional(),
});

const evidenceSchema = z.object({
  sourceId: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
  passage: z.string(),
  span,
  stance: z.enum(['agree', 'disagree', 'discuss', 'unrelated']),
  score: z.number(),
  timing: z.enum(['earlier', 'same day', 'later']).nullable(),
});

const conflictSchema = z.object({
  kind: z.enum(['quantity', 'date', 'entity', 'negation', 'attribution', 'other']),
  claimValue: z.string(),
  sourceValue: z.string(),
  sourceId: z.string(),
  passage: z.string(),
  reason: z.string(),
});

const factCheckSchema = z.object({
  claim: z.string(),
  rating: z.string(),
  url: z.string().nullable(),
  publisher: z.string().nullable(),
  similarity: z.number(),
});

export const claimSchema = z.object({
  id: z.string(),
  text: z.string(),
  span,
  sentence: z.number().int(),
  checkworthiness: z.number().min(0).max(1),
  quantities: z.array(quantitySchema),
  dates: z.array(dateSchema),
  entities: z.array(entitySchema),
  attribution: z.object({ speaker: z.string().nullable(), medium: z.string().nullable() }).nullable(),
  hedged: z.boolean(),
  negated: z.boolean(),
  why: z.array(z.string()),
  verdict: z.enum(['supported', 'contradicted', 'disputed', 'unverified']),
  confidence: z.number().min(0).max(1),
  evidence: z.array(evidenceSchema),
  conflicts: z.array(conflictSchema),
  factChecks: z.array(factCheckSchema),
});

const sourceRefSchema = z.object({
  sourceId: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  similarity: z.number(),
});

export const commentItemSchema = z.object({
  id: z.string(),
  text: z.string(),
  author: z.string().optional(),
  published: z.string().optional(),
  replyTo: z.string().optional(),
  replyInferred: z.boolean().optional(),
  flagged: z.boolean(),
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generator: z.object({ name: z.literal('crosscheck'), version: z.string() }),
  article: z.object({
    id: z.string(),
    origin: z.string(),
    format: z.enum(['text', 'html', 'markdown', 'json']),
    title: z.string().nullable(),
    outlet: z.string().nullable(),
    url: z.string().nullable(),
    published: z.string().nullable(),
    byline: z.string().nullable(),
    language: z.string(),
    languageConfidence: z.number(),
    wordCount: z.number().int().min(0),
    readingTimeMinutes: z.number().min(0),
    wordsPerMinute: z.number().positive(),
    declared: z.object({
      readingTimeMinutes: z.number().optional(),
      commentCount: z.number().optional(),
      wordCount: z.number().optional(),
      byline: z.string().optional(),
      published: z.string().optional(),
    }),
    text: z.string(),
    derivedFrom: z.array(sourceRefSchema),
  }),
  messages: z.array(messageSchema),
  claims: z.array(claimSchema),
  annotations: z.object({
    sentences: z.number().int(),
    entities: z.array(entitySchema),
    quantities: z.array(quantitySchema),
    dates: z.array(dateSchema),
    attributions: z.array(z.object({
      speaker: z.string().nullable(),
      medium: z.string().nullable(),
      span,
      kind: z.enum(['quote', 'said', 'according-to', 'told', 'interview']),
      content: span.optional(),
    })),
  }),
  sources: z.object({
    considered: z.number().int().min(0),
    copies: z.array(z.object({ sourceId: z.string(), of: z.string(), similarity: z.number() })),
    independentOrigins: z.number().int().min(0),
  }),
  comments: z.object({
    count: z.number().int().min(0),
    /** 0..1 once the comment analysis has run; null while it has not (see `analysed`). */
    coordination: z.number().min(0).max(1).nullable(),
    analysed: z.boolean(),
    items: z.array(commentItemSchema),
    clusters: z.array(z.object({ ids: z.array(z.string()), kind: z.string(), similarity: z.number() })),
    /** What the coordination is built from (0..1 each), once the analysis has run. */
    section: z.object({ phrases: z.number(), paraphrase: z.number(), openers: z.number(), uniformity: z.number() }).optional(),
  }),
});

export type Report = z.infer<typeof reportSchema>;
