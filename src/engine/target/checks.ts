import { Decimal } from '../decimal';
import { finding, type Finding } from '../findings';
import type { Check, CheckContext } from '../pipeline';
import type { Settings } from '../settings';
import type { Table } from '../tables';
import type { NumberCell, TextCell } from '../model/table';
import { displayLabel, normalizeLabel, toHalfWidth } from '../text';
import { isUnquantified, parseQuantity, type Quantity } from '../selfeval/compare';
import type { TargetIndicator, TargetTable } from './types';

const isTarget = (t: Table): t is TargetTable => t.kind === 'target';

/**
 * Reviewing a 绩效目标表 the way a finance bureau does before the money is spent (财预〔2021〕101号 and the
 * 000 seed's findings): every target must be 细化量化 (a value someone can check), a project's form
 * must cover the expected 二级 categories, a figure needs a unit, and a 成本 target cannot exceed the
 * form's own 年度资金总额.
 */
export const targetCheck: Check = {
  name: 'target',
  run(ctx: CheckContext): Finding[] {
    return ctx.tables
      .filter(isTarget)
      .flatMap((t) => [
        ...unquantified(t),
        ...missingCategories(t, ctx.settings),
        ...missingUnits(t),
        ...overBudget(t),
      ]);
  },
};

const where = (i: TargetIndicator) => {
  const l2 = i.level2 ? displayLabel(i.level2.text) : i.level1 ? displayLabel(i.level1.text) : '';
  return `${l2 ? `“${l2}”下的` : ''}指标“${displayLabel(i.name.text)}”`;
};

const textOf = (v: TextCell | NumberCell | undefined) =>
  v === undefined ? '' : 'text' in v ? v.text : String(v.value);

function unquantified(t: TargetTable): Finding[] {
  return t.indicators
    .filter((i) => i.value && 'text' in i.value && isUnquantified(i.value.text))
    .map((i) =>
      finding({
        code: 'target-unquantified',
        sheet: t.sheet,
        cell: i.valueCell,
        related: [i.name.cell],
        message: `${where(i)}指标值“${displayLabel(textOf(i.value))}”无法衡量，建议细化量化（写明数值和单位，如“≥95%”“≤90万元”“12月底前”）`,
        actual: displayLabel(textOf(i.value)),
      }),
    );
}

/** The category a 二级 (or 一级) name stands for, by its word: 数量指标 → 数量. */
function coversCategory(i: TargetIndicator, category: string): boolean {
  const names = [i.level2?.text, i.level1?.text].filter((x): x is string => !!x).map(normalizeLabel);
  return names.some((n) => n.includes(category));
}

function missingCategories(t: TargetTable, settings: Settings): Finding[] {
  if (!t.isProject) return [];
  return settings.targetCategories
    .filter((c) => !t.indicators.some((i) => coversCategory(i, c)))
    .map((c) =>
      finding({
        code: 'target-category-missing',
        sheet: t.sheet,
        cell: t.level2Header,
        message: `绩效目标表缺少“${c}指标”：项目绩效目标应包含${settings.targetCategories.map((x) => `${x}指标`).join('、')}（可在设置 targetCategories 中调整）`,
        expected: `${c}指标`,
      }),
    );
}

/** A unit written in the indicator's name (`培训人数（人次）`, `资金（万元）`) is the value's unit. */
const UNIT_IN_NAME =
  /[(（][^()（）]*(%|％|元|人|次|个|户|项|天|日|月|年|km|公里|米|亩|吨|台|套|所|家|件|篇|场|册|份|分|万|亿)[^()（）]*[)）]$/;

function isBareNumber(v: TextCell | NumberCell): boolean {
  if ('value' in v) return !(v.numFmt ?? '').includes('%');
  return /^(?:≥|≤|>=|<=|>|<|=|＞|＜|不低于|不少于|不超过|不高于|达到)?\s*\d+(?:\.\d+)?$/.test(
    toHalfWidth(v.text).trim(),
  );
}

function missingUnits(t: TargetTable): Finding[] {
  return t.indicators
    .filter((i) => i.value && isBareNumber(i.value) && !i.unit && !UNIT_IN_NAME.test(normalizeLabel(i.name.text)))
    .map((i) =>
      finding({
        code: 'target-unit-missing',
        sheet: t.sheet,
        cell: i.valueCell,
        related: [i.name.cell],
        message: `${where(i)}指标值 ${displayLabel(textOf(i.value))} 没有单位${t.hasUnitColumn ? '（度量单位一栏为空）' : ''}，无法判断是百分比、人次还是金额，请注明单位`,
      }),
    );
}

const MONEY_SCALE: Readonly<Record<string, number>> = { 元: 1, 万元: 10_000, 亿元: 100_000_000 };

/** The 指标值 as a quantity, with the 度量单位 column's unit when the value itself has none. */
function quantityOfTarget(i: TargetIndicator): Quantity | undefined {
  if (!i.value) return undefined;
  const unit = i.unit ? normalizeLabel(i.unit.text) : '';
  const text = 'text' in i.value ? i.value.text : String(i.value.value);
  return parseQuantity(
    unit && /^[^\u4e00-\u9fff]*\d[^\u4e00-\u9fff]*$/.test(normalizeLabel(text)) ? `${text}${unit}` : text,
  );
}

function overBudget(t: TargetTable): Finding[] {
  const funds = t.funds;
  if (!funds?.unit || !(funds.unit in MONEY_SCALE)) return [];
  const total = new Decimal(funds.total.value).times(MONEY_SCALE[funds.unit]);
  const out: Finding[] = [];
  for (const i of t.indicators) {
    const isCost = /成本/.test(i.level2?.text ?? '') || /成本/.test(i.name.text);
    if (!isCost) continue;
    const q = quantityOfTarget(i);
    if (!q || !(q.unit in MONEY_SCALE)) continue;
    const amount = new Decimal(q.upper ?? q.value).times(MONEY_SCALE[q.unit]);
    if (amount.lte(total)) continue;
    const inFundsUnit = amount.div(MONEY_SCALE[funds.unit]);
    out.push(
      finding({
        code: 'target-budget-mismatch',
        sheet: t.sheet,
        cell: i.valueCell,
        related: [funds.total.cell],
        message: `${where(i)}成本指标值 ${displayLabel(textOf(i.value))}${i.unit && 'value' in i.value! ? i.unit.text : ''}（${inFundsUnit.toString()}${funds.unit}）高于本表年度资金总额 ${funds.total.value}${funds.unit}`,
        expected: `≤ ${funds.total.value}${funds.unit}`,
        actual: inFundsUnit.toNumber(),
      }),
    );
  }
  return out;
}
