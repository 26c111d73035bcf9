import type { Sheet } from '../model/sheet';
import { parseRange, rangeContains, rangeToA1, type RangeRef } from '../model/address';
import { findHeaderRows, matchHeaderRow, type HeaderMatch } from '../header';
import {
  FUND_WORDS,
  SELFEVAL_WORDS,
  columnsOf,
  correctHeaders,
  headerBandBottom,
  joinHeaderBands,
  readExtent,
  rolesFromWords,
  skippedRows,
  type ColumnRead,
  type RowFrame,
  type RowSkipped,
} from '../layout';
import { normalizeLabel } from '../text';
import { isPlaceholder, readNumber, readText } from '../cells';
import type { DetectContext } from '../pipeline';
import type { NumberCell, TextCell } from '../model/table';
import type { HeldCell, SelfEvalFundRow, SelfEvalIndicator, SelfEvalTable } from './types';

/**
 * 项目支出绩效自评表: a form, not a grid. Found by its 绩效指标 header (一级指标 | 二级指标 | 三级指标 |
 * 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…); the 项目资金 block and 项目名称 are looked up above it,
 * 总分 below it, all by label so that forms of any length, anywhere on a sheet, are read.
 */
const INDICATOR_ROLES = rolesFromWords(SELFEVAL_WORDS);
type IRole = keyof typeof SELFEVAL_WORDS;
const FUND_ROLES = rolesFromWords(FUND_WORDS);
type FRole = keyof typeof FUND_WORDS;

/** A form's title: 项目支出绩效自评表, 绩效目标自评表, 部门预算项目支出绩效自评表(2023年度). */
const TITLE = /^.{0,30}自评表([(（].{0,12}[)）])?$/;
const TOTAL_LABEL = /^(总分|合计|总计|综合得分)$/;

export function detectSelfEvalForms(sheet: Sheet, ctx: DetectContext): SelfEvalTable[] {
  const found = joinHeaderBands(sheet, findHeaderRows<IRole>(sheet, INDICATOR_ROLES, { required: [], minRoles: 3 }));
  const headers = correctHeaders(
    sheet,
    found,
    ctx.settings.tables,
    Object.keys(SELFEVAL_WORDS) as IRole[],
    isFormHeader,
  );
  const out: SelfEvalTable[] = [];
  let prevBottom = 0;
  for (const { header: h, corrected } of headers) {
    if (h.row <= prevBottom) continue;
    if (ctx.claimed.some((c) => rangeContains(c, h.row, h.firstCol))) continue;
    const t = buildForm(sheet, h, prevBottom, corrected);
    if (t) {
      out.push(t.table);
      prevBottom = t.bottom;
    }
  }
  // A 项目资金 / 预算执行情况 block printed without its 绩效指标 (or before them, cut off) is a form too:
  // its figures are checked on their own.
  const fundHeaders = findHeaderRows<FRole>(sheet, FUND_ROLES, { required: ['annualBudget', 'executed'] });
  for (const fh of fundHeaders) {
    // A funds block scores the spending (分值 or 得分): without either it is a budget table.
    if (fh.cols.weight === undefined && fh.cols.score === undefined) continue;
    if (
      out.some((t) => {
        const r = parseRange(t.range);
        return fh.row >= r.top && fh.row <= r.bottom;
      })
    )
      continue;
    if (ctx.claimed.some((c) => rangeContains(c, fh.row, fh.firstCol))) continue;
    const t = buildFundsOnly(sheet, fh, out);
    if (t) out.push(t);
  }
  return out;
}

/** The 绩效指标 header of a 自评表: levels, 年度指标值 and 实际完成值, and 得分. */
function isFormHeader(h: HeaderMatch<IRole>): boolean {
  const c = h.cols;
  return c.l1 !== undefined && c.target !== undefined && c.actual !== undefined && c.score !== undefined;
}

interface Found {
  readonly row: number;
  readonly col: number;
}

