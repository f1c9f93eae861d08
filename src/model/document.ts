/**
 * The one record that travels the pipeline.
 *
 * Coordinates: every `Span` is a pair of 0-based UTF-16 offsets into `Document.text`
 * (end exclusive), so `doc.text.slice(span.start, span.end)` is the quoted text. Comment
 * spans point into the comment's own `text`. This is the only convention in the project.
 */

export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A finding with a place (after vfile-message). */
export interface Message {
  ruleId: string;
  severity: Severity;
  reason: string;
  span?: Span;
  actual?: string;
  expected?: string;
  /** The stage that raised it. */
  source: string;
}

export type InputKind = 'text' | 'html' | 'markdown' | 'json';

/** Metadata the page itself declares (badges, bylines, counters). Never trusted, only compared. */
export interface DeclaredMetadata {
  readingTimeMinutes?: number;
  commentCount?: number;
  wordCount?: number;
  byline?: string;
  published?: string;
  /** The raw lines or markup the values came from, for messages. */
  evidence?: Record<string, string>;
}

export interface Comment {
  id: string;
  text: string;
  author?: string;
  published?: string;
  replyTo?: string;
  /** True when `replyTo` was inferred from the text (a reply opener) rather than shown by markup. */
  replyInferred?: boolean;
}

export interface ComputedMetadata {
  wordCount: number;
  /** Words per minute used for `readingTimeMinutes` (documented in docs/report-format.md). */
  wordsPerMinute: number;
  readingTimeMinutes: number;
  language: string;
  languageConfidence: number;
}

export interface Sentence {
  span: Span;
  text: string;
  /** Grammatical tense of the main verb phrase, used to resolve relative dates. */
  tense: 'past' | 'present' | 'future';
}

export type EntityType = 'person' | 'organization' | 'place' | 'other';

export interface Entity {
  text: string;
  type: EntityType;
  span: Span;
  /** Folded, title-less form used to match variants ("Pawel Zalewski"). */
  key?: string;
}

export interface Quantity {
  text: string;
  /** Plain number after scale words; for a range, the lower bound (see min/max). */
  value: number;
  /** Normalised unit: "km", "mi", "%", "pp", ISO currency code, ... ; null for counts. */
  unit: string | null;
  span: Span;
  min?: number;
  max?: number;
  /** Rounding/bound qualifier: "about", "more than", "up to", ... */
  approx?: 'about' | 'at least' | 'at most' | 'more than' | 'less than' | 'exactly';
  /** The counted or measured noun when one follows ("mines", "border"). */
  noun?: string;
}

export interface DateMention {
  text: string;
  /** ISO date or partial date ("2026-02", "2016"); null when no reference date allowed resolving it. */
  value: string | null;
  span: Span;
  granularity: 'day' | 'month' | 'year' | 'decade' | 'unknown';
  /** "by"/"until"/"since"/"before"/"after" when the date is a bound, not a point. */
  relation?: 'by' | 'until' | 'since' | 'before' | 'after' | 'on';
  /** True when the value came from a relative expression ("on Friday", "next year"). */
  relative?: boolean;
}

export interface Attribution {
  speaker: string | null;
  medium: string | null;
  span: Span;
  /** What is attributed: the quote or clause. */
  content?: Span;
  kind: 'quote' | 'said' | 'according-to' | 'told' | 'interview';
}

export interface ModalityCue {
  kind: 'negation' | 'hedge';
  text: string;
  span: Span;
}

export interface Annotations {
  sentences: Sentence[];
  entities: Entity[];
  quantities: Quantity[];
  dates: DateMention[];
  attributions: Attribution[];
  cues: ModalityCue[];
}

export type Verdict = 'supported' | 'contradicted' | 'disputed' | 'unverified';
export type Stance = 'agree' | 'disagree' | 'discuss' | 'unrelated';

export interface Evidence {
  sourceId: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  passage: string;
  span: Span;
  stance: Stance;
  score: number;
  /** When the source appeared relative to the checked article; null when either date is unknown. */
  timing: 'earlier' | 'same day' | 'later' | null;
}

