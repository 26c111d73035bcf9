import type { Check, ScorePlan } from '../pipeline';
import { ruleTextCheck } from './checks';
import type { Table } from '../tables';
import type { Workbook } from '../model/sheet';
import type { Settings } from '../settings';

/** 评价标准 rules: parsing, rule checks and scoring. Registered in analyze.ts. */
export const ruleChecks: Check[] = [ruleTextCheck];

export interface ScoreOptions {
  /** Write Excel formulas (`=ROUND(…,2)`, `=H12/G12`) instead of values. */
  readonly formulas?: boolean;
}

/**
 * What scoring would write: 得分 where computable, 得分率, subtotals, 合计, 等级, 扣分说明, and the
 * 综合评定得分表 sheet. Pure: adapters apply the plan after `planWrites` decided what is safe.
 */
export function planScores(_workbook: Workbook, _tables: readonly Table[], _settings: Settings, _options: ScoreOptions = {}): ScorePlan {
  return { patches: [], newSheets: [], findings: [] };
}
