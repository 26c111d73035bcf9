import { D, fmt, fmtPercent, sum, type Dec } from '../decimal';
import { gradeMatches, gradeOf, rateAgrees } from '../grading';
import { finding, type Finding } from '../findings';
import { qualify } from '../model/address';
import type { Check, CheckContext } from '../pipeline';
import type { Settings } from '../settings';
import type { NumberCell, Table } from '../tables';
import { normalizeLabel } from '../text';
import type { IndicatorNode, IndicatorTable, ScoreBlock, SummaryItem, SummaryTable } from './types';
import { leavesOf, walk } from './tree';
import { pointsOf } from './points';

const isIndicator = (t: Table): t is IndicatorTable => t.kind === 'indicator';
const isSummary = (t: Table): t is SummaryTable => t.kind === 'score-summary';

export const indicatorStructureCheck: Check = {
  name: 'indicator-structure',
  run: (ctx) => ctx.tables.filter(isIndicator).flatMap((t) => checkIndicatorTable(t, ctx.settings)),
};

export const summaryCheck: Check = {
  name: 'score-summary',
  run: (ctx) => ctx.tables.filter(isSummary).flatMap((s) => checkSummary(s, ctx)),
};

/** Weight of a node: its own, or the sum of its children's when every child has one. */
export function effectiveWeight(n: IndicatorNode): Dec | undefined {
  if (n.weight) return D(n.weight.value);
  if (n.children.length === 0) return undefined;
  const ws = n.children.map(effectiveWeight);
  return ws.every((w): w is Dec => w !== undefined) ? sum(ws) : undefined;
}

function listWeights(children: readonly IndicatorNode[]): string {
  return children.map((c) => `${c.name} ${c.weight ? fmt(c.weight.value) : fmt(effectiveWeight(c) ?? 0)}`).join(' + ');
}

