import { D, fmt, fmtPercent } from '../decimal';
import { scoreAgrees } from '../grading';
import { finding, type Finding } from '../findings';
import { qualify } from '../model/address';
import type { Sheet, Workbook } from '../model/sheet';
import type { Check } from '../pipeline';
import type { Settings } from '../settings';
import type { Table } from '../tables';
import { normalizeLabel, toHalfWidth } from '../text';
import { leavesOf } from '../indicator/tree';
import type { IndicatorNode, IndicatorTable } from '../indicator/types';
import { reachable, ruleMaxPoints, unreachableBands } from './evaluate';
import { measuredRates, type MeasuredRate, type RateKey } from './inputs';
import { resolveRules, ruleByLeaf, type ResolvedRule } from './resolve';
import { scoreCells } from './scoreCells';
import { computeCell } from './compute';
import { formatNotation } from './notation';
import { readingOf } from './families';

const isIndicator = (t: Table): t is IndicatorTable => t.kind === 'indicator';

/** The full mark a rule names: `指标满分值2分`, `满分3分`, `得分不超过2分` (for texts no family fits). */
export function ruleFullMark(text: string): number | undefined {
  const s = toHalfWidth(text);
  const m = /满分值?\s*(\d+(?:\.\d+)?)\s*分/.exec(s) ?? /得分不(?:超过|高于)\s*(\d+(?:\.\d+)?)\s*分/.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** The numbers a rule text states, in order: what makes two wordings of a rule the same rule. */
export function ruleNumbers(text: string): string[] {
  return [...toHalfWidth(text).matchAll(/\d+(?:\.\d+)?/g)].map((m) => D(m[0]).toString());
}

function names(leaves: readonly IndicatorNode[]): string {
  return leaves.length > 2
    ? `${leaves[0].name} … ${leaves[leaves.length - 1].name}（${leaves.length} 项）`
    : leaves.map((l) => l.name).join('、');
}

function unparsedFindings(t: IndicatorTable, resolved: readonly ResolvedRule[]): Finding[] {
  return resolved
    .filter((r) => r.unparsed)
    .map((r) =>
      finding({
        code: 'rule-unparsed',
        sheet: t.sheet,
        cell: r.cell,
        message:
          r.source === 'text'
            ? `${names(r.leaves)}：评价标准未能识别为计分规则（${r.unparsed}），得分需人工核对；可在“规则”列或设置中用简写指定，如 ratio:3、levels:1/0.5/0、threshold:1/1%@100%`
            : `${names(r.leaves)}：${r.unparsed}`,
      }),
    );
}

function weightMismatches(t: IndicatorTable, resolved: readonly ResolvedRule[]): Finding[] {
  const out: Finding[] = [];
  for (const r of resolved) {
    const mark = r.rule ? ruleMaxPoints(r.rule) : ruleFullMark(r.text);
    if (mark === undefined) continue;
    const weighted = r.leaves.filter((l) => l.weight);
    // A rule written once for a whole block may name the block's total (Σ of its leaves).
    const total = weighted.reduce((s, l) => s.plus(l.weight!.value), D(0));
    if (weighted.length > 1 && total.equals(mark)) continue;
    const off = weighted.filter((l) => !D(l.weight!.value).equals(D(mark)));
    if (off.length === 0) continue;
    const what =
      r.rule?.kind === 'composite'
        ? `各分项合计 ${r.rule.parts.map((p) => fmt(p.points)).join(' + ')} = ${fmt(mark)} 分`
        : `满分值 ${fmt(mark)} 分`;
    out.push(
      finding({
        code: 'rule-weight-mismatch',
        sheet: t.sheet,
        cell: r.cell,
        related: off.map((l) => l.weight!.cell),
        message: `评价标准写明${what}，但指标分值为 ${[...new Set(off.map((l) => fmt(l.weight!.value)))].join('/')} 分（${names(off)}）`,
        expected: off[0].weight!.value,
        actual: mark,
        ...(r.rule ? { ruleReading: readingOf(r.rule, off[0].weight!.value) } : {}),
      }),
    );
  }
  return out;
}

function unreachableBandFindings(t: IndicatorTable, resolved: readonly ResolvedRule[]): Finding[] {
  const out: Finding[] = [];
  for (const r of resolved) {
    if (!r.rule || r.rule.kind !== 'bands') continue;
    const dead = unreachableBands(r.rule);
    if (dead.length === 0) continue;
    const absNote = r.rule.abs ? '；且按绝对值 |Y| 分档，超支（节约率为负）与同等幅度的节约得分相同' : '';
    out.push(
      finding({
        code: 'rule-unreachable-band',
        sheet: t.sheet,
        cell: r.cell,
        message: `${names(r.leaves)}：评分档“${dead.map((b) => b.text).join('；')}”永远不会出现${r.rule.abs ? '（绝对值不小于 0）' : ''}${absNote}`,
        ruleReading: readingOf(r.rule),
      }),
    );
  }
  return out;
}

/** 得分 cells against their rule: reachable at all, and equal to the score computed from the workbook. */
function scoreMismatches(
  sheet: Sheet,
  t: IndicatorTable,
  resolved: readonly ResolvedRule[],
  rates: ReadonlyMap<RateKey, MeasuredRate>,
  settings: Settings,
): Finding[] {
  const byLeaf = ruleByLeaf(resolved);
  const out: Finding[] = [];
  for (const sc of scoreCells(sheet, t)) {
    if (!sc.score) continue;
    const rules = new Set(sc.leaves.map((l) => byLeaf.get(l)));
    if (rules.size !== 1) continue;
    const r = [...rules][0];
    if (!r?.rule) continue;
    const proportional = ['ratio', 'deduct-per-pct', 'satisfaction', 'discretionary'].includes(r.rule.kind);
    if (sc.leaves.length > 1 && !proportional) continue;
    const recorded = sc.score.value;
    const computed = computeCell(sc, r, rates, settings.scorePlaces);
    if (computed) {
      if (!scoreAgrees(recorded, computed.exact, settings)) {
        out.push(
          finding({
            code: 'rule-score-mismatch',
            sheet: t.sheet,
            cell: sc.cell,
            related: [r.cell, ...computed.rate.cells],
            message: `${names(sc.leaves)}：${computed.rate.key} ${fmtPercent(computed.rate.value)}（${computed.rate.how}），按评价标准应得 ${fmt(computed.rounded)} 分，表中为 ${fmt(recorded)} 分`,
            expected: Number(computed.rounded),
            actual: recorded,
            ruleReading: readingOf(r.rule, sc.weight),
          }),
        );
      }
      continue;
    }
    const reach = reachable(r.rule, sc.weight, recorded);
    if (reach && !reach.ok) {
      out.push(
        finding({
          code: 'rule-score-mismatch',
          sheet: t.sheet,
          cell: sc.cell,
          related: [r.cell],
          message: `${names(sc.leaves)}：${reach.why}（规则 ${formatNotation(r.rule)}）`,
          actual: recorded,
          ruleReading: readingOf(r.rule, sc.weight),
        }),
      );
    }
  }
  return out;
}

const CN: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

/**
 * Judgement calls, reported as info: the 标杆值 says one thing and the rule pays full marks at
 * another (政府采购执行率 100% vs 达95%), a benchmark that itself earns half marks (三公经费 无变动),
 * and an explanation that averages fewer checkpoints than it defines.
 */
function benchmarkConflicts(sheet: Sheet, t: IndicatorTable, resolved: readonly ResolvedRule[]): Finding[] {
  const out: Finding[] = [];
  for (const r of resolved) {
    if (!r.rule || r.leaves.length !== 1) continue;
    const leaf = r.leaves[0];
    const b = leaf.benchmark;
    if (!b) continue;
    const full =
      r.rule.kind === 'deduct-per-pct' && !r.rule.fromBenchmark
        ? r.rule.threshold
        : r.rule.kind === 'satisfaction'
          ? r.rule.fullAt
          : undefined;
    // Only a benchmark shown as a percentage is a rate to compare with (6, 60 are target counts).
    const isRate = 'value' in b && /%/.test(b.numFmt ?? '');
    if (isRate && full !== undefined && !D(b.value).equals(D(full))) {
      out.push(
        finding({
          code: 'rule-text-conflict',
          severity: 'info',
          sheet: t.sheet,
          cell: r.cell,
          related: [b.cell],
          message: `${leaf.name}：标杆值 ${fmtPercent(b.value)}（${b.cell}），评分标准却在达到 ${fmtPercent(full)} 时即给满分`,
        }),
      );
    }
    if (r.rule.kind === 'comparison' && 'text' in b && /无变动|持平|不变|相等|等于/.test(b.text)) {
      out.push(
        finding({
          code: 'rule-text-conflict',
          severity: 'info',
          sheet: t.sheet,
          cell: b.cell,
          related: [r.cell],
          message: `${leaf.name}：标杆值“${b.text}”按评分标准只得 ${fmt(r.rule.equal)} 分（低于上年才得 ${fmt(r.rule.less)} 分），达到标杆值却拿不到满分`,
        }),
      );
    }
  }
  const explainCol = t.cols.explain;
  if (explainCol !== undefined) {
    for (const leaf of t.roots.flatMap(leavesOf)) {
      const text = toHalfWidth(sheet.text(leaf.top, explainCol));
      const months = new Set([...text.matchAll(/(\d{1,2})月底/g)].map((m) => m[1]));
      const avg = /取([一二两三四五六]|\d)个月份?的?平均值/.exec(text);
      if (!avg || months.size === 0) continue;
      const n = CN[avg[1]] ?? Number(avg[1]);
      if (n === months.size) continue;
      out.push(
        finding({
          code: 'rule-text-conflict',
          severity: 'info',
          sheet: t.sheet,
          cell: sheet.addr(leaf.top, explainCol),
          message: `${leaf.name}：指标解释列出 ${months.size} 个时点（${[...months].map((m) => `${m}月底`).join('、')}），却说取 ${n} 个月份的平均值`,
        }),
      );
    }
  }
  return out;
}

/** A checklist rule whose text lists a different number of items (①…) than it divides the weight into. */
function checklistCounts(t: IndicatorTable, resolved: readonly ResolvedRule[]): Finding[] {
  return resolved
    .filter((r) => r.rule?.kind === 'checklist' && r.rule.listed !== undefined && r.rule.listed !== r.rule.items)
    .map((r) => {
      const rule = r.rule as { items: number; listed: number };
      return finding({
        code: 'rule-text-conflict',
        sheet: t.sheet,
        cell: r.cell,
        message: `${names(r.leaves)}：评分标准列出 ${rule.listed} 项，却写“${rule.items}项各占1/${rule.items}权重分”`,
      });
    });
}

function pathKey(n: IndicatorNode): string {
  return n.path
    .split('/')
    .map((p) => normalizeLabel(p))
    .join('/');
}

/** The same indicator's rule in two tables of one workbook (附件3 vs 附件4) with different numbers. */
function textConflicts(a: IndicatorTable, b: IndicatorTable, skip: ReadonlySet<string>): Finding[] {
  const byPath = new Map(a.roots.flatMap(leavesOf).map((l) => [pathKey(l), l] as const));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const leaf of b.roots.flatMap(leavesOf)) {
    const other = byPath.get(pathKey(leaf));
    if (!other?.rule || !leaf.rule || seen.has(leaf.rule.cell)) continue;
    seen.add(leaf.rule.cell);
    if (skip.has(`${b.sheet}!${leaf.rule.cell}`) || skip.has(`${a.sheet}!${other.rule.cell}`)) continue;
    const x = ruleNumbers(other.rule.text);
    const y = ruleNumbers(leaf.rule.text);
    if (x.join(',') === y.join(',')) continue;
    const diff = y
      .map((v, i) => (v !== x[i] ? `${x[i] ?? '—'} → ${v}` : ''))
      .filter(Boolean)
      .join('，');
    out.push(
      finding({
        code: 'rule-text-conflict',
        sheet: b.sheet,
        cell: leaf.rule.cell,
        related: [qualify(a.sheet, other.rule.cell)],
        message: `${leaf.name}：${b.sheet}的评价标准与${a.sheet}（${other.rule.cell}）数字不同（${diff}），两处规则不一致，得分应按哪一个？`,
      }),
    );
  }
  return out;
}

