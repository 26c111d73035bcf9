import { Workbook, type WorkbookInput } from './model/sheet';
import { detectTables } from './analyze';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { planScores, type ScoreOptions } from './rules';
import type { ScorePlan } from './pipeline';
import type { CellPatch } from './patch';
import type { Table } from './tables';
import { planSelfEvalScores } from './selfeval/score';
import type { SelfEvalTable } from './selfeval/types';

export type { ScoreOptions };

/**
 * Everything `计算并回写` and `jixiao score` would write for a workbook: one plan from every scoring
 * module, with one patch per cell (the first module to claim a cell keeps it). Pure: adapters decide
 * what is safe to write with `planWrites`.
 */
export function planWorkbookScores(input: WorkbookInput, rawSettings?: unknown, options: ScoreOptions = {}): ScorePlan & { tables: Table[] } {
  const { settings } = rawSettings === undefined ? { settings: DEFAULT_SETTINGS } : readSettings(rawSettings);
  const workbook = new Workbook(input);
  const tables = detectTables(workbook, settings);
  const forms = tables.filter((t): t is SelfEvalTable => t.kind === 'self-evaluation');
  const plans: ScorePlan[] = [
    planScores(workbook, tables, settings, options),
    { patches: forms.flatMap((f) => planSelfEvalScores(f, settings, { formulas: options.formulas })), newSheets: [], findings: [] },
  ];
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