export interface Conflict {
  kind: 'quantity' | 'date' | 'entity' | 'negation' | 'attribution' | 'other';
  claimValue: string;
  sourceValue: string;
  sourceId: string;
  passage: string;
  reason: string;
}

export interface FactCheckMatch {
  claim: string;
  rating: string;
  url: string | null;
  publisher: string | null;
  similarity: number;
}

export interface Claim {
  id: string;
  text: string;
  span: Span;
  /** Index of the sentence the claim comes from. */
  sentence: number;
  checkworthiness: number;
  quantities: Quantity[];
  dates: DateMention[];
  entities: Entity[];
  attribution: { speaker: string | null; medium: string | null } | null;
  hedged: boolean;
  negated: boolean;
  /** Human-readable reasons for the check-worthiness score. */
  why: string[];
  verdict: Verdict;
  confidence: number;
  evidence: Evidence[];
  conflicts: Conflict[];
  factChecks: FactCheckMatch[];
}

export interface SourceRef {
  sourceId: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  similarity: number;
}

export interface Document {
  /** Content hash of the body text: stable for the same article. */
  id: string;
  /** Where it came from: file path, URL, "-" for stdin, or a name given by the caller. */
  origin: string;
  /** A feed item's guid (or link): the same item across polls. */
  guid?: string;
  format: InputKind;
  title: string | null;
  outlet: string | null;
  url: string | null;
  /** ISO date (or date-time) of publication when known. */
  published: string | null;
  byline: string | null;
  /** The body text; all spans point into it. */
  text: string;
  declared: DeclaredMetadata;
  comments: Comment[];
  messages: Message[];
  /** Filled by stages. */
  metadata?: ComputedMetadata;
  annotations?: Annotations;
  claims?: Claim[];
  derivedFrom?: SourceRef[];
  /** Filled by verification: what was considered and how the sources relate. */
  sources?: { considered: number; copies: Array<{ sourceId: string; of: string; similarity: number }>; independentOrigins: number };
  /** Filled by the comments stage: coordination, templates and spam in the comment section. */
  commentAnalysis?: CommentAnalysis;
}

/** One comment's verdict from the comment analysis (src/comments). */
export interface CommentFinding {
  id: string;
  flagged: boolean;
  /** 0..1: how strongly the comment looks templated, coordinated or promotional. */
  score: number;
  /** Readable reasons, strongest first. */
  reasons: string[];
}

export interface CommentCluster {
  ids: string[];
  kind: 'near-duplicate' | 'paraphrase' | 'template' | 'reply-opener' | 'spam' | 'reuse';
  /** Mean similarity of the pairs that joined the cluster (for reply openers: share of replies using them). */
  similarity: number;
}

export interface CommentAnalysis {
  /** 0..1: how much the section as a whole looks coordinated. */
  coordination: number;
  items: CommentFinding[];
  clusters: CommentCluster[];
  /** The section-level measures coordination is built from, for the report and the docs. */
  section: { phrases: number; paraphrase: number; openers: number; uniformity: number };
}

/** Options shared by every stage run. */
export interface RunContext {
  /** Reference date for resolving relative dates when the document has none (ISO). */
  referenceDate?: string;
  /** Words per minute for reading time. */
  wordsPerMinute?: number;
  /** Minimum check-worthiness for a clause to be reported as a claim. */
  minScore?: number;
  /** Where verification finds evidence; without it every claim stays unverified. */
  evidence?: import('./evidence.ts').EvidenceProvider;
}

export function message(
  source: string,
  ruleId: string,
  severity: Severity,
  reason: string,
  extra: { span?: Span; actual?: string; expected?: string } = {},
): Message {
  const m: Message = { ruleId, severity, reason, source };
  if (extra.span) m.span = extra.span;
  if (extra.actual !== undefined) m.actual = extra.actual;
  if (extra.expected !== undefined) m.expected = extra.expected;
  return m;
}
