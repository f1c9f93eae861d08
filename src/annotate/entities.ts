import { fold, type Entity, type EntityType, type Sentence } from '../model/index.ts';
import {
  COUNTRIES, DEMONYMS, FUNCTION_WORDS, MEDIA, MONTHS_AND_DAYS, NAME_CONNECTORS, ORG_ACRONYMS, ORG_WORDS,
  OTHER_WORDS, PLACE_WORDS, ROLE_WORDS, TITLE_WORDS,
} from './gazetteer.ts';

interface Token {
  text: string;
  start: number;
  end: number;
  /** The token carried a possessive "’s" (excluded from the span); a name run ends here. */
  possessive: boolean;
  /** First word of a sentence or of a quotation. */
  initial: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}’'.&-]*/gu;
const CAP = /^\p{Lu}/u;
const ORG_CUES = /\b(company|firm|group|manufacturer|maker|producer|operator|carrier|airline|bank|agency|union|party|outlet|newspaper|broadcaster|broadcasting|network|contractor|developer|consortium|ministry|charity|organisation|organization|institute|startup|insurer|lender|retailer|supplier)\s*$/i;
const SPEECH_AFTER = /^[\s,]*(said|says|told|added|noted|stated|explained|argued|insisted|warned|wrote|emphasized|emphasised|stressed|sought|confirmed|announced|acknowledged|admitted|claimed|denied|recalled|replied|asked|urged|called|believes|thinks|hopes|hoped)\b/;
const SPEECH_BEFORE = /\b(said|says|told|added|noted|according to|by)\s*$/i;

