/** Stop-word profiles: the most frequent function words of each language. */
const PROFILES: Record<string, string[]> = {
  en: 'the of and to in a is that for it on was with as by at from his her have has are were be been this which said not or an but they its their will would'.split(' '),
  de: 'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über so zum'.split(' '),
  fr: 'de la le et les des en un une du est que dans qui par pour au sur pas plus ne se ce il avec sont aux été elle mais ont ou cette'.split(' '),
  es: 'de la que el en y los del se las por un para con no una su al es lo como más pero sus le ha me si sin sobre este ya entre cuando todo esta'.split(' '),
  it: 'di e il la che in a per un del non è una le si da sono con i gli al della come più ma ha nel dei anche alla lo questo'.split(' '),
  pt: 'de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou'.split(' '),
  nl: 'de van een het en in is dat op te zijn met voor niet die aan er door ook als bij of uit naar nog maar om wordt dan zich over'.split(' '),
  pl: 'i w nie na z się że do to jest o jak po co ale za od tak przez dla jego już jej ich czy oraz był przy może tylko także który która które'.split(' '),
  sv: 'och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år'.split(' '),
};

const SETS = Object.fromEntries(Object.entries(PROFILES).map(([k, v]) => [k, new Set(v)]));

/**
 * Guess the language from stop-word hits. Returns "und" (undetermined) for texts under 20 words
 * or with no clear winner; confidence is the winner's share of all hits.
 */
export function detectLanguage(text: string): { language: string; confidence: number } {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 20) return { language: 'und', confidence: 0 };
  const hits: Record<string, number> = {};
  for (const w of words) for (const [lang, set] of Object.entries(SETS)) if (set.has(w)) hits[lang] = (hits[lang] ?? 0) + 1;
  const ranked = Object.entries(hits).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((n, [, c]) => n + c, 0);
  const [best, count] = ranked[0] ?? ['und', 0];
  if (total === 0 || count / words.length < 0.08) return { language: 'und', confidence: 0 };
  return { language: best, confidence: Math.round((count / total) * 100) / 100 };
}
