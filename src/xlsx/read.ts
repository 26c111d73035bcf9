import ExcelJS from 'exceljs';
import type { CellValue } from '../engine';
import type { GridSheetInput, SheetInput, WorkbookInput } from '../engine';
import { isStateSheet } from './state';
import { XlsxEditor } from './write';

/**
 * Reads an .xlsx with exceljs's full (non-streaming) reader: the streaming reader drops merged
 * ranges, and merges carry the indicator hierarchy. Works in Node and in the browser (ArrayBuffer).
 */
export class WorkbookReadError extends Error {
  constructor(
    readonly reason: 'not-xlsx' | 'encrypted' | 'xls' | 'corrupt' | 'empty',
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const ZIP_MAGIC = [0x50, 0x4b];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Tells why a file is not a readable .xlsx before exceljs gives a cryptic zip error. */
export function sniffWorkbookBytes(bytes: Uint8Array): WorkbookReadError | undefined {
  if (bytes.length === 0) return new WorkbookReadError('empty', '文件为空', 'the file is empty');
  if (startsWith(bytes, CFB_MAGIC)) {
    // An OLE compound file is either a legacy .xls or an encrypted .xlsx (Excel wraps those in CFB).
    // The stream names sit in the directory, which a large encrypted file may keep after its
    // EncryptedPackage data, far past the first sectors: the whole file is searched.
    if (hasUtf16(bytes, 'EncryptionInfo') || hasUtf16(bytes, 'EncryptedPackage'))
      return new WorkbookReadError('encrypted', '工作簿已加密（设有打开密码），请先在 Excel 中取消密码再检查', 'the workbook is password-protected (encrypted)');
    return new WorkbookReadError('xls', '这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再检查', 'this is a legacy .xls file; save it as .xlsx first');
  }
  if (!startsWith(bytes, ZIP_MAGIC))
    return new WorkbookReadError('not-xlsx', '不是 .xlsx 工作簿文件', 'not an .xlsx workbook');
  return undefined;
}

/** Whether `text` (ASCII) occurs in `bytes` as UTF-16LE, the encoding of CFB directory names. */
function hasUtf16(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  const last = bytes.length - text.length * 2;
  outer: for (let i = bytes.indexOf(first); i !== -1 && i <= last; i = bytes.indexOf(first, i + 1)) {
    for (let k = 0; k < text.length; k++) if (bytes[i + 2 * k] !== text.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

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
    throw new WorkbookReadError('corrupt', `工作簿已损坏或不完整，无法读取（${shortReason(e)}）`, 'the workbook is corrupt or truncated');
  }
  // actualRowCount counts rows holding a value or a formula, jixiao's own state sheet aside.
  if (!wb.worksheets.some((ws) => !isStateSheet(ws.name) && ws.actualRowCount > 0))
    throw new WorkbookReadError('empty', '工作簿中没有任何数据（所有工作表都是空的）', 'the workbook holds no data (every sheet is empty)');
  return wb;
}

/** The workbook as the engine reads it, and (`stored`) the settings jixiao saved in it, unvalidated. */
export async function readWorkbookBytes(bytes: Uint8Array, name: string): Promise<WorkbookInput & { readonly stored?: unknown }> {
  const input = workbookInputFromExcelJs(await loadWorkbookBytes(bytes), name);
  // jixiao's state (settings, the sheets it added) lives in the web-extension part, which the writer reads.
  const state = XlsxEditor.open(bytes).savedState;
  return { ...input, addedSheets: state.addedSheets, ...(state.settings !== undefined ? { stored: state.settings } : {}) };
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
  if (typeof v === 'number') return { value: Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'error', value: '#NUM!' } };
  if (typeof v === 'string') return { value: { kind: 'string', value: v } };
  if (typeof v === 'boolean') return { value: { kind: 'boolean', value: v } };
  if (v instanceof Date) return { value: { kind: 'date', value: isoDate(v) } };
  if (typeof v === 'object') {
    if ('error' in v) return { value: { kind: 'error', value: String((v as { error: string }).error) } };
    if ('richText' in v) return { value: { kind: 'string', value: (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') } };
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
