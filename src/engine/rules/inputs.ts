import { D, Decimal, type Dec } from '../decimal';
import { qualify } from '../model/address';
import type { Sheet, Workbook } from '../model/sheet';
import type { Table } from '../tables';
import type { NumberCell } from '../model/table';
import type { BudgetTable, CostTable, MoneyRow } from '../money/types';
import { normalizeLabel } from '../text';
import { toA1 } from '../model/address';

/**
 * Rates an indicator's score depends on, read from other tables of the same workbook: 预算执行率 and
 * 资金到位率 from the budget table's 合计 row, 成本节约率 from the cost table, 满意度 from the
 * survey counts. Each carries the cells it came from, so a written formula can point at them.
 */
export type RateKey = '预算执行率' | '资金到位率' | '成本节约率' | '满意度';

export interface MeasuredRate {
  readonly key: RateKey;
  readonly value: Dec;
  /** The same rate as an Excel expression over the source cells (`预算资金!C21/预算资金!B21`). */
  readonly expr: string;
  /** Source cells, qualified. */
  readonly cells: readonly string[];
  /** How it was computed, for messages: `实际支出 3142.819772 / 预算 3180.3`. */
  readonly how: string;
}

export function rateKeyOf(...names: (string | undefined)[]): RateKey | undefined {
  const text = names
    .filter(Boolean)
    .map((n) => normalizeLabel(n!))
    .join('|');
  if (/预算执行率|资金执行率/.test(text)) return '预算执行率';
  if (/资金到位率/.test(text)) return '资金到位率';
  if (/成本节约率/.test(text)) return '成本节约率';
  if (/满意度|满意率/.test(text)) return '满意度';
  return undefined;
}

export function measuredRates(workbook: Workbook, tables: readonly Table[]): Map<RateKey, MeasuredRate> {
  const out = new Map<RateKey, MeasuredRate>();
  const add = (r: MeasuredRate | undefined) => r && out.set(r.key, r);
  const budgets = tables.filter((t): t is BudgetTable => t.kind === 'budget');
  // With several budget tables the engine cannot tell which one the indicator means: no guess.
  if (budgets.length === 1) {
    add(budgetRate(budgets[0], '预算执行率'));
    add(budgetRate(budgets[0], '资金到位率'));
  }
  const costs = tables.filter((t): t is CostTable => t.kind === 'cost');
  if (costs.length === 1) add(costSavingRate(costs[0]));
  add(surveyRate(workbook));
  return out;
}

function totalRow(rows: readonly MoneyRow[]): MoneyRow | undefined {
  const totals = rows.filter((r) => r.level === 'total');
  return totals[totals.length - 1];
}

function ref(sheet: string, c: NumberCell): string {
  return qualify(sheet, c.cell);
}

function budgetRate(t: BudgetTable, key: '预算执行率' | '资金到位率'): MeasuredRate | undefined {
  const total = totalRow(t.rows);
  if (!total) return undefined;
  const v = total.values;
  const den = v.adjustedBudget ?? v.budget;
  const num = key === '预算执行率' ? (v.actual ?? undefined) : v.received;
  if (!num || !den || den.value === 0) return undefined;
  const numLabel = key === '预算执行率' ? '实际支出' : '实际到位资金';
  const denLabel = v.adjustedBudget ? '调整后预算' : '预算';
  return {
    key,
    value: D(num.value).dividedBy(D(den.value)),
    expr: `${ref(t.sheet, num)}/${ref(t.sheet, den)}`,
    cells: [ref(t.sheet, num), ref(t.sheet, den)],
    how: `${numLabel} ${D(num.value).toString()} / ${denLabel} ${D(den.value).toString()}`,
  };
}

/** (计划成本 − 实际成本) / 计划成本 of the 合计 row; the printed rate only when the totals are missing. */
function costSavingRate(t: CostTable): MeasuredRate | undefined {
  const total = totalRow(t.rows);
  const plan = total?.values.planCost;
  const actual = total?.values.actualCost;
  if (plan && actual && plan.value !== 0) {
    const p = ref(t.sheet, plan);
    const a = ref(t.sheet, actual);
    return {
      key: '成本节约率',
      value: D(plan.value).minus(actual.value).dividedBy(plan.value),
      expr: `(${p}-${a})/${p}`,
      cells: [p, a],
      how: `（计划成本 ${D(plan.value).toString()} − 实际成本 ${D(actual.value).toString()}）/ 计划成本`,
    };
  }
  const printed = total?.values.savingRate ?? t.rows.map((r) => r.values.savingRate).find(Boolean);
  if (!printed) return undefined;
  return {
    key: '成本节约率',
    value: D(printed.value),
    expr: ref(t.sheet, printed),
    cells: [ref(t.sheet, printed)],
    how: '成本节约率（表中所列）',
  };
}

const SURVEY_COLS: readonly [RegExp, number][] = [
  [/^非常满意/, 1],
  [/^(比较)?满意(人数|数|票数)?$/, 0.75],
  [/^一般/, 0.5],
  [/^(不太满意|不满意|较不满意)/, 0.25],
  [/^(很不满意|非常不满意)/, 0],
];

/**
 * A survey table (满意度调查问卷统计分析表): a header with 非常满意 … 很不满意 counts and one data
 * row. 满意度 = Σ count × weight / Σ count, with the weights 100/75/50/25/0% of the 评分标准.
 */
export function surveyRate(workbook: Workbook): MeasuredRate | undefined {
  const found: MeasuredRate[] = [];
  for (const sheet of workbook.sheets) {
    const r = surveyOnSheet(sheet);
    if (r) found.push(r);
  }
  return found.length === 1 ? found[0] : undefined;
}

function surveyOnSheet(sheet: Sheet): MeasuredRate | undefined {
  for (let row = 1; row <= Math.min(sheet.maxRow, 30); row++) {
    const cols: { col: number; w: number }[] = [];
    for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) {
      const label = normalizeLabel(sheet.text(row, col));
      const hit = SURVEY_COLS.find(([re]) => re.test(label));
      if (hit && !cols.some((c) => c.w === hit[1])) cols.push({ col, w: hit[1] });
    }
    if (cols.length < 5) continue;
    const data = row + 1;
    const counts = cols.map((c) => ({ ...c, v: sheet.value(data, c.col) }));
    if (!counts.every((c) => c.v.kind === 'number')) return undefined;
    const n = counts.reduce((s, c) => s.plus((c.v as { value: number }).value), new Decimal(0));
    if (n.isZero()) return undefined;
    const weighted = counts.reduce((s, c) => s.plus(D((c.v as { value: number }).value).times(c.w)), new Decimal(0));
    const cells = counts.map((c) => qualify(sheet.name, toA1(data, c.col)));
    const terms = counts.map((c, i) => (c.w === 0 ? '' : c.w === 1 ? cells[i] : `${cells[i]}*${c.w}`)).filter(Boolean);
    return {
      key: '满意度',
      value: weighted.dividedBy(n),
      expr: `(${terms.join('+')})/SUM(${cells.join(',')})`,
      cells,
      how: `满意度调查 ${n.toString()} 人，加权满意度`,
    };
  }
  return undefined;
}
