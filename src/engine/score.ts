import { Workbook, type WorkbookInput } from './model/sheet';
import { detectTables } from './analyze';
import { settingsOf } from './settings';
import type { ScoreOptions, ScorePlan, Scorer } from './pipeline';
import type { CellPatch } from './patch';
import type { Table } from './tables';
import { ruleScorers } from './rules';
import { selfEvalScorers } from './selfeval';

export type { ScoreOptions };

/** Order matters: the first scorer to claim a cell keeps it. */
export const SCORERS: readonly Scorer[] = [...ruleScorers, ...selfEvalScorers];

/**
 * Everything `计算并回写` and `jixiao score` would write for a workbook: one plan from every registered
 * scorer, with one patch per cell (the first scorer to claim a cell keeps it). Pure: adapters decide
 * what is safe to write with `planWrites`. `rawSettings` is validated here unless it already was.
 */
export function planWorkbookScores(
  input: WorkbookInput,
  rawSettings?: unknown,
  options: ScoreOptions = {},
): ScorePlan & { tables: Table[] } {
  const { settings } = settingsOf(rawSettings);
  const workbook = new Workbook(input);
  const tables = detectTables(workbook, settings);
  const plans = SCORERS.map((s) => s.plan({ workbook, tables, settings, options }));
  const seen = new Set<string>();
  const patches: CellPatch[] = [];
  for (const p of plans.flatMap((x) => x.patches)) {
    const k = `${p.sheet}\u0000${p.cell}`;
    if (seen.has(k)) continue;
    seen.add(k);
    patches.push(p);
  }
  return {
    tables,
    patches,
    newSheets: plans.flatMap((x) => x.newSheets),
    findings: plans.flatMap((x) => x.findings),
  };
}
