import type ExcelJS from 'exceljs';
import { excelSheetName, planWrites, type CellPatch, type CurrentCell, type NewSheet, type SkippedPatch } from '../engine';
import type { ScorePlan } from '../engine';
import { convertValue } from './read';
import { readState, writeState } from './state';

export interface AppliedPlan {
  readonly written: CellPatch[];
  readonly skipped: SkippedPatch[];
  readonly unchanged: CellPatch[];
  readonly addedSheets: string[];
}

/** What a cell holds now, as `planWrites` needs it. */
export function currentCellOf(wb: ExcelJS.Workbook): (sheet: string, cell: string) => CurrentCell {
  return (sheet, cell) => {
    const ws = wb.getWorksheet(sheet);
    if (!ws) return {};
    const { value, formula } = convertValue(ws.getCell(cell).value);
    const plain = value.kind === 'empty' ? undefined : value.value;
    return { ...(plain !== undefined ? { value: plain } : {}), ...(formula !== undefined ? { formula } : {}) };
  };
}

/**
 * Writes the patches `planWrites` allows (formulas and differing values are skipped unless
 * `overwrite`). Text is always stored as text: exceljs only makes a formula from `{formula}`, so a
 * 扣分说明 that begins with `=` stays text.
 */
export function writePatches(
  wb: ExcelJS.Workbook,
  patches: readonly CellPatch[],
  overwrite = false,
): { written: CellPatch[]; skipped: SkippedPatch[]; unchanged: CellPatch[] } {
  const { toWrite, skipped, unchanged } = planWrites(patches, currentCellOf(wb), overwrite);
  const written: CellPatch[] = [];
  for (const p of toWrite) {
    const ws = wb.getWorksheet(p.sheet);
    if (!ws) continue;
    const c = ws.getCell(p.cell);
    c.value = p.formula ? ({ formula: p.formula.replace(/^=/, ''), result: p.value } as ExcelJS.CellFormulaValue) : p.value;
    // exceljs shares style objects between cells read with the same style: copy before changing.
    if (p.numFmt) c.style = { ...c.style, numFmt: p.numFmt };
    written.push(p);
  }
  return { written, skipped, unchanged };
}

/** Applies a whole scoring plan in memory: cell patches, then the sheets it adds. */
export function applyPlanToExcelJs(wb: ExcelJS.Workbook, plan: Pick<ScorePlan, 'patches' | 'newSheets'>, overwrite = false): AppliedPlan {
  const result = writePatches(wb, plan.patches, overwrite);
  const addedSheets = plan.newSheets.map((s) => addSheetToExcelJs(wb, s));
  return { ...result, addedSheets };
}

/**
 * Adds a sheet of plain rows. A sheet of that name jixiao added before is replaced; a sheet the
 * user made is never touched (the new one gets a “ (2)” name instead).
 */
export function addSheetToExcelJs(wb: ExcelJS.Workbook, sheet: NewSheet): string {
  const state = readState(wb);
  const wanted = excelSheetName(sheet.name);
  let name = wanted;
  for (let i = 2; wb.getWorksheet(name) && !state.addedSheets.includes(name); i++) name = excelSheetName(`${wanted.slice(0, 26)} (${i})`);
  const previous = wb.getWorksheet(name);
  if (previous) wb.removeWorksheet(previous.id);
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of sheet.rows) ws.addRow([...row]);
  if (sheet.rows.length) ws.getRow(1).font = { bold: true };
  if (sheet.numFmts)
    for (const [col, fmt] of Object.entries(sheet.numFmts))
      for (let r = 2; r <= sheet.rows.length; r++) {
        const c = ws.getCell(r, Number(col) + 1);
        c.style = { ...c.style, numFmt: fmt };
      }
  sheet.columnWidths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  writeState(wb, { ...state, addedSheets: [...new Set([...state.addedSheets, name])] });
  return name;
}
