import { D, fmt } from '../decimal';
import { finding, type Finding } from '../findings';
import { qualify } from '../model/address';
import type { Check } from '../pipeline';
import type { Table, TextCell } from '../tables';
import { normalizeLabel, toHalfWidth } from '../text';
import { leavesOf } from '../indicator/detect';
import type { IndicatorNode, IndicatorTable } from '../indicator/types';

const isIndicator = (t: Table): t is IndicatorTable => t.kind === 'indicator';

/** The full mark a rule names: `指标满分值2分`, `满分3分`, `得分不超过2分`. */
export function ruleFullMark(text: string): number | undefined {
  const s = toHalfWidth(text);
  const m = /满分值?\s*(\d+(?:\.\d+)?)\s*分/.exec(s) ?? /得分不(?:超过|高于)\s*(\d+(?:\.\d+)?)\s*分/.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** The numbers a rule text states, in order: what makes two wordings of a rule the same rule. */
export function ruleNumbers(text: string): string[] {
  return [...toHalfWidth(text).matchAll(/\d+(?:\.\d+)?/g)].map((m) => D(m[0]).toString());
}

/** Leaves grouped by the rule cell that governs them (one 评价标准 may be merged over eight leaves). */
function rulesOf(t: IndicatorTable): Map<string, { rule: TextCell; leaves: IndicatorNode[] }> {
  const out = new Map<string, { rule: TextCell; leaves: IndicatorNode[] }>();
  for (const leaf of t.roots.flatMap(leavesOf)) {
    if (!leaf.rule) continue;
    const g = out.get(leaf.rule.cell) ?? { rule: leaf.rule, leaves: [] };
    g.leaves.push(leaf);
    out.set(leaf.rule.cell, g);
  }
  return out;
}

function weightMismatches(t: IndicatorTable): Finding[] {
  const out: Finding[] = [];
  for (const { rule, leaves } of rulesOf(t).values()) {
    const mark = ruleFullMark(rule.text);
    if (mark === undefined) continue;
    const off = leaves.filter((l) => l.weight && !D(l.weight.value).equals(D(mark)));
    if (off.length === 0) continue;
    const names = off.length > 2 ? `${off[0].name} … ${off[off.length - 1].name}（${off.length} 项）` : off.map((l) => l.name).join('、');
    out.push(
      finding({
        code: 'rule-weight-mismatch',
        sheet: t.sheet,
        cell: rule.cell,
        related: off.map((l) => l.weight!.cell),
        message: `评价标准写明满分值 ${fmt(mark)} 分，但指标分值为 ${[...new Set(off.map((l) => fmt(l.weight!.value)))].join('/')} 分（${names}）`,
        expected: off[0].weight!.value,
        actual: mark,
      }),
    );
  }
  return out;
}

function pathKey(n: IndicatorNode): string {
  return n.path.split('/').map((p) => normalizeLabel(p)).join('/');
}

/** The same indicator's rule in two tables of one workbook (附件3 vs 附件4) with different numbers. */
function textConflicts(a: IndicatorTable, b: IndicatorTable, skip: ReadonlySet<string>): Finding[] {
  const byPath = new Map(a.roots.flatMap(leavesOf).map((l) => [pathKey(l), l] as const));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const leaf of b.roots.flatMap(leavesOf)) {
    const other = byPath.get(pathKey(leaf));
    if (!other?.rule || !leaf.rule || seen.has(leaf.rule.cell)) continue;
    seen.add(leaf.rule.cell);
    if (skip.has(`${b.sheet}!${leaf.rule.cell}`) || skip.has(`${a.sheet}!${other.rule.cell}`)) continue;
    const x = ruleNumbers(other.rule.text);
    const y = ruleNumbers(leaf.rule.text);
    if (x.join(',') === y.join(',')) continue;
    const diff = y.map((v, i) => (v !== x[i] ? `${x[i] ?? '—'} → ${v}` : '')).filter(Boolean).join('，');
    out.push(
      finding({
        code: 'rule-text-conflict',
        sheet: b.sheet,
        cell: leaf.rule.cell,
        related: [qualify(a.sheet, other.rule.cell)],
        message: `${leaf.name}：${b.sheet}的评价标准与${a.sheet}（${other.rule.cell}）数字不同（${diff}），两处规则不一致，得分应按哪一个？`,
      }),
    );
  }
  return out;
}

export const ruleTextCheck: Check = {
  name: 'rule-text',
  run: (ctx) => {
    const tables = ctx.tables.filter(isIndicator);
    const weight = tables.flatMap(weightMismatches);
    // A rule whose full mark is already reported against the weight is not reported again as a conflict.
    const skip = new Set(weight.map((f) => `${f.sheet}!${f.cell}`));
    const conflicts: Finding[] = [];
    for (let i = 0; i < tables.length; i++)
      for (let j = i + 1; j < tables.length; j++) conflicts.push(...textConflicts(tables[i], tables[j], skip));
    return [...weight, ...conflicts];
  },
};
