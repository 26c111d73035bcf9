import { z } from 'zod';
import { FINDING_CODES, type Finding, type FindingCode } from './findings';
import { isA1 } from './model/address';

/** The shape of a finding at the JSON boundary (`check --json`, the tests' invariants), with A1 checks. */
export const findingCodeSchema = z.enum(Object.keys(FINDING_CODES) as [FindingCode, ...FindingCode[]]);

const a1OrQualified = z
  .string()
  .refine((s) => isA1(s) || /^.+!\$?[A-Z]{1,3}\$?\d+$/.test(s), 'an A1 address or Sheet!A1');

export const findingSchema: z.ZodType<Finding> = z.object({
  code: findingCodeSchema,
  severity: z.enum(['error', 'warning', 'info']),
  sheet: z.string(),
  cell: z.string().refine(isA1, 'an A1 address'),
  /** Cells that take part in the comparison: A1 on the same sheet, or `Sheet!A1` elsewhere. */
  related: z.array(a1OrQualified),
  message: z.string().min(1),
  expected: z.union([z.number(), z.string()]).optional(),
  actual: z.union([z.number(), z.string()]).optional(),
  /**
   * When one wrong cell explains several findings: that cell and the value that resolves them.
   * Set on every finding it explains, so a reader sees the same culprit from each.
   */
  culprit: z
    .object({
      sheet: z.string(),
      cell: z.string(),
      value: z.union([z.number(), z.string()]),
      explains: z.number().int(),
    })
    .optional(),
  /** For rule findings: how jixiao reads the 评价标准, in Chinese (`按比例计分：得分 = 完成率 × 20，最高 20 分`). */
  ruleReading: z.string().optional(),
});
