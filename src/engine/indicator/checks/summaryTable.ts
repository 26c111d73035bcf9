import { D, fmt, fmtPercent, sum, type Dec } from '../../decimal';
import { finding, type Finding } from '../../findings';
import { qualify } from '../../model/address';
import type { Check, CheckContext } from '../../pipeline';
import type { Table } from '../../tables';
import type { NumberCell } from '../../model/table';
import { normalizeLabel } from '../../text';
import type { IndicatorNode, IndicatorTable, SummaryItem, SummaryTable } from '../types';
import { walk } from '../tree';
import { gradeFinding } from './grade';
import { rateFinding } from './scores';
import { rateAgrees } from '../../grading';
import { pointsOf } from '../points';
import { effectiveWeight } from './sums';

const isIndicator = (t: Table): t is IndicatorTable => t.kind === 'indicator';
const isSummary = (t: Table): t is SummaryTable => t.kind === 'score-summary';

export const summaryCheck: Check = {
  name: 'score-summary',
  run: (ctx) => ctx.tables.filter(isSummary).flatMap((s) => checkSummary(s, ctx)),
};

// ---------------------------------------------------------------------------------------------
// Summary tables: internal arithmetic, and agreement with the detail table they summarise.

const SYNONYMS: readonly (readonly string[])[] = [
  ['效益', '效果', '绩效', '产出效益'],
  ['决策', '项目决策', '投入'],
  ['过程', '项目过程', '管理'],
  ['产出', '项目产出'],
];

