import { D, Decimal, fmt, type Dec } from '../decimal';
import { gradeMatches, gradeOf, keepAccepted, rateAgrees, rateOf, scoreAgrees, scoreFormat } from '../grading';
import { placeSheet } from '../sheets';
import { parseA1, qualify, toA1 } from '../model/address';
import type { Sheet, Workbook } from '../model/sheet';
import type { CellPatch, NewSheet } from '../patch';
import type { ScoreOptions, ScorePlan } from '../pipeline';
import type { Settings } from '../settings';
import type { Table } from '../tables';
import type { NumberCell } from '../model/table';
import { normalizeLabel } from '../text';
import { leavesOf } from '../indicator/tree';
import { pointsOf } from '../indicator/points';
import type { IndicatorNode, IndicatorTable, SummaryItem, SummaryTable } from '../indicator/types';
import { measuredRates } from './inputs';
import { resolveRules, ruleByLeaf } from './resolve';
import { scoreCells, type ScoreCell } from './scoreCells';
import { computeCell } from './compute';
import { planUnitScores } from './units';

export type { ScoreOptions };

/** The number a cell holds now, when it holds one (what the checker reads there). */
function recordedNumber(sheet: Sheet, a1: string): { value: number; numFmt?: string } | undefined {
  const { row, col } = parseA1(a1);
  const v = sheet.value(row, col);
  if (v.kind !== 'number') return undefined;
  const numFmt = sheet.numFmt(row, col);
  return { value: v.value, ...(numFmt ? { numFmt } : {}) };
}

/**
 * A 得分率 patch: score / weight as written, unless the cell already holds a rate the checker accepts for
 * this score (78.21% for 1.56 / 2, the rate of the unrounded 1.5642), which is then left as it is.
 */
function ratePatch(
  sheet: Sheet,
  a1: string,
  score: Dec,
  weight: number | Dec,
  settings: Settings,
  formula: string | undefined,
): CellPatch {
  const now = recordedNumber(sheet, a1);
  const value = keepAccepted(now?.value, rateOf(score, weight, settings), (r) =>
    rateAgrees({ value: r, ...(now?.numFmt ? { numFmt: now.numFmt } : {}) }, score.toNumber(), D(weight).toNumber()),
  );
  return {
    sheet: sheet.name,
    cell: a1,
    value: value.toNumber(),
    ...(formula ? { formula } : {}),
    numFmt: settings.rateFormat,
    purpose: 'rate',
    ...current(sheet, a1),
  };
}

/** A 等级 patch: the grade the total earns on the table's points, or the grade written there when it names that grade. */
function gradePatch(sheet: Sheet, a1: string, total: Dec, outOf: number | Dec, settings: Settings): CellPatch {
  const grade = gradeOf(total, outOf, settings.grades);
  const { row, col } = parseA1(a1);
  const written = sheet.text(row, col).trim();
  return {
    sheet: sheet.name,
    cell: a1,
    value: written && gradeMatches(written, grade) ? written : grade,
    purpose: 'grade',
    ...current(sheet, a1),
  };
}

/** What a cell holds now, as a patch's `old`/`oldFormula`. */
function current(sheet: Sheet, a1: string): Pick<CellPatch, 'old' | 'oldFormula'> {
  const { row, col } = parseA1(a1);
  const v = sheet.value(row, col);
  const f = sheet.formula(row, col);
  const old =
    v.kind === 'number' || v.kind === 'string' || v.kind === 'boolean'
      ? v.value
      : v.kind === 'date' || v.kind === 'error'
        ? v.value
        : undefined;
  return { ...(old !== undefined ? { old } : {}), ...(f ? { oldFormula: f } : {}) };
}

interface Scored {
  readonly table: IndicatorTable;
  /** Final score per 得分 cell: computed where the workbook determines it, else as recorded. */
  readonly values: Map<string, Dec>;
  readonly cells: ScoreCell[];
}

