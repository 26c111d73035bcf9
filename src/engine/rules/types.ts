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

/** A further deduction of a per-finding rule: `日常报销不符合规定退回的每笔扣0.5分`; `once`: a fixed deduction (`逾期扣1分`). */
export const findingDeductionSchema = z.object({
  deduct: n.positive(),
  once: z.boolean().optional(),
  cap: n.positive().optional(),
});

/** `每发现一处不规范的扣0.5分，扣完为止` (with `20%资金使用不规范的…不得分`). */
export const perFindingRuleSchema = z.object({
  kind: z.literal('per-finding'),
  /** Points lost per finding of the first kind the text names (what `--count` counts). */
  deduct: n.positive(),
  /** The first kind is a fixed deduction (`未确定专人保管的扣0.5分`), not one per finding. */
  once: z.boolean().optional(),
  /** `最多扣6分`: the most the first kind can take. */
  cap: n.positive().optional(),
  /** Further kinds of findings with their own deduction. */
  more: z.array(findingDeductionSchema).optional(),
  /** Points before deductions when the text names them (`有效监督管理得2分`); else the weight. */
  full: n.positive().optional(),
  /** A condition that zeroes the indicator outright. */
  zeroIf: z.string().optional(),
});

/**
 * `项目计划投资完成100%的得10分,每减少1个百分点扣1分`; `变动率≦0,计5分;>0,每超过一个百分点扣0.5分`;
 * `1000公斤以上…每少于100公斤扣5分`. Points lost per step of distance from the threshold, not below 0.
 */
export const thresholdDeductRuleSchema = z.object({
  kind: z.literal('threshold-deduct'),
  variable: z.string().optional(),
  /** Rates as ratios (90% = 0.9); other quantities in `unit`. */
  threshold: n,
  /** Absent: a rate (%). `公斤`, `万元`, …: a quantity in that unit. */
  unit: z.string().optional(),
  /** Which side of the threshold loses points; `both`: any deviation (`与计划每相差3%`). */
  direction: z.enum(['below', 'above', 'both']),
  /** One step, in the threshold's scale (1 percentage point = 0.01; 100公斤 = 100). */
  step: n.positive(),
  /** Points lost per step. */
  per: n.positive(),
  /** `不足一个百分点的按照一个百分点计算`: a started step counts whole. Absent: deductions are proportional. */
  wholeSteps: z.boolean().optional(),
  /** Points at or beyond the threshold, when the text names them; else the weight. */
  full: n.positive().optional(),
  /** `扣完10分为止`/`最多扣6分`: the most that can be deducted (below `full`). */
  cap: n.positive().optional(),
  /** A condition that zeroes the indicator outright (`没有按国库管理制度规定拨付…不得分`). */
  zeroIf: z.string().optional(),
});

/**
 * A rule jixiao reads but does not compute: a base score with bonuses and deductions of different
 * kinds (`完成得基本分;每增加1%加0.5分…;每少1%扣1分`), or one pool with a rate and a count
 * deduction. Only its range is checked.
 */
export const formulaRuleSchema = z.object({
  kind: z.literal('formula-other'),
  /** The most it can give, when stated (base + the bonus cap); else the weight. */
  max: n.positive().optional(),
  /** `max` is `base × factor` of the weight (`加分至基本分值封顶`: 2 × the weight). */
  maxTimesWeight: n.positive().optional(),
  /** How jixiao reads it, in Chinese: shown to the user. */
  reading: z.string(),
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
    .array(
      z.object({
        min: boundSchema.optional(),
        max: boundSchema.optional(),
        points: n,
        /** `完成30%以上(8-9)`: the band allows any score from `points` to `upTo`, a person picks. */
        upTo: n.optional(),
        text: z.string(),
      }),
    )
    .min(2),
  /** A quantity in this unit rather than a rate (bounds then are plain numbers). */
  unit: z.string().optional(),
});

/** `效果显著得(2,3]分；效果较好得(1,2]分；…；效果较差不得分`: a person picks the grade and a score inside it. */
export const intervalsRuleSchema = z.object({
  kind: z.literal('intervals'),
  grades: z
    .array(z.object({ label: z.string(), low: n, lowInclusive: z.boolean(), high: n, highInclusive: z.boolean() }))
    .min(2),
});

/** `4项各占1/4权重分，有一项不满足，则扣除相应权重分`. */
export const checklistRuleSchema = z.object({
  kind: z.literal('checklist'),
  items: z.number().int().min(1).max(50),
  /** Numbered items (①…) actually listed in the text, when counted. */
  listed: z.number().int().min(0).optional(),
  /** Points per item when the text states them (`①…1分;②…1分;③…1分`), all equal; absent: weight / items. */
  points: n.positive().optional(),
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
  thresholdDeductRuleSchema,
  formulaRuleSchema,
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
  'threshold-deduct',
  'formula-other',
];

export type ParseResult = { readonly ok: true; readonly rule: Rule } | { readonly ok: false; readonly reason: string };
