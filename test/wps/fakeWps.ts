/* eslint-disable @typescript-eslint/no-this-alias -- the host objects are literals with getters that reach the fake through a closure */
import { columnLetters, parseRange, rangeContains, type RangeRef } from '../../src/engine/model/address';
import { sheetCells, type WorkbookInput } from '../../src/engine/model/sheet';
import {
  XL_NONE,
  XL_PATTERN_SOLID,
  XL_SHEET_VISIBLE,
  type EtApplication,
  type EtRange,
  type EtWorkbook,
  type EtWorksheet,
  type WpsBlock,
  type WpsValue,
} from '../../src/wps/api';

/**
 * An in-memory WPS 表格 behind the `Application` object, built from what the WPS JS API documents
 * (and Excel's VBA model it mirrors): `Value2`/`Formula` a scalar for one cell and row arrays for
 * several, empty cells `undefined` in `Value2` and `""` in `Formula`; `NumberFormat`, `MergeCells`,
 * `HasFormula` null when the cells differ; 1-based `Sheets.Item` and `Cells.Item`; `MergeArea` only
 * of a single cell; text typed starting with `=` becomes a formula unless led by an apostrophe;
 * `Sheets.Add` activates the new sheet; `Delete` asks the user unless `DisplayAlerts` is false.
 * Every property read or write and every method call counts as one host call.
 */
export interface WpsFakeCell {
  value?: string | number | boolean;
  formula?: string;
  numFmt?: string;
  /** Interior: BGR colour and XlPattern; absent = no fill. */
  fill?: { color: number; pattern: number; patternColor?: number };
}

export class WpsFakeSheet {
  readonly cells = new Map<string, WpsFakeCell>();
  merges: RangeRef[] = [];
  visible = XL_SHEET_VISIBLE;
  protectContents = false;
  constructor(public name: string) {}
  get(row: number, col: number): WpsFakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  at(a1: string): WpsFakeCell | undefined {
    const r = parseRange(a1);
    return this.get(r.top, r.left);
  }
  cell(row: number, col: number): WpsFakeCell {
    let c = this.get(row, col);
    if (!c) this.cells.set(`${row},${col}`, (c = {}));
    return c;
  }
  /** Excel's UsedRange: every cell holding something (a value, formula, format or fill), and merges. */
  used(): RangeRef {
    let box: RangeRef | undefined;
    const add = (r: RangeRef) => {
      box = box
        ? {
            top: Math.min(box.top, r.top),
            left: Math.min(box.left, r.left),
            bottom: Math.max(box.bottom, r.bottom),
            right: Math.max(box.right, r.right),
          }
        : { ...r };
    };
    for (const [k, c] of this.cells) {
      if (c.value === undefined && !c.formula && !c.numFmt && !c.fill) continue;
      const [row, col] = k.split(',').map(Number);
      add({ top: row, left: col, bottom: row, right: col });
    }
    this.merges.forEach(add);
    return box ?? { top: 1, left: 1, bottom: 1, right: 1 };
  }
  mergeOf(row: number, col: number): RangeRef | undefined {
    return this.merges.find((m) => rangeContains(m, row, col));
  }
}

export class FakeWps {
  sheets: WpsFakeSheet[] = [];
  active = '';
  selected?: { sheet: string; address: string };
  calls = 0;
  displayAlerts = true;
  workbookName = 'test.xlsx';
  /** Excel's 使用 1904 日期系统, as `Workbook.Date1904` reports it; `undefined`: a host that does not expose it. */
  date1904?: boolean;
  /** Make the n-th cell write from now on throw (a host failure midway through a write). */
  failOnWrite?: number;
  readonly taskPanes: { url: string; visible: boolean }[] = [];
  readonly storage = new Map<string, unknown>();
  window = { SplitRow: 0, FreezePanes: false };

