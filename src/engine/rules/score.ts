import { D, Decimal, displayPrecision, fmt, roundHalfUp, type Dec } from '../decimal';
import { parseA1, qualify, toA1 } from '../model/address';
import type { Sheet, Workbook } from '../model/sheet';
import type { CellPatch, NewSheet } from '../patch';
import type { ScorePlan } from '../pipeline';
import type { Settings } from '../settings';
import type { NumberCell, Table } from '../tables';
import { normalizeLabel } from '../text';
import { leavesOf } from '../indicator/detect';
import type { IndicatorNode, IndicatorTable, SummaryItem, SummaryTable } from '../indicator/types';
import { measuredRates } from './inputs';
import { resolveRules, ruleByLeaf } from './resolve';
import { scoreCells, type ScoreCell } from './scoreCells';
import { computeCell } from './compute';
import { planUnitScores } from './units';

export interface ScoreOptions {
  /** Write Excel formulas (`=ROUND(…,2)`, `=H12/G12`) instead of values. */
  readonly formulas?: boolean;
}

/** The grade a total earns under settings.grades (highest threshold first; below all: the last). */
export function gradeOf(total: number | Dec, grades: Settings['grades']): string {
  const sorted = [...grades].sort((a, b) => b.min - a.min);
  return (sorted.find((g) => D(total).greaterThanOrEqualTo(g.min)) ?? sorted[sorted.length - 1]).grade;
}

/** What a cell holds now, as a patch's `old`/`oldFormula`. */
function current(sheet: Sheet, a1: string): Pick<CellPatch, 'old' | 'oldFormula'> {
  const { row, col } = parseA1(a1);
  const v = sheet.value(row, col);
  const f = sheet.formula(row, col);
  const old = v.kind === 'number' || v.kind === 'string' || v.kind === 'boolean' ? v.value : v.kind === 'date' || v.kind === 'error' ? v.value : undefined;
  return { ...(old !== undefined ? { old } : {}), ...(f ? { oldFormula: f } : {}) };
}

interface Scored {
  readonly table: IndicatorTable;
  /** Final score per 得分 cell: computed where the workbook determines it, else as recorded. */
  readonly values: Map<string, Dec>;
  readonly cells: ScoreCell[];
}