export function canonical(label: string): string {
  return normalizeLabel(label)
    .replace(/[（(].*$/, '')
    .replace(/指标$/, '');
}

function namesMatch(a: string, b: string): 'same' | 'synonym' | undefined {
  const x = canonical(a);
  const y = canonical(b);
  if (x === y || x.endsWith(y) || y.endsWith(x)) return 'same';
  if (SYNONYMS.some((g) => g.includes(x) && g.includes(y))) return 'synonym';
  return undefined;
}

interface Match {
  readonly item: SummaryItem;
  readonly root: IndicatorNode;
  readonly how: 'same' | 'synonym' | 'position';
}

/** Pairs summary items with the detail table's 一级 nodes: by name, synonym, then position and weight. */
function matchItems(s: SummaryTable, detail: IndicatorTable): Match[] {
  const out: Match[] = [];
  const used = new Set<IndicatorNode>();
  for (const item of s.items) {
    const root = detail.roots.find((r) => !used.has(r) && namesMatch(item.label.text, r.name) === 'same');
    if (root) {
      used.add(root);
      out.push({ item, root, how: 'same' });
    }
  }
  for (const item of s.items) {
    if (out.some((m) => m.item === item)) continue;
    const root = detail.roots.find((r) => !used.has(r) && namesMatch(item.label.text, r.name) === 'synonym');
    const idx = s.items.indexOf(item);
    const byPos = detail.roots[idx];
    const candidate =
      root ??
      (byPos && !used.has(byPos) && item.weight && effectiveWeight(byPos)?.equals(D(item.weight.value))
        ? byPos
        : undefined);
    if (candidate) {
      used.add(candidate);
      out.push({ item, root: candidate, how: root ? 'synonym' : 'position' });
    }
  }
  return out;
}

/** Score cells of a detail 一级: each distinct 得分 cell within its rows. */
function detailScores(detail: IndicatorTable, root: IndicatorNode): NumberCell[] {
  if (detail.blocks.length > 0)
    return detail.blocks.filter((b) => b.top >= root.top && b.bottom <= root.bottom).flatMap((b) => b.scores);
  const cells: NumberCell[] = [];
  walk(root, (n) => {
    if (n.score && !cells.some((c) => c.cell === n.score!.cell)) {
      // A parent's own score stands for its children's: count the deepest ones only.
      if (n.children.length === 0 || !n.children.some((c) => c.score)) cells.push(n.score);
    }
  });
  return cells;
}

function pickDetail(s: SummaryTable, tables: readonly Table[]): IndicatorTable | undefined {
  const candidates = tables.filter(isIndicator).filter((t) => t.hasScores);
  let best: IndicatorTable | undefined;
  let bestCount = 0;
  for (const t of candidates) {
    const n = matchItems(s, t).filter((m) => m.how !== 'position').length;
    if (n > bestCount || (n === bestCount && best && t.sheet === s.sheet)) {
      best = t;
      bestCount = n;
    }
  }
  return bestCount >= Math.min(2, s.items.length) ? best : undefined;
}

function checkSummary(s: SummaryTable, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const sheet = s.sheet;
  const detail = pickDetail(s, ctx.tables);
  const matches = detail ? matchItems(s, detail) : [];
  const itemScores = s.items.map((i) => i.score);
  const allScores = itemScores.every((x): x is NumberCell => x !== undefined);
  const printedSum = allScores ? sum(itemScores.map((x) => x!.value)) : undefined;

  // Which items disagree with the detail, and what the detail says they should be.
  const corrections = new Map<SummaryItem, { value: Dec; related: string[]; match: Match }>();
  for (const m of matches) {
    if (!m.item.score || !detail) continue;
    const cells = detailScores(detail, m.root);
    if (cells.length === 0) continue;
    const detailSum = sum(cells.map((c) => c.value));
    if (!detailSum.equals(D(m.item.score.value)))
      corrections.set(m.item, { value: detailSum, related: cells.map((c) => qualify(detail.sheet, c.cell)), match: m });
  }

  for (const [item, corr] of corrections) {
    const sc = item.score!;
    // One wrong cell explains the rest when the detail's figure makes this item's rate and the total agree.
    const rateOk = item.rate && item.weight ? rateAgrees(item.rate, corr.value.toNumber(), item.weight.value) : false;
    const rateWrongNow = item.rate && item.weight ? !rateAgrees(item.rate, sc.value, item.weight.value) : false;
    const totalWithFix = printedSum?.minus(D(sc.value)).plus(corr.value);
    const totalOk = s.total?.score && totalWithFix ? totalWithFix.equals(D(s.total.score.value)) : false;
    const totalWrongNow = s.total?.score && printedSum ? !printedSum.equals(D(s.total.score.value)) : false;
    const explains = (rateOk && rateWrongNow ? 1 : 0) + (totalOk && totalWrongNow ? 1 : 0);
    const culprit =
      explains > 0 ? { sheet, cell: sc.cell, value: corr.value.toNumber(), explains: explains + 1 } : undefined;
    const hint = culprit
      ? `；若此处为 ${fmt(corr.value)}，${[rateOk && rateWrongNow ? `得分率 ${fmtPercent(item.rate!.value)}` : '', totalOk && totalWrongNow ? `合计 ${fmt(s.total!.score!.value)}` : ''].filter(Boolean).join('与')}即相符，可能是此格填错`
      : '';
    const f = finding({
      code: 'subtotal-mismatch',
      sheet,
      cell: sc.cell,
      related: corr.related,
      message: `${canonical(item.label.text)}：${summaryName(s)}得分 ${fmt(sc.value)} ≠ ${detail!.sheet}中“${corr.match.root.name}”各末级指标得分之和 ${fmt(corr.value)}${hint}`,
      expected: corr.value.toNumber(),
      actual: sc.value,
    });
    out.push(culprit ? { ...f, culprit } : f);
    if (culprit) {
      if (rateOk && rateWrongNow) {
        const rf = rateFinding(
          sheet,
          canonical(item.label.text),
          item.rate!,
          sc,
          item.weight!.value,
          `；${fmtPercent(item.rate!.value)} 对应得分 ${fmt(corr.value)}，问题在得分 ${sc.cell}`,
        );
        if (rf) out.push({ ...rf, related: [...rf.related, ...corr.related.slice(0, 0)], culprit });
      }
      if (totalOk && totalWrongNow) {
        const t = s.total!.score!;
        out.push({
          ...finding({
            code: 'total-mismatch',
            sheet,
            cell: t.cell,
            related: itemScores.map((x) => x!.cell),
            message: `合计 ${fmt(t.value)} ≠ 各项得分之和 ${fmt(printedSum!)}；若 ${sc.cell} 为 ${fmt(corr.value)}（${detail!.sheet}之和），合计即相符`,
            expected: printedSum!.toNumber(),
            actual: t.value,
          }),
          culprit,
        });
      }
    }
  }

  for (const m of matches) {
    const rootWeight = effectiveWeight(m.root);
    if (m.item.weight && rootWeight && !rootWeight.equals(D(m.item.weight.value)))
      out.push(
        finding({
          code: 'cross-table-mismatch',
          sheet,
          cell: m.item.weight.cell,
          related: [qualify(detail!.sheet, m.root.weight?.cell ?? m.root.nameCell)],
          message: `${canonical(m.item.label.text)}：${summaryName(s)}分值 ${fmt(m.item.weight.value)} ≠ ${detail!.sheet}中“${m.root.name}”分值 ${fmt(rootWeight)}`,
          expected: rootWeight.toNumber(),
          actual: m.item.weight.value,
        }),
      );
    if (m.how !== 'same')
      out.push(
        finding({
          code: 'label-mismatch',
          sheet,
          cell: m.item.label.cell,
          related: [qualify(detail!.sheet, m.root.nameCell)],
          message: `“${m.item.label.text}”在${detail!.sheet}中对应的一级指标名为“${m.root.name}”（${m.root.nameCell}），名称不一致`,
        }),
      );
  }

  // The summary's own arithmetic (rates, total, grade), where not already explained above.
  const reported = new Set(out.map((f) => `${f.code}:${f.cell}`));
  for (const item of [...s.items, ...(s.total ? [s.total] : [])]) {
    if (!item.rate || !item.score || !item.weight) continue;
    const f = rateFinding(sheet, canonical(item.label.text), item.rate, item.score, item.weight.value);
    if (f && !reported.has(`rate-mismatch:${f.cell}`)) out.push(f);
  }
  if (
    s.total?.score &&
    printedSum &&
    !printedSum.equals(D(s.total.score.value)) &&
    !reported.has(`total-mismatch:${s.total.score.cell}`)
  )
    out.push(
      finding({
        code: 'total-mismatch',
        sheet,
        cell: s.total.score.cell,
        related: itemScores.map((x) => x!.cell),
        message: `${canonical(s.total.label.text)} ${fmt(s.total.score.value)} ≠ 各项得分之和 ${fmt(printedSum)}`,
        expected: printedSum.toNumber(),
        actual: s.total.score.value,
      }),
    );
  const weights = s.items.map((i) => i.weight);
  if (s.total?.weight && weights.every((w): w is NumberCell => w !== undefined)) {
    const total = sum(weights.map((w) => w.value));
    if (!total.equals(D(s.total.weight.value)))
      out.push(
        finding({
          code: 'total-weight',
          sheet,
          cell: s.total.weight.cell,
          related: weights.map((w) => w.cell),
          message: `${canonical(s.total.label.text)}分值 ${fmt(s.total.weight.value)} ≠ 各项分值之和 ${fmt(total)}`,
          expected: total.toNumber(),
          actual: s.total.weight.value,
        }),
      );
  }
  if (s.grade) {
    const score = s.total?.score;
    if (score) {
      const g = gradeFinding(sheet, s.grade, score, pointsOf(s), ctx.settings);
      if (g) out.push(g);
    }
  }
  return out;
}

function summaryName(s: SummaryTable): string {
  const t = s.title ? normalizeLabel(s.title).replace(/^(表|附件)\d+[:：]?/, '') : '';
  return t.includes('综合评定') ? '综合评定' : t ? `${t}中` : '汇总表';
}
