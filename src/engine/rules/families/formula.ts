import { pts, tidy, type FamilyModule } from './family';

/** A base score with bonuses and deductions of different kinds: read, range-checked, not computed. */
export const formulaFamily: FamilyModule<'formula-other'> = {
  kind: 'formula-other',
  family: 'formula-other',
  maxPoints: (r, w) =>
    r.max ?? (r.maxTimesWeight !== undefined && w !== undefined ? tidy(r.maxTimesWeight * w) : undefined),
  score: () => undefined,
  reading: (r) => `组合公式（得分需人工按公式计算）：${r.reading}`,
  notation: (r) =>
    `formula:${r.max !== undefined ? pts(r.max) : r.maxTimesWeight !== undefined ? `${pts(r.maxTimesWeight)}w` : ''}`,
};
