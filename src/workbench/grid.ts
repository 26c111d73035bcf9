import type ExcelJS from 'exceljs';
import { formatCell } from '../engine';
import { columnLetters, parseRange } from '../engine';
import { convertValue, mergesOf } from '../xlsx/read';

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

function argbToCss(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9a-f]{6,8}$/i.test(argb)) return undefined;
  return `#${argb.slice(-6)}`;
}

function solidFill(fill: ExcelJS.Fill | undefined): string | undefined {
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return undefined;
  return argbToCss(fill.fgColor?.argb);
}

/**
 * What the workbench draws for a worksheet: rows up to `maxRows` (a 100,000-row ledger would
 * stall the page; the engine still reads all of it), merged areas as spans, values as Excel
 * shows them. Hidden rows are left out, as in Excel.
 */
export function gridView(ws: ExcelJS.Worksheet, maxRows = 1000): GridView {
  const lastRow = ws.rowCount;
  const merges = mergesOf(ws).map((m) => parseRange(m));
  let lastCol = Math.max(1, ws.columnCount);
  for (const m of merges) lastCol = Math.max(lastCol, m.right);
  lastCol = Math.min(lastCol, 200);
  const drawnRows = Math.min(lastRow, maxRows);

  // A merge's master cell spans; every other cell of it is covered.
  const span = new Map<string, { rowSpan: number; colSpan: number }>();
  const covered = new Set<string>();
  for (const m of merges) {
    span.set(`${m.top}:${m.left}`, { rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1 });
    for (let r = m.top; r <= Math.min(m.bottom, drawnRows); r++)
      for (let c = m.left; c <= Math.min(m.right, lastCol); c++)
        if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }

  const columns = Array.from({ length: lastCol }, (_, i) => {
    const column = ws.getColumn(i + 1);
    return { letter: columnLetters(i + 1), widthPx: column.hidden ? 0 : charsToPx(column.width) };
  });

  const rows: GridRow[] = [];
  for (let r = 1; r <= drawnRows; r++) {
    const row = ws.getRow(r);
    if (row.hidden) continue;
    const cells: GridCell[] = [];
    for (let c = 1; c <= lastCol; c++) {
      const k = `${r}:${c}`;
      if (covered.has(k)) continue;
      const s = span.get(k) ?? { rowSpan: 1, colSpan: 1 };
      // Hidden rows are not drawn, so they do not count in the span either.
      let rowSpan = 0;
      for (let rr = r; rr < r + s.rowSpan && rr <= drawnRows; rr++) if (!ws.getRow(rr).hidden) rowSpan++;
      cells.push(
        gridCell(ws.getCell(r, c), c, { rowSpan: Math.max(1, rowSpan), colSpan: Math.min(s.colSpan, lastCol - c + 1) }),
      );
    }
    rows.push({ row: r, heightPx: pointsToPx(row.height), cells });
  }
  return { sheet: ws.name, columns, rows, moreRows: Math.max(0, lastRow - drawnRows) };
}

function gridCell(cell: ExcelJS.Cell, col: number, s: { rowSpan: number; colSpan: number }): GridCell {
  const { value, formula } = convertValue(cell.value);
  const numFmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
  const text = formatCell(value, numFmt);
  const alignment = cell.alignment ?? {};
  // Excel's General alignment: numbers and dates to the right, text to the left, booleans/errors centred.
  const natural =
    value.kind === 'number' || value.kind === 'date'
      ? 'right'
      : value.kind === 'boolean' || value.kind === 'error'
        ? 'center'
        : 'left';
  const horizontal = alignment.horizontal;
  const align =
    horizontal === 'center' || horizontal === 'centerContinuous'
      ? 'center'
      : horizontal === 'right'
        ? 'right'
        : horizontal === 'left'
          ? 'left'
          : natural;
  const vertical =
    alignment.vertical === 'top'
      ? 'top'
      : alignment.vertical === 'middle' || alignment.vertical === 'distributed' || alignment.vertical === 'justify'
        ? 'middle'
        : 'bottom';
  return {
    address: cell.address,
    col,
    text,
    ...s,
    align,
    vertical,
    wrap: Boolean(alignment.wrapText),
    bold: Boolean(cell.font?.bold),
    ...(solidFill(cell.fill) ? { fill: solidFill(cell.fill) } : {}),
    ...(formula !== undefined ? { formula } : {}),
  };
}
