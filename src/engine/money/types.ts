import type { TableBase } from '../tables';

/**
 * Money tables: budget/spending tables (预算资金支出明细表, 三公经费), cost tables (成本节约),
 * disbursement ledgers (拨付台账). Owned by the money module; the shapes below are its contract.
 */
export interface BudgetTable extends TableBase {
  readonly kind: 'budget';
}
export interface CostTable extends TableBase {
  readonly kind: 'cost';
}
export interface LedgerTable extends TableBase {
  readonly kind: 'ledger';
}
export type MoneyTable = BudgetTable | CostTable | LedgerTable;
