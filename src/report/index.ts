import type { Report } from './schema.ts';
import { renderClaimReview, type ClaimReviewConfig } from './claimreview.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderText } from './text.ts';

export { buildReport } from './build.ts';
export { checkInvariants } from './invariants.ts';
export { reportSchema, SCHEMA_VERSION, type Report } from './schema.ts';
export { VERSION } from './version.ts';

export { claimReviewConfigSchema, renderClaimReview, type ClaimReviewConfig } from './claimreview.ts';
export { escapeHtml, renderHtml, renderReportFragment, REPORT_CSS, REPORT_SCRIPT } from './html.ts';

export const FORMATS = ['text', 'json', 'md', 'html', 'claimreview'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** Who publishes the reviews; required by the claimreview format. */
  claimReview?: ClaimReviewConfig;
}

/** Render one or more reports. JSON gives an object for one report and an array for several. */
export function render(reports: Report[], format: Format, options: RenderOptions = {}): string {
  switch (format) {
    case 'html':
      return renderHtml(reports);
    case 'claimreview':
      if (!options.claimReview) throw new Error('the claimreview format needs options.claimReview (author)');
      return renderClaimReview(reports, options.claimReview);
    case 'json':
      return `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`;
    case 'md':
      return reports.map(renderMarkdown).join('\n---\n\n');
    case 'text':
      return reports.map(renderText).join(`\n${'─'.repeat(100)}\n\n`);
  }
}
