import type { NumberCell, TableBase, TextCell } from '../tables';

/** A 项目支出绩效自评表 (one per sheet in the Beijing 决算). Filled in by the self-evaluation module. */
export interface SelfEvalTable extends TableBase {
  readonly kind: 'self-evaluation';
  readonly projectName?: TextCell;
  /** The 项目资金 block: 年度资金总额 and its 其中 rows. */
  readonly funds: readonly SelfEvalFundRow[];
  /** The 绩效指标 block. */
  readonly indicators: readonly SelfEvalIndicator[];
  readonly total?: { readonly labelCell: string; readonly weight?: NumberCell; readonly score?: NumberCell };
}

export interface SelfEvalFundRow {
  readonly label: TextCell;
  readonly initialBudget?: NumberCell; // 年初预算数
  readonly annualBudget?: NumberCell; // 全年预算数
  readonly executed?: NumberCell; // 全年执行数
  readonly weight?: NumberCell; // 分值
  readonly rate?: NumberCell; // 执行率
  readonly score?: NumberCell; // 得分
  readonly scoreCell?: string;
  readonly rateCell?: string;
}

export interface SelfEvalIndicator {
  readonly level1?: TextCell;
  readonly level2?: TextCell;
  readonly name: TextCell;
  readonly target?: TextCell | NumberCell; // 年度指标值
  readonly actual?: TextCell | NumberCell; // 实际完成值
  readonly weight?: NumberCell;
  readonly score?: NumberCell;
  readonly scoreCell: string;
  readonly note?: TextCell;
  readonly noteCell: string;
  readonly row: number;
}
