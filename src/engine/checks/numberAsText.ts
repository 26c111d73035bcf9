import { finding, type Finding } from '../findings';
import { hasReadTextNumbers } from '../cells';
import { compareA1, isA1, parseA1 } from '../model/address';
import type { Check, CheckContext } from '../pipeline';
import type { Table } from '../tables';
import type { NumberCell } from '../model/table';

/**
 * Numbers typed as text (`98.82%`, `3,180.30`, `１２`, `2.96分`) are read as numbers by the detectors
 * (cells.ts readNumber marks them `fromText`), so the arithmetic still runs; but Excel's own SUM skips
 * them, which is how a 合计 in the workbook comes to disagree. One info finding per table says so.
 */
export const numberAsTextCheck: Check = {
  name: 'number-as-text',
  run: (ctx) => ctx.tables.flatMap((t) => numberAsTextFinding(t, ctx)),
};

const SHOWN_EXAMPLES = 3;

export function numberAsTextFinding(table: Table, ctx: CheckContext): Finding[] {
  const sheet = ctx.workbook.sheet(table.sheet);
  if (sheet && !hasReadTextNumbers(sheet)) return [];
  const cells = textNumberCells(table);
  if (cells.length === 0) return [];
  const shown = (c: NumberCell) => {
    const at = parseA1(c.cell);
    const raw = sheet?.text(at.row, at.col) ?? '';
    return `${c.cell}“${clip(raw)}”`;
  };
  const examples = cells.slice(0, SHOWN_EXAMPLES).map(shown).join('、');
  const more = cells.length > SHOWN_EXAMPLES ? ` 等 ${cells.length} 个单元格` : '';
  return [
    finding({
      code: 'number-as-text',
      sheet: table.sheet,
      cell: cells[0].cell,
      related: cells.slice(1).map((c) => c.cell),
      message: `${examples}${more}中的数字以文本形式保存，已按数字读取；Excel 的求和公式会忽略这些单元格，建议转换为数字`,
      actual: cells.length,
    }),
  ];
}

/**
 * Every number the table's detector read from text, in reading order, once per cell. Walks the table
 * generically, so that each family (indicator, money, self-evaluation) is covered as soon as it uses
 * readNumber, without this check knowing its shape.
 */
export function textNumberCells(table: Table): NumberCell[] {
  const byCell = new Map<string, NumberCell>();
  const seen = new Set<object>();
  const visit = (node: unknown, depth: number): void => {
    if (depth > 64 || node === null || typeof node !== 'object') return;
    // A cell reference ({cell, value|text, …}) holds nothing deeper: most of a table's objects,
    // looked at before the cycle guard so that they never enter it.
    if (typeof (node as { cell?: unknown }).cell === 'string' && !Array.isArray(node)) {
      if (isTextNumber(node) && !byCell.has(node.cell)) byCell.set(node.cell, node);
      return;
    }
    if (seen.has(node)) return;
    seen.add(node);
    // for…in rather than Object.values: no array per object (a ledger has hundreds of thousands).
    if (Array.isArray(node)) for (const child of node) visit(child, depth + 1);
    else for (const k in node) visit((node as Record<string, unknown>)[k], depth + 1);
  };
  visit(table, 0);
  return [...byCell.values()].sort((a, b) => compareA1(a.cell, b.cell));
}

function isTextNumber(o: object): o is NumberCell {
  const c = o as Partial<NumberCell>;
  return c.fromText === true && typeof c.value === 'number' && typeof c.cell === 'string' && isA1(c.cell);
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 20 ? `${one.slice(0, 20)}…` : one;
}
