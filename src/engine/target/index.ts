import type { Check, Detector } from '../pipeline';
import { detectTargetForms } from './detect';
import { targetCheck } from './checks';

/** 绩效目标表 / 绩效目标申报表: detection and review checks. Registered in analyze.ts. */
export const targetDetectors: Detector[] = [{ name: 'target', detect: detectTargetForms }];
export const targetChecks: Check[] = [targetCheck];

export type { TargetTable, TargetIndicator } from './types';
