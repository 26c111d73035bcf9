import { codeZh, type Finding, type Severity } from './findings';
import type { NewSheet } from './patch';
import type { Table } from './tables';

/** Findings as people read them outside the pane: a table to paste, or a 问题清单 sheet. Pure. */

export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

// The Chinese kind names live beside the codes (findings.ts); re-exported for existing importers.
export { CODE_ZH, codeZh } from './findings';

export const ISSUE_LIST_HEADER = [
  '序号',
  '工作表',
  '单元格',
  '级别',
  '问题类型',
  '说明',
  '应为',
  '实为',
  '相关单元格',
  '代码',
] as const;

/** Codes whose `expected`/`actual` are ratios (得分率, 支付进度): shown as the cells show them, `98.74%`. */
const RATIO_CODES: ReadonlySet<string> = new Set(['rate-mismatch', 'payment-progress']);

/**
 * A finding's number as a person reads it in exports: ratios as percentages with two decimals (the
 * `0.00%` the tables use), anything else as it is. One place, so 问题清单 and 复制问题表 agree.
 */
export function showFindingValue(code: string, v: number | string | undefined): string | number | null {
  if (v === undefined) return null;
  if (typeof v === 'number' && RATIO_CODES.has(code)) return `${(Math.round(v * 10000) / 100).toFixed(2)}%`;
  return v;
}

function row(f: Finding, i: number): (string | number | null)[] {
  return [
    i + 1,
    f.sheet,
    f.cell,
    SEVERITY_ZH[f.severity],
    codeZh(f.code),
    f.message,
    showFindingValue(f.code, f.expected),
    showFindingValue(f.code, f.actual),
    f.related.join(' '),
    f.code,
  ];
}

/** One line per finding, tab-separated with a header: pastes into Excel or WPS as a table. */
export function findingsToTsv(findings: readonly Finding[]): string {
  const clean = (v: string | number | null) =>
    v === null
      ? ''
      : String(v)
          .replace(/[\t\r\n]+/g, ' ')
          .trim();
  const lines = [ISSUE_LIST_HEADER.join('\t'), ...findings.map((f, i) => row(f, i).map(clean).join('\t'))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The 问题清单 sheet: the same columns as the TSV, numbers kept as numbers (ratios as the percentages the cells show). */
export function issueListSheet(findings: readonly Finding[], name = '问题清单'): NewSheet {
  return {
    name,
    rows: [[...ISSUE_LIST_HEADER], ...findings.map((f, i) => row(f, i))],
    columnWidths: [6, 14, 8, 6, 16, 70, 10, 10, 18, 22],
  };
}

/** The Chinese name of a table kind, as the pane and the CLI show it. */
export function tableKindZh(t: Table): string {
  switch (t.kind) {
    case 'indicator':
      return t.hasScores ? '得分表' : '指标体系';
    case 'score-summary':
      return '得分汇总表';
    case 'self-evaluation':
      return '项目支出绩效自评表';
    case 'budget':
      return '预算支出表';
    case 'cost':
      return '成本表';
    case 'ledger':
      return '拨付台账';
    case 'quantity':
      return '数量统计表';
    case 'target':
      return '绩效目标表';
    case 'responsibility':
      return '责任分解表';
    default:
      return (t as Table).kind;
  }
}
