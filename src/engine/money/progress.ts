import { D, roundHalfUp, sum, type Dec } from '../decimal';

/**
 * 支付进度: cumulative payments at the end of March, June, September and December against the
 * annual budget, compared with the targets (33% / 70% / 85% / 100% by default).
 */
export interface Payment {
  readonly iso: string;
  readonly amount: number;
}

export interface QuarterProgress {
  readonly quarter: 1 | 2 | 3 | 4;
  /** Last day of the quarter, ISO. */
  readonly end: string;
  readonly cumulative: Dec;
  /** cumulative / budget. */
  readonly rate: Dec;
  readonly target: number;
  /** rate / target, at most 1. */
  readonly attainment: Dec;
  readonly below: boolean;
}

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;

export function quarterlyProgress(
  payments: readonly Payment[],
  budget: number,
  year: number,
  targets: readonly number[],
): QuarterProgress[] {
  return QUARTER_END.map((md, i) => {
    const end = `${year}-${md}`;
    const cumulative = sum(payments.filter((p) => p.iso.startsWith(`${year}-`) && p.iso <= end).map((p) => p.amount));
    const rate = budget === 0 ? D(0) : cumulative.dividedBy(D(budget));
    const target = targets[i];
    const ratio = target === 0 ? D(1) : rate.dividedBy(D(target));
    return {
      quarter: (i + 1) as 1 | 2 | 3 | 4,
      end,
      cumulative,
      rate,
      target,
      attainment: ratio.greaterThan(1) ? D(1) : ratio,
      below: rate.lessThan(D(target)),
    };
  });
}

/**
 * 支付进度率 = the average attainment over the checkpoints, and its score under
 * `每降低1%扣5%权重分，扣完为止`: every percentage point below 100% costs 5% of the weight.
 */
export function paymentProgressScore(
  quarters: readonly QuarterProgress[],
  weight: number,
  places = 2,
): { rate: Dec; score: Dec } {
  const rate = sum(quarters.map((q) => q.attainment)).dividedBy(quarters.length);
  const pointsBelow = D(1).minus(rate).times(100);
  const lost = pointsBelow.times(0.05).times(D(weight));
  const score = D(weight).minus(lost);
  return { rate, score: roundHalfUp(score.lessThan(0) ? D(0) : score, places) };
}
