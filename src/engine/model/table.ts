import type { TableLayout } from '../layout';

/**
 * What every table family's shape is built from. Families import these; the union of their tables
 * (`tables.ts`) sits above them, so no family module imports the union that imports it.
 */
export interface TableBase {
  /** `Sheet!A2:I57`-unique id, stable across runs on the same workbook. */
  readonly id: string;
  readonly sheet: string;
  /** A1 range from the header row (or title row) to the last data row. */
  readonly range: string;
  readonly headerRow: number;
  /** The title above the header (`附件4：绩效评价得分表`), if any. */
  readonly title?: string;
  /** How the layout reader read it: header band, column roles, rows skipped (`--explain`). */
  readonly layout?: TableLayout;
}

/** A number read from a cell, with where it came from and how it was shown. */
export interface NumberCell {
  readonly value: number;
  /** A1 of the cell holding it (the merge's top-left). */
  readonly cell: string;
  readonly numFmt?: string;
  readonly formula?: string;
  /** True when the cell held text that was read as a number (`98.82%`, `3,180.30`). */
  readonly fromText?: boolean;
}

/** A text read from a cell. */
export interface TextCell {
  readonly text: string;
  readonly cell: string;
}