/** The lowest label matching `re` in rows from..to: the nearest one above a header. */
function findLabelUp(sheet: Sheet, from: number, to: number, re: RegExp): Found | undefined {
  for (let row = to; row >= from; row--)
    for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) {
      if (!sheet.isMaster(row, col)) continue;
      if (re.test(normalizeLabel(sheet.text(row, col)))) return { row, col };
    }
  return undefined;
}

/** The value right of a label: the first non-empty cell after the label's merged area. */
function valueRightOf(sheet: Sheet, row: number, col: number): TextCell | undefined {
  const m = sheet.mergeOf(row, col);
  for (let c = (m ? m.right : col) + 1, end = sheet.lastColIn(row); c <= end; c++) {
    if (!sheet.isMaster(row, c)) continue;
    const t = readText(sheet, row, c);
    if (t) return t;
  }
  return undefined;
}

export function heldAt(sheet: Sheet, row: number, col: number): HeldCell {
  const at = sheet.master(row, col);
  const v = sheet.value(row, col);
  const formula = sheet.formula(at.row, at.col);
  const value = v.kind === 'empty' ? undefined : v.value;
  return {
    cell: sheet.addr(row, col),
    ...(value !== undefined && !(typeof value === 'string' && value.trim() === '') ? { value } : {}),
    ...(formula ? { formula } : {}),
  };
}

function rightEdge(sheet: Sheet, row: number, col: number): number {
  return sheet.mergeOf(row, col)?.right ?? col;
}

function buildForm(
  sheet: Sheet,
  header: HeaderMatch<IRole>,
  prevBottom: number,
  corrected: ReadonlySet<number> = new Set(),
): { table: SelfEvalTable; bottom: number } | undefined {
  const headerRow = header.row;
  const c = header.cols;
  const from = prevBottom + 1;
  const titleAt = findLabelUp(sheet, from, headerRow - 1, TITLE);
  const nameAt = findLabelUp(sheet, titleAt?.row ?? from, headerRow - 1, /^项目名称$/);
  const top = titleAt?.row ?? nameAt?.row ?? headerRow;
  const projectName = nameAt ? valueRightOf(sheet, nameAt.row, nameAt.col) : undefined;
  const deptAt = findLabelUp(sheet, top, headerRow - 1, /^主管部门$/);
  const implAt = findLabelUp(sheet, top, headerRow - 1, /^实施单位$/);
  const department = deptAt ? valueRightOf(sheet, deptAt.row, deptAt.col) : undefined;
  const implementer = implAt ? valueRightOf(sheet, implAt.row, implAt.col) : undefined;

  const fundBlock = readFunds(sheet, top, headerRow);
  const goals = readGoals(sheet, top, headerRow);

  // The 绩效指标 label sits left of the 一级指标 header (A13 merged down the block).
  const labelLeft = findLabelLeft(sheet, headerRow, header.firstCol, /^绩效指标$/);
  const left = Math.min(
    header.firstCol,
    labelLeft ?? header.firstCol,
    titleAt?.col ?? Infinity,
    nameAt?.col ?? Infinity,
  );

  const block = readIndicators(sheet, header, left);
  // A form cut off after its 绩效指标 header still has its funds block to check.
  if (block.indicators.length === 0 && fundBlock.rows.length === 0) return undefined;

  const right = Math.max(
    header.lastCol,
    rightEdge(sheet, headerRow, header.lastCol),
    titleAt ? rightEdge(sheet, titleAt.row, titleAt.col) : 0,
    fundBlock.lastCol,
  );
  const range: RangeRef = { top, left, bottom: block.last, right };
  const totalRow = block.totalRow;
  const total =
    totalRow !== undefined
      ? {
          labelCell: sheet.addr(totalRow, block.totalLabelCol ?? left),
          row: totalRow,
          ...opt('weight', c.weight !== undefined ? readNumber(sheet, totalRow, c.weight) : undefined),
          ...opt('score', c.score !== undefined ? readNumber(sheet, totalRow, c.score) : undefined),
          ...(c.score !== undefined ? { scoreHeld: heldAt(sheet, totalRow, c.score) } : {}),
        }
      : undefined;
  const table: SelfEvalTable = {
    kind: 'self-evaluation',
    id: `${sheet.name}!${rangeToA1(range)}`,
    sheet: sheet.name,
    range: rangeToA1(range),
    headerRow,
    title: titleAt ? sheet.text(titleAt.row, titleAt.col).trim() : '项目支出绩效自评表',
    ...(titleAt ? { titleCell: sheet.addr(titleAt.row, titleAt.col) } : {}),
    ...opt('projectName', projectName),
    ...opt('department', department),
    ...opt('implementer', implementer),
    ...(fundBlock.headerRow !== undefined ? { fundHeaderRow: fundBlock.headerRow } : {}),
    funds: fundBlock.rows,
    ...(goals ? { goals } : {}),
    indicators: block.indicators,
    ...(total ? { total } : {}),
    layout: {
      headerRows: [headerRow, headerRow],
      ...(fundBlock.headerRow !== undefined ? { otherHeaderRows: [fundBlock.headerRow] } : {}),
      columns: [...(fundBlock.columns ?? []), ...columnsOf(sheet, header, corrected)],
      skipped: block.skipped,
      ...(titleAt ? { titleCell: sheet.addr(titleAt.row, titleAt.col) } : {}),
    },
  };
  return { table, bottom: block.last };
}

