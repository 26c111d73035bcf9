import {
  type CellValue,
  type GridSheetInput,
  type FindingDraft,
  isDateFormat,
  isoOfTypedDate,
  serialToIso,
  toA1,
} from '../../engine';
import { WorkbookReadError } from './errors';
import type { ReaderLimits } from './package';
import type { StyleFormats } from './parts';
import { ElementScanner, attrs, decodeText, readAttributes, scanPart, selfClosingAt, skipTag } from './scan';
import { shiftFormula } from './formula';

/**
 * One worksheet part (`xl/worksheets/sheetN.xml`) straight into the engine's grid (arrays by row
 * and column, one shared value object per distinct text and day: no object per cell), through the
 * fast element scanner (scan.ts). Only `<sheetData>`, `<mergeCells>`, `<sheetProtection>` and, for
 * the workbench, `<cols>` are read; every other element is skipped without looking inside, so a
 * validation over a whole column costs its few bytes.
 */
export interface WorksheetContext {
  readonly partName: string;
  readonly sheetName: string;
  readonly sharedStrings: readonly string[];
  readonly styles: StyleFormats;
  readonly date1904: boolean;
  readonly limits: ReaderLimits;
  /**
   * Also record how the first `layoutRows` rows look (each cell's style, row heights, column
   * widths): the workbench draws them. The CLI leaves it unset and pays nothing for it.
   */
  readonly layoutRows?: number;
}

/** How a sheet is laid out, for drawing it (the workbench's grid): the rows up to `layoutRows`. */
export interface SheetLayout {
  /** `<col>` ranges: width in characters (Excel's unit), hidden. */
  readonly columns: readonly {
    readonly min: number;
    readonly max: number;
    readonly width?: number;
    readonly hidden: boolean;
  }[];
  /** Row heights in points, by row (`<row ht>`), where the sheet sets one (0: hidden, as Excel draws it). */
  readonly heights: readonly (number | undefined)[];
  /** `<sheetFormatPr defaultColWidth defaultRowHeight>`: characters and points, where the sheet sets them. */
  readonly defaultColWidth?: number;
  readonly defaultRowHeight?: number;
  /** Each stored cell's style index (`s`, into styles.xml's cellXfs), by row and column; 0 where absent. */
  readonly styles: readonly (readonly (number | undefined)[] | undefined)[];
}

export interface WorksheetRead {
  readonly input: GridSheetInput;
  /** `<sheetProtection sheet="1">`: Excel lets no cell of it be edited. */
  readonly protected: boolean;
  /** Repairs made while reading (a shared-string index past the table), as info findings. */
  readonly notes: FindingDraft[];
  /** Stored cells read (values and formulas). */
  readonly cells: number;
  /** Only when `layoutRows` was asked for. */
  readonly layout?: SheetLayout;
}

export function readWorksheet(bytes: Uint8Array, ctx: WorksheetContext): WorksheetRead {
  const scanner = new WorksheetScanner(ctx);
  scanPart(bytes, scanner, 'row');
  return scanner.result();
}

type TextValue = Extract<CellValue, { kind: 'string' }>;

/** What text inside the current element is collected for (ElementScanner's `capture`). */
const enum Capture {
  None = 0,
  Value,
  Formula,
  Inline,
}

class WorksheetScanner extends ElementScanner {
  private readonly values: (CellValue | undefined)[][] = [];
  private readonly numFmts: (readonly (string | undefined)[] | undefined)[] = [];
  private readonly formulas: (string | undefined)[][] = [];
  private readonly hiddenRows: number[] = [];
  private readonly merges: string[] = [];
  private readonly notes: FindingDraft[] = [];
  private isProtected = false;
  private cellCount = 0;
  private readonly layoutRows: number;
  private readonly columns: { min: number; max: number; width?: number; hidden: boolean }[] = [];
  private readonly heights: (number | undefined)[] = [];
  private defaultColWidth: number | undefined;
  private defaultRowHeight: number | undefined;
  private readonly cellStyles: (number | undefined)[][] = [];

