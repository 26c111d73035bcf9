import type { Sheet } from '../model/sheet';
import { rangeContains, rangeToA1, type RangeRef } from '../model/address';
import { defineRoles, findHeaderRows, titleAbove, unitAbove, type HeaderMatch } from '../header';
import { normalizeLabel } from '../text';
import { readNumber, readText } from '../cells';
import type { DetectContext } from '../pipeline';
import type { NumberCell, TextCell } from '../tables';
import type { BudgetTable, CostTable, LedgerEntry, LedgerTable, MoneyColumnRole, MoneyRow, MoneyRowLevel } from './types';

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
      const t = ledgerTable(sheet, h);
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

function ledgerTable(sheet: Sheet, h: HeaderMatch<string>): LedgerTable | undefined {
  const c = h.cols as Partial<Record<keyof typeof LEDGER_ROLES, number>>;
  const dateCol = c.date!;
  const entries: LedgerEntry[] = [];
  let bottom = h.row;
  // One entry per payment of a ledger that may run to 100,000 rows: fields are set one by one in a
  // fixed order (the order of LedgerEntry), without a closure or spread per row.
  for (let row = h.row + 1; row <= sheet.maxRow; row++) {
    const v = sheet.value(row, dateCol);
    let iso: string | undefined;
    if (v.kind === 'date') iso = v.value;
    else if (v.kind === 'string') {
      const m = LEDGER_DATE_TEXT.exec(v.value.trim());
      if (m) iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    }
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
  }
  if (entries.length === 0) return undefined;
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
  };
}

const LEDGER_DATE_TEXT = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/;

function textAt(sheet: Sheet, row: number, col: number | undefined): TextCell | undefined {
  return col === undefined ? undefined : readText(sheet, row, col);
}
