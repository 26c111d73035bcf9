import { type CellValue, type GridSheetInput, rangeToA1, type RangeRef, isDateFormat } from '../engine';
import { formulaOf, serialToIso } from '../excel/convert';
import type { EtRange, EtWorksheet, WpsBlock, WpsValue } from './api';

/**
 * Reading one WPS worksheet into the engine's grid with as few host calls as the API allows:
 * the used range's values and formulas in one read each (`Value2`, `Formula`, row arrays), then
 * number formats and merged areas asked of whole ranges: a range answers one format (or
 * `MergeCells` true/false) for all its cells, or `null` when they differ, and only a mixed part is
 * split again. A ledger costs tens of calls, not one per cell.
 */

/** Error values as WPS shows them in `Value2` (Excel's list; WPS uses the same codes). */
const ERROR_VALUE =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|BUSY!|CONNECT!|UNKNOWN!)$/;

/**
 * Error cells as a COM bridge may hand them over: the CVErr codes as HRESULT numbers (xlErrDiv0 2007 →
 * 0x800A07D7 …). No form holds such a number as a value, so they are read as the error they encode.
 */
const CVERR: ReadonlyMap<number, string> = new Map(
  (
    [
      [2000, '#NULL!'],
      [2007, '#DIV/0!'],
      [2015, '#VALUE!'],
      [2023, '#REF!'],
      [2029, '#NAME?'],
      [2036, '#NUM!'],
      [2042, '#N/A'],
    ] as const
  ).map(([code, text]) => [0x800a0000 | code, text]),
);

/** How many host calls a read made (for tests and the README's figures). */
export interface ReadCost {
  calls: number;
}

/** A used range's block as rows, whatever shape the host gave (a scalar for a single cell). */
export function asRows(block: WpsBlock, rows: number, cols: number): WpsValue[][] {
  if (Array.isArray(block)) return block.map((r) => (Array.isArray(r) ? r : [r as WpsValue]));
  if (rows === 1 && cols === 1) return [[block]];
  throw new Error(`WPS 返回的区域内容不是二维数组（${rows}×${cols}）`);
}

/** A cell value for the engine: numbers under a date format (the engine's rule) become ISO days. */
export function cellValueOf(v: WpsValue, numFmt: string | undefined, date1904 = false): CellValue {
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'error', value: '#NUM!' };
    const error = CVERR.get(v);
    if (error) return { kind: 'error', value: error };
    if (isDateFormat(numFmt)) {
      const iso = serialToIso(v, date1904);
      if (iso) return { kind: 'date', value: iso };
    }
    return { kind: 'number', value: v };
  }
  if (ERROR_VALUE.test(v)) return { kind: 'error', value: v };
  return { kind: 'string', value: v };
}

function rectOf(range: EtRange): RangeRef {
  const top = range.Row;
  const left = range.Column;
  return { top, left, bottom: top + range.Rows.Count - 1, right: left + range.Columns.Count - 1 };
}

/**
 * Halves a rectangle, columns first: formats and merges in these forms run down columns (a date
 * column, a money column, 一级指标 merged down column A), so single columns are usually uniform.
 */
function halves(r: RangeRef): [RangeRef, RangeRef] {
  if (r.right > r.left) {
    const mid = Math.floor((r.left + r.right) / 2);
    return [
      { ...r, right: mid },
      { ...r, left: mid + 1 },
    ];
  }
  const mid = Math.floor((r.top + r.bottom) / 2);
  return [
    { ...r, bottom: mid },
    { ...r, top: mid + 1 },
  ];
}

/**
 * Merged areas overlapping `within`. Every merge of two or more cells has empty cells (all but its
 * top-left read empty in `Value2`), so only runs of empty cells down each column are asked about,
 * skipping cells inside merges found already: a run whose `MergeCells` is false holds no merged
 * cell; one that is all merged takes the merge of its first cell and goes on below it; a mixed run
 * is halved. Calls grow with the merges and the empty runs, not with the cells.
 */
