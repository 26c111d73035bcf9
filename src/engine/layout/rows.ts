import type { Sheet } from '../model/sheet';
import type { HeaderMatch } from '../header';
import { normalizeLabel } from '../text';
import { readNumber } from '../cells';

/**
 * What a row of a table is, as a person reading the printed form sees it:
 * - `data`: a row with values (an indicator, a fund line, a payment);
 * - `section`: a group label with nothing beside it (`质量指标`, `（一）农业生产发展`);
 * - `subtotal` / `total`: `小计`, `分项小计` / `合计`, `总分`, `总计`;
 * - `placeholder`: a row kept in the template and left unfilled (`……`, `指标2`, `—`);
 * - `repeated-header`: the header printed again before a section;
 * - `note`: text below the table (`注：`, `填表说明`, a sentence merged across the table);
 * - `blank`: nothing in the table's columns.
 */
export type RowKind = 'data' | 'section' | 'subtotal' | 'total' | 'placeholder' | 'repeated-header' | 'note' | 'blank';

/** The columns a row is read against. */
export interface RowFrame {
  readonly firstCol: number;
  readonly lastCol: number;
  /** Columns holding names and group labels (levels, the row label). */
  readonly labelCols: readonly number[];
  /** Columns holding figures (分值, 得分, amounts). */
  readonly valueCols: readonly number[];
  /** The header, to recognise it printed again. */
  readonly header: HeaderMatch<string>;
}

const TOTAL = /^(合计|总计|总分|总合计|综合得分|综合绩效|得分合计|合计得分|总得分|综合评分)$/;
const SUBTOTAL = /(小计|分项小计|分项合计)$/;
const NOTE = /^(注|备注|说明|填表说明|填报说明|填报单位|附注)\d*[:：]|^(填表说明|填报说明)$/;
/** Template rows nobody filled in: ellipses, dashes, `指标2`, `XXX`. */
const PLACEHOLDER = /^([.…。·、\-—–－/／\\无]+|指标\d+|x+|X+|××+|\*+|略|待填)$/;

export function isTotalLabel(text: string): boolean {
  return TOTAL.test(normalizeLabel(text));
}

export function isSubtotalLabel(text: string): boolean {
  return SUBTOTAL.test(normalizeLabel(text));
}

export function isPlaceholderText(text: string): boolean {
  return PLACEHOLDER.test(normalizeLabel(text));
}

interface RowCell {
  readonly col: number;
  readonly text: string;
  /** `normalizeLabel` of a text cell, '' for numbers and dates (never a total, note or placeholder). */
  readonly label: string;
  readonly spans: number;
}

/** The texts a row shows in the frame's columns, one per cell that starts on this row. */
function rowCells(sheet: Sheet, row: number, frame: RowFrame): RowCell[] {
  const out: RowCell[] = [];
  for (let col = frame.firstCol; col <= frame.lastCol; col++) {
    const m = sheet.mergeOf(row, col);
    // A cell merged down from a row above belongs to that row (a group label, a merged 分值).
    if (m && (m.top !== row || m.left !== col)) continue;
    const text = sheet.text(row, col).trim();
    if (text) out.push({ col, text, label: sheet.label(row, col), spans: m ? m.right - m.left + 1 : 1 });
  }
  return out;
}

/** True when `row` prints the header's role names again at the header's columns. */
export function isRepeatedHeader(sheet: Sheet, row: number, header: HeaderMatch<string>): boolean {
  if (row === header.row) return false;
  let named = 0;
  let same = 0;
  for (const [role, col] of Object.entries(header.cols)) {
    if (col === undefined) continue;
    named++;
    const text = header.texts[role];
    if (text !== undefined && sheet.isMaster(row, col) && sheet.label(row, col) === normalizeLabel(text)) same++;
  }
  return named >= 2 && same >= Math.max(2, Math.ceil(named * 0.6));
}

/** Classifies one row of a table (see RowKind). */
export function classifyRow(sheet: Sheet, row: number, frame: RowFrame): RowKind {
  if (isRepeatedHeader(sheet, row, frame.header)) return 'repeated-header';
  const cells = rowCells(sheet, row, frame);
  if (cells.length === 0) {
    // Only cells merged down from above: the row carries on what they hold (a second 分值 line).
    return frame.valueCols.some((col) => readNumber(sheet, row, col) !== undefined && sheet.isMaster(row, col))
      ? 'data'
      : 'blank';
  }
  const first = cells[0];
  if (NOTE.test(first.label)) return 'note';
  const width = frame.lastCol - frame.firstCol + 1;
  // One sentence merged across most of the table is a note below it (`填报单位（公章）：…`); a short
  // label merged across it is a section heading (`一、决策（20分）`) and the table goes on.
  if (cells.length === 1 && first.spans >= Math.max(3, Math.ceil(width * 0.6)) && !TOTAL.test(first.label))
    return first.text.length > 30 || /[:：]/.test(first.text) ? 'note' : 'section';
  const labelled = cells.filter(
    (c) => frame.labelCols.includes(c.col) || c.col < Math.min(...frame.labelCols, frame.lastCol + 1),
  );
  if (labelled.some((c) => TOTAL.test(c.label))) return 'total';
  if (labelled.some((c) => SUBTOTAL.test(c.label))) return 'subtotal';
  if (cells.every((c) => PLACEHOLDER.test(c.label))) return 'placeholder';
  const hasValue = frame.valueCols.some((col) => sheet.isMaster(row, col) && sheet.text(row, col).trim() !== '');
  if (!hasValue && cells.every((c) => frame.labelCols.includes(c.col) || c.col < Math.min(...frame.labelCols))) {
    // Labels only: a group label (`质量指标`) or a name left in a template (`指标2` was caught above).
    const named = cells.filter((c) => frame.labelCols.includes(c.col));
    const deepest = Math.max(...frame.labelCols);
    return named.some((c) => c.col === deepest && !PLACEHOLDER.test(c.label)) ? 'data' : 'section';
  }
  return 'data';
}

