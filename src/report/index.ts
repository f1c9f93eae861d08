import type { Report } from './schema.ts';
import { renderMarkdown } from './markdown.ts';
import { renderText } from './text.ts';

export { buildReport } from './build.ts';
export { checkInvariants } from './invariants.ts';
export { reportSchema, SCHEMA_VERSION, type Report } from './schema.ts';
export { VERSION } from './version.ts';

export const FORMATS = ['text', 'json', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/** Render one or more reports. JSON gives an object for one report and an array for several. */
export function render(reports: Report[], format: Format): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`;
    case 'md':
      return reports.map(renderMarkdown).join('\n---\n\n');
    case 'text':
      return reports.map(renderText).join(`\n${'─'.repeat(100)}\n\n`);
  }
}
