import type { Claim, Document, RunContext, Span, Stage } from '../model/index.ts';
import { scoreClause, type ScoreOptions } from './score.ts';
import { splitClauses } from './split.ts';

export { defaultCheckworthinessModel, ruleScore, scoreClause, type ScoreOptions } from './score.ts';
export { splitClauses } from './split.ts';

export interface ClaimOptions {
  /** Clauses scoring below this are not reported as claims (0..1, default 0.5). */
  minScore?: number;
  /** The check-worthiness model: null scores by rule alone; default the shipped model when present. */
  model?: ScoreOptions['model'];
}

export const DEFAULT_MIN_SCORE = 0.5;

const within = (inner: Span, outer: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;

/**
 * Check-worthy, atomic claims: each sentence is split into clauses that carry their own facts,
 * each clause is scored, and those at or above `minScore` become claims with their figures,
 * dates, names, attribution and negation/hedging flags. Verification comes later; every claim
 * starts `unverified`.
 */
export function extractClaims(doc: Document, options: ClaimOptions = {}): Claim[] {
  const ann = doc.annotations;
  if (!ann) throw new Error('extractClaims needs annotations: run the annotate stage first');
  const min = options.minScore ?? DEFAULT_MIN_SCORE;
  const scoring: ScoreOptions = options.model === undefined ? {} : { model: options.model };
  const claims: Claim[] = [];
  ann.sentences.forEach((sentence, index) => {
    const attribution = ann.attributions.find((a) => within(a.span, sentence.span)) ?? null;
    const features = (span: Span) => ({
      text: doc.text.slice(span.start, span.end),
      quantities: ann.quantities.filter((q) => within(q.span, span)),
      dates: ann.dates.filter((d) => within(d.span, span)),
      entities: ann.entities.filter((e) => within(e.span, span)),
      attribution,
      cues: ann.cues.filter((c) => within(c.span, span)),
    });
    const parts = splitClauses(doc.text, sentence, ann);
    // A clause cut from a check-worthy sentence keeps most of the sentence's worth: the subject
    // or the figure it needs may sit in the other clause.
    const whole = parts.length > 1 ? scoreClause(features(sentence.span), scoring).score : 0;
    for (const span of parts) {
      const f = features(span);
      const { text, quantities, dates, entities, cues } = f;
      const own = scoreClause(f, scoring);
      const score = Math.max(own.score, Math.round((whole - 0.1) * 1000) / 1000);
      const why = score > own.score ? [...own.why, 'part of a check-worthy sentence'] : own.why;
      if (score < min) continue;
      claims.push({
        id: `claim-${claims.length + 1}`,
        text,
        span,
        sentence: index,
        checkworthiness: score,
        quantities,
        dates,
        entities,
        attribution: attribution ? { speaker: attribution.speaker, medium: attribution.medium } : null,
        hedged: cues.some((c) => c.kind === 'hedge'),
        negated: cues.some((c) => c.kind === 'negation'),
        why,
        verdict: 'unverified',
        confidence: 0,
        evidence: [],
        conflicts: [],
        factChecks: [],
      });
    }
  });
  return claims;
}

export const claimsStage: Stage = {
  name: 'claims',
  needs: ['annotations'],
  provides: 'claims',
  run(doc: Document, ctx: RunContext): void {
    doc.claims = extractClaims(doc, ctx.minScore !== undefined ? { minScore: ctx.minScore } : {});
  },
};
