import { ratioAgrees } from '../grading';
import { D, displayPrecision, fmt, fmtPercent, roundHalfUp, sum, type Dec } from '../decimal';
import { finding, type Finding } from '../findings';
import { qualify } from '../model/address';
import type { Check } from '../pipeline';
import type { Settings } from '../settings';
import type { Table } from '../tables';
import type { NumberCell, TextCell } from '../model/table';
import { displayLabel, normalizeLabel } from '../text';
import { deductionInNote } from '../indicator/checks';
import { compareAchievement, isUnquantified, type Achievement } from './compare';
import type { SelfEvalFundRow, SelfEvalIndicator, SelfEvalTable } from './types';

export { isUnquantified, parseQuantity, type Quantity } from './compare';

const isForm = (t: Table): t is SelfEvalTable => t.kind === 'self-evaluation';

export const selfEvalCheck: Check = {
  name: 'self-evaluation',
  run: (ctx) => {
    const forms = ctx.tables.filter(isForm);
    return [...forms.flatMap((f) => checkForm(f, ctx.settings)), ...duplicateTitles(forms)];
  },
};

/** The total the 分值 column must reach: 资金 10 + indicators 90 on every 自评表. */
export const FORM_TOTAL_WEIGHT = 100;

/** 执行率 = 全年执行数 / 全年预算数, exact; undefined without a budget. */
export function executionRate(executed: number, budget: number): Dec | undefined {
  return budget === 0 ? undefined : D(executed).dividedBy(D(budget));
}

/** The funds score the form's rule gives: min(执行率, 100%) × 分值, rounded half-up. */
export function executionScore(rate: Dec, weight: number, places: number): Dec {
  return roundHalfUp(capAtOne(rate).times(D(weight)), places);
}

function capAtOne(rate: Dec): Dec {
  return rate.greaterThan(1) ? D(1) : rate;
}

/** The row that carries 分值 and 得分 (年度资金总额). */
export function fundTotalRow(form: SelfEvalTable): SelfEvalFundRow | undefined {
  return form.funds.find((f) => f.isTotal) ?? form.funds[0];
}

export function checkForm(form: SelfEvalTable, settings: Settings): Finding[] {
  return [
    ...checkFunds(form, settings),
    ...form.indicators.flatMap((ind) => checkIndicator(form, ind)),
    ...checkUnquantified(form),
    ...checkLevelLabels(form),
    ...checkTotals(form),
  ];
}

function checkFunds(form: SelfEvalTable, settings: Settings): Finding[] {
  const out: Finding[] = [];
  const sheet = form.sheet;
  for (const f of form.funds) {
    const label = displayLabel(f.label.text).replace(/^其中[:：]/, '');
    if (f.executed && f.annualBudget && f.executed.value > f.annualBudget.value)
      out.push(
        finding({
          code: 'over-budget',
          sheet,
          cell: f.executed.cell,
          related: [f.annualBudget.cell],
          message: `${label}：全年执行数 ${fmt(f.executed.value)} 超过全年预算数 ${fmt(f.annualBudget.value)}（超 ${fmt(D(f.executed.value).minus(f.annualBudget.value))}）`,
          expected: f.annualBudget.value,
          actual: f.executed.value,
        }),
      );
    const rate = f.executed && f.annualBudget ? executionRate(f.executed.value, f.annualBudget.value) : undefined;
    if (rate && f.rate && f.executed && f.annualBudget && !ratioAgrees(f.rate, rate))
      out.push(
        finding({
          code: 'rate-mismatch',
          sheet,
          cell: f.rate.cell,
          related: [f.executed.cell, f.annualBudget.cell],
          message: `${label}：执行率 ${fmtPercent(f.rate.value)} ≠ 全年执行数 ${fmt(f.executed.value)} / 全年预算数 ${fmt(f.annualBudget.value)} = ${fmtPercent(rate)}`,
          expected: rate.toDecimalPlaces(6).toNumber(),
          actual: f.rate.value,
        }),
      );
    if (f.weight && f.score && (f.score.value < 0 || f.score.value > f.weight.value))
      out.push(
        finding({
          code: 'score-out-of-range',
          sheet,
          cell: f.score.cell,
          related: [f.weight.cell],
          message: `${label}：资金执行得分 ${fmt(f.score.value)} 不在 0 与分值 ${fmt(f.weight.value)} 之间`,
          expected: f.weight.value,
          actual: f.score.value,
        }),
      );
    if (rate && f.weight && f.score && f.executed && f.annualBudget) {
      const expected = executionScore(rate, f.weight.value, settings.scorePlaces);
      if (!fundsScoreAgrees(f, f.score.value, settings))
        out.push(
          finding({
            code: 'execution-score-mismatch',
            sheet,
            cell: f.score.cell,
            related: [f.executed.cell, f.annualBudget.cell, f.weight.cell, ...(f.rate ? [f.rate.cell] : [])],
            message:
              `资金执行得分 ${fmt(f.score.value)} ≠ min(执行率, 100%) × 分值：执行率 ${fmt(f.executed.value)}/${fmt(f.annualBudget.value)} = ${fmtPercent(rate, 4)}，` +
              `× ${fmt(f.weight.value)} = ${fmt(capAtOne(rate).times(f.weight.value))} → ${fmt(expected)}（差 ${fmt(D(f.score.value).minus(expected).abs())}）`,
            expected: expected.toNumber(),
            actual: f.score.value,
          }),
        );
    }
  }
  // The funds line that carries the 分值 (年度资金总额 / 总额) must be scored like any indicator.
  const carrying = fundTotalRow(form);
  if (
    carrying?.weight &&
    !carrying.score &&
    carrying.scoreCell &&
    carrying.scoreHeld?.value === undefined &&
    !carrying.scoreHeld?.formula
  )
    out.push(
      finding({
        code: 'missing-score',
        sheet,
        cell: carrying.scoreCell,
        related: [carrying.weight.cell],
        message: `${displayLabel(carrying.label.text).replace(/[:：]$/, '')}：资金执行分值 ${fmt(carrying.weight.value)}，得分为空`,
      }),
    );
  out.push(...checkFundParts(form));
  return out;
}