  private inSheetData = false;
  private row = 0;
  private col = 0;
  // the open <c>
  private inCell = false;
  private cellRow = 0;
  private cellCol = 0;
  private cellType = '';
  private cellStyle = 0;
  private value: string | undefined;
  private formula: string | undefined;
  private formulaType = '';
  private formulaShared = '';
  private hasFormula = false;
  private inline: string | undefined;
  private inInline = false;
  private phonetic = 0;
  /** Shared-formula masters by `si`: their text and cell. */
  private readonly sharedMasters = new Map<string, { text: string; row: number; col: number }>();
  // the current row's formats, shared between rows formatted alike
  private rowFormats: (string | undefined)[] | undefined;
  private lastFormats: readonly (string | undefined)[] | undefined;
  private readonly knownFormats = new Map<string, readonly (string | undefined)[]>();
  private readonly texts = new Map<string, TextValue>();
  private readonly lastTexts: TextValue[] = [];
  private readonly days = new Map<string, CellValue>();
  private readonly serials = new Map<number, CellValue | null>();
  private readonly sstValues: TextValue[] = [];

  constructor(private readonly ctx: WorksheetContext) {
    super(ctx.partName);
    this.layoutRows = ctx.layoutRows ?? 0;
  }

  /** Handles a start tag whose name ends at `p`; returns the offset after its `>`. */
  protected open(s: string, name: string, p: number): number {
    switch (name) {
      case 'c': {
        if (!this.inSheetData) break;
        const end = readCellTag(s, p);
        this.startCell(cellTag.row, cellTag.col, cellTag.type, cellTag.style);
        if (s.charCodeAt(end - 2) === 0x2f) this.endCell();
        return end;
      }
      case 'v':
        if (!this.inCell) break;
        return this.startCapture(s, p, Capture.Value);
      case 'f': {
        if (!this.inCell) break;
        let t = '';
        let si = '';
        const end = readAttributes(s, p, true);
        for (let k = 0; k < attrs.count; k++) {
          if (attrs.names[k] === 't') t = attrs.values[k];
          else if (attrs.names[k] === 'si') si = attrs.values[k];
        }
        this.hasFormula = true;
        this.formulaType = t;
        this.formulaShared = si;
        this.formula = '';
        if (s.charCodeAt(end - 2) !== 0x2f) {
          this.capture = Capture.Formula;
          this.captured = '';
        }
        return end;
      }
      case 'is':
        if (!this.inCell) break;
        this.inInline = true;
        this.inline = '';
        break;
      case 'rPh':
        if (this.inInline && !selfClosingAt(s, p)) this.phonetic++;
        break;
      case 't':
        if (!this.inInline || this.phonetic > 0) break;
        return this.startCapture(s, p, Capture.Inline);
      case 'row': {
        if (!this.inSheetData) break;
        let r = 0;
        let hidden = false;
        let height: number | undefined;
        const end = readAttributes(s, p, true);
        for (let k = 0; k < attrs.count; k++) {
          if (attrs.names[k] === 'r') r = Number(attrs.values[k]);
          else if (attrs.names[k] === 'hidden') hidden = attrs.values[k] === '1' || attrs.values[k] === 'true';
          else if (attrs.names[k] === 'ht') height = Number(attrs.values[k]);
        }
        this.startRow(Number.isInteger(r) && r >= 1 ? r : this.row + 1, hidden);
        if (height !== undefined && height >= 0 && this.row <= this.layoutRows) this.heights[this.row] = height;
        if (s.charCodeAt(end - 2) === 0x2f) this.endRow();
        return end;
      }
      case 'sheetFormatPr': {
        if (this.layoutRows === 0) break;
        const end = readAttributes(s, p, true);
        for (let k = 0; k < attrs.count; k++) {
          const v = Number(attrs.values[k]);
          if (!(v >= 0)) continue;
          if (attrs.names[k] === 'defaultColWidth') this.defaultColWidth = v;
          else if (attrs.names[k] === 'defaultRowHeight') this.defaultRowHeight = v;
        }
        return end;
      }
      case 'col': {
        if (this.inSheetData || this.layoutRows === 0) break;
        const col: { min: number; max: number; width?: number; hidden: boolean } = { min: 0, max: 0, hidden: false };
        const end = readAttributes(s, p, true);
        for (let k = 0; k < attrs.count; k++) {
          const a = attrs.names[k];
          if (a === 'min') col.min = Number(attrs.values[k]);
          else if (a === 'max') col.max = Number(attrs.values[k]);
          else if (a === 'width') col.width = Number(attrs.values[k]);
          else if (a === 'hidden') col.hidden = attrs.values[k] === '1' || attrs.values[k] === 'true';
        }
        if (Number.isInteger(col.min) && col.min >= 1 && col.max >= col.min) this.columns.push(col);
        return end;
      }
      case 'sheetData': {
        const end = skipTag(s, p);
        this.inSheetData = s.charCodeAt(end - 2) !== 0x2f;
        return end;
      }
      case 'mergeCell': {
        let ref = '';
        const end = readAttributes(s, p, true);
        for (let k = 0; k < attrs.count; k++) if (attrs.names[k] === 'ref') ref = attrs.values[k];
        if (ref) {
          if (this.merges.length >= this.ctx.limits.maxMergesPerSheet)
            throw this.tooMany('合并区域', this.ctx.limits.maxMergesPerSheet, 'merged ranges');
          this.merges.push(ref.replace(/\$/g, '').toUpperCase());
        }
        return end;
      }
      case 'sheetProtection': {
        let on = false;
        const end = readAttributes(s, p, true);
        for (let k = 0; k < attrs.count; k++)
          if (attrs.names[k] === 'sheet') on = attrs.values[k] === '1' || attrs.values[k] === 'true';
        this.isProtected = on;
        return end;
      }
    }
    return skipTag(s, p);
  }

