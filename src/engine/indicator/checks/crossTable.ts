import { D, fmt } from '../../decimal';
import { finding, type Finding } from '../../findings';
import { qualify } from '../../model/address';
import type { Check } from '../../pipeline';
import type { Table } from '../../tables';
import type { IndicatorNode, IndicatorTable } from '../types';
import { walk } from '../tree';
import { canonical } from './summaryTable';

const isIndicator = (t: Table): t is IndicatorTable => t.kind === 'indicator';

// ---------------------------------------------------------------------------------------------
// Two indicator tables of one workbook (附件3 指标体系 and 附件4 得分表) must give each indicator the
// same weight; a weight changed in one and not the other is a cross-table slip.

export const indicatorPairCheck: Check = {
  name: 'indicator-pairs',
  run: (ctx) => {
    const tables = ctx.tables.filter(isIndicator);
    const out: Finding[] = [];
    for (let i = 0; i < tables.length; i++)
      for (let j = i + 1; j < tables.length; j++) out.push(...compareIndicatorTables(tables[i], tables[j]));
    return out;
  },
};

function pathKey(n: IndicatorNode): string {
  return n.path
    .split('/')
    .map((p) => canonical(p))
    .join('/');
}

function compareIndicatorTables(a: IndicatorTable, b: IndicatorTable): Finding[] {
  const nodesA = new Map<string, IndicatorNode>();
  for (const r of a.roots) walk(r, (n) => nodesA.set(pathKey(n), n));
  const out: Finding[] = [];
  let shared = 0;
  const pending: Finding[] = [];
  for (const r of b.roots)
    walk(r, (n) => {
      const other = nodesA.get(pathKey(n));
      if (!other) return;
      shared++;
      const wa = other.weight?.value;
      const wb = n.weight?.value;
      if (wa === undefined || wb === undefined || D(wa).equals(D(wb))) return;
      pending.push(
        finding({
          code: 'cross-table-mismatch',
          sheet: b.sheet,
          cell: n.weight!.cell,
          related: [qualify(a.sheet, other.weight!.cell)],
          message: `${n.name}：${b.sheet}中分值 ${fmt(wb)} ≠ ${a.sheet}中分值 ${fmt(wa)}`,
          expected: wa,
          actual: wb,
        }),
      );
    });
  // Only tables that describe the same indicator system are compared (most paths shared).
  if (shared >= 3) out.push(...pending);
  return out;
}
