import { parseA1 } from '../../src/engine/model/address';
import type { CellInput } from '../../src/engine/model/cell';
import { sheetCells, withCells, type SheetInput, type WorkbookInput } from '../../src/engine/model/sheet';
import { currentCellsOf, planWrites, type CellPatch, type NewSheet } from '../../src/engine/patch';
import { placeSheet } from '../../src/engine/sheets';
import { planWorkbookScores } from '../../src/engine/score';

/**
 * Scoring applied in memory the way both adapters apply it: `planWrites` decides which patches are
 * written (with or without overwrite), each written cell takes the patch's value and format, and each new
 * sheet is placed with `placeSheet` (replacing a sheet jixiao added). No file format in between, so a
 * disagreement found here is the engine's own.
 */
export interface ScoredRun {
  readonly input: WorkbookInput;
  readonly written: CellPatch[];
  readonly skipped: CellPatch[];
  readonly unchanged: CellPatch[];
  readonly newSheets: NewSheet[];
}

export function scoreInMemory(input: WorkbookInput, settings?: unknown, overwrite = false): ScoredRun {
  const plan = planWorkbookScores(input, settings);
  const { toWrite, skipped, unchanged } = planWrites(plan.patches, currentCellsOf(input), overwrite);
  let out = applyPatches(input, toWrite);
  for (const ns of plan.newSheets) out = addSheet(out, ns);
  return { input: out, written: toWrite, skipped: skipped.map((s) => s.patch), unchanged, newSheets: plan.newSheets };
}

/** The workbook with the patches' values (and formats) in their cells. */
export function applyPatches(input: WorkbookInput, patches: readonly CellPatch[]): WorkbookInput {
  return {
    ...input,
    sheets: input.sheets.map((s) => {
      const mine = patches.filter((p) => p.sheet === s.name);
      if (mine.length === 0) return s;
      const at = new Map(mine.map((p) => [key(parseA1(p.cell)), p]));
      const kept = sheetCells(s).filter((c) => !at.has(key(c)));
      const replaced = new Map(
        sheetCells(s)
          .filter((c) => at.has(key(c)))
          .map((c) => [key(c), c]),
      );
      const added: CellInput[] = mine.map((p) => {
        const { row, col } = parseA1(p.cell);
        const before = replaced.get(key({ row, col }));
        const numFmt = p.numFmt ?? before?.numFmt;
        return {
          row,
          col,
          value: typeof p.value === 'number' ? { kind: 'number', value: p.value } : { kind: 'string', value: p.value },
          ...(numFmt ? { numFmt } : {}),
        };
      });
      return withCells(s, [...kept, ...added]);
    }),
  };
}

/** Adds (or replaces, when jixiao added it before) a sheet of plain rows, remembering it as jixiao's. */
export function addSheet(input: WorkbookInput, ns: NewSheet): WorkbookInput {
  const added = input.addedSheets ?? [];
  const { name, replaces } = placeSheet(
    ns.name,
    input.sheets.map((s) => s.name),
    added,
  );
  const cells: CellInput[] = [];
  ns.rows.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v === null || v === '') return;
      const numFmt = i > 0 ? ns.numFmts?.[j] : undefined;
      cells.push({
        row: i + 1,
        col: j + 1,
        value: typeof v === 'number' ? { kind: 'number', value: v } : { kind: 'string', value: v },
        ...(numFmt ? { numFmt } : {}),
      });
    }),
  );
  const sheet: SheetInput = { name, cells, merges: [] };
  const sheets = replaces ? input.sheets.map((s) => (s.name === name ? sheet : s)) : [...input.sheets, sheet];
  return { ...input, sheets, addedSheets: [...new Set([...added, name])] };
}

function key(c: { row: number; col: number }): string {
  return `${c.row}:${c.col}`;
}
