/** Text normalisation shared by every parser. */

/** Strip a BOM, turn CRLF / CR / Unicode line separators into LF, drop invisible joiners, NFC. */
export function normalizeInput(raw: string): string {
  const s = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return s
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/[\u00ad\u200b\ufeff]/g, '')
    .normalize('NFC');
}

/** Collapse every run of whitespace (NBSP included) to one space and trim. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Words in `s`, counting no further than `stopAt` (classifiers only need "more than N"). */
export function countWords(s: string, stopAt = Infinity): number {
  const re = /\S+/g;
  let n = 0;
  while (n < stopAt && re.exec(s) !== null) n++;
  return n;
}

export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

/** Case- and space-insensitive equality, for "is this block the title again?". */
export function sameText(a: string, b: string): boolean {
  return squash(a).toLowerCase() === squash(b).toLowerCase();
}

/** How an origin is named in error messages. */
export function label(origin: string): string {
  return origin === '-' ? 'standard input' : `"${origin}"`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
