import type { WorkbookInput } from './model/sheet';
import type { CellPatch, NewSheet, SkippedPatch } from './patch';
import type { CellSnapshot } from './journal';
export type { CellSnapshot };

/**
 * What a host (Excel through Office.js, WPS 表格, or an .xlsx file through src/xlsx) offers the task pane and
 * the CLI. The engine never calls it: front ends read through it, run the engine, write through it.
 */
export type ReadScope = 'active' | 'all';

export interface ApplyOptions {
  /** Write over formulas and differing non-empty cells too (the user said so). */
  readonly overwrite?: boolean;
}

export interface ApplyResult {
  readonly written: CellPatch[];
  readonly skipped: SkippedPatch[];
}

export interface Highlight {
  readonly sheet: string;
  readonly cell: string;
  readonly severity: 'error' | 'warning' | 'info';
}

/** Fills for marked cells, the same in Excel and the workbench (Excel's own "bad/neutral" tones). */
export const MARK_COLORS: Readonly<Record<Highlight['severity'], string>> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

/** One key per cell of a workbook, however the address was written (`$C$16`, `c16`). */
export function cellKey(sheet: string, cell: string): string {
  return `${sheet}\u0000${cell.replace(/\$/g, '').toUpperCase()}`;
}

const SEVERITY_RANK: Readonly<Record<Highlight['severity'], number>> = { error: 0, warning: 1, info: 2 };

/** One fill per cell: where several findings share a cell, the most severe decides the colour. */
export function strongestPerCell(cells: readonly Highlight[]): Map<string, Highlight> {
  const wanted = new Map<string, Highlight>();
  for (const c of cells) {
    const k = cellKey(c.sheet, c.cell);
    const prev = wanted.get(k);
    if (!prev || SEVERITY_RANK[c.severity] < SEVERITY_RANK[prev.severity]) wanted.set(k, c);
  }
  return wanted;
}

export interface WorkbookPort {
  /** Values, number formats, formulas and merged areas of the active sheet or every sheet. */
  read(scope: ReadScope): Promise<WorkbookInput>;
  /** Writes patches all-or-nothing; formulas and differing cells are skipped unless `overwrite`. */
  apply(patches: readonly CellPatch[], options?: ApplyOptions): Promise<ApplyResult>;
  /** Adds (or replaces a sheet jixiao added before) with the given rows. */
  addSheet(sheet: NewSheet): Promise<void>;
  /**
   * Selects a cell so the user sees it; `related` (a finding's related cells, `A1` or `Sheet!A1`) are
   * outlined or selected with it where the host can (those on the same sheet).
   */
  select(sheet: string, cell: string, related?: readonly string[]): Promise<void>;
  /** Fills finding cells, remembering each cell's original fill so `clearHighlights` restores it. */
  highlight(cells: readonly Highlight[]): Promise<void>;
  clearHighlights(): Promise<void>;
  /**
   * What the cells hold now — value (a formula's result), formula, number format — for the write
   * journal: read just before a write and before 撤销回写. Cells on missing sheets are left out.
   */
  snapshot(cells: readonly { readonly sheet: string; readonly cell: string }[]): Promise<CellSnapshot[]>;
  /** Puts cells back as snapshotted (value or formula, and number format), all-or-nothing like apply. */
  restore(cells: readonly CellSnapshot[]): Promise<void>;
  /** Settings stored in the workbook (unvalidated: the caller validates). */
  loadSettings(): Promise<unknown>;
  saveSettings(settings: unknown): Promise<void>;
}
