import type { Check, Detector } from '../pipeline';
import { detectIndicatorTables } from './detect';
import { detectSummaryTables } from './summary';
import { indicatorPairCheck, indicatorStructureCheck, summaryCheck } from './checks';

/** Indicator systems, score sheets and their summary tables. Registered in analyze.ts. */
export const indicatorDetectors: Detector[] = [
  { name: 'indicator-table', detect: detectIndicatorTables },
  { name: 'score-summary', detect: detectSummaryTables },
];
export const indicatorChecks: Check[] = [indicatorStructureCheck, summaryCheck, indicatorPairCheck];
export { leavesOf, walk } from './tree';
