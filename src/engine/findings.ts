import { compareA1 } from './model/address';

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
  'target-unquantified': 'warning',
  'target-category-missing': 'warning',
  'target-unit-missing': 'warning',
  'target-budget-mismatch': 'error',
  'responsibility-unassigned': 'warning',
  'responsibility-unit-variant': 'info',
  'responsibility-duplicate-task': 'warning',
  'cell-error': 'error',
  'date-inferred': 'info',
  'date-unreadable': 'warning',
  'file-repaired': 'info',
} as const;

export type FindingCode = keyof typeof FINDING_CODES;

/**
 * The kind of each finding code in Chinese, as people read it (the CLI report, the summary workbook,
 * filters, exported tables). Codes stay the machine name (JSON); add a name with every new code.
 */
export const CODE_ZH: Record<FindingCode, string> = {
  'table-not-found': '未识别到表格',
  'weight-sum': '权重之和不符',
  'total-weight': '总分值不符',
  'missing-weight': '缺少分值',
  'missing-score': '缺少得分',
  'score-out-of-range': '得分超出范围',
  'subtotal-mismatch': '小计不符',
  'total-mismatch': '合计不符',
  'rate-mismatch': '比率不符',
  'grade-mismatch': '等级不符',
  'duplicate-indicator': '指标重复',
  'duplicate-title': '表格重复',
  'deduction-unexplained': '扣分未说明',
  'deduction-note-mismatch': '扣分说明不符',
  'rule-weight-mismatch': '评价标准满分不符',
  'rule-text-conflict': '评价标准不一致',
  'rule-unparsed': '评价标准未能解析',
  'rule-score-mismatch': '得分与评价标准不符',
  'execution-score-mismatch': '执行率得分不符',
  'shortfall-full-score': '未完成却得满分',
  'rule-unreachable-band': '评分档位不可达',
  'label-mismatch': '名称不一致',
  'unquantified-target': '指标值未量化',
  'cross-table-mismatch': '表间数据不符',
  'over-budget': '超预算支付',
  'balance-mismatch': '结余不符',
  'sum-mismatch': '金额合计不符',
  'late-disbursement': '节日资金支付滞后',
  'payment-progress': '支付进度滞后',
  'holiday-data-missing': '缺少节假日数据',
  'number-as-text': '数字存为文本',
  'target-unquantified': '绩效目标未量化',
  'target-category-missing': '缺少指标类别',
  'target-unit-missing': '指标值缺少单位',
  'target-budget-mismatch': '成本指标超资金总额',
  'responsibility-unassigned': '任务无责任单位',
  'responsibility-unit-variant': '单位名称写法不一',
  'responsibility-duplicate-task': '任务重复',
  'cell-error': '单元格错误值',
  'date-inferred': '日期未设日期格式',
  'date-unreadable': '日期无法识别',
  'file-repaired': '文件已修复读取',
};

export function codeZh(code: string): string {
  return (CODE_ZH as Record<string, string>)[code] ?? code;
}
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * One finding: what the checks report and every front end shows. Its zod schema (the shape at the
 * JSON boundary, with A1 checks) is `findingSchema` in findingSchema.ts, kept apart so that an
 * importer of the codes (the task pane's first paint) does not load zod.
 */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  sheet: string;
  /** A1 on `sheet`. */
  cell: string;
  /** Cells that take part in the comparison: A1 on the same sheet, or `Sheet!A1` elsewhere. */
  related: string[];
  message: string;
  expected?: number | string;
  actual?: number | string;
  /**
   * When one wrong cell explains several findings: that cell and the value that resolves them.
   * Set on every finding it explains, so a reader sees the same culprit from each.
   */
  culprit?: { sheet: string; cell: string; value: number | string; explains: number };
  /** For rule findings: how jixiao reads the 评价标准, in Chinese (`按比例计分：得分 = 完成率 × 20，最高 20 分`). */
  ruleReading?: string;
}

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
  readonly ruleReading?: string;
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
    ...(d.ruleReading !== undefined ? { ruleReading: d.ruleReading } : {}),
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
