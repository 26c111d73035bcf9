import type { Sheet } from './model/sheet';
import type { NumberCell, TextCell } from './tables';
import { parseNumberText } from './text';

/**
 * Reads a number the way a person reads the cell: a number, or text that plainly is one
 * (`98.82%`, `3,180.30`, `２.96分`). Placeholders (`—`, `/`, `无`) and prose are not numbers.
 */
export function readNumber(sheet: Sheet, row: number, col: number): NumberCell | undefined {
  const v = sheet.value(row, col);
  const at = sheet.master(row, col);
  const cell = sheet.addr(at.row, at.col);
  const numFmt = sheet.numFmt(at.row, at.col);
  const formula = sheet.formula(at.row, at.col);
  if (v.kind === 'number') return { value: v.value, cell, ...(numFmt ? { numFmt } : {}), ...(formula ? { formula } : {}) };
  if (v.kind === 'string') {
    const n = parseNumberText(v.value);
    if (n) return { value: n.value, cell, fromText: true, numFmt: n.percent ? `0.${'0'.repeat(Math.max(0, n.decimals - 2))}%`.replace('0.%', '0%') : numFmt };
  }
  return undefined;
}

export function readText(sheet: Sheet, row: number, col: number): TextCell | undefined {
  const text = sheet.text(row, col).trim();
  if (!text) return undefined;
  return { text, cell: sheet.addr(row, col) };
}

/** True for the placeholders people put in cells that have no value: `—`, `-`, `/`, `无`. */
export function isPlaceholder(text: string): boolean {
  return /^[-—–－/／\\无]+$|^无$|^不适用$/.test(text.trim());
}
