import { D, agreesAtPrecision, fmt, fmtPercent, roundHalfUp, sum, type Dec } from '../decimal';
import { finding, type Finding } from '../findings';
import { qualify } from '../model/address';
import type { Check } from '../pipeline';
import type { Settings } from '../settings';
import type { NumberCell, Table, TextCell } from '../tables';
import { normalizeLabel, toHalfWidth } from '../text';
import { deductionInNote } from '../indicator/checks';
import type { SelfEvalIndicator, SelfEvalTable } from './types';

const isForm = (t: Table): t is SelfEvalTable => t.kind === 'self-evaluation';

export const selfEvalCheck: Check = {
  name: 'self-evaluation',
  run: (ctx) => {
    const forms = ctx.tables.filter(isForm);
    return [...forms.flatMap((f) => checkForm(f, ctx.settings)), ...duplicateTitles(forms)];
  },
};

/** 执行率 = 全年执行数 / 全年预算数, exact. */
export function executionRate(executed: number, budget: number): Dec | undefined {
  return budget === 0 ? undefined : D(executed).dividedBy(D(budget));
}

/** The funds score the form's rule gives: min(执行率, 100%) × 分值, rounded half-up. */
export function executionScore(rate: Dec, weight: number, places: number): Dec {
  return roundHalfUp(Dec1(rate).times(D(weight)), places);
}
function Dec1(rate: Dec): Dec {
  return rate.greaterThan(1) ? D(1) : rate;
}

