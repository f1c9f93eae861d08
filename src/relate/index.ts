/**
 * Copies and independence: which stored reports copy or rewrite which, so that agreement from
 * one wire story copied many times counts once. Pure functions and an in-memory index; the store
 * and the pipeline call them.
 *
 * Measures (all exact on sorted 32-bit shingle hashes): word 5-gram shingles of the whole text,
 * and word 3-gram shingles of the narrative — the text outside quotation marks. Candidates for a
 * text among many come from MinHash LSH plus a sampled containment index (`CopyIndex`).
 */
export { shingles, jaccard, containment, intersectionSize, DEFAULT_K } from './shingles.ts';
export { minhash, bandKeys, bandHashes, DEFAULT_BANDS, DEFAULT_HASHES, DEFAULT_SEED, type MinHashOptions } from './minhash.ts';
export {
  relate, relatePrepared, prepare, measure, decide, compareDates, DEFAULT_THRESHOLDS, NARRATIVE_K,
  type CopyRelation, type Measures, type Prepared, type RelateThresholds, type Text,
} from './relate.ts';
export { CopyIndex, sampleShingles, type CopyIndexOptions } from './copy-index.ts';
export { groupOrigins, type OriginGroup } from './groups.ts';
export { fold, words, narrative } from './normalize.ts';
export { syntheticRewrite, SYNONYMS, type RewriteOptions } from './synthetic.ts';
