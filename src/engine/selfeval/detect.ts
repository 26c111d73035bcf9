import type { Sheet } from '../model/sheet';
import { rangeContains, rangeToA1, type RangeRef } from '../model/address';
import { findHeaderRows, matchHeaderRow } from '../header';
import { normalizeLabel } from '../text';
import { isPlaceholder, readNumber, readText } from '../cells';
import type { DetectContext } from '../pipeline';
import type { NumberCell, TextCell } from '../tables';
import type { SelfEvalFundRow, SelfEvalIndicator, SelfEvalTable } from './types';

/**
 * 项目支出绩效自评表: a form, not a grid. Found by its 绩效指标 header (一级指标 | 二级指标 | 三级指标 |
 * 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…); the 项目资金 block and 项目名称 are looked up above it,
 * 总分 below it, all by label so that forms of any length, anywhere on a sheet, are read.
 */
const INDICATOR_ROLES = {
  l1: /^一级指标$/,
  l2: /^二级指标$/,
  l3: /^三级指标$/,
  target: /^年度指标值$|^(年度)?目标值$/,
  actual: /^(实际)?完成值$|^全年实际值$/,
  weight: /^分值$/,
  score: /^得分$/,
  note: /^偏差原因|^未完成原因/,
} as const;
type IRole = keyof typeof INDICATOR_ROLES;

const FUND_ROLES = {
  initialBudget: /^年初预算数$/,
  annualBudget: /^全年预算数$/,
  executed: /^全年执行数$/,
  weight: /^分值$/,
  rate: /^执行率$/,
  score: /^得分$/,
} as const;
type FRole = keyof typeof FUND_ROLES;

export function detectSelfEvalForms(sheet: Sheet, ctx: DetectContext): SelfEvalTable[] {
  const headers = findHeaderRows<IRole>(sheet, INDICATOR_ROLES, { required: ['l1', 'target', 'actual', 'score'] });
  const out: SelfEvalTable[] = [];
  let prevBottom = 0;
  for (const h of headers) {
    if (ctx.claimed.some((c) => rangeContains(c, h.row, h.firstCol))) continue;
    const t = buildForm(sheet, h.row, h.cols as Record<IRole, number>, prevBottom);
    if (t) {
      out.push(t);
      prevBottom = rangeFromTable(t).bottom;
    }
  }
  return out;
}

function rangeFromTable(t: SelfEvalTable): RangeRef {
  const [a, b] = t.range.split(':');
  const row = (s: string) => Number(/\d+$/.exec(s)![0]);
  return { top: row(a), left: 1, bottom: row(b ?? a), right: 1 };
}

function findLabel(sheet: Sheet, from: number, to: number, re: RegExp): { row: number; col: number } | undefined {
  for (let row = from; row <= to; row++)
    for (let col = 1; col <= sheet.maxCol; col++) {
      if (!sheet.isMaster(row, col)) continue;
      if (re.test(normalizeLabel(sheet.text(row, col)))) return { row, col };
    }
  return undefined;
}

/** The value right of a label: the first non-empty cell after the label's merged area. */
function valueRightOf(sheet: Sheet, row: number, col: number): TextCell | undefined {
  const m = sheet.mergeOf(row, col);
  for (let c = (m ? m.right : col) + 1; c <= sheet.maxCol; c++) {
    const t = readText(sheet, row, c);
    if (t) return t;
  }
  return undefined;
}

