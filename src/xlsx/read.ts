import ExcelJS from 'exceljs';
import type { CellInput, CellValue } from '../engine/model/cell';
import type { SheetInput, WorkbookInput } from '../engine/model/sheet';
import { isStateSheet } from './state';

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

export async function readWorkbookBytes(bytes: Uint8Array, name: string): Promise<WorkbookInput> {
  return workbookInputFromExcelJs(await loadWorkbookBytes(bytes), name);
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

export function sheetInputFromExcelJs(ws: ExcelJS.Worksheet): SheetInput {
  const cells: CellInput[] = [];
  const hiddenRows: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (row.hidden) hiddenRows.push(rowNumber);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // exceljs repeats the master's value in every cell of a merge; the engine resolves merges itself.
      // (`type` is a plain field; `isMerged`/`master` look the merge up for every cell of a large sheet.)
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const { value, formula } = convertValue(cell.value);
      const fmt = cell.style?.numFmt;
      const input: { row: number; col: number; value: CellValue; numFmt?: string; formula?: string } = { row: rowNumber, col: colNumber, value };
      if (fmt && fmt !== 'General') input.numFmt = fmt;
      if (formula) input.formula = formula;
      cells.push(input);
    });
  });
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice();
  return { name: ws.name, cells, merges, hiddenRows };
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
