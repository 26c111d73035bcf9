import type ExcelJS from 'exceljs';
import { planWrites, type CellPatch, type CurrentCell, type NewSheet, type SkippedPatch } from '../engine/patch';
import type { ScorePlan } from '../engine/pipeline';
import { convertValue } from './read';

export interface AppliedPlan {
  readonly written: CellPatch[];
  readonly skipped: SkippedPatch[];
  readonly unchanged: CellPatch[];
  readonly addedSheets: string[];
}

function currentOf(wb: ExcelJS.Workbook): (sheet: string, cell: string) => CurrentCell {
  return (sheet, cell) => {
    const ws = wb.getWorksheet(sheet);
    if (!ws) return {};
    const c = ws.getCell(cell);
    const { value, formula } = convertValue(c.value);
    const plain = value.kind === 'empty' ? undefined : value.kind === 'number' || value.kind === 'string' || value.kind === 'boolean' ? value.value : value.value;
    return { ...(plain !== undefined ? { value: plain } : {}), ...(formula !== undefined ? { formula } : {}) };
  };
}

/**
 * Applies a scoring plan to an exceljs workbook in memory. What may be written is decided by the
 * engine's `planWrites` (formulas and differing values are skipped unless `overwrite`). Text is
 * always stored as text: exceljs only makes a formula from `{formula}`, so `=…` typed in a note stays text.
 */
export function applyPlanToExcelJs(wb: ExcelJS.Workbook, plan: Pick<ScorePlan, 'patches' | 'newSheets'>, overwrite = false): AppliedPlan {
  const { toWrite, skipped, unchanged } = planWrites(plan.patches, currentOf(wb), overwrite);
  for (const p of toWrite) {
    const ws = wb.getWorksheet(p.sheet);
    if (!ws) continue;
    const c = ws.getCell(p.cell);
    c.value = p.formula ? ({ formula: p.formula.replace(/^=/, ''), result: p.value } as ExcelJS.CellFormulaValue) : p.value;
    if (p.numFmt) c.numFmt = p.numFmt;
  }
  const addedSheets = plan.newSheets.map((s) => addSheet(wb, s));
  return { written: toWrite, skipped, unchanged, addedSheets };
}

function addSheet(wb: ExcelJS.Workbook, sheet: NewSheet): string {
  let name = sheet.name.slice(0, 31);
  for (let i = 2; wb.getWorksheet(name); i++) name = `${sheet.name.slice(0, 27)} (${i})`;
  const ws = wb.addWorksheet(name);
  for (const row of sheet.rows) ws.addRow([...row]);
  if (sheet.numFmts) for (const [col, fmt] of Object.entries(sheet.numFmts)) ws.getColumn(Number(col) + 1).numFmt = fmt;
  sheet.columnWidths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return name;
}