export function planScores(workbook: Workbook, tables: readonly Table[], settings: Settings, options: ScoreOptions = {}): ScorePlan {
  const patches: CellPatch[] = [];
  const newSheets: NewSheet[] = [];
  const rates = measuredRates(workbook, tables);
  const ratePlaces = displayPrecision(settings.rateFormat)?.places ?? 4;
  const scoreFmt = settings.scorePlaces > 0 ? `0.${'0'.repeat(settings.scorePlaces)}` : '0';
  const scored: Scored[] = [];

  for (const t of tables) {
    if (t.kind !== 'indicator' || !t.hasScores) continue;
    const sheet = workbook.sheet(t.sheet);
    if (!sheet) continue;
    const byLeaf = ruleByLeaf(resolveRules(workbook, t, settings));
    const cells = scoreCells(sheet, t);
    const values = new Map<string, Dec>();
    for (const sc of cells) {
      const rules = new Set(sc.leaves.map((l) => byLeaf.get(l)));
      const computed = rules.size === 1 ? computeCell(sc, [...rules][0], rates, settings.scorePlaces) : undefined;
      if (computed) {
        values.set(sc.cell, computed.rounded);
        patches.push({
          sheet: t.sheet,
          cell: sc.cell,
          value: computed.rounded.toNumber(),
          ...(options.formulas && computed.formula ? { formula: `=${computed.formula}` } : {}),
          numFmt: scoreFmt,
          purpose: 'score',
          ...current(sheet, sc.cell),
        });
        const noteCell = sc.leaves[0].noteCell;
        if (computed.note && noteCell && t.cols.note !== undefined) {
          const existing = sheet.text(parseA1(noteCell).row, parseA1(noteCell).col).trim();
          const lost = computed.full.minus(computed.rounded);
          // A note that already states this deduction (in whatever words) is left as the person wrote it.
          if (!existing.replace(/\s+/g, '').includes(`扣${fmt(lost)}分`)) {
            patches.push({ sheet: t.sheet, cell: noteCell, value: computed.note, purpose: 'note', ...current(sheet, noteCell) });
          }
        }
      } else if (sc.score) {
        values.set(sc.cell, D(sc.score.value));
      }
      const rateCol = t.cols.rate;
      const v = values.get(sc.cell);
      if (rateCol !== undefined && v !== undefined && sc.weight && sc.leaves.length >= 1) {
        const rateCell = sheet.addr(sc.row, rateCol);
        const scoreRef = sc.cell;
        patches.push({
          sheet: t.sheet,
          cell: rateCell,
          value: roundHalfUp(v.dividedBy(sc.weight), ratePlaces).toNumber(),
          ...(options.formulas ? { formula: `=${scoreRef}/${sc.weightCell ?? fmt(sc.weight)}` } : {}),
          numFmt: settings.rateFormat,
          purpose: 'rate',
          ...current(sheet, rateCell),
        });
      }
    }
    const s: Scored = { table: t, values, cells };
    scored.push(s);
    patches.push(...totalPatches(sheet, s, settings, options, ratePlaces, scoreFmt));
  }

  for (const summary of tables) {
    if (summary.kind !== 'score-summary') continue;
    const sheet = workbook.sheet(summary.sheet);
    const source = sheet && matchSummary(summary, scored);
    if (!sheet || !source) continue;
    patches.push(...summaryPatches(sheet, summary, source, settings, options, ratePlaces, scoreFmt));
  }

  for (const s of scored) {
    const ns = summarySheet(workbook, s, settings, newSheets.length);
    if (ns) newSheets.push(ns);
  }
  // A table of indicators with a column of inputs per 区/县 and no 得分 column: one score per unit.
  for (const t of tables) {
    if (t.kind !== 'indicator' || t.hasScores) continue;
    const ns = planUnitScores(workbook, t, settings);
    if (ns) newSheets.push(ns);
  }
  return { patches, newSheets, findings: [] };
}

/** Σ of a group's 得分 cells, when every one of them has a value. */
function groupScore(s: Scored, node: IndicatorNode): Dec | undefined {
  const leaves = new Set(leavesOf(node));
  const cells = s.cells.filter((c) => c.leaves.some((l) => leaves.has(l)));
  if (cells.length === 0 || cells.some((c) => !s.values.has(c.cell))) return undefined;
  return cells.reduce((acc, c) => acc.plus(s.values.get(c.cell)!), new Decimal(0));
}

function tableTotal(s: Scored): Dec | undefined {
  if (s.cells.length === 0 || s.cells.some((c) => !s.values.has(c.cell))) return undefined;
  return s.cells.reduce((acc, c) => acc.plus(s.values.get(c.cell)!), new Decimal(0));
}

function tableWeight(t: IndicatorTable): Dec | undefined {
  const ws = t.roots.map((r) => r.weight?.value);
  if (ws.every((w) => w !== undefined)) return ws.reduce((a, w) => a.plus(w!), new Decimal(0));
  return t.total?.weight ? D(t.total.weight.value) : undefined;
}

function scoreRange(s: Scored): string | undefined {
  if (s.cells.length === 0) return undefined;
  const col = s.table.cols.score!;
  const first = Math.min(...s.cells.map((c) => c.row));
  const last = Math.max(...s.cells.map((c) => c.row), ...s.cells.map((c) => Math.max(...c.leaves.map((l) => l.bottom))));
  return `${toA1(first, col)}:${toA1(last, col)}`;
}

