/**
 * The report as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview): one item per
 * reviewed claim, in a `@graph`.
 *
 * Rating scale: 1 = contradicted (a source states a different value or the opposite),
 * 2 = disputed (sources disagree among themselves), 3 = supported (independent sources agree);
 * `alternateName` carries the verdict in words. Unverified claims (no relevant evidence) were not
 * reviewed and are left out: a ClaimReview never says "false" for lack of evidence.
 */
import { z } from 'zod';
import type { Report } from './schema.ts';

export const claimReviewConfigSchema = z.object({
  /** The organisation (or person) publishing the reviews. */
  author: z.string().trim().min(1),
  authorUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Defaults to the author. */
  publisher: z.string().trim().min(1).optional(),
  /** Base URL of the published review; each item gets `<url>#<claim id>`. */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** ISO date of the review; default today (UTC). */
  datePublished: z.iso.date().optional(),
});

export type ClaimReviewConfig = z.infer<typeof claimReviewConfigSchema>;

const RATING: Record<string, { value: number; name: string }> = {
  contradicted: { value: 1, name: 'Contradicted by other sources' },
  disputed: { value: 2, name: 'Disputed: sources disagree' },
  supported: { value: 3, name: 'Supported by independent sources' },
};
export const RATING_SCALE = { worstRating: 1, bestRating: 3 } as const;

type Json = Record<string, unknown>;

const org = (name: string, url?: string): Json => ({ '@type': 'Organization', name, ...(url ? { url } : {}) });

/** The ClaimReview items of one report (none for unverified claims). */
export function claimReviews(r: Report, config: ClaimReviewConfig): Json[] {
  const a = r.article;
  const date = config.datePublished ?? new Date().toISOString().slice(0, 10);
  const appearance: Json = {
    '@type': 'NewsArticle',
    ...(a.url ? { url: a.url } : {}),
    ...(a.title ? { headline: a.title } : {}),
    ...(a.published ? { datePublished: a.published } : {}),
    ...(a.outlet ? { publisher: org(a.outlet) } : {}),
  };
  const out: Json[] = [];
  for (const c of r.claims) {
    const rating = RATING[c.verdict];
    if (!rating) continue;
    const speaker = c.attribution?.speaker;
    out.push({
      '@type': 'ClaimReview',
      ...(config.url ? { url: `${config.url}#${encodeURIComponent(c.id)}` } : {}),
      claimReviewed: c.text,
      datePublished: date,
      author: org(config.author, config.authorUrl),
      publisher: org(config.publisher ?? config.author, config.publisher ? undefined : config.authorUrl),
      reviewRating: {
        '@type': 'Rating',
        ratingValue: rating.value,
        ...RATING_SCALE,
        alternateName: rating.name,
        ratingExplanation: c.conflicts.length ? c.conflicts.map((x) => x.reason).join('; ') : `${c.evidence.filter((ev) => ev.stance === 'agree').length} agreeing source(s)`,
      },
      itemReviewed: {
        '@type': 'Claim',
        ...(speaker ? { author: { '@type': 'Person', name: speaker } } : {}),
        ...(a.published ? { datePublished: a.published } : {}),
        appearance,
      },
    });
  }
  return out;
}

/** A JSON-LD document with every reviewed claim of every report. */
export function renderClaimReview(reports: Report[], config: ClaimReviewConfig): string {
  const graph = reports.flatMap((r) => claimReviews(r, config));
  return `${JSON.stringify({ '@context': 'https://schema.org', '@graph': graph }, null, 2)}\n`;
}
