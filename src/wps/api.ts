/**
 * The part of WPS 表格's JS API (WPS加载项, `window.Application`) jixiao uses, declared by hand.
 * Member names follow the public `wps-jsapi` declarations (namespace `Et`), which mirror Excel's
 * VBA object model: collections are 1-based (`Sheets.Item(1)`), a range's `Value2`/`Formula` are a
 * scalar for one cell and row arrays for several, and multi-cell properties answer `null` when the
 * cells differ (`NumberFormat`, `MergeCells`, `HasFormula`). Every property read is a call into the
 * host, so the port counts on reading whole ranges rather than cells.
 */

/** A value as `Range.Value2` gives it: dates are serial day numbers, empty cells `undefined`. */
export type WpsValue = string | number | boolean | null | undefined;

/** `Value2`/`Formula` of a range: a scalar for a single cell, rows of values otherwise. */
export type WpsBlock = WpsValue | WpsValue[][];

/** XlSheetVisibility. */
export const XL_SHEET_VISIBLE = -1;
export const XL_SHEET_HIDDEN = 0;
export const XL_SHEET_VERY_HIDDEN = 2;
/** XlPattern / XlColorIndex: no fill. */
export const XL_NONE = -4142;
/** XlPattern: a solid fill. */
export const XL_PATTERN_SOLID = 1;

export interface EtCount {
  readonly Count: number;
}

export interface EtInterior {
  /** BGR as a number: red + green·256 + blue·65536. */
  Color: number;
  /** XlPattern (`XL_NONE` when the cell has no fill). */
  Pattern: number;
  PatternColor: number;
  ColorIndex: number;
}

export interface EtFont {
  Bold: boolean | null;
}

export interface EtRange {
  Value2: WpsBlock;
  Formula: WpsBlock;
  /** True when every cell holds a formula, false when none does, null when mixed. */
  readonly HasFormula: boolean | null;
  /** One format for every cell, or null when they differ. */
  NumberFormat: string | null;
  /** True when every cell is part of a merge, false when none is, null when mixed. */
  readonly MergeCells: boolean | null;
  /** The merged area a single cell belongs to (the cell itself when not merged). */
  readonly MergeArea: EtRange;
  /** 1-based row and column of the top-left cell. */
  readonly Row: number;
  readonly Column: number;
  readonly Rows: EtCount;
  readonly Columns: EtCount;
  readonly Interior: EtInterior;
  readonly Font: EtFont;
  ColumnWidth: number | null;
  Select(): unknown;
  ClearContents(): unknown;
}

export interface EtCells extends EtRange {
  /** 1-based row and column within the sheet. */
  Item(row: number, column: number): EtRange;
}

export interface EtWorksheet {
  Name: string;
  /** XlSheetVisibility. */
  Visible: number;
  readonly ProtectContents: boolean;
  readonly UsedRange: EtRange;
  readonly Cells: EtCells;
  Range(address: string): EtRange;
  Activate(): unknown;
  Delete(): unknown;
}

export interface EtSheets extends EtCount {
  /** 1-based index or sheet name; a name that does not exist throws. */
  Item(index: number | string): EtWorksheet;
  /** Adds a worksheet before `Before` or after `After` (else before the active sheet) and activates it. */
  Add(Before?: EtWorksheet, After?: EtWorksheet, Count?: number, Type?: number): EtWorksheet;
}

export interface EtWorkbook {
  readonly Name: string;
  /** Excel's `Workbook.Date1904`, which ET's object model follows: serials count from 1904-01-01. */
  readonly Date1904?: boolean;
  readonly Sheets: EtSheets;
  readonly ActiveSheet: EtWorksheet;
}

export interface EtWindow {
  SplitRow: number;
  FreezePanes: boolean;
}

export interface WpsTaskPane {
  readonly ID: number | string;
  Visible: boolean;
}

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null | undefined;
  readonly ActiveWindow?: EtWindow | null;
  /** False while jixiao deletes a sheet it added (else WPS asks the user to confirm). */
  DisplayAlerts: boolean;
  /** Opens a task pane showing `url` (hidden until `Visible` is set). */
  CreateTaskPane(url: string): WpsTaskPane;
  GetTaskPane(id: number | string): WpsTaskPane | null | undefined;
  /** Storage shared by the add-in's pages for the WPS session. */
  readonly PluginStorage: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
}

interface WpsGlobals {
  Application?: EtApplication;
  wps?: { Application?: EtApplication };
}

/** WPS puts its object model on the add-in's pages as `window.Application` (and `window.wps.Application`). */
export function wpsApplication(scope: unknown = globalThis): EtApplication | undefined {
  const g = scope as WpsGlobals;
  return g.Application ?? g.wps?.Application;
}
