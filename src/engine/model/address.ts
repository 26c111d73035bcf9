/**
 * A1 addresses. Rows and columns are 1-based, as Excel shows them, so that an address in a
 * message, a test and the sheet are the same number.
 */

export interface CellRef {
  readonly row: number;
  readonly col: number;
}

export interface RangeRef {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

// Addresses are built for every cell a detector reads (a ledger: hundreds of thousands); the
// letters of the first columns are computed once.
const LETTERS_CACHED = 702; // A … ZZ
const lettersCache: string[] = [];

export function columnLetters(col: number): string {
  if (col >= 1 && col <= LETTERS_CACHED && Number.isInteger(col)) return (lettersCache[col] ??= lettersOf(col));
  return lettersOf(col);
}

function lettersOf(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

// Detectors address a row's cells one after another: the row's digits are kept for the next call.
let lastRow = 0;
let lastRowDigits = '';

export function toA1(row: number, col: number): string {
  if (row !== lastRow) {
    lastRow = row;
    lastRowDigits = String(row);
  }
  return columnLetters(col) + lastRowDigits;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

export function parseA1(a1: string): CellRef {
  const m = CELL_RE.exec(a1.trim());
  if (!m) throw new Error(`not an A1 address: ${a1}`);
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

export function isA1(a1: string): boolean {
  return CELL_RE.test(a1.trim());
}

export function parseRange(ref: string): RangeRef {
  const [a, b] = ref.split(':');
  const p = parseA1(a);
  const q = b ? parseA1(b) : p;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function rangeToA1(r: RangeRef): string {
  const a = toA1(r.top, r.left);
  const b = toA1(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

export function rangeContains(r: RangeRef, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function rangesOverlap(a: RangeRef, b: RangeRef): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** `Sheet!A1`, quoting the sheet name the way Excel does when it has spaces or punctuation. */
export function qualify(sheet: string, a1: string): string {
  const plain = /^[\p{L}\p{N}_]+$/u.test(sheet);
  return plain ? `${sheet}!${a1}` : `'${sheet.replace(/'/g, "''")}'!${a1}`;
}

/** Orders addresses the way a person reads a sheet: by row, then column. */
export function compareA1(a: string, b: string): number {
  const p = parseA1(a);
  const q = parseA1(b);
  return p.row - q.row || p.col - q.col;
}
