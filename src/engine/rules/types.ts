import { z } from 'zod';

/**
 * A 评价标准 as data. Rules are parsed from the text (or from the override notation) and never
 * evaluated as code: every family below is a shape the engine knows how to score or check.
 */
const n = z.number().finite();

/** What an outcome earns: a number of points, or a share of the indicator's weight (满分 = share 1). */
export const awardSchema = z.union([z.object({ points: n }).strict(), z.object({ share: n.min(0).max(1) }).strict()]);
export type Award = z.infer<typeof awardSchema>;

/** `指标分值=资金到位率Y*指标满分值3分，得分不超过3分`, `得分＝3×完成率`: score = rate × max, capped. */
export const ratioRuleSchema = z.object({
  kind: z.literal('ratio'),
  /** The 满分值 the text names; absent: the indicator's weight. */
  max: n.positive().optional(),
  /** `资金到位率`, `完成率`. */
  variable: z.string().optional(),
});

/** `达95%以上，则得满分。每降低1%扣5%权重分，扣完为止`. */
export const deductPerPctRuleSchema = z.object({
  kind: z.literal('deduct-per-pct'),
  /** Rate (as a ratio, 0.95) at or above which the full weight is earned; absent with `fromBenchmark`. */
  threshold: n.positive(),
  /** True when the threshold is the 标杆值/目标值 (`达到目标值，则得满分`). */
  fromBenchmark: z.boolean().optional(),
  /** Share of the weight lost per percentage point below the threshold (0.05 for 5%权重分). */
  perPct: n.positive().max(1),
  variable: z.string().optional(),
});

/** `完成得4分，未完成得0分`, `不存在…的，得满分，否则不得分`. */
export const binaryRuleSchema = z.object({
  kind: z.literal('binary'),
  pass: awardSchema,
  fail: awardSchema,
  passLabel: z.string(),
  failLabel: z.string(),
});

/** `有效得1分，较有效得0.5分，无效得0分`; `优、良、中、较差和差，分别可得100%、75%、50%、25%、0的权重分`. */
export const levelsRuleSchema = z.object({
  kind: z.literal('levels'),
  levels: z.array(z.object({ label: z.string(), award: awardSchema })).min(2),
});

/** `每发现一处不规范的扣0.5分，扣完为止` (with `20%资金使用不规范的…不得分`). */
export const perFindingRuleSchema = z.object({
  kind: z.literal('per-finding'),
  deduct: n.positive(),
  /** Points before deductions when the text names them (`有效监督管理得2分`); else the weight. */
  full: n.positive().optional(),
  /** A condition that zeroes the indicator outright. */
  zeroIf: z.string().optional(),
});

export const boundSchema = z.object({ value: n, inclusive: z.boolean() });
export type Bound = z.infer<typeof boundSchema>;

/** 成本节约率 `≥4%得2分；3%≤…<4%得1.5分；…`. Bounds are ratios (4% = 0.04). */
export const bandsRuleSchema = z.object({
  kind: z.literal('bands'),
  variable: z.string().optional(),
  /** The text bands the absolute value (`|Y|`). */
  abs: z.boolean(),
  bands: z
    .array(z.object({ min: boundSchema.optional(), max: boundSchema.optional(), points: n, text: z.string() }))
    .min(2),
});

/** `效果显著得(2,3]分；效果较好得(1,2]分；…；效果较差不得分`: a person picks the grade and a score inside it. */
export const intervalsRuleSchema = z.object({
  kind: z.literal('intervals'),
  grades: z
    .array(
      z.object({ label: z.string(), low: n, lowInclusive: z.boolean(), high: n, highInclusive: z.boolean() }),
    )
    .min(2),
});

/** `4项各占1/4权重分，有一项不满足，则扣除相应权重分`. */
export const checklistRuleSchema = z.object({
  kind: z.literal('checklist'),
  items: z.number().int().min(1).max(50),
  /** Numbered items (①…) actually listed in the text, when counted. */
  listed: z.number().int().min(0).optional(),
});

/** `本年度“三公经费”总额＜上年度…得2分；等于得1分；大于不得分`. */
export const comparisonRuleSchema = z.object({
  kind: z.literal('comparison'),
  subject: z.string().optional(),
  less: n,
  equal: n,
  greater: n,
});

/** `前二得3分，完成任务得2分` (`无则0分`). */
export const rankingRuleSchema = z.object({
  kind: z.literal('ranking'),
  top: z.number().int().min(1),
  topPoints: n,
  completePoints: n,
  nonePoints: n.optional(),
});

/** Counts of 非常满意…很不满意 weighted 100/75/50/25/0%; optionally `满意度达90%，则得满分，每降低1%扣5%`. */
export const satisfactionRuleSchema = z.object({
  kind: z.literal('satisfaction'),
  weights: z.array(n.min(0).max(1)).min(2).default([1, 0.75, 0.5, 0.25, 0]),
  fullAt: n.positive().max(1).optional(),
  perPct: n.positive().max(1).optional(),
});

/** `酌情扣分`: a person scores it; the engine only checks the range. */
export const discretionaryRuleSchema = z.object({
  kind: z.literal('discretionary'),
  full: n.positive().optional(),
});

const simpleRuleSchema = z.discriminatedUnion('kind', [
  ratioRuleSchema,
  deductPerPctRuleSchema,
  binaryRuleSchema,
  levelsRuleSchema,
  perFindingRuleSchema,
  bandsRuleSchema,
  intervalsRuleSchema,
  checklistRuleSchema,
  comparisonRuleSchema,
  rankingRuleSchema,
  satisfactionRuleSchema,
  discretionaryRuleSchema,
]);
export type SimpleRule = z.infer<typeof simpleRuleSchema>;

/** `村企结对3分：…；学校结对2分：…；医院结对2分：…`: sub-rules whose points add up to the weight. */
export const compositeRuleSchema = z.object({
  kind: z.literal('composite'),
  parts: z.array(z.object({ name: z.string(), points: n.positive(), rule: simpleRuleSchema })).min(2),
});

export const ruleSchema = z.union([simpleRuleSchema, compositeRuleSchema]);
export { simpleRuleSchema };
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule['kind'];

export const RULE_KINDS: readonly RuleKind[] = [
  'ratio',
  'deduct-per-pct',
  'binary',
  'levels',
  'per-finding',
  'bands',
  'intervals',
  'checklist',
  'comparison',
  'ranking',
  'composite',
  'satisfaction',
  'discretionary',
];

export type ParseResult =
  | { readonly ok: true; readonly rule: Rule }
  | { readonly ok: false; readonly reason: string };
