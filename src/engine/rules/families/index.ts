import { assertNever } from '../assertNever';
import type { Rule, RuleKind, SimpleRule } from '../types';
import { bandsFamily } from './bands';
import { binaryFamily } from './binary';
import { checklistFamily } from './checklist';
import { comparisonFamily } from './comparison';
import { compositeFamily } from './composite';
import { deductPerPctFamily } from './deductPerPct';
import { discretionaryFamily } from './discretionary';
import type { FamilyModule, RuleFamily, RuleInput } from './family';
import { formulaFamily } from './formula';
import { intervalsFamily } from './intervals';
import { levelsFamily } from './levels';
import { perFindingFamily } from './perFinding';
import { ratioFamily } from './ratio';
import { rankingFamily } from './ranking';
import { satisfactionFamily } from './satisfaction';
import { thresholdDeductFamily } from './thresholdDeduct';

export type { RuleFamily, RuleInput } from './family';

/** Every rule kind's module. Adding a kind to types.ts without a module here is a compile error. */
export const FAMILIES: { readonly [K in RuleKind]: FamilyModule<K> } = {
  ratio: ratioFamily,
  'deduct-per-pct': deductPerPctFamily,
  'threshold-deduct': thresholdDeductFamily,
  binary: binaryFamily,
  levels: levelsFamily,
  'per-finding': perFindingFamily,
  bands: bandsFamily,
  intervals: intervalsFamily,
  checklist: checklistFamily,
  comparison: comparisonFamily,
  ranking: rankingFamily,
  composite: compositeFamily(
    (r, w) => readingOf(r, w),
    (r) => notationOf(r),
  ),
  satisfaction: satisfactionFamily,
  discretionary: discretionaryFamily,
  'formula-other': formulaFamily,
};

// One generic dispatch: TypeScript cannot narrow FAMILIES[rule.kind] to the rule's own module by itself.
const moduleOf = (rule: Rule) => FAMILIES[rule.kind] as unknown as FamilyModule<RuleKind> & { [k: string]: unknown };

export const familyOf = (rule: Rule): RuleFamily => FAMILIES[rule.kind].family;
export const maxPointsOf = (rule: Rule, weight?: number): number | undefined =>
  (moduleOf(rule).maxPoints as (r: Rule, w?: number) => number | undefined)(rule, weight);
export const scoreOf = (rule: Rule, input: RuleInput, weight?: number): number | undefined =>
  (moduleOf(rule).score as (r: Rule, i: RuleInput, w?: number) => number | undefined)(rule, input, weight);
export const readingOf = (rule: Rule | SimpleRule, weight?: number): string =>
  (moduleOf(rule).reading as (r: Rule, w?: number) => string)(rule, weight);
export const notationOf = (rule: Rule | SimpleRule): string => (moduleOf(rule).notation as (r: Rule) => string)(rule);

/** Whether a kind's score follows from a measured rate (what the workbook can compute). */
export function ratedKind(kind: RuleKind): boolean {
  switch (kind) {
    case 'ratio':
    case 'deduct-per-pct':
    case 'threshold-deduct':
    case 'satisfaction':
    case 'bands':
      return true;
    case 'binary':
    case 'levels':
    case 'per-finding':
    case 'intervals':
    case 'checklist':
    case 'comparison':
    case 'ranking':
    case 'composite':
    case 'discretionary':
    case 'formula-other':
      return false;
    default:
      return assertNever(kind);
  }
}
