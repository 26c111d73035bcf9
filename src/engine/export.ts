import type { Finding, FindingCode, Severity } from './findings';
import type { NewSheet } from './patch';
import type { Table } from './tables';

/** Findings as people read them outside the pane: a table to paste, or a 问题清单 sheet. Pure. */

export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** Short Chinese names of the finding codes, for filters and exported tables. */
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
  'cell-error': '单元格错误值',
  'date-inferred': '日期未设日期格式',
  'date-unreadable': '日期无法识别',
  'file-repaired': '文件已修复读取',
};

export function codeZh(code: string): string {
  return (CODE_ZH as Record<string, string>)[code] ?? code;
}

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
    default:
      return (t as Table).kind;
  }
}
