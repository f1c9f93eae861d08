/**
 * Sentence-pair stance data: a claim against one evidence sentence (or a passage of a few), with
 * the label agree / disagree / neutral. Read at run time from the public datasets folder:
 * Emergent (claim vs article headline), SciFact (claim vs rationale sentences), FEVER-Symmetric
 * v0.1 (claim vs evidence sentence; pairs sharing a claim or an evidence sentence with v0.2 dev
 * removed, v0.2 dev being the held-out benchmark) and FNC-1 train (headline vs the body
 * sentences closest to it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashString } from '../../model/hash.ts';
import { fail, ok, type Result } from '../../model/result.ts';
import { readTable } from '../data.ts';
import { words } from '../features.ts';
import { readFncDir, topicSplit } from '../stance/data.ts';
import { STOP, stem } from '../stance/text.ts';

export const EVIDENCE_LABELS = ['agree', 'disagree', 'neutral'] as const;
export type EvidenceLabel = (typeof EVIDENCE_LABELS)[number];
export type EvidenceSource = 'emergent' | 'scifact' | 'fever' | 'fnc1';

export interface EvidencePair {
  claim: string;
  evidence: string;
  label: EvidenceLabel;
  source: EvidenceSource;
  /** Pairs of one group (one claim, one FEVER case, one FNC-1 topic) go to the same split part. */
  group: string;
  /** Example weight in training (default 1). */
  weight?: number;
}

