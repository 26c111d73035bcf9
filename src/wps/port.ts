import {
  MARK_COLORS,
  cellKey,
  strongestPerCell,
  type ApplyOptions,
  type ApplyResult,
  type CellSnapshot,
  type Highlight,
  type ReadScope,
  type WorkbookPort,
  type GridSheetInput,
  type WorkbookInput,
  excelSheetName,
  planWrites,
  type CellPatch,
  type CurrentCell,
  type NewSheet,
  columnLetters,
  parseA1,
} from '../engine';
import { cellSnapshot, formulaOf, textForExcel } from '../excel/convert';
import {
  XL_NONE,
  XL_PATTERN_SOLID,
  XL_SHEET_VERY_HIDDEN,
  type EtApplication,
  type EtRange,
  type EtWorkbook,
  type EtWorksheet,
  type WpsValue,
} from './api';
import { readWorksheet, type ReadCost } from './read';
import { WPS_STATE_SHEET, hasNoFill, readWpsState, writeWpsState, type WpsMark } from './state';

/** Beyond this a workbook is not an evaluation form any more; refuse rather than freeze WPS (as in Excel). */
export const MAX_CELLS = 1_000_000;

export type WpsPortErrorKind = 'no-workbook' | 'protected' | 'too-large' | 'sheet-missing' | 'write-failed';

/** A failure the pane shows as “<doing>失败：zh” with `hint` below it (the same shape as ExcelPortError). */
export class WpsPortError extends Error {
  constructor(
    readonly kind: WpsPortErrorKind,
    readonly zh: string,
    readonly hint: string,
    readonly cause?: unknown,
  ) {
    super(zh);
    this.name = 'WpsPortError';
  }
}

