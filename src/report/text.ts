import type { Report } from './schema.ts';

type Claim = Report['claims'][number];

const WIDTH = 100;

function wrap(text: string, indent: string, width = WIDTH, hanging = indent): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = indent;
  for (const w of words) {
    if (line.length + w.length + 1 > width && line.trim()) {
      lines.push(line);
      line = hanging;
    }
    line += (line.trim() ? ' ' : '') + w;
  }
  if (line.trim()) lines.push(line);
  return lines.join('\n');
}

export function formatQuantity(q: Claim['quantities'][number]): string {
  const n = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 6 });
  const value = q.min !== undefined && q.max !== undefined ? `${n(q.min)}–${n(q.max)}` : n(q.value);
  const parts = [q.approx && q.approx !== 'exactly' ? `${q.approx} ` : '', value, q.unit ? ` ${q.unit}` : '', q.noun ? ` ${q.noun}` : ''];
  return `${parts.join('')} ("${q.text}")`;
}

export function formatDate(d: Claim['dates'][number]): string {
  const rel = d.relation && d.relation !== 'on' ? `${d.relation} ` : '';
  return `${rel}${d.value ?? 'unresolved'} ("${d.text}")`;
}

function claimLines(c: Claim, n: number): string[] {
  const out = [wrap(`${n}. [${c.verdict}] ${c.text}`, '  ', WIDTH, '       ')];
  const detail: string[] = [];
  detail.push(`check-worthiness ${c.checkworthiness.toFixed(2)}`);
  if (c.quantities.length) detail.push(`figures: ${c.quantities.map(formatQuantity).join('; ')}`);
  if (c.dates.length) detail.push(`dates: ${c.dates.map(formatDate).join('; ')}`);
  const byType = (t: string, label: string): void => {
    const names = [...new Set(c.entities.filter((e) => e.type === t).map((e) => e.text))];
    if (names.length) detail.push(`${label}: ${names.join(', ')}`);
  };
  byType('person', 'people');
  byType('organization', 'organisations');
  byType('place', 'places');
  byType('other', 'other names');
  if (c.attribution) {
    const who = [c.attribution.speaker, c.attribution.medium ? `to ${c.attribution.medium}` : null].filter(Boolean).join(' ');
    detail.push(`attributed: ${who}`);
  }
  const flags = [c.hedged ? 'hedged' : '', c.negated ? 'negated' : ''].filter(Boolean);
  if (flags.length) detail.push(flags.join(', '));
  for (const d of detail) out.push(wrap(d, '       '));
  for (const x of c.conflicts) {
    const src = c.evidence.find((e) => e.sourceId === x.sourceId);
    const who = src?.outlet ?? src?.title ?? x.sourceId;
    out.push(wrap(`conflict (${x.kind}, ${who}${src?.published ? `, ${src.published.slice(0, 10)}` : ''}): ${x.reason}`, '       ', WIDTH, '         '));
  }
  const agreeing = [...new Set(c.evidence.filter((e) => e.stance === 'agree').map((e) => `${e.outlet ?? e.title ?? e.sourceId}${e.timing ? ` (${e.timing})` : ''}`))];
  if (agreeing.length) out.push(wrap(`agreeing: ${agreeing.join(', ')}`, '       ', WIDTH, '         '));
  for (const f of c.factChecks) {
    out.push(wrap(`fact-checked${f.publisher ? ` by ${f.publisher}` : ''}: ${f.rating} — "${f.claim}"${f.url ? ` ${f.url}` : ''} (similarity ${f.similarity.toFixed(2)})`, '       ', WIDTH, '         '));
  }
  return out;
}

