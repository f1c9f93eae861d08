import { annotateStage } from '../annotate/index.ts';
import { claimsStage } from '../claims/index.ts';
import { commentsStage } from '../comments/index.ts';
import { metadataStage } from '../metadata/index.ts';
import type { Document, Provision, RunContext, Stage } from '../model/index.ts';

/** The stages `check` runs, in any order: the pipeline orders them by what they need. */
export const DEFAULT_STAGES: readonly Stage[] = [metadataStage, annotateStage, claimsStage, commentsStage];

/** Order stages so that each runs after the stages providing what it needs. */
export function orderStages(stages: readonly Stage[]): Stage[] {
  const provided = new Set<Provision>();
  const remaining = [...stages];
  const ordered: Stage[] = [];
  while (remaining.length) {
    const i = remaining.findIndex((s) => s.needs.every((n) => provided.has(n)));
    if (i < 0) {
      const names = remaining.map((s) => `${s.name} (needs ${s.needs.join(', ')})`).join('; ');
      throw new Error(`pipeline: unmet stage needs: ${names}`);
    }
    const [stage] = remaining.splice(i, 1);
    ordered.push(stage!);
    provided.add(stage!.provides);
  }
  return ordered;
}

/** Run the stages over one document, in place, and return it. */
export async function runPipeline(doc: Document, ctx: RunContext = {}, stages: readonly Stage[] = DEFAULT_STAGES): Promise<Document> {
  for (const stage of orderStages(stages)) await stage.run(doc, ctx);
  return doc;
}
