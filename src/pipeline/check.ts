import { ingest, type IngestOptions } from '../ingest/index.ts';
import type { Document, InputError, Result, RunContext } from '../model/index.ts';
import { buildReport, type Report } from '../report/index.ts';
import { runPipeline } from './index.ts';

export interface CheckOptions extends RunContext {
  ingest?: IngestOptions;
}

/** Check one document that is already in memory. */
export async function checkDocument(doc: Document, options: CheckOptions = {}): Promise<Report> {
  await runPipeline(doc, options);
  return buildReport(doc);
}

/** Read an input (file, URL or "-") and check every article in it. */
export async function check(input: string, options: CheckOptions = {}): Promise<Result<Report[], InputError>> {
  const docs = await ingest(input, options.ingest ?? {});
  if (!docs.ok) return docs;
  const reports: Report[] = [];
  for (const doc of docs.value) reports.push(await checkDocument(doc, options));
  return { ok: true, value: reports };
}
