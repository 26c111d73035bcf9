import { D } from '../decimal';
import type { Sheet } from '../model/sheet';
import { readNumber } from '../cells';
import { leavesOf } from '../indicator/tree';
import type { IndicatorNode, IndicatorTable } from '../indicator/types';
import type { NumberCell } from '../model/table';

/**
 * One 得分 cell and the leaves it scores: usually one leaf (H16 预算执行率), sometimes a merged cell
 * over a whole 分值 block (H25:H32 for the eight 实际完成率 leaves, weight G25:G32 = 12).
 */
export interface ScoreCell {
  readonly cell: string;
  readonly row: number;
  readonly score?: NumberCell;
  /** True when the cell holds nothing at all (text would make it not empty, but not a number either). */
  readonly empty: boolean;
  readonly leaves: IndicatorNode[];
  /** The weight the cell is scored against: its block's 分值 when it covers the block, else Σ leaf weights. */
  readonly weight?: number;
  /** Where that weight is written, when one cell holds it (for `=H12/G12`). */
  readonly weightCell?: string;
}

export function scoreCells(sheet: Sheet, t: IndicatorTable): ScoreCell[] {
  const col = t.cols.score;
  if (col === undefined) return [];
  const byCell = new Map<string, { row: number; leaves: IndicatorNode[] }>();
  for (const leaf of t.roots.flatMap(leavesOf)) {
    const cell = sheet.addr(leaf.top, col);
    const at = sheet.master(leaf.top, col);
    const g = byCell.get(cell) ?? { row: at.row, leaves: [] };
    g.leaves.push(leaf);
    byCell.set(cell, g);
  }
  const out: ScoreCell[] = [];
  const blockAt = new Map<string, (typeof t.blocks)[number]>();
  for (const b of t.blocks) if (!blockAt.has(`${b.top}:${b.bottom}`)) blockAt.set(`${b.top}:${b.bottom}`, b);
  for (const [cell, g] of byCell) {
    const m = sheet.mergeOf(g.row, col);
    const top = m ? m.top : g.row;
    const bottom = m ? m.bottom : g.row;
    const block = blockAt.get(`${top}:${bottom}`);
    let weight: number | undefined;
    let weightCell: string | undefined;
    if (block?.weight) {
      weight = block.weight.value;
      weightCell = block.weight.cell;
    } else if (g.leaves.every((l) => l.weight)) {
      weight = Number(g.leaves.reduce((s, l) => s.plus(l.weight!.value), D(0)));
      if (g.leaves.length === 1 && g.leaves[0].weight!.source === 'column') weightCell = g.leaves[0].weight!.cell;
    }
    const score = readNumber(sheet, g.row, col);
    out.push({
      cell,
      row: g.row,
      ...(score ? { score } : {}),
      empty: !sheet.text(g.row, col).trim(),
      leaves: g.leaves,
      ...(weight !== undefined ? { weight } : {}),
      ...(weightCell ? { weightCell } : {}),
    });
  }
  return out;
}
