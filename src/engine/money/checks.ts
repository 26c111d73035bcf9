import { D, agreesAtPrecision, fmt, fmtPercent, sum, type Dec } from '../decimal';
import { finding, type Finding } from '../findings';
import type { Check } from '../pipeline';
import type { Settings } from '../settings';
import type { Table } from '../tables';
import type { NumberCell } from '../model/table';
import { displayLabel, normalizeLabel } from '../text';
import { qualify } from '../model/address';
import {
  daysBetween,
  festivalDate,
  festivalIn,
  hasOfficialData,
  nearestFestival,
  paymentDeadline,
  yearIn,
  type Festival,
} from './holidays';
import type { BudgetTable, CostTable, LedgerTable, MoneyColumnRole, MoneyRow } from './types';
import { quarterlyProgress } from './progress';

type AmountTable = BudgetTable | CostTable;
const isAmount = (t: Table): t is AmountTable => t.kind === 'budget' || t.kind === 'cost';
const isLedger = (t: Table): t is LedgerTable => t.kind === 'ledger';

export const amountCheck: Check = {
  name: 'money-amounts',
  run: (ctx) => ctx.tables.filter(isAmount).flatMap(checkAmounts),
};

export const ledgerCheck: Check = {
  name: 'money-ledger',
  run: (ctx) =>
    ctx.tables
      .filter(isLedger)
      .flatMap((t) => [...checkLedger(t, ctx.settings), ...checkProgress(t, ctx.tables, ctx.settings)]),
};

/**
 * A ledger with amounts, in a workbook whose budget table gives the annual budget (its 合计 row):
 * cumulative payments per quarter against the 支付进度 targets.
 */
function checkProgress(t: LedgerTable, tables: readonly Table[], settings: Settings): Finding[] {
  const paid = t.entries.filter((e) => e.date && e.amount);
  if (paid.length === 0) return [];
  const budgetTable =
    tables.find((x): x is BudgetTable => x.kind === 'budget' && x.sheet !== t.sheet) ??
    tables.find((x): x is BudgetTable => x.kind === 'budget');
  const totalRow = budgetTable?.rows.find((r) => r.level === 'total') ?? budgetTable?.rows[budgetTable.rows.length - 1];
  const budgetCell = totalRow?.values.adjustedBudget ?? totalRow?.values.budget;
  if (!budgetCell || budgetCell.value <= 0) return [];
  const years = [...new Set(paid.map((e) => Number(e.date!.iso.slice(0, 4))))];
  const year = years.sort(
    (a, b) =>
      paid.filter((e) => e.date!.iso.startsWith(`${b}`)).length -
      paid.filter((e) => e.date!.iso.startsWith(`${a}`)).length,
  )[0];
  const out: Finding[] = [];
  for (const q of quarterlyProgress(
    paid.map((e) => ({ iso: e.date!.iso, amount: e.amount!.value })),
    budgetCell.value,
    year,
    settings.paymentTargets,
  )) {
    if (!q.below) continue;
    const inQuarter = paid.filter((e) => e.date!.iso <= q.end && e.date!.iso.startsWith(`${year}-`));
    const cell = (inQuarter[inQuarter.length - 1] ?? paid[0]).date!.cell;
    out.push(
      finding({
        code: 'payment-progress',
        sheet: t.sheet,
        cell,
        related: [qualify(budgetTable!.sheet, budgetCell.cell)],
        message: `截至 ${q.end} 累计支付 ${fmt(q.cumulative)}，占全年预算 ${fmt(budgetCell.value)} 的 ${fmtPercent(q.rate)}，低于第${q.quarter}季度目标 ${fmtPercent(q.target, 0)}`,
        expected: q.target,
        actual: q.rate.toDecimalPlaces(6).toNumber(),
      }),
    );
  }
  return out;
}

const COLUMN_ZH: Record<MoneyColumnRole, string> = {
  budget: '预算',
  adjustedBudget: '调整后（全年）预算',
  received: '实际到位资金',
  actual: '实际支出',
  balance: '结余',
  rate: '执行率',
  planCost: '计划成本',
  actualCost: '实际成本',
  saving: '节约额',
  savingRate: '成本节约率',
};

const SUMMED: readonly MoneyColumnRole[] = [
  'budget',
  'adjustedBudget',
  'received',
  'actual',
  'balance',
  'planCost',
  'actualCost',
  'saving',
];

/** The row's label as a person would say it: `合 计` (letter-spaced in the sheet) reads 合计. */
function name(r: MoneyRow): string {
  return displayLabel(r.label.text).replace(/\s+/g, ' ');
}