/** A funds block with no 绩效指标 below it: a form of its funds alone. */
function buildFundsOnly(
  sheet: Sheet,
  fh: HeaderMatch<FRole>,
  before: readonly SelfEvalTable[],
): SelfEvalTable | undefined {
  const prevBottom = Math.max(0, ...before.map((t) => parseRange(t.range).bottom).filter((b) => b < fh.row));
  const titleAt = findLabelUp(sheet, prevBottom + 1, fh.row - 1, TITLE);
  const nameAt = findLabelUp(sheet, titleAt?.row ?? prevBottom + 1, fh.row - 1, /^项目名称$/);
  const top = titleAt?.row ?? nameAt?.row ?? fh.row;
  const funds = readFunds(sheet, top, sheet.maxRow + 1, fh);
  if (funds.rows.length === 0) return undefined;
  const bottom = Math.max(...funds.rows.map((r) => r.row ?? fh.row));
  const left = Math.min(fh.firstCol - 1 || 1, titleAt?.col ?? Infinity, nameAt?.col ?? Infinity);
  const range: RangeRef = {
    top,
    left: Math.max(1, left),
    bottom,
    right: Math.max(funds.lastCol, titleAt ? rightEdge(sheet, titleAt.row, titleAt.col) : 0),
  };
  const projectName = nameAt ? valueRightOf(sheet, nameAt.row, nameAt.col) : undefined;
  return {
    kind: 'self-evaluation',
    id: `${sheet.name}!${rangeToA1(range)}`,
    sheet: sheet.name,
    range: rangeToA1(range),
    headerRow: fh.row,
    title: titleAt ? sheet.text(titleAt.row, titleAt.col).trim() : '项目支出绩效自评表',
    ...(titleAt ? { titleCell: sheet.addr(titleAt.row, titleAt.col) } : {}),
    ...opt('projectName', projectName),
    fundHeaderRow: fh.row,
    funds: funds.rows,
    indicators: [],
    layout: {
      headerRows: [fh.row, fh.row],
      columns: funds.columns ?? [],
      skipped: [],
      ...(titleAt ? { titleCell: sheet.addr(titleAt.row, titleAt.col) } : {}),
    },
  };
}

function findLabelLeft(sheet: Sheet, row: number, beforeCol: number, re: RegExp): number | undefined {
  for (let col = beforeCol - 1; col >= 1; col--) {
    const at = sheet.master(row, col);
    if (re.test(normalizeLabel(sheet.text(at.row, at.col)))) return at.col;
  }
  return undefined;
}

