import type { Sheet } from '../model/sheet';
import { rangeContains, rangeToA1, type RangeRef } from '../model/address';
import { defineRoles, findHeaderRows, titleAbove, unitAbove, type HeaderMatch } from '../header';
import { normalizeLabel } from '../text';
import { readNumber, readText } from '../cells';
import type { DetectContext } from '../pipeline';
import type { NumberCell, TextCell } from '../tables';
import type { BudgetTable, CostTable, DateNote, LedgerDateReading, LedgerEntry, LedgerTable, MoneyColumnRole, MoneyRow, MoneyRowLevel } from './types';
import { cellText, isBlank, type CellValue } from '../model/cell';
import { serialToIso, textDateIso } from '../dates';

const LABEL = /^(单位名称|项目名称|项目|单位|名称|预算单位|项目单位|资金名称|科目)$/;

const BUDGET_ROLES = defineRoles({
  label: LABEL,
  budget: /^(预算资金|预算数|预算|年初预算数?|全年预算数|预算金额|预算安排数?)$/,
  adjustedBudget: /^调整后预算(数)?$/,
  received: /^实际到位(资金)?$/,
  actual: /^(实际支出|实际支出资金|支出数?|决算数|执行数|实际执行数|全年执行数|实际使用资金)$/,
  balance: /^(结余|结余资金|结转结余|结余金额)$/,
  rate: /^(预算)?执行率$/,
} as const);

const COST_ROLES = defineRoles({
  label: LABEL,
  planCost: /^计划成本$/,
  actualCost: /^实际成本$/,
  saving: /^节约(额|金额)$/,
  savingRate: /^成本节约率$/,
} as const);

const LEDGER_ROLES = defineRoles({
  date: /^(日期|拨付日期|支付日期|付款日期|发放日期)$/,
  voucher: /^凭证(号|编号)$/,
  payer: /^(付款单位|拨付单位)$/,
  payee: /^(收款单位|收款人|领取单位)$/,
  purpose: /^(用途|摘要|款项用途|资金用途)$/,
  festival: /^(对应节日|节日)$/,
  amount: /^金额/,
  year: /^年度$/,
} as const);

const free = (ctx: DetectContext, row: number, col: number) => !ctx.claimed.some((c) => rangeContains(c, row, col));

export function detectMoneyTables(sheet: Sheet, ctx: DetectContext): (BudgetTable | CostTable | LedgerTable)[] {
  const out: (BudgetTable | CostTable | LedgerTable)[] = [];
  for (const h of findHeaderRows(sheet, BUDGET_ROLES, { required: ['label', 'budget', 'actual'] }))
    if (free(ctx, h.row, h.firstCol)) out.push(amountTable(sheet, h, 'budget') as BudgetTable);
  for (const h of findHeaderRows(sheet, COST_ROLES, { required: ['label', 'planCost', 'actualCost'] }))
    if (free(ctx, h.row, h.firstCol)) out.push(amountTable(sheet, h, 'cost') as CostTable);
  for (const h of findHeaderRows(sheet, LEDGER_ROLES, { required: ['date'], minRoles: 3 }))
    if (free(ctx, h.row, h.firstCol)) {
      const t = ledgerTable(sheet, h, ctx.workbook.date1904);
      if (t) out.push(t);
    }
  return out;
}

function levelOf(label: string): MoneyRowLevel {
  const n = normalizeLabel(label);
  if (/^(合计|总计|总合计)$/.test(n)) return 'total';
  if (/(小计|合计)$/.test(n)) return 'subtotal';
  if (/^其中/.test(n)) return 'part';
  if (/^[一二三四五六七八九十]+[、.]/.test(n)) return 'category';
  return 'item';
}

function amountTable(sheet: Sheet, h: HeaderMatch<string>, kind: 'budget' | 'cost'): BudgetTable | CostTable {
  const cols = h.cols as Partial<Record<MoneyColumnRole | 'label', number>>;
  const labelCol = cols.label!;
  const rows: MoneyRow[] = [];
  let partsOf: { parent: MoneyRow; left: number } | undefined;
  let bottom = h.row;
  const mainCol: MoneyColumnRole = kind === 'budget' ? 'budget' : 'planCost';
  for (let row = h.row + 1; row <= sheet.maxRow; row++) {
    // The label may be merged across a 序号 column (A17:B17 合计) or sit in the label column.
    const label = readText(sheet, row, labelCol) ?? readText(sheet, row, h.firstCol);
    if (!label) break;
    const values: Partial<Record<MoneyColumnRole, NumberCell>> = {};
    for (const role of Object.keys(cols) as (MoneyColumnRole | 'label')[]) {
      if (role === 'label') continue;
      const n = readNumber(sheet, row, cols[role]!);
      // A ratio merged over every row (成本节约率 E4:E17) belongs to the total, not to each row.
      const m = sheet.mergeOf(row, cols[role]!);
      if (n && (!m || m.top === m.bottom || m.top === row)) values[role] = n;
    }
    let level = levelOf(label.text);
    if (level === 'category' && Object.keys(values).length > 0) level = 'item';
    if (level !== 'category' && Object.keys(values).length === 0) break;
    // 其中 rows break down the row above; an unprefixed row right after them belongs to the same
    // breakdown while the parts add up to no more than the parent (三公经费 rows 7–8 under row 6).
    if (level === 'part') {
      const parent = [...rows].reverse().find((r) => r.level === 'item');
      partsOf = parent ? { parent, left: parent.values[mainCol]?.value ?? 0 } : undefined;
    } else if (level === 'item' && partsOf && partsOf.left > 0 && (values[mainCol]?.value ?? Infinity) <= partsOf.left) {
      level = 'part';
    } else partsOf = undefined;
    if (level === 'part' && partsOf) partsOf.left -= values[mainCol]?.value ?? 0;
    rows.push({ row, label, level, values });
    bottom = row;
  }
  const range: RangeRef = { top: h.row, left: h.firstCol, bottom, right: h.lastCol };
  const unit = unitAbove(sheet, h.row);
  const title = titleAbove(sheet, h.row);
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
  } as BudgetTable | CostTable;
}

function ledgerTable(sheet: Sheet, h: HeaderMatch<string>, date1904: boolean): LedgerTable | undefined {
  const c = h.cols as Partial<Record<keyof typeof LEDGER_ROLES, number>>;
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
  const title = titleAbove(sheet, h.row);
  return {
    kind: 'ledger',
    id: `${sheet.name}!${rangeToA1(range)}`,
    sheet: sheet.name,
    range: rangeToA1(range),
    headerRow: h.row,
    ...(title ? { title: title.text } : {}),
    entries,
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
    return { header, inferred: this.inferred, inferredCount: this.inferredCount, unreadable: this.unreadable, unreadableCount: this.unreadableCount };
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
