import type { Check } from '../pipeline';

/** 评价标准 rules: parsing, rule checks and scoring. Registered in analyze.ts. */
export const ruleChecks: Check[] = [];
