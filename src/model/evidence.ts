import type { Annotations, Claim, Document, Span } from './document.ts';

/** A passage of a stored source, annotated, offered as possible evidence for a claim. */
export interface EvidencePassage {
  sourceId: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  /** The passage text; `annotations` spans point into it. */
  text: string;
  /** Where the passage lies in its source's text. */
  span: Span;
  annotations: Annotations;
  /** Retrieval score, higher is better (0..1 after re-ranking). */
  score: number;
  /** Id of the independent origin this source belongs to (itself unless it copies another). */
  origin: string;
  /**
   * How much the source is about the checked article's story: the share of the article's
   * people and organisations that the source names (0..1).
   */
  story: number;
  /**
   * Whether the source names a word anywhere in its text (folded: "zalewski"); absent when
   * unknown. Lets the comparison tell a person the source never mentions.
   */
  sourceNames?: (word: string) => boolean;
}

/** Finds evidence for claims; the pipeline builds one from the store, the verify stage consumes it. */
export interface EvidenceProvider {
  /** Candidate passages per claim id, best first. */
  forClaims(doc: Document, claims: Claim[]): Promise<Map<string, EvidencePassage[]>>;
  /** How many stored sources were considered, and their copy relations (for the report). */
  summary(): { considered: number; copies: Array<{ sourceId: string; of: string; similarity: number }>; independentOrigins: number };
}
