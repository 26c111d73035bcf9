/* global Excel, Office */
import { z } from 'zod';
import { MARK_COLORS, cellKey, strongestPerCell, type ApplyOptions, type ApplyResult, type CellSnapshot, type Highlight, type ReadScope, type WorkbookPort } from '../engine/port';
import type { GridSheetInput, WorkbookInput } from '../engine/model/sheet';
import { excelSheetName, planWrites, type CellPatch, type CurrentCell, type NewSheet } from '../engine/patch';
import { columnLetters } from '../engine/model/address';
import {
  addBlock,
  emptyGrid,
  type GridBuilder,
  chunkAddress,
  isGrid,
  parseAreasAddress,
  rowChunks,
  textForExcel,
  type GridValue,
} from './convert';
import {
  ExcelPortError,
  apiMissingError,
  notLoadedError,
  protectedSheetError,
  toExcelPortError,
  tooLargeError,
} from './errors';

/** The requirement set every action needs: Range.getMergedAreasOrNullObject arrived in ExcelApi 1.13. */
export const REQUIRED_API = { set: 'ExcelApi', version: '1.13' } as const;

/** Optimistic first read: this top-left window of each sheet is loaded together with its size. */
export const WINDOW_ROWS = 300;
export const WINDOW_COLS = 40;
/** One range read never exceeds this many cells (Excel on the web rejects very large single reads). */
export const CHUNK_CELLS = 20_000;
/** Cells queued before one sync: keeps a response well under the ~5 MB payload limit of Excel on the web. */
export const CELLS_PER_SYNC = 80_000;
/** Beyond this a workbook is not an evaluation form any more; refuse rather than freeze Excel. */
export const MAX_CELLS = 1_000_000;

const SETTINGS_KEY = 'jixiao.settings';
const MARKS_KEY = 'jixiao.marks';
const ADDED_SHEETS_KEY = 'jixiao.addedSheets';

/** The original fill of a marked cell, kept in the workbook's document settings. */
const markSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  /** The fill jixiao put there, so a fill the user changed since is left alone. */
  mark: z.string(),
  color: z.string().nullable(),
  pattern: z.string().nullable(),
  patternColor: z.string().nullable().optional(),
  tintAndShade: z.number().nullable().optional(),
});
export type StoredMark = z.infer<typeof markSchema>;
const marksSchema = z.array(markSchema);

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The part of `Office.context.document.settings` the port uses. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message: string } }) => void): void;
}

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