/**
 * Whether a 资金 得分 agrees with the form's rule: min(执行率, 100%) × 分值 from the amounts, or from the printed
 * 执行率 when that rate is right (see scoredFromShownRate). The checker and the scorer both ask this.
 */
export function fundsScoreAgrees(f: SelfEvalFundRow, score: number, settings: Settings): boolean {
  const rate = f.executed && f.annualBudget ? executionRate(f.executed.value, f.annualBudget.value) : undefined;
  if (!rate || !f.weight) return true;
  if (executionScore(rate, f.weight.value, settings.scorePlaces).equals(D(score))) return true;
  return scoredFromShownRate({ ...f, score: { ...(f.score ?? { cell: '' }), value: score } }, settings);
}

/**
 * A person who scores from the printed 执行率 (99.78% × 10) rather than from the amounts is not wrong
 * when the printed rate itself is right; only at a rounding edge do the two differ.
 */
function scoredFromShownRate(f: SelfEvalFundRow, settings: Settings): boolean {
  if (!f.rate || !f.weight || !f.score || !f.executed || !f.annualBudget) return false;
  const exact = executionRate(f.executed.value, f.annualBudget.value);
  if (!exact || !ratioAgrees(f.rate, exact)) return false;
  const places = displayPrecision(f.rate.numFmt ?? '0.00%')?.places ?? 4;
  const shown = roundHalfUp(f.rate.value, places);
  return executionScore(shown, f.weight.value, settings.scorePlaces).equals(D(f.score.value));
}

/** 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, in each money column where the parts are given. */
function checkFundParts(form: SelfEvalTable): Finding[] {
  const total = fundTotalRow(form);
  if (!total) return [];
  const parts = form.funds.filter((f) => f !== total);
  if (parts.length === 0) return [];
  const out: Finding[] = [];
  const columns = [
    ['initialBudget', '年初预算数'],
    ['annualBudget', '全年预算数'],
    ['executed', '全年执行数'],
  ] as const;
  for (const [key, name] of columns) {
    const t = total[key];
    const given = parts.flatMap((p) => (p[key] ? [p[key]!] : []));
    if (!t || given.length === 0) continue;
    const s = sum(given.map((g) => g.value));
    if (s.equals(D(t.value))) continue;
    out.push(
      finding({
        code: 'sum-mismatch',
        sheet: form.sheet,
        cell: t.cell,
        related: given.map((g) => g.cell),
        message: `${displayLabel(total.label.text)}${name} ${fmt(t.value)} ≠ 其中各项之和 ${given.map((g) => fmt(g.value)).join(' + ')} = ${fmt(s)}（差 ${fmt(D(t.value).minus(s).abs())}）`,
        expected: s.toNumber(),
        actual: t.value,
      }),
    );
  }
  return out;
}

