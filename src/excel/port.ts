/* global Excel, Office */
import type { ApplyOptions, ApplyResult, CellSnapshot, Highlight, ReadScope, WorkbookPort } from '../engine';
import { cellKey } from '../engine';
import type { WorkbookInput } from '../engine';
import { planWrites, type CellPatch, type CurrentCell, type NewSheet } from '../engine';
import { placeSheet } from '../engine';
import { columnLetters } from '../engine';
import { cellSnapshot, isGrid, textForExcel, type GridValue } from './convert';
import { ExcelPortError, apiMissingError, notLoadedError, protectedSheetError, toExcelPortError } from './errors';
import { CELLS_PER_SYNC, readSheets } from './read';
import { clearMarks, markCells } from './marks';
import {
  ADDED_SHEETS_KEY,
  MARKS_KEY,
  SETTINGS_KEY,
  addedSheets,
  saveDocumentSettings,
  storedMarks,
  type DocumentSettings,
  type ExcelRun,
  type StoredMark,
} from './state';

/**
 * The Excel adapter, split like xlsx/: reading (read.ts), marks (marks.ts), what the add-in keeps in the
 * document (state.ts), and here the port that ties them to the task pane: write-back and added sheets.
 */
export { batchChunks, CELLS_PER_SYNC, CHUNK_CELLS, MAX_CELLS, WINDOW_COLS, WINDOW_ROWS } from './read';
export type { DocumentSettings, ExcelRun, StoredMark } from './state';

/** The requirement set every action needs: Range.getMergedAreasOrNullObject arrived in ExcelApi 1.13. */
export const REQUIRED_API = { set: 'ExcelApi', version: '1.13' } as const;

export interface ExcelPortOptions {
  readonly run?: ExcelRun;
  readonly settings?: DocumentSettings;
  readonly isSetSupported?: (name: string, version: string) => boolean;
  /** Workbook title for messages (Excel does not expose the file name before ExcelApi 1.?). */
  readonly workbookName?: string;
  /**
   * Cells read per sync. Excel on the web caps a response at ~5 MB, so there reads are split every
   * CELLS_PER_SYNC cells; desktop Excel has no such cap and reads everything in one sync.
   */
  readonly cellsPerSync?: number;
}

/**
 * WorkbookPort over Office.js. Every action uses a fixed number of `context.sync()` calls that does
 * not grow with the number of rows: reading a workbook is 2 (the sheet list, then sizes and data
 * together), writing back is 2 (current contents, then the writes) plus 1 to roll back on failure.
 */
export class ExcelPort implements WorkbookPort {
  private readonly run: ExcelRun;
  private readonly settings: DocumentSettings;
  private readonly isSetSupported: (name: string, version: string) => boolean;
  private readonly workbookName: string;
  private readonly cellsPerSync: number;

