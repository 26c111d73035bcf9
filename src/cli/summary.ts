import { SEVERITY_ZH, codeZh, type Finding } from '../engine';
import { createXlsx, EMPTY, num, text, type XlsxCell, type XlsxSheet } from '../xlsx/create';
import { REASON_ZH } from './input';
import { countBySeverity, type FileReport } from './report';

/**
 * The summary of a folder check, as a workbook (`--report 汇总.xlsx`) or CSV (`--format csv`):
 * sheet 汇总, one row per file found (checked or not, with why); sheet 问题明细, one row per finding
 * and per file not checked. Headers frozen and filtered; ratios stored as numbers shown as percentages.
 */

export const SUMMARY_HEADER = ['文件', '表格数', '识别到的表格', '错误', '警告', '提示', '状态'] as const;
export const DETAIL_HEADER = ['文件', '工作表', '单元格', '级别', '问题类型', '说明', '建议值'] as const;

/** Findings whose expected value is a ratio (得分率, 执行率, 节约率), stored as a fraction: shown as a percentage. */
const RATIO_CODES: ReadonlySet<Finding['code']> = new Set(['rate-mismatch']);
export const PERCENT_FORMAT = '0.00%';

/** The 状态 of a file: what a person filters on. */
export function fileStatus(r: FileReport): string {
  if (r.status === 'not-checked') return `未检查：${REASON_ZH[r.problem.reason]}`;
  const c = countBySeverity(r.findings);
  return c.error ? '有错误' : c.warning ? '有警告' : '无问题';
}

function summaryRows(reports: readonly FileReport[]): XlsxCell[][] {
  return reports.map((r) => {
    if (r.status === 'not-checked')
      return [text(r.file), EMPTY, text(r.problem.zh), EMPTY, EMPTY, EMPTY, text(fileStatus(r))];
    const c = countBySeverity(r.findings);
    const kinds = [...new Set(r.tables.map((t) => t.kindZh))].join('、');
    return [
      text(r.file),
      num(r.tables.length),
      text(kinds),
      num(c.error),
      num(c.warning),
      num(c.info),
      text(fileStatus(r)),
    ];
  });
}

function suggested(f: Finding): XlsxCell {
  if (typeof f.expected === 'number') return num(f.expected, RATIO_CODES.has(f.code) ? PERCENT_FORMAT : undefined);
  if (typeof f.expected === 'string') return text(f.expected);
  return EMPTY;
}

function detailRows(reports: readonly FileReport[]): XlsxCell[][] {
  const rows: XlsxCell[][] = [];
  for (const r of reports) {
    if (r.status === 'not-checked') {
      rows.push([
        text(r.file),
        EMPTY,
        EMPTY,
        text('未检查'),
        text(REASON_ZH[r.problem.reason]),
        text(r.problem.zh),
        EMPTY,
      ]);
      continue;
    }
    for (const f of r.findings)
      rows.push([
        text(r.file),
        text(f.sheet),
        text(f.cell),
        text(SEVERITY_ZH[f.severity]),
        text(codeZh(f.code)),
        text(f.message),
        suggested(f),
      ]);
  }
  return rows;
}

const header = (names: readonly string[]) => names.map((n) => text(n, true));

export function summarySheets(reports: readonly FileReport[]): XlsxSheet[] {
  return [
    {
      name: '汇总',
      rows: [header(SUMMARY_HEADER), ...summaryRows(reports)],
      columnWidths: [48, 8, 30, 7, 7, 7, 18],
      frozenRows: 1,
      autoFilter: true,
    },
    {
      name: '问题明细',
      rows: [header(DETAIL_HEADER), ...detailRows(reports)],
      columnWidths: [40, 16, 8, 8, 16, 80, 12],
      frozenRows: 1,
      autoFilter: true,
    },
  ];
}

/** The summary workbook's bytes. */
export function summaryWorkbook(reports: readonly FileReport[]): Uint8Array {
  return createXlsx(summarySheets(reports));
}

/** A cell as CSV shows it: a percentage as Excel displays it (94.44%), which Excel reads back as a number. */
function csvValue(c: XlsxCell): string {
  switch (c.type) {
    case 'empty':
      return '';
    case 'text':
      return c.value;
    case 'number':
      return c.format === PERCENT_FORMAT ? `${Number((c.value * 100).toFixed(2))}%` : String(c.value);
  }
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** 问题明细 as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF lines. */
export function summaryCsv(reports: readonly FileReport[]): string {
  const rows = [header(DETAIL_HEADER), ...detailRows(reports)];
  return `\uFEFF${rows.map((r) => r.map((c) => csvField(csvValue(c))).join(',')).join('\r\n')}\r\n`;
}
