import { SEVERITY_ZH, tableKindZh } from '../engine/export';
import type { Analysis } from '../engine/analyze';
import type { Finding, Severity } from '../engine/findings';



export interface FileReport {
  readonly file: string;
  readonly analysis?: Analysis;
  /** Set when the file could not be read. */
  readonly error?: { readonly zh: string; readonly en: string };
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** The text report: per file, the tables found, then findings grouped by sheet, with counts. */
export function formatTextReport(reports: readonly FileReport[], showInfo: boolean): string {
  const lines: string[] = [];
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of reports) {
    lines.push(`━━ ${r.file}`);
    if (r.error) {
      lines.push(`  无法读取：${r.error.zh} (${r.error.en})`, '');
      continue;
    }
    const a = r.analysis!;
    lines.push(
      a.tables.length > 0
        ? `  识别到 ${a.tables.length} 个表格：`
        : '  识别到 0 个表格：没有一张工作表像指标表、得分表、预算表、台账或自评表（表头需写明“一级指标”“分值”“得分”“预算”“日期”等列名）',
    );
    for (const t of a.tables) lines.push(`    ${t.sheet}!${t.range}  ${tableKindZh(t)}${t.title ? `  “${t.title}”` : ''}`);
    const counts = countBySeverity(a.findings);
    for (const s of Object.keys(totals) as Severity[]) totals[s] += counts[s];
    lines.push(`  问题 ${a.findings.length} 项：错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}`);
    const shown = a.findings.filter((f) => showInfo || f.severity !== 'info');
    let sheet = '';
    for (const f of shown) {
      if (f.sheet !== sheet) {
        sheet = f.sheet;
        lines.push(`  [${sheet}]`);
      }
      lines.push(`    ${SEVERITY_ZH[f.severity]} ${f.cell.padEnd(5)} ${f.message}  (${f.code})`);
    }
    if (!showInfo && counts.info > 0) lines.push(`  （另有 ${counts.info} 项提示未列出，加 --all 显示）`);
    if ('hiddenByReview' in a && Number(a.hiddenByReview) > 0) lines.push(`  （另有 ${Number(a.hiddenByReview)} 项已在工作簿中标为已复核或忽略，加 --all 显示）`);
    for (const e of a.internalErrors) lines.push(`  ⚠ ${e}`);
    lines.push('');
  }
  const unreadable = reports.filter((r) => r.error).length;
  lines.push(
    `共 ${reports.length} 个文件${unreadable ? `（${unreadable} 个无法读取）` : ''}：错误 ${totals.error}，警告 ${totals.warning}，提示 ${totals.info}`,
  );
  return lines.join('\n');
}

/** The JSON report: `{files:[{file, tables:[{sheet,range,kind}], findings:[…]}]}`. */
export function toJsonReport(reports: readonly FileReport[]): unknown {
  return {
    files: reports.map((r) =>
      r.error
        ? { file: r.file, error: r.error.en, errorZh: r.error.zh, tables: [], findings: [] }
        : {
            file: r.file,
            tables: r.analysis!.tables.map((t) => ({ sheet: t.sheet, range: t.range, kind: t.kind, ...(t.title ? { title: t.title } : {}) })),
            findings: r.analysis!.findings,
          },
    ),
  };
}
