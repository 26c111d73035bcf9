import type { NumberCell, TableBase, TextCell } from '../model/table';

/**
 * A 绩效目标表 / 绩效目标申报表 (set before the money is spent): 一级 | 二级 | 三级指标 | 指标值, with or
 * without 度量单位 and 指标性质 columns, and above it the form's 项目名称 and 年度资金总额. Filled in by
 * `detect.ts`; checks only read it.
 */
export interface TargetTable extends TableBase {
  readonly kind: 'target';
  readonly projectName?: TextCell;
  /** A project's form (项目名称, or 项目 in the title), as opposed to a department's (部门整体). */
  readonly isProject: boolean;
  /** 年度资金总额 and the unit it is written in (`万元` unless the form says otherwise). */
  readonly funds?: { readonly total: NumberCell; readonly unit?: string };
  /** The 二级指标 header cell: where a missing category is reported. */
  readonly level2Header: string;
  readonly hasUnitColumn: boolean;
  readonly indicators: readonly TargetIndicator[];
}

export interface TargetIndicator {
  readonly row: number;
  readonly level1?: TextCell;
  readonly level2?: TextCell;
  readonly name: TextCell;
  /** 指标值 as written: `≥95%`, `≤90万元`, `12月底前`, `显著提升`, or a number. */
  readonly value?: TextCell | NumberCell;
  readonly valueCell: string;
  /** 度量单位 / 计量单位, when the form has the column and the row fills it. */
  readonly unit?: TextCell;
  /** 指标性质 (`≥`, `≤`, `=`, `定性`), when the form has the column. */
  readonly nature?: TextCell;
}
