import type { Sheet } from '../model/sheet';
import { parseRange, rangeContains, rangeToA1, type RangeRef } from '../model/address';
import { findHeaderRows, rowsNaming, titleAbove } from '../header';
import { SUMMARY_WORDS, rolesFromWords } from '../layout';
import { normalizeLabel } from '../text';
import { readNumber, readText } from '../cells';
import type { DetectContext } from '../pipeline';
import type { SummaryItem, SummaryTable } from './types';

/**
 * Summary tables (综合评定得分表, 绩效得分整体情况表, 项目部门评价结论一览表): one entry per 一级
 * with 分值, 得分 and often 得分率, then a total and sometimes a grade. Printed either with one
 * 一级 per row, or transposed with one per column (表2 of the 栖霞 report).
 */
const HEADER_ROLES = rolesFromWords(SUMMARY_WORDS);
const WEIGHT = HEADER_ROLES.weight;
const SCORE = HEADER_ROLES.score;
const RATE = HEADER_ROLES.rate;
const TOTAL = /^(合计|总计|总分|综合得分|综合绩效|综合评分|得分合计)$/;
const GRADE = /(等级|级别)$/;

export function detectSummaryTables(sheet: Sheet, ctx: DetectContext): SummaryTable[] {
  const out: SummaryTable[] = [];
  const free = (row: number, col: number) => !ctx.claimed.some((c) => rangeContains(c, row, col));
  for (const h of findHeaderRows(sheet, HEADER_ROLES, { required: ['label', 'weight', 'score'] })) {
    if (!free(h.row, h.firstCol)) continue;
    const t = rowsTable(sheet, h.row, h.cols as Record<'label' | 'weight' | 'score', number> & { rate?: number });
    if (t) out.push(t);
  }
  for (const t of columnTables(sheet)) {
    const r = parseRange(t.range);
    if (!free(r.top, r.left) || out.some((o) => o.range === t.range)) continue;
    out.push(t);
  }
  return out;
}

function rowsTable(
  sheet: Sheet,
  headerRow: number,
  cols: { label: number; weight: number; score: number; rate?: number },
): SummaryTable | undefined {
  const items: SummaryItem[] = [];
  let total: SummaryItem | undefined;
  let grade: SummaryTable['grade'];
  let bottom = headerRow;
  for (let row = headerRow + 1; row <= sheet.maxRow; row++) {
    const label = readText(sheet, row, cols.label);
    if (!label) break;
    const norm = normalizeLabel(label.text);
    if (GRADE.test(norm)) {
      const g = readText(sheet, row, cols.weight) ?? readText(sheet, row, cols.score);
      if (g) grade = g;
      bottom = row;
      continue;
    }
    const item: SummaryItem = {
      label,
      ...opt('weight', readNumber(sheet, row, cols.weight)),
      ...opt('score', readNumber(sheet, row, cols.score)),
      ...opt('rate', cols.rate !== undefined ? readNumber(sheet, row, cols.rate) : undefined),
    };
    if (!item.weight && !item.score) break;
    bottom = row;
    if (TOTAL.test(norm)) {
      total = item;
      continue;
    }
    items.push(item);
  }
  if (items.length < 2) return undefined;
  const right = Math.max(cols.label, cols.weight, cols.score, cols.rate ?? 0);
  const range: RangeRef = { top: headerRow, left: Math.min(cols.label, cols.weight, cols.score), bottom, right };
  return make(sheet, 'rows', headerRow, range, items, total, grade);
}

/** Transposed: a label column reading 分值 / …得分 / 得分率 downwards, 一级 names across the header row. */
function columnTables(sheet: Sheet): SummaryTable[] {
  const out: SummaryTable[] = [];
  // WEIGHT is one of the header roles: a row where no cell names a role holds no 分值 label.
  const naming = rowsNaming(sheet, HEADER_ROLES);
  for (let col = 1; col <= sheet.maxCol; col++) {
    for (let row = 2, end = sheet.lastRowIn(col); row <= end; row++) {
      if (naming && naming[row] === 0) continue;
      // Only text names a row (numbers and dates read as '' here).
      if (!WEIGHT.test(sheet.label(row, col))) continue;
      const rows: { weight: number; score?: number; rate?: number } = { weight: row };
      for (let r = row + 1; r <= Math.min(sheet.maxRow, row + 3); r++) {
        const t = sheet.label(r, col);
        if (RATE.test(t)) rows.rate = r;
        else if (SCORE.test(t) && rows.score === undefined) rows.score = r;
      }
      if (rows.score === undefined) continue;
      const headerRow = row - 1;
      const items: SummaryItem[] = [];
      let total: SummaryItem | undefined;
      let right = col;
      for (let c = col + 1; c <= sheet.maxCol; c++) {
        const label = readText(sheet, headerRow, c);
        if (!label) break;
        const item: SummaryItem = {
          label,
          ...opt('weight', readNumber(sheet, rows.weight, c)),
          ...opt('score', readNumber(sheet, rows.score, c)),
          ...opt('rate', rows.rate !== undefined ? readNumber(sheet, rows.rate, c) : undefined),
        };
        if (!item.weight && !item.score) break;
        right = c;
        if (TOTAL.test(normalizeLabel(label.text))) total = item;
        else items.push(item);
      }
      if (items.length < 2) continue;
      const bottom = Math.max(rows.weight, rows.score, rows.rate ?? 0);
      out.push(
        make(sheet, 'columns', headerRow, { top: headerRow, left: col, bottom, right }, items, total, undefined),
      );
      row = bottom;
    }
  }
  return out;
}

function make(
  sheet: Sheet,
  orientation: 'rows' | 'columns',
  headerRow: number,
  range: RangeRef,
  items: SummaryItem[],
  total: SummaryItem | undefined,
  grade: SummaryTable['grade'],
): SummaryTable {
  const title = titleAbove(sheet, headerRow);
  return {
    kind: 'score-summary',
    id: `${sheet.name}!${rangeToA1(range)}`,
    sheet: sheet.name,
    range: rangeToA1(range),
    headerRow,
    ...(title ? { title: title.text } : {}),
    orientation,
    items,
    ...(total ? { total } : {}),
    ...(grade ? { grade } : {}),
  };
}

function opt<K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, V>);
}
