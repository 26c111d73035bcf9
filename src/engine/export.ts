import { codeZh, type Finding, type Severity } from './findings';
import type { NewSheet } from './patch';
import type { Table } from './tables';

/** Findings as people read them outside the pane: a table to paste, or a 问题清单 sheet. Pure. */

export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

// The Chinese kind names live beside the codes (findings.ts); re-exported for existing importers.
export { CODE_ZH, codeZh } from './findings';

export const ISSUE_LIST_HEADER = ['序号', '工作表', '单元格', '级别', '问题类型', '说明', '应为', '实为', '相关单元格', '代码'] as const;

function row(f: Finding, i: number): (string | number | null)[] {
  return [
    i + 1,
    f.sheet,
    f.cell,
    SEVERITY_ZH[f.severity],
    codeZh(f.code),
    f.message,
    f.expected ?? null,
    f.actual ?? null,
    f.related.join(' '),
    f.code,
  ];
}

/** One line per finding, tab-separated with a header: pastes into Excel or WPS as a table. */
export function findingsToTsv(findings: readonly Finding[]): string {
  const clean = (v: string | number | null) => (v === null ? '' : String(v).replace(/[\t\r\n]+/g, ' ').trim());
  const lines = [ISSUE_LIST_HEADER.join('\t'), ...findings.map((f, i) => row(f, i).map(clean).join('\t'))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The 问题清单 sheet: the same columns as the TSV, numbers kept as numbers. */
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
