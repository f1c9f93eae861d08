/**
 * The web page, rendered on the server: a form (paste text or a URL), a checked article (the report
 * fragment of src/report/html.ts, with Listen and export controls), and the embeddable box.
 * Style and scripts are files under /assets, so the Content-Security-Policy allows no inline code.
 */
import { escapeHtml as e, renderReportFragment, type Report } from '../report/index.ts';
import type { StoredCheck } from './checks.ts';

export interface PageOptions {
  /** A token is configured: the form asks for it. */
  tokenRequired: boolean;
  /** ClaimReview export configured (an author is known). */
  claimReview: boolean;
}

function layout(title: string, body: string, extraScripts: string[] = []): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<link rel="stylesheet" href="/assets/report.css">
<link rel="stylesheet" href="/assets/page.css">
</head><body>
<nav class="top"><a href="/">crosscheck</a> · <a href="/api/v1/openapi.json">API</a></nav>
${body}
<script src="/assets/report.js"></script>
${extraScripts.map((s) => `<script src="${e(s)}"></script>`).join('\n')}
</body></html>
`;
}

export interface FormState {
  text?: string;
  url?: string;
  error?: string;
}

export function homePage(opts: PageOptions, state: FormState = {}): string {
  const error = state.error ? `<p class="error" role="alert">${e(state.error)}</p>` : '';
  const token = opts.tokenRequired
    ? '<p><label>Access token <input type="password" name="token" autocomplete="off" required></label></p>'
    : '';
  return layout('crosscheck — check an article', `<main>
<h1>Check an article</h1>
<p>Paste an article (text, HTML or the JSON input format) or give its URL. Each check-worthy claim is
compared with the stored sources; nothing leaves this server except the fetch of the URL you give.</p>
${error}
<form method="post" action="/checks" id="check-form">
<p><label for="url">URL</label><br><input type="url" id="url" name="url" placeholder="https://example.org/story" value="${e(state.url ?? '')}" size="60"></p>
<p><label for="text">or the article</label><br><textarea id="text" name="text" rows="14" cols="80" placeholder="Title on the first line, then the article text…">${e(state.text ?? '')}</textarea></p>
${token}
<p><button type="submit" id="check-button">Check</button> <span id="busy" hidden>checking…</span></p>
</form>
</main>`, ['/assets/page.js']);
}

export function checkPage(check: StoredCheck, opts: PageOptions): string {
  const id = encodeURIComponent(check.id);
  const r = check.report;
  const exports = [
    `<a class="button" href="/checks/${id}/report.json" download="crosscheck-report.json" id="export-json">Export JSON</a>`,
    `<a class="button" href="/checks/${id}/report.html" download="crosscheck-report.html" id="export-html">Export HTML report</a>`,
    opts.claimReview ? `<a class="button" href="/checks/${id}/claimreview.json" download="claimreview.json" id="export-claimreview">Export ClaimReview</a>` : '',
  ].filter(Boolean).join(' ');
  const toolbar = `<div class="toolbar" id="toolbar">
<button type="button" id="listen" data-audio="/checks/${id}/audio.wav" data-lang="${e(r.article.language)}">Listen to the article</button>
<span id="listen-status" aria-live="polite"></span>
<audio id="listen-audio" controls preload="none" hidden></audio>
<span class="exports">${exports}</span>
</div>`;
  return layout(`crosscheck: ${r.article.title ?? 'Untitled article'}`, `${toolbar}\n${renderReportFragment(r)}`, ['/assets/page.js']);
}

/** The compact box a publisher embeds under an article (in an iframe: /embed?id=… or /embed?url=…). */
export function embedBox(check: StoredCheck | null, base: string): string {
  if (!check) {
    return embedLayout('<p class="embed-empty">This article has not been checked yet.</p>');
  }
  const r: Report = check.report;
  const counts = (['supported', 'contradicted', 'disputed', 'unverified'] as const)
    .map((v) => [v, r.claims.filter((c) => c.verdict === v).length] as const)
    .filter(([, n]) => n > 0);
  const flagged = r.comments.items.filter((c) => c.flagged).length;
  const claims = r.claims
    .filter((c) => c.verdict !== 'unverified')
    .slice(0, 8)
    .map((c) => `<li class="v-${c.verdict}"><span class="badge v-${c.verdict}">${e(c.verdict)}</span> ${e(c.text)}${c.conflicts[0] ? `<br><small>${e(c.conflicts[0].reason)}</small>` : ''}</li>`)
    .join('');
  const link = `${base}/checks/${encodeURIComponent(check.id)}`;
  return embedLayout(`<h2>Fact check</h2>
<p class="summary">${counts.map(([v, n]) => `<span class="badge v-${v}">${n} ${v}</span>`).join(' ') || 'No check-worthy claims.'}</p>
<p class="meta">${r.sources.considered} sources considered, ${r.sources.independentOrigins} independent origins${r.comments.analysed ? `; ${flagged} of ${r.comments.count} comments flagged` : ''}. Checked ${e(check.createdAt.slice(0, 10))}.</p>
${claims ? `<ul class="embed-claims">${claims}</ul>` : ''}
<p><a href="${e(link)}" target="_blank" rel="noopener">Full report, evidence and sources</a></p>`);
}

function embedLayout(body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>crosscheck fact check</title>
<link rel="stylesheet" href="/assets/report.css"><link rel="stylesheet" href="/assets/page.css">
</head><body class="embed">${body}</body></html>
`;
}