  constructor(options: ExcelPortOptions = {}) {
    this.run = options.run ?? (<T>(batch: (c: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
    this.settings = options.settings ?? (Office.context.document.settings as unknown as DocumentSettings);
    this.isSetSupported =
      options.isSetSupported ??
      ((name, version) => Boolean(Office.context.requirements?.isSetSupported(name, version)));
    this.workbookName = options.workbookName ?? '当前工作簿';
    this.cellsPerSync = options.cellsPerSync ?? (runsOnTheWeb() ? CELLS_PER_SYNC : Number.POSITIVE_INFINITY);
  }

  private requireApi(): void {
    if (!this.isSetSupported(REQUIRED_API.set, REQUIRED_API.version))
      throw apiMissingError(REQUIRED_API.set, REQUIRED_API.version);
  }

  private async guarded<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    this.requireApi();
    try {
      return await this.run(batch);
    } catch (e) {
      throw toExcelPortError(e);
    }
  }

  async read(scope: ReadScope): Promise<WorkbookInput> {
    return this.guarded(async (context) => {
      const { sheets, date1904 } = await readSheets(context, scope, this.cellsPerSync);
      return {
        name: this.workbookName,
        sheets,
        addedSheets: addedSheets(this.settings),
        // Dates are already ISO; the engine still needs the system for serials typed without a date format.
        ...(date1904 ? { date1904: true } : {}),
      };
    });
  }

  async apply(patches: readonly CellPatch[], options: ApplyOptions = {}): Promise<ApplyResult> {
    if (patches.length === 0) return { written: [], skipped: [] };
    return this.guarded(async (context) => {
      const sheetNames = [...new Set(patches.map((p) => p.sheet))];
      const sheets = new Map(sheetNames.map((n) => [n, context.workbook.worksheets.getItem(n)]));
      for (const s of sheets.values()) s.load('name,protection/protected');
      const targets = new Map<string, Excel.Range>();
      for (const p of patches) {
        const k = cellKey(p.sheet, p.cell);
        if (targets.has(k)) continue;
        const range = sheets.get(p.sheet)!.getRange(p.cell);
        range.load('values,formulas,numberFormat');
        targets.set(k, range);
      }
      await context.sync();

      const before = new Map<string, { value: GridValue; formula?: string; numberFormat: GridValue }>();
      for (const [k, range] of targets) {
        if (!isGrid(range.values) || !isGrid(range.formulas)) throw notLoadedError('单元格内容');
        const value = range.values[0][0];
        const f = range.formulas[0][0];
        const formula = typeof f === 'string' && f.startsWith('=') && f !== value ? f.slice(1) : undefined;
        const numberFormat = isGrid(range.numberFormat) ? range.numberFormat[0][0] : 'General';
        before.set(k, { value, ...(formula !== undefined ? { formula } : {}), numberFormat });
      }
      const current = (sheet: string, cell: string): CurrentCell => {
        const b = before.get(cellKey(sheet, cell));
        if (!b) return {};
        return {
          ...(b.value !== '' && b.value !== null && b.value !== undefined
            ? { value: b.value as number | string | boolean }
            : {}),
          ...(b.formula !== undefined ? { formula: b.formula } : {}),
        };
      };
      const plan = planWrites(patches, current, options.overwrite ?? false);
      if (plan.toWrite.length === 0) return { written: [], skipped: plan.skipped };

      const locked = [...new Set(plan.toWrite.map((p) => p.sheet))].filter(
        (n) => sheets.get(n)!.protection.protected === true,
      );
      if (locked.length) throw protectedSheetError(locked);

      for (const p of plan.toWrite) writePatch(targets.get(cellKey(p.sheet, p.cell))!, p);
      try {
        await context.sync();
      } catch (e) {
        // Excel applies a failed batch up to the failing operation: put every touched cell back.
        for (const p of plan.toWrite)
          restoreCell(targets.get(cellKey(p.sheet, p.cell))!, before.get(cellKey(p.sheet, p.cell))!);
        let restored = true;
        try {
          await context.sync();
        } catch {
          restored = false;
        }
        const cause = toExcelPortError(e);
        throw new ExcelPortError(
          cause.kind === 'unknown' ? 'write-failed' : cause.kind,
          `回写失败：${cause.zh}`,
          restored
            ? `已恢复所有单元格的原值，工作簿未被修改。${cause.hint}`
            : '恢复原值也失败了：请按 Ctrl+Z 撤消，或不保存关闭工作簿。',
          e,
        );
      }
      return { written: plan.toWrite, skipped: plan.skipped };
    });
  }

  async addSheet(sheet: NewSheet): Promise<void> {
    const added = new Set(addedSheets(this.settings));
    const finalName = await this.guarded(async (context) => {
      const all = context.workbook.worksheets;
      all.load('items/name');
      await context.sync();
      const { name, replaces } = placeSheet(
        sheet.name,
        all.items.map((s) => s.name),
        [...added],
      );
      if (replaces) all.getItem(name).delete();
      const ws = all.add(name);
      const width = Math.max(1, ...sheet.rows.map((r) => r.length));
      if (sheet.rows.length) {
        const values = sheet.rows.map((r) => Array.from({ length: width }, (_, j) => textForExcel(r[j] ?? '') ?? ''));
        ws.getRange(`A1:${columnLetters(width)}${sheet.rows.length}`).values = values as (string | number)[][];
        ws.getRange(`A1:${columnLetters(width)}1`).format.font.bold = true;
        for (const [col, fmt] of Object.entries(sheet.numFmts ?? {})) {
          if (sheet.rows.length < 2) break;
          const letter = columnLetters(Number(col) + 1);
          const rows = sheet.rows.length - 1;
          ws.getRange(`${letter}2:${letter}${sheet.rows.length}`).numberFormat = Array.from({ length: rows }, () => [
            fmt,
          ]);
        }
        (sheet.columnWidths ?? []).forEach((w, j) => {
          // NewSheet widths are in characters (as in exceljs); Office.js wants points.
          ws.getRange(`${columnLetters(j + 1)}1`).format.columnWidth = Math.round(w * 6 + 6);
        });
        ws.freezePanes.freezeRows(1);
      }
      ws.activate();
      await context.sync();
      return name;
    });
    added.add(finalName);
    this.settings.set(ADDED_SHEETS_KEY, [...added]);
    await saveDocumentSettings(this.settings);
  }

  async select(sheet: string, cell: string, related: readonly string[] = []): Promise<void> {
    await this.guarded(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      // Related cells on the same sheet are selected with it (the finding's cell first stays active).
      const here = related.filter((r) => !r.includes('!'));
      if (here.length) ws.getRanges([cell, ...here].join(',')).select();
      else ws.getRange(cell).select();
      await context.sync();
    });
  }

  async highlight(cells: readonly Highlight[]): Promise<void> {
    if (cells.length === 0) return;
    await this.guarded((context) => markCells(context, cells, this.settings));
  }

  async clearHighlights(): Promise<void> {
    const marks = storedMarks(this.settings);
    if (marks.length === 0) return;
    const kept = await this.guarded((context) => clearMarks(context, marks));
    if (kept.length) this.settings.set(MARKS_KEY, kept);
    else this.settings.remove(MARKS_KEY);
    await saveDocumentSettings(this.settings);
  }

  /** Marks jixiao has placed and not cleared yet (from the workbook, so they outlive the pane). */
  marks(): StoredMark[] {
    return storedMarks(this.settings);
  }

  async snapshot(cells: readonly { readonly sheet: string; readonly cell: string }[]): Promise<CellSnapshot[]> {
    if (cells.length === 0) return [];
    return this.guarded(async (context) => {
      const all = context.workbook.worksheets;
      all.load('items/name');
      await context.sync();
      const present = new Set(all.items.map((s) => s.name));
      const live = cells.filter((c) => present.has(c.sheet));
      const ranges = live.map((c) => {
        const range = all.getItem(c.sheet).getRange(c.cell);
        range.load('values,formulas,numberFormat');
        return range;
      });
      await context.sync();
      return live.map((c, i) => {
        const r = ranges[i];
        if (!isGrid(r.values) || !isGrid(r.formulas)) throw notLoadedError('单元格内容');
        return cellSnapshot(
          c,
          r.values[0][0],
          r.formulas[0][0],
          isGrid(r.numberFormat) ? r.numberFormat[0][0] : undefined,
        );
      });
    });
  }

  async restore(cells: readonly CellSnapshot[]): Promise<void> {
    if (cells.length === 0) return;
    await this.guarded(async (context) => {
      for (const c of cells) {
        const before = {
          value: (c.value ?? '') as GridValue,
          ...(c.formula !== undefined ? { formula: c.formula } : {}),
          numberFormat: (c.numFmt ?? 'General') as GridValue,
        };
        restoreCell(context.workbook.worksheets.getItem(c.sheet).getRange(c.cell), before);
      }
      await context.sync();
    });
  }

  async loadSettings(): Promise<unknown> {
    const raw = this.settings.get(SETTINGS_KEY);
    return raw === null ? undefined : raw;
  }

  async saveSettings(settings: unknown): Promise<void> {
    this.settings.set(SETTINGS_KEY, settings);
    await saveDocumentSettings(this.settings);
  }
}

/** Excel on the web (where the payload cap applies); anything unknown is treated as the web, the safe side. */
function runsOnTheWeb(): boolean {
  try {
    return Office.context.platform !== Office.PlatformType.PC && Office.context.platform !== Office.PlatformType.Mac;
  } catch {
    return true;
  }
}

function writePatch(range: Excel.Range, p: CellPatch): void {
  if (p.numFmt) range.numberFormat = [[p.numFmt]];
  if (p.formula !== undefined) {
    range.formulas = [[`=${p.formula.replace(/^=/, '')}`]];
  } else {
    range.values = [[textForExcel(p.value) as string | number]];
  }
}

function restoreCell(
  range: Excel.Range,
  before: { value: GridValue; formula?: string; numberFormat: GridValue },
): void {
  range.numberFormat = [[typeof before.numberFormat === 'string' ? before.numberFormat : 'General']];
  if (before.formula !== undefined) range.formulas = [[`=${before.formula}`]];
  else range.values = [[(textForExcel((before.value ?? '') as string | number) ?? '') as string | number]];
}
