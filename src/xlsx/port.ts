import {
  Sheet,
  parseA1,
  toA1,
  type ApplyOptions,
  type ApplyResult,
  type CellSnapshot,
  type Highlight,
  type ReadScope,
  type WorkbookPort,
  type WorkbookInput,
  type CellPatch,
  type NewSheet,
  type SheetInput,
} from '../engine';
import { readWorkbookView, type CellLook, type SheetLayout, type WorkbookView } from './read';
import { XlsxEditor } from './write';

/** The rows of each sheet the workbench draws (a 100,000-row ledger would stall the page; the engine reads all). */
export const VIEW_ROWS = 1000;

/** One sheet as the workbench draws it: its cells as the engine reads them, and how its first rows look. */
export interface SheetView {
  readonly input: SheetInput;
  readonly layout?: SheetLayout;
  readonly looks: readonly CellLook[];
}

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
  private unsaved = false;
  /** Sheets of the current view, built on first use (merge lookups, snapshots). */
  private readonly sheets = new Map<string, Sheet>();
  /**
   * Each snapshotted cell's exact `<c>` element (null: none), keyed by the cell and the state the
   * snapshot recorded, so 撤销回写 in the same session puts back the very element, style included.
   */
  private readonly exact = new Map<string, string | null>();

  private constructor(
    private readonly editor: XlsxEditor,
    private view: WorkbookView,
    readonly name: string,
  ) {
    this.active = this.sheetNames()[0] ?? '';
  }

  /** Loads bytes; a file that is not a readable .xlsx throws WorkbookReadError with a Chinese message. */
  static async fromBytes(bytes: Uint8Array, name: string): Promise<XlsxPort> {
    const view = readWorkbookView(bytes, name, VIEW_ROWS);
    return new XlsxPort(XlsxEditor.open(bytes), view, name);
  }

  /**
   * A sheet as the workbench's grid draws it (values, formats, merges, fills, alignment, widths),
   * read from the package as it now stands after every change, so the grid shows what 下载 will hold.
   */
  sheetView(sheet: string): SheetView | undefined {
    const input = this.view.input.sheets.find((s) => s.name === sheet);
    if (!input) return undefined;
    const layout = this.view.layouts.get(sheet);
    return { input, looks: this.view.looks, ...(layout ? { layout } : {}) };
  }

  /** The cell a person sees at `a1`: the top-left of its merge (`B5` inside `A4:C6` → `A4`). */
  shownCell(sheet: string, a1: string): string {
    const s = this.sheet(sheet);
    if (!s) return a1;
    const { row, col } = parseA1(a1);
    const m = s.mergeOf(row, col);
    return m ? toA1(m.top, m.left) : a1;
  }

  private sheet(name: string): Sheet | undefined {
    let s = this.sheets.get(name);
    if (!s) {
      const input = this.view.input.sheets.find((x) => x.name === name);
      if (!input) return undefined;
      this.sheets.set(name, (s = new Sheet(input)));
    }
    return s;
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
    this.unsaved = true;
    // One read of the package in memory serves both the next analysis and the grid.
    this.view = this.editor.view(this.name, VIEW_ROWS);
    this.sheets.clear();
    this.emit(e);
  }

  async read(scope: ReadScope): Promise<WorkbookInput> {
    const input = this.view.input;
    if (scope === 'all') return input;
    return { ...input, sheets: input.sheets.filter((s) => s.name === this.active) };
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
    const out: CellSnapshot[] = [];
    for (const { sheet, cell } of cells) {
      const view = this.sheet(sheet);
      if (!view) continue;
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
