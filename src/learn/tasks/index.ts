import { CHECKWORTHINESS_EVAL, CHECKWORTHINESS_TASK } from './checkworthiness.ts';
import { CLAIM_MATCHING_EVAL, CLAIM_MATCHING_TASK } from './claim-matching.ts';
import { COMMENT_SPAM_EVAL, COMMENT_SPAM_TASK } from './comment-spam.ts';
import { EVIDENCE_STANCE_EVAL, EVIDENCE_STANCE_TASK } from './evidence-stance.ts';
import { SAME_FACT_EVAL, SAME_FACT_TASK } from './same-fact.ts';
import { FNC1_EVAL, STANCE_TASK } from './stance.ts';
import type { EvalTask, TrainTask } from './types.ts';

export type { EvalTask, TrainTask } from './types.ts';

/** `crosscheck train <name>`: one line per model. */
export const TASKS: Record<string, TrainTask> = {
  stance: STANCE_TASK,
  checkworthiness: CHECKWORTHINESS_TASK,
  'claim-matching': CLAIM_MATCHING_TASK,
  'comment-spam': COMMENT_SPAM_TASK,
  'same-fact': SAME_FACT_TASK,
  'evidence-stance': EVIDENCE_STANCE_TASK,
};

/** `crosscheck eval <name>`: one line per benchmark. */
export const EVALS: Record<string, EvalTask> = {
  fnc1: FNC1_EVAL,
  checkworthiness: CHECKWORTHINESS_EVAL,
  'claim-matching': CLAIM_MATCHING_EVAL,
  'comment-spam': COMMENT_SPAM_EVAL,
  'same-fact': SAME_FACT_EVAL,
  'evidence-stance': EVIDENCE_STANCE_EVAL,
};