/**
 * The rows a 小计/合计 totals: a 小计 the items since the previous 小计 (or 合计); a 合计 the 小计s of
 * its block and the items no 小计 took (those after the block's last 小计). One walk back and one
 * forward per total: a 5,000-row 预算表 once spent most of its check here, slicing per item.
 */
export function rowsTotalled(rows: readonly MoneyRow[], index: number): MoneyRow[] {
  let from = 0;
  for (let k = index - 1; k >= 0; k--)
    if (rows[k].level === 'total') {
      from = k + 1;
      break;
    }
  let lastSubtotal = from - 1;
  for (let k = index - 1; k >= from; k--)
    if (rows[k].level === 'subtotal') {
      lastSubtotal = k;
      break;
    }
  const out: MoneyRow[] = [];
  if (rows[index].level === 'subtotal') {
    for (let k = lastSubtotal + 1; k < index; k++) if (rows[k].level === 'item') out.push(rows[k]);
    return out;
  }
  for (let k = from; k < index; k++) {
    const r = rows[k];
    if (r.level === 'subtotal' || (r.level === 'item' && k > lastSubtotal)) out.push(r);
  }
  return out;
}

function checkAmounts(t: AmountTable): Finding[] {
  const out: Finding[] = [];
  const unit = t.unit ?? '';
  const sheet = t.sheet;
  const mainBudget: MoneyColumnRole =
    t.kind === 'budget' ? (t.cols.adjustedBudget !== undefined ? 'adjustedBudget' : 'budget') : 'planCost';
  const mainActual: MoneyColumnRole = t.kind === 'budget' ? 'actual' : 'actualCost';
  const balanceFindings = new Map<number, Finding>();

  t.rows.forEach((r, i) => {
    // 超预算 is judged against the adjusted (全年) budget where the row has one, the 年初 budget
    // otherwise; the message names which.
    const budgetRole: MoneyColumnRole =
      t.kind === 'budget' ? (r.values.adjustedBudget ? 'adjustedBudget' : 'budget') : mainBudget;
    const b = r.values[budgetRole];
    const a = r.values[mainActual];
    if (b && a && (r.level === 'item' || r.level === 'part') && D(a.value).greaterThan(D(b.value))) {
      const over = D(a.value).minus(D(b.value));
      out.push(
        finding({
          code: 'over-budget',
          sheet,
          cell: a.cell,
          related: [b.cell],
          message:
            t.kind === 'budget'
              ? `${name(r)}：实际支出 ${fmt(a.value)}${unit} > ${COLUMN_ZH[budgetRole]} ${fmt(b.value)}${unit}，超预算支付 ${fmt(over)}${unit}`
              : `${name(r)}：实际成本 ${fmt(a.value)}${unit} > 计划成本 ${fmt(b.value)}${unit}，超出 ${fmt(over)}${unit}`,
          expected: b.value,
          actual: a.value,
        }),
      );
    }
    const bal = r.values.balance;
    if (b && a && bal) {
      const expected = D(b.value).minus(D(a.value));
      if (!expected.equals(D(bal.value))) {
        const f = finding({
          code: 'balance-mismatch',
          sheet,
          cell: bal.cell,
          related: [b.cell, a.cell],
          message: `${name(r)}：结余 ${fmt(bal.value)} ≠ ${COLUMN_ZH[budgetRole]} ${fmt(b.value)} − 实际支出 ${fmt(a.value)} = ${fmt(expected)}（差 ${fmt(D(bal.value).minus(expected))}）`,
          expected: expected.toNumber(),
          actual: bal.value,
        });
        balanceFindings.set(i, f);
        out.push(f);
      }
    }
    const rate = r.values.rate;
    if (rate && b && a && b.value !== 0) {
      const exact = D(a.value).dividedBy(D(b.value));
      if (!agreesAtPrecision(rate.value, exact, rate.numFmt))
        out.push(
          finding({
            code: 'rate-mismatch',
            sheet,
            cell: rate.cell,
            related: [a.cell, b.cell],
            message: `${name(r)}：执行率 ${fmtPercent(rate.value)} ≠ ${fmt(a.value)} / ${fmt(b.value)} = ${fmtPercent(exact)}`,
            expected: exact.toDecimalPlaces(6).toNumber(),
            actual: rate.value,
          }),
        );
    }
  });

  // Subtotals and totals, column by column; a slip localised to one row when it explains a balance too.
  t.rows.forEach((r, i) => {
    if (r.level !== 'subtotal' && r.level !== 'total') return;
    const parts = rowsTotalled(t.rows, i);
    if (parts.length === 0) return;
    for (const role of SUMMED) {
      const printed = r.values[role];
      const cells = parts.map((p) => p.values[role]);
      if (!printed || !cells.every((c): c is NumberCell => c !== undefined)) continue;
      const total = sum(cells.map((c) => c.value));
      if (total.equals(D(printed.value))) continue;
      const delta = D(printed.value).minus(total);
      const f = finding({
        code: 'sum-mismatch',
        sheet,
        cell: printed.cell,
        related: cells.map((c) => c.cell),
        message: `${name(r)} ${COLUMN_ZH[role]} ${fmt(printed.value)} ≠ ${parts.length} 行之和 ${cells[0].cell}:${cells[cells.length - 1].cell} = ${fmt(total)}（差 ${fmt(delta)}）`,
        expected: total.toNumber(),
        actual: printed.value,
      });
      const culprit = localise(t, parts, role, delta, balanceFindings, mainBudget);
      if (!culprit) {
        out.push(f);
        continue;
      }
      const c = { sheet, cell: culprit.cell.cell, value: culprit.value.toNumber(), explains: 2 };
      const hint = `；若 ${name(culprit.row)} ${COLUMN_ZH[role]} ${culprit.cell.cell} 为 ${fmt(culprit.value)}，此合计与该行结余均相符`;
      out.push({ ...f, message: f.message + hint, culprit: c });
      const bf = culprit.balance;
      const idx = out.indexOf(bf);
      out[idx] = {
        ...bf,
        culprit: c,
        message: `${bf.message}；若 ${COLUMN_ZH[role]} ${culprit.cell.cell} 为 ${fmt(culprit.value)}，本行结余与${name(r)}均相符`,
      };
    }
  });

  // A ratio merged over every row (成本节约率) is the table-wide ratio.
  const savingRateRow = t.rows.find((r) => r.values.savingRate);
  if (savingRateRow?.values.savingRate) {
    const items = t.rows.filter((r) => r.level === 'item');
    const plan = sum(items.map((r) => r.values.planCost?.value ?? 0));
    const actual = sum(items.map((r) => r.values.actualCost?.value ?? 0));
    const sr = savingRateRow.values.savingRate;
    if (!plan.isZero()) {
      const exact = plan.minus(actual).dividedBy(plan);
      if (!agreesAtPrecision(sr.value, exact, sr.numFmt))
        out.push(
          finding({
            code: 'rate-mismatch',
            sheet,
            cell: sr.cell,
            message: `成本节约率 ${fmtPercent(sr.value, 4)} ≠（计划成本 ${fmt(plan)} − 实际成本 ${fmt(actual)}）/ 计划成本 = ${fmtPercent(exact, 4)}`,
            expected: exact.toDecimalPlaces(8).toNumber(),
            actual: sr.value,
          }),
        );
    }
  }
  return out;
}

