import type { Annotations, Document, RunContext, Stage } from '../model/index.ts';
import { message } from '../model/index.ts';
import { findAttributions } from './attribution.ts';
import { findDates } from './dates.ts';
import { findEntities } from './entities.ts';
import { findCues } from './modality.ts';
import { findQuantities } from './quantities.ts';
import { splitSentences } from './sentences.ts';

export { nameKey, fullName } from './entities.ts';
export { splitSentences, tenseOf } from './sentences.ts';

export interface AnnotateOptions {
  /** ISO date used for relative dates when the document has no publication date. */
  referenceDate?: string;
}

/**
 * Annotate the body: sentences (with tense), entities, quantities, dates resolved against the
 * publication date, attributions and negation/hedging cues. Pure: the same text and date give
 * the same annotations.
 */
export function annotate(doc: Document, options: AnnotateOptions = {}): Annotations {
  const text = doc.text;
  const sentences = splitSentences(text);
  const entities = findEntities(text, sentences);
  const reference = doc.published ?? options.referenceDate ?? null;
  const dates = findDates(text, sentences, reference ? reference.slice(0, 10) : null);
  const quantities = findQuantities(text).filter(
    (q) => !dates.some((d) => d.span.start < q.span.end && q.span.start < d.span.end),
  );
  const attributions = findAttributions(text, sentences, entities);
  const cues = findCues(text);
  if (!reference && dates.some((d) => d.relative)) {
    const first = dates.find((d) => d.relative)!;
    doc.messages.push(
      message('annotate', 'annotate/unresolved-relative-date', 'info',
        `Relative date "${first.text}" left unresolved: the page gives no publication date (pass --reference-date)`,
        { span: first.span }),
    );
  }
  return { sentences, entities, quantities, dates, attributions, cues };
}

/** Stage wrapper for the pipeline. */
export const annotateStage: Stage = {
  name: 'annotate',
  needs: [],
  provides: 'annotations',
  run(doc: Document, ctx: RunContext): void {
    doc.annotations = annotate(doc, ctx.referenceDate ? { referenceDate: ctx.referenceDate } : {});
  },
};
