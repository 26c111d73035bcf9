import type { Check, Detector } from '../pipeline';

/** 项目支出绩效自评表: detection and checks. Registered in analyze.ts. */
export const selfEvalDetectors: Detector[] = [];
export const selfEvalChecks: Check[] = [];
