import { z } from 'zod';
import type { Sheet } from '../model/sheet';
import { columnNumber } from '../model/address';
import type { HeaderMatch } from '../header';
import { BUDGET_WORDS, COST_WORDS, FUND_WORDS, INDICATOR_WORDS, LEDGER_WORDS, SELFEVAL_WORDS } from './vocabulary';

/**
 * A user's correction of how a table was read: on sheet `sheet`, the header in row `headerRow` has
 * these column roles (`{ H: 'score', E: 'weight', F: 'ignore' }`). Kept in the workbook's settings
 * like rule overrides; applied by the layout reader before any family reads the table.
 */
export const COLUMN_ROLES = [
  ...new Set([
    ...Object.keys(INDICATOR_WORDS),
    ...Object.keys(SELFEVAL_WORDS),
    ...Object.keys(FUND_WORDS),
    ...Object.keys(BUDGET_WORDS),
    ...Object.keys(COST_WORDS),
    ...Object.keys(LEDGER_WORDS),
    'ignore',
  ]),
] as readonly string[];

const roleSchema = z.string().refine((r) => COLUMN_ROLES.includes(r), {
  message: `未知的列角色，可用的角色：${COLUMN_ROLES.join('、')}`,
});

export const tableCorrectionSchema = z.object({
  sheet: z.string().min(1, { message: '缺少工作表名 sheet' }),
  headerRow: z
    .number({ invalid_type_error: 'headerRow 应为表头所在的行号（数字）', required_error: '缺少表头行号 headerRow' })
    .int()
    .min(1, { message: 'headerRow 应为表头所在的行号（≥ 1）' }),
  columns: z.record(z.string().regex(/^[A-Za-z]{1,3}$/, { message: '列应写作字母，如 H' }), roleSchema),
});

export type TableCorrection = z.infer<typeof tableCorrectionSchema>;

/** The correction for a header row of a sheet, if the user gave one. */
export function correctionFor(
  corrections: readonly TableCorrection[] | undefined,
  sheet: string,
  row: number,
): TableCorrection | undefined {
  return corrections?.find((c) => c.sheet === sheet && c.headerRow === row);
}

/**
 * A header with the user's roles applied: a corrected column takes its role (and leaves any role it
 * had), a role given to a column is taken from the column the reader chose, `ignore` drops a column.
 * Roles the family does not know are left out (a `date` role means nothing to an indicator table).
 */
export function applyCorrection<R extends string>(
  sheet: Sheet,
  h: HeaderMatch<R>,
  correction: TableCorrection,
  familyRoles: readonly R[],
): { header: HeaderMatch<R>; corrected: Set<number> } {
  const cols: Partial<Record<R, number>> = { ...h.cols };
  const texts: Partial<Record<R, string>> = { ...h.texts };
  const all: Partial<Record<R, number[]>> = {};
  for (const [role, list] of Object.entries(h.all) as [R, number[]][]) all[role] = [...list];
  const corrected = new Set<number>();
  for (const [letters, role] of Object.entries(correction.columns)) {
    const col = columnNumber(letters.toUpperCase());
    corrected.add(col);
    for (const r of Object.keys(cols) as R[]) if (cols[r] === col) delete cols[r];
    for (const r of Object.keys(all) as R[]) all[r] = all[r]!.filter((c) => c !== col);
    if (role === 'ignore' || !familyRoles.includes(role as R)) continue;
    const r = role as R;
    cols[r] = col;
    texts[r] = sheet.text(h.row, col).trim() || role;
    all[r] = [...new Set([col, ...(all[r] ?? [])])].sort((a, b) => a - b);
  }
  for (const r of Object.keys(all) as R[]) if (all[r]!.length === 0) delete all[r];
  // The role's column is the leftmost remaining one where the user did not name it.
  for (const r of Object.keys(all) as R[]) if (cols[r] === undefined) cols[r] = all[r]![0];
  const used = Object.values(cols).filter((c): c is number => c !== undefined);
  const firstCol = used.length ? Math.min(...used) : h.firstCol;
  const lastCol = used.length ? Math.max(...used) : h.lastCol;
  return { header: { row: h.row, cols, texts, all, firstCol, lastCol }, corrected };
}

/** A header built from a correction alone, for a row the reader did not take for a header. */
export function headerFromCorrection<R extends string>(
  sheet: Sheet,
  correction: TableCorrection,
  familyRoles: readonly R[],
): HeaderMatch<R> {
  const none = {} as Partial<Record<R, never>>;
  const empty: HeaderMatch<R> = {
    row: correction.headerRow,
    cols: none,
    texts: none,
    all: none,
    firstCol: 1,
    lastCol: 1,
  };
  return applyCorrection(sheet, empty, correction, familyRoles).header;
}

export interface CorrectedHeader<R extends string> {
  readonly header: HeaderMatch<R>;
  /** Columns whose role the user set. */
  readonly corrected: ReadonlySet<number>;
}

/**
 * A family's headers on a sheet with the user's corrections applied: a corrected header row replaces
 * what was matched there, or is added when the reader found none there; `accept` says whether the
 * family reads a table under the (corrected) header.
 */
export function correctHeaders<R extends string>(
  sheet: Sheet,
  found: readonly HeaderMatch<R>[],
  corrections: readonly TableCorrection[] | undefined,
  familyRoles: readonly R[],
  accept: (h: HeaderMatch<R>) => boolean,
): CorrectedHeader<R>[] {
  const none: ReadonlySet<number> = new Set();
  const out: CorrectedHeader<R>[] = found.filter(accept).map((header) => ({ header, corrected: none }));
  for (const c of corrections ?? []) {
    if (c.sheet !== sheet.name) continue;
    const at = found.find((h) => h.row === c.headerRow);
    const fixed = at
      ? applyCorrection(sheet, at, c, familyRoles)
      : {
          header: headerFromCorrection(sheet, c, familyRoles),
          corrected: new Set(Object.keys(c.columns).map((l) => columnNumber(l.toUpperCase()))),
        };
    const i = out.findIndex((o) => o.header.row === c.headerRow);
    if (i >= 0) out.splice(i, 1);
    if (accept(fixed.header)) out.push(fixed);
  }
  return out.sort((a, b) => a.header.row - b.header.row);
}