/** Labels of the lines of a funds block (年度资金总额, 其中：财政拨款, 总额, 其他资金, 合计). */
/** What the funds roles are called on a 自评表. */
const FUND_NAMES = { rate: '执行率', weight: '资金分值', score: '资金得分' };

const FUND_LINE = /资金|拨款|合计|总额|总计|其中/;

function readFunds(
  sheet: Sheet,
  top: number,
  headerRow: number,
  known?: HeaderMatch<FRole>,
): { headerRow?: number; rows: SelfEvalFundRow[]; lastCol: number; columns?: ColumnRead[] } {
  let fundHeader: HeaderMatch<FRole> | undefined = known;
  for (let row = top; row < headerRow && !fundHeader; row++)
    fundHeader = matchHeaderRow<FRole>(sheet, row, FUND_ROLES, { required: ['annualBudget', 'executed'] });
  if (!fundHeader) return { rows: [], lastCol: 0 };
  const fc = fundHeader.cols;
  const labelCol = Math.max(1, fundHeader.firstCol - 1);
  const rows: SelfEvalFundRow[] = [];
  for (let row = fundHeader.row + 1; row < headerRow && row <= sheet.maxRow; row++) {
    const label = readText(sheet, row, labelCol);
    const num = (role: FRole) => (fc[role] !== undefined ? readNumber(sheet, row, fc[role]!) : undefined);
    const figures = (['initialBudget', 'annualBudget', 'executed'] as const).some((r) => num(r) !== undefined);
    // A line is a funds line by its label, or by its figures under the money columns.
    if (!label || !(FUND_LINE.test(normalizeLabel(label.text)) || figures)) break;
    if (matchHeaderRow<IRole>(sheet, row, INDICATOR_ROLES, { required: ['l1'] })) break;
    rows.push({
      label,
      row,
      ...opt('initialBudget', num('initialBudget')),
      ...opt('annualBudget', num('annualBudget')),
      ...opt('executed', num('executed')),
      ...opt('weight', num('weight')),
      ...opt('rate', num('rate')),
      ...opt('score', num('score')),
      ...(fc.score !== undefined
        ? { scoreCell: sheet.addr(row, fc.score), scoreHeld: heldAt(sheet, row, fc.score) }
        : {}),
      ...(fc.rate !== undefined ? { rateCell: sheet.addr(row, fc.rate), rateHeld: heldAt(sheet, row, fc.rate) } : {}),
    });
  }
  // 年度资金总额 (总额) carries 分值 and 得分; its 其中 rows show "—" there. Without that label, the first row.
  const totalIdx = Math.max(
    0,
    rows.findIndex((r) => /资金总额|^合计$|^总计$|^总额$/.test(normalizeLabel(r.label.text).replace(/[:：]$/, ''))),
  );
  const marked = rows.map((r, i) => (i === totalIdx ? { ...r, isTotal: true } : r));
  return {
    headerRow: fundHeader.row,
    rows: marked,
    lastCol: rightEdge(sheet, fundHeader.row, fundHeader.lastCol),
    columns: columnsOf(sheet, fundHeader, new Set(), FUND_NAMES),
  };
}

function readGoals(sheet: Sheet, top: number, headerRow: number): SelfEvalTable['goals'] | undefined {
  const expAt = findLabelUp(sheet, top, headerRow - 1, /^预期目标$/);
  const actAt = findLabelUp(sheet, top, headerRow - 1, /^实际完成情况$/);
  const below = (at: Found | undefined) => {
    if (!at) return undefined;
    const row = (sheet.mergeOf(at.row, at.col)?.bottom ?? at.row) + 1;
    if (row >= headerRow) return undefined;
    return readText(sheet, row, at.col);
  };
  const expected = below(expAt);
  const actual = below(actAt);
  if (!expected && !actual) return undefined;
  return { ...opt('expected', expected), ...opt('actual', actual) };
}