  private startCapture(s: string, p: number, what: Capture): number {
    const end = skipTag(s, p);
    if (s.charCodeAt(end - 2) !== 0x2f) {
      this.capture = what;
      this.captured = '';
    } else if (what === Capture.Value) this.value = '';
    return end;
  }

  protected close(name: string): void {
    switch (name) {
      case 'v':
        if (this.capture === Capture.Value) {
          this.value = this.captured;
          this.capture = Capture.None;
        }
        break;
      case 'f':
        if (this.capture === Capture.Formula) {
          this.formula = this.captured;
          this.capture = Capture.None;
        }
        break;
      case 't':
        if (this.capture === Capture.Inline) {
          this.inline += this.captured;
          this.capture = Capture.None;
        }
        break;
      case 'rPh':
        if (this.phonetic > 0) this.phonetic--;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'c':
        if (this.inCell) this.endCell();
        break;
      case 'row':
        this.endRow();
        break;
      case 'sheetData':
        this.inSheetData = false;
        break;
    }
  }

  private startRow(r: number, hidden: boolean): void {
    this.endRow();
    this.row = Math.min(r, EXCEL_ROWS);
    this.col = 0;
    if (hidden) this.hiddenRows.push(this.row);
  }

  private endRow(): void {
    const formats = this.rowFormats;
    if (!formats) return;
    this.rowFormats = undefined;
    this.numFmts[this.row] = this.sharedFormats(formats);
  }

  /** `refRow`/`refCol`: the cell's `r`, 0 when it has none (the next cell of the row). */
  private startCell(refRow: number, refCol: number, t: string, style: number): void {
    let row = this.row || 1;
    let col = this.col + 1;
    if (refRow > 0) {
      row = refRow;
      col = refCol;
    }
    if (row !== this.row) {
      // a cell outside its <row> (or with no <row> at all): its own row starts
      this.endRow();
      this.row = row;
    }
    this.col = col;
    this.inCell = true;
    this.cellRow = row;
    this.cellCol = col;
    this.cellType = t;
    this.cellStyle = style;
    if (style !== 0 && row <= this.layoutRows) (this.cellStyles[row] ??= [])[col] = style;
    this.value = undefined;
    this.formula = undefined;
    this.hasFormula = false;
    this.formulaType = '';
    this.formulaShared = '';
    this.inline = undefined;
    this.inInline = false;
    this.phonetic = 0;
    this.capture = Capture.None;
  }

  private endCell(): void {
    this.inCell = false;
    this.capture = Capture.None;
    const row = this.cellRow;
    const col = this.cellCol;
    if (col > EXCEL_COLS) return;
    const formula = this.hasFormula ? this.formulaText(row, col) : undefined;
    const numFmt = this.ctx.styles[this.cellStyle];
    const value = this.cellValue(numFmt);
    if (!value && !formula) return;
    if (++this.cellCount > this.ctx.limits.maxCellsPerSheet)
      throw this.tooMany('单元格', this.ctx.limits.maxCellsPerSheet, 'cells');
    (this.values[row] ??= [])[col] = value ?? EMPTY_VALUE;
    if (formula) (this.formulas[row] ??= [])[col] = formula;
    if (numFmt) (this.rowFormats ??= [])[col] = numFmt;
  }

