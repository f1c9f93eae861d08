import type { Annotations, Conflict, Span } from '../../model/index.ts';

/** A passage from another source, annotated; every span in `annotations` points into `text`. */
export interface AnnotatedPassage {
  sourceId: string;
  text: string;
  annotations: Annotations;
  published?: string | null;
}

/**
 * One comparison between the claim and the passage: the same value (agree) or a different one.
 * `weight` (0..1) says how much it should count: an exact match of aligned figures weighs 1, a
 * value that only fits a bound ("more than …") or a hedged statement weighs less.
 */
export interface Finding {
  kind: Conflict['kind'];
  claimValue: string;
  sourceValue: string;
  reason: string;
  agree: boolean;
  weight: number;
  /** Where in the passage the compared value is (0-based UTF-16 offsets into the passage text). */
  span?: Span;
}

export function finding(
  kind: Conflict['kind'],
  agree: boolean,
  claimValue: string,
  sourceValue: string,
  reason: string,
  weight: number,
  span?: Span,
): Finding {
  const f: Finding = { kind, claimValue, sourceValue, reason, agree, weight: Math.round(Math.max(0, Math.min(1, weight)) * 100) / 100 };
  if (span) f.span = span;
  return f;
}

/** A finding as the modules return it: `soft` marks a difference too weak to be a conflict. */
export interface Found extends Finding {
  soft?: boolean;
}
