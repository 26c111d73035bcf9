import { z } from 'zod';

/**
 * A change the engine proposes for one cell. Adapters apply patches; they never decide what to
 * write. `old` is what the engine saw, so an adapter can refuse to write when the cell changed since.
 */
export const cellPatchSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  /** What the cell should hold: a number, a text, or a formula (written as a formula only when `formula` is set). */
  value: z.union([z.number(), z.string()]),
  formula: z.string().optional(),
  numFmt: z.string().optional(),
  /** Why: 得分, 得分率, 小计, 合计, 等级, 扣分说明. */
  purpose: z.enum(['score', 'rate', 'subtotal', 'total', 'grade', 'note', 'summary-sheet', 'issue-list']),
  /** What the engine read there (undefined = empty). */
  old: z.union([z.number(), z.string(), z.boolean()]).optional(),
  oldFormula: z.string().optional(),
});
export type CellPatch = z.infer<typeof cellPatchSchema>;

export interface SkippedPatch {
  readonly patch: CellPatch;
  readonly reason: 'formula' | 'differs';
  /** Chinese, for the pane and the CLI. */
  readonly message: string;
}

/** A new sheet to add (问题清单, 综合评定得分表): rows of plain values, the first row a header. */
export interface NewSheet {
  readonly name: string;
  readonly rows: readonly (readonly (string | number | null)[])[];
  readonly numFmts?: Readonly<Record<number, string>>; // column index (0-based) → format
  readonly columnWidths?: readonly number[];
}
