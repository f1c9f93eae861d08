import type { ComputedMetadata, Document, Message, RunContext, Stage } from '../model/index.ts';
import { message } from '../model/index.ts';
import { detectLanguage } from './language.ts';

export { detectLanguage } from './language.ts';

/**
 * Silent reading speed of adult readers for English non-fiction, in words per minute
 * (Brysbaert 2019, "How many words do we read per minute?", a meta-analysis of 190 studies).
 */
export const WORDS_PER_MINUTE = 238;

const WORD = /[\p{L}\p{N}]+(?:[’'.,-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

export function readingTime(words: number, wpm = WORDS_PER_MINUTE): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / wpm));
}

export interface MetadataResult {
  metadata: ComputedMetadata;
  messages: Message[];
}

/** Word count, reading time and language, and warnings where the page's own claims are implausible. */
export function computeMetadata(doc: Document, options: { wordsPerMinute?: number } = {}): MetadataResult {
  const wpm = options.wordsPerMinute ?? WORDS_PER_MINUTE;
  const wordCount = countWords(doc.text);
  const readingTimeMinutes = readingTime(wordCount, wpm);
  const { language, confidence } = detectLanguage(doc.text);
  const messages: Message[] = [];
  const m = (ruleId: string, severity: Message['severity'], reason: string, extra: { actual?: string; expected?: string } = {}): void => {
    messages.push(message('metadata', ruleId, severity, reason, extra));
  };
  if (wordCount === 0 && !doc.messages.some((x) => x.ruleId === 'ingest/no-body')) m('metadata/no-body', 'error', 'The page has no body text to check');
  if (language !== 'en' && language !== 'und') {
    m('metadata/non-english', 'warning',
      `The text looks like "${language}", not English: entities, dates and claims are tuned for English and may be missed`,
      { actual: language, expected: 'en' });
  }
  const declared = doc.declared.readingTimeMinutes;
  if (declared !== undefined && wordCount > 0) {
    const tolerance = Math.max(2, readingTimeMinutes);
    if (Math.abs(declared - readingTimeMinutes) > tolerance) {
      m('metadata/implausible-reading-time', 'warning',
        `Declared reading time ${declared} min is implausible for ${wordCount} words (about ${readingTimeMinutes} min at ${wpm} words a minute)`,
        { actual: `${declared} min`, expected: `${readingTimeMinutes} min` });
    }
  }
  const declaredWords = doc.declared.wordCount;
  if (declaredWords !== undefined && Math.abs(declaredWords - wordCount) > Math.max(20, wordCount * 0.2)) {
    m('metadata/word-count-mismatch', 'warning', `Declared word count ${declaredWords} differs from the ${wordCount} words found`,
      { actual: String(declaredWords), expected: String(wordCount) });
  }
  const declaredComments = doc.declared.commentCount;
  if (declaredComments !== undefined && declaredComments !== doc.comments.length) {
    m('metadata/comment-count-mismatch', 'warning',
      `The page declares ${declaredComments} comments but ${doc.comments.length} were found`,
      { actual: String(doc.comments.length), expected: String(declaredComments) });
  }
  if (!doc.published) m('metadata/no-date', 'info', 'No publication date found; relative dates cannot be resolved without --reference-date');
  return {
    metadata: { wordCount, wordsPerMinute: wpm, readingTimeMinutes, language, languageConfidence: confidence },
    messages,
  };
}

export const metadataStage: Stage = {
  name: 'metadata',
  needs: [],
  provides: 'metadata',
  run(doc: Document, ctx: RunContext): void {
    const r = computeMetadata(doc, ctx.wordsPerMinute ? { wordsPerMinute: ctx.wordsPerMinute } : {});
    doc.metadata = r.metadata;
    doc.messages.push(...r.messages);
  },
};
