import { type FindingDraft, type GridSheetInput, type WorkbookInput } from '../../engine';
import { isStateSheet } from '../state';
import { WorkbookReadError } from './errors';
import { DEFAULT_LIMITS, OoxmlPackage, unzipPackage, type PackageEntries, type ReaderLimits } from './package';
import {
  readCellLooks,
  type CellLook,
  readRelationships,
  readSharedStrings,
  readStyleFormats,
  readWorkbookPart,
  workbookPartName,
  type SheetState,
} from './parts';
import { readWorksheet, type SheetLayout } from './worksheet';

/**
 * jixiao's .xlsx reader: fflate unzips, saxes reads the small parts, a worksheet scanner the
 * sheets (worksheet.ts), straight into the engine's WorkbookInput. Used by the CLI's `check` and
 * `score`, the workbench, and (through `readXlsxEntries`) the writer, which unzips once for both.
 */

/** A sheet as the package holds it: what a writer needs beyond the cells. */
export interface XlsxSheetInfo {
  readonly name: string;
  /** The worksheet's part name (`xl/worksheets/sheet1.xml`), as spelled in the package's directory. */
  readonly part: string;
  readonly rId: string;
  readonly sheetId: string;
  readonly state: SheetState;
  /** `<sheetProtection sheet="1">`. */
  readonly protected: boolean;
}

export interface XlsxRead {
  /** What the engine analyses (jixiao's own state sheet left out). */
  readonly input: WorkbookInput;
  /** Every worksheet of the workbook in tab order (the state sheet included), with its part. */
  readonly sheets: readonly XlsxSheetInfo[];
  readonly workbookPart: string;
  readonly date1904: boolean;
  readonly structureLocked: boolean;
  /** With `layoutRows`: how each sheet (by name) and each cell style looks, for drawing the grid. */
  readonly layouts?: ReadonlyMap<string, SheetLayout>;
  readonly looks?: readonly CellLook[];
}

export type { CellLook, SheetLayout };

/** The parts the reader parses: everything else stays compressed (and is never inflated). */
function wantedPart(name: string): boolean {
  return name.endsWith('.rels') || name.endsWith('.xml');
}

/**
 * Reads .xlsx bytes. Throws WorkbookReadError (Chinese + English) for what is not a readable
 * workbook: not a zip, encrypted, legacy .xls, corrupt parts, over a limit, no data at all.
 */
export function readXlsxBytes(
  bytes: Uint8Array,
  name: string,
  limits: ReaderLimits = DEFAULT_LIMITS,
  layoutRows = 0,
): XlsxRead {
  const sniffed = sniffWorkbookBytes(bytes);
  if (sniffed) throw sniffed;
  return readPackage(unzipPackage(bytes, limits, wantedPart), name, limits, true, layoutRows);
}

/**
 * Reads an unzipped package (fflate's `unzipSync` result, names as the zip spells them). The
 * writer unzips once and hands the same entries here.
 */
export function readXlsxEntries(
  entries: PackageEntries,
  name: string,
  limits: ReaderLimits = DEFAULT_LIMITS,
  layoutRows = 0,
): XlsxRead {
  return readPackage(entries, name, limits, false, layoutRows);
}

