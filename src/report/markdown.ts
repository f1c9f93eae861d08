import type { Report } from './schema.ts';
import { commentParagraph, formatDate, formatQuantity } from './text.ts';

/** Escape text for Markdown so that article text cannot inject links, HTML or tables. */
export function md(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => `\\${c}`).replace(/\n+/g, ' ');
}

export function renderMarkdown(r: Report): string {
  const a = r.article;
  const out: string[] = [];
  out.push(`# ${md(a.title ?? 'Untitled article')}`, '');
  out.push('| | |', '|---|---|');
  out.push(`| Outlet | ${md(a.outlet ?? '—')} |`);
  out.push(`| Published | ${md(a.published ?? 'unknown')} |`);
  if (a.url) out.push(`| URL | ${md(a.url)} |`);
  out.push(`| Words | ${a.wordCount} |`);
  out.push(`| Reading time | ${a.readingTimeMinutes} min (${a.wordsPerMinute} wpm) |`);
  out.push(`| Language | ${a.language} |`, '');
  if (r.messages.length) {
    out.push('## Messages', '');
    for (const m of r.messages) out.push(`- **${m.severity}** ${md(m.reason)} (\`${m.ruleId}\`)`);
    out.push('');
  }
  out.push(`## Claims (${r.claims.length})`, '');
  r.claims.forEach((c, i) => {
    out.push(`${i + 1}. **${c.verdict}** — ${md(c.text)}`);
    const sub: string[] = [`check-worthiness ${c.checkworthiness.toFixed(2)}`];
    if (c.quantities.length) sub.push(`figures: ${md(c.quantities.map(formatQuantity).join('; '))}`);
    if (c.dates.length) sub.push(`dates: ${md(c.dates.map(formatDate).join('; '))}`);
    const names = c.entities.filter((e) => e.type !== 'other').map((e) => `${e.text} (${e.type})`);
    if (names.length) sub.push(`names: ${md([...new Set(names)].join(', '))}`);
    if (c.attribution) sub.push(`attributed: ${md([c.attribution.speaker, c.attribution.medium].filter(Boolean).join(' / '))}`);
    if (c.hedged) sub.push('hedged');
    if (c.negated) sub.push('negated');
    for (const x of c.conflicts) sub.push(`conflict (${x.kind}): ${md(x.reason)}`);
    for (const f of c.factChecks) sub.push(`fact-checked${f.publisher ? ` by ${md(f.publisher)}` : ''}: **${md(f.rating)}** — ${f.url ? `[${md(f.claim)}](${f.url.replace(/[()\s]/g, encodeURIComponent)})` : md(f.claim)} (similarity ${f.similarity.toFixed(2)})`);
    for (const s of sub) out.push(`   - ${s}`);
  });
  out.push('', `## Comments (${r.comments.count})`, '');
  const paragraph = commentParagraph(r.comments);
  if (paragraph) out.push(md(paragraph), '');
  for (const c of r.comments.items) {
    out.push(`- \`${c.id}\`${c.replyTo ? ` (reply to \`${c.replyTo}\`)` : ''}${c.author ? ` **${md(c.author)}**` : ''}${c.flagged ? ` — **flagged ${c.score.toFixed(2)}**` : ''}: ${md(c.text)}`);
    if (c.flagged) for (const why of c.reasons.slice(0, 3)) out.push(`  - ${md(why)}`);
  }
  return `${out.join('\n')}\n`;
}
