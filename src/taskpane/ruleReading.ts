import { type Analysis, normalizeLabel } from '../engine';

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
