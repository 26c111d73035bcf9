import type { Check, Detector } from '../pipeline';
import { detectMoneyTables } from './detect';
import { amountCheck, ledgerCheck } from './checks';

/** Budget, cost and ledger tables: detection and checks. Registered in analyze.ts. */
export const moneyDetectors: Detector[] = [{ name: 'money-tables', detect: detectMoneyTables }];
export const moneyChecks: Check[] = [amountCheck, ledgerCheck];
