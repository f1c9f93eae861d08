import { reportSchema, type Report } from './schema.ts';

/**
 * Checks every report must pass; returns the violations (empty when the report is sound).
 * - valid against the schema and JSON-serialisable;
 * - every span lies inside `article.text` and its slice equals the quoted text;
 * - ids are unique and every reference (replyTo, copies, evidence) resolves;
 * - verdicts agree with their evidence: `contradicted` needs a stated conflict, `supported` an
 *   agreeing passage, `unverified` has neither conflicts nor agreeing evidence.
 */
export function checkInvariants(report: unknown): string[] {
  const problems: string[] = [];
  const parsed = reportSchema.safeParse(report);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 10)) problems.push(`schema: ${issue.path.join('.')}: ${issue.message}`);
    return problems;
  }
  const r: Report = parsed.data;
  try {
    const round = JSON.parse(JSON.stringify(report)) as unknown;
    if (JSON.stringify(round) !== JSON.stringify(report)) problems.push('report does not survive a JSON round trip');
  } catch (e) {
    problems.push(`report is not JSON-serialisable: ${(e as Error).message}`);
  }
  const text = r.article.text;
  const span = (where: string, s: { start: number; end: number }, quote?: string): void => {
    if (s.start < 0 || s.end > text.length || s.start > s.end) {
      problems.push(`${where}: span ${s.start}..${s.end} outside the text (length ${text.length})`);
      return;
    }
    if (quote !== undefined && text.slice(s.start, s.end) !== quote) {
      problems.push(`${where}: slice ${JSON.stringify(text.slice(s.start, s.end))} ≠ ${JSON.stringify(quote)}`);
    }
  };
  r.messages.forEach((m, i) => m.span && span(`messages[${i}]`, m.span));
  const a = r.annotations;
  a.entities.forEach((e, i) => span(`annotations.entities[${i}]`, e.span, e.text));
  a.quantities.forEach((q, i) => span(`annotations.quantities[${i}]`, q.span, q.text));
  a.dates.forEach((d, i) => span(`annotations.dates[${i}]`, d.span, d.text));
  a.attributions.forEach((x, i) => { span(`annotations.attributions[${i}]`, x.span); if (x.content) span(`annotations.attributions[${i}].content`, x.content); });
  const claimIds = new Set<string>();
  r.claims.forEach((c, i) => {
    const at = `claims[${i}] (${c.id})`;
    if (claimIds.has(c.id)) problems.push(`${at}: duplicate id`);
    claimIds.add(c.id);
    span(at, c.span, c.text);
    for (const q of c.quantities) span(`${at}.quantities`, q.span, q.text);
    for (const d of c.dates) span(`${at}.dates`, d.span, d.text);
    for (const e of c.entities) span(`${at}.entities`, e.span, e.text);
    for (const inner of [...c.quantities, ...c.dates, ...c.entities]) {
      if (inner.span.start < c.span.start || inner.span.end > c.span.end) problems.push(`${at}: "${inner.text}" lies outside the claim`);
    }
    const agrees = c.evidence.some((e) => e.stance === 'agree');
    if (c.verdict === 'contradicted' && c.conflicts.length === 0 && !c.evidence.some((e) => e.stance === 'disagree')) {
      problems.push(`${at}: contradicted without a conflict or a disagreeing passage`);
    }
    if (c.verdict === 'supported' && !agrees) problems.push(`${at}: supported without agreeing evidence`);
    if (c.verdict === 'unverified' && (c.conflicts.length > 0 || agrees)) problems.push(`${at}: unverified despite evidence or conflicts`);
    for (const x of c.conflicts) {
      if (!c.evidence.some((e) => e.sourceId === x.sourceId)) problems.push(`${at}: conflict cites ${x.sourceId}, which is not among its evidence`);
    }
  });
  const commentIds = new Set<string>();
  for (const c of r.comments.items) {
    if (commentIds.has(c.id)) problems.push(`comments: duplicate id ${c.id}`);
    commentIds.add(c.id);
  }
  for (const c of r.comments.items) {
    if (c.replyTo !== undefined && !commentIds.has(c.replyTo)) problems.push(`comments.${c.id}: replyTo ${c.replyTo} does not resolve`);
  }
  if (r.comments.count !== r.comments.items.length) problems.push('comments.count differs from the number of items');
  for (const cl of r.comments.clusters) for (const id of cl.ids) if (!commentIds.has(id)) problems.push(`comments.clusters: unknown id ${id}`);
  return problems;
}
