import { D, Decimal, decimalPlaces, fmt, type Dec } from '../decimal';
import { maxPointsOf } from './families';
import type { Award, Bound, Rule } from './types';

/**
 * What a rule allows and what it gives. `weight` is the indicator's 分值 (the rule's own 满分值 is
 * only a fallback: when they differ, `rule-weight-mismatch` says so and the weight is scored).
 */

export function awardValue(a: Award, weight: number | undefined): Dec | undefined {
  if ('points' in a) return D(a.points);
  return weight === undefined ? undefined : D(weight).times(a.share);
}

/** The full mark a rule states in points (`满分值3分`, `完成得4分`, composite parts 3+2+2), if it states one. */
export function ruleMaxPoints(rule: Rule): number | undefined {
  return maxPointsOf(rule);
}

/** The most a rule can give an indicator of this weight. */
function cap(rule: Rule, weight: number | undefined): Dec | undefined {
  // Bonuses can take a formula past the weight (`加分至基本分值封顶`: up to twice it).
  if (rule.kind === 'formula-other') {
    const m = maxPointsOf(rule, weight);
    return m === undefined ? undefined : D(Math.max(m, weight ?? 0));
  }
  if (weight !== undefined) return D(weight);
  const m = ruleMaxPoints(rule);
  return m === undefined ? undefined : D(m);
}

/** Discrete scores a rule can give, when it gives only a few. */
export function possibleScores(rule: Rule, weight: number | undefined): Dec[] | undefined {
  const all = (xs: (Dec | undefined)[]) => (xs.every((x) => x !== undefined) ? uniq(xs as Dec[]) : undefined);
  switch (rule.kind) {
    case 'binary':
      return all([awardValue(rule.pass, weight), awardValue(rule.fail, weight)]);
    case 'levels':
      return all(rule.levels.map((l) => awardValue(l.award, weight)));
    case 'bands':
      // Only when every value lands in a stated band with one score (a `8-9` band or an unstated
      // range leaves the score to a person).
      if (rule.bands.some((b) => b.upTo !== undefined) || !rule.bands.some((b) => !b.min || b.points === 0))
        return undefined;
      return uniq(rule.bands.map((b) => D(b.points)));
    case 'comparison':
      return uniq([D(rule.less), D(rule.equal), D(rule.greater)]);
    case 'ranking':
      return uniq([D(rule.topPoints), D(rule.completePoints), D(rule.nonePoints ?? 0)]);
    case 'checklist': {
      if (rule.points !== undefined) return Array.from({ length: rule.items + 1 }, (_, k) => D(rule.points!).times(k));
      if (weight === undefined) return undefined;
      return Array.from({ length: rule.items + 1 }, (_, k) => D(weight).times(k).dividedBy(rule.items));
    }
    default:
      return undefined;
  }
}

function uniq(xs: Dec[]): Dec[] {
  const out: Dec[] = [];
  for (const x of xs) if (!out.some((y) => y.equals(x))) out.push(x);
  return out.sort((a, b) => b.comparedTo(a));
}

/** Equal at the recorded score's own precision (a person writes 5/3 as 1.67). */
function sameAtPrecision(recorded: number, exact: Dec): boolean {
  const places = Math.max(2, decimalPlaces(recorded));
  return D(recorded)
    .toDecimalPlaces(places, Decimal.ROUND_HALF_UP)
    .equals(exact.toDecimalPlaces(places, Decimal.ROUND_HALF_UP));
}

export type Reach = { readonly ok: true } | { readonly ok: false; readonly why: string };

/**
 * Whether a recorded 得分 is a score the rule can give. Undefined when the rule cannot tell
 * (no weight to scale a share by).
 */