export function checkIndicatorTable(t: IndicatorTable, settings: Settings): Finding[] {
  const out: Finding[] = [];
  const sheet = t.sheet;

  // Weights add up at every level.
  for (const root of t.roots)
    walk(root, (n) => {
      if (!n.weight || n.children.length === 0) return;
      const childWeights = n.children.map(effectiveWeight);
      if (!childWeights.every((w): w is Dec => w !== undefined)) return;
      const total = sum(childWeights);
      if (!total.equals(D(n.weight.value)))
        out.push(
          finding({
            code: 'weight-sum',
            sheet,
            cell: n.weight.cell,
            related: n.children.map((c) => c.weight?.cell ?? c.nameCell),
            message: `${n.name}：分值 ${fmt(n.weight.value)} ≠ 下级指标分值之和 ${fmt(total)}（${listWeights(n.children)}）`,
            expected: total.toNumber(),
            actual: n.weight.value,
          }),
        );
      if (n.nameWeight !== undefined && n.nameWeight !== n.weight.value)
        out.push(
          finding({
            code: 'weight-sum',
            sheet,
            cell: n.weight.cell,
            related: [n.nameCell],
            message: `${n.name}：分值列 ${fmt(n.weight.value)} 与名称中的分值 ${fmt(n.nameWeight)} 不一致`,
            expected: n.nameWeight,
            actual: n.weight.value,
          }),
        );
    });

  const leaves = t.roots.flatMap(leavesOf);
  // A 分值 cell merged over several leaves must equal their weights' sum when the leaves carry weights.
  for (const b of t.blocks) {
    if (!b.weight || b.leaves.length < 2) continue;
    if (nodeWithSpan(t, b.top, b.bottom)) continue; // checked above as that node's weight
    const ws = b.leaves.map((l) => (l.weight?.source === 'name' ? D(l.weight.value) : undefined));
    if (!ws.every((w): w is Dec => w !== undefined)) continue;
    const total = sum(ws);
    if (!total.equals(D(b.weight.value)))
      out.push(
        finding({
          code: 'weight-sum',
          sheet,
          cell: b.weight.cell,
          related: b.leaves.map((l) => l.nameCell),
          message: `${b.leaves.map((l) => l.name).join('、')}：合并的分值 ${fmt(b.weight.value)} ≠ 各指标分值之和 ${fmt(total)}`,
          expected: total.toNumber(),
          actual: b.weight.value,
        }),
      );
  }

  // Top-level weights against the declared total (100 unless the header says e.g. 分值（70分）).
  const rootWeights = t.roots.map(effectiveWeight);
  if (t.roots.length >= 2 && rootWeights.every((w): w is Dec => w !== undefined)) {
    const declared = pointsOf(t);
    const total = sum(rootWeights);
    if (!total.equals(D(declared))) {
      const cell = t.total?.weight?.cell ?? t.declaredTotal?.cell ?? t.roots[0].weight?.cell ?? t.roots[0].nameCell;
      out.push(
        finding({
          code: 'total-weight',
          sheet,
          cell,
          related: t.roots.map((r) => r.weight?.cell ?? r.nameCell),
          message: `一级指标分值之和 ${fmt(total)}（${listWeights(t.roots)}）≠ 总分 ${fmt(declared)}`,
          expected: declared,
          actual: total.toNumber(),
        }),
      );
    }
  }
  // The printed 合计 分值 against the weight cells it totals (each merged block once).
  if (t.total?.weight && t.blocks.length > 0) {
    const ws = t.blocks.map((b) => b.weight).filter((w): w is NumberCell => w !== undefined);
    const total = sum(ws.map((w) => w.value));
    if (!total.equals(D(t.total.weight.value)))
      out.push(
        finding({
          code: 'total-weight',
          sheet,
          cell: t.total.weight.cell,
          related: ws.map((w) => w.cell),
          message: `合计分值 ${fmt(t.total.weight.value)} ≠ 各项分值之和 ${fmt(total)}`,
          expected: total.toNumber(),
          actual: t.total.weight.value,
        }),
      );
  }

  for (const leaf of leaves) {
    const inWeightedBlock = t.blocks.some((b) => b.weight && leaf.top >= b.top && leaf.top <= b.bottom);
    if (!leaf.weight && !inWeightedBlock && !ancestorHasBlockWeight(t, leaf))
      out.push(finding({ code: 'missing-weight', sheet, cell: leaf.nameCell, message: `${leaf.name}：未找到分值（既无分值列，名称中也未注明）` }));
  }

  // Duplicate names under one parent.
  const checkSiblings = (siblings: readonly IndicatorNode[], parentName: string) => {
    const seen = new Map<string, IndicatorNode>();
    for (const s of siblings) {
      const k = normalizeLabel(s.name);
      const first = seen.get(k);
      if (first)
        out.push(
          finding({
            code: 'duplicate-indicator',
            sheet,
            cell: s.nameCell,
            related: [first.nameCell],
            message: `${parentName ? `${parentName}下` : ''}指标“${s.name}”重复出现（另见 ${first.nameCell}）`,
          }),
        );
      else seen.set(k, s);
    }
  };
  checkSiblings(t.roots, '');
  for (const root of t.roots) walk(root, (n) => n.children.length > 1 && checkSiblings(n.children, n.name));

  if (t.hasScores) out.push(...checkScores(t, leaves, settings));
  return out;
}

function ancestorHasBlockWeight(t: IndicatorTable, leaf: IndicatorNode): boolean {
  let found = false;
  for (const root of t.roots)
    walk(root, (n) => {
      if (n.weight && n.top <= leaf.top && leaf.bottom <= n.bottom && leavesOf(n).length === 1) found = true;
    });
  return found;
}

/** The first node (walking down the tree) spanning exactly top..bottom with a weight of its own column cell. */
function nodeWithSpan(t: IndicatorTable, top: number, bottom: number): IndicatorNode | undefined {
  return spanIndex(t).columnWeighted.get(spanKey(top, bottom));
}

const spanKey = (top: number, bottom: number) => `${top}:${bottom}`;

interface SpanIndex {
  /** The deepest node spanning exactly those rows: the last one met walking down the tree. */
  readonly deepest: Map<string, IndicatorNode>;
  /** The first node met spanning those rows whose weight is a cell of the 分值 column. */
  readonly columnWeighted: Map<string, IndicatorNode>;
}
const spanIndexes = new WeakMap<IndicatorTable, SpanIndex>();