/** `#RRGGBB` → WPS's `Interior.Color` (BGR in one number). */
export function hexToBgr(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

/** WPS's `Interior.Color` → `#RRGGBB`. */
export function bgrToHex(bgr: number): string {
  const rgb = ((bgr & 0xff) << 16) | (bgr & 0xff00) | ((bgr >> 16) & 0xff);
  return `#${rgb.toString(16).padStart(6, '0').toUpperCase()}`;
}

/**
 * WorkbookPort over WPS 表格's JS API. The API is synchronous (each property read is a call into
 * WPS), so a read costs a fixed handful of calls per sheet plus one per format region and merge
 * (see read.ts); writes decide with the engine's planWrites exactly as ExcelPort does, refuse a
 * protected sheet before touching anything, and put every written cell back if one write fails.
 */
export class WpsPort implements WorkbookPort {
  /** Host calls made by the last read (README's figures, tests). */
  lastReadCost: ReadCost = { calls: 0 };

  constructor(private readonly app: EtApplication) {}

  private workbook(): EtWorkbook {
    const wb = this.app.ActiveWorkbook;
    if (!wb)
      throw new WpsPortError('no-workbook', '没有打开的工作簿', '请先在 WPS 表格中打开要检查的工作簿，再点“检查”。');
    return wb;
  }

  /** The sheets a person sees or may unhide, in tab order (very hidden ones belong to add-ins). */
  private sheets(wb: EtWorkbook): EtWorksheet[] {
    const out: EtWorksheet[] = [];
    const all = wb.Sheets;
    for (let i = 1; i <= all.Count; i++) {
      const s = all.Item(i);
      if (s.Visible !== XL_SHEET_VERY_HIDDEN && s.Name !== WPS_STATE_SHEET) out.push(s);
    }
    return out;
  }

  private sheet(wb: EtWorkbook, name: string): EtWorksheet {
    const all = wb.Sheets;
    for (let i = 1; i <= all.Count; i++) {
      const s = all.Item(i);
      if (s.Name === name) return s;
    }
    throw new WpsPortError('sheet-missing', `工作表“${name}”不存在（可能已被删除或改名）`, '请重新检查后再试。');
  }

  async read(scope: ReadScope): Promise<WorkbookInput> {
    const wb = this.workbook();
    const sheets = scope === 'active' ? [wb.ActiveSheet] : this.sheets(wb);
    const cost: ReadCost = { calls: 0 };
    const date1904 = uses1904(wb);
    let total = 0;
    const inputs: GridSheetInput[] = [];
    for (const s of sheets) {
      const used = s.UsedRange;
      total += used.Rows.Count * used.Columns.Count;
      if (total > MAX_CELLS) {
        throw new WpsPortError(
          'too-large',
          `要读取的区域太大（约 ${total.toLocaleString('en-US')} 个单元格，上限 ${MAX_CELLS.toLocaleString('en-US')}）`,
          '请删除表外远处的零散内容或格式后重试，或只检查当前工作表。',
        );
      }
      inputs.push(readWorksheet(s, cost, date1904));
    }
    this.lastReadCost = cost;
    return { name: wb.Name || '当前工作簿', sheets: inputs, ...(date1904 ? { date1904: true } : {}) };
  }

  async apply(patches: readonly CellPatch[], options: ApplyOptions = {}): Promise<ApplyResult> {
    if (patches.length === 0) return { written: [], skipped: [] };
    const wb = this.workbook();
    const sheets = new Map<string, EtWorksheet>();
    for (const name of new Set(patches.map((p) => p.sheet))) sheets.set(name, this.sheet(wb, name));
    const targets = new Map<string, EtRange>();
    const before = new Map<string, { value: WpsValue; formula?: string; numberFormat: string }>();
    for (const p of patches) {
      const k = cellKey(p.sheet, p.cell);
      if (targets.has(k)) continue;
      const range = sheets.get(p.sheet)!.Range(p.cell.replace(/\$/g, ''));
      targets.set(k, range);
      const value = range.Value2 as WpsValue;
      const formula = formulaOf(range.Formula as WpsValue, value);
      const fmt = range.NumberFormat;
      before.set(k, {
        value,
        ...(formula !== undefined ? { formula } : {}),
        numberFormat: typeof fmt === 'string' ? fmt : 'General',
      });
    }
    const current = (sheet: string, cell: string): CurrentCell => {
      const b = before.get(cellKey(sheet, cell));
      if (!b) return {};
      return {
        ...(b.value !== '' && b.value !== null && b.value !== undefined ? { value: b.value } : {}),
        ...(b.formula !== undefined ? { formula: b.formula } : {}),
      };
    };
    const plan = planWrites(patches, current, options.overwrite ?? false);
    if (plan.toWrite.length === 0) return { written: [], skipped: plan.skipped };
    this.refuseProtected(
      plan.toWrite.map((p) => p.sheet),
      sheets,
    );

    const done: CellPatch[] = [];
    try {
      for (const p of plan.toWrite) {
        writePatch(targets.get(cellKey(p.sheet, p.cell))!, p);
        done.push(p);
      }
    } catch (e) {
      let restored = true;
      for (const p of done.reverse()) {
        try {
          restoreCell(targets.get(cellKey(p.sheet, p.cell))!, before.get(cellKey(p.sheet, p.cell))!);
        } catch {
          restored = false;
        }
      }
      throw new WpsPortError(
        'write-failed',
        `回写失败：${e instanceof Error ? e.message : String(e)}`,
        restored
          ? '已恢复所有单元格的原值，工作簿未被修改。'
          : '恢复原值也失败了：请按 Ctrl+Z 撤消，或不保存关闭工作簿。',
        e,
      );
    }
    return { written: plan.toWrite, skipped: plan.skipped };
  }

  private refuseProtected(names: readonly string[], sheets: Map<string, EtWorksheet>): void {
    const locked = [...new Set(names)].filter((n) => sheets.get(n)?.ProtectContents === true);
    if (locked.length) {
      throw new WpsPortError(
        'protected',
        `工作表“${locked.join('”、“')}”受保护，无法写入`,
        '请在“审阅 → 撤销工作表保护”后重试；本次没有修改任何单元格。',
      );
    }
  }

  async addSheet(sheet: NewSheet): Promise<void> {
    const wb = this.workbook();
    const state = readWpsState(wb);
    const names = new Set<string>();
    const all = wb.Sheets;
    for (let i = 1; i <= all.Count; i++) names.add(all.Item(i).Name);
    const wanted = excelSheetName(sheet.name);
    let name = wanted;
    for (let i = 2; names.has(name) && !state.addedSheets.includes(name); i++)
      name = excelSheetName(`${wanted.slice(0, 26)} (${i})`);
    if (names.has(name)) this.deleteSheet(this.sheet(wb, name));

    const sheetsNow = wb.Sheets;
    const ws = sheetsNow.Add(undefined, sheetsNow.Item(sheetsNow.Count));
    ws.Name = name;
    const width = Math.max(1, ...sheet.rows.map((r) => r.length));
    if (sheet.rows.length) {
      const values = sheet.rows.map((r) =>
        Array.from({ length: width }, (_, j) => textForExcel(r[j] ?? null) ?? undefined),
      );
      ws.Range(`A1:${columnLetters(width)}${sheet.rows.length}`).Value2 = values as WpsValue[][];
      ws.Range(`A1:${columnLetters(width)}1`).Font.Bold = true;
      if (sheet.rows.length > 1) {
        for (const [col, fmt] of Object.entries(sheet.numFmts ?? {})) {
          const letter = columnLetters(Number(col) + 1);
          ws.Range(`${letter}2:${letter}${sheet.rows.length}`).NumberFormat = fmt;
        }
      }
      // WPS column widths are in characters, as NewSheet's are.
      (sheet.columnWidths ?? []).forEach((w, j) => (ws.Range(`${columnLetters(j + 1)}1`).ColumnWidth = w));
    }
    ws.Activate();
    const win = this.app.ActiveWindow;
    if (win && sheet.rows.length) {
      win.SplitRow = 1;
      win.FreezePanes = true;
    }
    writeWpsState(wb, { ...state, addedSheets: [...new Set([...state.addedSheets, name])] });
  }

  /** Deletes a sheet jixiao added, without WPS's “are you sure” prompt (the user asked for a fresh one). */
  private deleteSheet(ws: EtWorksheet): void {
    const alerts = this.app.DisplayAlerts;
    this.app.DisplayAlerts = false;
    try {
      ws.Delete();
    } finally {
      this.app.DisplayAlerts = alerts;
    }
  }

  async select(sheet: string, cell: string): Promise<void> {
    const ws = this.sheet(this.workbook(), sheet);
    ws.Activate();
    ws.Range(cell.replace(/\$/g, '').toUpperCase()).Select();
  }

  async highlight(cells: readonly Highlight[]): Promise<void> {
    if (cells.length === 0) return;
    const wb = this.workbook();
    const wanted = strongestPerCell(cells);
    const sheets = new Map<string, EtWorksheet>();
    for (const c of wanted.values()) if (!sheets.has(c.sheet)) sheets.set(c.sheet, this.sheet(wb, c.sheet));
    this.refuseProtected([...sheets.keys()], sheets);
    const state = readWpsState(wb);
    const known = new Map(state.wpsMarks.map((m) => [cellKey(m.sheet, m.cell), m]));
    const next = new Map(known);
    const targets: [EtRange, string][] = [];
    for (const [k, c] of wanted) {
      const range = sheets.get(c.sheet)!.Range(masterCell(sheets.get(c.sheet)!, c.cell));
      const mark = MARK_COLORS[c.severity];
      const prev = known.get(k);
      if (prev) next.set(k, { ...prev, mark });
      else {
        const interior = range.Interior;
        next.set(k, {
          sheet: c.sheet,
          cell: c.cell,
          mark,
          pattern: interior.Pattern,
          color: interior.Color,
          patternColor: interior.PatternColor,
        });
      }
      targets.push([range, mark]);
    }
    // Keep the originals before touching any cell, so a failure below can still be undone.
    writeWpsState(wb, { ...state, wpsMarks: [...next.values()] });
    for (const [range, mark] of targets) range.Interior.Color = hexToBgr(mark);
  }

  async clearHighlights(): Promise<void> {
    const wb = this.workbook();
    const state = readWpsState(wb);
    if (state.wpsMarks.length === 0) return;
    const present = new Map<string, EtWorksheet>();
    const all = wb.Sheets;
    for (let i = 1; i <= all.Count; i++) {
      const s = all.Item(i);
      present.set(s.Name, s);
    }
    for (const m of state.wpsMarks) {
      const ws = present.get(m.sheet);
      if (!ws) continue;
      const interior = ws.Range(masterCell(ws, m.cell)).Interior;
      // The user refilled the cell since: their fill wins over the remembered one.
      if (interior.Pattern === XL_NONE || bgrToHex(interior.Color) !== m.mark.toUpperCase()) continue;
      restoreFill(interior, m);
    }
    writeWpsState(wb, { ...state, wpsMarks: [] });
  }

  async snapshot(cells: readonly { readonly sheet: string; readonly cell: string }[]): Promise<CellSnapshot[]> {
    if (cells.length === 0) return [];
    const wb = this.workbook();
    const present = new Set(this.sheets(wb).map((ws) => ws.Name));
    return cells
      .filter((c) => present.has(c.sheet))
      .map((c) => {
        const range = this.sheet(wb, c.sheet).Range(c.cell.replace(/\$/g, ''));
        return cellSnapshot(c, range.Value2 as WpsValue, range.Formula as WpsValue, range.NumberFormat);
      });
  }

  async restore(cells: readonly CellSnapshot[]): Promise<void> {
    if (cells.length === 0) return;
    const wb = this.workbook();
    const sheets = new Map<string, EtWorksheet>();
    for (const name of new Set(cells.map((c) => c.sheet))) sheets.set(name, this.sheet(wb, name));
    this.refuseProtected([...sheets.keys()], sheets);
    for (const c of cells)
      restoreCell(sheets.get(c.sheet)!.Range(c.cell.replace(/\$/g, '')), {
        value: (c.value ?? '') as WpsValue,
        ...(c.formula !== undefined ? { formula: c.formula } : {}),
        numberFormat: c.numFmt ?? 'General',
      });
  }

  async loadSettings(): Promise<unknown> {
    return readWpsState(this.workbook()).settings;
  }

  async saveSettings(settings: unknown): Promise<void> {
    const wb = this.workbook();
    writeWpsState(wb, { ...readWpsState(wb), settings });
  }
}

/** A finding on any cell of a merged area marks the area through its top-left cell (as in the .xlsx port). */
function masterCell(ws: EtWorksheet, a1: string): string {
  const { row, col } = parseA1(a1.replace(/\$/g, '').toUpperCase());
  const cell = ws.Cells.Item(row, col);
  if (cell.MergeCells !== true) return a1.replace(/\$/g, '').toUpperCase();
  const area = cell.MergeArea;
  return `${columnLetters(area.Column)}${area.Row}`;
}

function writePatch(range: EtRange, p: CellPatch): void {
  if (p.numFmt) range.NumberFormat = p.numFmt;
  if (p.formula !== undefined) range.Formula = `=${p.formula.replace(/^=/, '')}`;
  // Text led by = + - @ would be typed in as a formula: an apostrophe keeps it text, as in Excel.
  else range.Value2 = textForExcel(p.value);
}

function restoreCell(range: EtRange, before: { value: WpsValue; formula?: string; numberFormat: string }): void {
  range.NumberFormat = before.numberFormat;
  if (before.formula !== undefined) range.Formula = `=${before.formula}`;
  else range.Value2 = typeof before.value === 'string' ? textForExcel(before.value) : before.value;
}

function restoreFill(interior: EtRange['Interior'], m: WpsMark): void {
  if (m.pattern === XL_NONE || hasNoFill(m.pattern)) {
    interior.Pattern = XL_NONE;
    return;
  }
  interior.Color = m.color;
  if (m.pattern !== XL_PATTERN_SOLID) interior.Pattern = m.pattern;
  if (m.patternColor !== undefined) interior.PatternColor = m.patternColor;
}

/** The workbook's date system; a host that does not expose it (or throws asking) counts from 1900, as most do. */
function uses1904(wb: EtWorkbook): boolean {
  try {
    return wb.Date1904 === true;
  } catch {
    return false;
  }
}
