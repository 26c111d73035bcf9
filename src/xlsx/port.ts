import ExcelJS from 'exceljs';
import { MARK_COLORS, cellKey, strongestPerCell, type ApplyOptions, type ApplyResult, type CellSnapshot, type Highlight, type ReadScope, type WorkbookPort } from '../engine/port';
import type { WorkbookInput } from '../engine/model/sheet';
import type { CellPatch, NewSheet } from '../engine/patch';
import { parseA1 } from '../engine/model/address';
import { convertValue, loadWorkbookBytes, sheetInputFromExcelJs } from './read';
import { addSheetToExcelJs, writePatches } from './apply';
import { isStateSheet, readState, writeState, type XlsxMark } from './state';

/** What changed, so a host (the workbench's grid) can redraw or scroll. */
export type XlsxPortEvent =
  | { readonly type: 'cells'; readonly sheet?: string }
  | { readonly type: 'sheets' }
  | { readonly type: 'select'; readonly sheet: string; readonly cell: string; readonly related: readonly string[] };

/**
 * WorkbookPort over an .xlsx held in memory by exceljs: the workbench's host, and the same writes
 * the CLI makes. Marks, settings and added sheets live in the file (see state.ts), so a downloaded
 * workbook carries them as an Excel workbook carries its add-in settings.
 */
export class XlsxPort implements WorkbookPort {
  private active: string;
  private unsaved = false;
  private readonly listeners = new Set<(e: XlsxPortEvent) => void>();

  constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly name: string,
  ) {
    this.active = this.sheetNames()[0] ?? '';
  }

  /** Loads bytes; a file that is not a readable .xlsx throws WorkbookReadError with a Chinese message. */
  static async fromBytes(bytes: Uint8Array, name: string): Promise<XlsxPort> {
    return new XlsxPort(await loadWorkbookBytes(bytes), name);
  }

  /** The sheets a person sees, in tab order (the state sheet is very hidden). */
  sheetNames(): string[] {
    return this.workbook.worksheets.filter((ws) => !isStateSheet(ws.name) && ws.state !== 'veryHidden').map((ws) => ws.name);
  }

  get activeSheet(): string {
    return this.active;
  }

  activate(sheet: string): void {
    if (!this.workbook.getWorksheet(sheet) || sheet === this.active) return;
    this.active = sheet;
    this.emit({ type: 'sheets' });
  }

  /** Whether the workbook changed (writes, marks, sheets, settings) since it was opened or `markSaved`. */
  get hasUnsavedChanges(): boolean {
    return this.unsaved;
  }

  /** The host saved the bytes (the workbench's 下载). */
  markSaved(): void {
    this.unsaved = false;
  }

  subscribe(listener: (e: XlsxPortEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: XlsxPortEvent): void {
    for (const l of this.listeners) l(e);
  }

  async read(scope: ReadScope): Promise<WorkbookInput> {
    const sheets = this.workbook.worksheets.filter((ws) => !isStateSheet(ws.name) && (scope === 'all' || ws.name === this.active));
    return { name: this.name, sheets: sheets.map(sheetInputFromExcelJs) };
  }

  async apply(patches: readonly CellPatch[], options: ApplyOptions = {}): Promise<ApplyResult> {
    const { written, skipped } = writePatches(this.workbook, patches, options.overwrite ?? false);
    if (written.length) {
      this.unsaved = true;
      this.emit({ type: 'cells' });
    }
    return { written, skipped };
  }

  async addSheet(sheet: NewSheet): Promise<void> {
    const name = addSheetToExcelJs(this.workbook, sheet);
    this.unsaved = true;
    this.active = name;
    this.emit({ type: 'sheets' });
  }

  async select(sheet: string, cell: string, related: readonly string[] = []): Promise<void> {
    if (!this.workbook.getWorksheet(sheet)) throw new Error(`工作表“${sheet}”不存在（可能已被删除或改名），请重新检查`);
    this.active = sheet;
    // Related cells on this sheet only (`A1`, or `Sheet!A1` naming this sheet): the grid shows one sheet.
    const here = related.flatMap((r) => {
      const i = r.lastIndexOf('!');
      const onSheet = i < 0 ? true : r.slice(0, i).replace(/^'|'$/g, '') === sheet;
      return onSheet ? [r.slice(i + 1).replace(/\$/g, '').toUpperCase()] : [];
    });
    this.emit({ type: 'select', sheet, cell: cell.replace(/\$/g, '').toUpperCase(), related: here });
  }

  async highlight(cells: readonly Highlight[]): Promise<void> {
    if (cells.length === 0) return;
    const state = readState(this.workbook);
    const marks = new Map(state.marks.map((m) => [cellKey(m.sheet, m.cell), m]));
    for (const c of strongestPerCell(cells).values()) {
      const ws = this.workbook.getWorksheet(c.sheet);
      if (!ws) continue;
      const cell = ws.getCell(masterOf(ws, c.cell));
      const k = cellKey(c.sheet, cell.address);
      const mark = MARK_COLORS[c.severity];
      // Marked before: its original fill is already kept.
      const original = marks.get(k)?.original ?? (cell.fill ? structuredClone(cell.fill) : null);
      marks.set(k, { sheet: c.sheet, cell: cell.address, mark, original });
      // exceljs shares one style object between cells read with the same style: give this cell its own.
      cell.style = { ...cell.style, fill: solid(mark) };
    }
    writeState(this.workbook, { ...state, marks: [...marks.values()] });
    this.unsaved = true;
    this.emit({ type: 'cells' });
  }

  async clearHighlights(): Promise<void> {
    const state = readState(this.workbook);
    if (state.marks.length === 0) return;
    for (const m of state.marks) {
      const ws = this.workbook.getWorksheet(m.sheet);
      if (!ws) continue;
      const cell = ws.getCell(m.cell);
      // The user refilled the cell since: their fill wins over the remembered one.
      if (fillColor(cell.fill) !== argb(m.mark)) continue;
      restore(cell, m);
    }
    writeState(this.workbook, { ...state, marks: [] });
    this.unsaved = true;
    this.emit({ type: 'cells' });
  }

  async snapshot(cells: readonly { readonly sheet: string; readonly cell: string }[]): Promise<CellSnapshot[]> {
    const out: CellSnapshot[] = [];
    for (const { sheet, cell } of cells) {
      const ws = this.workbook.getWorksheet(sheet);
      if (!ws) continue;
      const c = ws.getCell(cell);
      const { value, formula } = convertValue(c.value);
      // A date is kept as Excel's day number: restored with its format, the cell shows the same date.
      const plain = value.kind === 'empty' ? undefined : value.kind === 'date' && c.value instanceof Date ? excelDay(c.value) : value.value;
      const numFmt = c.numFmt && c.numFmt !== 'General' ? c.numFmt : undefined;
      out.push({ sheet, cell, ...(plain !== undefined ? { value: plain } : {}), ...(formula !== undefined ? { formula } : {}), ...(numFmt ? { numFmt } : {}) });
    }
    return out;
  }

  async restore(cells: readonly CellSnapshot[]): Promise<void> {
    if (cells.length === 0) return;
    for (const s of cells) {
      const ws = this.workbook.getWorksheet(s.sheet);
      if (!ws) continue;
      const c = ws.getCell(s.cell);
      c.value = s.formula !== undefined ? ({ formula: s.formula, result: s.value } as ExcelJS.CellFormulaValue) : (s.value ?? null);
      // exceljs shares one style object between cells read with the same style: give this cell its own.
      const style = { ...c.style };
      if (s.numFmt) style.numFmt = s.numFmt;
      else delete style.numFmt;
      c.style = style;
    }
    this.unsaved = true;
    this.emit({ type: 'cells' });
  }

  async loadSettings(): Promise<unknown> {
    return readState(this.workbook).settings;
  }

  async saveSettings(settings: unknown): Promise<void> {
    writeState(this.workbook, { ...readState(this.workbook), settings });
    this.unsaved = true;
  }

  /** The workbook as .xlsx bytes (for 下载). */
  async toBytes(): Promise<Uint8Array> {
    const buffer = await this.workbook.xlsx.writeBuffer();
    return new Uint8Array(buffer as ArrayBuffer);
  }
}

/** Excel's serial day number of a date (1900 date system, as exceljs writes dates). */
function excelDay(d: Date): number {
  return d.getTime() / 86_400_000 + 25_569;
}

/** A finding on any cell of a merged area marks the area (its top-left cell holds the format). */
function masterOf(ws: ExcelJS.Worksheet, a1: string): string {
  const { row, col } = parseA1(a1.replace(/\$/g, ''));
  const cell = ws.getCell(row, col);
  return cell.isMerged ? cell.master.address : cell.address;
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

function solid(hex: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } };
}

function fillColor(fill: ExcelJS.Fill | undefined): string | undefined {
  return fill && fill.type === 'pattern' ? fill.fgColor?.argb?.toUpperCase() : undefined;
}

function restore(cell: ExcelJS.Cell, m: XlsxMark): void {
  const style = { ...cell.style };
  if (m.original) style.fill = m.original as ExcelJS.Fill;
  else delete style.fill;
  cell.style = style;
}
