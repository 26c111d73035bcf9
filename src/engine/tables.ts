import type { IndicatorTable, SummaryTable } from './indicator/types';
import type { SelfEvalTable } from './selfeval/types';
import type { MoneyTable } from './money/types';
import type { ResponsibilityTable } from './responsibility/types';
import type { TargetTable } from './target/types';

/** The cells and base every family builds on live below the families (model/table.ts); re-exported here. */
export type { NumberCell, TableBase, TextCell } from './model/table';

/**
 * Every table the engine recognises. `kind` is what the CLI prints and what checks dispatch on.
 * Each family keeps its own shape in its own module; this union is the only place they meet, above them.
 */
export type Table = IndicatorTable | SummaryTable | SelfEvalTable | MoneyTable | TargetTable | ResponsibilityTable;
export type TableKind = Table['kind'];
