/** A published fact-check, as read from a fact-check database before it is stored. */
export interface FactCheck {
  /** The claim the fact-check reviews, in the fact-checker's words. */
  claim: string;
  /** The verdict as the publisher words it ("False", "mostly true", "Pants on Fire"); "unknown" when the format has none. */
  rating: string;
  /** Who published the fact-check ("Snopes", "PolitiFact"). */
  publisher: string | null;
  /** The fact-check's own page. */
  url: string | null;
  /** When the fact-check was published: ISO date. */
  published: string | null;
  /** The fact-check's headline. */
  title: string | null;
  /** Who made the claim, when known. */
  claimant: string | null;
  /** The record's id in its database (e.g. a CheckThat! `vclaim_id`). */
  externalId: string | null;
  /** More text about the claim that helps finding it (a subtitle), indexed but never shown as the claim. */
  context: string[];
}

/** The fact-check database formats `crosscheck add` recognises. */
export type FactCheckFormat = 'vclaims' | 'veritas' | 'claimreview';

/** The rating used when a database gives none (CheckThat! vclaims carry no verdict). */
export const UNKNOWN_RATING = 'unknown';
