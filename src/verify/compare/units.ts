/**
 * Units: dimension, conversion to a base unit, display. No exchange rates: different
 * currencies are different dimensions.
 */

const LINEAR: Record<string, [string, number]> = {
  km: ['length', 1000], m: ['length', 1], cm: ['length', 0.01], mm: ['length', 0.001],
  mi: ['length', 1609.344], ft: ['length', 0.3048], nmi: ['length', 1852],
  km2: ['area', 1e6], m2: ['area', 1], mi2: ['area', 2_589_988.110336], ft2: ['area', 0.09290304],
  ha: ['area', 1e4], acre: ['area', 4046.8564224],
  kg: ['mass', 1], g: ['mass', 0.001], t: ['mass', 1000], lb: ['mass', 0.45359237],
  m3: ['volume', 1], l: ['volume', 0.001],
  'km/h': ['speed', 1], mph: ['speed', 1.609344],
  MW: ['power', 1], GW: ['power', 1000],
  kWh: ['energy', 1], TWh: ['energy', 1e9],
  s: ['time', 1], min: ['time', 60], h: ['time', 3600], d: ['time', 86_400], wk: ['time', 604_800],
  mo: ['time', 2_629_800], yr: ['time', 31_557_600], decade: ['time', 315_576_000],
  '%': ['percent', 1], pp: ['points', 1], bp: ['points', 0.01],
  '°C': ['temperature', 1],
};

/** The dimension of a unit: "length", "money:EUR", "count" (no unit), … */
export function dimension(unit: string | null): string {
  if (unit === null) return 'count';
  if (unit === '°F') return 'temperature';
  const d = LINEAR[unit];
  if (d) return d[0];
  if (/^[A-Z]{3}$/.test(unit)) return `money:${unit}`;
  return `unit:${unit}`;
}

/** A value in the base unit of its dimension (metres, kilograms, seconds, °C …). */
export function toBase(value: number, unit: string | null): number {
  if (unit === '°F') return ((value - 32) * 5) / 9;
  return value * (unit ? (LINEAR[unit]?.[1] ?? 1) : 1);
}

/** A difference (a tolerance) in the base unit. */
export function deltaToBase(delta: number, unit: string | null): number {
  if (unit === '°F') return (delta * 5) / 9;
  return delta * (unit ? (LINEAR[unit]?.[1] ?? 1) : 1);
}

export function fromBase(value: number, unit: string | null): number {
  if (unit === '°F') return (value * 9) / 5 + 32;
  return value / (unit ? (LINEAR[unit]?.[1] ?? 1) : 1);
}

const UNIT_WORDS: Record<string, [string, string]> = {
  s: ['second', 'seconds'], min: ['minute', 'minutes'], h: ['hour', 'hours'], d: ['day', 'days'],
  wk: ['week', 'weeks'], mo: ['month', 'months'], yr: ['year', 'years'], decade: ['decade', 'decades'],
  pp: ['percentage point', 'percentage points'], bp: ['basis point', 'basis points'],
  EUR: ['euro', 'euros'], USD: ['dollar', 'dollars'], GBP: ['pound', 'pounds'], t: ['tonne', 'tonnes'],
  acre: ['acre', 'acres'], l: ['litre', 'litres'], lb: ['pound', 'pounds'],
};

/** "2,300", "6.8", "1,180,000" (at most two decimals). */
function trimNumber(v: number): string {
  const r = Math.round(v * 100) / 100;
  const [int = '0', frac] = Math.abs(r).toString().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${r < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** "6.8 billion", "2,300", "41". */
export function formatNumber(v: number): string {
  const a = Math.abs(v);
  for (const [n, w] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']] as const) {
    if (a >= n) return `${trimNumber(v / n)} ${w}`;
  }
  return trimNumber(v);
}

/** "800 km", "42%", "6.8 billion euros", "74 minutes", "2,300". */
export function formatQuantity(v: number, unit: string | null): string {
  const n = formatNumber(v);
  if (unit === null) return n;
  if (unit === '%' || unit === '°C' || unit === '°F') return `${n}${unit}`;
  const words = UNIT_WORDS[unit];
  if (words) return `${n} ${v === 1 ? words[0] : words[1]}`;
  return `${n} ${unit}`;
}