  static fromInput(input: WorkbookInput): FakeWps {
    const x = new FakeWps();
    if (input.date1904) x.date1904 = true;
    for (const s of input.sheets) {
      const sheet = x.addSheet(s.name);
      sheet.merges = s.merges.map(parseRange);
      for (const c of sheetCells(s)) {
        const v = c.value;
        const cell = sheet.cell(c.row, c.col);
        if (v.kind === 'number' || v.kind === 'boolean' || v.kind === 'string' || v.kind === 'error')
          cell.value = v.value;
        if (c.numFmt) cell.numFmt = c.numFmt;
        if (v.kind === 'date') {
          cell.value = isoToSerial(v.value, input.date1904 === true);
          cell.numFmt = c.numFmt ?? 'yyyy-mm-dd';
        }
        if (c.formula) cell.formula = c.formula;
      }
    }
    x.active = input.sheets[0]?.name ?? '';
    return x;
  }

  addSheet(name: string, after?: string): WpsFakeSheet {
    const s = new WpsFakeSheet(name);
    const i = after === undefined ? this.sheets.length : this.sheets.findIndex((x) => x.name === after) + 1;
    this.sheets.splice(i, 0, s);
    if (!this.active) this.active = name;
    return s;
  }

  sheet(name: string): WpsFakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** `window.Application` as WPS gives it to an add-in's pages. */
  application(): EtApplication {
    const fake = this;
    const app = {
      get ActiveWorkbook(): EtWorkbook | null {
        fake.calls++;
        return fake.sheets.length ? fake.workbook() : null;
      },
      get ActiveWindow() {
        fake.calls++;
        return fake.window;
      },
      get DisplayAlerts() {
        fake.calls++;
        return fake.displayAlerts;
      },
      set DisplayAlerts(v: boolean) {
        fake.calls++;
        fake.displayAlerts = v;
      },
      CreateTaskPane(url: string) {
        fake.calls++;
        const pane = { ID: fake.taskPanes.length + 1, url, visible: false };
        fake.taskPanes.push(pane);
        return {
          ID: pane.ID,
          get Visible() {
            return pane.visible;
          },
          set Visible(v: boolean) {
            pane.visible = v;
          },
        };
      },
      GetTaskPane(id: number | string) {
        fake.calls++;
        const pane = fake.taskPanes[Number(id) - 1];
        return pane
          ? {
              ID: id,
              get Visible() {
                return pane.visible;
              },
              set Visible(v: boolean) {
                pane.visible = v;
              },
            }
          : null;
      },
      PluginStorage: {
        getItem: (k: string) => fake.storage.get(k) ?? null,
        setItem: (k: string, v: unknown) => void fake.storage.set(k, v),
      },
    };
    return app;
  }

  private workbook(): EtWorkbook {
    const fake = this;
    const sheetsObj = {
      get Count() {
        fake.calls++;
        return fake.sheets.length;
      },
      Item(index: number | string): EtWorksheet {
        fake.calls++;
        const s = typeof index === 'number' ? fake.sheets[index - 1] : fake.sheets.find((x) => x.name === index);
        if (!s) throw new Error('下标越界');
        return fake.worksheet(s);
      },
      Add(before?: EtWorksheet, after?: EtWorksheet): EtWorksheet {
        fake.calls++;
        let n = fake.sheets.length + 1;
        while (fake.sheets.some((x) => x.name === `Sheet${n}`)) n++;
        const anchor = after?.Name ?? before?.Name;
        const s = new WpsFakeSheet(`Sheet${n}`);
        const at =
          anchor === undefined
            ? fake.sheets.findIndex((x) => x.name === fake.active)
            : fake.sheets.findIndex((x) => x.name === anchor) + (after ? 1 : 0);
        fake.sheets.splice(Math.max(0, at), 0, s);
        fake.active = s.name;
        return fake.worksheet(s);
      },
    };
    return {
      get Name() {
        fake.calls++;
        return fake.workbookName;
      },
      get Date1904() {
        fake.calls++;
        return fake.date1904;
      },
      get Sheets() {
        fake.calls++;
        return sheetsObj;
      },
      get ActiveSheet() {
        fake.calls++;
        return fake.worksheet(fake.sheet(fake.active));
      },
    };
  }

