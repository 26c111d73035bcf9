import type { NumberCell, TableBase, TextCell } from '../model/table';

/** A 项目支出绩效自评表 (one per sheet in the Beijing 决算). Filled in by the self-evaluation module. */
export interface SelfEvalTable extends TableBase {
  readonly kind: 'self-evaluation';
  readonly projectName?: TextCell;
  /** The 项目支出绩效自评表 title cell, when the form has one. */
  readonly titleCell?: string;
  readonly department?: TextCell; // 主管部门
  readonly implementer?: TextCell; // 实施单位
  /** Row of the 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 header. */
  readonly fundHeaderRow?: number;
  /** The 项目资金 block: 年度资金总额 and its 其中 rows. */
  readonly funds: readonly SelfEvalFundRow[];
  /** 年度总体目标: 预期目标 and 实际完成情况 texts. */
  readonly goals?: { readonly expected?: TextCell; readonly actual?: TextCell };
  /** The 绩效指标 block. */
  readonly indicators: readonly SelfEvalIndicator[];
  readonly total?: {
    readonly labelCell: string;
    readonly weight?: NumberCell;
    readonly score?: NumberCell;
    readonly row?: number;
    /** Where the 总分 得分 goes and what it holds now (text, formula or empty included). */
    readonly scoreHeld?: HeldCell;
  };
}

/** What a cell holds now, whatever it is: for write-back (`old`) and for cells that hold no number. */
export interface HeldCell {
  readonly cell: string;
  readonly value?: number | string | boolean;
  readonly formula?: string;
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
  readonly row?: number;
  /** 年度资金总额 (the row that carries 分值 and 得分), as opposed to its 其中 parts. */
  readonly isTotal?: boolean;
  readonly rateHeld?: HeldCell;
  readonly scoreHeld?: HeldCell;
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
  readonly targetCell?: string;
  readonly actualCell?: string;
  readonly weightCell?: string;
}
