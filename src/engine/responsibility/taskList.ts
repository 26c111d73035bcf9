import type { NewSheet } from '../patch';
import { displayLabel } from '../text';
import { unitSpellings } from './checks';
import type { ResponsibilityTable, ResponsibilityTask, UnitRef } from './types';
import { isUnitGroup } from './units';

/** One unit's share of a 责任分解: the tasks it leads and those it supports. */
export interface UnitTasks {
  /** The unit as most often written in the table (other spellings are merged into it). */
  readonly unit: string;
  readonly spellings: readonly string[];
  readonly isGroup: boolean;
  readonly leads: readonly ResponsibilityTask[];
  readonly supports: readonly ResponsibilityTask[];
}

/**
 * Each unit's tasks, in the order units first appear in the table. A unit spelled two ways is one
 * unit (see `unitKey`); a task appears once per unit even when the unit is named twice in it.
 */
export function unitTaskLists(tables: readonly ResponsibilityTable[]): UnitTasks[] {
  const lists = new Map<
    string,
    { unit: string; spellings: string[]; leads: ResponsibilityTask[]; supports: ResponsibilityTask[] }
  >();
  for (const t of tables) {
    const spellings = unitSpellings(t);
    const keyOf = new Map<UnitRef, string>();
    for (const [key, ss] of spellings) for (const s of ss) for (const u of s.uses) keyOf.set(u, key);
    for (const task of t.tasks) {
      const seen = new Set<string>();
      for (const u of task.units) {
        const key = keyOf.get(u)!;
        const main = spellings.get(key)![0].name;
        let list = lists.get(key);
        if (!list)
          lists.set(
            key,
            (list = { unit: main, spellings: spellings.get(key)!.map((s) => s.name), leads: [], supports: [] }),
          );
        const already = seen.has(key);
        seen.add(key);
        if (u.role === 'lead') {
          if (!list.leads.includes(task)) list.leads.push(task);
          const i = list.supports.indexOf(task);
          if (i >= 0) list.supports.splice(i, 1);
        } else if (!already && !list.leads.includes(task)) list.supports.push(task);
      }
    }
  }
  return [...lists.values()].map((l) => ({ ...l, isGroup: isUnitGroup(l.unit) }));
}

export const TASK_LIST_SHEET = '单位任务清单';

/**
 * The 单位任务清单 sheet: one block per unit (a heading row with the counts, then 牵头 tasks, then
 * 配合 tasks: 序号 | 任务 | 分工 | 责任领导 | 条目/时限), a blank row between blocks, ready to print. Units
 * are ordered as they first appear; groups such as 各镇街（管区） last.
 */
export function taskListSheet(tables: readonly ResponsibilityTable[], name = TASK_LIST_SHEET): NewSheet {
  const lists = unitTaskLists(tables);
  const ordered = [...lists.filter((l) => !l.isGroup), ...lists.filter((l) => l.isGroup)];
  const rows: (string | number | null)[][] = [['单位', '序号', '任务', '分工', '责任领导', '时限']];
  for (const l of ordered) {
    const also = l.spellings.length > 1 ? `（亦写作${l.spellings.slice(1).join('、')}）` : '';
    rows.push([
      `${l.unit}${also}`,
      null,
      `牵头 ${l.leads.length} 项，配合 ${l.supports.length} 项，共 ${l.leads.length + l.supports.length} 项`,
      null,
      null,
      null,
    ]);
    const line = (task: ResponsibilityTask, role: string): (string | number | null)[] => [
      null,
      task.number ?? null,
      displayLabel(task.task.text),
      role,
      task.leaders.join(' ') || null,
      task.deadline ? displayLabel(task.deadline.text) : null,
    ];
    for (const task of l.leads) rows.push(line(task, '牵头'));
    for (const task of l.supports) rows.push(line(task, '配合'));
    rows.push([null, null, null, null, null, null]);
  }
  return { name, rows, columnWidths: [26, 6, 60, 6, 16, 14] };
}
