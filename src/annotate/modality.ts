import type { ModalityCue } from '../model/index.ts';

const NEGATION = /\b(not|never|no longer|no|neither|nor|none|nobody|nothing|cannot|(?:can|won|don|doesn|didn|isn|aren|wasn|weren|hasn|haven|hadn|wouldn|shouldn|couldn)[’']t|without|refused to|declined to|failed to|denied)\b/gi;
const HEDGE = /\b(could|may|might|would(?: only)?|plans? to|planned to|planning to|intends? to|intended to|aims? to|aimed to|hopes? to|hoped|hoping|expects? to|expected to|is expected|are expected|likely|unlikely|possibly|potentially|perhaps|probably|reportedly|allegedly|apparently|appears? to|seems? to|suggests?|suggested|estimated|believed to|is set to|are set to|considering|consider|proposed|ultimately|if|unless)\b/gi;

/** Negation and hedging cue words ("did not", "plans to", "could", "would only … when"). */
export function findCues(text: string): ModalityCue[] {
  const cues: ModalityCue[] = [];
  for (const [re, kind] of [[NEGATION, 'negation'], [HEDGE, 'hedge']] as const) {
    for (const m of text.matchAll(re)) {
      // "No." as an answer and "May" the month are not cues.
      if (m[0] === 'May' || (kind === 'negation' && /^no$/i.test(m[0]) && /^\s*[.,]/.test(text.slice(m.index + 2)))) continue;
      cues.push({ kind, text: m[0], span: { start: m.index, end: m.index + m[0].length } });
    }
  }
  return cues.sort((a, b) => a.span.start - b.span.start);
}
