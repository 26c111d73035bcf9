import type { CellInput, CellValue } from '../../src/engine/model/cell';
import type { SheetInput } from '../../src/engine/model/sheet';

export type GridValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | { date: string }
  | { error: string }
  | { v: number | string; fmt: string };

function toValue(v: GridValue): { value: CellValue; numFmt?: string } | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return { value: { kind: 'number', value: v } };
  if (typeof v === 'string') return { value: { kind: 'string', value: v } };
  if (typeof v === 'boolean') return { value: { kind: 'boolean', value: v } };
  if ('date' in v) return { value: { kind: 'date', value: v.date }, numFmt: 'yyyy-mm-dd' };
  if ('error' in v) return { value: { kind: 'error', value: v.error } };
  const inner = toValue(v.v)!;
  return { ...inner, numFmt: v.fmt };
}

/** A sheet from rows of values (row 1 first), for tests that need a layout the samples lack. */
export function gridSheet(
  name: string,
  rows: readonly (readonly GridValue[])[],
  merges: readonly string[] = [],
): SheetInput {
  const cells: CellInput[] = [];
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      const c = toValue(v);
      if (c) cells.push({ row: i + 1, col: j + 1, ...c });
    }),
  );
  return { name, cells, merges };
}
