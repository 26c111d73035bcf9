import ExcelJS from 'exceljs';
import {
  Sheet,
  parseA1,
  type ApplyOptions,
  type ApplyResult,
  type CellSnapshot,
  type Highlight,
  type ReadScope,
  type WorkbookPort,
  type WorkbookInput,
  type CellPatch,
  type NewSheet,
} from '../engine';
import { readWorkbookBytes } from './read';
import { XlsxEditor } from './write';

/** What changed, so a host (the workbench's grid) can redraw or scroll. */
export type XlsxPortEvent =
  | { readonly type: 'cells'; readonly sheet?: string }
  | { readonly type: 'sheets' }
  | { readonly type: 'select'; readonly sheet: string; readonly cell: string; readonly related: readonly string[] };

/**
 * WorkbookPort over an .xlsx held in memory: the workbench's host. Writes, marks, added sheets and
 * settings go through the same surgical writer as `jixiao score` (write.ts), so 下载 gives the
 * user's file back with only jixiao's cells, styles, sheets and state changed; reads go through
 * the same reader as the CLI. State lives in the add-in's web extension part (state.ts), so a
 * downloaded workbook carries it to Excel and back.
 */
export class XlsxPort implements WorkbookPort {
  private active: string;
  private readonly listeners = new Set<(e: XlsxPortEvent) => void>();
  private input: WorkbookInput | undefined;
  private unsaved = false;
  /**
   * Each snapshotted cell's exact `<c>` element (null: none), keyed by the cell and the state the
   * snapshot recorded, so 撤销回写 in the same session puts back the very element, style included.
   */
  private readonly exact = new Map<string, string | null>();

  private constructor(
    private readonly editor: XlsxEditor,
    private view: ExcelJS.Workbook,
    input: WorkbookInput,
    readonly name: string,
  ) {
    this.input = input;
    this.active = this.sheetNames()[0] ?? '';
  }

  /** Loads bytes; a file that is not a readable .xlsx throws WorkbookReadError with a Chinese message. */
  static async fromBytes(bytes: Uint8Array, name: string): Promise<XlsxPort> {
    const input = await readWorkbookBytes(bytes, name);
    const editor = XlsxEditor.open(bytes);
    return new XlsxPort(editor, await loadView(bytes), input, name);
  }

  /**
   * The workbook as the workbench's grid draws it (exceljs, for display only: values, fills,
   * alignment, widths). Rebuilt from the written package after every change, so the grid shows
   * what 下载 will hold.
   */
  get workbook(): ExcelJS.Workbook {
    return this.view;
  }

  /** The sheets a person sees, in tab order. */
  sheetNames(): string[] {
    return this.editor.sheetNames();
  }

  get activeSheet(): string {
    return this.active;
  }

  activate(sheet: string): void {
    if (!this.editor.hasSheet(sheet) || sheet === this.active) return;
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

  /** After a change: the next read parses the new package, and the grid is redrawn from it. */
  private async changed(e: XlsxPortEvent): Promise<void> {
    this.input = undefined;
    this.unsaved = true;
    this.view = await loadView(this.editor.toBytes(0));
    this.emit(e);
  }

  async read(scope: ReadScope): Promise<WorkbookInput> {
    this.input ??= await readWorkbookBytes(this.editor.toBytes(0), this.name);
    if (scope === 'all') return this.input;
    return {
      ...this.input,
      sheets: this.input.sheets.filter((s) => s.name === this.active),
    };
  }

  async apply(patches: readonly CellPatch[], options: ApplyOptions = {}): Promise<ApplyResult> {
    const { written, skipped } = this.editor.applyPatches(patches, options.overwrite ?? false);
    if (written.length) await this.changed({ type: 'cells' });
    return { written, skipped };
  }

  async addSheet(sheet: NewSheet): Promise<void> {
    this.active = this.editor.addSheet(sheet);
    await this.changed({ type: 'sheets' });
  }

  async select(sheet: string, cell: string, related: readonly string[] = []): Promise<void> {
    if (!this.editor.hasSheet(sheet)) throw new Error(`工作表“${sheet}”不存在（可能已被删除或改名），请重新检查`);
    this.active = sheet;
    // Related cells on this sheet only (`A1`, or `Sheet!A1` naming this sheet): the grid shows one sheet.
    const here = related.flatMap((r) => {
      const i = r.lastIndexOf('!');
      const onSheet = i < 0 ? true : r.slice(0, i).replace(/^'|'$/g, '') === sheet;
      return onSheet
        ? [
            r
              .slice(i + 1)
              .replace(/\$/g, '')
              .toUpperCase(),
          ]
        : [];
    });
    this.emit({
      type: 'select',
      sheet,
      cell: cell.replace(/\$/g, '').toUpperCase(),
      related: here,
    });
  }

  async snapshot(cells: readonly { readonly sheet: string; readonly cell: string }[]): Promise<CellSnapshot[]> {
    const input = await this.read('all');
    const sheets = new Map<string, Sheet>();
    const out: CellSnapshot[] = [];
    for (const { sheet, cell } of cells) {
      const si = input.sheets.find((s) => s.name === sheet);
      if (!si) continue;
      let view = sheets.get(sheet);
      if (!view) sheets.set(sheet, (view = new Sheet(si)));
      const a1 = cell.replace(/\$/g, '').toUpperCase();
      const { row, col } = parseA1(a1);
      // The value as stored (a date stays its day number): restored with its format, it shows the same.
      const { value, formula } = this.editor.currentCell(sheet, a1);
      const numFmt = view.numFmt(row, col);
      const snap: CellSnapshot = {
        sheet,
        cell,
        ...(value !== undefined ? { value } : {}),
        ...(formula !== undefined ? { formula } : {}),
        ...(numFmt && numFmt !== 'General' ? { numFmt } : {}),
      };
      this.exact.set(exactKey(snap), this.editor.cellXml(sheet, a1) ?? null);
      out.push(snap);
    }
    return out;
  }

  async restore(cells: readonly CellSnapshot[]): Promise<void> {
    if (cells.length === 0) return;
    for (const s of cells) this.editor.restoreCell(s.sheet, s.cell, s, this.exact.get(exactKey(s)));
    await this.changed({ type: 'cells' });
  }

  async highlight(cells: readonly Highlight[]): Promise<void> {
    if (cells.length === 0) return;
    if (this.editor.highlight(cells).length) await this.changed({ type: 'cells' });
  }

  async clearHighlights(): Promise<void> {
    if (this.editor.savedState.marks.length === 0) return;
    this.editor.clearHighlights();
    await this.changed({ type: 'cells' });
  }

  async loadSettings(): Promise<unknown> {
    return this.editor.loadSettings();
  }

  async saveSettings(settings: unknown): Promise<void> {
    this.editor.saveSettings(settings);
    this.unsaved = true;
  }

  /** The workbook as .xlsx bytes (for 下载): the file opened, with jixiao's changes only. */
  async toBytes(): Promise<Uint8Array> {
    return this.editor.toBytes();
  }
}

function exactKey(s: CellSnapshot): string {
  return JSON.stringify([
    s.sheet,
    s.cell.replace(/\$/g, '').toUpperCase(),
    s.value ?? null,
    s.formula ?? null,
    s.numFmt ?? null,
  ]);
}

/** The display model of the grid. A file exceljs cannot model is still checked and written; its grid stays empty. */
async function loadView(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    const data: ArrayBuffer | Uint8Array =
      typeof Buffer !== 'undefined' ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
    await wb.xlsx.load(data as never);
  } catch {
    return new ExcelJS.Workbook();
  }
  return wb;
}
