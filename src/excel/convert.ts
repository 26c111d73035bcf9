import type { CellSnapshot, CellValue } from '../engine';
import { columnLetters, toA1, isDateFormat, serialToIso } from '../engine';

/**
 * Pure conversions between what Office.js hands over (2-D arrays of values, formulas and number
 * formats) and the engine's sparse cells. No Office.js here, so it is tested without a host.
 */

export type GridValue = string | number | boolean | null | undefined;

const EXCEL_ERRORS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#BUSY!',
  '#CONNECT!',
  '#UNKNOWN!',
]);

/** The engine's one date rule (src/engine/dates.ts), re-exported for this adapter's callers. */
export { isDateFormat, serialToIso };

/** One cell's value; a number with a date format is a serial day of the workbook's date system (1900 or 1904). */
export function toCellValue(v: GridValue, numFmt: string | undefined, date1904 = false): CellValue {
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'error', value: '#NUM!' };
    if (isDateFormat(numFmt)) {
      const iso = serialToIso(v, date1904);
      if (iso) return { kind: 'date', value: iso };
    }
    return { kind: 'number', value: v };
  }
  if (EXCEL_ERRORS.has(v)) return { kind: 'error', value: v };
  return { kind: 'string', value: v };
}

/**
 * The formula of a cell, without `=`. `Range.formulas` repeats the value for cells without a
 * formula, so a text that merely starts with `=` (entered as text) is told apart by equality.
 */
export function formulaOf(formula: GridValue, value: GridValue): string | undefined {
  if (typeof formula !== 'string' || !formula.startsWith('=') || formula.length < 2) return undefined;
  if (typeof value === 'string' && value === formula) return undefined;
  return formula.slice(1);
}

/**
 * What 撤销回写 needs of one cell as a host reports it (`values`/`formulas`/`numberFormat` in
 * Office.js, `Value2`/`Formula`/`NumberFormat` in WPS): the value as stored, the formula without
 * `=`, and a number format other than General. One rule for both hosts.
 */
export function cellSnapshot(
  at: { readonly sheet: string; readonly cell: string },
  value: GridValue,
  formula: GridValue,
  numFmt: unknown,
): CellSnapshot {
  const f = formulaOf(formula, value);
  const plain =
    value === '' || value === null || value === undefined ? undefined : (value as number | string | boolean);
  return {
    sheet: at.sheet,
    cell: at.cell,
    ...(plain !== undefined ? { value: plain } : {}),
    ...(f !== undefined ? { formula: f } : {}),
    ...(typeof numFmt === 'string' && numFmt !== 'General' ? { numFmt } : {}),
  };
}

export interface GridBlock {
  /** 1-based row and column of the block's top-left cell. */
  readonly top: number;
  readonly left: number;
  readonly values: readonly (readonly GridValue[])[];
  readonly formulas?: readonly (readonly GridValue[])[];
  readonly numberFormats?: readonly (readonly GridValue[])[];
  /** The workbook counts serial days from 1904-01-01 (read.ts asks Excel once per read). */
  readonly date1904?: boolean;
}

/** A sheet's cells as the engine's grid, filled block by block as Office.js hands them over. */
export interface GridBuilder {
  readonly values: CellValue[][];
  readonly numFmts: string[][];
  readonly formulas: string[][];
}

export function emptyGrid(): GridBuilder {
  return { values: [], numFmts: [], formulas: [] };
}

/**
 * Adds one block to a sheet's grid: arrays by row rather than an object per cell, as the .xlsx
 * reader does (a 100,000-row ledger is 700,000 cells). Empty cells without a formula are left out.
 */
export function addBlock(grid: GridBuilder, block: GridBlock): GridBuilder {
  block.values.forEach((row, i) => {
    const r = block.top + i;
    row.forEach((raw, j) => {
      const c = block.left + j;
      const fmtRaw = block.numberFormats?.[i]?.[j];
      const numFmt = typeof fmtRaw === 'string' && fmtRaw !== 'General' && fmtRaw !== '' ? fmtRaw : undefined;
      const formula = formulaOf(block.formulas?.[i]?.[j], raw);
      const value = toCellValue(raw, numFmt, block.date1904);
      if (value.kind === 'empty' && !formula) return;
      (grid.values[r] ??= [])[c] = value;
      if (numFmt) (grid.numFmts[r] ??= [])[c] = numFmt;
      if (formula) (grid.formulas[r] ??= [])[c] = formula;
    });
  });
  return grid;
}

/**
 * A1 ranges from a RangeAreas address such as `Sheet1!A3:A14, 'My Sheet'!B3:B5`: every range that
 * follows a `!`. Sheet names cannot contain `!` followed by a cell reference, so this is unambiguous.
 */
export function parseAreasAddress(address: unknown): string[] {
  if (typeof address !== 'string') return [];
  const out: string[] = [];
  const re = /!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?=\s*(?:,|$))/g;
  for (let m = re.exec(address); m; m = re.exec(address)) {
    out.push(m[3] ? `${m[1]}${m[2]}:${m[3]}${m[4]}` : `${m[1]}${m[2]}`);
  }
  return out;
}

/** Excel turns typed text starting with these into a formula or a number; an apostrophe keeps it text. */
export function textForExcel(v: string | number | null): string | number | null {
  if (typeof v === 'string' && /^[=+\-@]/.test(v)) return `'${v}`;
  return v;
}

export interface RowChunk {
  /** 1-based rows, inclusive. */
  readonly top: number;
  readonly bottom: number;
}

/**
 * Splits a used range into row chunks of at most `maxCells` cells each, so that no single range
 * read exceeds what Excel on the web accepts in one go. All chunks are still queued before one sync.
 */
export function rowChunks(top: number, rowCount: number, columnCount: number, maxCells: number): RowChunk[] {
  if (rowCount <= 0 || columnCount <= 0) return [];
  const rowsPerChunk = Math.max(1, Math.floor(maxCells / columnCount));
  const out: RowChunk[] = [];
  for (let r = top; r < top + rowCount; r += rowsPerChunk) {
    out.push({ top: r, bottom: Math.min(top + rowCount - 1, r + rowsPerChunk - 1) });
  }
  return out;
}

export function chunkAddress(chunk: RowChunk, left: number, columnCount: number): string {
  return `${toA1(chunk.top, left)}:${columnLetters(left + columnCount - 1)}${chunk.bottom}`;
}

/** Whether Office.js handed over a real 2-D array: a property read without load() is an error string. */
export function isGrid(v: unknown): v is GridValue[][] {
  return Array.isArray(v) && v.every((row) => Array.isArray(row));
}
