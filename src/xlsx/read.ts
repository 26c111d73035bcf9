import ExcelJS from 'exceljs';
import type { CellValue } from '../engine';
import type { GridSheetInput, SheetInput, WorkbookInput } from '../engine';
import { isStateSheet, readState, type XlsxState } from './state';
import { XlsxPackage } from './package';
import { WorkbookXml } from './workbook-xml';

import { WorkbookReadError } from './ooxml/errors';
import { readXlsxBytes, sniffWorkbookBytes } from './ooxml/reader';

/**
 * The front door for reading .xlsx: `readWorkbookBytes` goes through jixiao's own reader
 * (src/xlsx/ooxml: fflate + saxes + a worksheet scanner). The exceljs functions below remain for
 * the exceljs-based write path and as the test oracle the reader is compared with.
 */
export { WorkbookReadError, sniffWorkbookBytes };
export { readXlsxBytes, readXlsxEntries, type XlsxRead, type XlsxSheetInfo } from './ooxml/reader';
export { DEFAULT_LIMITS, type ReaderLimits } from './ooxml/package';

/**
 * Parses .xlsx bytes into an exceljs workbook, or says in Chinese and English why not (not an
 * .xlsx, .xls, encrypted, corrupt, no data). The CLI and the workbench both open files through it.
 */
export async function loadWorkbookBytes(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const sniffed = sniffWorkbookBytes(bytes);
  if (sniffed) throw sniffed;
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs accepts a Buffer in Node and an ArrayBuffer in the browser.
    const data: ArrayBuffer | Uint8Array =
      typeof Buffer !== 'undefined' ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
    await wb.xlsx.load(data as never);
  } catch (e) {
    throw new WorkbookReadError(
      'corrupt',
      `工作簿已损坏或不完整，无法读取（${shortReason(e)}）`,
      'the workbook is corrupt or truncated',
    );
  }
  // actualRowCount counts rows holding a value or a formula, jixiao's own state sheet aside.
  if (!wb.worksheets.some((ws) => !isStateSheet(ws.name) && ws.actualRowCount > 0))
    throw new WorkbookReadError(
      'empty',
      '工作簿中没有任何数据（所有工作表都是空的）',
      'the workbook holds no data (every sheet is empty)',
    );
  return wb;
}

/**
 * Reads .xlsx bytes into the engine's input with jixiao's reader; throws WorkbookReadError
 * (Chinese + English) for a file that is not a readable workbook or is over a limit. `stored` holds
 * the settings jixiao saved in the workbook (unvalidated), and `addedSheets` the sheets it added.
 */
export async function readWorkbookBytes(
  bytes: Uint8Array,
  name: string,
): Promise<WorkbookInput & { readonly stored?: unknown }> {
  const input = readXlsxBytes(bytes, name).input;
  const state = savedState(bytes);
  return {
    ...input,
    addedSheets: state.addedSheets,
    ...(state.settings !== undefined ? { stored: state.settings } : {}),
  };
}

/** jixiao's parts: the web extension holding its state, and what finds it (relationships, content types, workbook). */
const STATE_PARTS = /(^|[\\/])webextensions[\\/]|\.rels$|^\[Content_Types\]\.xml$|(^|[\\/])workbook\.xml$/i;

/**
 * jixiao's state (state.ts), inflating only the parts that hold it, so reading a 100,000-row ledger does
 * not unzip its sheets twice. A damaged state is an empty one, never an error (the reader has judged the file).
 */
function savedState(bytes: Uint8Array): XlsxState {
  try {
    const pkg = XlsxPackage.open(bytes, undefined, (n) => STATE_PARTS.test(n));
    return readState(pkg, new WorkbookXml(pkg));
  } catch {
    return { marks: [], addedSheets: [] };
  }
}

function shortReason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0].slice(0, 120);
}

export function workbookInputFromExcelJs(wb: ExcelJS.Workbook, name: string): WorkbookInput {
  const sheets: SheetInput[] = [];
  wb.eachSheet((ws) => {
    if (!isStateSheet(ws.name)) sheets.push(sheetInputFromExcelJs(ws));
  });
  return { name, sheets };
}

/**
 * One sheet as a grid of arrays (GridSheetInput), not an object per cell: on a 100,000-row ledger
 * those objects, all alive at once beside exceljs's own, cost more than the analysis.
 */