/** Nodes by the rows they span, built once per table: walking the tree for every block was quadratic. */
function spanIndex(t: IndicatorTable): SpanIndex {
  let index = spanIndexes.get(t);
  if (!index) {
    const built: SpanIndex = { deepest: new Map(), columnWeighted: new Map() };
    for (const root of t.roots)
      walk(root, (n) => {
        const key = spanKey(n.top, n.bottom);
        built.deepest.set(key, n);
        if (n.weight?.source === 'column' && !built.columnWeighted.has(key)) built.columnWeighted.set(key, n);
      });
    spanIndexes.set(t, (index = built));
  }
  return index;
}

/** A block's label for messages: its single leaf, or the node spanning it, or its leaves. */
function blockLabel(t: IndicatorTable, b: ScoreBlock): string {
  // The deepest node spanning the block names it best (a 四级 rather than the 一级 above it).
  const spanning = spanIndex(t).deepest.get(spanKey(b.top, b.bottom));
  if (spanning) return spanning.name;
  if (b.leaves.length === 1) return b.leaves[0].name;
  return b.leaves.map((l) => l.name).join('、');
}

const DEDUCTION = /扣(?:除)?\s*(\d+(?:\.\d+)?)\s*分/g;

/** Points a note says were deducted (`扣0.04分`, `扣1分`), summed; undefined when it names no amount. */
export function deductionInNote(text: string): Dec | undefined {
  const amounts = [...text.matchAll(DEDUCTION)].map((m) => D(m[1]));
  return amounts.length ? sum(amounts) : undefined;
}

