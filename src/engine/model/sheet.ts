import { CellInput, CellValue, EMPTY, cellText } from './cell';
import { RangeRef, parseRange, rangeToA1, toA1 } from './address';
import { normalizeLabel } from '../text';
import type { FindingDraft } from '../findings';

/**
 * A sheet as a host hands it over: its cells and merged ranges. Plain data, safe to serialise.
 * Cells come one object each (`cells`: what tests and the Excel adapter build) or as arrays by row
 * and column (`grid`: what the .xlsx reader builds, and the Sheet keeps as it is: on a
 * 100,000-row ledger an object per cell, all alive beside exceljs's own, cost more than the whole
 * analysis). `sheetCells` gives either form as cells.
 */
export type SheetInput = CellsSheetInput | GridSheetInput;

interface SheetInputBase {
  readonly name: string;
  /** Merged ranges as A1 (`A3:A14`). */
  readonly merges: readonly string[];
  readonly hiddenRows?: readonly number[];
}

export interface CellsSheetInput extends SheetInputBase {
  readonly cells: readonly CellInput[];
  readonly grid?: undefined;
}

export interface GridSheetInput extends SheetInputBase {
  readonly grid: GridInput;
  readonly cells?: undefined;
}

/** Rows of cells, indexed `[row][col]` from 1 as Excel counts; holes are empty rows and cells. */
export type GridRows<T> = readonly (readonly (T | undefined)[] | undefined)[];

export interface GridInput {
  readonly values: GridRows<CellValue>;
  /** Excel number format codes, where not General. Rows may share one array (it is never written). */
  readonly numFmts?: GridRows<string>;
  /** Formulas without the leading `=`, where the host knows them. */
  readonly formulas?: GridRows<string>;
}

/** The sheet with its cells replaced (given one by one), merges and hidden rows kept. */
export function withCells(input: SheetInput, cells: readonly CellInput[]): CellsSheetInput {
  return {
    name: input.name,
    merges: input.merges,
    ...(input.hiddenRows ? { hiddenRows: input.hiddenRows } : {}),
    cells,
  };
}

/** Every stored cell of a sheet input, in either form (in reading order for `grid`). */
export function sheetCells(input: SheetInput): CellInput[] {
  if (!input.grid) return [...input.cells];
  const { values, numFmts, formulas } = input.grid;
  const out: CellInput[] = [];
  values.forEach((cols, row) =>
    cols?.forEach((value, col) => {
      if (!value) return;
      const numFmt = numFmts?.[row]?.[col];
      const formula = formulas?.[row]?.[col];
      out.push({ row, col, value, ...(numFmt ? { numFmt } : {}), ...(formula ? { formula } : {}) });
    }),
  );
  return out;
}

export interface WorkbookInput {
  /** File name or workbook title, for messages. */
  readonly name: string;
  readonly sheets: readonly SheetInput[];
  /**
   * Sheets jixiao added in earlier sessions, as the host adapter keeps them (Excel's document settings, the
   * web-extension part of an .xlsx): the scorer replaces these instead of adding a copy (`placeSheet`).
   */
  readonly addedSheets?: readonly string[];
  /**
   * The workbook counts serial days from 1904-01-01 (`date1904`), for the numbers a date column
   * holds without a date format (dates.ts). Dates the host read are already ISO.
   */
  readonly date1904?: boolean;
  /** What the host repaired while reading (a missing shared string...): reported as findings. */
  readonly notes?: readonly FindingDraft[];
}

/**
 * Read-only view of a sheet. A value written in the top-left cell of a merged range belongs to the
 * whole range (`value`), while `own` is what is stored in the cell itself.
 */
