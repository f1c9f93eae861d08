/**
 * A corpus of real article text from ../shared/datasets (read at run time, never copied into the
 * repository), and synthetic articles built by mixing paragraphs of real ones to reach 100,000.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDocument, type Document } from '../src/model/index.ts';
import { loadBasil, loadFncBodies } from './relate.ts';

export const DATASETS = join(import.meta.dirname, '..', '..', 'shared', 'datasets');

export function datasetsPresent(): boolean {
  return existsSync(DATASETS);
}

/** Real texts: FNC-1 bodies, BASIL articles, SciFact abstracts. */
export function realTexts(): string[] {
  const texts: string[] = [];
  for (const t of loadFncBodies()) texts.push(t.text);
  for (const t of loadBasil()) texts.push(t.text);
  const scifact = join(DATASETS, 'scifact', 'corpus.jsonl');
  for (const line of readFileSync(scifact, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { abstract: string[] };
    texts.push(r.abstract.join(' '));
  }
  return texts.filter((t) => t.split(/\s+/).length >= 60);
}

/** A seeded generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` documents: the real texts first, then mixtures of 3–6 paragraphs of random real texts. */
export function corpus(n: number, seed = 7): Document[] {
  const real = realTexts();
  const paragraphs = real.flatMap((t) => t.split(/\n\s*\n/)).filter((p) => p.split(/\s+/).length >= 15);
  const next = rng(seed);
  const docs: Document[] = [];
  const day = (i: number): string => new Date(Date.UTC(2020, 0, 1) + (i % 2000) * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < n; i++) {
    let text: string;
    if (i < real.length) text = real[i]!;
    else {
      const k = 3 + Math.floor(next() * 4);
      const parts: string[] = [];
      for (let j = 0; j < k; j++) parts.push(paragraphs[Math.floor(next() * paragraphs.length)]!);
      text = parts.join('\n\n');
    }
    docs.push(createDocument({ origin: `corpus:${i}`, format: 'json', text, title: `Corpus article ${i}`, outlet: `Outlet ${i % 97}`, published: day(i) }));
  }
  return docs;
}
