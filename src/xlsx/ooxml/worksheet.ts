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
import { encodingOf, textDecoder, xmlError } from './xml';
import { shiftFormula } from './formula';

/**
 * One worksheet part (`xl/worksheets/sheetN.xml`) straight into the engine's grid (arrays by row
 * and column, one shared value object per distinct text and day: no object per cell).
 *
 * Why not saxes here, as for the other parts: a sheet is the one large part (a 100,000-row ledger
 * is 29 MB of XML, 1.45 million elements), and saxes's events alone took 1.1 s of the 1.8 s a
 * `check` may take (BENCH.md). This scanner reads the one grammar a worksheet has (elements,
 * attributes in either quote, text, CDATA, comments, processing instructions, the five entities
 * and character references; elements by local name, so `x:c` is `c`) and skips every element it
 * does not use (dataValidations, conditional formats, extLst...) without looking inside: a
 * validation over a whole column costs its few bytes. A DTD is refused, as in parseXmlPart.
 *
 * The part is decoded and scanned in 4 MB slices cut just before a `<row`, so no string ever holds a
 * whole sheet of hundreds of megabytes.
 */
export interface WorksheetContext {
  readonly partName: string;
  readonly sheetName: string;
  readonly sharedStrings: readonly string[];
  readonly styles: StyleFormats;
  readonly date1904: boolean;
  readonly limits: ReaderLimits;
}

export interface WorksheetRead {
  readonly input: GridSheetInput;
  /** `<sheetProtection sheet="1">`: Excel lets no cell of it be edited. */
  readonly protected: boolean;
  /** Repairs made while reading (a shared-string index past the table), as info findings. */
  readonly notes: FindingDraft[];
  /** Stored cells read (values and formulas). */
  readonly cells: number;
}

const SLICE_BYTES = 1 << 22;

export function readWorksheet(bytes: Uint8Array, ctx: WorksheetContext): WorksheetRead {
  const scanner = new WorksheetScanner(ctx);
  const encoding = encodingOf(bytes);
  const decode = textDecoder(encoding);
  try {
    if (encoding !== 'utf-8' || bytes.length <= SLICE_BYTES) scanner.scan(decode(bytes, false));
    else {
      let start = 0;
      while (start < bytes.length) {
        const end = rowBoundary(bytes, start + SLICE_BYTES);
        scanner.scan(decode(bytes.subarray(start, end), end < bytes.length));
        start = end;
      }
    }
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw xmlError(ctx.partName, e);
  }
  return scanner.result();
}

/** The offset of the first `<row` or `<prefix:row` element at or after `from` (or the end). */
function rowBoundary(bytes: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(0x3c, from); i >= 0; i = bytes.indexOf(0x3c, i + 1)) {
    let j = i + 1;
    // an optional prefix: letters, digits, `_`, `-`, `.` then `:`
    let k = j;
    while (k < bytes.length && k - j < 32 && isNameByte(bytes[k])) k++;
    if (bytes[k] === 0x3a) j = k + 1;
    if (
      bytes[j] === 0x72 &&
      bytes[j + 1] === 0x6f &&
      bytes[j + 2] === 0x77 &&
      (bytes[j + 3] === 0x20 ||
        bytes[j + 3] === 0x3e ||
        bytes[j + 3] === 0x2f ||
        bytes[j + 3] === 0x09 ||
        bytes[j + 3] === 0x0a ||
        bytes[j + 3] === 0x0d)
    )
      return i;
  }
  return bytes.length;
}

function isNameByte(b: number): boolean {
  return (
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x30 && b <= 0x39) ||
    b === 0x5f ||
    b === 0x2d ||
    b === 0x2e
  );
}

type TextValue = Extract<CellValue, { kind: 'string' }>;

/** What text inside the current element is collected for. */
const enum Capture {
  None,
  Value,
  Formula,
  Inline,
}

class WorksheetScanner {
  private readonly values: (CellValue | undefined)[][] = [];
  private readonly numFmts: (readonly (string | undefined)[] | undefined)[] = [];
  private readonly formulas: (string | undefined)[][] = [];
  private readonly hiddenRows: number[] = [];
  private readonly merges: string[] = [];
  private readonly notes: FindingDraft[] = [];
  private isProtected = false;
  private cellCount = 0;

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
  private capture = Capture.None;
  private captured = '';
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

  constructor(private readonly ctx: WorksheetContext) {}

