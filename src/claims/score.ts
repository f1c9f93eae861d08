import { checkworthinessScore, loadCheckworthinessModel, type CheckworthinessModel } from '../learn/checkworthiness/model.ts';
import type { Attribution, DateMention, Entity, ModalityCue, Quantity } from '../model/index.ts';

export interface ClauseFeatures {
  text: string;
  quantities: Quantity[];
  dates: DateMention[];
  entities: Entity[];
  attribution: Attribution | null;
  cues: ModalityCue[];
}

const OPINION = /\b(I|we)\s+(think|believe|feel|hope|wish|guess|suppose)\b|\bin my (opinion|view)\b|\b(should|ought to|must)\b|\b(shameful|disgraceful|wonderful|terrible|awful|outrageous|great|troubling|concerning)\b/i;
const EVENT_VERB = /\b(withdr[ae]w\w*|announc\w+|sign\w*|ratif\w+|approv\w+|reject\w+|launch\w+|open\w*|clos\w+|kill\w*|injur\w+|arrest\w+|elect\w+|won|lost|deploy\w*|produc\w+|build\w*|built|began|begin\w*|start\w*|complet\w+|destroy\w*|destruction|invad\w+|invasion|ban\w*|prohibit\w+|join\w*|shar\w+|suppl\w+|export\w*|import\w*|cost\w*|fund\w*|pa(?:id|y\w*)|rais\w+|cut\w*|increas\w+|decreas\w+|fell|rose|grew|reach\w*|record\w*|measur\w+|border\w*|stretch\w*|employ\w*|hir\w+|fir\w+|resign\w*|appoint\w+|confirm\w+|condemn\w+|decid\w+|decision|agree\w*|vot\w+|pass\w*|fined?|charg\w+|sentenc\w+|convict\w+)\b/i;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Check-worthiness by rule: figures, dates, named parties and event verbs raise the score;
 * opinion wording, questions and very short clauses lower it. Each contribution is a reason.
 */
export function ruleScore(f: ClauseFeatures): { score: number; why: string[] } {
  const why: string[] = [];
  let x = -1.3;
  const words = f.text.split(/\s+/).filter(Boolean).length;
  const named = f.entities.filter((e) => e.type !== 'other');
  if (f.quantities.length) { x += 1.2 + 0.4 * Math.min(f.quantities.length - 1, 2); why.push(`states ${f.quantities.length === 1 ? 'a figure' : `${f.quantities.length} figures`}`); }
  if (f.dates.length) { x += 0.8 + 0.2 * Math.min(f.dates.length - 1, 2); why.push(`names ${f.dates.length === 1 ? 'a date' : `${f.dates.length} dates`}`); }
  const others = f.entities.length - named.length;
  if (named.length) { x += 0.45 * Math.min(named.length, 3); why.push(`names ${named.length === 1 ? 'one person, place or organisation' : `${named.length} people, places or organisations`}`); }
  if (others) { x += 0.25 * Math.min(others, 2); why.push(`names ${others === 1 ? 'another proper noun' : `${others} other proper nouns`}`); }
  if (EVENT_VERB.test(f.text)) { x += 0.7; why.push('reports an event or a measurable fact'); }
  if (f.attribution) { x += 0.3; why.push('attributed to a named source'); }
  const outsideQuotes = f.text.replace(/[“"][^”"]*[”"]/g, ' ');
  if (OPINION.test(outsideQuotes)) { x -= 1.2; why.push('opinion wording (lowers the score)'); }
  if (/\?\s*$/.test(f.text)) { x -= 1.5; why.push('a question (lowers the score)'); }
  if (words < 6) { x -= 1.2; why.push('too short to check (lowers the score)'); }
  if (/^[“"]/.test(f.text.trim()) && !f.quantities.length && !f.dates.length) { x -= 0.4; why.push('a quotation without figures or dates (lowers the score)'); }
  return { score: Math.round(sigmoid(x) * 1000) / 1000, why };
}

/**
 * The shipped check-worthiness model (trained on CheckThat! 2024 English), or null when
 * `models/checkworthiness.json` is missing or unusable: scoring then falls back to the rule.
 */
export function defaultCheckworthinessModel(): CheckworthinessModel | null {
  const r = loadCheckworthinessModel();
  return r.ok ? r.value : null;
}

export interface ScoreOptions {
  /** The trained model; null for the rule alone; the shipped model when undefined. */
  model?: CheckworthinessModel | null;
}

/**
 * Check-worthiness of a clause: the mean of the trained model's score (re-centred so that 0.5
 * is its Yes/No threshold) and the rule's score, so that figures, dates and names found by the
 * annotators still count. Without a model, the rule alone.
 */
export function scoreClause(f: ClauseFeatures, options: ScoreOptions = {}): { score: number; why: string[] } {
  const rule = ruleScore(f);
  const model = options.model === undefined ? defaultCheckworthinessModel() : options.model;
  if (!model) return rule;
  const m = checkworthinessScore(model, f.text);
  const score = Math.round(((m + rule.score) / 2) * 1000) / 1000;
  return { score, why: [...rule.why, `the check-worthiness model rates it ${Math.round(m * 100) / 100}${m >= 0.5 ? ' (check-worthy)' : ' (not check-worthy)'}`] };
}
