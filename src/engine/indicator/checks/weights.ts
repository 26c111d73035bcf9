import { D, fmt, sum, type Dec } from '../../decimal';
import { finding, type Finding } from '../../findings';
import type { Check } from '../../pipeline';
import type { Settings } from '../../settings';
import type { Table } from '../../tables';
import type { NumberCell } from '../../model/table';
import { normalizeLabel } from '../../text';
import type { IndicatorNode, IndicatorTable } from '../types';
import { leavesOf, walk } from '../tree';
import { checkScores, nodeWithSpan } from './scores';
import { effectiveWeight, listWeights, printedSumFinding } from './sums';

const isIndicator = (t: Table): t is IndicatorTable => t.kind === 'indicator';

export const indicatorStructureCheck: Check = {
  name: 'indicator-structure',
  run: (ctx) => ctx.tables.filter(isIndicator).flatMap((t) => checkIndicatorTable(t, ctx.settings)),
};

export function checkIndicatorTable(t: IndicatorTable, settings: Settings): Finding[] {
  const out: Finding[] = [];
  const sheet = t.sheet;

  // Weights add up at every level: to the parent's weight, or to 100 where a level's 分值 are shares
  // of their parent (`一级 | 权重 50 | 二级 | 分值 75 + 25`), as the form's own columns show.
  const relative = relativeLevels(t);
  for (const root of t.roots)
    walk(root, (n) => {
      if (!n.weight || n.children.length === 0) return;
      const childWeights = n.children.map(effectiveWeight);
      if (!childWeights.every((w): w is Dec => w !== undefined)) return;
      const shares = relative.has(n.level + 1);
      const f = printedSumFinding({
        code: 'weight-sum',
        sheet,
        printed: shares ? { value: 100, cell: n.weight.cell } : n.weight,
        parts: childWeights,
        related: n.children.map((c) => c.weight?.cell ?? c.nameCell),
        message: (total) =>
          shares
            ? `${n.name}：下级指标分值之和 ${fmt(total)}（${listWeights(n.children)}）≠ 100（本级分值按上级的百分比计）`
            : `${n.name}：分值 ${fmt(n.weight!.value)} ≠ 下级指标分值之和 ${fmt(total)}（${listWeights(n.children)}）`,
      });
      if (f) out.push(shares ? { ...f, actual: sum(childWeights).toNumber(), expected: 100 } : f);
      if (n.nameWeight !== undefined && n.nameWeight !== n.weight.value)
        out.push(
          finding({
            code: 'weight-sum',
            sheet,
            cell: n.weight.cell,
            related: [n.nameCell],
            message: `${n.name}：分值列 ${fmt(n.weight.value)} 与名称中的分值 ${fmt(n.nameWeight)} 不一致`,
            expected: n.nameWeight,
            actual: n.weight.value,
          }),
        );
    });

  const leaves = t.roots.flatMap(leavesOf);
  // A 分值 cell merged over several leaves must equal their weights' sum when the leaves carry weights.
  for (const b of t.blocks) {
    if (!b.weight || b.leaves.length < 2) continue;
    if (nodeWithSpan(t, b.top, b.bottom)) continue; // checked above as that node's weight
    const ws = b.leaves.map((l) => (l.weight?.source === 'name' ? D(l.weight.value) : undefined));
    if (!ws.every((w): w is Dec => w !== undefined)) continue;
    const total = sum(ws);
    if (!total.equals(D(b.weight.value)))
      out.push(
        finding({
          code: 'weight-sum',
          sheet,
          cell: b.weight.cell,
          related: b.leaves.map((l) => l.nameCell),
          message: `${b.leaves.map((l) => l.name).join('、')}：合并的分值 ${fmt(b.weight.value)} ≠ 各指标分值之和 ${fmt(total)}`,
          expected: total.toNumber(),
          actual: b.weight.value,
        }),
      );
  }

  // Top-level weights against the total declared in a header (分值（70分）) or printed in the total
  // row. Where neither states one, only a sum above 100 is wrong for certain: a table of 90 points
  // may be one part of a larger 评价办法 (a 70-point method, a 15-point sub-table), and saying so
  // would be a guess.
  const rootWeights = t.roots.map(effectiveWeight);
  const stated = t.declaredTotal?.value ?? t.total?.weight?.value;
  const overHundred = () => sum(rootWeights as Dec[]).greaterThan(100) && t.roots.every((r) => r.weight);
  if (
    t.roots.length >= 2 &&
    rootWeights.every((w): w is Dec => w !== undefined) &&
    (stated !== undefined || overHundred())
  ) {
    const declared = stated ?? 100;
    const cell = t.total?.weight?.cell ?? t.declaredTotal?.cell ?? t.roots[0].weight?.cell ?? t.roots[0].nameCell;
    const f = printedSumFinding({
      code: 'total-weight',
      sheet,
      printed: { value: declared, cell },
      parts: rootWeights,
      related: t.roots.map((r) => r.weight?.cell ?? r.nameCell),
      message: (total) => `一级指标分值之和 ${fmt(total)}（${listWeights(t.roots)}）≠ 总分 ${fmt(declared)}`,
    });
    if (f) out.push({ ...f, expected: declared, actual: sum(rootWeights).toNumber() });
  }
  // The printed 合计 分值 against the weight cells it totals: each merged block once, or the 一级
  // weights where every level has its own 分值 column.
  if (t.total?.weight && t.blocks.length > 0) {
    const ws = t.levelWeightCols
      ? t.roots.map((r) => r.weight).filter((w): w is NonNullable<typeof w> => w !== undefined)
      : t.blocks.map((b) => b.weight).filter((w): w is NumberCell => w !== undefined);
    const f = printedSumFinding({
      code: 'total-weight',
      sheet,
      printed: t.total.weight,
      parts: ws.map((w) => w.value),
      related: ws.map((w) => w.cell),
      message: (total) => `合计分值 ${fmt(t.total!.weight!.value)} ≠ 各项分值之和 ${fmt(total)}`,
    });
    if (f) out.push(f);
  }

  for (const leaf of leaves) {
    if (leaf.weight) continue;
    // Only for leaves without a weight: a walk over every block per leaf was quadratic in the table.
    const inWeightedBlock = t.blocks.some((b) => b.weight && leaf.top >= b.top && leaf.top <= b.bottom);
    if (!inWeightedBlock && !ancestorHasBlockWeight(t, leaf))
      out.push(
        finding({
          code: 'missing-weight',
          sheet,
          cell: leaf.nameCell,
          message: `${leaf.name}：未找到分值（既无分值列，名称中也未注明）`,
        }),
      );
  }

  // Duplicate names under one parent.
  const checkSiblings = (siblings: readonly IndicatorNode[], parentName: string) => {
    const seen = new Map<string, IndicatorNode>();
    for (const s of siblings) {
      const k = normalizeLabel(s.name);
      const first = seen.get(k);
      if (first)
        out.push(
          finding({
            code: 'duplicate-indicator',
            sheet,
            cell: s.nameCell,
            related: [first.nameCell],
            message: `${parentName ? `${parentName}下` : ''}指标“${s.name}”重复出现（另见 ${first.nameCell}）`,
          }),
        );
      else seen.set(k, s);
    }
  };
  checkSiblings(t.roots, '');
  for (const root of t.roots) walk(root, (n) => n.children.length > 1 && checkSiblings(n.children, n.name));

  if (t.hasScores) out.push(...checkScores(t, leaves, settings));
  return out;
}