/** How an indicator is named in messages: the 三级 name without its `指标1：` numbering. */
export function indicatorLabel(ind: SelfEvalIndicator): string {
  const bare = displayLabel(ind.name.text).replace(/^指标\d+[:：]/, '');
  // `指标1：≥90%` (扶贫+扶志研究 D25) names no indicator: say which group it is in.
  const named = /[\u4e00-\u9fff]/.test(bare)
    ? bare
    : `${ind.level2 ? displayLabel(ind.level2.text) : ''}${displayLabel(ind.name.text)}`;
  return named.length > 30 ? `${named.slice(0, 30)}…` : named;
}

function show(v: TextCell | NumberCell | undefined): string {
  if (!v) return '空';
  return 'text' in v ? displayLabel(v.text) : v.numFmt?.includes('%') ? fmtPercent(v.value) : fmt(v.value);
}

function checkIndicator(form: SelfEvalTable, ind: SelfEvalIndicator): Finding[] {
  const out: Finding[] = [];
  const sheet = form.sheet;
  const label = indicatorLabel(ind);
  const w = ind.weight?.value;
  const s = ind.score?.value;
  if (w !== undefined && s === undefined)
    out.push(
      finding({
        code: 'missing-score',
        sheet,
        cell: ind.scoreCell,
        related: [ind.weight!.cell],
        message: `${label}：分值 ${fmt(w)}，得分为空`,
      }),
    );
  if (w === undefined || s === undefined) return out;
  if (s < 0 || s > w)
    out.push(
      finding({
        code: 'score-out-of-range',
        sheet,
        cell: ind.scoreCell,
        related: [ind.weight!.cell],
        message: `${label}：得分 ${fmt(s)} 不在 0 与分值 ${fmt(w)} 之间`,
        expected: w,
        actual: s,
      }),
    );
  const lost = D(w).minus(D(s));
  if (s < w && !ind.note)
    out.push(
      finding({
        code: 'deduction-unexplained',
        sheet,
        cell: ind.scoreCell,
        related: [
          ind.weight!.cell,
          ind.noteCell,
          ...(ind.targetCell ? [ind.targetCell] : []),
          ...(ind.actualCell ? [ind.actualCell] : []),
        ],
        message: `${label}：得分 ${fmt(s)} < 分值 ${fmt(w)}（扣 ${fmt(lost)} 分），偏差原因分析为空（年度指标值 ${show(ind.target)}，实际完成值 ${show(ind.actual)}）`,
        expected: w,
        actual: s,
      }),
    );
  if (ind.note) {
    const said = deductionInNote(ind.note.text);
    if (said && !said.equals(lost))
      out.push(
        finding({
          code: 'deduction-note-mismatch',
          sheet,
          cell: ind.note.cell,
          related: [ind.scoreCell, ind.weight!.cell],
          message: `${label}：偏差原因称扣 ${fmt(said)} 分，但分值 ${fmt(w)} − 得分 ${fmt(s)} = ${fmt(lost)}`,
          expected: lost.toNumber(),
          actual: said.toNumber(),
        }),
      );
  }
  if (s === w) {
    const f = shortfall(form, ind, label);
    if (f) out.push(f);
  }
  return out;
}

/** Cost indicators are ceilings: spending less than planned is no shortfall, spending more is. */
function isCostIndicator(ind: SelfEvalIndicator): boolean {
  return /成本/.test(ind.level2?.text ?? '') || /成本|预算控制|预计资金|预算数/.test(ind.name.text);
}

function shortfall(form: SelfEvalTable, ind: SelfEvalIndicator, label: string): Finding | undefined {
  const result = compareAchievement(ind.target, ind.actual, { ceiling: isCostIndicator(ind) });
  if (result.verdict !== 'short') return undefined;
  const related = [ind.targetCell, ind.actualCell, ind.weightCell, ...(ind.note ? [ind.noteCell] : [])].filter(
    (x): x is string => !!x,
  );
  const because = ind.note ? `；偏差原因：${shorten(ind.note.text, 40)}` : '，偏差原因为空';
  const base = {
    code: 'shortfall-full-score' as const,
    sheet: form.sheet,
    cell: ind.scoreCell,
    related,
    expected: `< ${fmt(ind.weight!.value)}`,
    actual: ind.score!.value,
  };
  if (result.how === 'degree')
    // Wording, not a figure: whether 有所提升 falls short of 得到提升 is the reviewer's call.
    return finding({
      ...base,
      severity: 'info',
      message: `${label}：年度指标值“${show(ind.target)}”，实际完成值“${show(ind.actual)}”程度较弱，却得满分 ${fmt(ind.score!.value)}${because}`,
    });
  return finding({
    ...base,
    message: `${label}：实际完成值 ${show(ind.actual)} ${describeGap(result)} 年度指标值 ${show(ind.target)}${gapFigures(result)}，却得满分 ${fmt(ind.score!.value)}${because}`,
  });
}

