import type { Document, RunContext } from './document.ts';

/** What a stage adds to the document: the name of the field it fills. */
export type Provision = 'metadata' | 'annotations' | 'claims' | 'verification' | 'commentAnalysis';

/**
 * A pipeline stage declares what it needs and what it provides; the pipeline orders stages by
 * these declarations and never switches on a stage's name.
 */
export interface Stage {
  name: string;
  needs: readonly Provision[];
  provides: Provision;
  run(doc: Document, ctx: RunContext): void | Promise<void>;
}
