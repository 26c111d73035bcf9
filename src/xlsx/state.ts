import type ExcelJS from 'exceljs';
import { z } from 'zod';

/**
 * What jixiao keeps inside an .xlsx between sessions: saved settings, the original fill of every
 * cell it marked, and the sheets it added (so a second run replaces them instead of piling up
 * copies). Excel keeps these in the document's add-in settings, which exceljs cannot reach; in a
 * file we keep them as JSON in one very-hidden sheet that readers skip.
 */
export const STATE_SHEET = '_jixiao';

const markSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  /** The fill jixiao put there, so a fill the user changed since is left alone. */
  mark: z.string(),
  /** exceljs's fill object before marking (null = no fill). */
  original: z.unknown().nullable(),
});
export type XlsxMark = z.infer<typeof markSchema>;

export const xlsxStateSchema = z.object({
  settings: z.unknown().optional(),
  marks: z.array(markSchema).default([]),
  addedSheets: z.array(z.string()).default([]),
});
export type XlsxState = z.infer<typeof xlsxStateSchema>;

const CELL_LIMIT = 30_000;
const EMPTY_STATE: XlsxState = { marks: [], addedSheets: [] };

export function isStateSheet(name: string): boolean {
  return name === STATE_SHEET;
}

/** Reads the state sheet; a missing or damaged one is an empty state, never an error. */
export function readState(wb: ExcelJS.Workbook): XlsxState {
  const ws = wb.getWorksheet(STATE_SHEET);
  if (!ws) return { ...EMPTY_STATE };
  let raw = '';
  for (let r = 1; typeof ws.getCell(r, 1).value === 'string'; r++) raw += ws.getCell(r, 1).value as string;
  if (raw === '') return { ...EMPTY_STATE };
  try {
    const parsed = xlsxStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { ...EMPTY_STATE };
  } catch {
    return { ...EMPTY_STATE };
  }
}

export function writeState(wb: ExcelJS.Workbook, state: XlsxState): void {
  const empty = state.settings === undefined && state.marks.length === 0 && state.addedSheets.length === 0;
  const existing = wb.getWorksheet(STATE_SHEET);
  if (empty) {
    if (existing) wb.removeWorksheet(existing.id);
    return;
  }
  if (existing) wb.removeWorksheet(existing.id);
  const ws = wb.addWorksheet(STATE_SHEET, { state: 'veryHidden' });
  // Excel holds at most 32,767 characters in a cell: long state runs down column A.
  const json = JSON.stringify(state);
  for (let i = 0, r = 1; i < json.length; i += CELL_LIMIT, r++) ws.getCell(r, 1).value = json.slice(i, i + CELL_LIMIT);
}