function describeGap(r: Achievement): string {
  if (r.verdict === 'short' && r.how === 'date') return '晚于';
  if (r.verdict === 'short' && r.how === 'quantity' && r.actual.value > (r.target.upper ?? r.target.value))
    return '超出';
  return '低于';
}

/** `（100人 < 270人）`: the figures compared, in the target's unit. */
function gapFigures(r: Achievement): string {
  if (r.verdict !== 'short' || r.how !== 'quantity') return '';
  const f = (n: number) => (r.target.unit === '%' ? fmtPercent(n) : `${fmt(n)}${r.target.unit}`);
  return r.actual.value > (r.target.upper ?? r.target.value)
    ? `（${f(r.actual.value)} > ${f(r.target.upper ?? r.target.value)}）`
    : `（${f(r.actual.value)} < ${f(r.target.value)}）`;
}

function shorten(s: string, n: number): string {
  const t = displayLabel(s);
  return t.length > n ? `${t.slice(0, n)}…` : t;
}

/** One finding per form: the first vague 年度指标值 is the cell, the others are related. */
function checkUnquantified(form: SelfEvalTable): Finding[] {
  const vague = form.indicators.filter(
    (i): i is SelfEvalIndicator & { target: TextCell } =>
      !!i.target && 'text' in i.target && isUnquantified(i.target.text),
  );
  if (vague.length === 0) return [];
  const texts = [...new Set(vague.map((i) => displayLabel(i.target.text)))];
  return [
    finding({
      code: 'unquantified-target',
      sheet: form.sheet,
      cell: vague[0].target.cell,
      related: vague.slice(1).map((i) => i.target.cell),
      message: `${vague.length} 项年度指标值无法衡量（${texts
        .slice(0, 4)
        .map((t) => shorten(t, 16))
        .join('、')}${texts.length > 4 ? ' 等' : ''}），实际完成值无从对照，建议改为可量化的指标值`,
    }),
  ];
}

const LEVEL2_NAMES = /^(数量|质量|时效|社会效益|经济效益|生态效益|可持续影响|服务对象满意度|满意度)指标$/;
const LEVEL1_NAMES = /^(产出|效益|满意度)指标$/;

/** The 一级指标 a 二级 name belongs under (质量指标 → 产出指标). */
function parentOf(level2: string): string {
  if (/数量|质量|时效|成本/.test(level2)) return '产出指标';
  if (/效益|可持续/.test(level2)) return '效益指标';
  return '满意度指标';
}

/**
 * An 一级指标 cell holding a 二级 name (网站内容运维!B18 质量指标), or a 二级 cell holding an 一级 name.
 * 满意度指标 is both an 一级 and (in some templates) a 二级 name, so it is never flagged in the 一级 column.
 */
function checkLevelLabels(form: SelfEvalTable): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const ind of form.indicators) {
    const l1 = ind.level1;
    if (l1 && !seen.has(l1.cell)) {
      seen.add(l1.cell);
      const n = normalizeLabel(l1.text);
      if (LEVEL2_NAMES.test(n) && !/^满意度指标$/.test(n)) {
        const rows = form.indicators.filter((i) => i.level1?.cell === l1.cell);
        const kids = [...new Set(rows.map((i) => displayLabel(i.level2?.text ?? '')).filter(Boolean))];
        out.push(
          finding({
            code: 'label-mismatch',
            sheet: form.sheet,
            cell: l1.cell,
            related: rows.flatMap((i) => (i.level2 ? [i.level2.cell] : [])),
            message: `一级指标栏填的是二级指标名“${displayLabel(l1.text)}”，其下为${kids.join('、')}，应为“${parentOf(kids[0] ?? n)}”`,
            expected: parentOf(kids[0] ?? n),
            actual: displayLabel(l1.text),
          }),
        );
      }
    }
    const l2 = ind.level2;
    if (l2 && !seen.has(l2.cell)) {
      seen.add(l2.cell);
      if (LEVEL1_NAMES.test(normalizeLabel(l2.text)) && !/^满意度指标$/.test(normalizeLabel(l2.text)))
        out.push(
          finding({
            code: 'label-mismatch',
            sheet: form.sheet,
            cell: l2.cell,
            message: `二级指标栏填的是一级指标名“${displayLabel(l2.text)}”`,
            actual: displayLabel(l2.text),
          }),
        );
    }
  }
  return out;
}