export function mergedAreas(
  sheet: EtWorksheet,
  within: RangeRef,
  isEmpty: (row: number, col: number) => boolean,
  cost: ReadCost,
): RangeRef[] {
  const found = new Map<string, RangeRef>();
  // Cells of found merges to the right of the current column, so a wide merge is asked about once.
  const covered = new Set<string>();
  const known = (row: number, col: number): boolean => covered.has(`${row},${col}`);
  const remember = (m: RangeRef): void => {
    for (let row = Math.max(m.top, within.top); row <= Math.min(m.bottom, within.bottom); row++)
      for (let col = Math.max(m.left + 1, within.left); col <= Math.min(m.right, within.right); col++)
        covered.add(`${row},${col}`);
  };
  const visit = (r: RangeRef): void => {
    cost.calls += 2;
    const merged = sheet.Range(rangeToA1(r)).MergeCells;
    if (merged === false) return;
    if (merged === true) {
      cost.calls += 3;
      const area = rectOf(sheet.Cells.Item(r.top, r.left).MergeArea);
      if (!found.has(rangeToA1(area))) remember(area);
      found.set(rangeToA1(area), area);
      if (area.bottom < r.bottom) visit({ ...r, top: area.bottom + 1 });
      return;
    }
    if (r.top === r.bottom) return;
    const mid = Math.floor((r.top + r.bottom) / 2);
    visit({ ...r, bottom: mid });
    visit({ ...r, top: mid + 1 });
  };
  for (let col = within.left; col <= within.right; col++) {
    let runTop = 0;
    for (let row = within.top; row <= within.bottom + 1; row++) {
      const candidate = row <= within.bottom && isEmpty(row, col) && !known(row, col);
      if (candidate && !runTop) runTop = row;
      if (!candidate && runTop) {
        visit({ top: runTop, bottom: row - 1, left: col, right: col });
        runTop = 0;
      }
    }
  }
  return [...found.values()];
}

/**
 * Number formats of the cells that hold numbers (the only ones whose format the engine reads: dates
 * and the precision of rates). Each part is first shrunk to its numbers' bounding box.
 */
export function numberFormats(
  sheet: EtWorksheet,
  within: RangeRef,
  isNumber: (row: number, col: number) => boolean,
  cost: ReadCost,
): (string | undefined)[][] {
  const out: (string | undefined)[][] = [];
  const visit = (r0: RangeRef): void => {
    const r = numbersBox(r0, isNumber);
    if (!r) return;
    cost.calls++;
    const fmt = sheet.Range(rangeToA1(r)).NumberFormat;
    if (typeof fmt === 'string') {
      if (fmt === 'General' || fmt === 'G/通用格式' || fmt === '') return;
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) if (isNumber(row, col)) (out[row] ??= [])[col] = fmt;
      return;
    }
    if (r.top === r.bottom && r.left === r.right) return;
    for (const h of halves(r)) visit(h);
  };
  visit(within);
  return out;
}

function numbersBox(r: RangeRef, isNumber: (row: number, col: number) => boolean): RangeRef | undefined {
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (let row = r.top; row <= r.bottom; row++)
    for (let col = r.left; col <= r.right; col++) {
      if (!isNumber(row, col)) continue;
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      left = Math.min(left, col);
      right = Math.max(right, col);
    }
  return top === Infinity ? undefined : { top, left, bottom, right };
}

/**
 * One worksheet as the engine's grid. `Value2` and `Formula` are read once for the whole used range
 * (`Formula` skipped when `HasFormula` says no cell has one); formats by halving, merges from the
 * empty runs.
 */
export function readWorksheet(sheet: EtWorksheet, cost: ReadCost = { calls: 0 }, date1904 = false): GridSheetInput {
  const name = sheet.Name;
  const used = sheet.UsedRange;
  const top = used.Row;
  const left = used.Column;
  const rowCount = used.Rows.Count;
  const colCount = used.Columns.Count;
  const values = asRows(used.Value2, rowCount, colCount);
  const hasFormula = used.HasFormula;
  const formulas = hasFormula === false ? undefined : asRows(used.Formula, rowCount, colCount);
  cost.calls += 9 + (formulas ? 1 : 0);
  const rect: RangeRef = { top, left, bottom: top + rowCount - 1, right: left + colCount - 1 };

  const isNumber = (row: number, col: number): boolean => typeof values[row - top]?.[col - left] === 'number';
  const fmts = numberFormats(sheet, rect, isNumber, cost);
  const isEmpty = (row: number, col: number): boolean => {
    const v = values[row - top]?.[col - left];
    return v === undefined || v === null || v === '';
  };
  const merges = mergedAreas(sheet, rect, isEmpty, cost).map(rangeToA1);

  const grid = { values: [] as CellValue[][], numFmts: [] as string[][], formulas: [] as string[][] };
  values.forEach((cols, i) => {
    const row = top + i;
    cols.forEach((raw, j) => {
      const col = left + j;
      const numFmt = fmts[row]?.[col];
      const formula = formulas ? formulaOf(formulas[i]?.[j], raw) : undefined;
      const value = cellValueOf(raw, numFmt, date1904);
      if (value.kind === 'empty' && !formula) return;
      (grid.values[row] ??= [])[col] = value;
      if (numFmt) (grid.numFmts[row] ??= [])[col] = numFmt;
      if (formula) (grid.formulas[row] ??= [])[col] = formula;
    });
  });
  return { name, grid, merges };
}
