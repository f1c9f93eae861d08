import { message, type Document, type Stage } from '../model/index.ts';
import { analyseComments, THRESHOLDS, type AnalyseOptions } from './analyse.ts';
import { loadSpamScorer } from './spam.ts';

export { analyseComments, THRESHOLDS, type AnalyseOptions, type SpamScorer } from './analyse.ts';
export { loadSpamScorer, spamCues } from './spam.ts';
export { clusterTexts, commentShingles, SignatureTable, groupsOf, type LshOptions } from './lsh.ts';

export type CommentsOptions = Omit<AnalyseOptions, 'articleText'>;

/**
 * Analyse a document's comment section against its own text; fills `doc.commentAnalysis`. The
 * shipped spam classifier is used unless `spam` is given (null turns the signal off).
 */
export function analyseDocumentComments(doc: Document, options: CommentsOptions = {}): Document {
  const spam = options.spam === undefined ? loadSpamScorer() : options.spam;
  const a = analyseComments(doc.comments, { ...options, spam, articleText: doc.text });
  doc.commentAnalysis = a;
  const flagged = a.items.filter((x) => x.flagged).length;
  if (a.coordination >= THRESHOLDS.coordinated) {
    doc.messages.push(message('comments', 'comments/coordinated', 'warning',
      `The comment section reads as coordinated (coordination ${a.coordination.toFixed(2)}): ${flagged} of ${a.items.length} comments look templated or coordinated`,
      { actual: a.coordination.toFixed(2), expected: `below ${THRESHOLDS.coordinated}` }));
  } else if (flagged) {
    doc.messages.push(message('comments', 'comments/flagged', 'info',
      `${flagged} of ${a.items.length} comments look duplicated, templated or promotional; the section as a whole does not read as coordinated (coordination ${a.coordination.toFixed(2)})`));
  }
  return doc;
}

/**
 * The comments stage with options, e.g. `reused` (the comments also found under other stored
 * articles, which `check` looks up in its store).
 */
export function commentsStageWith(options: CommentsOptions): Stage {
  return {
    name: 'comments',
    needs: [],
    provides: 'commentAnalysis',
    run(doc) {
      analyseDocumentComments(doc, options);
    },
  };
}

/** The comments stage: templated, coordinated and promotional comments (docs/comments.md). */
export const commentsStage: Stage = commentsStageWith({});
