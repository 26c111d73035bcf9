import type { Check, Detector } from '../pipeline';
export const indicatorDetectors: Detector[] = [];
export const indicatorChecks: Check[] = [];
