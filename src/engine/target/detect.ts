import type { Sheet } from '../model/sheet';
import { rangeContains, rangeToA1 } from '../model/address';
import { defineRoles, findHeaderRows, titleAbove, unitAbove, type HeaderMatch } from '../header';
import { isPlaceholder, readNumber, readText } from '../cells';
import { normalizeLabel } from '../text';
import type { DetectContext } from '../pipeline';
import type { NumberCell, TextCell } from '../model/table';
import type { TargetIndicator, TargetTable } from './types';

/**
 * 绩效目标表: a 一级/二级/三级指标 header with a 指标值 column and neither 实际完成值 nor 得分/分值 (those
 * make it a 自评表 or a 指标体系, read by their own families). The 年度资金总额 and 项目名称 are looked up
 * above the header by label, as in the 自评表.
 */
const ROLES = defineRoles({
  l1: /^一级指标$/,
  l2: /^二级指标$/,
  l3: /^三级指标$|^指标名称$|^具体指标$|^三级指标名称$/,
  value: /^(年度|全年|预期|本年)?(绩效)?(指标值|目标值)(\(?(年度|全年)\)?)?$/,
  unit: /^(度量|计量)单位$/,
  nature: /^指标性质$|^指标方向$|^(计算)?符号$/,
  actual: /^(实际)?完成值$|^实际完成|^(全年)?实际值$/,
  score: /^得分|^分值|^权重/,
} as const);
type Role = keyof typeof ROLES;

const TITLE = /绩效目标/;
const FUNDS_LABEL = /^(年度|项目)?(资金|预算)总额|^年度预算(资金|数)?(总额)?$/;
const END_ROW = /^(注|说明|备注|填报说明|其他说明)[:：]?/;

export function detectTargetForms(sheet: Sheet, ctx: DetectContext): TargetTable[] {
  const out: TargetTable[] = [];
  let below = 0;
  for (const h of findHeaderRows<Role>(sheet, ROLES, { required: ['l2', 'l3', 'value'] })) {
    if (h.row <= below) continue;
    if (h.cols.actual !== undefined || h.cols.score !== undefined) continue;
    if (ctx.claimed.some((c) => rangeContains(c, h.row, h.firstCol))) continue;
    const t = readForm(sheet, h, below);
    if (!t) continue;
    out.push(t.table);
    below = t.bottom;
  }
  return out;
}

function readForm(
  sheet: Sheet,
  h: HeaderMatch<Role>,
  above: number,
): { table: TargetTable; bottom: number } | undefined {
  const { cols } = h;
  const indicators: TargetIndicator[] = [];
  let last = h.row;
  let blanks = 0;
  let prev: { l1?: TextCell; l2?: TextCell } = {};
  for (let row = h.row + 1; row <= sheet.maxRow; row++) {
    if (END_ROW.test(normalizeLabel(sheet.text(row, h.firstCol)))) break;
    if (sheet.lastColIn(row) === 0) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    if (isRepeatedHeader(sheet, row, h)) continue;
    const name = readText(sheet, row, cols.l3!);
    const l1 = cols.l1 !== undefined ? readText(sheet, row, cols.l1) : undefined;
    const l2 = readText(sheet, row, cols.l2!);
    // Group labels left blank below their first row (no merge) belong to the rows under them.
    const level1 = l1 ?? prev.l1;
    const level2 = l2 ?? prev.l2;
    prev = { l1: level1, l2: level2 };
    if (!name || isPlaceholder(name.text)) {
      if (name || l2 || l1) last = row;
      continue;
    }
    // A row whose 三级 cell is merged into the 二级 (a heading across the form) is no indicator.
    const m = sheet.mergeOf(row, cols.l3!);
    if (m && m.left <= cols.l2! && m.right >= cols.l3!) continue;
    last = row;
    const valueCell = sheet.addr(row, cols.value!);
    const value = readNumber(sheet, row, cols.value!) ?? readText(sheet, row, cols.value!);
    const unit = cols.unit !== undefined ? readText(sheet, row, cols.unit) : undefined;
    const nature = cols.nature !== undefined ? readText(sheet, row, cols.nature) : undefined;
    indicators.push({
      row,
      ...(level1 ? { level1 } : {}),
      ...(level2 ? { level2 } : {}),
      name,
      ...(value && !('text' in value && isPlaceholder(value.text)) ? { value } : {}),
      valueCell,
      ...(unit && !isPlaceholder(unit.text) ? { unit } : {}),
      ...(nature ? { nature } : {}),
    });
  }
  if (indicators.length === 0) return undefined;
  const top = Math.max(above + 1, h.row - 12);
  const projectName = labelled(sheet, top, h.row - 1, /^项目名称/);
  const title = formTitle(sheet, top, h.row);
  const funds = fundsTotal(sheet, top, h.row - 1);
  // The form's own label column (`绩效指标` merged down the left) and its title belong to it.
  const left = Math.min(h.firstCol, firstFilled(sheet, h.row), title ? firstFilled(sheet, title.row) : h.firstCol);
  const range = rangeToA1({ top: title?.row ?? h.row, left, bottom: last, right: h.lastCol });
  return {
    bottom: last,
    table: {
      kind: 'target',
      id: `${sheet.name}!${range}`,
      sheet: sheet.name,
      range,
      headerRow: h.row,
      ...(title ? { title: title.text } : {}),
      ...(projectName ? { projectName } : {}),
      isProject: !!projectName || /项目/.test(title?.text ?? ''),
      ...(funds ? { funds } : {}),
      level2Header: sheet.addr(h.row, cols.l2!),
      hasUnitColumn: cols.unit !== undefined,
      indicators,
    },
  };
}

