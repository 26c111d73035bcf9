/** What a cell holds, as the engine sees it: the same for Excel, exceljs and generated tests. */
export type CellValue =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** ISO date `yyyy-mm-dd` (time of day dropped: ledgers record days). */
  | { readonly kind: 'date'; readonly value: string }
  /** Excel error text such as `#DIV/0!`. */
  | { readonly kind: 'error'; readonly value: string };

export const EMPTY: CellValue = Object.freeze({ kind: 'empty' });

export interface CellInput {
  readonly row: number;
  readonly col: number;
  readonly value: CellValue;
  /** Excel number format code, e.g. `0.00%`, `yyyy-mm-dd`; absent means General. */
  readonly numFmt?: string;
  /** Formula without the leading `=`, where the host knows it. The value is then its cached result. */
  readonly formula?: string;
}

export const num = (value: number): CellValue => ({ kind: 'number', value });
export const str = (value: string): CellValue => ({ kind: 'string', value });

export function isBlank(v: CellValue): boolean {
  return v.kind === 'empty' || (v.kind === 'string' && v.value.trim() === '');
}

/** The text a person reads in the cell, ignoring number formatting (used for labels and matching). */
export function cellText(v: CellValue): string {
  switch (v.kind) {
    case 'empty':
      return '';
    case 'number':
      return String(v.value);
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE';
    default:
      return v.value;
  }
}
