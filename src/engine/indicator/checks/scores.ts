import { D, fmt, fmtPercent, sum, type Dec } from '../../decimal';
import { finding, type Finding } from '../../findings';
import type { Settings } from '../../settings';
import type { NumberCell } from '../../model/table';
import type { IndicatorNode, IndicatorTable, ScoreBlock } from '../types';
import { walk } from '../tree';
import { parseA1, toA1 } from '../../model/address';
import { pointsOf } from '../points';
import { rateAgrees } from '../../grading';
import { gradeFinding } from './grade';
import { printedSumFinding } from './sums';

export function nodeWithSpan(t: IndicatorTable, top: number, bottom: number): IndicatorNode | undefined {
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

export function checkScores(t: IndicatorTable, leaves: IndicatorNode[], settings: Settings): Finding[] {
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
      out.push(
        finding({ code: 'missing-score', sheet, cell: empty, related: [b.weightCell], message: `${label}：得分为空` }),
      );
    if (b.scores.length === 0) continue;
    for (const s of b.scores)
      if (s.value < 0)
        out.push(
          finding({
            code: 'score-out-of-range',
            sheet,
            cell: s.cell,
            message: `${label}：得分 ${fmt(s.value)} 小于 0`,
            actual: s.value,
            expected: 0,
          }),
        );
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
      const where =
        b.leaves.find((l) => l.score && l.weight && D(l.score.value).lessThan(D(l.weight.value)))?.score ?? b.scores[0];
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
      const f = printedSumFinding({
        code: 'subtotal-mismatch',
        sheet,
        printed: n.score,
        parts: childScores,
        related: n.children.map((c) => c.score?.cell ?? c.nameCell),
        message: (sum) => `${n.name}：得分 ${fmt(n.score!.value)} ≠ 下级指标得分之和 ${fmt(sum)}`,
      });
      if (f) out.push(f);
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
      const f = printedSumFinding({
        code: 'total-mismatch',
        sheet,
        printed: t.total.score,
        parts: [total],
        related: scoreCells.map((s) => s.cell),
        message: (sum) => `合计得分 ${fmt(t.total!.score!.value)} ≠ 各项得分之和 ${fmt(sum)}`,
      });
      if (f) out.push(f);
    }
    const g = gradeFinding(sheet, t.total.grade, t.total.score, pointsOf(t), settings);
    if (g) out.push(g);
  } else {
    const f = emptyTotal(t, blocks);
    if (f) out.push(f);
  }
  return out;
}

/**
 * A 合计 row that prints its 分值 but leaves its 得分 empty while every indicator above it is scored:
 * the total the form asks for is missing (a sheet saved without its formulas, or a total not typed in).
 * A warning, not an error: the figure may be meant to come from a formula; `score` fills it in.
 */
function emptyTotal(t: IndicatorTable, blocks: readonly ScoreBlock[]): Finding | undefined {
  const scoreCol = t.cols.score;
  if (!t.total?.weight || scoreCol === undefined || blocks.length === 0) return undefined;
  if (blocks.some((b) => b.scores.length === 0 || b.emptyScoreCells.length > 0)) return undefined;
  const scoreCells = blocks.flatMap((b) => b.scores);
  const total = sum(scoreCells.map((s) => s.value));
  const cell = toA1(parseA1(t.total.labelCell).row, scoreCol);
  return finding({
    code: 'total-mismatch',
    severity: 'warning',
    sheet: t.sheet,
    cell,
    related: scoreCells.map((s) => s.cell),
    message: `合计得分未填写，各项得分之和为 ${fmt(total)}`,
    expected: total.toNumber(),
  });
}

function scoreOf(n: IndicatorNode): Dec | undefined {
  if (n.score) return D(n.score.value);
  if (n.children.length === 0) return undefined;
  const s = n.children.map(scoreOf);
  return s.every((x): x is Dec => x !== undefined) ? sum(s) : undefined;
}

export function rateFinding(
  sheet: string,
  label: string,
  rate: NumberCell,
  score: NumberCell,
  weight: number,
  extra = '',
): Finding | undefined {
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