function checkScores(t: IndicatorTable, leaves: IndicatorNode[], settings: Settings): Finding[] {
  const out: Finding[] = [];
  const sheet = t.sheet;
  const blocks: ScoreBlock[] =
    t.blocks.length > 0
      ? t.blocks
      : // No weight column: each leaf is its own block, weighted by its name.
        leaves.map((l) => ({
          top: l.top,
          bottom: l.bottom,
          ...(l.weight ? { weight: l.weight } : {}),
          weightCell: l.weight?.cell ?? l.nameCell,
          scores: l.score ? [l.score] : [],
          emptyScoreCells: l.scoreCellEmpty ? [l.scoreCellEmpty] : [],
          notes: l.note ? [l.note] : [],
          ...(l.noteCell ? { noteCell: l.noteCell } : {}),
          leaves: [l],
        }));

  for (const b of blocks) {
    const label = blockLabel(t, b);
    for (const empty of b.emptyScoreCells)
      out.push(finding({ code: 'missing-score', sheet, cell: empty, related: [b.weightCell], message: `${label}：得分为空` }));
    if (b.scores.length === 0) continue;
    for (const s of b.scores)
      if (s.value < 0)
        out.push(finding({ code: 'score-out-of-range', sheet, cell: s.cell, message: `${label}：得分 ${fmt(s.value)} 小于 0`, actual: s.value, expected: 0 }));
    if (!b.weight) continue;
    const scored = sum(b.scores.map((s) => s.value));
    const weight = D(b.weight.value);
    // A leaf with its own weight and score is checked on its own; the block as a whole otherwise.
    const overLeaf = b.leaves.find((l) => l.score && l.weight && D(l.score.value).greaterThan(D(l.weight.value)));
    if (overLeaf?.score && overLeaf.weight)
      out.push(
        finding({
          code: 'score-out-of-range',
          sheet,
          cell: overLeaf.score.cell,
          related: [overLeaf.weight.cell],
          message: `${overLeaf.name}：得分 ${fmt(overLeaf.score.value)} 超过分值 ${fmt(overLeaf.weight.value)}`,
          expected: overLeaf.weight.value,
          actual: overLeaf.score.value,
        }),
      );
    else if (scored.greaterThan(weight))
      out.push(
        finding({
          code: 'score-out-of-range',
          sheet,
          cell: b.scores[0].cell,
          related: [b.weightCell, ...b.scores.map((s) => s.cell)],
          message: `${label}：得分 ${fmt(scored)} 超过分值 ${fmt(weight)}`,
          expected: weight.toNumber(),
          actual: scored.toNumber(),
        }),
      );
    const lost = weight.minus(scored);
    if (lost.greaterThan(0) && b.notes.length === 0 && (b.noteCell || t.cols.note !== undefined)) {
      const where = b.leaves.find((l) => l.score && l.weight && D(l.score.value).lessThan(D(l.weight.value)))?.score ?? b.scores[0];
      out.push(
        finding({
          code: 'deduction-unexplained',
          sheet,
          cell: where.cell,
          related: [b.weightCell, ...(b.noteCell ? [b.noteCell] : [])],
          message: `${label}：得分 ${fmt(scored)} < 分值 ${fmt(weight)}（扣 ${fmt(lost)} 分），扣分说明为空`,
          expected: weight.toNumber(),
          actual: scored.toNumber(),
        }),
      );
    }
    for (const note of b.notes) {
      const said = deductionInNote(note.text);
      if (said === undefined || said.equals(lost)) continue;
      out.push(
        finding({
          code: 'deduction-note-mismatch',
          sheet,
          cell: note.cell,
          related: [b.weightCell, ...b.scores.map((s) => s.cell)],
          message: `${label}：扣分说明称扣 ${fmt(said)} 分，但分值 ${fmt(weight)} − 得分 ${fmt(scored)} = ${fmt(lost)}`,
          expected: lost.toNumber(),
          actual: said.toNumber(),
        }),
      );
    }
  }

  // A parent that prints its own 得分 over children that have theirs.
  for (const root of t.roots)
    walk(root, (n) => {
      if (!n.score || n.children.length === 0) return;
      const childScores = n.children.map(scoreOf);
      if (!childScores.every((s): s is Dec => s !== undefined)) return;
      const total = sum(childScores);
      if (!total.equals(D(n.score.value)))
        out.push(
          finding({
            code: 'subtotal-mismatch',
            sheet,
            cell: n.score.cell,
            related: n.children.map((c) => c.score?.cell ?? c.nameCell),
            message: `${n.name}：得分 ${fmt(n.score.value)} ≠ 下级指标得分之和 ${fmt(total)}`,
            expected: total.toNumber(),
            actual: n.score.value,
          }),
        );
    });

  // 得分率 = 得分 / 分值 on each row that prints one.
  for (const root of t.roots)
    walk(root, (n) => {
      if (!n.rate || !n.score || !n.weight) return;
      const f = rateFinding(sheet, n.name, n.rate, n.score, n.weight.value);
      if (f) out.push(f);
    });

  if (t.total?.score) {
    const scoreCells = blocks.flatMap((b) => b.scores);
    if (scoreCells.length > 0) {
      const total = sum(scoreCells.map((s) => s.value));
      if (!total.equals(D(t.total.score.value)))
        out.push(
          finding({
            code: 'total-mismatch',
            sheet,
            cell: t.total.score.cell,
            related: scoreCells.map((s) => s.cell),
            message: `合计得分 ${fmt(t.total.score.value)} ≠ 各项得分之和 ${fmt(total)}`,
            expected: total.toNumber(),
            actual: t.total.score.value,
          }),
        );
    }
    const g = gradeFinding(sheet, t.total.grade, t.total.score, pointsOf(t), settings);
    if (g) out.push(g);
  }
  return out;
}

function scoreOf(n: IndicatorNode): Dec | undefined {
  if (n.score) return D(n.score.value);
  if (n.children.length === 0) return undefined;
  const s = n.children.map(scoreOf);
  return s.every((x): x is Dec => x !== undefined) ? sum(s) : undefined;
}

function rateFinding(sheet: string, label: string, rate: NumberCell, score: NumberCell, weight: number, extra = ''): Finding | undefined {
  if (rateAgrees(rate, score.value, weight)) return undefined;
  const exact = D(score.value).dividedBy(D(weight));
  return finding({
    code: 'rate-mismatch',
    sheet,
    cell: rate.cell,
    related: [score.cell],
    message: `${label}：得分率 ${fmtPercent(rate.value)} ≠ 得分 ${fmt(score.value)} / 分值 ${fmt(weight)} = ${fmtPercent(exact)}${extra}`,
    expected: exact.toDecimalPlaces(6).toNumber(),
    actual: rate.value,
  });
}