export function sheetInputFromExcelJs(ws: ExcelJS.Worksheet): GridSheetInput {
  const values: CellValue[][] = [];
  const numFmts: (readonly string[])[] = [];
  const formulas: string[][] = [];
  const hiddenRows: number[] = [];
  const shared = new SharedValues();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (row.hidden) hiddenRows.push(rowNumber);
    const rowValues: CellValue[] = [];
    let rowFormats: string[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const raw = cell.value;
      if (typeof raw === 'string') rowValues[col] = shared.text(raw, col);
      else if (raw instanceof Date) rowValues[col] = shared.date(raw);
      else if (typeof raw === 'number' && Number.isFinite(raw)) rowValues[col] = { kind: 'number', value: raw };
      else {
        const { value, formula } = convertValue(raw);
        rowValues[col] = value;
        if (formula) (formulas[rowNumber] ??= [])[col] = formula;
      }
      const fmt = cell.style?.numFmt;
      if (fmt && fmt !== 'General') (rowFormats ??= [])[col] = fmt;
    });
    if (rowValues.length) values[rowNumber] = rowValues;
    if (rowFormats) numFmts[rowNumber] = shared.formats(rowFormats);
  });
  return { name: ws.name, grid: { values, numFmts, formulas }, merges: mergesOf(ws), hiddenRows };
}

/**
 * The merged ranges of a sheet as A1. exceljs keeps them in `_merges` (master address → range);
 * its public route, `ws.model.merges`, first builds a model of every row and cell of the sheet,
 * which on a 100,000-row ledger cost more than the rest of the conversion. The pinned exceljs has
 * `_merges`; should a later one not, the public route still works.
 */
export function mergesOf(ws: ExcelJS.Worksheet): string[] {
  const own = (ws as unknown as { _merges?: Record<string, { range?: unknown } | undefined> })._merges;
  if (own && typeof own === 'object') {
    const ranges = Object.values(own).map((m) => m?.range);
    if (ranges.every((r): r is string => typeof r === 'string')) return ranges;
  }
  return ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice();
}

type TextValue = Extract<CellValue, { kind: 'string' }>;

function sameFormats(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let col = 0; col < a.length; col++) if (a[col] !== b[col]) return false;
  return true;
}

/**
 * One value object per distinct text and per distinct day, shared by every cell that holds it.
 * A ledger repeats its payer, payees, purposes and dates on every row; sharing them keeps hundreds
 * of thousands of identical objects off the heap (values are never mutated: CellValue is readonly),
 * and a date is turned into ISO text once per day rather than once per cell.
 */
class SharedValues {
  private readonly texts = new Map<string, TextValue>();
  /** The last text of each column: most often the next row repeats it (payer, purpose, festival). */
  private readonly lastTexts: TextValue[] = [];
  private readonly days = new Map<number, CellValue>();
  private readonly rowFormats = new Map<string, readonly string[]>();
  private lastFormats: readonly string[] | undefined;

  text(value: string, col: number): CellValue {
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

  /** Rows formatted alike (every row of a ledger) share one array of formats. */
  formats(row: string[]): readonly string[] {
    const last = this.lastFormats;
    if (last && sameFormats(last, row)) return last;
    let key = '';
    row.forEach((fmt, col) => (key += `${col}\u0000${fmt}\u0000`));
    let known = this.rowFormats.get(key);
    if (!known) this.rowFormats.set(key, (known = row));
    return (this.lastFormats = known);
  }

  date(d: Date): CellValue {
    const time = d.getTime();
    let v = this.days.get(time);
    if (!v) this.days.set(time, (v = { kind: 'date', value: isoDate(d) }));
    return v;
  }
}

function isoDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

export function convertValue(v: ExcelJS.CellValue): { value: CellValue; formula?: string } {
  if (v === null || v === undefined) return { value: { kind: 'empty' } };
  if (typeof v === 'number')
    return { value: Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'error', value: '#NUM!' } };
  if (typeof v === 'string') return { value: { kind: 'string', value: v } };
  if (typeof v === 'boolean') return { value: { kind: 'boolean', value: v } };
  if (v instanceof Date) return { value: { kind: 'date', value: isoDate(v) } };
  if (typeof v === 'object') {
    if ('error' in v) return { value: { kind: 'error', value: String((v as { error: string }).error) } };
    if ('richText' in v)
      return {
        value: { kind: 'string', value: (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') },
      };
    if ('hyperlink' in v) return convertValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as ExcelJS.CellFormulaValue & { sharedFormula?: string };
      const result = f.result as ExcelJS.CellValue | undefined;
      const inner = result === undefined ? { value: { kind: 'empty' } as CellValue } : convertValue(result);
      return { value: inner.value, formula: f.formula ?? f.sharedFormula ?? '' };
    }
  }
  return { value: { kind: 'string', value: String(v) } };
}
