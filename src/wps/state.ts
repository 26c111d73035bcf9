import { z } from 'zod';
import { XL_NONE, XL_SHEET_VERY_HIDDEN, type EtWorkbook, type EtWorksheet } from './api';

/**
 * What jixiao keeps inside a workbook opened in WPS between sessions: saved settings, the original
 * fill of every cell it marked, and the sheets it added. WPS has no per-document add-in settings
 * like Office's, so they live as JSON in one very-hidden sheet (the name the .xlsx port uses too,
 * so every reader already skips it). Marks keep WPS's own fill numbers (`Interior.Color`, BGR).
 */
export const WPS_STATE_SHEET = '_jixiao';

export const wpsMarkSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  /** The fill jixiao put there (#RRGGBB), so a fill the user changed since is left alone. */
  mark: z.string(),
  /** `Interior.Pattern` and `Interior.Color` before marking (`XL_NONE`: no fill). */
  pattern: z.number(),
  color: z.number(),
  patternColor: z.number().optional(),
});
export type WpsMark = z.infer<typeof wpsMarkSchema>;

export const wpsStateSchema = z.object({
  settings: z.unknown().optional(),
  /** WPS marks under their own key: the `marks` of jixiao 0.x files held exceljs fills, not these. */
  wpsMarks: z.array(wpsMarkSchema).default([]),
  addedSheets: z.array(z.string()).default([]),
});
export type WpsState = z.infer<typeof wpsStateSchema>;

const CELL_LIMIT = 30_000;

function findSheet(wb: EtWorkbook, name: string): EtWorksheet | undefined {
  const sheets = wb.Sheets;
  for (let i = 1; i <= sheets.Count; i++) {
    const s = sheets.Item(i);
    if (s.Name === name) return s;
  }
  return undefined;
}

/** The whole stored object, kept as read so keys other hosts wrote (their marks) survive a write. */
function readRaw(wb: EtWorkbook): Record<string, unknown> {
  const ws = findSheet(wb, WPS_STATE_SHEET);
  if (!ws) return {};
  const used = ws.UsedRange;
  const block = used.Value2;
  const cells = Array.isArray(block) ? block.map((r) => (Array.isArray(r) ? r[0] : r)) : [block];
  if (used.Column !== 1 || used.Row !== 1) return {};
  let raw = '';
  for (const c of cells) {
    if (typeof c !== 'string') break;
    raw += c;
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Reads the state sheet; a missing or damaged one is an empty state, never an error. */
export function readWpsState(wb: EtWorkbook): WpsState {
  const parsed = wpsStateSchema.safeParse(readRaw(wb));
  return parsed.success ? parsed.data : { wpsMarks: [], addedSheets: [] };
}

/**
 * Writes the state: column A of the very-hidden sheet, 30,000 characters a cell (a cell holds at most
 * 32,767). The sheet is made once and then rewritten in place; the active sheet stays active.
 */
export function writeWpsState(wb: EtWorkbook, state: WpsState): void {
  const merged: Record<string, unknown> = { ...readRaw(wb), ...state };
  if (state.settings === undefined) delete merged.settings;
  const json = JSON.stringify(merged);
  let ws = findSheet(wb, WPS_STATE_SHEET);
  if (!ws) {
    const active = wb.ActiveSheet;
    const sheets = wb.Sheets;
    ws = sheets.Add(undefined, sheets.Item(sheets.Count));
    ws.Name = WPS_STATE_SHEET;
    ws.Visible = XL_SHEET_VERY_HIDDEN;
    active.Activate();
  } else {
    ws.UsedRange.ClearContents();
  }
  const chunks: string[][] = [];
  for (let i = 0; i < json.length; i += CELL_LIMIT) chunks.push([json.slice(i, i + CELL_LIMIT)]);
  ws.Range(chunks.length === 1 ? 'A1' : `A1:A${chunks.length}`).Value2 = chunks.length === 1 ? chunks[0][0] : chunks;
}

export function hasNoFill(pattern: number): boolean {
  return pattern === XL_NONE;
}
