import type { WorkbookInput } from '../engine';
import { readState, type XlsxState } from './state';
import { XlsxPackage } from './package';
import { WorkbookXml } from './workbook-xml';

import { WorkbookReadError } from './ooxml/errors';
import { readXlsxBytes, sniffWorkbookBytes, type CellLook, type SheetLayout } from './ooxml/reader';
import { DEFAULT_LIMITS } from './ooxml/package';

/**
 * The front door for reading .xlsx: `readWorkbookBytes` goes through jixiao's own reader
 * (src/xlsx/ooxml: fflate + saxes + a worksheet scanner); `readWorkbookView` also returns what the
 * workbench needs to draw the sheets. No library's workbook model is built on the way (exceljs is
 * only the tests' oracle, test/helpers/exceljs-oracle.ts).
 */
export { WorkbookReadError, sniffWorkbookBytes };
export {
  readXlsxBytes,
  readXlsxEntries,
  type CellLook,
  type SheetLayout,
  type XlsxRead,
  type XlsxSheetInfo,
} from './ooxml/reader';
export { DEFAULT_LIMITS, type ReaderLimits } from './ooxml/package';
export { useRawInflate, type RawInflate } from './ooxml/zip';

/**
 * Reads .xlsx bytes into the engine's input with jixiao's reader; throws WorkbookReadError
 * (Chinese + English) for a file that is not a readable workbook or is over a limit. `stored` holds
 * the settings jixiao saved in the workbook (unvalidated), and `addedSheets` the sheets it added.
 */
export async function readWorkbookBytes(bytes: Uint8Array, name: string): Promise<StoredWorkbookInput> {
  return withState(readXlsxBytes(bytes, name).input, bytes);
}

export type StoredWorkbookInput = WorkbookInput & { readonly stored?: unknown };

/** A workbook as the workbench shows it: the engine's input, and how the first rows of each sheet look. */
export interface WorkbookView {
  readonly input: StoredWorkbookInput;
  /** By sheet name. */
  readonly layouts: ReadonlyMap<string, SheetLayout>;
  /** By cell style index. */
  readonly looks: readonly CellLook[];
}

/** `readWorkbookBytes` plus the layout of each sheet's first `rows` rows, in the same single read. */
export function readWorkbookView(bytes: Uint8Array, name: string, rows: number): WorkbookView {
  const read = readXlsxBytes(bytes, name, DEFAULT_LIMITS, rows);
  return { input: withState(read.input, bytes), layouts: read.layouts ?? new Map(), looks: read.looks ?? [] };
}

function withState(input: WorkbookInput, bytes: Uint8Array): StoredWorkbookInput {
  return withStoredState(input, savedState(bytes));
}

/** The engine's input with the settings and added sheets jixiao keeps in the workbook (state.ts). */
export function withStoredState(input: WorkbookInput, state: XlsxState): StoredWorkbookInput {
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
