import { z } from 'zod';
import { compareA1, isA1 } from './model/address';

/** The vocabulary of findings (shared/finding-codes.md). Stable: add freely, never rename. */
export const FINDING_CODES = {
  'table-not-found': 'info',
  'weight-sum': 'error',
  'total-weight': 'error',
  'missing-weight': 'warning',
  'missing-score': 'warning',
  'score-out-of-range': 'error',
  'subtotal-mismatch': 'error',
  'total-mismatch': 'error',
  'rate-mismatch': 'error',
  'grade-mismatch': 'error',
  'duplicate-indicator': 'warning',
  'duplicate-title': 'warning',
  'deduction-unexplained': 'warning',
  'deduction-note-mismatch': 'error',
  'rule-weight-mismatch': 'error',
  'rule-text-conflict': 'warning',
  'rule-unparsed': 'info',
  'rule-score-mismatch': 'error',
  'execution-score-mismatch': 'error',
  'shortfall-full-score': 'warning',
  'rule-unreachable-band': 'info',
  'label-mismatch': 'warning',
  'unquantified-target': 'info',
  'cross-table-mismatch': 'error',
  'over-budget': 'error',
  'balance-mismatch': 'error',
  'sum-mismatch': 'error',
  'late-disbursement': 'warning',
  'payment-progress': 'warning',
  'holiday-data-missing': 'info',
  'number-as-text': 'info',
  'cell-error': 'error',
  'date-inferred': 'info',
  'date-unreadable': 'warning',
  'file-repaired': 'info',
} as const;

export type FindingCode = keyof typeof FINDING_CODES;
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const findingCodeSchema = z.enum(Object.keys(FINDING_CODES) as [FindingCode, ...FindingCode[]]);

const a1OrQualified = z
  .string()
  .refine((s) => isA1(s) || /^.+!\$?[A-Z]{1,3}\$?\d+$/.test(s), 'an A1 address or Sheet!A1');

export const findingSchema = z.object({
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
    .object({ sheet: z.string(), cell: z.string(), value: z.union([z.number(), z.string()]), explains: z.number().int() })
    .optional(),
});

export type Finding = z.infer<typeof findingSchema>;

export interface FindingDraft {
  readonly code: FindingCode;
  readonly sheet: string;
  readonly cell: string;
  readonly message: string;
  readonly related?: readonly string[];
  readonly expected?: number | string;
  readonly actual?: number | string;
  /** Overrides the code's default severity (e.g. a judgement call reported as info). */
  readonly severity?: Severity;
}

export function finding(d: FindingDraft): Finding {
  return {
    code: d.code,
    severity: d.severity ?? FINDING_CODES[d.code],
    sheet: d.sheet,
    cell: d.cell,
    related: [...new Set(d.related ?? [])].filter((r) => r !== d.cell),
    message: d.message,
    ...(d.expected !== undefined ? { expected: d.expected } : {}),
    ...(d.actual !== undefined ? { actual: d.actual } : {}),
  };
}

/** Sheet order as in the workbook, then cell in reading order, then code. */
export function sortFindings(findings: readonly Finding[], sheetOrder: readonly string[]): Finding[] {
  const idx = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...findings].sort(
    (a, b) => idx(a.sheet) - idx(b.sheet) || compareA1(a.cell, b.cell) || a.code.localeCompare(b.code),
  );
}

/** One finding per (code, sheet, cell): two checks that see the same slip report it once. */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) {
    const k = `${f.code}\u0000${f.sheet}\u0000${f.cell}`;
    if (!seen.has(k)) seen.set(k, f);
  }
  return [...seen.values()];
}
