import type { Check, Detector } from '../pipeline';
import { detectSelfEvalForms } from './detect';
import { selfEvalCheck } from './checks';

/** 项目支出绩效自评表: detection and checks. Registered in analyze.ts. */
export const selfEvalDetectors: Detector[] = [{ name: 'self-evaluation', detect: detectSelfEvalForms }];
export const selfEvalChecks: Check[] = [selfEvalCheck];

export { planSelfEvalScores, type SelfEvalScoreOptions } from './score';
export type { SelfEvalTable } from './types';
