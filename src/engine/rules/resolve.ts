import type { Workbook } from '../model/sheet';
import type { Settings } from '../settings';
import { normalizeLabel } from '../text';
import { leavesOf } from '../indicator/tree';
import type { IndicatorNode, IndicatorTable } from '../indicator/types';
import { parseRule } from './parse';
import { parseNotation } from './notation';
import type { Rule } from './types';

/**
 * The rule that governs each leaf: an override (a 规则 column in the table, or settings.ruleOverrides
 * keyed by path or name) wins over the 评价标准 text. One entry per governing cell: a 评价标准 merged
 * over eight leaves is one rule.
 */
export interface ResolvedRule {
  /** The cell findings point at: the 规则 cell for an override there, else the 评价标准 cell. */
  readonly cell: string;
  readonly text: string;
  readonly source: 'text' | 'column' | 'settings';
  readonly rule?: Rule;
  /** Why the text or notation was not understood. */
  readonly unparsed?: string;
  readonly leaves: IndicatorNode[];
}

const RULE_COLUMN = /^(规则|规则简写|计分规则)$/;

/** A 规则 column the detector does not know: a header cell in the table's header row. */
export function ruleColumn(workbook: Workbook, t: IndicatorTable): number | undefined {
  const sheet = workbook.sheet(t.sheet);
  if (!sheet) return undefined;
  for (let col = 1, end = sheet.lastColIn(t.headerRow); col <= end; col++)
    if (RULE_COLUMN.test(normalizeLabel(sheet.text(t.headerRow, col)))) return col;
  return undefined;
}

export function overrideFor(settings: Settings, leaf: IndicatorNode): string | undefined {
  const o = settings.ruleOverrides;
  const path = leaf.path.split('/').map(normalizeLabel).join('/');
  const name = normalizeLabel(leaf.name);
  for (const [k, v] of Object.entries(o)) {
    const key = k.split('/').map(normalizeLabel).join('/');
    if (key === path || key === name) return v;
  }
  return undefined;
}

export function resolveRules(workbook: Workbook, t: IndicatorTable, settings: Settings): ResolvedRule[] {
  const sheet = workbook.sheet(t.sheet);
  const col = ruleColumn(workbook, t);
  const groups = new Map<string, ResolvedRule & { leaves: IndicatorNode[] }>();
  for (const leaf of t.roots.flatMap(leavesOf)) {
    const columnText = col !== undefined && sheet ? sheet.text(leaf.top, col).trim() : '';
    const settingsText = overrideFor(settings, leaf);
    let entry: Omit<ResolvedRule, 'leaves'> | undefined;
    if (columnText) {
      entry = fromNotation(sheet!.addr(leaf.top, col!), columnText, 'column');
    } else if (settingsText) {
      entry = fromNotation(leaf.rule?.cell ?? leaf.nameCell, settingsText, 'settings');
    } else if (leaf.rule) {
      const r = parseRule(leaf.rule.text, { name: leaf.name });
      entry = {
        cell: leaf.rule.cell,
        text: leaf.rule.text,
        source: 'text',
        ...(r.ok ? { rule: r.rule } : { unparsed: r.reason }),
      };
    }
    if (!entry) continue;
    const key = `${entry.source}\u0000${entry.cell}`;
    const g = groups.get(key) ?? { ...entry, leaves: [] };
    g.leaves.push(leaf);
    groups.set(key, g);
  }
  return [...groups.values()];
}

function fromNotation(cell: string, text: string, source: 'column' | 'settings'): Omit<ResolvedRule, 'leaves'> {
  const r = parseNotation(text);
  return { cell, text, source, ...(r.ok ? { rule: r.rule } : { unparsed: r.reason }) };
}

/** Rule per leaf, for scoring. */
export function ruleByLeaf(resolved: readonly ResolvedRule[]): Map<IndicatorNode, ResolvedRule> {
  const m = new Map<IndicatorNode, ResolvedRule>();
  for (const r of resolved) for (const l of r.leaves) m.set(l, r);
  return m;
}
