import Decimal from 'decimal.js';

/**
 * Exact arithmetic for money and scores. Spreadsheet numbers are binary doubles; going through
 * their shortest decimal representation (`String(n)`) recovers the figure the person typed, so
 * 506.306 − 492.666 is exactly 13.64, not 13.640000000000043.
 */
export type Dec = Decimal;
export { Decimal };

export function D(n: number | string | Decimal): Decimal {
  if (n instanceof Decimal) return n;
  return new Decimal(typeof n === 'number' ? String(n) : n);
}

export function sum(values: readonly (number | Decimal)[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.plus(D(v)), new Decimal(0));
}

/** Round half-up (四舍五入) to `places` decimals: 2.9646 → 2.96, 9.978 → 9.98, 0.125 → 0.13. */
export function roundHalfUp(n: number | Decimal, places: number): Decimal {
  return D(n).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** A plain number for messages, without float noise: 37.480228, 0.5, 2.96. */
export function fmt(n: number | Decimal, maxPlaces = 6): string {
  return D(n).toDecimalPlaces(maxPlaces, Decimal.ROUND_HALF_UP).toString();
}

/** A ratio as a person writes it: 0.94444 → `94.44%`. */
export function fmtPercent(ratio: number | Decimal, places = 2): string {
  return `${D(ratio).times(100).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places)}%`;
}

export interface DisplayPrecision {
  /** Decimal places of the shown number (for a percentage: of the ratio, so 0.00% → 4). */
  readonly places: number;
  readonly percent: boolean;
}

/**
 * How many decimals a number format shows. `0.00%` → 4 places of the ratio, `0.00` → 2,
 * `0.0000%` → 6, `General` → undefined (the value is shown as stored).
 */
export function displayPrecision(numFmt: string | undefined): DisplayPrecision | undefined {
  if (!numFmt || /^general$/i.test(numFmt.trim())) return undefined;
  const section = numFmt.split(';')[0].replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  const m = /0(?:\.(0+))?/.exec(section);
  if (!m) return undefined;
  const decimals = m[1]?.length ?? 0;
  const percent = section.includes('%');
  return { places: percent ? decimals + 2 : decimals, percent };
}

/**
 * Whether a shown value agrees with an exact one at the cell's displayed precision: a 得分率 typed
 * as 0.9391 under 0.00% agrees with 20.66/22 = 0.939090…. Without a format, at the stored value's own
 * decimal places (a person who typed 0.9444 meant four places).
 */
export function agreesAtPrecision(shown: number, exact: Decimal, numFmt?: string): boolean {
  const p = displayPrecision(numFmt);
  const places = p ? p.places : decimalPlaces(shown);
  return roundHalfUp(shown, places).equals(roundHalfUp(exact, places));
}

export function decimalPlaces(n: number): number {
  return Math.max(0, D(n).decimalPlaces());
}