function checkForm(form: SelfEvalTable, settings: Settings): Finding[] {
  const out: Finding[] = [];
  const sheet = form.sheet;
  const funds = form.funds[0];
  if (funds?.executed && funds.annualBudget) {
    const rate = executionRate(funds.executed.value, funds.annualBudget.value);
    if (rate && funds.rate && !agreesAtPrecision(funds.rate.value, rate, funds.rate.numFmt))
      out.push(
        finding({
          code: 'rate-mismatch',
          sheet,
          cell: funds.rate.cell,
          related: [funds.executed.cell, funds.annualBudget.cell],
          message: `执行率 ${fmtPercent(funds.rate.value)} ≠ 全年执行数 ${fmt(funds.executed.value)} / 全年预算数 ${fmt(funds.annualBudget.value)} = ${fmtPercent(rate)}`,
          expected: rate.toDecimalPlaces(6).toNumber(),
          actual: funds.rate.value,
        }),
      );
    if (rate && funds.weight && funds.score) {
      const expected = executionScore(rate, funds.weight.value, settings.scorePlaces);
      if (!expected.equals(D(funds.score.value)))
        out.push(
          finding({
            code: 'execution-score-mismatch',
            sheet,
            cell: funds.score.cell,
            related: [funds.executed.cell, funds.annualBudget.cell, funds.weight.cell],
            message: `资金执行得分 ${fmt(funds.score.value)} ≠ 执行率 ${fmtPercent(rate)}（${fmt(funds.executed.value)}/${fmt(funds.annualBudget.value)}）× 分值 ${fmt(funds.weight.value)} = ${fmt(expected)}`,
            expected: expected.toNumber(),
            actual: funds.score.value,
          }),
        );
  }
  }

  for (const ind of form.indicators) {
    const label = ind.name.text.replace(/^指标\d+[:：]/, '').slice(0, 30) || ind.name.text;
    const w = ind.weight?.value;
    const s = ind.score?.value;
    if (w === undefined || s === undefined) continue;
    if (s < 0 || s > w)
      out.push(finding({ code: 'score-out-of-range', sheet, cell: ind.scoreCell, related: [ind.weight!.cell], message: `${label}：得分 ${fmt(s)} 不在 0 与分值 ${fmt(w)} 之间`, expected: w, actual: s }));
    if (s < w && !ind.note)
      out.push(
        finding({
          code: 'deduction-unexplained',
          sheet,
          cell: ind.scoreCell,
          related: [ind.weight!.cell, ind.noteCell],
          message: `${label}：得分 ${fmt(s)} < 分值 ${fmt(w)}（扣 ${fmt(D(w).minus(D(s)))} 分），偏差原因分析为空（年度指标值 ${show(ind.target)}，实际完成值 ${show(ind.actual)}）`,
          expected: w,
          actual: s,
        }),
      );
    if (ind.note) {
      const said = deductionInNote(ind.note.text);
      const lost = D(w).minus(D(s));
      if (said && !said.equals(lost))
        out.push(finding({ code: 'deduction-note-mismatch', sheet, cell: ind.note.cell, related: [ind.scoreCell], message: `${label}：说明称扣 ${fmt(said)} 分，但分值 ${fmt(w)} − 得分 ${fmt(s)} = ${fmt(lost)}`, expected: lost.toNumber(), actual: said.toNumber() }));
    }
    if (s === w) {
      const f = shortfall(form, ind, label);
      if (f) out.push(f);
    }
  }

  const vague = form.indicators.filter((i) => i.target && 'text' in i.target && isUnquantified(i.target.text));
  if (vague.length > 0)
    out.push(
      finding({
        code: 'unquantified-target',
        sheet,
        cell: (vague[0].target as TextCell).cell,
        related: vague.slice(1).map((i) => (i.target as TextCell).cell),
        message: `${vague.length} 项年度指标值无法衡量（${[...new Set(vague.map((i) => (i.target as TextCell).text))].slice(0, 4).join('、')}），建议改为可量化的指标值`,
      }),
    );

  const misplaced = form.indicators.find((i) => i.level1 && /^(数量|质量|时效|成本|社会效益|经济效益|生态效益|可持续影响|服务对象满意度)指标$/.test(normalizeLabel(i.level1.text)));
  if (misplaced?.level1)
    out.push(
      finding({
        code: 'label-mismatch',
        sheet,
        cell: misplaced.level1.cell,
        message: `一级指标栏填的是二级指标名“${misplaced.level1.text}”，其下为产出类指标，应为“产出指标”`,
      }),
    );

  if (form.total?.score) {
    const parts: NumberCell[] = [...(funds?.score ? [funds.score] : []), ...form.indicators.flatMap((i) => (i.score ? [i.score] : []))];
    const total = sum(parts.map((p) => p.value));
    if (!total.equals(D(form.total.score.value)))
      out.push(finding({ code: 'total-mismatch', sheet, cell: form.total.score.cell, related: parts.map((p) => p.cell), message: `总分 ${fmt(form.total.score.value)} ≠ 资金执行得分与各指标得分之和 ${fmt(total)}`, expected: total.toNumber(), actual: form.total.score.value }));
  }
  if (form.total?.weight) {
    const parts = [...(funds?.weight ? [funds.weight] : []), ...form.indicators.flatMap((i) => (i.weight ? [i.weight] : []))];
    const total = sum(parts.map((p) => p.value));
    if (!total.equals(D(form.total.weight.value)))
      out.push(finding({ code: 'total-weight', sheet, cell: form.total.weight.cell, related: parts.map((p) => p.cell), message: `总分分值 ${fmt(form.total.weight.value)} ≠ 资金与各指标分值之和 ${fmt(total)}`, expected: total.toNumber(), actual: form.total.weight.value }));
  }
  return out;
}

function show(v: TextCell | NumberCell | undefined): string {
  if (!v) return '空';
  return 'text' in v ? v.text : v.numFmt?.includes('%') ? fmtPercent(v.value) : fmt(v.value);
}

const VAGUE = /^(有所|得到|逐步|进一步|明显|显著|不断|持续|大幅|稳步|全面|充分)|(提升|提高|改善|促进|保证|保障|推动|增强)$/;
export function isUnquantified(text: string): boolean {
  return !/\d/.test(toHalfWidth(text)) && VAGUE.test(normalizeLabel(text));
}

export interface Quantity {
  readonly value: number;
  readonly unit: string;
}