  /** The cell's formula without `=`; a shared formula's child gets its master's text moved to it. */
  private formulaText(row: number, col: number): string | undefined {
    const own = this.formula ?? '';
    if (this.formulaType !== 'shared' || !this.formulaShared) return own || undefined;
    const master = this.sharedMasters.get(this.formulaShared);
    if (own || !master) {
      if (own) this.sharedMasters.set(this.formulaShared, { text: own, row, col });
      return own || undefined;
    }
    return shiftFormula(master.text, row - master.row, col - master.col);
  }

  private cellValue(numFmt: string | undefined): CellValue | undefined {
    const raw = this.value;
    switch (this.cellType) {
      case 's': {
        if (raw === undefined || raw === '') return undefined;
        const index = Number(raw);
        const text = this.ctx.sharedStrings[index];
        if (text === undefined) {
          this.notes.push({
            code: 'file-repaired',
            sheet: this.ctx.sheetName,
            cell: toA1(this.cellRow, this.cellCol),
            message: `${toA1(this.cellRow, this.cellCol)} 引用的共享字符串第 ${raw} 项不存在（文件只有 ${this.ctx.sharedStrings.length} 项），按空单元格读取；请在 Excel 中核对该单元格`,
          });
          return undefined;
        }
        // one value object per shared string, found by its index (no hashing of the text)
        let v = this.sstValues[index];
        if (!v) this.sstValues[index] = v = { kind: 'string', value: text };
        return v;
      }
      case 'inlineStr':
        return this.inline ? this.text(this.inline) : raw ? this.text(raw) : undefined;
      case 'str':
        return raw ? this.text(raw) : undefined;
      case 'b':
        return raw === undefined || raw === ''
          ? undefined
          : { kind: 'boolean', value: raw.trim() === '1' || raw.trim().toLowerCase() === 'true' };
      case 'e':
        return raw ? { kind: 'error', value: raw.trim() } : undefined;
      case 'd': {
        if (!raw) return undefined;
        const iso = isoOfTypedDate(raw);
        return iso ? this.day(iso) : this.text(raw);
      }
      default: {
        if (raw === undefined || raw.trim() === '') return undefined;
        const n = Number(raw);
        if (!Number.isFinite(n)) return this.text(raw);
        if (isDateFormat(numFmt)) {
          const day = this.serialDay(n);
          if (day) return day;
        }
        return { kind: 'number', value: n };
      }
    }
  }

  private text(value: string): CellValue {
    const col = this.cellCol;
    const last = this.lastTexts[col];
    if (last?.value === value) return last;
    // Long texts (paragraphs of 评价标准) rarely repeat; keeping them out keeps the map small.
    const long = value.length > 64;
    let v = long ? undefined : this.texts.get(value);
    if (!v) {
      v = { kind: 'string', value };
      if (!long) this.texts.set(value, v);
    }
    this.lastTexts[col] = v;
    return v;
  }

  /** The date value of a serial day (one per distinct serial: a ledger repeats a few hundred days). */
  private serialDay(n: number): CellValue | undefined {
    let v = this.serials.get(n);
    if (v === undefined) {
      const iso = serialToIso(n, this.ctx.date1904);
      v = iso ? this.day(iso) : null;
      if (this.serials.size < 100_000) this.serials.set(n, v);
    }
    return v ?? undefined;
  }

  private day(iso: string): CellValue {
    let v = this.days.get(iso);
    if (!v) this.days.set(iso, (v = { kind: 'date', value: iso }));
    return v;
  }

  /** Rows formatted alike (every row of a ledger) share one array of formats. */
  private sharedFormats(row: (string | undefined)[]): readonly (string | undefined)[] {
    const last = this.lastFormats;
    if (last && sameFormats(last, row)) return last;
    let key = '';
    row.forEach((fmt, col) => (key += `${col}\u0000${fmt}\u0000`));
    let known = this.knownFormats.get(key);
    if (!known) this.knownFormats.set(key, (known = row));
    return (this.lastFormats = known);
  }

  private tooMany(what: string, limit: number, en: string): WorkbookReadError {
    return new WorkbookReadError(
      'too-large',
      `工作表“${this.ctx.sheetName}”的${what}超过 ${limit.toLocaleString('en-US')} 个，超出读取上限，已停止读取`,
      `sheet "${this.ctx.sheetName}" has more than ${limit} ${en}`,
    );
  }