interface IndicatorBlock {
  readonly indicators: SelfEvalIndicator[];
  readonly totalRow?: number;
  readonly totalLabelCol?: number;
  readonly last: number;
  readonly skipped: RowSkipped[];
}

function readIndicators(sheet: Sheet, header: HeaderMatch<IRole>, left: number): IndicatorBlock {
  const c = header.cols;
  const headerRow = header.row;
  const indicators: SelfEvalIndicator[] = [];
  const nameCol = c.l3 ?? c.l2 ?? c.l1!;
  const lastLabelCol = Math.max(left, (c.weight ?? c.target ?? nameCol) - 1);
  const labelCols = [c.l1, c.l2, c.l3].filter((x): x is number => x !== undefined);
  const valueCols = [c.target, c.actual, c.weight, c.score].filter((x): x is number => x !== undefined);
  const frame: RowFrame = { firstCol: left, lastCol: header.lastCol, labelCols, valueCols, header };
  // Group labels with nothing beside them (质量指标), template rows (……) and blank lines do not end
  // the block: the layout reader decides where it ends.
  const extent = readExtent(sheet, frame, headerBandBottom(sheet, header) + 1, sheet.maxRow);
  let prevL1: TextCell | undefined;
  let prevL2: TextCell | undefined;
  for (const { row, kind } of extent.rows) {
    if (kind !== 'data') continue;
    const name = readText(sheet, row, nameCol);
    const score = c.score !== undefined ? readNumber(sheet, row, c.score) : undefined;
    const weight = c.weight !== undefined ? readNumber(sheet, row, c.weight) : undefined;
    if (!name || isPlaceholder(name.text)) continue;
    // An unmerged blank 一级/二级 cell continues the group above, as a person reads the form.
    const l1 = readText(sheet, row, c.l1!) ?? (sheet.mergeOf(row, c.l1!) ? undefined : prevL1);
    const l2 =
      c.l2 !== undefined ? (readText(sheet, row, c.l2) ?? (sheet.mergeOf(row, c.l2) ? undefined : prevL2)) : undefined;
    prevL1 = l1;
    prevL2 = l2;
    const note = c.note !== undefined ? readText(sheet, row, c.note) : undefined;
    indicators.push({
      ...opt('level1', l1),
      ...opt('level2', nameCol !== c.l2 ? l2 : undefined),
      name,
      ...opt('target', valueAt(sheet, row, c.target)),
      ...opt('actual', valueAt(sheet, row, c.actual)),
      ...opt('weight', weight),
      ...opt('score', score),
      scoreCell: sheet.addr(row, c.score!),
      // "—" or "无" explains nothing.
      ...opt('note', note && !isPlaceholder(note.text) ? note : undefined),
      noteCell: sheet.addr(row, c.note ?? c.score! + 1),
      row,
      ...(c.target !== undefined ? { targetCell: sheet.addr(row, c.target) } : {}),
      ...(c.actual !== undefined ? { actualCell: sheet.addr(row, c.actual) } : {}),
      ...(c.weight !== undefined ? { weightCell: sheet.addr(row, c.weight) } : {}),
    });
  }
  const skipped = skippedRows(extent.rows);
  const totalRow = extent.totalRow;
  if (totalRow !== undefined)
    return {
      indicators,
      totalRow,
      totalLabelCol: findTotalLabel(sheet, totalRow, left, lastLabelCol) ?? left,
      last: totalRow,
      skipped,
    };
  return { indicators, last: Math.max(headerRow, extent.last), skipped };
}

function findTotalLabel(sheet: Sheet, row: number, from: number, to: number): number | undefined {
  for (let col = from; col <= to; col++) {
    if (!sheet.isMaster(row, col)) continue;
    if (TOTAL_LABEL.test(normalizeLabel(sheet.text(row, col)))) return col;
  }
  return undefined;
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