export class Sheet {
  readonly name: string;
  readonly merges: readonly RangeRef[];
  readonly maxRow: number;
  readonly maxCol: number;
  // Row-indexed arrays rather than one Map keyed by row × 16384 + col: past row 65,536 such keys
  // leave V8's small-integer range and every lookup allocates (a 100,000-row ledger ran 2× slower).
  private readonly values: GridRows<CellValue>;
  private readonly numFmts: GridRows<string>;
  private readonly formulas: GridRows<string>;
  private readonly mergeRows: (RangeRef | undefined)[][] = [];
  private readonly labels: string[][] = [];
  // Tall narrow merges (a whole column merged down to data in its last rows) are kept as ranges,
  // not cell by cell: indexing a million cells of one column took over a second.
  private readonly tallMerges: RangeRef[] = [];
  // The last column of each row and the last row of each column that can show a value (a stored
  // non-empty cell, or a merge with a value covering it), so that scans stop at the data of that row or column:
  // one stray cell at XFD1048576 makes maxRow × maxCol seventeen billion, but adds one entry here.
  private readonly rowEnd: Uint32Array;
  private readonly colEnd: Uint32Array;
  readonly hiddenRows: ReadonlySet<number>;
  /** Merges given after one they overlap (a duplicate `<mergeCell>`): dropped, first of them wins. */
  readonly overlappingMerges: string[] = [];

  constructor(input: SheetInput) {
    this.name = input.name;
    const rowEnd: number[] = [];
    const colEnd: number[] = [];
    const extend = (r: RangeRef) => {
      for (let row = r.top; row <= r.bottom; row++) if ((rowEnd[row] ?? 0) < r.right) rowEnd[row] = r.right;
      for (let col = r.left; col <= r.right; col++) if ((colEnd[col] ?? 0) < r.bottom) colEnd[col] = r.bottom;
    };
    let maxRow = 0;
    let maxCol = 0;
    const grid = input.grid ?? gridOf(input.cells);
    this.values = grid.values;
    this.numFmts = grid.numFmts ?? [];
    this.formulas = grid.formulas ?? [];
    // Cells past Excel's last row or column cannot exist; a host that reports them has a bug, and
    // the scans below (and every detector) would otherwise walk to them.
    for (let row = 1, rows = Math.min(this.values.length - 1, EXCEL_ROWS); row <= rows; row++) {
      const cols = this.values[row];
      if (!cols) continue;
      for (let col = Math.min(cols.length - 1, EXCEL_COLS); col >= 1; col--) {
        const value = cols[col];
        if (!value || value.kind === 'empty') continue;
        if (col > (rowEnd[row] ?? 0)) rowEnd[row] = col;
        if (row > (colEnd[col] ?? 0)) colEnd[col] = row;
        if (row > maxRow) maxRow = row;
        if (col > maxCol) maxCol = col;
      }
    }
    const dataRows = maxRow;
    const dataCols = maxCol;
    const merges: RangeRef[] = [];
    let budget = MERGED_CELLS_INDEXED;
    for (const m of input.merges) {
      let r: RangeRef;
      try {
        r = parseRange(m);
      } catch {
        continue; // a host that reports a malformed merge loses that merge, not the sheet
      }
      // Only the part of a merge that reaches the data matters: selecting column A and merging gives
      // A1:A1048576, and walking a million empty rows would freeze the pane for nothing.
      // Merges near the data are kept whole (a merged title may reach past the last column).
      if (r.top > dataRows + MERGE_SLACK || r.left > dataCols + MERGE_SLACK) continue;
      r = {
        top: r.top,
        left: r.left,
        bottom: Math.min(r.bottom, dataRows + MERGE_SLACK),
        right: Math.min(r.right, dataCols + MERGE_SLACK),
      };
      // Every merged cell is indexed; a stray value at XFD1048576 stretches "the data" over the whole
      // grid, and a merge of all of it would index seventeen billion cells. Past the budget a merge
      // is cut short (its rows below the cut show their own cells), never the sheet.
      const width = r.right - r.left + 1;
      const tall =
        r.bottom - r.top + 1 > TALL_MERGE_ROWS && width <= TALL_MERGE_COLS && this.tallMerges.length < TALL_MERGES_KEPT;
      if (!tall) {
        if (width > budget) continue;
        r = { ...r, bottom: Math.min(r.bottom, r.top + Math.floor(budget / width) - 1) };
      }
      if (r.top === r.bottom && r.left === r.right) continue;
      // Overlapping merges cannot exist in Excel (it repairs a file holding them); if a host
      // reports them, the first one wins and the others are noted.
      if (
        this.tallMerges.some((t) => rangesMeet(t, r)) ||
        (tall ? merges.some((m) => rangesMeet(m, r)) : this.indexedCellIn(r))
      ) {
        if (this.overlappingMerges.length < 100) this.overlappingMerges.push(m);
        continue;
      }
      merges.push(r);
      if (tall) this.tallMerges.push(r);
      else {
        budget -= width * (r.bottom - r.top + 1);
        for (let row = r.top; row <= r.bottom; row++)
          for (let col = r.left; col <= r.right; col++) (this.mergeRows[row] ??= [])[col] = r;
      }
      // A merge shows its top-left value everywhere; one with an empty top-left shows nothing.
      const master = this.values[r.top]?.[r.left];
      if (master && master.kind !== 'empty') extend(r);
      maxRow = Math.max(maxRow, r.bottom);
      maxCol = Math.max(maxCol, r.right);
    }
    this.merges = merges;
    this.maxRow = maxRow;
    this.maxCol = maxCol;
    // Typed arrays: a lookup per row of a 100,000-row sheet, several times per detector.
    this.rowEnd = new Uint32Array(maxRow + 1);
    rowEnd.forEach((end, row) => (this.rowEnd[row] = end));
    this.colEnd = new Uint32Array(maxCol + 1);
    colEnd.forEach((end, col) => (this.colEnd[col] = end));
    this.hiddenRows = new Set(input.hiddenRows ?? []);
  }

