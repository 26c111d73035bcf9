import { D, agreesAtPrecision, decimalPlaces, displayPrecision, roundHalfUp, type Dec } from './decimal';
import type { Settings } from './settings';
import { normalizeLabel } from './text';

/**
 * The one home of every decision about a score's figures that the checker and the scorer both make:
 * which grade a total earns, how a score and a 得分率 are rounded and formatted when written, and when a
 * figure already in the workbook agrees with the one computed. The checker accepts exactly what the
 * scorer would leave standing, so scoring a workbook and checking it again never disagree.
 */

/** A figure as read from a cell: its value and, when known, the format it is shown in. */
export interface ShownNumber {
  readonly value: number;
  readonly numFmt?: string;
}

/**
 * The grade a total earns: its share of the points the table is out of (`outOf`, e.g. 70 for a 70-point
 * 评价办法) against `settings.grades`, whose `min` are percentages (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below).
 * A share below every band gets the lowest band's grade. `outOf` ≤ 0 grades on the points as percentages.
 */
export function gradeOf(total: number | Dec, outOf: number | Dec, grades: Settings['grades']): string {
  const points = D(outOf);
  const share = points.lessThanOrEqualTo(0) ? D(total) : D(total).dividedBy(points).times(100);
  const bands = [...grades].sort((a, b) => b.min - a.min);
  return (bands.find((b) => share.greaterThanOrEqualTo(D(b.min))) ?? bands[bands.length - 1]).grade;
}

/** Whether a grade as written (`良`, `良 级`, `良等`) names `expected`: spacing and a 级/等 suffix do not count. */
export function gradeMatches(written: string, expected: string): boolean {
  return normalizeLabel(written).replace(/级$|等$/, '') === expected;
}

/** Decimal places a written 得分率 is rounded to: those its format shows (`0.00%` → 4), else 4. */
export function ratePlaces(settings: Settings): number {
  return displayPrecision(settings.rateFormat)?.places ?? 4;
}

/** The number format of a written score: `0.00` for two places, `0` for none. */
export function scoreFormat(settings: Settings): string {
  return settings.scorePlaces > 0 ? `0.${'0'.repeat(settings.scorePlaces)}` : '0';
}

/** A computed score as written: half-up (四舍五入) to `settings.scorePlaces`. */
export function roundScore(exact: number | Dec, settings: Settings): Dec {
  return roundHalfUp(exact, settings.scorePlaces);
}

/** 得分率 = 得分 / 分值 as written: half-up to the places the rate format shows. */
export function rateOf(score: number | Dec, weight: number | Dec, settings: Settings): Dec {
  return roundHalfUp(D(score).dividedBy(D(weight)), ratePlaces(settings));
}

/**
 * Whether a written 得分率 agrees with 得分 / 分值: at the cell's displayed precision, or as the rate of an
 * unrounded score that rounds to the written 得分 (78.21% × 2 = 1.5642 → 1.56). A weight of 0 has no rate
 * to disagree with.
 */
export function rateAgrees(rate: ShownNumber, score: number, weight: number): boolean {
  if (weight === 0) return true;
  const exact = D(score).dividedBy(D(weight));
  if (agreesAtPrecision(rate.value, exact, rate.numFmt)) return true;
  const places = Math.max(2, decimalPlaces(score));
  return roundHalfUp(D(rate.value).times(D(weight)), places).equals(roundHalfUp(score, places));
}

/**
 * Whether a written 得分 agrees with the exact score computed from its rule: at the larger of
 * `settings.scorePlaces` and the places it was written with (2.964 and 2.96 both agree with 2.9640…).
 */
export function scoreAgrees(recorded: number, exact: number | Dec, settings: Settings): boolean {
  const places = Math.max(settings.scorePlaces, decimalPlaces(recorded));
  return roundHalfUp(exact, places).equals(roundHalfUp(recorded, places));
}

/**
 * Whether a written ratio (执行率 = 执行数 / 预算数) agrees with the exact one at the precision it is shown
 * in; a cell without a format is read as `0.00%`, the way these forms print it.
 */
export function ratioAgrees(shown: ShownNumber, exact: Dec): boolean {
  return agreesAtPrecision(shown.value, exact, shown.numFmt ?? '0.00%');
}

/**
 * What the scorer proposes for a cell the checker judges: the figure already there when the checker
 * accepts it (so a second run writes nothing and a correct 78.21% is never "corrected" to 78%), else
 * the computed one.
 */
export function keepAccepted(recorded: number | undefined, computed: Dec, accepts: (recorded: number) => boolean): Dec {
  return recorded !== undefined && accepts(recorded) ? D(recorded) : computed;
}
