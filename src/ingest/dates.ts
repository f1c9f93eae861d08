/** Absolute publication dates → ISO. Relative dates ("3 hours ago") are not resolved here. */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?`;
/** Optional time after a date: "10:30", "at 10:30 am", "- 10:30 CET", "10:30:00 GMT+2". */
const TIME = String.raw`(?:\s*(?:,|at|@|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[a-z]{2,5}|[+-]\d{2}:?\d{2}|(?:gmt|utc)[+-]\d{1,2}))?)?`;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const MDY = new RegExp(String.raw`^${WEEKDAY}${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`, 'i');
const DMY = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH},?\s+(\d{4})${TIME}$`, 'i');
const NUMERIC = new RegExp(String.raw`^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})${TIME}$`, 'i');

function iso(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function month(name: string): number {
  return MONTHS[name.toLowerCase().slice(0, 3)] ?? 0;
}

/**
 * Parse an absolute date. ISO input keeps its time part ("2025-06-13T08:00:00Z"); every other
 * form gives the calendar date only, as printed by the publisher ("June 13, 2025" → "2025-06-13").
 * Ambiguous numeric dates (05/06/2025) are refused rather than guessed.
 */
export function parseDate(input: string): string | null {
  const s = input.trim().replace(/\s+/g, ' ');
  const isoMatch = ISO.exec(s);
  if (isoMatch) {
    const day = iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
    if (!day) return null;
    if (isoMatch[4] === undefined) return day;
    if (Number(isoMatch[4]) > 23 || Number(isoMatch[5]) > 59) return null;
    return s.replace(' ', 'T');
  }
  let m = MDY.exec(s);
  if (m) return iso(Number(m[3]), month(m[1] ?? ''), Number(m[2]));
  m = DMY.exec(s);
  if (m) return iso(Number(m[3]), month(m[2] ?? ''), Number(m[1]));
  m = NUMERIC.exec(s);
  if (m) {
    const [a, sep, b, c] = [Number(m[1]), m[2], Number(m[3]), Number(m[4])];
    if ((m[1] ?? '').length === 4) return iso(a, b, c); // 2025/06/13
    if ((m[4] ?? '').length !== 4) return null;
    if (sep === '.' || a > 12) return iso(c, b, a); // 13.06.2025, 13/06/2025
    if (b > 12) return iso(c, a, b); // 06/13/2025
    return null;
  }
  // RFC 2822 ("Fri, 13 Jun 2025 10:00:00 GMT") is covered by DMY with its time suffix.
  return null;
}

/** "3 hours ago", "2h", "yesterday": a relative time that cannot be turned into a date alone. */
const RELATIVE_TIME = String.raw`(?:\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?|y|yrs?|years?)(?:\s+ago)?|an?\s+(?:second|minute|hour|day|week|month|year)\s+ago|just now|yesterday|today|moments? ago)`;
export const RELATIVE_RE = new RegExp(`^${RELATIVE_TIME}$`, 'i');
/** A relative time that reads as a timestamp on its own ("2h", "3 hours ago"), not as a duration ("5 minutes"). */
export const RELATIVE_STAMP = /^(?:\d+\s*[smhdwy]|\d+\s*\w+\s+ago|an?\s+\w+\s+ago|just now|moments? ago|yesterday)$/i;
