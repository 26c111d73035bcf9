import type { Sheet } from '../model/sheet';
import { rangeContains, rangeToA1 } from '../model/address';
import { defineRoles, findHeaderRows, titleAbove, type HeaderMatch } from '../header';
import { isPlaceholder, readText } from '../cells';
import { normalizeLabel } from '../text';
import type { DetectContext } from '../pipeline';
import type { ResponsibilityTable, ResponsibilityTask, UnitRef } from './types';
import { splitUnits } from './units';

/**
 * 责任分解方案 tables: 序号 | 任务 | 责任领导 | 责任单位 (the lead unit written first), or with 牵头单位 and
 * 配合单位 in columns of their own. A table needs a task column and a unit column; a sheet of
 * 指标 or money never has both.
 */
const ROLES = defineRoles({
  no: /^序号$|^编号$/,
  task: /^(主要|重点|具体|工作|改革|分解)?任务(内容|事项|名称|分解)?$|^工作(内容|事项|措施|要求)$|^重点工作$|^具体措施$/,
  leader: /^(责任|牵头|分管|联系)(区|市|县)?领导$|^责任人$/,
  units: /^(责任|主责|承办|落实)(单位|部门)$|^责任单位(及分工)?$/,
  lead: /^牵头(单位|部门)$|^主办单位$/,
  support: /^(配合|协办|参与|协助|参加)(单位|部门)$/,
  deadline: /^(完成)?时限(要求)?$|^时间节点$|^完成时间$/,
} as const);
type Role = keyof typeof ROLES;

const NOTE_ROW = /^(注|说明|备注)[:：]?/;

export function detectResponsibilityTables(sheet: Sheet, ctx: DetectContext): ResponsibilityTable[] {
  const out: ResponsibilityTable[] = [];
  let below = 0;
  for (const h of findHeaderRows<Role>(sheet, ROLES, { required: ['task'], minRoles: 2 })) {
    if (h.row <= below) continue;
    if (h.cols.units === undefined && h.cols.lead === undefined) continue;
    if (ctx.claimed.some((c) => rangeContains(c, h.row, h.firstCol))) continue;
    const t = readTable(sheet, h);
    if (!t) continue;
    out.push(t);
    below = Number(t.range.match(/\d+$/)![0]);
  }
  return out;
}

function readTable(sheet: Sheet, h: HeaderMatch<Role>): ResponsibilityTable | undefined {
  const { cols } = h;
  const taskCol = cols.task!;
  const tasks: ResponsibilityTask[] = [];
  let last = h.row;
  let blanks = 0;
  for (let row = h.row + 1; row <= sheet.maxRow; row++) {
    const first = normalizeLabel(sheet.text(row, h.firstCol));
    if (NOTE_ROW.test(first) || isRepeatedHeader(sheet, row, h)) break;
    const taskText = readText(sheet, row, taskCol);
    const unitCols = [cols.units, cols.lead, cols.support].filter((c): c is number => c !== undefined);
    const anyUnit = unitCols.some((c) => sheet.text(row, c).trim() !== '');
    if (!taskText && !anyUnit) {
      // A section row (`一、精准脱贫`) spans the columns in one merge or stands in the first column alone.
      if (sheet.lastColIn(row) > 0) {
        last = row;
        blanks = 0;
        continue;
      }
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    // A merged area across the task and unit columns is a heading, not a task.
    const m = sheet.mergeOf(row, taskCol);
    if (m && unitCols.some((c) => c >= m.left && c <= m.right)) {
      last = row;
      continue;
    }
    if (taskText && isPlaceholder(taskText.text) && !anyUnit) continue;
    last = row;
    if (!taskText) continue;
    tasks.push(readTask(sheet, row, h, taskText));
  }
  if (tasks.length === 0) return undefined;
  const title = titleAbove(sheet, h.row);
  const range = rangeToA1({ top: title?.row ?? h.row, left: h.firstCol, bottom: last, right: h.lastCol });
  return {
    kind: 'responsibility',
    id: `${sheet.name}!${range}`,
    sheet: sheet.name,
    range,
    headerRow: h.row,
    ...(title ? { title: title.text } : {}),
    tasks,
    leadBy: cols.lead !== undefined ? 'columns' : 'first',
  };
}

function readTask(
  sheet: Sheet,
  row: number,
  h: HeaderMatch<Role>,
  task: { text: string; cell: string },
): ResponsibilityTask {
  const { cols } = h;
  const units: UnitRef[] = [];
  const unitCells: string[] = [];
  const take = (col: number | undefined, role: (i: number) => UnitRef['role']) => {
    if (col === undefined) return;
    const master = sheet.master(row, col);
    const cell = sheet.addr(master.row, master.col);
    unitCells.push(cell);
    const text = sheet.text(row, col);
    if (isPlaceholder(text)) return;
    splitUnits(text).forEach((name, i) => units.push({ name, role: role(i), cell }));
  };
  if (cols.lead !== undefined) {
    take(cols.lead, () => 'lead');
    take(cols.support, () => 'support');
  } else {
    take(cols.units, (i) => (i === 0 ? 'lead' : 'support'));
    take(cols.support, () => 'support');
  }
  const leaders =
    cols.leader !== undefined
      ? sheet
          .text(row, cols.leader)
          .trim()
          .split(/[\s、，,]+/)
          .filter(Boolean)
      : [];
  const number = cols.no !== undefined ? sheet.text(row, cols.no).trim() : '';
  const deadline = cols.deadline !== undefined ? readText(sheet, row, cols.deadline) : undefined;
  return {
    row,
    ...(number ? { number } : {}),
    task,
    leaders,
    units,
    unitCells,
    ...(deadline ? { deadline } : {}),
  };
}

/** The header printed again (a table that runs over pages): the same texts in the same columns. */
function isRepeatedHeader(sheet: Sheet, row: number, h: HeaderMatch<Role>): boolean {
  return Object.entries(h.texts).every(([role, text]) => {
    const col = h.cols[role as Role]!;
    return normalizeLabel(sheet.text(row, col)) === normalizeLabel(text as string);
  });
}
