import { OfficeMockObject } from 'office-addin-mock';
import { columnLetters, parseRange, toA1, type RangeRef } from '../../src/engine/model/address';
import { sheetCells, type WorkbookInput } from '../../src/engine/model/sheet';
import type { DocumentSettings, ExcelRun } from '../../src/excel/port';

/**
 * An in-memory Excel for ExcelPort tests. Proxies (ranges, fills, sheets) are office-addin-mock
 * objects, so a property read without load() + sync() gives the mock's error string as in the
 * real API; writes are recorded in order and applied to the model at sync(), like a batch.
 */
export interface FakeFill {
  color: string;
  pattern: string;
  patternColor: string;
  tintAndShade: number;
}
export const NO_FILL: FakeFill = { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: 0 };

export interface FakeCell {
  value: string | number | boolean;
  formula?: string;
  numFmt?: string;
  fill?: FakeFill;
}

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  merges: string[] = [];
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  protected = false;
  constructor(public name: string) {}
  get(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  at(a1: string): FakeCell | undefined {
    const r = parseRange(a1);
    return this.get(r.top, r.left);
  }
  set(row: number, col: number, cell: FakeCell): void {
    this.cells.set(`${row},${col}`, cell);
  }
  cellOrNew(row: number, col: number): FakeCell {
    let c = this.get(row, col);
    if (!c) {
      c = { value: '' };
      this.set(row, col, c);
    }
    return c;
  }
  /** Bounding box of cells with a value or formula, within `within` if given. */
  used(within?: RangeRef): RangeRef | undefined {
    let box: RangeRef | undefined;
    for (const [k, c] of this.cells) {
      if (c.value === '' && !c.formula) continue;
      const [row, col] = k.split(',').map(Number);
      if (within && (row < within.top || row > within.bottom || col < within.left || col > within.right)) continue;
      box = box
        ? {
            top: Math.min(box.top, row),
            left: Math.min(box.left, col),
            bottom: Math.max(box.bottom, row),
            right: Math.max(box.right, col),
          }
        : { top: row, left: col, bottom: row, right: col };
    }
    return box;
  }
}

type Op =
  | { kind: 'prop'; sheet: string; rect: RangeRef; path: string; value: unknown }
  | { kind: 'call'; sheet: string; rect?: RangeRef; name: string; args: unknown[] };

const WRITABLE = new Set([
  'values',
  'formulas',
  'numberFormat',
  'format.fill.color',
  'format.fill.pattern',
  'format.fill.patternColor',
  'format.fill.tintAndShade',
  'format.font.bold',
  'format.columnWidth',
]);
const WHOLE_SHEET: RangeRef = { top: 1, left: 1, bottom: 1048576, right: 16384 };

export class FakeExcel {
  sheets: FakeSheet[] = [];
  active = '';
  selected?: { sheet: string; address: string };
  syncs = 0;
  /** The workbook counts serial days from 1904-01-01 (Excel: 使用 1904 日期系统); date cells hold serials of it. */
  date1904 = false;
  /** Make the next sync that carries writes fail after applying this many of them (Excel's partial batches). */
  failWritesAfter?: number;
  private ops: Op[] = [];
  private mocks: OfficeMockObject[] = [];
  private pendingItemLoads: { collection: { items: unknown[] } }[] = [];
  private internal = 0;

