import { type Analysis, type Rule, normalizeLabel } from '../engine';

/** How the pane reads a rule back to the user, in Chinese, beside the notation it was parsed from. */
const KIND_ZH: Readonly<Record<string, string>> = {
  ratio: '按完成比例得分',
  'deduct-per-pct': '未达标按百分点扣分',
  binary: '达到得分，未达到不得分',
  levels: '按等级得分',
  'per-finding': '每发现一处问题扣分',
  bands: '按区间档位得分',
  intervals: '在区间内酌情打分',
  checklist: '逐项核对，每项同分',
  comparison: '与上年比较得分',
  ranking: '按名次得分',
  composite: '分项合计',
  satisfaction: '按满意度得分',
  discretionary: '由评价人酌情打分',
};

const pct = (x: number) => `${Number((x * 100).toFixed(4))}%`;

/** `按完成比例得分：得分 = 完成率（不超过 100%）× 分值` and the like; unknown kinds by their notation. */
export function ruleReadingZh(rule: Rule, notation: string): string {
  const name = KIND_ZH[rule.kind] ?? rule.kind;
  switch (rule.kind) {
    case 'ratio':
      return `${name}：得分 = 完成率（不超过 100%）× 分值${rule.max !== undefined ? `，满分 ${rule.max}` : ''}`;
    case 'deduct-per-pct':
      return `${name}：达到 ${rule.fromBenchmark ? '目标值' : pct(rule.threshold)} 得满分，每低 1 个百分点扣分值的 ${pct(rule.perPct)}`;
    case 'checklist':
      return `${name}：共 ${rule.items} 项`;
    default:
      return `${name}（${notation}）`;
  }
}

/** Names and paths (as the engine matches override keys: normalizeLabel) of the indicators the last check found (指标体系 and 得分表 leaves and branches). */
export function indicatorNamesOf(analysis: Analysis | undefined): Set<string> | undefined {
  if (!analysis) return undefined;
  const names = new Set<string>();
  const visit = (n: { name: string; path: string; children?: readonly unknown[] }) => {
    names.add(normalizeLabel(n.name));
    names.add(n.path.split('/').map(normalizeLabel).join('/'));
    for (const c of (n.children ?? []) as (typeof n)[]) visit(c);
  };
  for (const t of analysis.tables)
    if (t.kind === 'indicator') for (const r of t.roots) visit(r as unknown as Parameters<typeof visit>[0]);
  return names;
}
