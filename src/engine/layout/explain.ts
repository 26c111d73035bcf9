import type { Table } from '../tables';
import { normalizeLabel } from '../text';
import type { ColumnRead, RowSkipped } from '../model/table';

/**
 * How a table was read, in the words a person checks it with: `B 一级指标（含分值）`,
 * `E 分值（三级）`, `H 得分（表头“自评得分”）`, and the rows passed over. Used by `check --explain`
 * and the pane's table list; pure, so both show the same.
 */
export interface TableExplanation {
  readonly where: string;
  readonly title?: string;
  readonly headerRows: string;
  /** One entry per column read, left to right. */
  readonly columns: readonly string[];
  /** `第 13 行（表头重复）` … */
  readonly skipped: readonly string[];
}

const SKIP_ZH: Record<RowSkipped['kind'], string> = {
  placeholder: '未填的模板行',
  'repeated-header': '表头重复',
  section: '分组行',
  blank: '空行',
  subtotal: '小计行',
};

/** `H 得分`, with the printed header when it says more than the role's name. */
export function columnLabel(c: ColumnRead): string {
  const header = c.header.replace(/\s+/g, '');
  const shown =
    header && normalizeLabel(header) !== normalizeLabel(c.as.replace(/（[^（）]*）$/, ''))
      ? `（表头“${header.length > 16 ? `${header.slice(0, 16)}…` : header}”）`
      : '';
  return `${c.col} ${c.as}${shown}${c.corrected ? ' [已按设置更正]' : ''}`;
}

/** Rows skipped, grouped by why: `第 13、22 行（表头重复）`. */
export function skippedLabels(rows: readonly RowSkipped[]): string[] {
  const by = new Map<RowSkipped['kind'], number[]>();
  for (const r of rows) by.set(r.kind, [...(by.get(r.kind) ?? []), r.row]);
  return [...by.entries()].map(([kind, list]) => `第 ${list.join('、')} 行（${SKIP_ZH[kind]}）`);
}

export function explainTable(t: Table): TableExplanation {
  const l = t.layout;
  return {
    where: `${t.sheet}!${t.range}`,
    ...(t.title ? { title: t.title } : {}),
    headerRows: l
      ? [
          ...(l.otherHeaderRows ?? []).map((r) => `第 ${r} 行`),
          l.headerRows[0] === l.headerRows[1]
            ? `第 ${l.headerRows[0]} 行`
            : `第 ${l.headerRows[0]}–${l.headerRows[1]} 行`,
        ].join('、')
      : `第 ${t.headerRow} 行`,
    columns: l ? l.columns.map(columnLabel) : [],
    skipped: l ? skippedLabels(l.skipped) : [],
  };
}