/** The report for people: title, metadata, messages, claims with their parts, comments. */
export function renderText(r: Report): string {
  const a = r.article;
  const out: string[] = [];
  out.push(a.title ?? '(untitled article)');
  out.push('='.repeat(Math.min(WIDTH, (a.title ?? '(untitled article)').length)));
  const facts = [
    a.outlet ? `outlet: ${a.outlet}` : null,
    `published: ${a.published ?? 'unknown'}`,
    a.byline ? `by ${a.byline}` : null,
    a.url ? `url: ${a.url}` : null,
  ].filter(Boolean);
  out.push(facts.join(' · '));
  out.push(`${a.wordCount} words · ${a.readingTimeMinutes} min read at ${a.wordsPerMinute} wpm · language: ${a.language} · source: ${a.origin}`);
  if (a.declared.readingTimeMinutes !== undefined || a.declared.commentCount !== undefined) {
    const d = [
      a.declared.readingTimeMinutes !== undefined ? `${a.declared.readingTimeMinutes} min read` : null,
      a.declared.commentCount !== undefined ? `${a.declared.commentCount} comments` : null,
    ].filter(Boolean);
    out.push(`the page declares: ${d.join(', ')}`);
  }
  out.push('');
  if (r.messages.length) {
    out.push(`Messages (${r.messages.length})`);
    for (const m of r.messages) out.push(wrap(`${m.severity.padEnd(7)} ${m.reason} [${m.ruleId}]`, '  ', WIDTH, '          '));
    out.push('');
  }
  const counts = new Map<string, number>();
  for (const c of r.claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  const summary = [...counts].map(([v, n]) => `${n} ${v}`).join(', ');
  out.push(`Claims (${r.claims.length}${summary ? `: ${summary}` : ''})`);
  if (!r.claims.length) out.push('  No check-worthy claims found.');
  r.claims.forEach((c, i) => out.push(...claimLines(c, i + 1)));
  out.push('');
  if (r.sources.considered === 0) {
    out.push('Sources: none considered, so every claim is unverified.');
  } else {
    const names = new Map<string, string>();
    for (const c of r.claims) for (const e of c.evidence) names.set(e.sourceId, `${e.outlet ?? e.title ?? e.sourceId}${e.published ? ` (${e.published.slice(0, 10)})` : ''}`);
    out.push(`Sources (${r.sources.considered} considered, ${r.sources.independentOrigins} independent ${r.sources.independentOrigins === 1 ? 'origin' : 'origins'}; cited:)`);
    for (const [id, name] of names) {
      const copy = r.sources.copies.find((x) => x.sourceId === id);
      out.push(wrap(`${name}${copy ? ` — copies or rewrites ${names.get(copy.of) ?? copy.of} (similarity ${copy.similarity.toFixed(2)}), counted once` : ''}`, '  ', WIDTH, '    '));
    }
  }
  for (const d of r.article.derivedFrom) {
    out.push(wrap(`This article copies or rewrites ${d.outlet ?? d.title ?? d.sourceId}${d.title && d.outlet ? ` ("${d.title}")` : ''} (similarity ${d.similarity.toFixed(2)}); that source and its copies are not counted as confirmation.`, '  ', WIDTH, '    '));
  }
  out.push('');
  const cm = r.comments;
  out.push(`Comments (${cm.count}${cm.analysed ? `, coordination ${cm.coordination?.toFixed(2)}` : ''})`);
  if (!cm.count) out.push('  No comments on this page.');
  const paragraph = commentParagraph(cm);
  if (paragraph) out.push(wrap(paragraph, '  '), '');
  for (const c of cm.items) {
    const head = `${c.id}${c.replyTo ? ` ↳ ${c.replyTo}${c.replyInferred ? '?' : ''}` : ''}${c.author ? ` ${c.author}` : ''}${c.flagged ? ` [flagged ${c.score.toFixed(2)}]` : ''}:`;
    const text = c.text.length > 140 ? `${c.text.slice(0, 137)}…` : c.text;
    out.push(wrap(`${head} ${text}`, '  ', WIDTH, '      '));
    if (c.flagged) out.push(wrap(`why: ${c.reasons.slice(0, 2).join('; ')}`, '      ', WIDTH, '        '));
  }
  return `${out.join('\n')}\n`;
}

/**
 * One readable paragraph on the comment section: how many comments are flagged, whether the
 * section reads as coordinated, and the patterns behind it. Empty when the analysis did not run.
 */
export function commentParagraph(cm: Report['comments']): string {
  if (!cm.analysed || !cm.count) return '';
  const flagged = cm.items.filter((c) => c.flagged).length;
  const coordination = cm.coordination ?? 0;
  const n = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
  const kinds = (kind: string): Array<{ ids: string[] }> => cm.clusters.filter((c) => c.kind === kind);
  const patterns: string[] = [];
  const openers = kinds('reply-opener')[0];
  if (openers) patterns.push(`${n(openers.ids.length, 'comment')} open with a stock reply ("I agree", "You make a fair point" and the like)`);
  const phrases = cm.items.filter((c) => c.reasons.some((r) => r.startsWith('shares wording'))).length;
  if (phrases) patterns.push(`${n(phrases, 'comment')} share whole phrases with others`);
  for (const [kind, label] of [['near-duplicate', 'near-duplicate'], ['template', 'template'], ['paraphrase', 'paraphrase'], ['spam', 'promotional']] as const) {
    const cs = kinds(kind);
    if (cs.length) patterns.push(`${n(cs.reduce((s, c) => s + c.ids.length, 0), 'comment')} fall into ${n(cs.length, `${label} group`)}`);
  }
  if ((cm.section?.uniformity ?? 0) >= 0.5) patterns.push('their lengths are unusually uniform');
  const joined = patterns.join('; ');
  const why = joined ? ` ${joined.charAt(0).toUpperCase()}${joined.slice(1)}.` : '';
  if (coordination >= 0.5) {
    return `The comment section reads as coordinated (coordination ${coordination.toFixed(2)}), not as independent opinions: ${flagged} of ${cm.count} comments are flagged as templated or coordinated.${why}`;
  }
  if (flagged) {
    return `${flagged} of ${cm.count} comments ${flagged === 1 ? 'is' : 'are'} flagged (coordination ${coordination.toFixed(2)}); the section as a whole does not read as coordinated.${why}`;
  }
  return `No comment is flagged; the section reads as ordinary discussion (coordination ${coordination.toFixed(2)}).`;
}