/** `10个`, `约270人(局级70人…)`, `3-5万字` (→ the lower bound 3), `≥90%`; undefined for prose. */
export function parseQuantity(text: string): Quantity | undefined {
  const s = toHalfWidth(text).replace(/\s+/g, '');
  const m = /^(?:约|≥|>=|不少于|不低于|达到)?(\d+(?:\.\d+)?)(?:[-~－至](\d+(?:\.\d+)?))?(万字|万元|亿元|万人|个|人次|人|户|次|项|篇|期|场|册|家|份|%)?(?:$|[(（])/.exec(s);
  if (!m) return undefined;
  const v = Number(m[1]);
  return { value: m[3] === '%' ? v / 100 : v, unit: m[3] === '%' ? '%' : (m[3] ?? '') };
}

function quantityOf(v: TextCell | NumberCell | undefined): Quantity | undefined {
  if (!v) return undefined;
  if ('value' in v) return { value: v.value, unit: v.numFmt?.includes('%') ? '%' : '' };
  return parseQuantity(v.text);
}

function shortfall(form: SelfEvalTable, ind: SelfEvalIndicator, label: string): Finding | undefined {
  // Cost and time indicators are upper bounds: spending less or finishing earlier is no shortfall.
  if (ind.level2 && /成本|时效/.test(ind.level2.text)) return undefined;
  const targetText = ind.target && 'text' in ind.target ? ind.target.text : '';
  // Only the figure itself counts: `约270人(局级70人，局以下200人)` is a floor, not a ceiling.
  if (/≤|<|以内|以下|不超过|控制/.test(targetText.split(/[(（]/)[0])) return undefined;
  const t = quantityOf(ind.target);
  const a = quantityOf(ind.actual);
  if (t && a && t.unit === a.unit && a.value < t.value)
    return finding({
      code: 'shortfall-full-score',
      sheet: form.sheet,
      cell: ind.scoreCell,
      related: [cellOf(ind.target), cellOf(ind.actual), ind.noteCell].filter((x): x is string => !!x),
      message: `${label}：实际完成值 ${show(ind.actual)} 低于年度指标值 ${show(ind.target)}，却得满分 ${fmt(ind.score!.value)}${ind.note ? `（偏差原因：${ind.note.text.slice(0, 40)}）` : ''}`,
      expected: `< ${fmt(ind.weight!.value)}`,
      actual: ind.score!.value,
    });
  // 得到提升 promised, 有所提升 delivered: a weaker degree, a judgement call.
  const at = ind.actual && 'text' in ind.actual ? normalizeLabel(ind.actual.text) : '';
  const tt = normalizeLabel(targetText);
  if (tt.startsWith('得到') && at.startsWith('有所') && tt.slice(2) === at.slice(2))
    return finding({
      code: 'shortfall-full-score',
      severity: 'info',
      sheet: form.sheet,
      cell: ind.scoreCell,
      related: [cellOf(ind.target), cellOf(ind.actual)].filter((x): x is string => !!x),
      message: `${label}：年度指标值“${targetText}”，实际完成值“${at}”程度较弱，却得满分 ${fmt(ind.score!.value)}`,
    });
  return undefined;
}

function cellOf(v: TextCell | NumberCell | undefined): string | undefined {
  return v?.cell;
}

/** Two forms under one 项目名称 with different money or indicators are two projects printed under one name. */
function duplicateTitles(forms: readonly SelfEvalTable[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, SelfEvalTable>();
  const signature = (f: SelfEvalTable) =>
    JSON.stringify([f.funds[0]?.annualBudget?.value, f.indicators.map((i) => normalizeLabel(i.name.text))]);
  for (const f of forms) {
    if (!f.projectName) continue;
    const k = normalizeLabel(f.projectName.text);
    const first = seen.get(k);
    if (!first) {
      seen.set(k, f);
      continue;
    }
    if (signature(first) === signature(f)) continue;
    out.push(
      finding({
        code: 'duplicate-title',
        sheet: f.sheet,
        cell: f.projectName.cell,
        related: [qualify(first.sheet, first.projectName!.cell)],
        message: `项目名称“${f.projectName.text}”与工作表“${first.sheet}”相同，但内容不同（全年预算数 ${fmt(f.funds[0]?.annualBudget?.value ?? 0)} 万元 / ${fmt(first.funds[0]?.annualBudget?.value ?? 0)} 万元），应是两个项目`,
      }),
    );
  }
  return out;
}
