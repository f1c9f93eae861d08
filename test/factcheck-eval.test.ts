/**
 * Evaluation: the shipped claim-matching model on the CheckThat! 2022 2A English dev queries
 * (searched through a real in-memory store of the 14,231 vclaims). The threshold sits just below
 * the figure measured when the model was trained, so a regression fails. Skipped when
 * ../shared/datasets is missing, a failure then when CI is set.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { readQrels, readQueries } from '../src/factcheck/checkthat.ts';
import { loadMatcher } from '../src/factcheck/model.ts';
import { evaluateClaimMatching } from '../src/learn/tasks/claim-matching.ts';
import { cli } from './helpers/cli.ts';
import { shared } from './helpers/shared.ts';

/** Dev MAP@5 measured at training time: see models/claim-matching.json (metrics.dev.map5). */
const DEV_MAP5_FLOOR = 0.93;

it('claim matching: CheckThat! 2022 2A dev MAP@5 stays above the floor', async (t) => {
  const dir = shared(t, 'datasets/checkthat2022-task2a-verified-claims');
  if (!dir) return;
  const m = loadMatcher();
  assert.ok(m.ok, m.ok ? '' : m.error.message);
  const q = readQueries(join(dir, 'CT2022-Task2A-EN-Train-Dev_Queries.tsv'));
  const r = readQrels(join(dir, 'CT2022-Task2A-EN-Dev_QRELs.tsv'));
  assert.ok(q.ok && r.ok);
  const f = await evaluateClaimMatching(join(dir, 'vclaims.jsonl'), q.value, r.value, m.value);
  assert.ok(f.queries >= 190, `${f.queries} dev queries`);
  assert.ok(f.map5 >= DEV_MAP5_FLOOR, `dev MAP@5 ${f.map5} fell below ${DEV_MAP5_FLOOR}`);
  assert.ok(f.map1 <= f.map5 && f.map5 <= f['recall@candidates']);
});

it('eval claim-matching: a missing or malformed argument is a one-line usage error, exit 2', async (t) => {
  const dir = shared(t, 'datasets/checkthat2022-task2a-verified-claims');
  if (!dir) return;
  const missing = await cli(['eval', 'claim-matching', '--vclaims', join(dir, 'vclaims.jsonl')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^crosscheck: missing --queries: usage: crosscheck eval claim-matching/);
  const badQrels = await cli(['eval', 'claim-matching', '--vclaims', join(dir, 'vclaims.jsonl'), '--queries', join(dir, 'CT2022-Task2A-EN-Dev-Test_Queries.tsv'), '--qrels', join(dir, 'vclaims.jsonl')]);
  assert.equal(badQrels.code, 2);
  assert.match(badQrels.stderr, /^crosscheck: cannot read qrels ".*vclaims\.jsonl": line 1 is "\{.*", expected "qid 0 docid relevance"\n$/);
  assert.equal(badQrels.stdout, '');
});
