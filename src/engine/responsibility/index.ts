import type { Check, Detector } from '../pipeline';
import { detectResponsibilityTables } from './detect';
import { responsibilityCheck } from './checks';

/** 责任分解方案: detection, checks, and the per-unit task list. Registered in analyze.ts. */
export const responsibilityDetectors: Detector[] = [{ name: 'responsibility', detect: detectResponsibilityTables }];
export const responsibilityChecks: Check[] = [responsibilityCheck];

export { taskListSheet, unitTaskLists, TASK_LIST_SHEET, type UnitTasks } from './taskList';
export { splitUnits, unitKey } from './units';
export type { ResponsibilityTable, ResponsibilityTask, UnitRef } from './types';
