/* global Excel */
import { MARK_COLORS, cellKey, strongestPerCell, type Highlight } from '../engine';
import { protectedSheetError } from './errors';
import { MARKS_KEY, saveDocumentSettings, storedMarks, type DocumentSettings, type StoredMark } from './state';

/**
 * Marking finding cells in Excel and taking the marks off again. The original fill of each cell is kept
 * in the document settings before any cell is touched, so a failure half-way can still be undone, and a
 * fill the user changed since is never replaced by the remembered one.
 */

/** Fills the cells (the most severe finding decides a cell's colour), remembering each cell's original fill. */
export async function markCells(
  context: Excel.RequestContext,
  cells: readonly Highlight[],
  settings: DocumentSettings,
): Promise<void> {
  const marks = storedMarks(settings);
  const known = new Map(marks.map((m) => [cellKey(m.sheet, m.cell), m]));
  const wanted = strongestPerCell(cells);
  const sheets = new Map<string, Excel.Worksheet>();
  for (const c of wanted.values()) {
    if (sheets.has(c.sheet)) continue;
    const ws = context.workbook.worksheets.getItem(c.sheet);
    ws.load('protection/protected');
    sheets.set(c.sheet, ws);
  }
  const fills = new Map<string, Excel.RangeFill>();
  for (const [k, c] of wanted) {
    if (known.has(k)) continue; // marked before: its original fill is already kept
    const fill = sheets.get(c.sheet)!.getRange(c.cell).format.fill;
    fill.load('color,pattern,patternColor,tintAndShade');
    fills.set(k, fill);
  }
  await context.sync();
  const locked = [...sheets].filter(([, ws]) => ws.protection.protected === true).map(([n]) => n);
  if (locked.length) throw protectedSheetError(locked);

  const next = new Map(known);
  for (const [k, c] of wanted) {
    const mark = MARK_COLORS[c.severity];
    const fill = fills.get(k);
    const prev = known.get(k);
    next.set(
      k,
      prev
        ? { ...prev, mark }
        : {
            sheet: c.sheet,
            cell: c.cell,
            mark,
            color: stringOrNull(fill?.color),
            pattern: stringOrNull(fill?.pattern),
            patternColor: stringOrNull(fill?.patternColor),
            tintAndShade: typeof fill?.tintAndShade === 'number' ? fill.tintAndShade : null,
          },
    );
  }
  // Keep the originals before touching any cell, so a failure below can still be undone.
  settings.set(MARKS_KEY, [...next.values()]);
  await saveDocumentSettings(settings);
  for (const c of wanted.values()) sheets.get(c.sheet)!.getRange(c.cell).format.fill.color = MARK_COLORS[c.severity];
  await context.sync();
}

/** Puts back the original fill of every marked cell still marked as jixiao left it; returns the marks kept (none). */
export async function clearMarks(context: Excel.RequestContext, marks: readonly StoredMark[]): Promise<StoredMark[]> {
  const all = context.workbook.worksheets;
  all.load('items/name');
  await context.sync();
  const present = new Set(all.items.map((s) => s.name));
  const live = marks.filter((m) => present.has(m.sheet));
  const fills = live.map((m) => {
    const fill = all.getItem(m.sheet).getRange(m.cell).format.fill;
    fill.load('color');
    return fill;
  });
  await context.sync();
  live.forEach((m, i) => {
    const fill = fills[i];
    // The user refilled the cell since: their fill wins over the remembered one.
    if (String(fill.color).toUpperCase() !== m.mark.toUpperCase()) return;
    restoreFill(fill, m);
  });
  await context.sync();
  return [];
}

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function restoreFill(fill: Excel.RangeFill, m: StoredMark): void {
  fill.clear();
  if (m.pattern === null || m.pattern === 'None' || m.color === null) return;
  fill.color = m.color;
  if (m.pattern !== 'Solid') fill.pattern = m.pattern as Excel.FillPattern;
  if (m.patternColor) fill.patternColor = m.patternColor;
  if (typeof m.tintAndShade === 'number' && m.tintAndShade !== 0) fill.tintAndShade = m.tintAndShade;
}