/** `owned`: the entries are this read's own (unzipped for it), so each sheet's bytes are dropped once read. */
function readPackage(
  entries: PackageEntries,
  name: string,
  limits: ReaderLimits,
  owned: boolean,
  layoutRows = 0,
): XlsxRead {
  const names = Object.keys(entries);
  const pkg = new OoxmlPackage(entries);
  if (owned) for (const k of names) delete (entries as Record<string, Uint8Array>)[k];
  const size = pkg.size;
  if (size > limits.maxInflatedBytes)
    throw new WorkbookReadError(
      'too-large',
      `工作簿解压后超过上限 ${Math.round(limits.maxInflatedBytes / 2 ** 20)} MB，已拒绝读取`,
      'the unzipped workbook is over the size limit',
    );
  const workbookPart = workbookPartName(pkg);
  const workbookBytes = pkg.part(workbookPart);
  if (!workbookBytes)
    throw new WorkbookReadError(
      'corrupt',
      '工作簿已损坏：缺少工作簿主体部件（xl/workbook.xml），可能不是 Excel 文件',
      'the package has no workbook part',
    );
  const book = readWorkbookPart(workbookPart, workbookBytes);
  if (book.sheets.length > limits.maxSheets)
    throw new WorkbookReadError(
      'too-large',
      `工作簿有 ${book.sheets.length} 个工作表，超过读取上限 ${limits.maxSheets} 个`,
      `the workbook has ${book.sheets.length} sheets, over the ${limits.maxSheets} limit`,
    );
  const rels = readRelationships(pkg, workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const stylesName = rels.find((r) => r.type === 'styles')?.target ?? `${folder}styles.xml`;
  const stylesBytes = pkg.part(stylesName);
  const styles = stylesBytes ? readStyleFormats(stylesName, stylesBytes) : [];
  const looks = layoutRows > 0 && stylesBytes ? readCellLooks(stylesName, stylesBytes) : [];
  const layouts = new Map<string, SheetLayout>();
  const sstName = rels.find((r) => r.type === 'sharedStrings')?.target ?? `${folder}sharedStrings.xml`;
  const sstBytes = pkg.part(sstName);
  const sharedStrings = sstBytes ? readSharedStrings(sstName, sstBytes) : [];

  const infos: XlsxSheetInfo[] = [];
  const sheets: GridSheetInput[] = [];
  const notes: FindingDraft[] = [];
  let anyData = false;
  book.sheets.forEach((entry, index) => {
    const rel = byId.get(entry.rId);
    // A chartsheet or dialog sheet holds no cells; a sheet with no relationship is looked for
    // where Excel puts it.
    if (rel && rel.type !== 'worksheet') return;
    const part = rel && !rel.external ? rel.target : `${folder}worksheets/sheet${index + 1}.xml`;
    const bytes = pkg.part(part);
    if (!bytes)
      throw new WorkbookReadError(
        'corrupt',
        `工作簿已损坏：工作表“${entry.name}”的部件 ${part} 不存在`,
        `the part of sheet "${entry.name}" (${part}) is missing`,
      );
    const read = readWorksheet(bytes, {
      partName: part,
      sheetName: entry.name,
      sharedStrings,
      styles,
      date1904: book.date1904,
      limits,
      layoutRows,
    });
    if (read.layout) layouts.set(entry.name, read.layout);
    if (owned) pkg.release(part);
    infos.push({
      name: entry.name,
      part: spelledAs(names, part),
      rId: entry.rId,
      sheetId: entry.sheetId,
      state: entry.state,
      protected: read.protected,
    });
    if (isStateSheet(entry.name)) return;
    sheets.push(read.input);
    notes.push(...read.notes);
    if (read.cells > 0) anyData = true;
  });
  if (!anyData)
    throw new WorkbookReadError(
      'empty',
      '工作簿中没有任何数据（所有工作表都是空的）',
      'the workbook holds no data (every sheet is empty)',
    );
  const input: WorkbookInput = {
    name,
    sheets,
    ...(book.date1904 ? { date1904: true } : {}),
    ...(notes.length ? { notes } : {}),
  };
  return {
    input,
    sheets: infos,
    workbookPart: spelledAs(names, workbookPart),
    date1904: book.date1904,
    structureLocked: book.structureLocked,
    ...(layoutRows > 0 ? { layouts, looks } : {}),
  };
}

/** The entry name as the zip spells it (`xl\worksheets\sheet1.xml` in a WPS file). */
function spelledAs(names: readonly string[], part: string): string {
  if (names.includes(part)) return part;
  const key = part.toLowerCase();
  for (const name of names) if (name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase() === key) return name;
  return part;
}

const ZIP_MAGIC = [0x50, 0x4b];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Tells why a file is not a readable .xlsx before unzipping it. */
export function sniffWorkbookBytes(bytes: Uint8Array): WorkbookReadError | undefined {
  if (bytes.length === 0) return new WorkbookReadError('empty', '文件为空', 'the file is empty');
  if (startsWith(bytes, CFB_MAGIC)) {
    // An OLE compound file is either a legacy .xls or an encrypted .xlsx (Excel wraps those in CFB).
    // The stream names sit in the directory, which a large encrypted file may keep after its
    // EncryptedPackage data, far past the first sectors: the whole file is searched.
    if (hasUtf16(bytes, 'EncryptionInfo') || hasUtf16(bytes, 'EncryptedPackage'))
      return new WorkbookReadError(
        'encrypted',
        '工作簿已加密（设有打开密码），请先在 Excel 中取消密码再检查',
        'the workbook is password-protected (encrypted)',
      );
    return new WorkbookReadError(
      'xls',
      '这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再检查',
      'this is a legacy .xls file; save it as .xlsx first',
    );
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
    for (let k = 0; k < text.length; k++)
      if (bytes[i + 2 * k] !== text.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}
