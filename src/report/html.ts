/**
 * The report as HTML: one self-contained file (`--format html`: inline style and script allowed by
 * their hashes in a Content-Security-Policy that forbids every network request), and the same
 * markup as a fragment for the web page (`src/http`), which serves the style and script as files.
 *
 * Every piece of text that comes from the input (article, titles, comments, passages, reasons) goes
 * through `escapeHtml`; nothing from the input is ever placed in a tag, attribute name, URL that is
 * followed automatically, style or script.
 */
import { createHash } from 'node:crypto';
import type { Report } from './schema.ts';
import { formatDate, formatQuantity } from './text.ts';

type Claim = Report['claims'][number];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Only http(s) links are made clickable; anything else (javascript:, data:) is shown as text. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const e = escapeHtml;
const VERDICTS = ['supported', 'contradicted', 'disputed', 'unverified'] as const;

function link(url: string | null, text: string): string {
  const href = safeHref(url);
  return href ? `<a href="${e(href)}" rel="noopener noreferrer nofollow" target="_blank">${e(text)}</a>` : e(text);
}

/** A DOM id for a claim, unique per report on the page (several reports can share one file). */
function claimDomId(prefix: string, claim: Claim): string {
  return `${prefix}${claim.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * The article text with each claim highlighted by verdict. Offsets are UTF-16 indices into
 * `article.text`, as everywhere; a claim overlapping one already highlighted is listed, not marked.
 */
function markedText(r: Report, prefix: string): string {
  const text = r.article.text;
  const claims = [...r.claims].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  let out = '';
  let pos = 0;
  for (const c of claims) {
    if (c.span.start < pos || c.span.end > text.length || c.span.end <= c.span.start) continue;
    out += e(text.slice(pos, c.span.start));
    const id = claimDomId(prefix, c);
    out += `<mark class="claim v-${c.verdict}" data-claim="${e(id)}" tabindex="0" role="button" aria-controls="${e(id)}" title="${e(c.verdict)}">${e(text.slice(c.span.start, c.span.end))}</mark>`;
    pos = c.span.end;
  }
  return out + e(text.slice(pos));
}

function sourceLabel(x: { outlet: string | null; title: string | null; sourceId: string }): string {
  return x.outlet ?? x.title ?? x.sourceId;
}

function claimDetail(r: Report, c: Claim, n: number, prefix: string): string {
  const id = claimDomId(prefix, c);
  const parts: string[] = [];
  const facts: string[] = [`check-worthiness ${c.checkworthiness.toFixed(2)}`, `confidence ${c.confidence.toFixed(2)}`];
  if (c.hedged) facts.push('hedged');
  if (c.negated) facts.push('negated');
  parts.push(`<p class="facts">${e(facts.join(' · '))}</p>`);
  const items: string[] = [];
  if (c.quantities.length) items.push(`<li>figures: ${e(c.quantities.map(formatQuantity).join('; '))}</li>`);
  if (c.dates.length) items.push(`<li>dates: ${e(c.dates.map(formatDate).join('; '))}</li>`);
  const names = [...new Set(c.entities.map((x) => `${x.text} (${x.type})`))];
  if (names.length) items.push(`<li>names: ${e(names.join(', '))}</li>`);
  if (c.attribution) items.push(`<li>attributed to: ${e([c.attribution.speaker, c.attribution.medium].filter(Boolean).join(' / '))}</li>`);
  if (items.length) parts.push(`<ul class="annotations">${items.join('')}</ul>`);
  if (c.conflicts.length) {
    const rows = c.conflicts.map((x) => {
      const src = r.claims.flatMap((cl) => cl.evidence).find((ev) => ev.sourceId === x.sourceId);
      const who = src ? sourceLabel(src) : x.sourceId;
      return `<tr><td>${e(x.kind)}</td><td class="claim-value">${e(x.claimValue)}</td><td class="source-value">${e(x.sourceValue)}</td><td>${e(who)}</td><td>${e(x.reason)}</td></tr>`;
    });
    parts.push(`<h4>Conflicts</h4><table class="conflicts"><thead><tr><th>kind</th><th>this article</th><th>the source</th><th>source</th><th>reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
  }
  if (c.evidence.length) {
    const rows = c.evidence.map((ev) => {
      const head = [link(ev.url, ev.title ?? ev.sourceId), ev.outlet ? e(ev.outlet) : '', ev.published ? e(ev.published) : '', ev.timing ? e(ev.timing) : ''].filter(Boolean).join(' · ');
      return `<li class="stance-${ev.stance}"><span class="stance">${e(ev.stance)}</span> ${head}<blockquote>${e(ev.passage)}</blockquote></li>`;
    });
    parts.push(`<h4>Evidence</h4><ul class="evidence">${rows.join('')}</ul>`);
  } else {
    parts.push('<p class="none">No stored source speaks to this claim: it stays unverified (never “false” for lack of evidence).</p>');
  }
  if (c.factChecks.length) {
    const rows = c.factChecks.map((f) => `<li>${e(f.rating)} — ${link(f.url, f.claim)}${f.publisher ? ` (${e(f.publisher)})` : ''} <span class="sim">similarity ${f.similarity.toFixed(2)}</span></li>`);
    parts.push(`<h4>Earlier fact-checks</h4><ul class="factchecks">${rows.join('')}</ul>`);
  }
  if (c.why.length) parts.push(`<p class="why">why check-worthy: ${e(c.why.join('; '))}</p>`);
  return `<details class="claim-detail v-${c.verdict}" id="${e(id)}"><summary><span class="n">${n}.</span> <span class="verdict">${e(c.verdict)}</span> ${e(c.text)}</summary>${parts.join('')}</details>`;
}

