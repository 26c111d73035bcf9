/* global Excel */
import type { GridSheetInput } from '../engine';
import { columnLetters } from '../engine';
import { addBlock, emptyGrid, type GridBuilder, chunkAddress, isGrid, parseAreasAddress, rowChunks } from './convert';
import { notLoadedError, toExcelPortError, tooLargeError } from './errors';
import type { ReadScope } from '../engine';

/** Optimistic first read: this top-left window of each sheet is loaded together with its size. */
export const WINDOW_ROWS = 300;
export const WINDOW_COLS = 40;
/** One range read never exceeds this many cells (Excel on the web rejects very large single reads). */
export const CHUNK_CELLS = 20_000;
/** Cells queued before one sync: keeps a response well under the ~5 MB payload limit of Excel on the web. */
export const CELLS_PER_SYNC = 80_000;
/** Beyond this a workbook is not an evaluation form any more; refuse rather than freeze Excel. */
export const MAX_CELLS = 1_000_000;

interface RangeData {
  values: unknown;
  formulas: unknown;
  numberFormat: unknown;
}

/** What readSheets hands the port: the sheets' grids and the workbook's date system. */
export interface SheetsRead {
  readonly sheets: GridSheetInput[];
  /** Serial days count from 1904-01-01 (Excel's “使用 1904 日期系统”, Mac workbooks of old). */
  readonly date1904: boolean;
}

/**
 * Reads the active sheet or every sheet but very hidden ones into grids, in a fixed number of syncs: the
 * sheet list, then sizes, merges and (optimistically) a window of data together, then the rest in row
 * chunks of at most `cellsPerSync` cells per sync. The workbook's date system rides along with the first
 * sync (`probeDateSystem`), so date serials are converted in it and no sync is added.
 */
export async function readSheets(
  context: Excel.RequestContext,
  scope: ReadScope,
  cellsPerSync: number,
): Promise<SheetsRead> {
  let dateSystem = probeDateSystem(context);
  let sheets: Excel.Worksheet[];
  if (scope === 'active') {
    sheets = [context.workbook.worksheets.getActiveWorksheet()];
  } else {
    const all = context.workbook.worksheets;
    all.load('items/name,items/visibility');
    await context.sync();
    // Very hidden sheets belong to add-ins (or to people hiding machinery); hidden ones are data.
    sheets = all.items.filter((s) => s.visibility !== 'VeryHidden');
  }
  let probes = sheets.map((sheet) => probeSheet(sheet, true));
  try {
    await context.sync();
  } catch (e) {
    // Many dense sheets can overflow one response: probe sizes alone, then read in batches.
    if (toExcelPortError(e).kind !== 'too-large') throw e;
    // A failed batch loads nothing: the date system is asked again if it was queued in that batch.
    if (scope === 'active') dateSystem = probeDateSystem(context);
    probes = sheets.map((sheet) => probeSheet(sheet, false));
    await context.sync();
  }
  const date1904 = isDate1904(dateSystem);

  const inputs: GridSheetInput[] = [];
  const chunks: ChunkSpec[] = [];
  let total = 0;
  probes.forEach((p) => {
    const size = usedSize(p.used);
    total += size ? size.rowCount * size.columnCount : 0;
    if (total > MAX_CELLS) throw tooLargeError(total, MAX_CELLS);
    const merges = p.merges.isNullObject ? [] : parseAreasAddress(p.merges.address);
    const grid = emptyGrid();
    inputs.push({ name: String(p.sheet.name), grid, merges });
    if (!size) return;
    const inWindow = size.top + size.rowCount - 1 <= WINDOW_ROWS && size.left + size.columnCount - 1 <= WINDOW_COLS;
    if (inWindow && p.window && !p.window.isNullObject) {
      addWindow(grid, p.window, date1904);
      return;
    }
    // Larger than the window: the used range in row chunks, read in the next sync.
    for (const chunk of rowChunks(size.top, size.rowCount, size.columnCount, CHUNK_CELLS)) {
      chunks.push({
        grid,
        sheet: p.sheet,
        address: chunkAddress(chunk, size.left, size.columnCount),
        top: chunk.top,
        left: size.left,
        cells: (chunk.bottom - chunk.top + 1) * size.columnCount,
      });
    }
  });
  for (const batch of batchChunks(chunks, cellsPerSync)) {
    const ranges = batch.map((c) => {
      const range = c.sheet.getRange(c.address);
      range.load('values,formulas,numberFormat');
      return range;
    });
    await context.sync();
    batch.forEach((c, i) => addData(c.grid, ranges[i], c.top, c.left, date1904));
  }
  return { sheets: inputs, date1904 };
}

