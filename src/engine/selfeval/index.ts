import type { Check, Detector, Scorer } from '../pipeline';
import { detectSelfEvalForms } from './detect';
import { selfEvalCheck } from './checks';
import { planSelfEvalScores } from './score';
import type { SelfEvalTable } from './types';

/** 项目支出绩效自评表: detection and checks (registered in analyze.ts), scoring (registered in score.ts). */
export const selfEvalDetectors: Detector[] = [{ name: 'self-evaluation', detect: detectSelfEvalForms }];
export const selfEvalChecks: Check[] = [selfEvalCheck];
export const selfEvalScorers: Scorer[] = [
  {
    name: 'self-evaluation-scores',
    plan: (ctx) => ({
      patches: ctx.tables
        .filter((t): t is SelfEvalTable => t.kind === 'self-evaluation')
        .flatMap((f) => planSelfEvalScores(f, ctx.settings, { formulas: ctx.options.formulas })),
      newSheets: [],
      findings: [],
    }),
  },
];

export { planSelfEvalScores, type SelfEvalScoreOptions } from './score';
export type { SelfEvalTable } from './types';