  private worksheet(s: WpsFakeSheet): EtWorksheet {
    const fake = this;
    const live = () => {
      if (!fake.sheets.includes(s)) throw new Error('对象已被删除');
      return s;
    };
    const cells = Object.assign(this.range(s, { top: 1, left: 1, bottom: 1048576, right: 16384 }), {
      Item: (row: number, col: number) => {
        fake.calls++;
        return fake.range(s, { top: row, left: col, bottom: row, right: col });
      },
    });
    return {
      get Name() {
        fake.calls++;
        return live().name;
      },
      set Name(v: string) {
        fake.calls++;
        if (fake.sheets.some((x) => x !== s && x.name === v)) throw new Error('工作表名称已存在');
        if (fake.active === s.name) fake.active = v;
        live().name = v;
      },
      get Visible() {
        fake.calls++;
        return live().visible;
      },
      set Visible(v: number) {
        fake.calls++;
        live().visible = v;
      },
      get ProtectContents() {
        fake.calls++;
        return live().protectContents;
      },
      get UsedRange() {
        fake.calls++;
        return fake.range(live(), s.used());
      },
      get Cells() {
        fake.calls++;
        return cells;
      },
      Range(address: string) {
        fake.calls++;
        return fake.range(live(), parseRange(address));
      },
      Activate() {
        fake.calls++;
        fake.active = live().name;
      },
      Delete() {
        fake.calls++;
        if (fake.displayAlerts) throw new Error('WPS 弹出了删除确认框（DisplayAlerts 为 true）');
        fake.sheets = fake.sheets.filter((x) => x !== s);
        if (fake.active === s.name) fake.active = fake.sheets[0]?.name ?? '';
      },
    };
  }

