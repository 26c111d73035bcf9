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

/** How the layout reader read a table (src/engine/layout): one column as the reader took it. */
export interface ColumnRead {
  /** Column letter (`H`). */
  readonly col: string;
  /** The role key (`score`, `weight`, `l1` …): see ROLE_ZH for the Chinese. */
  readonly role: string;
  /** What the role means here, in Chinese (`分值（三级）`, `一级指标（含分值）`). */
  readonly as: string;
  /** The header text as printed. */
  readonly header: string;
  /** True when the user's settings assigned this role. */
  readonly corrected?: boolean;
}

/** A row the reader passed over, and why. */
export interface RowSkipped {
  readonly row: number;
  readonly kind: 'placeholder' | 'repeated-header' | 'section' | 'blank' | 'subtotal';
}

export interface TableLayout {
  /** First and last row of the header band (a two-row header spans two). */
  readonly headerRows: readonly [number, number];
  /** Other header rows the table was read by (a 自评表's funds header above its 绩效指标 header). */
  readonly otherHeaderRows?: readonly number[];
  readonly columns: readonly ColumnRead[];
  readonly skipped: readonly RowSkipped[];
  /** The title row's cell, when the table has a real title. */
  readonly titleCell?: string;
}

/** The rows of an extent the families do not read as data, for `--explain`. */
