import type { Rule, RuleKind } from '../types';

/** The family vocabulary of shared/rules/README.md: what `jixiao rule --json` reports as `family`. */
export type RuleFamily =
  | 'ratio'
  | 'threshold-deduct'
  | 'per-finding'
  | 'levels'
  | 'bands'
  | 'checklist'
  | 'comparison'
  | 'ranking'
  | 'composite'
  | 'satisfaction'
  | 'binary'
  | 'discretionary'
  | 'formula-other'
  | 'not-a-rule';

/** A situation to score: a rate or value (0.95 = 95%), a number of findings/unmet items, or the N-th stated outcome (0 = first). */
export interface RuleInput {
  readonly rate?: number;
  readonly count?: number;
  readonly level?: number;
}

export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

/**
 * One rule family, side by side: what it is called, the most it gives, how it scores an input,
 * how it reads in Chinese and in the override notation. `weight` is the indicator's 分值 (points),
 * used where the text says 满分/权重分 without a number.
 */
export interface FamilyModule<K extends RuleKind> {
  readonly kind: K;
  readonly family: RuleFamily;
  /** The full mark the rule states in points (undefined: it takes the weight). */
  maxPoints(rule: RuleOf<K>, weight: number | undefined): number | undefined;
  /** The score for an input, or undefined when the input does not decide it (a person scores). */
  score(rule: RuleOf<K>, input: RuleInput, weight: number | undefined): number | undefined;
  /** `按比例计分：得分 = 完成率 × 20，最高 20 分`. */
  reading(rule: RuleOf<K>, weight: number | undefined): string;
  notation(rule: RuleOf<K>): string;
}

/** Rounded to 1e-9 so that 10 − 3 × 0.4 prints as 8.8. */
export const tidy = (x: number) => Math.round(x * 1e9) / 1e9;
export const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
export const pts = (x: number) => `${tidy(x)}`;
export const pctText = (r: number) => `${tidy(r * 100)}%`;
export const fullText = (full: number | undefined, weight: number | undefined) =>
  full !== undefined ? `${pts(full)} 分` : weight !== undefined ? `${pts(weight)} 分（指标分值）` : '满分（指标分值）';