export function errorPage(status: number, message: string): string {
  return layout(`crosscheck: ${status}`, `<main><h1>${status}</h1><p class="error">${e(message)}</p><p><a href="/">Check an article</a></p></main>`);
}

export const PAGE_CSS = `
nav.top{font-size:.9rem;margin-bottom:1rem}.error{color:#b3261e;font-weight:600}
textarea{width:100%;font-family:inherit}input[type=url]{width:100%}
.toolbar{position:sticky;top:0;background:#fff;padding:.4rem 0;border-bottom:1px solid #ddd;z-index:1}
.button,button{display:inline-block;padding:.25rem .7rem;border:1px solid #888;border-radius:4px;background:#f4f4f4;color:#1d1d1d;text-decoration:none;font-size:.9rem;cursor:pointer}
body.embed{max-width:none;padding:.5rem;font-size:.9rem}body.embed h2{margin-top:0;font-size:1rem}
.embed-claims{padding-left:1rem}.embed-claims li{margin:.3rem 0}
`;

/**
 * The page's own script: Listen (the browser's speech synthesis when it has a voice, else the
 * server's WAV) and a busy marker while a check runs. DOM properties only, never innerHTML.
 */
export const PAGE_SCRIPT = `(function(){
var form=document.getElementById('check-form');
if(form)form.addEventListener('submit',function(){var b=document.getElementById('check-button');var s=document.getElementById('busy');if(b)b.disabled=true;if(s)s.hidden=false;});
var btn=document.getElementById('listen');if(!btn)return;
var status=document.getElementById('listen-status');var audio=document.getElementById('listen-audio');
var synth=window.speechSynthesis;var speaking=false;
function say(t){if(status)status.textContent=t;}
function voices(){try{return synth?synth.getVoices():[];}catch(e){return [];}}
if(synth&&synth.addEventListener)synth.addEventListener('voiceschanged',function(){});
function chunks(text){var out=[];var parts=text.split(/(?<=[.!?])\\s+/);var cur='';for(var i=0;i<parts.length;i++){if((cur+' '+parts[i]).length>220&&cur){out.push(cur);cur=parts[i];}else{cur=cur?cur+' '+parts[i]:parts[i];}}if(cur)out.push(cur);return out;}
function serverAudio(){audio.hidden=false;if(!audio.getAttribute('src'))audio.src=btn.getAttribute('data-audio');say('playing the server\\u2019s recording');var p=audio.play();if(p&&p.catch)p.catch(function(){say('press play to listen');});btn.setAttribute('data-mode','server');}
btn.addEventListener('click',function(){
  if(speaking){synth.cancel();speaking=false;say('stopped');btn.textContent='Listen to the article';return;}
  if(!audio.hidden){if(audio.paused)audio.play();else audio.pause();return;}
  var lang=btn.getAttribute('data-lang')||'en';
  var vs=voices().filter(function(v){return v.lang&&v.lang.toLowerCase().indexOf(lang.toLowerCase())===0;});
  if(!synth||!window.SpeechSynthesisUtterance||!vs.length){serverAudio();return;}
  var title=document.querySelector('.crosscheck-report h1');var body=document.querySelector('.article-text');
  var text=((title?title.textContent+'. ':'')+(body?body.textContent:'')).replace(/\\s+/g,' ');
  var parts=chunks(text);speaking=true;btn.textContent='Stop';say('reading with the browser\\u2019s voice');btn.setAttribute('data-mode','browser');
  parts.forEach(function(p,i){var u=new SpeechSynthesisUtterance(p);u.voice=vs[0];u.lang=vs[0].lang;u.onerror=function(){if(speaking){speaking=false;synth.cancel();btn.textContent='Listen to the article';serverAudio();}};if(i===parts.length-1)u.onend=function(){speaking=false;btn.textContent='Listen to the article';say('');};synth.speak(u);});
});
})();`;

/**
 * The publisher's snippet: `<script src="https://checks.example/embed.js" data-article-url="…" async></script>`
 * puts the box in an iframe right after the script tag (the article URL defaults to the page's canonical URL).
 */
export const EMBED_SCRIPT = `(function(){
var s=document.currentScript;if(!s)return;
var base=new URL(s.src).origin;
var canon=document.querySelector('link[rel=canonical]');
var url=s.getAttribute('data-article-url')||(canon&&canon.href)||location.href.split('#')[0];
var id=s.getAttribute('data-check-id');
var f=document.createElement('iframe');
f.src=base+'/embed?'+(id?'id='+encodeURIComponent(id):'url='+encodeURIComponent(url));
f.title='Fact check';f.loading='lazy';f.style.width='100%';f.style.border='1px solid #ddd';f.style.height=(s.getAttribute('data-height')||'320')+'px';
f.setAttribute('sandbox','allow-popups allow-popups-to-escape-sandbox');
s.parentNode.insertBefore(f,s.nextSibling);
})();`;
