/** Block-by-block text of an HTML subtree: one paragraph per p / heading / li / blockquote / … */
import { isElement, TEXT_NODE, type DomElement, type DomNode } from './dom.ts';
import { squash } from './normalize.ts';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul', 'caption',
]);
/** Never text of the article: scripts, media, forms, navigation, captions. */
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'picture', 'img', 'form', 'button', 'input', 'select', 'textarea', 'label', 'nav', 'aside', 'footer', 'figcaption',
  'head', 'title', 'meta', 'link',
]);
/** Marks a <br> in the buffer (private use: not whitespace, never in real text after this walk). */
const BR = '\ue000';

export function blocksOf(root: DomElement, skip: (el: DomElement) => boolean = () => false): string[] {
  const out: string[] = [];
  let buf = '';
  const flush = (): void => {
    const t = squash(buf.replaceAll(BR, ' '));
    if (t !== '') out.push(t);
    buf = '';
  };
  const walk = (node: DomNode): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) {
        buf += child.textContent ?? '';
        continue;
      }
      if (!isElement(child)) continue;
      const tag = child.localName;
      if (SKIP.has(tag) || skip(child) || child.hasAttribute('hidden') || child.getAttribute('aria-hidden') === 'true') continue;
      if (tag === 'br') {
        // <br><br> ends a paragraph; a single <br> is a space.
        if (buf.trimEnd().endsWith(BR)) flush();
        else buf += BR;
      } else if (tag === 'pre') {
        flush();
        const code = (child.textContent ?? '').replace(/^\n+|\s+$/g, '');
        if (code.trim() !== '') out.push(code);
      } else if (BLOCK.has(tag)) {
        flush();
        walk(child);
        flush();
      } else walk(child);
    }
  };
  walk(root);
  flush();
  return out;
}