function checkTotals(form: SelfEvalTable): Finding[] {
  const out: Finding[] = [];
  const sheet = form.sheet;
  const funds = fundTotalRow(form);
  const total = form.total;
  if (!total) return out;
  if (total.score) {
    const parts: NumberCell[] = [
      ...(funds?.score ? [funds.score] : []),
      ...form.indicators.flatMap((i) => (i.score ? [i.score] : [])),
    ];
    const s = sum(parts.map((p) => p.value));
    if (!s.equals(D(total.score.value)))
      out.push(
        finding({
          code: 'total-mismatch',
          sheet,
          cell: total.score.cell,
          related: parts.map((p) => p.cell),
          message: `总分 ${fmt(total.score.value)} ≠ 资金执行得分 ${fmt(funds?.score?.value ?? 0)} + 各指标得分之和 ${fmt(s.minus(funds?.score?.value ?? 0))} = ${fmt(s)}（差 ${fmt(D(total.score.value).minus(s).abs())}）`,
          expected: s.toNumber(),
          actual: total.score.value,
        }),
      );
    if (total.score.value < 0 || total.score.value > (total.weight?.value ?? FORM_TOTAL_WEIGHT))
      out.push(
        finding({
          code: 'score-out-of-range',
          sheet,
          cell: total.score.cell,
          message: `总分 ${fmt(total.score.value)} 不在 0 与 ${fmt(total.weight?.value ?? FORM_TOTAL_WEIGHT)} 之间`,
          actual: total.score.value,
        }),
      );
  }
  const weights = [
    ...(funds?.weight ? [funds.weight] : []),
    ...form.indicators.flatMap((i) => (i.weight ? [i.weight] : [])),
  ];
  if (weights.length > 0) {
    const s = sum(weights.map((p) => p.value));
    const declared = total.weight?.value ?? FORM_TOTAL_WEIGHT;
    const fundsPart = funds?.weight ? `资金分值 ${fmt(funds.weight.value)} + ` : '';
    const indicatorsPart = s.minus(funds?.weight?.value ?? 0);
    if (!s.equals(D(declared)))
      out.push(
        finding({
          code: 'total-weight',
          sheet,
          cell: total.weight?.cell ?? total.labelCell,
          related: weights.map((p) => p.cell),
          message: `总分分值 ${fmt(declared)} ≠ ${fundsPart}各指标分值之和 ${fmt(indicatorsPart)} = ${fmt(s)}`,
          expected: s.toNumber(),
          actual: declared,
        }),
      );
    else if (!s.equals(FORM_TOTAL_WEIGHT))
      out.push(
        finding({
          code: 'total-weight',
          sheet,
          cell: total.weight?.cell ?? total.labelCell,
          related: weights.map((p) => p.cell),
          message: `分值合计 ${fmt(s)} ≠ ${FORM_TOTAL_WEIGHT}（${fundsPart}各指标分值之和 ${fmt(indicatorsPart)}）`,
          expected: FORM_TOTAL_WEIGHT,
          actual: s.toNumber(),
        }),
      );
  }
  return out;
}

/** Two forms under one 项目名称 with different money or indicators are two projects printed under one name. */
function duplicateTitles(forms: readonly SelfEvalTable[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, SelfEvalTable>();
  const budget = (f: SelfEvalTable) => fundTotalRow(f)?.annualBudget?.value;
  const signature = (f: SelfEvalTable) =>
    JSON.stringify([budget(f), f.indicators.map((i) => normalizeLabel(i.name.text))]);
  for (const f of forms) {
    if (!f.projectName) continue;
    const k = normalizeLabel(f.projectName.text);
    const first = seen.get(k);
    if (!first) {
      seen.set(k, f);
      continue;
    }
    if (signature(first) === signature(f)) continue;
    const money = (x: SelfEvalTable) => (budget(x) !== undefined ? `全年预算数 ${fmt(budget(x)!)} 万元` : '无预算数');
    const lead = (x: SelfEvalTable) => (x.indicators[0] ? `首项指标“${indicatorLabel(x.indicators[0])}”` : '');
    out.push(
      finding({
        code: 'duplicate-title',
        sheet: f.sheet,
        cell: f.projectName.cell,
        related: [qualify(first.sheet, first.projectName!.cell)],
        message: `项目名称“${displayLabel(f.projectName.text)}”与工作表“${first.sheet}”相同，但内容不同（本表${money(f)}、${lead(f)}；“${first.sheet}”${money(first)}、${lead(first)}），应是两个项目`,
      }),
    );
  }
  return out;
}
