import type { NumberCell, TableBase, TextCell } from '../model/table';

/**
 * One indicator (一级 … 四级) of an indicator system or score sheet. A node's weight comes from a
 * weight column (权重/分值) where that column lines up with the node, or from its name (`决策（18分）`).
 */
export interface IndicatorNode {
  /** 1 = 一级. */
  readonly level: number;
  /** Name without the weight, line breaks and letter spacing (`投入`, `目标设定`). */
  readonly name: string;
  /** The name exactly as in the cell. */
  readonly rawName: string;
  readonly nameCell: string;
  /** The weight and where it was read: a weight-column cell, or the name cell. */
  readonly weight?: NumberCell & { readonly source: 'column' | 'name' };
  /** Weight in the name when the weight column also gives one (both are checked). */
  readonly nameWeight?: number;
  readonly score?: NumberCell;
  /** Empty 得分 cell of a leaf that should have one. */
  readonly scoreCellEmpty?: string;
  readonly rate?: NumberCell;
  readonly note?: TextCell;
  /** Address of the explanation cell even when empty (扣分说明 / 备注). */
  readonly noteCell?: string;
  readonly rule?: TextCell;
  readonly benchmark?: TextCell | NumberCell;
  /**
   * 评分标准 printed as grade bands across the row (`100% | 4 | 80-99% | 3 | …`): each band's
   * standard and the points it gives, left to right.
   */
  readonly bands?: readonly { readonly rule: string; readonly points: NumberCell }[];
  /** Rows the node spans (inclusive). */
  readonly top: number;
  readonly bottom: number;
  readonly children: IndicatorNode[];
  /** Dotted path of names from the 一级, for messages and matching (`过程/资金管理/预算执行率`). */
  readonly path: string;
}

/**
 * A 分值 block: the weight cell is sometimes merged over several leaves (`G25:G32` = 12 for eight
 * 实际完成率 leaves, `G15:G16` = 6 for 资金到位率 and 预算执行率), while the 得分 cells inside it may
 * be merged the same way (H25:H32) or kept per leaf (H15, H16). A block's score is the sum of the
 * distinct 得分 cells inside it.
 */
export interface ScoreBlock {
  readonly top: number;
  readonly bottom: number;
  readonly weight?: NumberCell;
  readonly weightCell: string;
  /** Distinct 得分 cells inside the block, top to bottom (numbers only). */
  readonly scores: readonly NumberCell[];
  /** 得分 cells inside the block that are empty. */
  readonly emptyScoreCells: readonly string[];
  /** 扣分说明 texts inside the block (non-empty), and the first note cell address even when empty. */
  readonly notes: readonly TextCell[];
  readonly noteCell?: string;
  readonly leaves: IndicatorNode[];
}

export interface IndicatorTable extends TableBase {
  readonly kind: 'indicator';
  /** 一级 nodes. */
  readonly roots: IndicatorNode[];
  /** Column numbers of the level columns, 一级 first. */
  readonly levelCols: readonly number[];
  readonly cols: Readonly<Partial<Record<IndicatorColumnRole, number>>>;
  /** True when the table has a 得分 column (a score sheet, not only an indicator system). */
  readonly hasScores: boolean;
  /** Score blocks in row order; empty when the table has no 分值/得分 columns. */
  readonly blocks: ScoreBlock[];
  /**
   * The 分值 column of each level (indexed like levelCols), when the form prints one after each
   * level (`一级指标 | 权重 | 二级指标 | 分值 | 三级指标 | 分值`); absent when one column serves all.
   */
  readonly levelWeightCols?: readonly (number | undefined)[];
  /** The 合计 / 总分 row, if printed. */
  readonly total?: {
    readonly labelCell: string;
    readonly weight?: NumberCell;
    readonly score?: NumberCell;
    readonly rate?: NumberCell;
    readonly grade?: TextCell;
  };
  /**
   * A total the table declares, in its 分值 header (`分值（70分）`) or its title (`…指标（15分）`). Without one
   * (nor a printed 合计) no total is assumed.
   */
  readonly declaredTotal?: { readonly value: number; readonly cell: string };
}

export type IndicatorColumnRole =
  'seq' | 'weight' | 'score' | 'rate' | 'note' | 'rule' | 'explain' | 'benchmark' | 'remark' | 'source' | 'grade';

/** One row (or column) of a summary table: 指标 | 分值 | 得分 | 得分率. */
export interface SummaryItem {
  readonly label: TextCell;
  readonly weight?: NumberCell;
  readonly score?: NumberCell;
  readonly rate?: NumberCell;
}

export interface SummaryTable extends TableBase {
  readonly kind: 'score-summary';
  /** `rows`: one 一级 per row (qingdao 得分情况); `columns`: one per column (qixia 综合评定). */
  readonly orientation: 'rows' | 'columns';
  readonly items: SummaryItem[];
  readonly total?: SummaryItem;
  readonly grade?: TextCell;
}