function sourcesSection(r: Report): string {
  const s = r.sources;
  const out: string[] = [`<p>${s.considered} stored source${s.considered === 1 ? '' : 's'} considered, ${s.independentOrigins} independent origin${s.independentOrigins === 1 ? '' : 's'}.</p>`];
  const titles = new Map<string, string>();
  for (const ev of r.claims.flatMap((c) => c.evidence)) titles.set(ev.sourceId, sourceLabel(ev));
  for (const d of r.article.derivedFrom) titles.set(d.sourceId, sourceLabel(d));
  if (r.article.derivedFrom.length) {
    const rows = r.article.derivedFrom.map((d) => `<li>${link(d.url, d.title ?? d.sourceId)}${d.outlet ? ` (${e(d.outlet)})` : ''} — similarity ${d.similarity.toFixed(2)}</li>`);
    out.push(`<p>This article copies or rewrites:</p><ul class="derived">${rows.join('')}</ul>`);
  }
  if (s.copies.length) {
    const groups = new Map<string, Array<{ sourceId: string; similarity: number }>>();
    for (const c of s.copies) groups.set(c.of, [...(groups.get(c.of) ?? []), { sourceId: c.sourceId, similarity: c.similarity }]);
    const rows = [...groups].map(([of, copies]) => `<li><span class="origin">${e(titles.get(of) ?? of)}</span> and its copies: ${copies.map((c) => `${e(titles.get(c.sourceId) ?? c.sourceId)} (${c.similarity.toFixed(2)})`).join(', ')}</li>`);
    out.push(`<p>Copy groups (one origin each):</p><ul class="copy-groups">${rows.join('')}</ul>`);
  }
  return out.join('');
}

