import { buildFindingTree, stepFinding } from '../../src/taskpane/model';
import { finding, type Finding } from '../../src/engine/findings';
import type { Table } from '../../src/engine/tables';

const t = (id: string, sheet: string, range: string): Table =>
  ({ id, sheet, range, kind: 'ledger' }) as unknown as Table;
const late = (sheet: string, cell: string): Finding =>
  finding({ code: 'late-disbursement', sheet, cell, message: `${cell} 晚了` });
const over = (sheet: string, cell: string): Finding =>
  finding({ code: 'over-budget', sheet, cell, message: `${cell} 超了` });

describe('buildFindingTree', () => {
  const tables = [t('a', '台账', 'A2:F40'), t('b', '台账', 'H2:K9'), t('c', '预算', 'A1:E20')];
  const findings = [
    late('台账', 'A3'),
    late('台账', 'A4'),
    late('台账', 'A5'),
    late('台账', 'A6'),
    late('台账', 'A7'),
    over('台账', 'I5'),
    late('台账', 'Z99'),
    over('预算', 'C4'),
  ];
  const tree = buildFindingTree(findings, tables);

  it('puts sheets and tables with errors first, each finding in its table, the rest 表格之外', () => {
    expect(tree.sheets.map((s) => s.sheet)).toEqual(['台账', '预算']); // both have an error: workbook order
    const ledger = tree.sheets[0];
    expect(ledger.counts).toEqual({ error: 1, warning: 6, info: 0 });
    expect(ledger.tables.map((x) => [x.label, x.counts.error, x.counts.warning])).toEqual([
      ['拨付台账 H2:K9', 1, 0],
      ['拨付台账 A2:F40', 0, 5],
      ['表格之外', 0, 1],
    ]);
  });

  it('collapses more than four of one kind in one table into one row; four stay single', () => {
    const rows = tree.sheets[0].tables[1].rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].kind === 'many' && rows[0].findings.map((f) => f.cell)).toEqual(['A3', 'A4', 'A5', 'A6', 'A7']);
    const four = buildFindingTree(findings.slice(1, 5), tables).sheets[0].tables[0].rows;
    expect(four.map((r) => r.kind)).toEqual(['one', 'one', 'one', 'one']);
  });

  it('orders next/previous as the list shows them, wrapping', () => {
    expect(tree.order.map((f) => f.cell)).toEqual(['I5', 'A3', 'A4', 'A5', 'A6', 'A7', 'Z99', 'C4']);
    expect(stepFinding(tree.order, undefined, 1)?.cell).toBe('I5');
    expect(stepFinding(tree.order, undefined, -1)?.cell).toBe('C4');
    expect(stepFinding(tree.order, tree.order[7], 1)?.cell).toBe('I5');
    expect(stepFinding(tree.order, tree.order[0], -1)?.cell).toBe('C4');
  });

  it('a sheet with only warnings follows sheets with errors', () => {
    const t2 = buildFindingTree([late('台账', 'A3'), over('预算', 'C4')], tables);
    expect(t2.sheets.map((s) => s.sheet)).toEqual(['预算', '台账']);
  });
});
