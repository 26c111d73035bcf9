import type { CheckedFile } from './report';

/**
 * `jixiao check --explain`: per table, its range, kind and title, the header rows, which column was
 * read as what, and the rows skipped — so a person sees at once why a finding appears (or not).
 */
export function formatExplain(reports: readonly CheckedFile[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.file} 的表格是这样读的 (how the tables were read)：`);
    if (r.tables.length === 0) lines.push('  （未识别到表格）');
    for (const t of r.tables) {
      const e = t.explained;
      lines.push(`  ${e.where}  ${t.kindZh}${e.title ? `  “${e.title}”` : '  （无标题）'}`);
      lines.push(`    表头：${e.headerRows}`);
      if (e.columns.length > 0) lines.push(`    列：${e.columns.join('，')}`);
      if (e.skipped.length > 0) lines.push(`    跳过：${e.skipped.join('；')}`);
    }
    // The 评价标准 behind a rule finding, as jixiao read it (the same reading `jixiao rule` prints).
    const read = r.findings.filter((f) => f.ruleReading);
    if (read.length > 0) lines.push('  评价标准的读法：');
    for (const f of read) lines.push(`    ${f.sheet}!${f.cell}  ${f.ruleReading}`);
  }
  return lines.join('\n');
}
