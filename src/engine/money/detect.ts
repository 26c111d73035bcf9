import type { Sheet } from '../model/sheet';
import { rangeContains, rangeToA1, type RangeRef } from '../model/address';
import { findHeaderRows, unitAbove, type HeaderMatch } from '../header';
import {
  BUDGET_WORDS,
  COST_WORDS,
  LEDGER_WORDS,
  columnsOf,
  correctHeaders,
  joinHeaderBands,
  headerBandBottom,
  readExtent,
  rolesFromWords,
  skippedRows,
  titleOf,
  type RowFrame,
} from '../layout';
import { normalizeLabel } from '../text';
import { readNumber, readText } from '../cells';
import type { DetectContext } from '../pipeline';
import type { NumberCell, TextCell } from '../model/table';
import type {
  BudgetTable,
  CostTable,
  DateNote,
  LedgerDateReading,
  LedgerEntry,
  LedgerTable,
  MoneyColumnRole,
  MoneyRow,
  MoneyRowLevel,
} from './types';
import { cellText, isBlank, type CellValue } from '../model/cell';
import { serialToIso, textDateIso } from '../dates';

const BUDGET_ROLES = rolesFromWords(BUDGET_WORDS);
const COST_ROLES = rolesFromWords(COST_WORDS);
const LEDGER_ROLES = rolesFromWords(LEDGER_WORDS);
type BudgetRole = keyof typeof BUDGET_WORDS;
type CostRole = keyof typeof COST_WORDS;
type LedgerRole = keyof typeof LEDGER_WORDS;

const free = (ctx: DetectContext, row: number, col: number) => !ctx.claimed.some((c) => rangeContains(c, row, col));

export function detectMoneyTables(sheet: Sheet, ctx: DetectContext): (BudgetTable | CostTable | LedgerTable)[] {
  const out: (BudgetTable | CostTable | LedgerTable)[] = [];
  const fix = ctx.settings.tables;
  // A budget needs a row label, some budget (年初 or 调整后/全年) and what was spent.
  const budgets = joinHeaderBands(
    sheet,
    findHeaderRows<BudgetRole>(sheet, BUDGET_ROLES, { required: ['label', 'actual'] }),
  );
  for (const { header: h, corrected } of correctHeaders(
    sheet,
    budgets,
    fix,
    Object.keys(BUDGET_WORDS) as BudgetRole[],
    isBudgetHeader,
  ))
    if (free(ctx, h.row, h.firstCol)) out.push(amountTable(sheet, h, 'budget', corrected) as BudgetTable);
  const costs = findHeaderRows<CostRole>(sheet, COST_ROLES, { required: ['label', 'planCost', 'actualCost'] });
  for (const { header: h, corrected } of correctHeaders(
    sheet,
    costs,
    fix,
    Object.keys(COST_WORDS) as CostRole[],
    () => true,
  ))
    if (free(ctx, h.row, h.firstCol)) out.push(amountTable(sheet, h, 'cost', corrected) as CostTable);
  const ledgers = findHeaderRows<LedgerRole>(sheet, LEDGER_ROLES, { required: ['date'], minRoles: 3 });
  for (const { header: h, corrected } of correctHeaders(
    sheet,
    ledgers,
    fix,
    Object.keys(LEDGER_WORDS) as LedgerRole[],
    (x) => x.cols.date !== undefined,
  ))
    if (free(ctx, h.row, h.firstCol)) {
      const t = ledgerTable(sheet, h, corrected, ctx.workbook.date1904);
      if (t) out.push(t);
    }
  return out;
}

function isBudgetHeader(h: HeaderMatch<BudgetRole>): boolean {
  return (
    h.cols.label !== undefined &&
    h.cols.actual !== undefined &&
    (h.cols.budget !== undefined || h.cols.adjustedBudget !== undefined)
  );
}

function levelOf(label: string): MoneyRowLevel {
  const n = normalizeLabel(label);
  if (/^(合计|总计|总合计)$/.test(n)) return 'total';
  if (/(小计|合计)$/.test(n)) return 'subtotal';
  if (/^其中/.test(n)) return 'part';
  if (/^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十]+[)）]/.test(n)) return 'category';
  return 'item';
}

