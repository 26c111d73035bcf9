import { D, Decimal, fmt, roundHalfUp, type Dec } from '../decimal';
import { computeScore, unreachableBands } from './evaluate';
import { rateKeyOf, type MeasuredRate, type RateKey } from './inputs';
import type { ResolvedRule } from './resolve';
import type { ScoreCell } from './scoreCells';
import type { Rule } from './types';

/** A score the engine can work out from the workbook itself, with the formula and note to write. */
export interface ComputedScore {
  readonly exact: Dec;
  readonly rounded: Dec;
  readonly full: Dec;
  readonly rate: MeasuredRate;
  /** Excel formula (without `=`) giving the same rounded score from the source cells. */
  readonly formula?: string;
  /** `预算执行率98.82%，扣0.04分。` when something was deducted. */
  readonly note?: string;
}

const COMPUTABLE = new Set<Rule['kind']>(['ratio', 'deduct-per-pct', 'satisfaction', 'bands']);

export function computeCell(
  sc: ScoreCell,
  resolved: ResolvedRule | undefined,
  rates: ReadonlyMap<RateKey, MeasuredRate>,
  places: number,
): ComputedScore | undefined {
  const rule = resolved?.rule;
  if (!rule || !COMPUTABLE.has(rule.kind) || sc.leaves.length !== 1) return undefined;
  const leaf = sc.leaves[0];
  const variable = 'variable' in rule ? rule.variable : undefined;
  const key = rateKeyOf(leaf.name, variable) ?? (rule.kind === 'satisfaction' ? '满意度' : undefined);
  // The rule must be about the same rate as the indicator: a 满意度 rate never scores 预算执行率.
  if (!key || (variable && rateKeyOf(variable) && rateKeyOf(variable) !== key)) return undefined;
  const rate = rates.get(key);
  if (!rate) return undefined;
  const benchmark = leaf.benchmark && 'value' in leaf.benchmark ? leaf.benchmark.value : undefined;
  const c = computeScore(rule, sc.weight, rate.value, benchmark);
  if (!c) return undefined;
  const rounded = roundHalfUp(c.score, places);
  const lost = c.full.minus(rounded);
  const note = lost.greaterThan(0) ? `${key}${ratePercent(rate.value)}，扣${fmt(lost)}分。` : undefined;
  const formula = scoreFormula(rule, rate.expr, sc.weightCell ?? fmt(c.full), places, benchmark);
  return { exact: c.score, rounded, full: c.full, rate, ...(formula ? { formula } : {}), ...(note ? { note } : {}) };
}

/** A rate as a person writes it in a note: 98.82%, and 0.1326% for rates below one percent. */
export function ratePercent(r: Dec): string {
  const places = r.abs().lessThan(0.01) && !r.isZero() ? 4 : 2;
  return `${r.times(100).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places)}%`;
}

function num(n: number | Dec): string {
  return D(n).toString();
}

function scoreFormula(rule: Rule, x: string, w: string, places: number, benchmark?: number): string | undefined {
  const round = (e: string) => `ROUND(${e},${places})`;
  const below = (t: number, per: number) => `IF(${x}>=${num(t)},${w},MAX(0,${w}*(1-${num(per)}*(${num(t)}-${x})*100)))`;
  switch (rule.kind) {
    case 'ratio':
      return round(`MIN(1,MAX(0,${x}))*${w}`);
    case 'deduct-per-pct': {
      const t = rule.fromBenchmark && benchmark !== undefined ? benchmark : rule.threshold;
      return round(below(t, rule.perPct));
    }
    case 'satisfaction':
      if (rule.fullAt === undefined) return round(`MIN(1,MAX(0,${x}))*${w}`);
      return rule.perPct === undefined ? undefined : round(below(rule.fullAt, rule.perPct));
    case 'bands': {
      const v = rule.abs ? `ABS(${x})` : x;
      const dead = new Set(unreachableBands(rule).map((b) => b.text));
      const live = rule.bands.filter((b) => !dead.has(b.text));
      const stepped = live.filter((b) => b.min).sort((a, b) => b.min!.value - a.min!.value);
      const rest = live.find((b) => !b.min);
      let e = rest ? num(rest.points) : '0';
      for (const b of [...stepped].reverse())
        e = `IF(${v}${b.min!.inclusive ? '>=' : '>'}${num(b.min!.value)},${num(b.points)},${e})`;
      return e;
    }
    default:
      return undefined;
  }
}
