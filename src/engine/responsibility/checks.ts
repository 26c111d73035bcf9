import { finding, type Finding } from '../findings';
import type { Check, CheckContext } from '../pipeline';
import type { Table } from '../tables';
import { displayLabel, normalizeLabel } from '../text';
import type { ResponsibilityTable, UnitRef } from './types';
import { isUnitGroup, unitKey, unitLevel } from './units';

const isResponsibility = (t: Table): t is ResponsibilityTable => t.kind === 'responsibility';

/**
 * 责任分解 checks: a task nobody is responsible for, one unit spelled two ways (the task list would
 * split it into two units), and a task listed twice.
 */
export const responsibilityCheck: Check = {
  name: 'responsibility',
  run(ctx: CheckContext): Finding[] {
    return ctx.tables
      .filter(isResponsibility)
      .flatMap((t) => [...unassigned(t), ...unitVariants(t), ...duplicateTasks(t)]);
  },
};

function unassigned(t: ResponsibilityTable): Finding[] {
  return t.tasks
    .filter((task) => task.units.length === 0)
    .map((task) =>
      finding({
        code: 'responsibility-unassigned',
        sheet: t.sheet,
        cell: task.unitCells[0] ?? task.task.cell,
        related: [task.task.cell],
        message: `任务${task.number ? ` ${task.number}` : ''}“${short(task.task.text)}”没有责任单位`,
      }),
    );
}

export interface UnitSpelling {
  readonly name: string;
  readonly uses: readonly UnitRef[];
}

/**
 * The spellings of each unit in the table, most used first, keyed by `unitKey`. Groups
 * (`各镇街（管区）`) are units too: one written two ways is still one.
 */
export function unitSpellings(t: ResponsibilityTable): Map<string, UnitSpelling[]> {
  const byKey = new Map<string, Map<string, UnitRef[]>>();
  // Two levels under one key (市教育局 and 区教育局, perhaps 教育局 too) are different units, and a
  // spelling without a level cannot be told to belong to either: such keys keep the full names apart.
  const levels = new Map<string, Set<string>>();
  for (const task of t.tasks)
    for (const u of task.units) {
      const key = unitKey(u.name);
      const level = unitLevel(u.name);
      if (level) (levels.get(key) ?? levels.set(key, new Set()).get(key)!).add(level);
    }
  for (const task of t.tasks)
    for (const u of task.units) {
      const shared = unitKey(u.name);
      const key = (levels.get(shared)?.size ?? 0) > 1 ? `${shared}\u0000${normalizeLabel(u.name)}` : shared;
      const spellings = byKey.get(key) ?? byKey.set(key, new Map()).get(key)!;
      const norm = normalizeLabel(u.name);
      (spellings.get(norm) ?? spellings.set(norm, []).get(norm)!).push(u);
    }
  const out = new Map<string, UnitSpelling[]>();
  for (const [key, spellings] of byKey)
    out.set(
      key,
      [...spellings.values()]
        .map((uses) => ({ name: displayLabel(uses[0].name), uses }))
        // The most used spelling first; on a tie the longer (fuller) name, which carries the aliases.
        .sort((a, b) => b.uses.length - a.uses.length || b.name.length - a.name.length),
    );
  return out;
}

function unitVariants(t: ResponsibilityTable): Finding[] {
  const out: Finding[] = [];
  for (const spellings of unitSpellings(t).values()) {
    if (spellings.length < 2) continue;
    const [main, ...others] = spellings;
    for (const other of others) {
      const cells = [...new Set(other.uses.map((u) => u.cell))];
      out.push(
        finding({
          code: 'responsibility-unit-variant',
          sheet: t.sheet,
          cell: cells[0],
          related: [...cells.slice(1), ...new Set(main.uses.map((u) => u.cell))].slice(0, 20),
          message: `责任单位“${other.name}”（${other.uses.length} 处）与“${main.name}”（${main.uses.length} 处）应是同一${isUnitGroup(main.name) ? '组' : '个'}单位的两种写法，建议统一为“${main.name}”`,
          expected: main.name,
          actual: other.name,
        }),
      );
    }
  }
  return out;
}

function duplicateTasks(t: ResponsibilityTable): Finding[] {
  const seen = new Map<string, string>();
  const out: Finding[] = [];
  for (const task of t.tasks) {
    const key = normalizeLabel(task.task.text).replace(/[。.…]+$/, '');
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, task.task.cell);
      continue;
    }
    out.push(
      finding({
        code: 'responsibility-duplicate-task',
        sheet: t.sheet,
        cell: task.task.cell,
        related: [first],
        message: `任务“${short(task.task.text)}”与 ${first} 重复列出`,
      }),
    );
  }
  return out;
}

function short(s: string, n = 30): string {
  const t = displayLabel(s);
  return t.length > n ? `${t.slice(0, n)}…` : t;
}