/** Fold a name to its comparison key: no diacritics, no titles, lower case ("Paweł" → "pawel"). */
export function nameKey(name: string): string {
  const words = name.split(/\s+/).filter((w) => !TITLE_WORDS.has(w.replace(/\.$/, '')));
  return fold(words.join(' ')).replace(/[’']/g, "'");
}

function tokenize(text: string, sentences: Sentence[]): Token[] {
  const starts = new Set(sentences.map((s) => s.span.start));
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let raw = m[0];
    const start = m.index;
    // Keep the dots of "S.A." / "U.S."; drop a sentence-final period and trailing hyphens.
    if (raw.endsWith('.') && !/^(\p{L}\.)+$/u.test(raw)) raw = raw.replace(/\.+$/, '');
    raw = raw.replace(/-+$/, '');
    let possessive = false;
    const pos = /[’']s?$/.exec(raw);
    if (pos && raw.length > pos[0].length) {
      possessive = true;
      raw = raw.slice(0, raw.length - pos[0].length);
    }
    if (!raw) continue;
    const before = text.slice(Math.max(0, start - 2), start);
    const initial = starts.has(start) || /[“"‘(—–\n]\s*$/.test(before) || /^[“"‘(]$/.test(before.slice(-1));
    tokens.push({ text: raw, start, end: start + raw.length, possessive, initial });
  }
  return tokens;
}

const isCapitalised = (t: Token): boolean => CAP.test(t.text);

/** Group tokens into runs of capitalised words (with connectors such as "of" inside). */
function capitalisedRuns(text: string, tokens: Token[]): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const close = (): void => {
    while (run.length && !isCapitalised(run[run.length - 1]!)) run.pop();
    if (run.length) runs.push(run);
    run = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = run[run.length - 1];
    const gap = prev ? text.slice(prev.end + (prev.possessive ? 2 : 0), t.start) : '';
    const joined = prev !== undefined && /^ ?$/.test(gap) && !prev.possessive;
    if (!joined) close();
    if (isCapitalised(t) && MONTHS_AND_DAYS.has(t.text)) {
      close();
    } else if (isCapitalised(t)) {
      run.push(t);
    } else if (run.length && NAME_CONNECTORS.has(t.text) && tokens[i + 1] && isCapitalised(tokens[i + 1]!)) {
      run.push(t);
    } else if (run.length && (t.text === 'and' || t.text === '&') && tokens[i + 1] && isCapitalised(tokens[i + 1]!) &&
      (run.some((r) => r.text === 'of') || COUNTRIES.has(`${phrase(run)} and ${tokens[i + 1]!.text}`))) {
      // "Union of Rail and Tunnel Workers", "Bosnia and Herzegovina"; never "Russia and Belarus".
      run.push(t);
    } else {
      close();
    }
    if (t.possessive) close();
  }
  close();
  return runs;
}

interface Candidate {
  tokens: Token[];
  type: EntityType | null;
}

function phrase(tokens: Token[]): string {
  return tokens.map((t) => t.text).join(' ');
}

/** Split a run into entity candidates: drop leading function words, peel titles and demonyms. */
function candidatesOf(run: Token[], text: string): Candidate[] {
  let toks = run.slice();
  const out: Candidate[] = [];
  // A known multi-word name wins as a whole ("The Associated Press", "United States").
  const whole = phrase(toks);
  if (MEDIA.has(whole)) return [{ tokens: toks, type: 'organization' }];
  while (toks.length && (FUNCTION_WORDS.has(toks[0]!.text) || NAME_CONNECTORS.has(toks[0]!.text))) {
    const rest = phrase(toks.slice(1));
    if (MEDIA.has(rest) || COUNTRIES.has(rest)) { toks = toks.slice(1); break; }
    toks = toks.slice(1);
  }
  if (!toks.length) return out;
  const p = phrase(toks);
  if (MEDIA.has(p) || COUNTRIES.has(p)) return [{ tokens: toks, type: MEDIA.has(p) ? 'organization' : 'place' }];
  // "Polish Prime Minister Donald Tusk": demonym + titles + name.
  const last = toks[toks.length - 1]!.text;
  if (!ORG_WORDS.has(last) && !OTHER_WORDS.has(last)) {
    let i = 0;
    if (DEMONYMS.has(toks[0]!.text) || COUNTRIES.has(toks[0]!.text)) i = 1;
    let j = i;
    // Titles may hold connectors: "Secretary of State", "Minister for Foreign Affairs".
    while (j < toks.length && (TITLE_WORDS.has(toks[j]!.text.replace(/\.$/, '')) ||
      (j > i && NAME_CONNECTORS.has(toks[j]!.text) && toks[j + 1] !== undefined && TITLE_WORDS.has(toks[j + 1]!.text)))) j++;
    if (j > i) {
      if (i === 1) out.push({ tokens: toks.slice(0, 1), type: COUNTRIES.has(toks[0]!.text) ? 'place' : 'other' });
      const name = toks.slice(j);
      if (name.length) out.push({ tokens: name, type: 'person' });
      return out;
    }
  }
  // Peel a leading demonym off an organisation or event ("Polish Army" stays whole, "Russian Kaliningrad" splits).
  out.push({ tokens: toks, type: null });
  void text;
  return out;
}

function classify(c: Candidate, text: string): EntityType | null {
  if (c.type) return c.type;
  const p = phrase(c.tokens);
  const words = c.tokens.map((t) => t.text);
  const last = words[words.length - 1]!;
  if (MONTHS_AND_DAYS.has(p)) return null;
  if (MEDIA.has(p)) return 'organization';
  if (COUNTRIES.has(p)) return 'place';
  if (ORG_ACRONYMS.has(p) || /^\p{Lu}{2,6}$/u.test(p)) return 'organization';
  if (ORG_WORDS.has(last) || words.some((w) => w === 'S.A.' || w === 'Inc' || w === 'Ltd' || w === 'GmbH')) return 'organization';
  if (OTHER_WORDS.has(last)) return 'other';
  if (PLACE_WORDS.has(last)) return 'place';
  if (words.length === 1 && DEMONYMS.has(p)) return 'other';
  const before = text.slice(Math.max(0, c.tokens[0]!.start - 40), c.tokens[0]!.start);
  const after = text.slice(c.tokens[c.tokens.length - 1]!.end, c.tokens[c.tokens.length - 1]!.end + 40);
  if (ORG_CUES.test(before) || /\b(told|interview with|speaking to|statement to|comments to|made to)\s*$/i.test(before)) return 'organization';
  const nameLike = words.every((w) => /^\p{Lu}[\p{Ll}\p{M}’'-]+$/u.test(w) && !FUNCTION_WORDS.has(w));
  // "at Kestport Central", "between Halvik and …": a place, unless a speech verb follows.
  if (/\b(at|in|from|into|near|towards?|across|via|between|outside|inside|around|through)\s+(the\s+)?$/i.test(before) && !SPEECH_AFTER.test(after)) {
    return 'place';
  }
  if (nameLike && words.length >= 2 && words.length <= 4) return 'person';
  if (nameLike && words.length >= 2 && (SPEECH_AFTER.test(after) || SPEECH_BEFORE.test(before) || /^,\s*(the\s+|a\s+|an\s+)?[\p{L}\s’']*\b(\w+)/u.test(after) && appositionRole(after))) {
    return 'person';
  }
  return 'other';
}

function appositionRole(after: string): boolean {
  const m = /^,\s*([^,.;]{0,60})/u.exec(after);
  if (!m) return false;
  return m[1]!.split(/\s+/).some((w) => ROLE_WORDS.has(w.toLowerCase()));
}

/**
 * Named entities by rule: capitalised runs, split at titles and possessives, classified with
 * word lists and context cues. Names keep letters such as ł, é and ø whole. A surname alone is a
 * person once the full name has been seen ("Zalewski" after "Paweł Zalewski").
 */
export function findEntities(text: string, sentences: Sentence[]): Entity[] {
  const tokens = tokenize(text, sentences);
  const runs = capitalisedRuns(text, tokens);
  // Words seen capitalised away from a sentence start: evidence that a capitalised initial word is a name.
  const midCapitalised = new Set(tokens.filter((t) => !t.initial && isCapitalised(t)).map((t) => t.text));
  const found: Array<{ c: Candidate; type: EntityType }> = [];
  const pending: Candidate[] = [];
  for (const run of runs) {
    for (const c of candidatesOf(run, text)) {
      const single = c.tokens.length === 1;
      const initial = c.tokens[0]!.initial;
      const preset = c.type !== null;
      const type = classify(c, text);
      if (type === null) continue;
      if (preset) {
        found.push({ c, type });
        continue;
      }
      if (single && initial && type === 'other' && !midCapitalised.has(c.tokens[0]!.text)) {
        pending.push(c);
        continue;
      }
      if (single && type === 'other') {
        pending.push(c);
        continue;
      }
      found.push({ c, type });
    }
  }
  // Surnames and given names of known people.
  const personParts = new Map<string, string>();
  for (const f of found) {
    if (f.type !== 'person') continue;
    for (const t of f.c.tokens) personParts.set(nameKey(t.text), phrase(f.c.tokens));
  }
  const typed = new Map<string, EntityType>();
  for (const f of found) if (!typed.has(f.c.tokens.map((t) => t.text).join(' '))) typed.set(phrase(f.c.tokens), f.type);
  // Words also written in lower case somewhere in the text are common words, not names.
  const lowerVocab = new Set(tokens.filter((t) => !isCapitalised(t)).map((t) => t.text));
  const plausibleInitial = (t: Token): boolean =>
    !FUNCTION_WORDS.has(t.text) && !lowerVocab.has(t.text.toLowerCase()) && !/(ly|ing|ed)$/.test(t.text) && t.text.length > 2;
  for (const c of pending) {
    const key = nameKey(c.tokens[0]!.text);
    const seen = typed.get(c.tokens[0]!.text);
    if (personParts.has(key)) found.push({ c, type: 'person' });
    else if (seen) found.push({ c, type: seen });
    else if (!c.tokens[0]!.initial || midCapitalised.has(c.tokens[0]!.text) || plausibleInitial(c.tokens[0]!)) {
      const after = text.slice(c.tokens[0]!.end, c.tokens[0]!.end + 30);
      found.push({ c, type: SPEECH_AFTER.test(after) ? 'person' : 'other' });
    }
  }
  const entities: Entity[] = found.map(({ c, type }) => {
    const start = c.tokens[0]!.start;
    const end = c.tokens[c.tokens.length - 1]!.end;
    const t = text.slice(start, end);
    return { text: t, type, span: { start, end }, key: nameKey(t) };
  });
  return entities.sort((a, b) => a.span.start - b.span.start);
}

/** The fullest known form of a person's name: "Zalewski" → "Paweł Zalewski". */
export function fullName(name: string, entities: Entity[]): string {
  const key = nameKey(name);
  let best = name;
  for (const e of entities) {
    if (e.type !== 'person') continue;
    const parts = (e.key ?? nameKey(e.text)).split(' ');
    if ((parts.includes(key) || e.key === key) && e.text.length > best.length) best = e.text;
  }
  return best;
}
