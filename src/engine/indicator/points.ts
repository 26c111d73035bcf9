import { sum } from '../decimal';
import type { IndicatorTable, SummaryTable } from './types';

/**
 * The points a table is out of, for its 等级 and its 总分 check: the total its header declares (`分值（70分）`),
 * else its printed 合计 分值 (a summary without one: the sum of its items' 分值), else 100 (the 百分制 of the 评价办法). The checker and the scorer both grade on
 * this, so a 70-point table scoring 60 is 良 (85.7%) to both.
 */
export function pointsOf(t: IndicatorTable | SummaryTable): number {
  if (t.kind === 'indicator') return t.declaredTotal?.value ?? t.total?.weight?.value ?? 100;
  const items = t.items.map((i) => i.weight?.value);
  const parts = items.length > 0 && items.every((w): w is number => w !== undefined) ? Number(sum(items)) : undefined;
  return t.total?.weight?.value ?? parts ?? 100;
}
