import type { Sheet } from '../model/sheet';
import { columnLetters as colToLetters } from '../model/address';
import type { HeaderMatch } from '../header';
import type { RowRead } from './rows';
import { ROLE_ZH } from './vocabulary';

/**
 * The layout reader every table family uses: header band and column roles (vocabulary.ts, header.ts),
 * row classes and the table's extent (rows.ts), its title (title.ts), and user corrections of column
 * roles (corrections.ts). What it read is kept on the table as a `TableLayout`, which `--explain`
 * and the pane's table list print.
 */
export * from './vocabulary';
export * from './rows';
export * from './title';
export * from './corrections';

import type { ColumnRead, RowSkipped } from '../model/table';
export type { ColumnRead, RowSkipped, TableLayout } from '../model/table';
export function skippedRows(rows: readonly RowRead[]): RowSkipped[] {
  const out: RowSkipped[] = [];
  for (const r of rows)
    if (
      r.kind === 'placeholder' ||
      r.kind === 'repeated-header' ||
      r.kind === 'section' ||
      r.kind === 'blank' ||
      r.kind === 'subtotal'
    )
      out.push({ row: r.row, kind: r.kind });
  return out;
}

/** A column read: its letter, role and header text; `qualifier` says more (`（三级）`, `（含分值）`). */
export function columnRead(
  sheet: Sheet,
  headerRow: number,
  col: number,
  role: string,
  qualifier = '',
  corrected = false,
  names: Readonly<Record<string, string>> = {},
): ColumnRead {
  return {
    col: colToLetters(col),
    role,
    as: `${names[role] ?? ROLE_ZH[role] ?? role}${qualifier}`,
    header: sheet.text(headerRow, col).trim(),
    ...(corrected ? { corrected: true } : {}),
  };
}

/** Columns of a header as matched (every column of a repeated role included), left to right. */
export function columnsOf(
  sheet: Sheet,
  h: HeaderMatch<string>,
  corrected: ReadonlySet<number> = new Set(),
  /** A family's own name for a role where it differs (执行率 for a funds `rate`). */
  names: Readonly<Record<string, string>> = {},
): ColumnRead[] {
  const out: { col: number; read: ColumnRead }[] = [];
  for (const [role, cols] of Object.entries(h.all)) {
    for (const col of cols ?? [])
      out.push({ col, read: columnRead(sheet, h.row, col, role, '', corrected.has(col), names) });
  }
  for (const [role, col] of Object.entries(h.cols))
    if (col !== undefined && !out.some((o) => o.col === col))
      out.push({ col, read: columnRead(sheet, h.row, col, role, '', corrected.has(col), names) });
  return out.sort((a, b) => a.col - b.col).map((o) => o.read);
}
// explain.ts reads the table union (../tables) and is imported directly by the front ends; re-exporting it here
// would make every family that uses the layout reader import the union that imports the families.