/** The single row whose value, moved by `delta`, fixes both the sum and that row's balance. */
function localise(
  t: AmountTable,
  parts: readonly MoneyRow[],
  role: MoneyColumnRole,
  delta: Dec,
  balanceFindings: ReadonlyMap<number, Finding>,
  budgetRole: MoneyColumnRole,
): { row: MoneyRow; cell: NumberCell; value: Dec; balance: Finding } | undefined {
  const hits = parts.flatMap((p) => {
    const f = balanceFindings.get(t.rows.indexOf(p));
    const cell = p.values[role];
    const b = p.values[budgetRole];
    const a = p.values.actual ?? p.values.actualCost;
    const bal = p.values.balance;
    if (!f || !cell || !b || !a || !bal) return [];
    const fixed = D(cell.value).plus(delta);
    const budget = role === budgetRole ? fixed : D(b.value);
    const actual = role === 'actual' ? fixed : D(a.value);
    const balance = role === 'balance' ? fixed : D(bal.value);
    return budget.minus(actual).equals(balance) ? [{ row: p, cell, value: fixed, balance: f }] : [];
  });
  return hits.length === 1 ? hits[0] : undefined;
}

function checkLedger(t: LedgerTable, settings: Settings): Finding[] {
  const out: Finding[] = dateReadingFindings(t);
  const missingYears = new Set<number>();
  // A ledger repeats a few festival and purpose texts and a few hundred days over its rows: what
  // each pair of texts says and each festival's deadline are worked out once per distinct value.
  const readTexts = memo2((festivalText: string, purposeText: string) => {
    const text = [festivalText, purposeText].filter(Boolean).join(' ');
    const festival = festivalIn(festivalText) ?? (/慰问|过节|节日/.test(text) ? festivalIn(text) : undefined);
    return { text, festival, year: yearIn(text) };
  });
  const deadlineOf = memo2((day: string, workdays: number) => paymentDeadline(day, workdays, settings));
  for (const e of t.entries) {
    if (!e.date) continue;
    const { festival, year } = readTexts(e.festival?.text ?? '', e.purpose?.text ?? '');
    if (!festival) continue;
    const day = year ? festivalDate(festival, year) : nearestFestival(festival, e.date.iso);
    const festivalYear = Number(day.slice(0, 4));
    if (!hasOfficialData(festivalYear, settings) && !missingYears.has(festivalYear)) {
      missingYears.add(festivalYear);
      out.push(
        finding({
          code: 'holiday-data-missing',
          sheet: t.sheet,
          cell: e.date.cell,
          message: `内置节假日数据不含 ${festivalYear} 年的放假与调休安排，按农历日期 ${day} 判断；可在设置中补充该年安排`,
        }),
      );
    }
    const deadline = deadlineOf(day, settings.holidayDeadlineWorkdays);
    const late = daysBetween(deadline, e.date.iso);
    if (late <= 0) continue;
    const who = [e.payer?.text, e.payee?.text].filter(Boolean).join('→');
    const voucher = e.voucher ? `（${e.voucher.text}）` : '';
    const deadlineText =
      settings.holidayDeadlineWorkdays > 0
        ? `，应于节前 ${settings.holidayDeadlineWorkdays} 个工作日（${deadline}）前拨付，晚 ${late} 天`
        : `，晚于${festival}（${day}）${daysBetween(day, e.date.iso)} 天`;
    out.push(
      finding({
        code: 'late-disbursement',
        sheet: t.sheet,
        cell: e.date.cell,
        related: [e.festival?.cell, e.purpose?.cell].filter((x): x is string => !!x),
        message: `${who}${voucher} ${e.date.iso} 拨付${paymentOf(festival, e.purpose?.text)}${deadlineText}`,
        expected: deadline,
        actual: e.date.iso,
      }),
    );
  }
  return out;
}