  static fromInput(input: WorkbookInput): FakeExcel {
    const x = new FakeExcel();
    x.date1904 = input.date1904 ?? false;
    for (const s of input.sheets) {
      const sheet = x.addSheet(s.name);
      sheet.merges = [...s.merges];
      for (const c of sheetCells(s)) {
        const v = c.value;
        let value: string | number | boolean = '';
        let numFmt = c.numFmt;
        if (v.kind === 'number' || v.kind === 'boolean' || v.kind === 'string' || v.kind === 'error') value = v.value;
        if (v.kind === 'date') {
          value = isoToSerial(v.value, x.date1904);
          numFmt = numFmt ?? 'yyyy-mm-dd';
        }
        sheet.set(c.row, c.col, { value, ...(c.formula ? { formula: c.formula } : {}), ...(numFmt ? { numFmt } : {}) });
      }
    }
    x.active = input.sheets[0]?.name ?? '';
    return x;
  }

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name);
    this.sheets.push(s);
    if (!this.active) this.active = name;
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** Excel.run over this workbook: a fresh request context per run. */
  readonly run: ExcelRun = async (batch) => {
    this.ops = [];
    this.mocks = [];
    return batch(this.context() as unknown as Excel.RequestContext);
  };

  private context() {
    const worksheets = {
      items: [] as unknown[],
      load: () => {
        this.pendingItemLoads.push({ collection: worksheets });
        return worksheets;
      },
      getItem: (name: string) => {
        const s = this.sheets.find((x) => x.name === name);
        if (!s) throw Object.assign(new Error(`ItemNotFound: ${name}`), { code: 'ItemNotFound' });
        return this.sheetMock(s.name);
      },
      getItemOrNullObject: (name: string) => this.sheetMock(name),
      getActiveWorksheet: () => this.sheetMock(this.active),
      add: (name: string) => {
        this.ops.push({ kind: 'call', sheet: name, name: 'addSheet', args: [] });
        return this.sheetMock(name);
      },
    };
    // Worksheet functions as Excel evaluates them: DATE counts in the workbook's date system.
    const functions = {
      date: (year: number, month: number, day: number) => {
        const serial = isoToSerial(
          `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          this.date1904,
        );
        return this.track(new OfficeMockObject({ value: serial, error: '' }));
      },
    };
    return { workbook: { worksheets, functions }, sync: () => this.sync() };
  }

  private async sync(): Promise<void> {
    this.syncs++;
    const ops = this.ops;
    this.ops = [];
    const writes = ops.filter((o) => o.kind === 'prop' || ['clear', 'delete', 'addSheet'].includes(o.name)).length;
    let budget = writes > 0 && this.failWritesAfter !== undefined ? this.failWritesAfter : Infinity;
    if (writes > 0) this.failWritesAfter = undefined;
    for (const op of ops) {
      if (budget-- <= 0)
        throw Object.assign(new Error('GeneralException: simulated failure'), { code: 'GeneralException' });
      this.applyOp(op);
    }
    for (const p of this.pendingItemLoads) {
      p.collection.items = this.sheets.map((s) => {
        const m = this.sheetMock(s.name);
        m.load('name,visibility');
        return m;
      });
    }
    this.pendingItemLoads = [];
    this.internal++;
    try {
      for (const m of [...this.mocks]) await OfficeMockObject.prototype.sync.call(m);
    } finally {
      this.internal--;
    }
    // office-addin-mock resolves nested properties in later microtasks: let them settle.
    await new Promise((r) => setTimeout(r, 0));
  }

  private applyOp(op: Op): void {
    if (op.kind === 'call') {
      if (op.name === 'addSheet') this.addSheet(op.sheet);
      else if (op.name === 'delete') this.sheets = this.sheets.filter((s) => s.name !== op.sheet);
      else if (op.name === 'activate') this.active = op.sheet;
      else if (op.name === 'select') this.selected = { sheet: op.sheet, address: rangeA1(op.rect!) };
      else if (op.name === 'clear') forEachCell(op.rect!, (r, c) => delete this.sheet(op.sheet).cellOrNew(r, c).fill);
      return;
    }
    const sheet = this.sheet(op.sheet);
    if (sheet.protected && op.path !== 'format.columnWidth') {
      throw Object.assign(new Error('AccessDenied: the sheet is protected'), { code: 'AccessDenied' });
    }
    forEachCell(op.rect, (r, c, i, j) => {
      const cell = sheet.cellOrNew(r, c);
      const grid = op.value as unknown[][];
      const v = Array.isArray(grid) ? grid[i]?.[j] : op.value;
      switch (op.path) {
        case 'values': {
          delete cell.formula;
          cell.value = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : (v as string | number | boolean);
          // As when typing: text led by = + - @ becomes a formula unless quoted with an apostrophe.
          if (typeof v === 'string' && /^[=+\-@]/.test(v) && Number.isNaN(Number(v))) {
            cell.formula = v.slice(1);
            cell.value = '#NAME?';
          }
          break;
        }
        case 'formulas': {
          const s = v as string | number;
          if (typeof s === 'string' && s.startsWith('=')) {
            cell.formula = s.slice(1);
            cell.value = 0; // recalculated by Excel; the tests look at the formula
          } else {
            delete cell.formula;
            cell.value = s;
          }
          break;
        }
        case 'numberFormat':
          cell.numFmt = v === 'General' ? undefined : (v as string);
          break;
        case 'format.fill.color':
          cell.fill = {
            ...(cell.fill ?? NO_FILL),
            color: String(v).toUpperCase(),
            pattern: cell.fill?.pattern && cell.fill.pattern !== 'None' ? cell.fill.pattern : 'Solid',
          };
          break;
        case 'format.fill.pattern':
          cell.fill = { ...(cell.fill ?? NO_FILL), pattern: String(v) };
          break;
        case 'format.fill.patternColor':
          cell.fill = { ...(cell.fill ?? NO_FILL), patternColor: String(v) };
          break;
        case 'format.fill.tintAndShade':
          cell.fill = { ...(cell.fill ?? NO_FILL), tintAndShade: Number(v) };
          break;
      }
    });
  }

  /** Records writes through a Proxy; the mock's own bookkeeping (inside load/sync) passes through. */
  private record<T extends object>(target: T, sheet: string, rect: RangeRef, prefix: string): T {
    return new Proxy(target, {
      get: (t, prop, receiver) => {
        const v = Reflect.get(t, prop, receiver);
        if (prop === 'load' && typeof v === 'function') {
          return (...args: unknown[]) => {
            this.internal++;
            try {
              return v.apply(t, args);
            } finally {
              this.internal--;
            }
          };
        }
        if (
          typeof prop === 'string' &&
          v instanceof OfficeMockObject &&
          ['format', 'fill', 'font', 'protection', 'freezePanes'].includes(prop)
        ) {
          return this.record(v, sheet, rect, prefix ? `${prefix}.${prop}` : prop);
        }
        return v;
      },
      set: (t, prop, value) => {
        const path = prefix ? `${prefix}.${String(prop)}` : String(prop);
        if (!this.internal && WRITABLE.has(path)) this.ops.push({ kind: 'prop', sheet, rect, path, value });
        return Reflect.set(t, prop, value);
      },
    });
  }

  private track(m: OfficeMockObject): OfficeMockObject {
    this.mocks.push(m);
    return m;
  }

  private sheetMock(name: string): OfficeMockObject & Record<string, unknown> {
    const exists = this.sheets.find((s) => s.name === name);
    const m = this.track(
      new OfficeMockObject({
        name,
        visibility: exists?.visibility ?? 'Visible',
        protection: { protected: exists?.protected ?? false },
        freezePanes: { freezeRows: () => undefined },
        getRange: (address?: string) => this.rangeMock(name, address ? parseRange(address) : WHOLE_SHEET),
        getUsedRangeOrNullObject: () => {
          const used = this.sheets.find((s) => s.name === name)?.used();
          return used ? this.rangeMock(name, used) : this.nullRange(name);
        },
        activate: () => this.ops.push({ kind: 'call', sheet: name, name: 'activate', args: [] }),
        delete: () => this.ops.push({ kind: 'call', sheet: name, name: 'delete', args: [] }),
      }),
    ) as OfficeMockObject & Record<string, unknown>;
    (m as unknown as { isNullObject: boolean }).isNullObject = !exists;
    return this.record(m, name, WHOLE_SHEET, '') as OfficeMockObject & Record<string, unknown>;
  }

  private nullRange(sheet: string): OfficeMockObject {
    const m = this.rangeMock(sheet, { top: 1, left: 1, bottom: 1, right: 1 });
    (m as unknown as { isNullObject: boolean }).isNullObject = true;
    return m;
  }

  private rangeMock(sheetName: string, rect: RangeRef): OfficeMockObject {
    const sheet = this.sheets.find((s) => s.name === sheetName);
    const rows = rect.bottom - rect.top + 1;
    const cols = rect.right - rect.left + 1;
    const small = rows * cols <= 200_000;
    const grid = <T>(f: (c: FakeCell | undefined) => T): T[][] =>
      small
        ? Array.from({ length: rows }, (_, i) =>
            Array.from({ length: cols }, (_, j) => f(sheet?.get(rect.top + i, rect.left + j))),
          )
        : [];
    const topLeft = sheet?.get(rect.top, rect.left);
    const fill = topLeft?.fill ?? NO_FILL;
    const m = this.track(
      new OfficeMockObject({
        address: `${sheetName}!${rangeA1(rect)}`,
        rowIndex: rect.top - 1,
        columnIndex: rect.left - 1,
        rowCount: rows,
        columnCount: cols,
        values: grid((c) => c?.value ?? ''),
        formulas: grid((c) => (c?.formula ? `=${c.formula}` : (c?.value ?? ''))),
        numberFormat: grid((c) => c?.numFmt ?? 'General'),
        format: {
          columnWidth: 48,
          font: { bold: false },
          fill: {
            color: fill.color,
            pattern: fill.pattern,
            patternColor: fill.patternColor,
            tintAndShade: fill.tintAndShade,
            clear: () => this.ops.push({ kind: 'call', sheet: sheetName, rect, name: 'clear', args: [] }),
          },
        },
        select: () => this.ops.push({ kind: 'call', sheet: sheetName, rect, name: 'select', args: [] }),
        getUsedRangeOrNullObject: () => {
          const used = sheet?.used(rect);
          return used ? this.rangeMock(sheetName, used) : this.nullRange(sheetName);
        },
        getMergedAreasOrNullObject: () => {
          const hits = (sheet?.merges ?? []).filter((a) => overlaps(parseRange(a), rect));
          const areas = new OfficeMockObject({
            address: hits.map((a) => `${quoteSheet(sheetName)}!${a}`).join(', '),
            areaCount: hits.length,
          });
          (areas as unknown as { isNullObject: boolean }).isNullObject = hits.length === 0;
          return this.track(areas);
        },
      }),
    );
    (m as unknown as { isNullObject: boolean }).isNullObject = false;
    return this.record(m, sheetName, rect, '');
  }
}

export class FakeSettings implements DocumentSettings {
  readonly store = new Map<string, unknown>();
  saved = new Map<string, unknown>();
  get(name: string): unknown {
    return this.store.has(name) ? structuredClone(this.store.get(name)) : null;
  }
  set(name: string, value: unknown): void {
    this.store.set(name, structuredClone(value));
  }
  remove(name: string): void {
    this.store.delete(name);
  }
  saveAsync(cb?: (r: { status: unknown }) => void): void {
    this.saved = new Map(this.store);
    cb?.({ status: 'succeeded' });
  }
}

function forEachCell(rect: RangeRef, f: (row: number, col: number, i: number, j: number) => void): void {
  for (let r = rect.top; r <= rect.bottom; r++)
    for (let c = rect.left; c <= rect.right; c++) f(r, c, r - rect.top, c - rect.left);
}

function rangeA1(r: RangeRef): string {
  const a = toA1(r.top, r.left);
  const b = `${columnLetters(r.right)}${r.bottom}`;
  return a === b ? a : `${a}:${b}`;
}

function overlaps(a: RangeRef, b: RangeRef): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A day as Excel's serial in the 1900 system (dates from 1900-03-01 on) or the 1904 one (serial 0 = 1904-01-01). */
export function isoToSerial(iso: string, date1904 = false): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Math.round(ms / 86400000) + (date1904 ? 24107 : 25569);
}
