import type { TableBase, TextCell } from '../model/table';

/**
 * A 责任分解 table (任务 | 责任领导 | 责任单位, or 牵头单位 | 配合单位 in two columns): who carries out
 * which task. Filled in by `detect.ts`; `checks.ts` and `taskList.ts` only read it.
 */
export interface ResponsibilityTable extends TableBase {
  readonly kind: 'responsibility';
  readonly tasks: readonly ResponsibilityTask[];
  /**
   * How the lead unit is told apart: `first` when one 责任单位 column lists the lead unit first (the
   * note `列在首位的为牵头单位`, or the convention when no note says otherwise), `columns` when 牵头单位
   * and 配合单位 have columns of their own.
   */
  readonly leadBy: 'first' | 'columns';
}

export interface ResponsibilityTask {
  readonly row: number;
  /** 序号 as printed, when the table numbers its tasks. */
  readonly number?: string;
  readonly task: TextCell;
  readonly leaders: readonly string[];
  /** The units as written, lead unit(s) first, each with the cell it was read from. */
  readonly units: readonly UnitRef[];
  /** The cell(s) the units were read from; where an unassigned task should be filled in. */
  readonly unitCells: readonly string[];
  readonly deadline?: TextCell;
}

export interface UnitRef {
  /** The unit as written (`区农工办（区农发局）`, `各镇街（管区）`). */
  readonly name: string;
  readonly role: 'lead' | 'support';
  readonly cell: string;
}