interface RangeData {
  values: unknown;
  formulas: unknown;
  numberFormat: unknown;
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
      options.isSetSupported ?? ((name, version) => Boolean(Office.context.requirements?.isSetSupported(name, version)));
    this.workbookName = options.workbookName ?? '当前工作簿';
    this.cellsPerSync = options.cellsPerSync ?? (runsOnTheWeb() ? CELLS_PER_SYNC : Number.POSITIVE_INFINITY);
  }

  private requireApi(): void {
    if (!this.isSetSupported(REQUIRED_API.set, REQUIRED_API.version)) throw apiMissingError(REQUIRED_API.set, REQUIRED_API.version);
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
        probes = sheets.map((sheet) => probeSheet(sheet, false));
        await context.sync();
      }

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
          addWindow(grid, p.window);
          return;
        }
        // Larger than the window: the used range in row chunks, read in the next sync.
        for (const chunk of rowChunks(size.top, size.rowCount, size.columnCount, CHUNK_CELLS)) {
          chunks.push({ grid, sheet: p.sheet, address: chunkAddress(chunk, size.left, size.columnCount), top: chunk.top, left: size.left, cells: (chunk.bottom - chunk.top + 1) * size.columnCount });
        }
      });
      for (const batch of batchChunks(chunks, this.cellsPerSync)) {
        const ranges = batch.map((c) => {
          const range = c.sheet.getRange(c.address);
          range.load('values,formulas,numberFormat');
          return range;
        });
        await context.sync();
        batch.forEach((c, i) => addData(c.grid, ranges[i], c.top, c.left));
      }
      return { name: this.workbookName, sheets: inputs };
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
          ...(b.value !== '' && b.value !== null && b.value !== undefined ? { value: b.value as number | string | boolean } : {}),
          ...(b.formula !== undefined ? { formula: b.formula } : {}),
        };
      };
      const plan = planWrites(patches, current, options.overwrite ?? false);
      if (plan.toWrite.length === 0) return { written: [], skipped: plan.skipped };

      const locked = [...new Set(plan.toWrite.map((p) => p.sheet))].filter((n) => sheets.get(n)!.protection.protected === true);
      if (locked.length) throw protectedSheetError(locked);

      for (const p of plan.toWrite) writePatch(targets.get(cellKey(p.sheet, p.cell))!, p);
      try {
        await context.sync();
      } catch (e) {
        // Excel applies a failed batch up to the failing operation: put every touched cell back.
        for (const p of plan.toWrite) restoreCell(targets.get(cellKey(p.sheet, p.cell))!, before.get(cellKey(p.sheet, p.cell))!);
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
          restored ? `已恢复所有单元格的原值，工作簿未被修改。${cause.hint}` : '恢复原值也失败了：请按 Ctrl+Z 撤消，或不保存关闭工作簿。',
          e,
        );
      }
      return { written: plan.toWrite, skipped: plan.skipped };
    });
  }

  async addSheet(sheet: NewSheet): Promise<void> {
    const added = new Set(this.addedSheets());
    const finalName = await this.guarded(async (context) => {
      const all = context.workbook.worksheets;
      all.load('items/name');
      await context.sync();
      const names = new Set(all.items.map((s) => s.name));
      const wanted = excelSheetName(sheet.name);
      let name = wanted;
      if (names.has(wanted)) {
        if (added.has(wanted)) all.getItem(wanted).delete();
        else for (let i = 2; names.has(name); i++) name = excelSheetName(`${wanted} (${i})`);
      }
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
          ws.getRange(`${letter}2:${letter}${sheet.rows.length}`).numberFormat = Array.from({ length: rows }, () => [fmt]);
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
    await this.save();
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
    const marks = this.marks();
    const known = new Map(marks.map((m) => [cellKey(m.sheet, m.cell), m]));
    const wanted = strongestPerCell(cells);
    await this.guarded(async (context) => {
      const sheets = new Map<string, Excel.Worksheet>();
      for (const c of wanted.values()) {
        if (sheets.has(c.sheet)) continue;
        const ws = context.workbook.worksheets.getItem(c.sheet);
        ws.load('protection/protected');
        sheets.set(c.sheet, ws);
      }
      const fills = new Map<string, Excel.RangeFill>();
      for (const [k, c] of wanted) {
        if (known.has(k)) continue; // marked before: its original fill is already kept
        const fill = sheets.get(c.sheet)!.getRange(c.cell).format.fill;
        fill.load('color,pattern,patternColor,tintAndShade');
        fills.set(k, fill);
      }
      await context.sync();
      const locked = [...sheets].filter(([, ws]) => ws.protection.protected === true).map(([n]) => n);
      if (locked.length) throw protectedSheetError(locked);

      const next = new Map(known);
      for (const [k, c] of wanted) {
        const mark = MARK_COLORS[c.severity];
        const fill = fills.get(k);
        const prev = known.get(k);
        next.set(
          k,
          prev
            ? { ...prev, mark }
            : {
                sheet: c.sheet,
                cell: c.cell,
                mark,
                color: stringOrNull(fill?.color),
                pattern: stringOrNull(fill?.pattern),
                patternColor: stringOrNull(fill?.patternColor),
                tintAndShade: typeof fill?.tintAndShade === 'number' ? fill.tintAndShade : null,
              },
        );
      }
      // Keep the originals before touching any cell, so a failure below can still be undone.
      this.settings.set(MARKS_KEY, [...next.values()]);
      await this.save();
      for (const c of wanted.values()) sheets.get(c.sheet)!.getRange(c.cell).format.fill.color = MARK_COLORS[c.severity];
      await context.sync();
    });
  }

  async clearHighlights(): Promise<void> {
    const marks = this.marks();
    if (marks.length === 0) return;
    const kept = await this.guarded(async (context) => {
      const all = context.workbook.worksheets;
      all.load('items/name');
      await context.sync();
      const present = new Set(all.items.map((s) => s.name));
      const live = marks.filter((m) => present.has(m.sheet));
      const fills = live.map((m) => {
        const fill = all.getItem(m.sheet).getRange(m.cell).format.fill;
        fill.load('color');
        return fill;
      });
      await context.sync();
      live.forEach((m, i) => {
        const fill = fills[i];
        // The user refilled the cell since: their fill wins over the remembered one.
        if (String(fill.color).toUpperCase() !== m.mark.toUpperCase()) return;
        restoreFill(fill, m);
      });
      await context.sync();
      return [] as StoredMark[];
    });
    if (kept.length) this.settings.set(MARKS_KEY, kept);
    else this.settings.remove(MARKS_KEY);
    await this.save();
  }

  /** Marks jixiao has placed and not cleared yet (from the workbook, so they outlive the pane). */
  marks(): StoredMark[] {
    const parsed = marksSchema.safeParse(this.settings.get(MARKS_KEY));
    return parsed.success ? parsed.data : [];
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
        const value = r.values[0][0];
        const f = r.formulas[0][0];
        const formula = typeof f === 'string' && f.startsWith('=') && f !== value ? f.slice(1) : undefined;
        const numFmt = isGrid(r.numberFormat) ? r.numberFormat[0][0] : undefined;
        const plain = value === '' || value === null || value === undefined ? undefined : (value as number | string | boolean);
        return {
          sheet: c.sheet,
          cell: c.cell,
          ...(plain !== undefined ? { value: plain } : {}),
          ...(formula !== undefined ? { formula } : {}),
          ...(typeof numFmt === 'string' && numFmt !== 'General' ? { numFmt } : {}),
        };
      });
    });
  }

  async restore(cells: readonly CellSnapshot[]): Promise<void> {
    if (cells.length === 0) return;
    await this.guarded(async (context) => {
      for (const c of cells) {
        const before = { value: (c.value ?? '') as GridValue, ...(c.formula !== undefined ? { formula: c.formula } : {}), numberFormat: (c.numFmt ?? 'General') as GridValue };
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
    await this.save();
  }

  private addedSheets(): string[] {
    const parsed = z.array(z.string()).safeParse(this.settings.get(ADDED_SHEETS_KEY));
    return parsed.success ? parsed.data : [];
  }

  private save(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.settings.saveAsync((result) => {
        if (result && result.status === 'failed') {
          reject(new ExcelPortError('unknown', `保存设置失败：${result.error?.message ?? ''}`, '请确认工作簿不是只读的，然后重试。'));
        } else resolve();
      });
    });
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

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
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
  if (![rowIndex, columnIndex, rowCount, columnCount].every((n) => typeof n === 'number')) throw notLoadedError('工作表的使用区域');
  if (rowCount <= 0 || columnCount <= 0) return undefined;
  return { top: rowIndex + 1, left: columnIndex + 1, rowCount, columnCount };
}

function addWindow(grid: GridBuilder, range: Excel.Range): void {
  if (typeof range.rowIndex !== 'number' || typeof range.columnIndex !== 'number') throw notLoadedError('单元格位置');
  addData(grid, range, range.rowIndex + 1, range.columnIndex + 1);
}

function addData(grid: GridBuilder, range: RangeData, top: number, left: number): void {
  // office-addin-mock (and a forgotten load()) give an error string instead of throwing: refuse it.
  if (!isGrid(range.values)) throw notLoadedError('单元格的值');
  addBlock(grid, {
    top,
    left,
    values: range.values,
    formulas: isGrid(range.formulas) ? range.formulas : undefined,
    numberFormats: isGrid(range.numberFormat) ? range.numberFormat : undefined,
  });
}

function writePatch(range: Excel.Range, p: CellPatch): void {
  if (p.numFmt) range.numberFormat = [[p.numFmt]];
  if (p.formula !== undefined) {
    range.formulas = [[`=${p.formula.replace(/^=/, '')}`]];
  } else {
    range.values = [[textForExcel(p.value) as string | number]];
  }
}

function restoreCell(range: Excel.Range, before: { value: GridValue; formula?: string; numberFormat: GridValue }): void {
  range.numberFormat = [[typeof before.numberFormat === 'string' ? before.numberFormat : 'General']];
  if (before.formula !== undefined) range.formulas = [[`=${before.formula}`]];
  else range.values = [[(textForExcel((before.value ?? '') as string | number) ?? '') as string | number]];
}

function restoreFill(fill: Excel.RangeFill, m: StoredMark): void {
  fill.clear();
  if (m.pattern === null || m.pattern === 'None' || m.color === null) return;
  fill.color = m.color;
  if (m.pattern !== 'Solid') fill.pattern = m.pattern as Excel.FillPattern;
  if (m.patternColor) fill.patternColor = m.patternColor;
  if (typeof m.tintAndShade === 'number' && m.tintAndShade !== 0) fill.tintAndShade = m.tintAndShade;
}