  /**
   * The last column of `row` that can show a value (0 for an empty row): past it `value` is empty.
   * Scans along a row stop here rather than at maxCol.
   */
  lastColIn(row: number): number {
    return this.rowEnd[row] ?? 0;
  }

  /** The last row of `col` that can show a value (0 for an empty column): past it `value` is empty. */
  lastRowIn(col: number): number {
    return this.colEnd[col] ?? 0;
  }

  /** The merged range covering the cell, if any. */
  mergeOf(row: number, col: number): RangeRef | undefined {
    const m = this.mergeRows[row]?.[col];
    if (m || this.tallMerges.length === 0) return m;
    for (const t of this.tallMerges) if (row >= t.top && row <= t.bottom && col >= t.left && col <= t.right) return t;
    return undefined;
  }

  /** Whether a cell of `r` is already in a merge indexed cell by cell. */
  private indexedCellIn(r: RangeRef): boolean {
    for (let row = r.top; row <= r.bottom; row++) {
      const cols = this.mergeRows[row];
      if (cols) for (let col = r.left; col <= r.right; col++) if (cols[col]) return true;
    }
    return false;
  }

  /** The cell that holds the value shown at (row, col): the top-left cell of its merge, or itself. */
  master(row: number, col: number): { row: number; col: number } {
    const m = this.mergeOf(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  // The accessors below look the merge up once and allocate nothing: detectors call them for every
  // cell of a 100,000-row ledger, several times over.

  /** A1 of the cell a person should look at for (row, col): the merge's top-left. */
  addr(row: number, col: number): string {
    const m = this.mergeOf(row, col);
    return m ? toA1(m.top, m.left) : toA1(row, col);
  }

  /** A1 of the whole merged area, or the single cell. */
  areaA1(row: number, col: number): string {
    const m = this.mergeOf(row, col);
    return m ? rangeToA1(m) : toA1(row, col);
  }

  /** The value shown at (row, col), taking merged ranges into account. */
  value(row: number, col: number): CellValue {
    const m = this.mergeOf(row, col);
    return (m ? this.values[m.top]?.[m.left] : this.values[row]?.[col]) ?? EMPTY;
  }

  /** What is stored in exactly this cell (empty for the non-top-left cells of a merge). */
  own(row: number, col: number): CellValue {
    return this.values[row]?.[col] ?? EMPTY;
  }

  /** Number format of the cell shown at (row, col) (a merge's top-left); undefined for General. */
  numFmt(row: number, col: number): string | undefined {
    const m = this.mergeOf(row, col);
    return m ? this.numFmts[m.top]?.[m.left] : this.numFmts[row]?.[col];
  }

  /** Formula of the cell shown at (row, col), without `=`, where the host knows it. */
  formula(row: number, col: number): string | undefined {
    const m = this.mergeOf(row, col);
    return m ? this.formulas[m.top]?.[m.left] : this.formulas[row]?.[col];
  }

  text(row: number, col: number): string {
    return cellText(this.value(row, col));
  }

  /**
   * The text shown at (row, col) normalised for matching labels (`normalizeLabel`), or '' when the
   * cell shows no text (numbers, dates and errors are never labels).
   */
  label(row: number, col: number): string {
    const m = this.mergeOf(row, col);
    const top = m ? m.top : row;
    const left = m ? m.left : col;
    // Every family's row walk asks for the same cells' labels; a long 评价标准 normalised once, not per question.
    const known = this.labels[top]?.[left];
    if (known !== undefined) return known;
    const v = this.values[top]?.[left];
    const label = v?.kind === 'string' ? normalizeLabel(v.value) : '';
    (this.labels[top] ??= [])[left] = label;
    return label;
  }

  /** True when (row, col) is the top-left cell of its merge or not merged at all. */
  isMaster(row: number, col: number): boolean {
    const m = this.mergeOf(row, col);
    return !m || (m.top === row && m.left === col);
  }

  /** Every stored non-empty cell, in reading order. */
  *nonEmpty(): Iterable<CellInput> {
    // Arrays iterate their indices in order: reading order without a sort.
    for (let row = 1; row < this.values.length && row <= EXCEL_ROWS; row++) {
      const values = this.values[row];
      if (!values) continue;
      for (let col = 1; col < values.length && col <= EXCEL_COLS; col++) {
        const value = values[col];
        if (!value || value.kind === 'empty') continue;
        const numFmt = this.numFmts[row]?.[col];
        const formula = this.formulas[row]?.[col];
        yield { row, col, value, ...(numFmt ? { numFmt } : {}), ...(formula ? { formula } : {}) };
      }
    }
  }
}

/**
 * The grid of cells given one by one. A cell given twice keeps what it was given last; positions
 * that are not whole numbers from 1 are ignored (a host bug, not a reason to fail the sheet).
 */
function gridOf(cells: readonly CellInput[]): GridInput {
  const values: (CellValue | undefined)[][] = [];
  const numFmts: (string | undefined)[][] = [];
  const formulas: (string | undefined)[][] = [];
  for (const { row, col, value, numFmt, formula } of cells) {
    if (
      !(row >= 1 && col >= 1 && row <= EXCEL_ROWS && col <= EXCEL_COLS) ||
      !Number.isInteger(row) ||
      !Number.isInteger(col)
    )
      continue;
    (values[row] ??= [])[col] = value;
    if (numFmt || numFmts[row]) (numFmts[row] ??= [])[col] = numFmt || undefined;
    if (formula || formulas[row]) (formulas[row] ??= [])[col] = formula || undefined;
  }
  return { values, numFmts, formulas };
}

/** Excel's last row and column (XFD1048576). */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLS = 16_384;

/** Merged cells indexed per sheet at most: real sheets merge thousands; whole columns, a million each. */
const MERGED_CELLS_INDEXED = 4_000_000;

/** A merge taller than this and at most TALL_MERGE_COLS wide is kept as a range (up to TALL_MERGES_KEPT of them). */
const TALL_MERGE_ROWS = 10_000;
const TALL_MERGE_COLS = 16;
const TALL_MERGES_KEPT = 64;

function rangesMeet(a: RangeRef, b: RangeRef): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** How far past the last non-empty row or column a merge is kept. */
const MERGE_SLACK = 50;

export class Workbook {
  readonly name: string;
  readonly sheets: readonly Sheet[];
  /** Sheets jixiao added in earlier sessions (see WorkbookInput.addedSheets). */
  readonly addedSheets: readonly string[];
  readonly date1904: boolean;
  constructor(input: WorkbookInput) {
    this.name = input.name;
    this.date1904 = input.date1904 ?? false;
    this.sheets = input.sheets.map((s) => new Sheet(s));
    this.addedSheets = input.addedSheets ?? [];
  }
  sheet(name: string): Sheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
}