/** The form's title: a 绩效目标 title in the rows above, else the text just above the header. */
function formTitle(sheet: Sheet, from: number, headerRow: number): { text: string; row: number } | undefined {
  for (let row = from; row < headerRow; row++)
    for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) {
      if (!sheet.isMaster(row, col)) continue;
      const text = sheet.text(row, col).trim();
      if (TITLE.test(text) && text.length <= 40) return { text, row };
    }
  const t = titleAbove(sheet, headerRow);
  return t && t.text.length <= 40 && !/指标$/.test(normalizeLabel(t.text)) ? t : undefined;
}

/** The value right of the lowest label matching `re` in rows from..to. */
function labelled(sheet: Sheet, from: number, to: number, re: RegExp): TextCell | undefined {
  for (let row = to; row >= from; row--)
    for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) {
      if (!sheet.isMaster(row, col) || !re.test(normalizeLabel(sheet.text(row, col)))) continue;
      const m = sheet.mergeOf(row, col);
      for (let c = (m ? m.right : col) + 1; c <= end; c++) {
        if (!sheet.isMaster(row, c)) continue;
        const t = readText(sheet, row, c);
        if (t) return t;
      }
    }
  return undefined;
}

/**
 * 年度资金总额: the first number right of its label, or below it (a header row over the amounts). The
 * unit comes from the label (`年度资金总额（万元）`), a `项目资金（万元）` label on the row, or a unit row.
 */
function fundsTotal(sheet: Sheet, from: number, to: number): TargetTable['funds'] {
  for (let row = to; row >= from; row--)
    for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) {
      if (!sheet.isMaster(row, col)) continue;
      const label = normalizeLabel(sheet.text(row, col));
      if (!FUNDS_LABEL.test(label.replace(/^其中[:：]?/, ''))) continue;
      const m = sheet.mergeOf(row, col);
      let total: NumberCell | undefined;
      for (let c = (m ? m.right : col) + 1; c <= end && !total; c++)
        if (sheet.isMaster(row, c)) total = readNumber(sheet, row, c);
      if (!total) total = readNumber(sheet, (m ? m.bottom : row) + 1, col);
      if (!total) continue;
      return { total, ...(unitOf(sheet, row, label) ? { unit: unitOf(sheet, row, label) } : {}) };
    }
  return undefined;
}

function unitOf(sheet: Sheet, row: number, label: string): string | undefined {
  const inLabel = /[(（]?(万元|元|亿元)[)）]?/.exec(label.replace(/^.*?(资金|预算)总额/, ''));
  if (inLabel) return inLabel[1];
  for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) {
    const m = /(?:资金|预算)[(（](万元|元|亿元)[)）]/.exec(normalizeLabel(sheet.text(row, col)));
    if (m) return m[1];
  }
  const u = unitAbove(sheet, row + 1) ?? unitAbove(sheet, row);
  return u && /^(万元|元|亿元)$/.test(u) ? u : undefined;
}

function firstFilled(sheet: Sheet, row: number): number {
  for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) if (sheet.text(row, col).trim()) return col;
  return Number.MAX_SAFE_INTEGER;
}

function isRepeatedHeader(sheet: Sheet, row: number, h: HeaderMatch<Role>): boolean {
  return Object.entries(h.texts).every(
    ([role, text]) => normalizeLabel(sheet.text(row, h.cols[role as Role]!)) === normalizeLabel(text as string),
  );
}