export function planScores(
  workbook: Workbook,
  tables: readonly Table[],
  settings: Settings,
  options: ScoreOptions = {},
): ScorePlan {
  const patches: CellPatch[] = [];
  const newSheets: NewSheet[] = [];
  const rates = measuredRates(workbook, tables);
  const scoreFmt = scoreFormat(settings);
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
        // A recorded score the checker accepts (2.964 for 2.9640…) stands; the scorer writes the same.
        const value = keepAccepted(sc.score?.value, computed.rounded, (r) => scoreAgrees(r, computed.exact, settings));
        values.set(sc.cell, value);
        patches.push({
          sheet: t.sheet,
          cell: sc.cell,
          value: value.toNumber(),
          ...(options.formulas && computed.formula ? { formula: `=${computed.formula}` } : {}),
          numFmt: scoreFmt,
          purpose: 'score',
          ...current(sheet, sc.cell),
        });
        const noteCell = sc.leaves[0].noteCell;
        if (computed.note && noteCell && t.cols.note !== undefined) {
          const existing = sheet.text(parseA1(noteCell).row, parseA1(noteCell).col).trim();
          const lost = computed.full.minus(value);
          // A note that already states this deduction (in whatever words) is left as the person wrote it.
          if (!existing.replace(/\s+/g, '').includes(`扣${fmt(lost)}分`)) {
            const note = value.equals(computed.rounded)
              ? computed.note
              : computed.note.replace(/扣[\d.]+分/, `扣${fmt(lost)}分`);
            patches.push({ sheet: t.sheet, cell: noteCell, value: note, purpose: 'note', ...current(sheet, noteCell) });
          }
        }
      } else if (sc.score) {
        values.set(sc.cell, D(sc.score.value));
      }
      const rateCol = t.cols.rate;
      const v = values.get(sc.cell);
      if (rateCol !== undefined && v !== undefined && sc.weight && sc.leaves.length >= 1) {
        const rateCell = sheet.addr(sc.row, rateCol);
        patches.push(
          ratePatch(
            sheet,
            rateCell,
            v,
            sc.weight,
            settings,
            options.formulas ? `=${sc.cell}/${sc.weightCell ?? fmt(sc.weight)}` : undefined,
          ),
        );
      }
    }
    const s: Scored = { table: t, values, cells };
    scored.push(s);
    patches.push(...totalPatches(sheet, s, settings, options, scoreFmt));
  }

  for (const summary of tables) {
    if (summary.kind !== 'score-summary') continue;
    const sheet = workbook.sheet(summary.sheet);
    const source = sheet && matchSummary(summary, scored);
    if (!sheet || !source) continue;
    patches.push(...summaryPatches(sheet, summary, source, settings, options, scoreFmt));
  }

  // Each new sheet is placed among the workbook's sheets and the ones placed before it in this plan.
  const existing = workbook.sheets.map((x) => x.name);
  const place = (ns: NewSheet): NewSheet => {
    const name = placeSheet(ns.name, existing, workbook.addedSheets).name;
    existing.push(name);
    return { ...ns, name };
  };
  for (const s of scored) {
    const ns = summarySheet(s, settings, newSheets.length);
    if (ns) newSheets.push(place(ns));
  }
  // A table of indicators with a column of inputs per 区/县 and no 得分 column: one score per unit.
  for (const t of tables) {
    if (t.kind !== 'indicator' || t.hasScores) continue;
    const ns = planUnitScores(workbook, t, settings);
    if (ns) newSheets.push(place(ns));
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
  const last = Math.max(
    ...s.cells.map((c) => c.row),
    ...s.cells.map((c) => Math.max(...c.leaves.map((l) => l.bottom))),
  );
  return `${toA1(first, col)}:${toA1(last, col)}`;
}

function totalPatches(
  sheet: Sheet,
  s: Scored,
  settings: Settings,
  options: ScoreOptions,
  scoreFmt: string,
): CellPatch[] {
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
    const weightRef = t.total.weight?.cell;
    out.push(
      ratePatch(
        sheet,
        sheet.addr(row, t.cols.rate),
        total,
        weight,
        settings,
        options.formulas ? `=${scoreCell}/${weightRef ?? weight.toString()}` : undefined,
      ),
    );
  }
  if (t.cols.grade !== undefined)
    out.push(gradePatch(sheet, sheet.addr(row, t.cols.grade), total, pointsOf(t), settings));
  return out;
}

/** The scored indicator table a summary summarises: its labels name that table's 一级 (or line up one to one). */
function matchSummary(
  summary: SummaryTable,
  scored: readonly Scored[],
): { s: Scored; roots: IndicatorNode[] } | undefined {
  for (const s of scored) {
    const roots = s.table.roots;
    const byName = summary.items.map((it) =>
      roots.find((r) => normalizeLabel(r.name) === normalizeLabel(it.label.text)),
    );
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
  const other = [...summary.items, ...(summary.total ? [summary.total] : [])]
    .map((x) => x[field])
    .find((x): x is NumberCell => !!x);
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
      out.push(
        ratePatch(
          sheet,
          rateCell,
          v,
          weight,
          settings,
          options.formulas ? `=${scoreCell}/${item.weight ? weightCell : weight}` : undefined,
        ),
      );
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
      out.push(
        ratePatch(
          sheet,
          rateCell,
          total,
          weight,
          settings,
          options.formulas ? `=${totalCell}/${summary.total.weight?.cell ?? weight.toString()}` : undefined,
        ),
      );
    }
  }
  if (summary.grade) out.push(gradePatch(sheet, summary.grade.cell, total, pointsOf(summary), settings));
  return out;
}

/**
 * 综合评定得分表 in the official layout, one row per 一级: 指标 | 分值 | 得分 | 得分率, then 合计 and 等级 (on the
 * share of the 合计 分值 this sheet prints, as the checker grades it). Named as wanted; `placeSheet` decides.
 */
function summarySheet(s: Scored, settings: Settings, index: number): NewSheet | undefined {
  // A summary of one 一级 says nothing the table does not, and the reader does not take one line for a summary.
  if (s.table.roots.length < 2) return undefined;
  const rows: (string | number | null)[][] = [['指标', '分值', '得分', '得分率']];
  let total = new Decimal(0);
  let weights = new Decimal(0);
  for (const root of s.table.roots) {
    const v = groupScore(s, root);
    const w = root.weight?.value;
    if (!v || w === undefined) return undefined;
    total = total.plus(v);
    weights = weights.plus(w);
    rows.push([root.name, w, v.toNumber(), w === 0 ? null : rateOf(v, w, settings).toNumber()]);
  }
  rows.push([
    '合计',
    weights.toNumber(),
    total.toNumber(),
    weights.isZero() ? null : rateOf(total, weights, settings).toNumber(),
  ]);
  rows.push(['等级', gradeOf(total, weights, settings.grades), null, null]);
  const base = '综合评定得分表';
  return {
    name: index === 0 ? base : `${base}${index + 1}`,
    rows,
    numFmts: { 3: settings.rateFormat },
    columnWidths: [16, 10, 10, 12],
  };
}