function totalPatches(sheet: Sheet, s: Scored, settings: Settings, options: ScoreOptions, ratePlaces: number, scoreFmt: string): CellPatch[] {
  const t = s.table;
  if (!t.total || t.cols.score === undefined) return [];
  const total = tableTotal(s);
  if (!total) return [];
  const row = parseA1(t.total.labelCell).row;
  const out: CellPatch[] = [];
  const scoreCell = sheet.addr(row, t.cols.score);
  const range = scoreRange(s);
  out.push({
    sheet: t.sheet,
    cell: scoreCell,
    value: total.toNumber(),
    ...(options.formulas && range ? { formula: `=SUM(${range})` } : {}),
    numFmt: scoreFmt,
    purpose: 'total',
    ...current(sheet, scoreCell),
  });
  const weight = t.total.weight ? D(t.total.weight.value) : tableWeight(t);
  if (t.cols.rate !== undefined && weight && !weight.isZero()) {
    const rateCell = sheet.addr(row, t.cols.rate);
    const weightRef = t.total.weight?.cell;
    out.push({
      sheet: t.sheet,
      cell: rateCell,
      value: roundHalfUp(total.dividedBy(weight), ratePlaces).toNumber(),
      ...(options.formulas ? { formula: `=${scoreCell}/${weightRef ?? weight.toString()}` } : {}),
      numFmt: settings.rateFormat,
      purpose: 'rate',
      ...current(sheet, rateCell),
    });
  }
  if (t.cols.grade !== undefined) {
    const gradeCell = sheet.addr(row, t.cols.grade);
    out.push({ sheet: t.sheet, cell: gradeCell, value: gradeOf(total, settings.grades), purpose: 'grade', ...current(sheet, gradeCell) });
  }
  return out;
}

/** The scored indicator table a summary summarises: its labels name that table's 一级 (or line up one to one). */
function matchSummary(summary: SummaryTable, scored: readonly Scored[]): { s: Scored; roots: IndicatorNode[] } | undefined {
  for (const s of scored) {
    const roots = s.table.roots;
    const byName = summary.items.map((it) => roots.find((r) => normalizeLabel(r.name) === normalizeLabel(it.label.text)));
    if (byName.every(Boolean)) return { s, roots: byName as IndicatorNode[] };
    // One renamed label (效益 for 效果) with the same weights in the same order is still the same table.
    const sameShape =
      summary.items.length === roots.length &&
      byName.filter(Boolean).length >= roots.length - 1 &&
      summary.items.every((it, i) => !it.weight || !roots[i].weight || it.weight.value === roots[i].weight!.value);
    if (sameShape) return { s, roots };
  }
  return undefined;
}

/** Where an item's 得分/得分率 cell is, even when empty: its label's row (or column) and another item's column (or row). */
function slot(summary: SummaryTable, item: SummaryItem, field: 'score' | 'rate' | 'weight'): string | undefined {
  const own = item[field];
  if (own) return own.cell;
  const other = [...summary.items, ...(summary.total ? [summary.total] : [])].map((x) => x[field]).find((x): x is NumberCell => !!x);
  if (!other) return undefined;
  const o = parseA1(other.cell);
  const l = parseA1(item.label.cell);
  return summary.orientation === 'rows' ? toA1(l.row, o.col) : toA1(o.row, l.col);
}

