import type { NumberCell, TableBase, TextCell } from '../model/table';

/**
 * Money tables: budget/spending tables (预算资金支出明细表, 三公经费), cost tables (成本节约),
 * disbursement ledgers (拨付台账). Owned by the money module; other modules (scoring reads
 * 预算执行率 and 资金到位率 from a budget table) rely only on the fields below.
 */
export type MoneyColumnRole =
  | 'budget' // 预算资金 / 预算数 / 年初预算数 / 全年预算数
  | 'adjustedBudget' // 调整后预算
  | 'received' // 实际到位资金
  | 'actual' // 实际支出 / 决算数 / 执行数
  | 'balance' // 结余(资金)
  | 'rate' // 执行率
  | 'planCost' // 计划成本
  | 'actualCost' // 实际成本
  | 'saving' // 节约额
  | 'savingRate'; // 成本节约率

/** item = a unit or project; subtotal/total = 小计/乡镇合计/合计; part = 其中 rows inside an item. */
export type MoneyRowLevel = 'item' | 'part' | 'category' | 'subtotal' | 'total';

export interface MoneyRow {
  readonly row: number;
  readonly label: TextCell;
  readonly level: MoneyRowLevel;
  readonly values: Readonly<Partial<Record<MoneyColumnRole, NumberCell>>>;
}

export interface BudgetTable extends TableBase {
  readonly kind: 'budget';
  /** `万元`, `元` from a unit row, if any. */
  readonly unit?: string;
  readonly cols: Readonly<Partial<Record<MoneyColumnRole, number>>>;
  readonly rows: readonly MoneyRow[];
}

export interface CostTable extends TableBase {
  readonly kind: 'cost';
  readonly unit?: string;
  readonly cols: Readonly<Partial<Record<MoneyColumnRole, number>>>;
  readonly rows: readonly MoneyRow[];
}

export interface LedgerEntry {
  readonly row: number;
  /** ISO date of the payment. */
  readonly date?: { readonly iso: string; readonly cell: string };
  readonly voucher?: TextCell;
  readonly payer?: TextCell;
  readonly payee?: TextCell;
  readonly purpose?: TextCell;
  /** 对应节日 as written. */
  readonly festival?: TextCell;
  readonly amount?: NumberCell;
}

export interface LedgerTable extends TableBase {
  readonly kind: 'ledger';
  readonly entries: readonly LedgerEntry[];
  /** How the date column was read, where not every cell was a date (dates.ts). */
  readonly dateReading?: LedgerDateReading;
}

/** A date cell that was not an Excel date: as shown, and the day it was read as (if any). */
export interface DateNote {
  readonly cell: string;
  readonly shown: string;
  readonly iso?: string;
}

export interface LedgerDateReading {
  /** The date column's header text (拨付日期). */
  readonly header: string;
  /** Dates typed as text, or serial numbers without a date format: read as dates (first few, and how many). */
  readonly inferred: readonly DateNote[];
  readonly inferredCount: number;
  /** Cells of the date column that hold something that is no date (first few, and how many). */
  readonly unreadable: readonly DateNote[];
  readonly unreadableCount: number;
}

/** Counts with 实际/目标 pairs and a 合计 row (实际产出数量一览表). */
export interface QuantityTable extends TableBase {
  readonly kind: 'quantity';
}

export type MoneyTable = BudgetTable | CostTable | LedgerTable | QuantityTable;
