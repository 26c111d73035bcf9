import type { Finding } from './findings';

/**
 * Checks that can tell which single cell would resolve several mismatches attach a `culprit` hint
 * themselves; this pass makes the hint consistent (every finding a culprit explains carries the same
 * hint, with the count) and follows money chains: a slip in a row shows again in the 小计 and 合计
 * below it in the same column, with the same difference. Those later findings name the first one as
 * their likely cause, the way a row's own culprit is named.
 */
export function localizeCulprits(findings: Finding[]): Finding[] {
  const chained = chainMoneyCulprits(findings);
  const byCulprit = new Map<string, Finding[]>();
  for (const f of chained) {
    if (!f.culprit) continue;
    const k = `${f.culprit.sheet}!${f.culprit.cell}`;
    byCulprit.set(k, [...(byCulprit.get(k) ?? []), f]);
  }
  if (byCulprit.size === 0) return chained;
  return chained.map((f) => {
    if (!f.culprit) return f;
    const k = `${f.culprit.sheet}!${f.culprit.cell}`;
    const group = byCulprit.get(k) ?? [];
    return { ...f, culprit: { ...f.culprit, explains: group.length } };
  });
}

/** Money findings whose difference (actual − expected) carries down a column into totals. */
const CHAIN_CODES = new Set(['balance-mismatch', 'sum-mismatch']);

function columnAndRow(cell: string): { col: string; row: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(cell);
  return m ? { col: m[1], row: Number(m[2]) } : undefined;
}

/**
 * Within one sheet and column, findings of the chain codes with the same non-zero difference: the
 * topmost is the first cause, each one below it (its 小计, 合计) gets a culprit hint naming it and the
 * value that would resolve it. A finding that already names a culprit keeps its own.
 */
function chainMoneyCulprits(findings: Finding[]): Finding[] {
  const groups = new Map<string, { f: Finding; row: number }[]>();
  for (const f of findings) {
    if (!CHAIN_CODES.has(f.code) || typeof f.expected !== 'number' || typeof f.actual !== 'number') continue;
    const at = columnAndRow(f.cell);
    const diff = Math.round((f.actual - f.expected) * 1e6) / 1e6;
    if (!at || diff === 0) continue;
    const k = `${f.sheet}\u0000${at.col}\u0000${diff}`;
    groups.set(k, [...(groups.get(k) ?? []), { f, row: at.row }]);
  }
  const hints = new Map<Finding, Finding>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.row - b.row);
    const first = list[0].f;
    if (first.culprit) continue; // the first itself follows from another cell: that hint stands
    const label = first.message.split(/[：:]/)[0];
    for (const { f } of list.slice(1)) {
      if (f.culprit) continue;
      hints.set(f, {
        ...f,
        message: `${f.message}；差额与 ${first.cell}（${label}）相同，若 ${first.cell} 为 ${first.expected}，此处即相符，可能由 ${first.cell} 引起`,
        culprit: { sheet: first.sheet, cell: first.cell, value: first.expected as number, explains: 0 },
      });
    }
  }
  return hints.size ? findings.map((f) => hints.get(f) ?? f) : findings;
}
