import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Made-up miniatures of the sentence-level stance data (Emergent, SciFact, FEVER-Symmetric) in
 * their shipped layouts under `data`, so that `train stance` and `train evidence-stance` run in a
 * second or two in tests.
 */
export function writeMiniEvidenceData(data: string): void {
  const em = join(data, 'emergent');
  mkdirSync(em, { recursive: true });
  const rows: [string, string, string, string][] = [
    ['A lighthouse keeper found a message in a bottle from 1952', 'Keeper finds 1952 bottle message on the beach', 'for', 'c1'],
    ['A lighthouse keeper found a message in a bottle from 1952', 'Bottle message story is a hoax, say harbour officials', 'against', 'c1'],
    ['A lighthouse keeper found a message in a bottle from 1952', 'Reports say a keeper found an old bottle', 'observing', 'c1'],
    ['A town banned umbrellas on its main square', 'Town bans umbrellas on main square', 'for', 'c2'],
    ['A town banned umbrellas on its main square', 'Mayor denies any umbrella ban', 'against', 'c2'],
    ['A town banned umbrellas on its main square', 'Umbrella ban claim spreads online', 'observing', 'c2'],
  ];
  writeFileSync(join(em, 'url-versions-2015-06-14-clean.csv'),
    `id,claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n${rows.map((r, i) => `${i},"${r[0]}","${r[1]}",${r[2]},a${i},${r[3]}`).join('\n')}\n`);

  const sf = join(data, 'scifact');
  mkdirSync(sf, { recursive: true });
  const corpus = [
    { doc_id: 11, title: 'Sea salt and plant growth', abstract: ['We grew beans in soil with added sea salt.', 'Beans given sea salt grew taller than the controls.', 'The study ran for six weeks in a greenhouse.'] },
    { doc_id: 12, title: 'Night light and sleep', abstract: ['Volunteers slept with a lamp on or off.', 'A lamp left on did not change how long they slept.', 'Sleep was measured with wrist sensors.'] },
  ];
  writeFileSync(join(sf, 'corpus.jsonl'), corpus.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const claims = [
    { id: 1, claim: 'Sea salt makes beans grow taller.', evidence: { '11': [{ label: 'SUPPORT', sentences: [1] }] }, cited_doc_ids: [11] },
    { id: 2, claim: 'A lamp left on shortens sleep.', evidence: { '12': [{ label: 'CONTRADICT', sentences: [1] }] }, cited_doc_ids: [12] },
  ];
  writeFileSync(join(sf, 'claims_train.jsonl'), claims.map((c) => JSON.stringify(c)).join('\n') + '\n');
  writeFileSync(join(sf, 'claims_dev.jsonl'), JSON.stringify(claims[0]) + '\n');

  const fe = join(data, 'fever-symmetric');
  mkdirSync(fe, { recursive: true });
  const full = [
    { id: '501', label: 'SUPPORTS', claim: 'Kestport is a harbour town .', evidence_sentence: 'Kestport is a harbour town on the north coast .' },
    { id: '502', label: 'REFUTES', claim: 'Kestport is an inland town .', evidence_sentence: 'Kestport is a harbour town on the north coast .' },
    { id: '503', label: 'SUPPORTS', claim: 'The Vell bridge is made of steel .', evidence_sentence: 'The Vell bridge is a steel bridge built in 1931 .' },
    { id: '504', label: 'REFUTES', claim: 'The Vell bridge is made of wood .', evidence_sentence: 'The Vell bridge is a steel bridge built in 1931 .' },
  ];
  writeFileSync(join(fe, 'symmetric_v0.1_fever_symmetric_full.jsonl'), full.map((x) => JSON.stringify(x)).join('\n') + '\n');
  writeFileSync(join(fe, 'symmetric_v0.1_fever_symmetric_generated.jsonl'), '');
  writeFileSync(join(fe, 'symmetric_v0.2_fever_symmetric_dev.jsonl'),
    JSON.stringify({ id: '601', claim: 'Ostrava lies in Moravia .', evidence: 'Ostrava is a city in Moravia .', gold_label: 'SUPPORTS' }) + '\n');
}