function commentsSection(r: Report): string {
  const c = r.comments;
  const head = c.analysed && c.coordination !== null
    ? `<p>${c.count} comment${c.count === 1 ? '' : 's'}; coordination ${c.coordination.toFixed(2)}.</p>`
    : `<p>${c.count} comment${c.count === 1 ? '' : 's'}; not analysed for coordination.</p>`;
  const items = c.items.map((x) => {
    const meta = [x.author ? `<span class="author">${e(x.author)}</span>` : '', x.published ? e(x.published) : '', x.replyTo ? `reply to ${e(x.replyTo)}` : ''].filter(Boolean).join(' · ');
    const flag = x.flagged ? `<p class="flag">flagged (score ${x.score.toFixed(2)}): ${e(x.reasons.join('; ') || 'no reason given')}</p>` : '';
    return `<li class="comment${x.flagged ? ' flagged' : ''}" data-comment="${e(x.id)}">${meta ? `<p class="meta">${meta}</p>` : ''}<p class="text">${e(x.text)}</p>${flag}</li>`;
  });
  const clusters = c.clusters.length
    ? `<p>Clusters:</p><ul class="clusters">${c.clusters.map((k) => `<li>${e(k.kind)}: ${e(k.ids.join(', '))} (similarity ${k.similarity.toFixed(2)})</li>`).join('')}</ul>`
    : '';
  return head + clusters + (items.length ? `<ol class="comments">${items.join('')}</ol>` : '');
}

/** The report as an HTML fragment (one `<article>`); `index` keeps ids unique when several share a page. */
export function renderReportFragment(r: Report, index = 0): string {
  const a = r.article;
  const prefix = index === 0 ? '' : `r${index}-`; // the first report's ids are the claim ids (ClaimReview anchors)
  const counts = VERDICTS.map((v) => [v, r.claims.filter((c) => c.verdict === v).length] as const).filter(([, n]) => n > 0);
  const meta = [
    a.outlet ? e(a.outlet) : '',
    a.published ? `published ${e(a.published)}` : 'publication date unknown',
    a.byline ? `by ${e(a.byline)}` : '',
    `${a.wordCount} words`,
    `${a.readingTimeMinutes} min read at ${a.wordsPerMinute} wpm`,
    `language ${e(a.language)}`,
    a.url ? link(a.url, a.url) : '',
  ].filter(Boolean).join(' · ');
  const messages = r.messages.length
    ? `<ul class="messages">${r.messages.map((m) => `<li class="sev-${m.severity}"><span class="sev">${e(m.severity)}</span> ${e(m.reason)} <code>${e(m.ruleId)}</code></li>`).join('')}</ul>`
    : '';
  const summary = counts.length
    ? `<p class="summary">${counts.map(([v, n]) => `<span class="badge v-${v}">${n} ${v}</span>`).join(' ')}</p>`
    : '<p class="summary">No check-worthy claims found.</p>';
  return `<article class="crosscheck-report" data-report="${index}">
<header><h1>${e(a.title ?? 'Untitled article')}</h1><p class="meta">${meta}</p>${messages}${summary}</header>
<section class="article"><h2>Article</h2><div class="article-text" lang="${e(a.language)}">${markedText(r, prefix)}</div></section>
<section class="claims"><h2>Claims (${r.claims.length})</h2>${r.claims.map((c, i) => claimDetail(r, c, i + 1, prefix)).join('\n')}</section>
<section class="sources"><h2>Sources</h2>${sourcesSection(r)}</section>
<section class="comment-section"><h2>Comments (${r.comments.count})</h2>${commentsSection(r)}</section>
</article>`;
}