function amountTable(
  sheet: Sheet,
  h: HeaderMatch<string>,
  kind: 'budget' | 'cost',
  corrected: ReadonlySet<number>,
): BudgetTable | CostTable {
  const cols = h.cols as Partial<Record<MoneyColumnRole | 'label', number>>;
  const labelCol = cols.label!;
  const rows: MoneyRow[] = [];
  let partsOf: { parent: MoneyRow; left: number } | undefined;
  let bottom = h.row;
  const mainCol: MoneyColumnRole =
    kind === 'budget' ? (cols.budget !== undefined ? 'budget' : 'adjustedBudget') : 'planCost';
  const moneyRoles = (Object.keys(cols) as (MoneyColumnRole | 'label')[]).filter(
    (r): r is MoneyColumnRole => r !== 'label',
  );
  const frame: RowFrame = {
    firstCol: h.firstCol,
    lastCol: h.lastCol,
    labelCols: [labelCol],
    valueCols: moneyRoles.map((r) => cols[r]!),
    header: h,
  };
  // Where the table ends is the layout reader's call: a category row (（一）农业生产发展), a line with
  // no figures or a blank line inside the table does not end it; a 合计 may be followed by more.
  const extent = readExtent(sheet, frame, headerBandBottom(sheet, h) + 1, sheet.maxRow, { throughTotals: true });
  for (const { row, kind: rowKind } of extent.rows) {
    if (rowKind === 'blank' || rowKind === 'repeated-header' || rowKind === 'placeholder') continue;
    // The label may be merged across a 序号 column (A17:B17 合计) or sit in the label column.
    const label = readText(sheet, row, labelCol) ?? readText(sheet, row, h.firstCol);
    if (!label) continue;
    const values: Partial<Record<MoneyColumnRole, NumberCell>> = {};
    for (const role of moneyRoles) {
      const n = readNumber(sheet, row, cols[role]!);
      // A ratio merged over every row (成本节约率 E4:E17) belongs to the total, not to each row.
      const m = sheet.mergeOf(row, cols[role]!);
      if (n && (!m || m.top === m.bottom || m.top === row)) values[role] = n;
    }
    let level = levelOf(label.text);
    if (level === 'category' && Object.keys(values).length > 0) level = 'item';
    // A line with no figures is a group heading (or an unfilled line): it neither counts nor ends.
    if (Object.keys(values).length === 0) level = 'category';
    // 其中 rows break down the row above; an unprefixed row right after them belongs to the same
    // breakdown while the parts add up to no more than the parent (三公经费 rows 7–8 under row 6).
    if (level === 'part') {
      const parent = [...rows].reverse().find((r) => r.level === 'item');
      partsOf = parent ? { parent, left: parent.values[mainCol]?.value ?? 0 } : undefined;
    } else if (
      level === 'item' &&
      partsOf &&
      partsOf.left > 0 &&
      (values[mainCol]?.value ?? Infinity) <= partsOf.left
    ) {
      level = 'part';
    } else partsOf = undefined;
    if (level === 'part' && partsOf) partsOf.left -= values[mainCol]?.value ?? 0;
    rows.push({ row, label, level, values });
    if (level !== 'category') bottom = row;
  }
  // Group headings after the last line with figures are not part of the table.
  while (rows.length > 0 && rows[rows.length - 1].level === 'category') rows.pop();
  const range: RangeRef = { top: h.row, left: h.firstCol, bottom, right: h.lastCol };
  const unit = unitAbove(sheet, h.row);
  const title = titleOf(sheet, h.row);
  const { label: _l, ...moneyCols } = cols;
  return {
    kind,
    id: `${sheet.name}!${rangeToA1(range)}`,
    sheet: sheet.name,
    range: rangeToA1(range),
    headerRow: h.row,
    ...(title ? { title: title.text } : {}),
    ...(unit ? { unit } : {}),
    cols: moneyCols,
    rows,
    layout: {
      headerRows: [h.row, headerBandBottom(sheet, h)],
      columns: columnsOf(sheet, h, corrected, { rate: '执行率' }),
      skipped: skippedRows(extent.rows.filter((r) => r.row <= bottom)),
      ...(title ? { titleCell: title.cell } : {}),
    },
  } as BudgetTable | CostTable;
}