export interface RowRead {
  readonly row: number;
  readonly kind: RowKind;
}

export interface Extent {
  /** Every row from the first below the header band to the last one read, classified. */
  readonly rows: readonly RowRead[];
  /** The last row of the table (a data, subtotal or total row). */
  readonly last: number;
  readonly totalRow?: number;
}

/** How many blank rows may stand inside a table (left where rows were deleted). */
const BLANK_ROWS_INSIDE = 3;

/**
 * Walks down from `from` and decides where the table ends, by structure: a total row (kept), a note,
 * the end of the sheet or `limit`, or a run of blank rows after which nothing continues the table.
 * Placeholder, section and repeated-header rows never end it. `throughTotals` reads on past a total
 * (a money table may print 乡镇合计 rows before its 合计).
 */
export function readExtent(
  sheet: Sheet,
  frame: RowFrame,
  from: number,
  limit: number,
  opts: { readonly throughTotals?: boolean } = {},
): Extent {
  const rows: RowRead[] = [];
  let last = from - 1;
  const end = Math.min(limit, sheet.maxRow);
  for (let row = from; row <= end; row++) {
    const kind = classifyRow(sheet, row, frame);
    if (kind === 'note') break;
    if (kind === 'blank') {
      let next: number | undefined;
      for (let r = row + 1; r <= Math.min(end, row + BLANK_ROWS_INSIDE); r++) {
        const k = classifyRow(sheet, r, frame);
        if (k === 'blank') continue;
        // Past blank lines only figures continue a table: a text row there starts something else
        // (the next table's header, a signature line).
        if (
          k === 'total' ||
          k === 'subtotal' ||
          (k === 'data' && frame.valueCols.some((col) => readNumber(sheet, r, col) !== undefined))
        )
          next = r;
        break;
      }
      if (next === undefined) break;
      for (let r = row; r < next; r++) rows.push({ row: r, kind: 'blank' });
      row = next - 1;
      continue;
    }
    rows.push({ row, kind });
    if (kind === 'data' || kind === 'subtotal') last = row;
    if (kind === 'total' && !opts.throughTotals) return { rows, last: row, totalRow: row };
    if (kind === 'total') last = row;
  }
  // Trailing sections and placeholders (a template's unfilled tail) belong to the table too.
  const tail = rows.filter((r) => r.row > last && (r.kind === 'section' || r.kind === 'placeholder'));
  if (tail.length > 0) last = Math.max(last, tail[tail.length - 1].row);
  return { rows: rows.filter((r) => r.row <= last), last };
}

/**
 * The rows a header occupies: the header row, and the rows its cells are merged down over (a
 * two-row header: `采集数据项` over `数据项1 | 数据项2`).
 */
export function headerBandBottom(sheet: Sheet, header: HeaderMatch<string>): number {
  let bottom = header.bandBottom ?? header.row;
  for (const col of Object.values(header.cols)) {
    if (col === undefined) continue;
    const m = sheet.mergeOf(header.row, col);
    if (m && m.top === header.row) bottom = Math.max(bottom, Math.min(m.bottom, header.row + 2));
  }
  return bottom;
}

/**
 * One header per header band: a header printed on two rows (`指标` merged over `一级 | 二级 | 三级`
 * in the row below, `分值` and `得分` merged down over both) matches on both rows. The rows of one
 * band are joined into one header: its first row, every role either row names (the lower row's
 * word where both name one), and `bandBottom` its last row.
 */
export function joinHeaderBands<R extends string>(sheet: Sheet, found: readonly HeaderMatch<R>[]): HeaderMatch<R>[] {
  const out: HeaderMatch<R>[] = [];
  for (const h of found) {
    const prev = out[out.length - 1];
    if (prev && h.row > prev.row && h.row <= headerBandBottom(sheet, prev)) out[out.length - 1] = joinTwo(prev, h);
    else out.push(h);
  }
  return out;
}

function joinTwo<R extends string>(upper: HeaderMatch<R>, lower: HeaderMatch<R>): HeaderMatch<R> {
  const cols: Partial<Record<R, number>> = {};
  const texts: Partial<Record<R, string>> = {};
  const all: Partial<Record<R, number[]>> = {};
  const taken = new Set<number>();
  // The lower row names the columns it prints words in; the upper row the ones merged down to it.
  for (const h of [lower, upper])
    for (const [role, col] of Object.entries(h.cols) as [R, number][]) {
      if (cols[role] !== undefined || taken.has(col)) continue;
      cols[role] = col;
      texts[role] = h.texts[role];
      taken.add(col);
    }
  for (const h of [lower, upper])
    for (const [role, list] of Object.entries(h.all) as [R, number[]][])
      all[role] = [...new Set([...(all[role] ?? []), ...list])].sort((a, b) => a - b);
  const used = Object.values(cols) as number[];
  return {
    row: upper.row,
    cols,
    texts,
    all,
    firstCol: Math.min(...used),
    lastCol: Math.max(...used),
    bandBottom: Math.max(lower.bandBottom ?? lower.row, upper.bandBottom ?? upper.row),
  };
}
