import {
  honourReviews,
  type Review,
  SEVERITY_ZH,
  codeZh,
  explainTable,
  tableKindZh,
  type Analysis,
  type Finding,
  type Severity,
  type Table,
  type TableExplanation,
} from '../engine';
import { REASON_ZH, type InputProblem } from './input';

/** A recognised table as the reports show it (what crosses from a worker thread: no cells, no tree). */
export interface TableSummary {
  readonly sheet: string;
  readonly range: string;
  readonly kind: Table['kind'];
  readonly kindZh: string;
  readonly title?: string;
  /** How the layout reader read it (`--explain`): plain text, so it crosses from a worker as it is. */
  readonly explained: TableExplanation;
}

export interface CheckedFile {
  readonly status: 'checked';
  /** The path as the user sees it (the original .xls when a converted copy was read). */
  readonly file: string;
  readonly tables: readonly TableSummary[];
  readonly findings: readonly Finding[];
  /** Checks or detectors that failed on this input: reported, never thrown. */
  readonly internalErrors: readonly string[];
  /** Verdicts (已复核 / 忽略) stored in the workbook's settings by the pane. */
  readonly reviews?: readonly Review[];
  /** Findings left out of this report because the workbook marks them 已复核 or 忽略 (shown with --all). */
  readonly hiddenByReview?: number;
}

/** The report as the user asked for it: findings the workbook marks 已复核/忽略 hidden, or with --all tagged. */
export function withReviews(r: CheckedFile, showAll: boolean): CheckedFile {
  if (!r.reviews?.length) return r;
  const h = honourReviews({ findings: [...r.findings] }, { reviews: r.reviews }, showAll);
  return { ...r, findings: h.findings, hiddenByReview: h.hiddenByReview };
}

export interface NotCheckedFile {
  readonly status: 'not-checked';
  readonly file: string;
  readonly problem: InputProblem;
  /** Named by the user or a workbook by its extension: not checking it makes the exit code 2. */
  readonly wanted: boolean;
}

export type FileReport = CheckedFile | NotCheckedFile;

/** The part of an analysis a report needs. */
export function checkedFile(file: string, a: Analysis, reviews: readonly Review[] = []): CheckedFile {
  return {
    ...(reviews.length ? { reviews } : {}),
    status: 'checked',
    file,
    tables: a.tables.map((t) => ({
      sheet: t.sheet,
      range: t.range,
      kind: t.kind,
      kindZh: tableKindZh(t),
      ...(t.title ? { title: t.title } : {}),
      explained: explainTable(t),
    })),
    findings: a.findings,
    internalErrors: a.internalErrors,
  };
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** How a not-checked file is listed: the short reason, then the sentence when it says more. */
export function notCheckedLine(r: NotCheckedFile): string {
  const label = REASON_ZH[r.problem.reason];
  const detail = r.problem.zh === label ? '' : `：${r.problem.zh}`;
  return `${label}${detail} (${r.problem.en})`;
}

/**
 * The text report: per checked file, the tables found, then findings grouped by sheet, each with
 * its kind in Chinese; then every file not checked with the reason; then the counts.
 */
export function formatTextReport(reports: readonly FileReport[], showInfo: boolean): string {
  const lines: string[] = [];
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of reports) {
    if (r.status === 'not-checked') continue;
    lines.push(`━━ ${r.file}`);
    lines.push(
      r.tables.length > 0
        ? `  识别到 ${r.tables.length} 个表格：`
        : '  识别到 0 个表格：没有一张工作表像指标表、得分表、预算表、台账或自评表（表头需写明“一级指标”“分值”“得分”“预算”“日期”等列名）',
    );
    for (const t of r.tables) lines.push(`    ${t.sheet}!${t.range}  ${t.kindZh}${t.title ? `  “${t.title}”` : ''}`);
    const counts = countBySeverity(r.findings);
    for (const s of Object.keys(totals) as Severity[]) totals[s] += counts[s];
    lines.push(`  问题 ${r.findings.length} 项：错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}`);
    let sheet = '';
    for (const f of r.findings.filter((x) => showInfo || x.severity !== 'info')) {
      if (f.sheet !== sheet) {
        sheet = f.sheet;
        lines.push(`  [${sheet}]`);
      }
      lines.push(`    ${SEVERITY_ZH[f.severity]} ${f.cell.padEnd(5)} 【${codeZh(f.code)}】${f.message}`);
    }
    if (!showInfo && counts.info > 0) lines.push(`  （另有 ${counts.info} 项提示未列出，加 --all 显示）`);
    if ((r.hiddenByReview ?? 0) > 0)
      lines.push(`  （另有 ${r.hiddenByReview} 项已在工作簿中标为已复核或忽略，加 --all 显示）`);
    for (const e of r.internalErrors) lines.push(`  ⚠ ${e}`);
    lines.push('');
  }
  const notChecked = reports.filter((r): r is NotCheckedFile => r.status === 'not-checked');
  if (notChecked.length > 0) {
    lines.push(`未检查的文件 ${notChecked.length} 个：`);
    for (const r of notChecked) lines.push(`  ${r.file}  ${notCheckedLine(r)}`);
    lines.push('');
  }
  const checked = reports.length - notChecked.length;
  const unreadable = notChecked.filter((r) => r.wanted).length;
  const others = notChecked.length - unreadable;
  lines.push(
    `共 ${checked + unreadable} 个文件${unreadable ? `（${unreadable} 个无法读取）` : ''}：错误 ${totals.error}，警告 ${totals.warning}，提示 ${totals.info}` +
      (others ? `；另有 ${others} 个文件不是工作簿，未检查` : ''),
  );
  return lines.join('\n');
}

/**
 * The JSON report: `{files:[{file, tables:[{sheet,range,kind,title}], findings:[…]}]}`; a file not
 * checked has `error`, `errorZh` and `reason` (a NotCheckedReason) and empty lists.
 */
export function toJsonReport(reports: readonly FileReport[]): unknown {
  return {
    files: reports.map((r) =>
      r.status === 'not-checked'
        ? {
            file: r.file,
            error: r.problem.en,
            errorZh: r.problem.zh,
            reason: r.problem.reason,
            tables: [],
            findings: [],
          }
        : {
            file: r.file,
            tables: r.tables.map((t) => ({
              sheet: t.sheet,
              range: t.range,
              kind: t.kind,
              ...(t.title ? { title: t.title } : {}),
            })),
            findings: r.findings,
          },
    ),
  };
}
