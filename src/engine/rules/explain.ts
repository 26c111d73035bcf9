import { familyOf, maxPointsOf, notationOf, readingOf, scoreOf, type RuleFamily, type RuleInput } from './families';
import { parseRule } from './parse';
import type { Rule } from './types';

/** What `jixiao rule --json` prints; the shape is fixed by issue 13. */
export interface RuleExplanation {
  readonly understood: boolean;
  readonly family: RuleFamily | null;
  readonly max: number | null;
  readonly reading: string;
  readonly notation: string | null;
  readonly score?: number;
  readonly unplaced?: string;
}

/** The Chinese reading of a parsed rule for an indicator of this weight (shown beside rule findings). */
export function ruleReading(rule: Rule, weight?: number): string {
  return readingOf(rule, weight);
}

/**
 * How jixiao reads a 评价标准 (the same parse the checks use), and the score for an input when the
 * input decides it. `weight` is the indicator's 分值, used where the text says 满分 without a number.
 */
export function explainRule(text: string, weight?: number, input?: RuleInput): RuleExplanation {
  const r = parseRule(text);
  if (!r.ok) {
    return {
      understood: false,
      family: null,
      max: null,
      reading: r.unplaced ? `未能识别的条款：“${r.unplaced}”` : r.reason,
      notation: null,
      ...(r.unplaced ? { unplaced: r.unplaced } : {}),
    };
  }
  const max = maxPointsOf(r.rule, weight);
  const score = input ? scoreOf(r.rule, input, weight) : undefined;
  return {
    understood: true,
    family: familyOf(r.rule),
    max: max ?? null,
    reading: readingOf(r.rule, weight),
    notation: notationOf(r.rule),
    ...(score !== undefined ? { score } : {}),
  };
}