export function reachable(rule: Rule, weight: number | undefined, score: number): Reach | undefined {
  const s = D(score);
  const top = cap(rule, weight);
  if (s.isNegative()) return { ok: false, why: `得分 ${fmt(score)} 为负数` };
  const discrete = possibleScores(rule, weight);
  if (discrete) {
    if (discrete.some((x) => sameAtPrecision(score, x))) return { ok: true };
    return {
      ok: false,
      why: `按评价标准只能得 ${discrete.map((x) => fmt(x, 2)).join('、')} 分，不能得 ${fmt(score)} 分`,
    };
  }
  switch (rule.kind) {
    case 'per-finding': {
      const full = rule.full !== undefined ? D(rule.full) : top;
      if (full && (rule.more || rule.once || rule.cap !== undefined)) {
        // Several kinds of finding, or a cap: any score from 0 to the full mark can be reached.
        return s.greaterThan(full) ? { ok: false, why: `得分 ${fmt(score)} 超过满分 ${fmt(full)} 分` } : { ok: true };
      }
      if (!full) return undefined;
      if (s.isZero()) return { ok: true };
      const lost = full.minus(s);
      if (!lost.isNegative() && lost.dividedBy(rule.deduct).isInteger()) return { ok: true };
      const steps = [0, 1, 2, 3].map((k) => full.minus(D(rule.deduct).times(k))).filter((x) => !x.isNegative());
      return {
        ok: false,
        why: `满分 ${fmt(full)} 分每处扣 ${fmt(rule.deduct)} 分，只能得 ${steps.map((x) => fmt(x)).join('、')}… 分，${fmt(score)} 分无法由整数处扣分得到`,
      };
    }
    case 'intervals': {
      if (rule.grades.some((g) => inInterval(s, g.low, g.lowInclusive, g.high, g.highInclusive))) return { ok: true };
      const shown = rule.grades.map((g) =>
        g.low === g.high
          ? `${fmt(g.low)}`
          : `${g.lowInclusive ? '[' : '('}${fmt(g.low)},${fmt(g.high)}${g.highInclusive ? ']' : ')'}`,
      );
      return { ok: false, why: `${fmt(score)} 分不在评价标准的任何档次内（${shown.join('、')}）` };
    }
    default: {
      if (!top) return undefined;
      if (s.greaterThan(top)) return { ok: false, why: `得分 ${fmt(score)} 超过满分 ${fmt(top)} 分` };
      return { ok: true };
    }
  }
}

function inInterval(x: Dec, low: number, lowInc: boolean, high: number, highInc: boolean): boolean {
  const okLow = lowInc ? x.greaterThanOrEqualTo(low) : x.greaterThan(low);
  const okHigh = highInc ? x.lessThanOrEqualTo(high) : x.lessThan(high);
  return okLow && okHigh;
}

export function inBound(x: Dec, min?: Bound, max?: Bound): boolean {
  if (min && !(min.inclusive ? x.greaterThanOrEqualTo(min.value) : x.greaterThan(min.value))) return false;
  if (max && !(max.inclusive ? x.lessThanOrEqualTo(max.value) : x.lessThan(max.value))) return false;
  return true;
}

/** Bands no value can fall in: with `|Y|`, any band wholly below 0 (`0%>成本节约率|Y|`). */
export function unreachableBands(rule: Rule): { text: string; points: number }[] {
  if (rule.kind !== 'bands') return [];
  return rule.bands.filter((b) => {
    if (
      b.min &&
      b.max &&
      (b.min.value > b.max.value || (b.min.value === b.max.value && !(b.min.inclusive && b.max.inclusive)))
    )
      return true;
    return rule.abs && b.max !== undefined && (b.max.value < 0 || (b.max.value === 0 && !b.max.inclusive));
  });
}

export interface Computed {
  /** Exact, before rounding. */
  readonly score: Dec;
  readonly full: Dec;
  /** Which part of the rule decided it (`0%≤成本节约率|Y|<2%时,得0.5分`), for the 扣分说明. */
  readonly because?: string;
}

/**
 * The score a rule gives for a measured rate (预算执行率 0.988215, 成本节约率 0.001326, 满意度 1).
 * Undefined for rules a person scores (levels, intervals, per-finding …).
 */
export function computeScore(rule: Rule, weight: number | undefined, x: Dec, benchmark?: number): Computed | undefined {
  const full = cap(rule, weight);
  const zero = new Decimal(0);
  const clamp = (v: Dec, hi: Dec) => Decimal.max(zero, Decimal.min(v, hi));
  switch (rule.kind) {
    case 'ratio':
      return full ? { score: clamp(Decimal.min(x, 1).times(full), full), full } : undefined;
    case 'deduct-per-pct': {
      if (!full) return undefined;
      const t = rule.fromBenchmark && benchmark !== undefined ? D(benchmark) : D(rule.threshold);
      if (x.greaterThanOrEqualTo(t)) return { score: full, full };
      return { score: clamp(full.times(D(1).minus(D(rule.perPct).times(t.minus(x).times(100)))), full), full };
    }
    case 'satisfaction': {
      if (!full) return undefined;
      if (rule.fullAt === undefined) return { score: clamp(x.times(full), full), full };
      if (x.greaterThanOrEqualTo(rule.fullAt)) return { score: full, full };
      if (rule.perPct === undefined) return undefined;
      return {
        score: clamp(full.times(D(1).minus(D(rule.perPct).times(D(rule.fullAt).minus(x).times(100)))), full),
        full,
      };
    }
    case 'bands': {
      if (rule.unit !== undefined) return undefined;
      const v = rule.abs ? x.abs() : x;
      const band = rule.bands.find((b) => inBound(v, b.min, b.max));
      if (!band || band.upTo !== undefined) return undefined;
      const top = D(Math.max(...rule.bands.map((b) => b.points)));
      return { score: D(band.points), full: full ?? top, because: band.text };
    }
    default:
      return undefined;
  }
}
