import { D, sum, type Dec } from '../decimal';
import { keepAccepted, rateOf, ratioAgrees } from '../grading';
import type { CellPatch } from '../patch';
import type { Settings } from '../settings';
import { columnLetters, parseA1 } from '../model/address';
import { executionRate, executionScore, fundsScoreAgrees } from './checks';
import type { HeldCell, SelfEvalFundRow, SelfEvalTable } from './types';

export interface SelfEvalScoreOptions {
  /** Write Excel formulas (`=ROUND(MIN(E7/D7,1)*F7,2)`, `=E7/D7`, `=SUM(H7,H14:H20)`) instead of values. */
  readonly formulas?: boolean;
}

/**
 * What scoring writes on a 项目支出绩效自评表: 执行率 = 全年执行数 / 全年预算数 on every 资金 row that has
 * both amounts, the 资金 得分 = min(执行率, 100%) × 分值 (half-up to settings.scorePlaces), and 总分 得分 =
 * 资金得分 + Σ indicator 得分. Indicator 得分 are a reviewer's judgement on these forms and are never
 * proposed. `old` is what the cell holds now, so `planWrites` can skip cells that differ.
 */
export function planSelfEvalScores(
  table: SelfEvalTable,
  settings: Settings,
  options: SelfEvalScoreOptions = {},
): CellPatch[] {
  const patches: CellPatch[] = [];
  let fundScore: { value: Dec; cell: string } | undefined;
  for (const f of table.funds) {
    const rate = fundRate(f);
    if (!rate) continue;
    if (f.rateHeld)
      patches.push({
        sheet: table.sheet,
        cell: f.rateHeld.cell,
        // A printed 执行率 the checker accepts stands (0.939091 under 0.00% for 0.93909…).
        value: keepAccepted(f.rate?.value, rateOf(rate, 1, settings), (r) =>
          ratioAgrees({ ...f.rate!, value: r }, rate),
        ).toNumber(),
        ...(options.formulas ? { formula: `=${f.executed!.cell}/${f.annualBudget!.cell}` } : {}),
        numFmt: settings.rateFormat,
        purpose: 'rate',
        ...old(f.rateHeld),
      });
    if (f.isTotal && f.weight && f.scoreHeld) {
      const value = keepAccepted(f.score?.value, executionScore(rate, f.weight.value, settings.scorePlaces), (s) =>
        fundsScoreAgrees(f, s, settings),
      );
      fundScore = { value, cell: f.scoreHeld.cell };
      patches.push({
        sheet: table.sheet,
        cell: f.scoreHeld.cell,
        value: value.toNumber(),
        ...(options.formulas
          ? {
              formula: `=ROUND(MIN(${f.executed!.cell}/${f.annualBudget!.cell},1)*${f.weight.cell},${settings.scorePlaces})`,
            }
          : {}),
        purpose: 'score',
        ...old(f.scoreHeld),
      });
    }
  }
  const totalPatch = planTotal(table, fundScore, options);
  if (totalPatch) patches.push(totalPatch);
  return patches;
}

/** 执行率 from the amounts, when both are there and the budget is not zero. */
function fundRate(f: SelfEvalFundRow): Dec | undefined {
  if (!f.executed || !f.annualBudget) return undefined;
  return executionRate(f.executed.value, f.annualBudget.value);
}

function planTotal(
  table: SelfEvalTable,
  fundScore: { value: Dec; cell: string } | undefined,
  options: SelfEvalScoreOptions,
): CellPatch | undefined {
  const held = table.total?.scoreHeld;
  if (!held) return undefined;
  const funds = table.funds.find((f) => f.isTotal);
  const fund = fundScore ?? (funds?.score ? { value: D(funds.score.value), cell: funds.score.cell } : undefined);
  // A total over missing scores would be a wrong number in a right-looking cell.
  if (!fund || table.indicators.some((i) => i.weight && !i.score)) return undefined;
  const scored = table.indicators.filter((i) => i.score);
  const value = sum([fund.value, ...scored.map((i) => i.score!.value)]);
  return {
    sheet: table.sheet,
    cell: held.cell,
    value: value.toNumber(),
    ...(options.formulas
      ? { formula: `=SUM(${compactRefs([fund.cell, ...scored.map((i) => i.score!.cell)]).join(',')})` }
      : {}),
    purpose: 'total',
    ...old(held),
  };
}

/** `H7, H14, H15, …, H20` → `H7, H14:H20`: runs of adjacent rows in one column become ranges. */
export function compactRefs(cells: readonly string[]): string[] {
  const out: string[] = [];
  let start: { row: number; col: number } | undefined;
  let prev: { row: number; col: number } | undefined;
  const flush = () => {
    if (!start || !prev) return;
    const a = `${columnLetters(start.col)}${start.row}`;
    out.push(prev.row === start.row ? a : `${a}:${columnLetters(prev.col)}${prev.row}`);
  };
  for (const c of cells) {
    const p = parseA1(c);
    if (prev && p.col === prev.col && p.row === prev.row + 1) {
      prev = p;
      continue;
    }
    flush();
    start = p;
    prev = p;
  }
  flush();
  return out;
}

function old(h: HeldCell): Pick<CellPatch, 'old' | 'oldFormula'> {
  return {
    ...(h.value !== undefined ? { old: h.value } : {}),
    ...(h.formula !== undefined ? { oldFormula: h.formula } : {}),
  };
}
