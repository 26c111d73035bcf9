/**
 * A shared formula's text as it reads in one of its cells. Excel stores a column of like formulas
 * once, in the first cell (`<f t="shared" ref="F3:F7" si="0">E3/D3</f>`), and each other cell only
 * names it (`<f t="shared" si="0"/>`); F4's formula is the master's with every relative reference
 * moved one row down: `E4/D4` (ECMA-376 Part 1 §18.3.1.40). Absolute parts (`$E$3`) stay.
 *
 * References are found outside string literals ("..."), quoted sheet names ('...') and brackets
 * (structured references, external book indexes); a name followed by `(` is a function (LOG10).
 * A reference moved off the sheet becomes #REF!, as in Excel.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const c = formula[i];
    if (c === '"' || c === "'") {
      const end = closingQuote(formula, i, c);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (c === '[') {
      const end = closingBracket(formula, i);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    REF.lastIndex = i;
    const m = REF.exec(formula);
    if (m && m.index === i && !isNameChar(formula[i - 1])) {
      out += shiftRef(m, dRow, dCol);
      i += m[0].length;
      continue;
    }
    // a run of name characters that is no reference (a function or defined name) is copied whole
    if (isNameChar(c)) {
      let j = i;
      while (j < n && isNameChar(formula[j])) j++;
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

// A1, $A$1, A1:B2, A:A ($A:$B), 1:1 ($1:$2). Sticky, tried at each position.
const REF =
  /(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?(?![A-Za-z0-9_.(!])|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_.(!])|(\$?)(\d+):(\$?)(\d+)(?![0-9.A-Za-z_(])/y;

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

function shiftRef(m: RegExpExecArray, dRow: number, dCol: number): string {
  if (m[2] !== undefined) {
    const a = cell(m[1], m[2], m[3], m[4], dRow, dCol);
    if (m[6] === undefined) return a;
    const b = cell(m[5], m[6], m[7], m[8], dRow, dCol);
    return a === '#REF!' || b === '#REF!' ? '#REF!' : `${a}:${b}`;
  }
  if (m[10] !== undefined) {
    const a = column(m[9], m[10], dCol);
    const b = column(m[11], m[12], dCol);
    return a === undefined || b === undefined ? '#REF!' : `${a}:${b}`;
  }
  const a = rowOf(m[13], m[14], dRow);
  const b = rowOf(m[15], m[16], dRow);
  return a === undefined || b === undefined ? '#REF!' : `${a}:${b}`;
}

function cell(colAbs: string, letters: string, rowAbs: string, digits: string, dRow: number, dCol: number): string {
  const c = column(colAbs, letters, dCol);
  const r = rowOf(rowAbs, digits, dRow);
  return c === undefined || r === undefined ? '#REF!' : `${c}${r}`;
}

function column(abs: string, letters: string, d: number): string | undefined {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  if (!abs) col += d;
  if (col < 1 || col > MAX_COL) return undefined;
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return abs + s;
}

function rowOf(abs: string, digits: string, d: number): string | undefined {
  const row = Number(digits) + (abs ? 0 : d);
  return row < 1 || row > MAX_ROW ? undefined : `${abs}${row}`;
}

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_.$\u0080-\uffff]/.test(c);
}

function closingQuote(s: string, start: number, q: string): number {
  let i = start + 1;
  while (i < s.length) {
    if (s[i] === q) {
      if (s[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return s.length;
}

function closingBracket(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === '[') depth++;
    else if (s[i] === ']' && --depth === 0) return i + 1;
  }
  return s.length;
}