/**
 * What was paid, as the message names it: the purpose as written when it already names the
 * festival (`端午节走访慰问资金`, `2023年春节走访慰问资金`), else the festival before it.
 */
function paymentOf(festival: Festival, purposeText: string | undefined): string {
  const purpose = normalizeLabel(purposeText ?? '走访慰问资金');
  return festivalIn(purpose) === festival ? purpose : `${festival}${purpose}`;
}

/**
 * The ledger's date column, where it was not all Excel dates: what was read as a date by
 * inference (info: the user should format the column as dates) and what could not be read at all
 * (warning: those payments were not checked for timeliness). Never silence.
 */
function dateReadingFindings(t: LedgerTable): Finding[] {
  const r = t.dateReading;
  if (!r) return [];
  const out: Finding[] = [];
  const column = r.header || '日期';
  const [first] = r.inferred;
  if (first)
    out.push(
      finding({
        code: 'date-inferred',
        sheet: t.sheet,
        cell: first.cell,
        related: r.inferred.map((n) => n.cell),
        message: `${column}列有 ${r.inferredCount} 个单元格不是 Excel 日期（如 ${first.cell}“${first.shown}”），已按日期 ${first.iso} 读取；建议将该列设为日期格式`,
      }),
    );
  const [bad] = r.unreadable;
  if (bad)
    out.push(
      finding({
        code: 'date-unreadable',
        sheet: t.sheet,
        cell: bad.cell,
        related: r.unreadable.map((n) => n.cell),
        message: `${column}列有 ${r.unreadableCount} 个单元格无法识别为日期（如 ${bad.cell}“${bad.shown}”），这些拨付未检查是否及时；请改为日期（如 2021-06-23）`,
      }),
    );
  return out;
}

/** `f` remembering its results by its two arguments (for the few distinct values of a long table). */
function memo2<A, B, R>(f: (a: A, b: B) => R): (a: A, b: B) => R {
  const byA = new Map<A, Map<B, R>>();
  return (a, b) => {
    let byB = byA.get(a);
    if (!byB) byA.set(a, (byB = new Map()));
    if (byB.has(b)) return byB.get(b) as R;
    const r = f(a, b);
    byB.set(b, r);
    return r;
  };
}
