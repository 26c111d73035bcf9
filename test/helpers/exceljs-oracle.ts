import ExcelJS from 'exceljs';
import type { CellValue, GridSheetInput, SheetInput, WorkbookInput } from '../../src/engine';
import { isStateSheet } from '../../src/xlsx/state';
import { sniffWorkbookBytes, WorkbookReadError } from '../../src/xlsx/read';

/**
 * exceljs as the test oracle (issue 14: a dev dependency only): the grid exceljs reads from a
 * workbook, built the way jixiao's reader builds its own, so the differential tests compare the two
 * readers cell by cell, merge by merge and format by format. No code under src/ uses it.
 */

/**
 * Parses .xlsx bytes into an exceljs workbook, or says in Chinese and English why not (not an
 * .xlsx, .xls, encrypted, corrupt, no data). The CLI and the workbench both open files through it.
 */
/** Files exceljs cannot be run on in a test: they are what jixiao's reader exists for (reader.test.ts). */
export const ORACLE_FAILS: Readonly<Record<string, string>> = {
  'merge-huge.xlsx': 'exceljs runs out of memory (one merge over A1:XFD1048576)',
  'merge-10000.xlsx': 'exceljs takes most of a minute',
  '13-merge-to-last-row.xlsx': 'exceljs indexes a million merged cells',
  '14-datavalidation-whole-column.xlsx': 'exceljs expands a whole-column validation cell by cell',
};

/** Differences where exceljs is wrong, by file: cells given as `Sheet!row,col` patterns. */
export const DIFFERENCES: Readonly<Record<string, { why: string; cells: RegExp }>> = {
  // exceljs reads date1904 only when spelled "1": LibreOffice's "true" makes its dates 4 years early
  '08-date1904-true.xlsx': { why: 'date1904="true"', cells: /^拨付台账!\d+,1$/ },
  // exceljs reads t="d" values as numbers (2021 from 2021-06-23)
  '09-t-d-iso-dates.xlsx': { why: 't="d"', cells: /^拨付台账!\d+,1$/ },
  // built-in id 31 (zh-CN yyyy年m月d日) is no format to exceljs, so its dates read as numbers
  '18-builtin-datefmt-31.xlsx': { why: 'built-in date id 31', cells: /^拨付台账!\d+,1$/ },
  // exceljs gives a shared formula's child the master's text unmoved (or none); jixiao moves it
  '20-shared-formula-no-cache.xlsx': { why: 'shared formula children', cells: /^得分表!\d+,6$/ },
  // H17 is a shared-formula child with a cached 0: exceljs reads it empty with formula `H16`
  'xl-shared-master.xlsx': { why: 'shared formula child', cells: /^得分表!17,8$/ },
};

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