  scan(s: string): void {
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (this.capture !== Capture.None) this.captured += decodeText(s.slice(i));
        return;
      }
      if (lt > i && this.capture !== Capture.None) this.captured += decodeText(s.slice(i, lt));
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 0x21 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) throw new Error('unterminated comment');
          i = end + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) throw new Error('unterminated CDATA');
          if (this.capture !== Capture.None) this.captured += s.slice(lt + 9, end);
          i = end + 3;
        } else if (s.startsWith('<!DOCTYPE', lt)) {
          throw new WorkbookReadError(
            'corrupt',
            `工作簿部件 ${this.ctx.partName} 含有 DTD 声明（OOXML 不允许），为安全起见不予读取`,
            `${this.ctx.partName} holds a DTD, which OOXML forbids`,
          );
        } else throw new Error(`unexpected markup at ${lt}`);
        continue;
      }
      if (c1 === 0x3f /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) throw new Error('unterminated processing instruction');
        i = end + 2;
        continue;
      }
      if (c1 === 0x2f /* / */) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) throw new Error('unterminated end tag');
        this.close(localNameAt(s, lt + 2, gt));
        i = gt + 1;
        continue;
      }
      // a start tag: its name, then (for the elements read) its attributes
      let p = lt + 1;
      while (p < n && !isNameEnd(s.charCodeAt(p))) p++;
      const name = localNameAt(s, lt + 1, p);
      i = this.open(s, name, p);
    }
  }

  /** Handles a start tag whose name ends at `p`; returns the offset after its `>`. */
  private open(s: string, name: string, p: number): number {
    switch (name) {
      case 'c': {
        if (!this.inSheetData) break;
        let r: string | undefined;
        let t = '';
        let st = 0;
        const end = readAttributes(s, p, true);
        for (let k = 0; k < attrCount; k++) {
          const a = attrNames[k];
          if (a === 'r') r = attrValues[k];
          else if (a === 't') t = attrValues[k];
          else if (a === 's') st = Number(attrValues[k]) || 0;
        }
        this.startCell(r, t, st);
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
        for (let k = 0; k < attrCount; k++) {
          if (attrNames[k] === 't') t = attrValues[k];
          else if (attrNames[k] === 'si') si = attrValues[k];
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
        const end = readAttributes(s, p, true);
        for (let k = 0; k < attrCount; k++) {
          if (attrNames[k] === 'r') r = Number(attrValues[k]);
          else if (attrNames[k] === 'hidden') hidden = attrValues[k] === '1' || attrValues[k] === 'true';
        }
        this.startRow(Number.isInteger(r) && r >= 1 ? r : this.row + 1, hidden);
        if (s.charCodeAt(end - 2) === 0x2f) this.endRow();
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
        for (let k = 0; k < attrCount; k++) if (attrNames[k] === 'ref') ref = attrValues[k];
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
        for (let k = 0; k < attrCount; k++)
          if (attrNames[k] === 'sheet') on = attrValues[k] === '1' || attrValues[k] === 'true';
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

  private close(name: string): void {
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

  private startCell(r: string | undefined, t: string, style: number): void {
    let row = this.row || 1;
    let col = this.col + 1;
    if (r) {
      const at = parseCellRef(r);
      if (at) {
        row = at.row;
        col = at.col;
      }
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

/** Whitespace, `/` or `>`: where an element name ends. */
function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;
}

function localNameAt(s: string, from: number, to: number): string {
  let end = to;
  while (end > from && isNameEnd(s.charCodeAt(end - 1))) end--;
  let start = from;
  for (let k = from; k < end; k++) if (s.charCodeAt(k) === 0x3a) start = k + 1;
  return s.slice(start, end);
}

function selfClosingAt(s: string, p: number): boolean {
  return s.charCodeAt(skipTag(s, p) - 2) === 0x2f;
}

/** The offset after the `>` that ends the tag whose attributes start at `p` (quotes respected). */
function skipTag(s: string, p: number): number {
  return readAttributes(s, p, false);
}

// The attributes of the last start tag read (`readAttributes`): reused, so that the million cells
// of a large sheet allocate no closure or object for theirs.
const attrNames: string[] = [];
const attrValues: string[] = [];
let attrCount = 0;

/**
 * Reads the attributes of a start tag from `p` (after its name) to its `>` into attrNames/
 * attrValues (values decoded; names as written: SpreadsheetML's attributes are unprefixed, and a
 * prefixed one such as `r:id` keeps its prefix so it is never taken for a cell's `r`). Returns the
 * offset after the `>`; with `keep` false only finds that offset (quotes respected).
 */
function readAttributes(s: string, p: number, keep: boolean): number {
  const n = s.length;
  let i = p;
  attrCount = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0x3e) return i + 1;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f) {
      i++;
      continue;
    }
    if (c === 0x22 || c === 0x27) throw new Error(`attribute value without a name at ${i}`);
    const eq = s.indexOf('=', i);
    if (eq < 0) throw new Error('unterminated start tag');
    let q = eq + 1;
    while (
      q < n &&
      (s.charCodeAt(q) === 0x20 || s.charCodeAt(q) === 0x09 || s.charCodeAt(q) === 0x0a || s.charCodeAt(q) === 0x0d)
    )
      q++;
    const quote = s.charCodeAt(q);
    if (quote !== 0x22 && quote !== 0x27) throw new Error(`unquoted attribute at ${q}`);
    const close = s.indexOf(quote === 0x22 ? '"' : "'", q + 1);
    if (close < 0) throw new Error('unterminated attribute value');
    if (keep) {
      let nameEnd = eq;
      while (nameEnd > i && isNameEnd(s.charCodeAt(nameEnd - 1))) nameEnd--;
      attrNames[attrCount] = s.slice(i, nameEnd);
      attrValues[attrCount] = decodeText(s.slice(q + 1, close));
      attrCount++;
    }
    i = close + 1;
  }
  throw new Error('unterminated start tag');
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text with its five entities and character references decoded. */
function decodeText(t: string): string {
  if (t.indexOf('&') < 0) return t;
  return t.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const e = ENTITIES[ref];
    if (e === undefined) throw new Error(`undefined entity &${ref};`);
    return e;
  });
}

/** `B12` → row 12, column 2; undefined when it is not a cell reference. */
function parseCellRef(r: string): { row: number; col: number } | undefined {
  let col = 0;
  let i = 0;
  for (; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) col = col * 26 + (c - 0x40);
    else if (c >= 0x61 && c <= 0x7a) col = col * 26 + (c - 0x60);
    else if (c !== 0x24) break;
  }
  if (col === 0 || i === r.length) return undefined;
  let row = 0;
  for (; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) row = row * 10 + (c - 0x30);
    else if (c !== 0x24) return undefined;
  }
  return row >= 1 && row <= EXCEL_ROWS ? { row, col } : undefined;
}