function ledgerTable(
  sheet: Sheet,
  h: HeaderMatch<string>,
  corrected: ReadonlySet<number>,
  date1904: boolean,
): LedgerTable | undefined {
  const c = h.cols as Partial<Record<LedgerRole, number>>;
  const dateCol = c.date!;
  const entries: LedgerEntry[] = [];
  const dates = new DateColumn(date1904);
  let bottom = h.row;
  // One entry per payment of a ledger that may run to 100,000 rows: fields are set one by one in a
  // fixed order (the order of LedgerEntry), without a closure or spread per row.
  for (let row = h.row + 1; row <= sheet.maxRow; row++) {
    const v = sheet.value(row, dateCol);
    const iso = v.kind === 'date' ? v.value : dates.read(v, () => sheet.addr(row, dateCol));
    const voucher = textAt(sheet, row, c.voucher);
    const payer = textAt(sheet, row, c.payer);
    const payee = textAt(sheet, row, c.payee);
    const purpose = textAt(sheet, row, c.purpose);
    const festival = textAt(sheet, row, c.festival);
    if (!iso && !purpose && !payee && !festival) break;
    bottom = row;
    const e: { -readonly [K in keyof LedgerEntry]: LedgerEntry[K] } = { row };
    if (iso) e.date = { iso, cell: sheet.addr(row, dateCol) };
    if (voucher) e.voucher = voucher;
    if (payer) e.payer = payer;
    if (payee) e.payee = payee;
    if (purpose) e.purpose = purpose;
    if (festival) e.festival = festival;
    const amount = c.amount !== undefined ? readNumber(sheet, row, c.amount) : undefined;
    if (amount) e.amount = amount;
    entries.push(e);
    dates.commit();
  }
  if (entries.length === 0) return undefined;
  const dateReading = dates.reading(sheet.text(h.row, dateCol));
  const range: RangeRef = { top: h.row, left: h.firstCol, bottom, right: h.lastCol };
  const title = titleOf(sheet, h.row);
  return {
    kind: 'ledger',
    id: `${sheet.name}!${rangeToA1(range)}`,
    sheet: sheet.name,
    range: rangeToA1(range),
    headerRow: h.row,
    ...(title ? { title: title.text } : {}),
    entries,
    layout: {
      headerRows: [h.row, h.row],
      columns: columnsOf(sheet, h, corrected),
      skipped: [],
      ...(title ? { titleCell: title.cell } : {}),
    },
    ...(dateReading ? { dateReading } : {}),
  };
}

/**
 * The cells of a ledger's date column that are not Excel dates, read by the engine's date rule
 * (dates.ts) as a column that holds dates: text in a Chinese spelling (`2021.6.23`, `20210623`) and
 * serial day numbers left without a date format become dates, noted; anything else is noted as
 * unreadable. A cell is noted only once its row is kept (`commit`).
 */
class DateColumn {
  private pending: { note: DateNote; inferred: boolean } | undefined;
  readonly inferred: DateNote[] = [];
  readonly unreadable: DateNote[] = [];
  inferredCount = 0;
  unreadableCount = 0;

  constructor(private readonly date1904: boolean) {}

  /** The ISO day a non-date cell of the column stands for, if any. */
  read(v: CellValue, cell: () => string): string | undefined {
    this.pending = undefined;
    if (isBlank(v)) return undefined;
    const shown = cellText(v).trim();
    let iso: string | undefined;
    if (v.kind === 'string') iso = textDateIso(v.value, true)?.iso;
    else if (v.kind === 'number') iso = numberDateIso(v.value, this.date1904);
    this.pending = { note: { cell: cell(), shown, ...(iso ? { iso } : {}) }, inferred: iso !== undefined };
    return iso;
  }

  commit(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    if (p.inferred) {
      if (this.inferredCount++ < NOTES_KEPT) this.inferred.push(p.note);
    } else if (this.unreadableCount++ < NOTES_KEPT) this.unreadable.push(p.note);
  }

  reading(header: string): LedgerDateReading | undefined {
    if (this.inferredCount === 0 && this.unreadableCount === 0) return undefined;
    return {
      header,
      inferred: this.inferred,
      inferredCount: this.inferredCount,
      unreadable: this.unreadable,
      unreadableCount: this.unreadableCount,
    };
  }
}

const NOTES_KEPT = 10;

/**
 * A number in a date column without a date format: the compact `20210623`, or a serial day of the
 * workbook's date system between 1990 and 2099 (a ledger's years; smaller numbers are more likely
 * counts or amounts typed in the wrong column).
 */
function numberDateIso(n: number, date1904: boolean): string | undefined {
  if (Number.isInteger(n) && n >= 19000101 && n <= 20991231) return textDateIso(String(n), true)?.iso;
  const iso = serialToIso(n, date1904);
  return iso >= '1990-01-01' && iso <= '2099-12-31' ? iso : undefined;
}

function textAt(sheet: Sheet, row: number, col: number | undefined): TextCell | undefined {
  return col === undefined ? undefined : readText(sheet, row, col);
}