/** FEVER's tokenised text ("-LRB- 1990 -RRB- , it was n't") back to plain text ("(1990), it wasn't"). */
export function cleanFever(t: string): string {
  return t
    .replace(/-LRB-/g, '(').replace(/-RRB-/g, ')').replace(/-LSB-/g, '[').replace(/-RSB-/g, ']')
    .replace(/-LCB-/g, '{').replace(/-RCB-/g, '}').replace(/-COLON-/g, ':')
    .replace(/``|''/g, '"').replace(/ -- /g, ' – ')
    .replace(/([([{]) /g, '$1').replace(/ ([)\]}])/g, '$1')
    .replace(/ (n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1')
    .replace(/ ([.,;:!?%])/g, '$1')
    .replace(/\s+/g, ' ').trim();
}

/** Text normalised for de-duplication: lower case, letters and digits, single spaces. */
export function normText(t: string): string {
  return cleanFever(t).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function readJsonl<T>(path: string): Result<T[]> {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return fail('not-found', `cannot read "${path}": no such file`);
  }
  const out: T[] = [];
  const lines = raw.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (!l) continue;
    try {
      out.push(JSON.parse(l) as T);
    } catch {
      return fail('bad-json', `"${path}" line ${i + 1} is not valid JSON`);
    }
  }
  return ok(out);
}

/** Emergent: claim vs article headline; for → agree, against → disagree, observing → neutral. */
export function readEmergent(data: string): Result<EvidencePair[]> {
  const path = join(data, 'emergent', 'url-versions-2015-06-14-clean.csv');
  const t = readTable(path, ['claimHeadline', 'articleHeadline', 'articleHeadlineStance', 'claimId'], 'csv');
  if (!t.ok) return t;
  const map: Record<string, EvidenceLabel> = { for: 'agree', against: 'disagree', observing: 'neutral' };
  const out: EvidencePair[] = [];
  for (const [i, r] of t.value.entries()) {
    const label = map[r.articleHeadlineStance!.trim()];
    if (!label) return fail('bad-input', `"${path}" row ${i + 2}: unknown stance "${r.articleHeadlineStance}", expected for, against or observing`);
    out.push({ claim: r.claimHeadline!, evidence: r.articleHeadline!, label, source: 'emergent', group: `emergent:${r.claimId}` });
  }
  return ok(out);
}

interface SciFactClaim {
  id: number;
  claim: string;
  evidence: Record<string, { label: 'SUPPORT' | 'CONTRADICT'; sentences: number[] }[]>;
  cited_doc_ids: number[];
}

/** SciFact's abstracts by document id. */
export function readSciFactCorpus(data: string): Result<Map<string, string[]>> {
  const r = readJsonl<{ doc_id: number; abstract: string[] }>(join(data, 'scifact', 'corpus.jsonl'));
  if (!r.ok) return r;
  return ok(new Map(r.value.map((d) => [String(d.doc_id), d.abstract])));
}

/**
 * SciFact claims of one file against sentences of their cited abstracts: each rationale
 * sentence is agree (SUPPORT) or disagree (CONTRADICT); with `neutralPerClaim`, that many
 * other sentences of the cited abstracts (the ones sharing most words with the claim first,
 * then the next ones) are neutral.
 */
export function readSciFact(data: string, part: 'train' | 'dev', corpus: Map<string, string[]>, opts: { neutralPerClaim?: number } = {}): Result<EvidencePair[]> {
  const r = readJsonl<SciFactClaim>(join(data, 'scifact', `claims_${part}.jsonl`));
  if (!r.ok) return r;
  const out: EvidencePair[] = [];
  for (const c of r.value) {
    const group = `scifact:${c.id}`;
    const rationale = new Set<string>();
    for (const [doc, rats] of Object.entries(c.evidence ?? {})) {
      const abs = corpus.get(doc);
      if (!abs) continue;
      for (const rat of rats) {
        for (const s of rat.sentences) {
          const sentence = abs[s];
          if (sentence === undefined) continue;
          rationale.add(`${doc}:${s}`);
          out.push({ claim: c.claim, evidence: sentence, label: rat.label === 'SUPPORT' ? 'agree' : 'disagree', source: 'scifact', group });
        }
      }
    }
    const n = opts.neutralPerClaim ?? 0;
    if (!n) continue;
    const cs = contentStems(c.claim);
    const others: { text: string; shared: number; key: string }[] = [];
    for (const doc of c.cited_doc_ids ?? []) {
      const abs = corpus.get(String(doc));
      abs?.forEach((s, i) => {
        if (rationale.has(`${doc}:${i}`)) return;
        let shared = 0;
        for (const w of contentStems(s)) if (cs.has(w)) shared++;
        others.push({ text: s, shared, key: `${doc}:${i}` });
      });
    }
    others.sort((a, b) => b.shared - a.shared || (a.key < b.key ? -1 : 1));
    for (const o of others.slice(0, n)) out.push({ claim: c.claim, evidence: o.text, label: 'neutral', source: 'scifact', group });
  }
  return ok(out);
}

function contentStems(t: string): Set<string> {
  return new Set(words(t).filter((w) => !STOP.has(w)).map(stem));
}

interface FeverRow { id: string; claim: string; evidence?: string; evidence_sentence?: string; label?: string; gold_label?: string }

const FEVER_LABEL: Record<string, EvidenceLabel> = { SUPPORTS: 'agree', REFUTES: 'disagree' };

/** The FEVER case a row belongs to: generated rows add a suffix 000000{2,3,4} to the FEVER id. */
export const feverCase = (id: string): string => id.replace(/000000[234]$/, '');

/** FEVER-Symmetric v0.2 dev, the held-out benchmark (text cleaned of FEVER's tokenisation). */
export function readFeverDev(data: string): Result<EvidencePair[]> {
  const r = readJsonl<FeverRow>(join(data, 'fever-symmetric', 'symmetric_v0.2_fever_symmetric_dev.jsonl'));
  if (!r.ok) return r;
  const out: EvidencePair[] = [];
  for (const x of r.value) {
    const label = FEVER_LABEL[x.gold_label ?? x.label ?? ''];
    if (!label || x.evidence === undefined) continue;
    out.push({ claim: cleanFever(x.claim), evidence: cleanFever(x.evidence), label, source: 'fever', group: `fever:${feverCase(x.id)}` });
  }
  return ok(out);
}

/**
 * FEVER-Symmetric v0.1 (full and generated, de-duplicated) without any pair whose claim or
 * evidence sentence (normalised) also occurs in v0.2 dev. Returns the pairs kept, the distinct
 * pairs read and how many were removed.
 */
export function readFeverTrain(data: string): Result<{ pairs: EvidencePair[]; distinct: number; removed: number }> {
  const dev = readJsonl<FeverRow>(join(data, 'fever-symmetric', 'symmetric_v0.2_fever_symmetric_dev.jsonl'));
  if (!dev.ok) return dev;
  const devClaims = new Set(dev.value.map((x) => normText(x.claim)));
  const devEvidence = new Set(dev.value.map((x) => normText(x.evidence ?? '')));
  const seen = new Set<string>();
  const pairs: EvidencePair[] = [];
  let removed = 0;
  for (const f of ['symmetric_v0.1_fever_symmetric_full.jsonl', 'symmetric_v0.1_fever_symmetric_generated.jsonl']) {
    const r = readJsonl<FeverRow>(join(data, 'fever-symmetric', f));
    if (!r.ok) return r;
    for (const x of r.value) {
      const label = FEVER_LABEL[x.label ?? x.gold_label ?? ''];
      const ev = x.evidence_sentence ?? x.evidence;
      if (!label || ev === undefined) continue;
      const c = normText(x.claim), e = normText(ev);
      const key = `${c}\u0000${e}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (devClaims.has(c) || devEvidence.has(e)) { removed++; continue; }
      pairs.push({ claim: cleanFever(x.claim), evidence: cleanFever(ev), label, source: 'fever', group: `fever:${feverCase(x.id)}` });
    }
  }
  return ok({ pairs, distinct: seen.size, removed });
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z0-9])|\n+/).map((s) => s.trim()).filter((s) => s.length > 20 && s.length < 400);
}

/**
 * FNC-1 train: each agree or disagree headline against the `k` body sentences sharing most of
 * its content words (joined as one passage). FNC-1 labels the stance of a whole article, so the
 * passage need not state it; these pairs are weak and weighted down by the caller.
 */
export function readFncSentences(data: string, opts: { k?: number; labels?: ('agree' | 'disagree' | 'discuss')[] } = {}): Result<EvidencePair[]> {
  const r = readFncDir(join(data, 'fnc1'));
  if (!r.ok) return r;
  const k = opts.k ?? 2;
  const want = new Set<string>(opts.labels ?? ['agree', 'disagree']);
  // Headlines and bodies linked by a related pair form a topic: one group.
  const topicOf = topicSplit(r.value.pairs, 1, { dev: 0, test: 0 }).topicOfBody;
  const sentCache = new Map<string, { text: string; stems: Set<string> }[]>();
  const out: EvidencePair[] = [];
  for (const p of r.value.pairs) {
    if (!want.has(p.stance)) continue;
    let sents = sentCache.get(p.bodyId);
    if (!sents) {
      sents = sentencesOf(r.value.bodies.get(p.bodyId) ?? '').map((text) => ({ text, stems: contentStems(text) }));
      sentCache.set(p.bodyId, sents);
    }
    const hs = contentStems(p.headline);
    const scored = sents.map((s, i) => {
      let n = 0;
      for (const w of hs) if (s.stems.has(w)) n++;
      return { i, n: n / Math.max(1, hs.size) };
    }).filter((s) => s.n > 0).sort((a, b) => b.n - a.n || a.i - b.i).slice(0, k).sort((a, b) => a.i - b.i);
    if (!scored.length) continue;
    const label: EvidenceLabel = p.stance === 'agree' ? 'agree' : p.stance === 'disagree' ? 'disagree' : 'neutral';
    out.push({ claim: p.headline, evidence: scored.map((s) => sents[s.i]!.text).join(' '), label, source: 'fnc1', group: `fnc1:${topicOf.get(p.bodyId) ?? p.bodyId}` });
  }
  return ok(out);
}

/** The model-selection split of the training data: a fifth of the groups (by hash) is dev. */
export function splitPart(group: string, seed = 1): 'train' | 'dev' {
  return hashString(`evidence-stance:${seed}:${group}`) % 5 === 0 ? 'dev' : 'train';
}