/** The page style, shared by the standalone file and the web page (`/assets/report.css`). */
export const REPORT_CSS = `
:root{--supported:#1b7f3a;--contradicted:#b3261e;--disputed:#b26a00;--unverified:#666;font-family:system-ui,sans-serif;line-height:1.5}
body{margin:0 auto;max-width:60rem;padding:1rem;color:#1d1d1d;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;border-bottom:1px solid #ddd;margin-top:1.5rem}h4{margin:.6rem 0 .2rem}
.meta{color:#555;font-size:.9rem}.messages{padding-left:1.2rem}.sev-error .sev{color:var(--contradicted)}.sev-warning .sev{color:var(--disputed)}
.article-text{white-space:pre-wrap;font-family:Georgia,serif;font-size:1.05rem}
mark.claim{cursor:pointer;border-radius:3px;padding:0 1px;background:#eee;border-bottom:2px solid var(--unverified)}
mark.v-supported{background:#e3f4e8;border-color:var(--supported)}mark.v-contradicted{background:#fbe4e2;border-color:var(--contradicted)}
mark.v-disputed{background:#fdf0d9;border-color:var(--disputed)}mark.claim.active{outline:2px solid #1d1d1d}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;color:#fff;font-size:.85rem}
.badge.v-supported{background:var(--supported)}.badge.v-contradicted{background:var(--contradicted)}.badge.v-disputed{background:var(--disputed)}.badge.v-unverified{background:var(--unverified)}
details.claim-detail{border-left:4px solid var(--unverified);padding:.3rem .6rem;margin:.4rem 0;background:#fafafa}
details.v-supported{border-color:var(--supported)}details.v-contradicted{border-color:var(--contradicted)}details.v-disputed{border-color:var(--disputed)}
details.claim-detail.active{background:#fffbe6}summary{cursor:pointer}.verdict{font-weight:600}
table.conflicts{border-collapse:collapse;width:100%;font-size:.9rem}table.conflicts td,table.conflicts th{border:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top}
td.claim-value{background:#fbe4e2;font-weight:600}td.source-value{background:#e3f4e8;font-weight:600}
blockquote{margin:.2rem 0 .6rem 1rem;color:#333;font-size:.92rem}.stance{font-weight:600}.stance-disagree .stance{color:var(--contradicted)}.stance-agree .stance{color:var(--supported)}
li.comment{margin:.4rem 0}li.comment.flagged{background:#fff4f3;border-left:3px solid var(--contradicted);padding-left:.5rem}.flag{color:var(--contradicted);font-size:.9rem}
.comment .text{white-space:pre-wrap;margin:.1rem 0}.none,.why,.sim{color:#666;font-size:.9rem}
@media (min-width:72rem){body{max-width:84rem}.crosscheck-report{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);column-gap:2rem}
.crosscheck-report>header,.crosscheck-report>section.sources,.crosscheck-report>section.comment-section{grid-column:1/-1}
section.claims{position:sticky;top:3rem;align-self:start;max-height:calc(100vh - 4rem);overflow:auto}}
`;

/**
 * Clicking (or Enter on) a highlighted claim opens its details and scrolls to them. Plain DOM, no
 * innerHTML: it only toggles attributes of elements the server rendered.
 */
export const REPORT_SCRIPT = `(function(){
function show(mark){
  var id=mark.getAttribute('data-claim');var d=id&&document.getElementById(id);if(!d)return;
  var prev=document.querySelectorAll('.active');for(var i=0;i<prev.length;i++)prev[i].classList.remove('active');
  d.open=true;d.classList.add('active');mark.classList.add('active');d.scrollIntoView({block:'nearest'});
}
document.addEventListener('click',function(ev){var m=ev.target&&ev.target.closest&&ev.target.closest('mark.claim');if(m)show(m);});
document.addEventListener('keydown',function(ev){if(ev.key!=='Enter'&&ev.key!==' ')return;var m=ev.target&&ev.target.closest&&ev.target.closest('mark.claim');if(m){ev.preventDefault();show(m);}});
})();`;

const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

/**
 * One self-contained HTML file for one or more reports. Its Content-Security-Policy allows only
 * its own inline style and script (by hash): no request leaves the page, whatever the input held.
 */
export function renderHtml(reports: Report[]): string {
  const csp = `default-src 'none'; style-src ${sha256(REPORT_CSS)}; script-src ${sha256(REPORT_SCRIPT)}; img-src 'none'; form-action 'none'; base-uri 'none'`;
  const title = reports.length === 1 ? (reports[0]?.article.title ?? 'Untitled article') : `${reports.length} articles`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="crosscheck ${e(reports[0]?.generator.version ?? '')}">
<title>crosscheck: ${e(title)}</title>
<style>${REPORT_CSS}</style>
</head><body>
${reports.map((r, i) => renderReportFragment(r, i)).join('\n<hr>\n')}
<script>${REPORT_SCRIPT}</script>
</body></html>
`;
}