function summaryPatches(
  sheet: Sheet,
  summary: SummaryTable,
  source: { s: Scored; roots: IndicatorNode[] },
  settings: Settings,
  options: ScoreOptions,
  ratePlaces: number,
  scoreFmt: string,
): CellPatch[] {
  const out: CellPatch[] = [];
  const col = source.s.table.cols.score!;
  const scoreCells: string[] = [];
  let total = new Decimal(0);
  let complete = true;
  let weightTotal = new Decimal(0);
  summary.items.forEach((item, i) => {
    const root = source.roots[i];
    const v = groupScore(source.s, root);
    const scoreCell = slot(summary, item, 'score');
    const weight = item.weight?.value ?? root.weight?.value;
    if (weight !== undefined) weightTotal = weightTotal.plus(weight);
    if (!v || !scoreCell) {
      complete = false;
      return;
    }
    total = total.plus(v);
    scoreCells.push(scoreCell);
    const src = qualify(source.s.table.sheet, `${toA1(root.top, col)}:${toA1(root.bottom, col)}`);
    out.push({
      sheet: summary.sheet,
      cell: scoreCell,
      value: v.toNumber(),
      ...(options.formulas ? { formula: `=SUM(${src})` } : {}),
      numFmt: scoreFmt,
      purpose: 'subtotal',
      ...current(sheet, scoreCell),
    });
    const rateCell = slot(summary, item, 'rate');
    if (rateCell && weight) {
      const weightCell = slot(summary, item, 'weight');
      out.push({
        sheet: summary.sheet,
        cell: rateCell,
        value: roundHalfUp(v.dividedBy(weight), ratePlaces).toNumber(),
        ...(options.formulas ? { formula: `=${scoreCell}/${item.weight ? weightCell : weight}` } : {}),
        numFmt: settings.rateFormat,
        purpose: 'rate',
        ...current(sheet, rateCell),
      });
    }
  });
  if (!complete || !summary.total) return out;
  const totalCell = slot(summary, summary.total, 'score');
  if (totalCell) {
    out.push({
      sheet: summary.sheet,
      cell: totalCell,
      value: total.toNumber(),
      ...(options.formulas ? { formula: `=${scoreCells.join('+')}` } : {}),
      numFmt: scoreFmt,
      purpose: 'total',
      ...current(sheet, totalCell),
    });
    const weight = summary.total.weight ? D(summary.total.weight.value) : weightTotal;
    const rateCell = slot(summary, summary.total, 'rate');
    if (rateCell && !weight.isZero()) {
      out.push({
        sheet: summary.sheet,
        cell: rateCell,
        value: roundHalfUp(total.dividedBy(weight), ratePlaces).toNumber(),
        ...(options.formulas ? { formula: `=${totalCell}/${summary.total.weight?.cell ?? weight.toString()}` } : {}),
        numFmt: settings.rateFormat,
        purpose: 'rate',
        ...current(sheet, rateCell),
      });
    }
  }
  if (summary.grade) {
    out.push({ sheet: summary.sheet, cell: summary.grade.cell, value: gradeOf(total, settings.grades), purpose: 'grade', ...current(sheet, summary.grade.cell) });
  }
  return out;
}

/** 综合评定得分表 in the official layout, one row per 一级: 指标 | 分值 | 得分 | 得分率, then 合计 and 等级. */
function summarySheet(workbook: Workbook, s: Scored, settings: Settings, index: number): NewSheet | undefined {
  const ratePlaces = displayPrecision(settings.rateFormat)?.places ?? 4;
  const rows: (string | number | null)[][] = [['指标', '分值', '得分', '得分率']];
  let total = new Decimal(0);
  let weights = new Decimal(0);
  for (const root of s.table.roots) {
    const v = groupScore(s, root);
    const w = root.weight?.value;
    if (!v || w === undefined) return undefined;
    total = total.plus(v);
    weights = weights.plus(w);
    rows.push([root.name, w, v.toNumber(), w === 0 ? null : roundHalfUp(v.dividedBy(w), ratePlaces).toNumber()]);
  }
  rows.push(['合计', weights.toNumber(), total.toNumber(), weights.isZero() ? null : roundHalfUp(total.dividedBy(weights), ratePlaces).toNumber()]);
  rows.push(['等级', gradeOf(total, settings.grades), null, null]);
  const base = '综合评定得分表';
  let name = index === 0 ? base : `${base}${index + 1}`;
  if (workbook.sheet(name)) name = `${name}（计算）`;
  return { name, rows, numFmts: { 3: settings.rateFormat }, columnWidths: [16, 10, 10, 12] };
}
