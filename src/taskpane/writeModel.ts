import {
  currentCellsOf,
  planWrites,
  type CellPatch,
  type SkippedPatch,
  type WorkbookInput,
  formatNumber,
} from '../engine';

/** The write preview's helpers (loaded with the 计算并回写 panel, not at first paint). */

export interface WritePreview {
  readonly toWrite: CellPatch[];
  readonly skipped: SkippedPatch[];
  readonly unchanged: CellPatch[];
}

/** The same decision the adapter will make at write time (planWrites), shown before the user confirms. */
export function previewWrites(patches: readonly CellPatch[], input: WorkbookInput, overwrite: boolean): WritePreview {
  return planWrites(patches, currentCellsOf(input), overwrite);
}

export function showValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '（空）';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  return String(v);
}

/** A value as the cell will show it: with the patch's number format (`0.00%` → 94.44%), else as is. */
function shown(v: unknown, numFmt: string | undefined): string {
  return typeof v === 'number' && numFmt ? formatNumber(v, numFmt) : showValue(v);
}

export function patchNew(p: CellPatch): string {
  return p.formula !== undefined
    ? `=${p.formula.replace(/^=/, '')}（${shown(p.value, p.numFmt)}）`
    : shown(p.value, p.numFmt);
}

export function patchOld(p: CellPatch): string {
  return p.oldFormula ? `=${p.oldFormula}（${showValue(p.old)}）` : showValue(p.old);
}

export const PURPOSE_ZH: Record<CellPatch['purpose'], string> = {
  score: '得分',
  rate: '得分率',
  subtotal: '小计',
  total: '合计',
  grade: '等级',
  note: '扣分说明',
  'summary-sheet': '综合评定表',
  'issue-list': '问题清单',
};
