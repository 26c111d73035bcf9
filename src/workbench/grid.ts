import { Sheet, columnLetters, formatCell, toA1, type RangeRef, type SheetInput } from '../engine';
import type { CellLook, SheetLayout } from '../xlsx/read';

/** One drawn cell: the top-left of a merge spans the area, the others are not drawn. */
export interface GridCell {
  readonly address: string;
  readonly col: number;
  /** What Excel shows (number format applied). */
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly align: 'left' | 'center' | 'right';
  readonly vertical: 'top' | 'middle' | 'bottom';
  readonly wrap: boolean;
  readonly bold: boolean;
  /** CSS colour of a solid fill, e.g. jixiao's marks. */
  readonly fill?: string;
  readonly formula?: string;
}

export interface GridRow {
  readonly row: number;
  readonly heightPx?: number;
  readonly cells: readonly GridCell[];
}

export interface GridView {
  readonly sheet: string;
  readonly columns: readonly { readonly letter: string; readonly widthPx: number }[];
  readonly rows: readonly GridRow[];
  /** Rows the sheet has beyond those drawn. */
  readonly moreRows: number;
}

/** Excel's default column is 8.43 characters ≈ 64 px; a character is ≈ 7 px plus 5 px padding. */
const charsToPx = (w: number | undefined) => Math.round((w ?? 8.43) * 7 + 5);
const pointsToPx = (h: number | undefined) => (h ? Math.round((h * 4) / 3) : undefined);

/** The widest grid drawn: a stray cell at column XFD would otherwise make a page of 16,384 columns. */
const MAX_COLS = 200;

const PLAIN: CellLook = { bold: false, wrap: false };

/**
 * What the workbench draws for a worksheet: rows up to `maxRows` (a 100,000-row ledger would
 * stall the page; the engine still reads all of it), merged areas as spans, values as Excel
 * shows them (the engine's `formatCell` with the cell's number format), each cell's bold, solid
 * fill and alignment from its style. Hidden rows and columns are left out, as in Excel.
 *
 * `sheet`: the sheet as the engine reads it (values, formats, formulas, merges, hidden rows);
 * `layout` and `looks`: from `readWorkbookView` with at least `maxRows` rows.
 */
export function gridView(
  input: SheetInput,
  layout: SheetLayout | undefined,
  looks: readonly CellLook[],
  maxRows = 1000,
): GridView {
  const sheet = new Sheet(input);
  const styledRows = layout?.styles.length ? layout.styles.length - 1 : 0;
  const lastRow = Math.max(sheet.maxRow, styledRows);
  let lastCol = Math.max(1, sheet.maxCol);
  for (const cols of layout?.styles ?? []) if (cols) lastCol = Math.max(lastCol, cols.length - 1);
  lastCol = Math.min(lastCol, MAX_COLS);
  const drawnRows = Math.min(lastRow, maxRows);

  const columns = Array.from({ length: lastCol }, (_, i) => {
    const def = layout?.columns.find((c) => i + 1 >= c.min && i + 1 <= c.max);
    // A column of width 0 is hidden, as Excel draws it.
    const hidden = def?.hidden || def?.width === 0;
    return { letter: columnLetters(i + 1), widthPx: hidden ? 0 : charsToPx(def?.width ?? layout?.defaultColWidth) };
  });

  // A row hidden, or of height 0, is not drawn and does not count in a merge's span.
  const shown = (r: number) => !sheet.hiddenRows.has(r) && layout?.heights[r] !== 0;
  const firstShown = (m: RangeRef) => {
    for (let r = m.top; r <= Math.min(m.bottom, drawnRows); r++) if (shown(r)) return r;
    return undefined;
  };
  const rows: GridRow[] = [];
  for (let r = 1; r <= drawnRows; r++) {
    if (!shown(r)) continue;
    const cells: GridCell[] = [];
    for (let c = 1; c <= lastCol; c++) {
      const m = sheet.mergeOf(r, c);
      // A merge is drawn once, from its first shown row (its top one unless that is hidden), at its left
      // column; every other cell of it is covered.
      if (m && (m.left !== c || firstShown(m) !== r)) continue;
      let rowSpan = 1;
      if (m) {
        rowSpan = 0;
        for (let rr = r; rr <= Math.min(m.bottom, drawnRows); rr++) if (shown(rr)) rowSpan++;
      }
      const colSpan = m ? Math.min(m.right, lastCol) - c + 1 : 1;
      const at = m ? { row: m.top, col: m.left } : { row: r, col: c };
      const look = looks[layout?.styles[at.row]?.[at.col] ?? 0] ?? PLAIN;
      cells.push(gridCell(sheet, at.row, at.col, look, { rowSpan: Math.max(1, rowSpan), colSpan }));
    }
    rows.push({ row: r, heightPx: pointsToPx(layout?.heights[r] ?? layout?.defaultRowHeight), cells });
  }
  return { sheet: sheet.name, columns, rows, moreRows: Math.max(0, lastRow - drawnRows) };
}

function gridCell(
  sheet: Sheet,
  row: number,
  col: number,
  look: CellLook,
  s: { rowSpan: number; colSpan: number },
): GridCell {
  const value = sheet.own(row, col);
  const formula = sheet.formula(row, col);
  const text = formatCell(value, sheet.numFmt(row, col));
  // Excel's General alignment: numbers and dates to the right, text to the left, booleans/errors centred.
  const natural =
    value.kind === 'number' || value.kind === 'date'
      ? 'right'
      : value.kind === 'boolean' || value.kind === 'error'
        ? 'center'
        : 'left';
  const horizontal = look.horizontal;
  const align =
    horizontal === 'center' || horizontal === 'centerContinuous' || horizontal === 'distributed'
      ? 'center'
      : horizontal === 'right'
        ? 'right'
        : horizontal === 'left'
          ? 'left'
          : natural;
  const vertical =
    look.vertical === 'top'
      ? 'top'
      : look.vertical === 'center' || look.vertical === 'distributed' || look.vertical === 'justify'
        ? 'middle'
        : 'bottom';
  return {
    address: toA1(row, col),
    col,
    text,
    ...s,
    align,
    vertical,
    wrap: look.wrap,
    bold: look.bold,
    ...(look.fill ? { fill: look.fill } : {}),
    ...(formula !== undefined ? { formula } : {}),
  };
}