export function ruleFindings(workbook: Workbook, tables: readonly Table[], settings: Settings): Finding[] {
  const indicators = tables.filter(isIndicator);
  const rates = measuredRates(workbook, tables);
  const own: Finding[] = [];
  for (const t of indicators) {
    const sheet = workbook.sheet(t.sheet);
    if (!sheet) continue;
    const resolved = resolveRules(workbook, t, settings);
    own.push(
      ...unparsedFindings(t, resolved),
      ...weightMismatches(t, resolved),
      ...unreachableBandFindings(t, resolved),
      ...checklistCounts(t, resolved),
      ...benchmarkConflicts(sheet, t, resolved),
      ...scoreMismatches(sheet, t, resolved, rates, settings),
    );
  }
  // A rule whose full mark is already reported against the weight is not reported again as a conflict.
  const skip = new Set(own.filter((f) => f.code === 'rule-weight-mismatch').map((f) => `${f.sheet}!${f.cell}`));
  const conflicts: Finding[] = [];
  for (let i = 0; i < indicators.length; i++)
    for (let j = i + 1; j < indicators.length; j++)
      conflicts.push(...textConflicts(indicators[i], indicators[j], skip));
  return [...own, ...conflicts];
}

export const ruleTextCheck: Check = {
  name: 'rules',
  run: (ctx) => ruleFindings(ctx.workbook, ctx.tables, ctx.settings),
};
