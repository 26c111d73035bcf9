/**
 * The one door to the engine: the CLI, the task pane, the workbench and both adapters import the engine from
 * here and nowhere else (ESLint forbids `engine/<module>` imports in src/cli, src/taskpane, src/xlsx, src/excel
 * and src/workbench). What a front end needs and is not exported here, export here.
 */
export * from './model/address';
export * from './model/cell';
export * from './model/sheet';
export * from './findings';
export * from './findingSchema';
export * from './patch';
export * from './settings';
export * from './tables';
export * from './port';
export * from './export';
export * from './format';
export * from './grading';
export { placeSheet, SHEET_NAME_MAX, type SheetPlacement } from './sheets';
export { analyzeWorkbook, detectTables, CHECKS, DETECTORS, type Analysis } from './analyze';
export { planWorkbookScores, SCORERS } from './score';
export type { Check, CheckContext, Detector, ScoreContext, ScoreOptions, ScorePlan, Scorer } from './pipeline';
export { explainTable, columnLabel, skippedLabels, type TableExplanation } from './layout/explain';
export {
  taskListSheet,
  unitTaskLists,
  TASK_LIST_SHEET,
  type ResponsibilityTable,
  type UnitTasks,
} from './responsibility';
export type { TargetTable } from './target';
export { explainRule, ruleReading, type RuleExplanation } from './rules/explain';
export { parseRule, parseNotation, formatNotation, type Rule, type RuleKind } from './rules';
export * from './review';
export * from './journal';
export { normalizeLabel, displayLabel, toHalfWidth } from './text';
export * from './dates';
export { COLUMN_ROLES, type TableCorrection } from './layout/corrections';
export { ROLE_ZH } from './layout/vocabulary';
