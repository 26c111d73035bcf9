import { columnLetters, columnNumber } from '../engine';

/**
 * The formula a shared-formula cell computes. A shared formula (ECMA-376 §18.3.1.40, `t="shared"`)
 * is written once, in its master cell, relative to that cell; every other cell of its range holds
 * only `si`. A cell `dr` rows and `dc` columns from the master computes the master's text with
 * every relative reference moved by that offset (`$`-anchored parts stay). Text in quotes, sheet
 * names in quotes and structured references `[…]` are left as they are.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name: a doubled quote is an escaped quote.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === ch && formula[j + 1] !== ch)) j += formula[j] === ch ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        if (formula[j] === '[') depth++;
        else if (formula[j] === ']' && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    REF.lastIndex = i;
    const m = /[\w.$]/.test(formula[i - 1] ?? '') ? null : REF.exec(formula);
    // LOG10( is a function, A1B a name: only a whole token is a reference.
    if (m && !/[\w(.]/.test(formula[i + m[0].length] ?? '')) {
      out += shiftRef(m, dr, dc);
      i += m[0].length;
      continue;
    }
    // A whole identifier is skipped, so that its tail (`SUM1` in `XSUM1`) is never read as a reference.
    const word = /^[A-Za-z_\\][\w.]*/.exec(formula.slice(i, i + 256));
    if (word) {
      out += word[0];
      i += word[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** A1 reference, a whole-column range (A:C) or a whole-row range (3:5), each part optionally `$`-anchored. */
const REF =
  /(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\d(])|(\$?)(\d+):(\$?)(\d+)/y;

function shiftRef(m: RegExpExecArray, dr: number, dc: number): string {
  const col = (abs: string, letters: string) =>
    abs ? `$${letters.toUpperCase()}` : columnLetters(Math.max(1, columnNumber(letters.toUpperCase()) + dc));
  const row = (abs: string, digits: string) => (abs ? `$${digits}` : String(Math.max(1, Number(digits) + dr)));
  if (m[2] !== undefined) {
    const first = col(m[1], m[2]) + row(m[3], m[4]);
    return m[6] === undefined ? first : `${first}:${col(m[5], m[6])}${row(m[7], m[8])}`;
  }
  if (m[10] !== undefined) return `${col(m[9], m[10])}:${col(m[11], m[12])}`;
  return `${row(m[13], m[14])}:${row(m[15], m[16])}`;
}
