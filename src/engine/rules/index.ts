import type { Check, Scorer } from '../pipeline';
import { ruleTextCheck } from './checks';
import { planScores } from './score';

export type { ScoreOptions } from '../pipeline';
export { parseRule } from './parse';
export { parseNotation, formatNotation } from './notation';
export { ruleSchema, type Rule, type RuleKind } from './types';
export { scoreUnits, unitScore, type UnitScores } from './units';

/** 评价标准 rules: parsing, rule checks and scoring. Registered in analyze.ts. */
export const ruleChecks: Check[] = [ruleTextCheck];

/**
 * What scoring would write on indicator tables and their summaries: 得分 where computable, 得分率, subtotals,
 * 合计, 等级, 扣分说明, and the 综合评定得分表 and 分单位得分 sheets. Registered in score.ts.
 */
export const ruleScorers: Scorer[] = [
  { name: 'indicator-scores', plan: (ctx) => planScores(ctx.workbook, ctx.tables, ctx.settings, ctx.options) },
];
