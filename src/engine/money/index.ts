import type { Check, Detector } from '../pipeline';

/** Budget, cost and ledger tables: detection and checks. Registered in analyze.ts. */
export const moneyDetectors: Detector[] = [];
export const moneyChecks: Check[] = [];