function ancestorHasBlockWeight(t: IndicatorTable, leaf: IndicatorNode): boolean {
  let found = false;
  for (const root of t.roots)
    walk(root, (n) => {
      if (n.weight && n.top <= leaf.top && leaf.bottom <= n.bottom && leavesOf(n).length === 1) found = true;
    });
  return found;
}

/** The first node (walking down the tree) spanning exactly top..bottom with a weight of its own column cell. */

/**
 * The levels whose 分值 are shares of their parent (out of 100) rather than parts of it: those where
 * more parent groups add up to 100 than to the parent's own weight. Only forms with a 分值 column
 * per level print such scales.
 */
function relativeLevels(t: IndicatorTable): Set<number> {
  const out = new Set<number>();
  if (!t.levelWeightCols) return out;
  const votes = new Map<number, { parts: number; shares: number }>();
  for (const root of t.roots)
    walk(root, (n) => {
      if (!n.weight || n.children.length === 0) return;
      const ws = n.children.map(effectiveWeight);
      if (!ws.every((w): w is Dec => w !== undefined)) return;
      const total = sum(ws);
      const v = votes.get(n.level + 1) ?? { parts: 0, shares: 0 };
      if (total.equals(D(n.weight.value))) v.parts++;
      else if (total.equals(100)) v.shares++;
      votes.set(n.level + 1, v);
    });
  for (const [level, v] of votes) if (v.shares > v.parts) out.add(level);
  return out;
}