function buildForm(sheet: Sheet, headerRow: number, c: Partial<Record<IRole, number>>, prevBottom: number): SelfEvalTable | undefined {
  const searchFrom = prevBottom + 1;
  const titleAt = findLabel(sheet, searchFrom, headerRow - 1, /^项目支出绩效自评表/);
  const top = titleAt?.row ?? findLabel(sheet, searchFrom, headerRow - 1, /^项目名称$/)?.row ?? headerRow;
  const nameAt = findLabel(sheet, top, headerRow - 1, /^项目名称$/);
  const projectName = nameAt ? valueRightOf(sheet, nameAt.row, nameAt.col) : undefined;

  // 项目资金 block.
  const funds: SelfEvalFundRow[] = [];
  let fundHeader: { row: number; cols: Partial<Record<FRole, number>> } | undefined;
  for (let row = top; row < headerRow; row++) {
    const m = matchHeaderRow<FRole>(sheet, row, FUND_ROLES, { required: ['annualBudget', 'executed'] });
    if (m) {
      fundHeader = { row, cols: m.cols };
      break;
    }
  }
  if (fundHeader) {
    const fc = fundHeader.cols;
    const labelCol = Math.max(1, Math.min(...(Object.values(fc) as number[])) - 1);
    for (let row = fundHeader.row + 1; row < headerRow; row++) {
      const label = readText(sheet, row, labelCol);
      if (!label || !/资金|拨款/.test(label.text)) break;
      const num = (role: FRole) => (fc[role] !== undefined ? readNumber(sheet, row, fc[role]!) : undefined);
      funds.push({
        label,
        ...opt('initialBudget', num('initialBudget')),
        ...opt('annualBudget', num('annualBudget')),
        ...opt('executed', num('executed')),
        ...opt('weight', num('weight')),
        ...opt('rate', num('rate')),
        ...opt('score', num('score')),
        ...(fc.score !== undefined ? { scoreCell: sheet.addr(row, fc.score) } : {}),
        ...(fc.rate !== undefined ? { rateCell: sheet.addr(row, fc.rate) } : {}),
      });
    }
  }

  // 绩效指标 rows until 总分.
  const indicators: SelfEvalIndicator[] = [];
  let totalRow: number | undefined;
  let last = headerRow;
  for (let row = headerRow + 1; row <= sheet.maxRow; row++) {
    const rowText = [1, 2, c.l1!].map((col) => normalizeLabel(sheet.text(row, col)));
    if (rowText.some((t) => /^(总分|合计|总计)$/.test(t))) {
      totalRow = row;
      last = row;
      break;
    }
    const name = readText(sheet, row, c.l3 ?? c.l2 ?? c.l1!);
    const score = c.score !== undefined ? readNumber(sheet, row, c.score) : undefined;
    const weight = c.weight !== undefined ? readNumber(sheet, row, c.weight) : undefined;
    if (!name && !score && !weight) break;
    last = row;
    if (!name) continue;
    indicators.push({
      ...opt('level1', readText(sheet, row, c.l1!)),
      ...opt('level2', c.l2 !== undefined ? readText(sheet, row, c.l2) : undefined),
      name,
      ...opt('target', valueAt(sheet, row, c.target)),
      ...opt('actual', valueAt(sheet, row, c.actual)),
      ...opt('weight', weight),
      ...opt('score', score),
      scoreCell: sheet.addr(row, c.score!),
      ...opt('note', c.note !== undefined ? readText(sheet, row, c.note) : undefined),
      noteCell: sheet.addr(row, c.note ?? c.score! + 1),
      row,
    });
  }
  if (indicators.length === 0) return undefined;
  const total = totalRow
    ? {
        labelCell: sheet.addr(totalRow, 1),
        ...opt('weight', c.weight !== undefined ? readNumber(sheet, totalRow, c.weight) : undefined),
        ...opt('score', c.score !== undefined ? readNumber(sheet, totalRow, c.score) : undefined),
      }
    : undefined;
  const range: RangeRef = { top, left: 1, bottom: last, right: Math.max(sheet.maxCol, c.note ?? 0) };
  return {
    kind: 'self-evaluation',
    id: `${sheet.name}!${rangeToA1(range)}`,
    sheet: sheet.name,
    range: rangeToA1(range),
    headerRow,
    title: titleAt ? sheet.text(titleAt.row, titleAt.col) : '项目支出绩效自评表',
    ...opt('projectName', projectName),
    funds,
    indicators,
    ...(total ? { total } : {}),
  };
}

/** 年度指标值 / 实际完成值: a number where the cell holds one, otherwise the text (`≥90%`, `10个`). */
function valueAt(sheet: Sheet, row: number, col: number | undefined): TextCell | NumberCell | undefined {
  if (col === undefined) return undefined;
  const v = sheet.value(row, col);
  if (v.kind === 'number') return readNumber(sheet, row, col);
  const t = readText(sheet, row, col);
  return t && !isPlaceholder(t.text) ? t : undefined;
}

function opt<K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, V>);
}