  result(): WorksheetRead {
    this.endRow();
    return {
      input: {
        name: this.ctx.sheetName,
        grid: { values: this.values, numFmts: this.numFmts, formulas: this.formulas },
        merges: this.merges,
        hiddenRows: this.hiddenRows,
      },
      protected: this.isProtected,
      notes: this.notes,
      cells: this.cellCount,
      ...(this.layoutRows > 0
        ? {
            layout: {
              columns: this.columns,
              heights: this.heights,
              styles: this.cellStyles,
              ...(this.defaultColWidth !== undefined ? { defaultColWidth: this.defaultColWidth } : {}),
              ...(this.defaultRowHeight !== undefined ? { defaultRowHeight: this.defaultRowHeight } : {}),
            },
          }
        : {}),
    };
  }
}

const EMPTY_VALUE: CellValue = Object.freeze({ kind: 'empty' });
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLS = 16_384;

function sameFormats(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let col = 0; col < a.length; col++) if (a[col] !== b[col]) return false;
  return true;
}

/** The attributes of the last `<c>` read (`readCellTag`): reused, as `attrs` is. */
const cellTag = { row: 0, col: 0, style: 0, type: '' };

/**
 * A `<c>` start tag's `r`, `s` and `t` read in place from `p` (after the name) to its `>`, whose
 * offset after it is returned: the one tag a sheet has a million of, so no attribute name or
 * `r`/`s` value is sliced into a string. `r` that is not a cell reference reads as absent (row 0),
 * as Excel then places the cell after the previous one. Other attributes (`cm`, `vm`, `ph`,
 * prefixed ones) are stepped over; anything unusual goes through `readAttributes`.
 */
function readCellTag(s: string, p: number): number {
  cellTag.row = 0;
  cellTag.col = 0;
  cellTag.style = 0;
  cellTag.type = '';
  const n = s.length;
  let i = p;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0x3e) return i + 1;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f) {
      i++;
      continue;
    }
    const eq = s.indexOf('=', i);
    const q = eq + 1;
    const quote = s.charCodeAt(q);
    // a name of one letter right before `=` and a quote right after: the usual shape
    if (eq !== i + 1 || (quote !== 0x22 && quote !== 0x27)) return readCellTagSlowly(s, p);
    const close = s.indexOf(quote === 0x22 ? '"' : "'", q + 1);
    if (close < 0) throw new Error('unterminated attribute value');
    if (c === 0x72 /* r */) {
      if (!readRef(s, q + 1, close)) return readCellTagSlowly(s, p);
    } else if (c === 0x73 /* s */) {
      let v = 0;
      for (let k = q + 1; k < close; k++) {
        const d = s.charCodeAt(k) - 0x30;
        if (d < 0 || d > 9) {
          v = Number(decodeText(s.slice(q + 1, close))) || 0;
          break;
        }
        v = v * 10 + d;
      }
      cellTag.style = v;
    } else if (c === 0x74 /* t */) cellTag.type = decodeText(s.slice(q + 1, close));
    i = close + 1;
  }
  throw new Error('unterminated start tag');
}

/** `readCellTag` for a tag of another shape (spaces around `=`, longer names): the general reader. */
function readCellTagSlowly(s: string, p: number): number {
  cellTag.row = 0;
  cellTag.col = 0;
  cellTag.style = 0;
  cellTag.type = '';
  const end = readAttributes(s, p, true);
  for (let k = 0; k < attrs.count; k++) {
    const a = attrs.names[k];
    const v = attrs.values[k];
    if (a === 'r') readRef(v, 0, v.length);
    else if (a === 't') cellTag.type = v;
    else if (a === 's') cellTag.style = Number(v) || 0;
  }
  return end;
}

/**
 * `B12` (or `$B$12`) between `from` and `to` → cellTag.row 12, col 2; row 0 when it is not a cell
 * reference. False when the text holds an entity or character reference (to be decoded first).
 */
function readRef(r: string, from: number, to: number): boolean {
  let col = 0;
  let i = from;
  cellTag.row = 0;
  for (; i < to; i++) {
    const c = r.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) col = col * 26 + (c - 0x40);
    else if (c >= 0x61 && c <= 0x7a) col = col * 26 + (c - 0x60);
    else if (c === 0x26) return false;
    else if (c !== 0x24) break;
  }
  if (col === 0 || i === to) return true;
  let row = 0;
  for (; i < to; i++) {
    const c = r.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) row = row * 10 + (c - 0x30);
    else if (c === 0x26) return false;
    else if (c !== 0x24) return true;
  }
  if (row >= 1 && row <= EXCEL_ROWS) {
    cellTag.row = row;
    cellTag.col = col;
  }
  return true;
}
