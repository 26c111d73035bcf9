import type {
  ApplyOptions,
  ApplyResult,
  CellSnapshot,
  Highlight,
  ReadScope,
  WorkbookPort,
} from '../../src/engine/port';
import { sheetCells, withCells, type CellsSheetInput, type WorkbookInput } from '../../src/engine/model/sheet';
import type { CellInput, CellValue } from '../../src/engine/model/cell';
import { parseA1 } from '../../src/engine/model/address';
import { planWrites, type CellPatch, type CurrentCell, type NewSheet } from '../../src/engine/patch';

/** A WorkbookPort over an in-memory WorkbookInput, recording every call the pane makes. */
export class MemoryPort implements WorkbookPort {
  sheets: CellsSheetInput[];
  activeSheet: string;
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly added: NewSheet[] = [];
  highlights: Highlight[] = [];
  stored: unknown;
  failRead?: unknown;

  constructor(
    private readonly input: WorkbookInput,
    stored?: unknown,
  ) {
    this.sheets = input.sheets.map((s) => withCells(s, sheetCells(s)));
    this.activeSheet = input.sheets[0]?.name ?? '';
    this.stored = stored;
  }

  async read(scope: ReadScope): Promise<WorkbookInput> {
    this.calls.push({ method: 'read', args: [scope] });
    if (this.failRead) throw this.failRead;
    const sheets = scope === 'all' ? this.sheets : this.sheets.filter((s) => s.name === this.activeSheet);
    return { name: this.input.name, sheets: sheets.map((s) => withCells(s, sheetCells(s))) };
  }

  cell(sheet: string, a1: string): CellInput | undefined {
    const { row, col } = parseA1(a1);
    return this.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.row === row && c.col === col);
  }

  async apply(patches: readonly CellPatch[], options: ApplyOptions = {}): Promise<ApplyResult> {
    this.calls.push({ method: 'apply', args: [patches, options] });
    const current = (sheet: string, a1: string): CurrentCell => {
      const c = this.cell(sheet, a1);
      if (!c || c.value.kind === 'empty') return c?.formula ? { formula: c.formula } : {};
      const v = c.value as Exclude<CellValue, { kind: 'empty' }>;
      return { value: v.value, ...(c.formula ? { formula: c.formula } : {}) };
    };
    const plan = planWrites(patches, current, options.overwrite ?? false);
    for (const p of plan.toWrite) {
      const { row, col } = parseA1(p.cell);
      const sheet = this.sheets.find((s) => s.name === p.sheet)!;
      const value: CellValue =
        typeof p.value === 'number' ? { kind: 'number', value: p.value } : { kind: 'string', value: p.value };
      const cells = sheet.cells.filter((c) => !(c.row === row && c.col === col));
      const numFmt = p.numFmt ?? this.cell(p.sheet, p.cell)?.numFmt;
      cells.push({ row, col, value, ...(p.formula ? { formula: p.formula } : {}), ...(numFmt ? { numFmt } : {}) });
      this.sheets = this.sheets.map((s) => (s === sheet ? withCells(s, cells) : s));
    }
    return { written: plan.toWrite, skipped: plan.skipped };
  }

  async addSheet(sheet: NewSheet): Promise<void> {
    this.calls.push({ method: 'addSheet', args: [sheet] });
    this.added.push(sheet);
  }

  async select(sheet: string, cell: string, related?: readonly string[]): Promise<void> {
    this.calls.push({ method: 'select', args: related ? [sheet, cell, related] : [sheet, cell] });
    this.activeSheet = sheet;
  }

  async highlight(cells: readonly Highlight[]): Promise<void> {
    this.calls.push({ method: 'highlight', args: [cells] });
    this.highlights = [...this.highlights, ...cells];
  }

  async clearHighlights(): Promise<void> {
    this.calls.push({ method: 'clearHighlights', args: [] });
    this.highlights = [];
  }

  async snapshot(cells: readonly { sheet: string; cell: string }[]): Promise<CellSnapshot[]> {
    this.calls.push({ method: 'snapshot', args: [cells] });
    return cells
      .filter((c) => this.sheets.some((s) => s.name === c.sheet))
      .map(({ sheet, cell }) => {
        const c = this.cell(sheet, cell);
        const v = c && c.value.kind !== 'empty' ? (c.value as Exclude<CellValue, { kind: 'empty' }>).value : undefined;
        return {
          sheet,
          cell,
          ...(v !== undefined ? { value: v } : {}),
          ...(c?.formula ? { formula: c.formula } : {}),
          ...(c?.numFmt ? { numFmt: c.numFmt } : {}),
        };
      });
  }

  async restore(cells: readonly CellSnapshot[]): Promise<void> {
    this.calls.push({ method: 'restore', args: [cells] });
    for (const s of cells) {
      const value: CellValue =
        s.value === undefined
          ? { kind: 'empty' }
          : typeof s.value === 'number'
            ? { kind: 'number', value: s.value }
            : typeof s.value === 'boolean'
              ? { kind: 'boolean', value: s.value }
              : { kind: 'string', value: s.value };
      this.setCell(s.sheet, s.cell, value, s.formula, s.numFmt);
    }
  }

  /** Sets a cell as a user would (tests: "the user changed it since"). */
  setCell(sheetName: string, a1: string, value: CellValue, formula?: string, numFmt?: string): void {
    const { row, col } = parseA1(a1);
    const sheet = this.sheets.find((s) => s.name === sheetName)!;
    const cells = sheet.cells.filter((c) => !(c.row === row && c.col === col));
    cells.push({ row, col, value, ...(formula ? { formula } : {}), ...(numFmt ? { numFmt } : {}) });
    this.sheets = this.sheets.map((s) => (s === sheet ? withCells(s, cells) : s));
  }

  async loadSettings(): Promise<unknown> {
    return this.stored;
  }

  async saveSettings(settings: unknown): Promise<void> {
    this.calls.push({ method: 'saveSettings', args: [settings] });
    this.stored = settings;
  }

  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }
}
