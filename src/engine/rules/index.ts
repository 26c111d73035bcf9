import type { Check, ScorePlan } from '../pipeline';
import { ruleTextCheck } from './checks';
import type { Table } from '../tables';
import type { Workbook } from '../model/sheet';
import type { Settings } from '../settings';
import { planScores as plan, type ScoreOptions } from './score';

export type { ScoreOptions };
export { parseRule } from './parse';
export { parseNotation, formatNotation } from './notation';
export { ruleSchema, type Rule, type RuleKind } from './types';
export { scoreUnits, unitScore, type UnitScores } from './units';

/** 评价标准 rules: parsing, rule checks and scoring. Registered in analyze.ts. */
export const ruleChecks: Check[] = [ruleTextCheck];

/**
 * What scoring would write: 得分 where computable, 得分率, subtotals, 合计, 等级, 扣分说明, and the
 * 综合评定得分表 sheet. Pure: adapters apply the plan after `planWrites` decided what is safe.
 */
export function planScores(workbook: Workbook, tables: readonly Table[], settings: Settings, options: ScoreOptions = {}): ScorePlan {
  return plan(workbook, tables, settings, options);
}
