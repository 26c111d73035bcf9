import { finding, type Finding } from '../findings';
import { parseA1, parseRange, toA1, type RangeRef } from '../model/address';
import type { Workbook } from '../model/sheet';
import type { Check } from '../pipeline';
import type { Table } from '../tables';

/**
 * Error values (#REF!, #DIV/0!, #N/A …) inside a recognised table. Readers keep them as errors
 * (CellValue kind 'error'), and the detectors read no number from them; left at that, a 分值 of
 * #REF! would surface as "未找到分值" and the 合计 beside it as a wrong sum. Each error cell gets
 * its own finding with the error, and `dropConsequencesOfErrors` removes what the other checks
 * concluded from reading it as missing: the error is the one thing to fix first.
 */
export const cellErrorCheck: Check = {
  name: 'cell-error',
  run: (ctx) => ctx.tables.flatMap((t) => errorCellsOf(t, ctx.workbook).map((e) => errorFinding(t, e))),
};

interface ErrorCell {
  readonly row: number;
  readonly col: number;
  readonly error: string;
}

function errorFinding(t: Table, e: ErrorCell): Finding {
  const a1 = toA1(e.row, e.col);
  return finding({
    code: 'cell-error',
    sheet: t.sheet,
    cell: a1,
    message: `${a1} 为错误值 ${e.error}（${ERROR_MEANING[e.error] ?? 'Excel 错误值'}），该单元格未参与核对，请先修正`,
    actual: e.error,
  });
}

const ERROR_MEANING: Readonly<Record<string, string>> = {
  '#REF!': '引用的单元格已被删除',
  '#DIV/0!': '除数为零',
  '#N/A': '查找不到对应值',
  '#VALUE!': '参与计算的值类型不对',
  '#NAME?': '公式中有无法识别的名称',
  '#NUM!': '数值无效',
  '#NULL!': '区域引用无交集',
  '#SPILL!': '动态数组无法溢出',
  '#CALC!': '计算出错',
};

/** The error cells of a table's range, each merged area once (by its top-left cell). */
function errorCellsOf(t: Table, workbook: Workbook): ErrorCell[] {
  const sheet = workbook.sheet(t.sheet);
  if (!sheet) return [];
  let range: RangeRef;
  try {
    range = parseRange(t.range);
  } catch {
    return [];
  }
  const out: ErrorCell[] = [];
  for (let row = range.top; row <= Math.min(range.bottom, sheet.maxRow); row++) {
    const last = Math.min(range.right, sheet.lastColIn(row));
    for (let col = range.left; col <= last; col++) {
      const v = sheet.own(row, col);
      if (v.kind === 'error' && sheet.isMaster(row, col)) out.push({ row, col, error: v.value });
    }
  }
  return out;
}

/**
 * Findings of the other checks that come from an error cell read as missing: on the error cell,
 * naming it among their cells, or in its row or column within the same table (a 分值 of #REF!
 * makes its row "未找到分值" and its column's 合计 disagree). Info findings are kept.
 */
export function dropConsequencesOfErrors(
  findings: readonly Finding[],
  tables: readonly Table[],
  workbook: Workbook,
): Finding[] {
  const zones: { sheet: string; range: RangeRef; rows: Set<number>; cols: Set<number>; cells: Set<string> }[] = [];
  for (const t of tables) {
    const errors = errorCellsOf(t, workbook);
    if (errors.length === 0) continue;
    zones.push({
      sheet: t.sheet,
      range: parseRange(t.range),
      rows: new Set(errors.map((e) => e.row)),
      cols: new Set(errors.map((e) => e.col)),
      cells: new Set(errors.map((e) => toA1(e.row, e.col))),
    });
  }
  if (zones.length === 0) return [...findings];
  return findings.filter((f) => {
    if (f.code === 'cell-error' || f.severity === 'info') return true;
    const at = parseA1(f.cell);
    return !zones.some(
      (z) =>
        z.sheet === f.sheet &&
        (z.cells.has(f.cell) ||
          f.related.some((r) => z.cells.has(r)) ||
          (inside(z.range, at.row, at.col) && (z.rows.has(at.row) || z.cols.has(at.col)))),
    );
  });
}

function inside(r: RangeRef, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}
