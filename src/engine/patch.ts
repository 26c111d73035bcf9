import { z } from 'zod';
import { isA1, parseA1 } from './model/address';
import type { CellValue } from './model/cell';
import { Sheet, type WorkbookInput } from './model/sheet';

/**
 * A change the engine proposes for one cell. Adapters apply patches; they never decide what to
 * write. `old` is what the engine saw, so an adapter can refuse to write when the cell changed since.
 */
export const cellPatchSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  /** What the cell should hold: a number, a text, or a formula (written as a formula only when `formula` is set). */
  value: z.union([z.number(), z.string()]),
  formula: z.string().optional(),
  numFmt: z.string().optional(),
  /** Why: 得分, 得分率, 小计, 合计, 等级, 扣分说明. */
  purpose: z.enum(['score', 'rate', 'subtotal', 'total', 'grade', 'note', 'summary-sheet', 'issue-list']),
  /** What the engine read there (undefined = empty). */
  old: z.union([z.number(), z.string(), z.boolean()]).optional(),
  oldFormula: z.string().optional(),
});
export type CellPatch = z.infer<typeof cellPatchSchema>;

export interface SkippedPatch {
  readonly patch: CellPatch;
  /** `protected`: the sheet is protected, so the host may not write it (the add-in and the file writers alike). */
  readonly reason: 'formula' | 'differs' | 'protected';
  /** Chinese, for the pane and the CLI. */
  readonly message: string;
}

/** A new sheet to add (问题清单, 综合评定得分表): rows of plain values, the first row a header. */
export interface NewSheet {
  readonly name: string;
  readonly rows: readonly (readonly (string | number | null)[])[];
  readonly numFmts?: Readonly<Record<number, string>>; // column index (0-based) → format
  readonly columnWidths?: readonly number[];
}

/** Sheet names are decided in one place (`sheets.ts`); re-exported for the adapters that import it from here. */
export { excelSheetName } from './sheets';

/** What a cell holds now, as far as writing is concerned. */
export interface CurrentCell {
  readonly value?: number | string | boolean;
  readonly formula?: string;
}

/**
 * Decides which patches are safe to write. A patch is written when the cell is empty or already
 * holds the same value (then it is dropped as a no-op, so a second run proposes nothing); a cell
 * with a formula or a different non-empty value is skipped unless `overwrite`; with `overwrite`, a
 * formula whose value already equals the proposed value is left as it is (unchanged), never replaced. Pure, so that both
 * adapters make the same decision.
 */
export function planWrites(
  patches: readonly CellPatch[],
  current: (sheet: string, cell: string) => CurrentCell,
  overwrite = false,
): { toWrite: CellPatch[]; skipped: SkippedPatch[]; unchanged: CellPatch[] } {
  const toWrite: CellPatch[] = [];
  const skipped: SkippedPatch[] = [];
  const unchanged: CellPatch[] = [];
  for (const p of patches) {
    const now = current(p.sheet, p.cell);
    const wantsFormula = p.formula !== undefined;
    if (now.formula !== undefined) {
      if (wantsFormula && normalizeFormula(now.formula) === normalizeFormula(p.formula!)) {
        unchanged.push(p);
      } else if (overwrite && now.value !== undefined && now.value !== '' && sameValue(now.value, p.value)) {
        // The formula already computes what jixiao would write: --overwrite leaves it (a
        // colleague's formula is worth more than a constant of the same value). Without
        // --overwrite it is listed as skipped, as every formula is, so the user sees it.
        unchanged.push(p);
      } else if (overwrite) {
        toWrite.push(p);
      } else {
        skipped.push({
          patch: p,
          reason: 'formula',
          message: `${p.sheet}!${p.cell} 含公式 =${now.formula}，未覆盖（建议值 ${p.value}）`,
        });
      }
      continue;
    }
    if (now.value === undefined || now.value === '') {
      toWrite.push(p);
      continue;
    }
    if (sameValue(now.value, p.value)) {
      // Same value already there: writing a formula over it would still change the cell.
      if (!wantsFormula) unchanged.push(p);
      else if (overwrite) toWrite.push(p);
      else
        skipped.push({
          patch: p,
          reason: 'differs',
          message: `${p.sheet}!${p.cell} 已有数值 ${now.value}，未改为公式`,
        });
      continue;
    }
    if (overwrite) toWrite.push(p);
    else
      skipped.push({
        patch: p,
        reason: 'differs',
        message: `${p.sheet}!${p.cell} 现有值 ${now.value} 与建议值 ${p.value} 不同，未覆盖`,
      });
  }
  return { toWrite, skipped, unchanged };
}

function normalizeFormula(f: string): string {
  return f.replace(/^=/, '').replace(/\s+/g, '').toUpperCase();
}

function sameValue(a: number | string | boolean, b: number | string): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return String(a).trim() === String(b).trim();
}

function plain(v: CellValue): number | string | boolean | undefined {
  switch (v.kind) {
    case 'empty':
      return undefined;
    case 'number':
    case 'boolean':
    case 'string':
    case 'date':
    case 'error':
      return v.value;
  }
}

/** What each cell holds now, as planWrites wants it, in a workbook as a host read it. */
export function currentCellsOf(input: WorkbookInput): (sheet: string, cell: string) => CurrentCell {
  // Each sheet viewed without its merges, so that a cell answers for itself, not for its merge's
  // top-left; a sheet read as a grid is looked into as it is, not copied into an index.
  const sheets = new Map(input.sheets.map((s) => [s.name, new Sheet({ ...s, merges: [] })]));
  return (sheetName, cell) => {
    const sheet = sheets.get(sheetName);
    if (!sheet || !isA1(cell)) return {};
    const { row, col } = parseA1(cell);
    const value = plain(sheet.own(row, col));
    const formula = sheet.formula(row, col);
    return { ...(value !== undefined ? { value } : {}), ...(formula ? { formula } : {}) };
  };
}
