/**
 * Checks of indicator systems, score sheets and summary tables, one file per concern: weights
 * (weights.ts), scores, rates and notes (scores.ts), grades (grade.ts), summary tables against
 * their detail (summaryTable.ts), two indicator tables of one workbook (crossTable.ts). Every
 * "printed sum ≠ the sum of its parts" goes through sums.ts.
 */
export { indicatorStructureCheck, checkIndicatorTable } from './weights';
export { summaryCheck } from './summaryTable';
export { indicatorPairCheck } from './crossTable';
export { effectiveWeight, printedSumFinding } from './sums';
export { deductionInNote } from './scores';
