import type { Sheet } from './model/sheet';
import type { NumberCell, TextCell } from './model/table';
import { parseNumberText } from './text';

// Sheets on which readNumber has read a number from text. The number-as-text check walks a table
// looking for such numbers; on the sheets where none was read (nearly every large ledger) it has
// nothing to look for, and walking 100,000 entries cost a tenth of the analysis.
const sheetsWithTextNumbers = new WeakSet<Sheet>();

/** Whether any number on `sheet` has been read from text so far (see readNumber). */
export function hasReadTextNumbers(sheet: Sheet): boolean {
  return sheetsWithTextNumbers.has(sheet);
}

/**
 * Reads a number the way a person reads the cell: a number, or text that plainly is one
 * (`98.82%`, `3,180.30`, `２.96分`). Placeholders (`—`, `/`, `无`) and prose are not numbers.
 */
export function readNumber(sheet: Sheet, row: number, col: number): NumberCell | undefined {
  const v = sheet.value(row, col);
  if (v.kind === 'number') {
    const n: { value: number; cell: string; numFmt?: string; formula?: string } = {
      value: v.value,
      cell: sheet.addr(row, col),
    };
    const numFmt = sheet.numFmt(row, col);
    const formula = sheet.formula(row, col);
    if (numFmt) n.numFmt = numFmt;
    if (formula) n.formula = formula;
    return n;
  }
  if (v.kind === 'string') {
    const n = parseNumberText(v.value);
    if (!n) return undefined;
    sheetsWithTextNumbers.add(sheet);
    return {
      value: n.value,
      cell: sheet.addr(row, col),
      fromText: true,
      numFmt: n.percent ? `0.${'0'.repeat(Math.max(0, n.decimals - 2))}%`.replace('0.%', '0%') : sheet.numFmt(row, col),
    };
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