function gradeFinding(sheet: string, grade: { text: string; cell: string } | undefined, score: NumberCell, outOf: number, settings: Settings): Finding | undefined {
  if (!grade) return undefined;
  const expected = gradeOf(score.value, outOf, settings.grades);
  if (gradeMatches(grade.text, expected)) return undefined;
  return finding({
    code: 'grade-mismatch',
    sheet,
    cell: grade.cell,
    related: [score.cell],
    message: `等级“${grade.text}”与总分 ${fmt(score.value)} 不符，按等级标准应为“${expected}”`,
    expected,
    actual: grade.text,
  });
}

// ---------------------------------------------------------------------------------------------
// Summary tables: internal arithmetic, and agreement with the detail table they summarise.

const SYNONYMS: readonly (readonly string[])[] = [
  ['效益', '效果', '绩效', '产出效益'],
  ['决策', '项目决策', '投入'],
  ['过程', '项目过程', '管理'],
  ['产出', '项目产出'],
];

function canonical(label: string): string {
  return normalizeLabel(label).replace(/[（(].*$/, '').replace(/指标$/, '');
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
    const candidate = root ?? (byPos && !used.has(byPos) && item.weight && effectiveWeight(byPos)?.equals(D(item.weight.value)) ? byPos : undefined);
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
    const culprit = explains > 0 ? { sheet, cell: sc.cell, value: corr.value.toNumber(), explains: explains + 1 } : undefined;
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
        const rf = rateFinding(sheet, canonical(item.label.text), item.rate!, sc, item.weight!.value, `；${fmtPercent(item.rate!.value)} 对应得分 ${fmt(corr.value)}，问题在得分 ${sc.cell}`);
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
  if (s.total?.score && printedSum && !printedSum.equals(D(s.total.score.value)) && !reported.has(`total-mismatch:${s.total.score.cell}`))
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

// ---------------------------------------------------------------------------------------------
// Two indicator tables of one workbook (附件3 指标体系 and 附件4 得分表) must give each indicator the
// same weight; a weight changed in one and not the other is a cross-table slip.

export const indicatorPairCheck: Check = {
  name: 'indicator-pairs',
  run: (ctx) => {
    const tables = ctx.tables.filter(isIndicator);
    const out: Finding[] = [];
    for (let i = 0; i < tables.length; i++)
      for (let j = i + 1; j < tables.length; j++) out.push(...compareIndicatorTables(tables[i], tables[j]));
    return out;
  },
};

function pathKey(n: IndicatorNode): string {
  return n.path
    .split('/')
    .map((p) => canonical(p))
    .join('/');
}

function compareIndicatorTables(a: IndicatorTable, b: IndicatorTable): Finding[] {
  const nodesA = new Map<string, IndicatorNode>();
  for (const r of a.roots) walk(r, (n) => nodesA.set(pathKey(n), n));
  const out: Finding[] = [];
  let shared = 0;
  const pending: Finding[] = [];
  for (const r of b.roots)
    walk(r, (n) => {
      const other = nodesA.get(pathKey(n));
      if (!other) return;
      shared++;
      const wa = other.weight?.value;
      const wb = n.weight?.value;
      if (wa === undefined || wb === undefined || D(wa).equals(D(wb))) return;
      pending.push(
        finding({
          code: 'cross-table-mismatch',
          sheet: b.sheet,
          cell: n.weight!.cell,
          related: [qualify(a.sheet, other.weight!.cell)],
          message: `${n.name}：${b.sheet}中分值 ${fmt(wb)} ≠ ${a.sheet}中分值 ${fmt(wa)}`,
          expected: wa,
          actual: wb,
        }),
      );
    });
  // Only tables that describe the same indicator system are compared (most paths shared).
  if (shared >= 3) out.push(...pending);
  return out;
}