  private range(s: WpsFakeSheet, rect: RangeRef): EtRange {
    const fake = this;
    const rows = rect.bottom - rect.top + 1;
    const cols = rect.right - rect.left + 1;
    const single = rows === 1 && cols === 1;
    const each = <T>(f: (c: WpsFakeCell | undefined, row: number, col: number) => T): T[] => {
      const out: T[] = [];
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) out.push(f(s.get(r, c), r, c));
      return out;
    };
    const block = (f: (c: WpsFakeCell | undefined) => WpsValue): WpsBlock => {
      if (single) return f(s.get(rect.top, rect.left));
      return Array.from({ length: rows }, (_, i) =>
        Array.from({ length: cols }, (_, j) => f(s.get(rect.top + i, rect.left + j))),
      );
    };
    const uniform = <T>(values: T[]): T | null => (values.every((v) => v === values[0]) ? values[0] : null);
    const write = (value: unknown, f: (cell: WpsFakeCell, v: unknown) => void) => {
      if (s.protectContents) throw new Error('不能更改受保护的工作表');
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) {
          if (fake.failOnWrite !== undefined && --fake.failOnWrite <= 0) {
            fake.failOnWrite = undefined;
            throw new Error('模拟的 WPS 写入失败');
          }
          const v = Array.isArray(value) ? (value[r - rect.top] as unknown[])?.[c - rect.left] : value;
          f(s.cell(r, c), v);
        }
    };
    const typeIn = (cell: WpsFakeCell, v: unknown) => {
      delete cell.formula;
      if (v === undefined || v === null || v === '') return void delete cell.value;
      if (typeof v === 'string' && v.startsWith("'")) return void (cell.value = v.slice(1));
      if (typeof v === 'string' && /^[=+\-@]/.test(v) && Number.isNaN(Number(v))) {
        cell.formula = v.replace(/^[=+]/, '');
        cell.value = 0; // recalculated by WPS; the tests look at the formula
        return;
      }
      cell.value = v as string | number | boolean;
    };
    const interiorOf = () => s.get(rect.top, rect.left)?.fill;
    const fillCells = (f: (cell: WpsFakeCell) => void) => {
      if (s.protectContents) throw new Error('不能更改受保护的工作表');
      for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) f(s.cell(r, c));
    };
    return {
      get Value2() {
        fake.calls++;
        return block((c) => (c?.formula && c.value === undefined ? 0 : c?.value));
      },
      set Value2(v: WpsBlock) {
        fake.calls++;
        write(v, typeIn);
      },
      get Formula() {
        fake.calls++;
        return block((c) => (c?.formula ? `=${c.formula}` : c?.value === undefined ? '' : String(c.value)));
      },
      set Formula(v: WpsBlock) {
        fake.calls++;
        write(v, typeIn);
      },
      get HasFormula() {
        fake.calls++;
        return uniform(each((c) => Boolean(c?.formula)));
      },
      get NumberFormat() {
        fake.calls++;
        return uniform(each((c) => c?.numFmt ?? 'General'));
      },
      set NumberFormat(v: string | null) {
        fake.calls++;
        write(v, (cell, f) => {
          if (f === 'General') delete cell.numFmt;
          else cell.numFmt = String(f);
        });
      },
      get MergeCells() {
        fake.calls++;
        return uniform(each((_c, r, c) => s.mergeOf(r, c) !== undefined));
      },
      get MergeArea() {
        fake.calls++;
        if (!single) throw new Error('MergeArea 只适用于单个单元格');
        return fake.range(s, s.mergeOf(rect.top, rect.left) ?? rect);
      },
      get Row() {
        fake.calls++;
        return rect.top;
      },
      get Column() {
        fake.calls++;
        return rect.left;
      },
      get Rows() {
        fake.calls++;
        return { Count: rows };
      },
      get Columns() {
        fake.calls++;
        return { Count: cols };
      },
      get Interior() {
        fake.calls++;
        return {
          get Color() {
            fake.calls++;
            return interiorOf()?.color ?? 0xffffff;
          },
          set Color(v: number) {
            fake.calls++;
            fillCells(
              (cell) =>
                (cell.fill = {
                  ...cell.fill,
                  color: v,
                  pattern: cell.fill && cell.fill.pattern !== XL_NONE ? cell.fill.pattern : XL_PATTERN_SOLID,
                }),
            );
          },
          get Pattern() {
            fake.calls++;
            return interiorOf()?.pattern ?? XL_NONE;
          },
          set Pattern(v: number) {
            fake.calls++;
            fillCells((cell) => {
              if (v === XL_NONE) delete cell.fill;
              else cell.fill = { color: cell.fill?.color ?? 0xffffff, ...cell.fill, pattern: v };
            });
          },
          get PatternColor() {
            fake.calls++;
            return interiorOf()?.patternColor ?? 0;
          },
          set PatternColor(v: number) {
            fake.calls++;
            fillCells(
              (cell) => (cell.fill = { color: 0xffffff, pattern: XL_PATTERN_SOLID, ...cell.fill, patternColor: v }),
            );
          },
          get ColorIndex() {
            fake.calls++;
            return interiorOf() ? 1 : XL_NONE;
          },
          set ColorIndex(v: number) {
            fake.calls++;
            if (v === XL_NONE) fillCells((cell) => delete cell.fill);
          },
        };
      },
      get Font() {
        fake.calls++;
        return { Bold: false };
      },
      get ColumnWidth() {
        fake.calls++;
        return 8.38;
      },
      set ColumnWidth(_v: number | null) {
        fake.calls++;
      },
      Select() {
        fake.calls++;
        fake.selected = {
          sheet: s.name,
          address:
            rect.top === rect.bottom && rect.left === rect.right
              ? `${columnLetters(rect.left)}${rect.top}`
              : `${columnLetters(rect.left)}${rect.top}:${columnLetters(rect.right)}${rect.bottom}`,
        };
      },
      ClearContents() {
        fake.calls++;
        fillCells((cell) => {
          delete cell.value;
          delete cell.formula;
        });
      },
    };
  }
}

/** Days since 1899-12-30 (1900 system) or since 1904-01-01 (1904 system: 1,462 days later). */
function isoToSerial(iso: string, date1904 = false): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000) + 25569 - (date1904 ? 1462 : 0);
}