/**
 * Queues what tells the workbook's date system: Excel's DATE(1904,1,1), which is serial 0 in a 1904
 * workbook and 1462 in a 1900 one. `Workbook.use1904DateSystem` says it directly but is still a preview
 * API (“ExcelApi BETA (PREVIEW ONLY)”, in no numbered requirement set, absent from the production
 * Office.js and its types), so no isSetSupported check can guard it; worksheet functions are ExcelApi 1.2,
 * inside the ExcelApi 1.13 every action already requires (port.ts REQUIRED_API).
 */
function probeDateSystem(context: Excel.RequestContext): Excel.FunctionResult<number> {
  const result = context.workbook.functions.date(1904, 1, 1);
  result.load('value,error');
  return result;
}

/** 1904 only when Excel said 0; anything else (1462, an error, nothing loaded) is the usual 1900 system. */
function isDate1904(result: Excel.FunctionResult<number>): boolean {
  return result.value === 0 && !result.error;
}

interface Probe {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  window?: Excel.Range;
  merges: Excel.RangeAreas;
}

interface ChunkSpec {
  /** The grid of the sheet the chunk belongs to, which its cells are added to. */
  grid: GridBuilder;
  sheet: Excel.Worksheet;
  address: string;
  top: number;
  left: number;
  cells: number;
}

/** Queues everything the first data sync needs for one sheet: its size, merges and (optimistically) a window of data. */
function probeSheet(sheet: Excel.Worksheet, withWindow: boolean): Probe {
  sheet.load('name');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  let window: Excel.Range | undefined;
  if (withWindow) {
    // Most evaluation sheets fit here, so their data arrives with their size in the same sync.
    window = sheet.getRange(`A1:${columnLetters(WINDOW_COLS)}${WINDOW_ROWS}`).getUsedRangeOrNullObject(true);
    window.load('rowIndex,columnIndex,values,formulas,numberFormat');
  }
  // Merges of the whole sheet: a merge may start above or left of the first value.
  const merges = sheet.getRange().getMergedAreasOrNullObject();
  merges.load('address');
  return { sheet, used, window, merges };
}

/** Groups chunks so one sync carries at most `budget` cells (one chunk always goes, however big). */
export function batchChunks<T extends { cells: number }>(chunks: readonly T[], budget: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const c of chunks) {
    if (current.length && size + c.cells > budget) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(c);
    size += c.cells;
  }
  if (current.length) batches.push(current);
  return batches;
}

function usedSize(used: Excel.Range): { top: number; left: number; rowCount: number; columnCount: number } | undefined {
  if (used.isNullObject) return undefined;
  const { rowIndex, columnIndex, rowCount, columnCount } = used;
  if (![rowIndex, columnIndex, rowCount, columnCount].every((n) => typeof n === 'number'))
    throw notLoadedError('工作表的使用区域');
  if (rowCount <= 0 || columnCount <= 0) return undefined;
  return { top: rowIndex + 1, left: columnIndex + 1, rowCount, columnCount };
}

function addWindow(grid: GridBuilder, range: Excel.Range, date1904: boolean): void {
  if (typeof range.rowIndex !== 'number' || typeof range.columnIndex !== 'number') throw notLoadedError('单元格位置');
  addData(grid, range, range.rowIndex + 1, range.columnIndex + 1, date1904);
}

function addData(grid: GridBuilder, range: RangeData, top: number, left: number, date1904: boolean): void {
  // office-addin-mock (and a forgotten load()) give an error string instead of throwing: refuse it.
  if (!isGrid(range.values)) throw notLoadedError('单元格的值');
  addBlock(grid, {
    top,
    left,
    values: range.values,
    formulas: isGrid(range.formulas) ? range.formulas : undefined,
    numberFormats: isGrid(range.numberFormat) ? range.numberFormat : undefined,
    date1904,
  });
}
