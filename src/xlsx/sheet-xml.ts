import { columnLetters, parseA1, parseRange, toA1 } from '../engine';
import { shiftFormula } from './formula';
import {
  decodeXml,
  decodeXstring,
  escapeRe,
  escapeText,
  findAll,
  findElement,
  getAttr,
  prefixOf,
  setAttr,
} from './xml';

/** One `<c>` element of a sheet as found in its text. */
export interface SheetCell {
  readonly row: number;
  readonly col: number;
  /** The whole element, as written. */
  readonly xml: string;
  readonly openTag: string;
  /** The `s` attribute: index into styles' cellXfs (0 when absent). */
  readonly style: number;
  readonly type: string | undefined;
  /** Decoded text of `<v>`. */
  readonly v: string | undefined;
  /** Text of an inline string `<is>`. */
  readonly inline: string | undefined;
  /** `<f>`: its text (empty for a shared-formula child), and for shared formulas their index and range. */
  readonly f:
    | {
        readonly text: string;
        readonly t?: string;
        readonly si?: string;
        readonly ref?: string;
      }
    | undefined;
}

/** A new `<c>` for a cell, given the cell as it is (undefined: no element yet). */
export type CellEdit = (old: SheetCell | undefined) => string;

interface RowSpan {
  readonly r: number;
  readonly start: number;
  readonly end: number;
  readonly openTag: string;
  /** Start and end of the row's content (between its tags; equal for `<row/>`). */
  readonly inner: readonly [number, number];
}

/**
 * A worksheet part opened for surgical edits: cells are found by scanning the text of
 * `<sheetData>`, edited cells are spliced back, and nothing outside `<sheetData>` and
 * `<dimension>` changes. Rows and cells without an `r` attribute are placed the way Excel places
 * them (one after the previous).
 */
export class SheetXml {
  /** Namespace prefix of the SpreadsheetML elements in this part ('' or e.g. 'x:'). */
  readonly p: string;
  private rowIndex: RowSpan[] | undefined;
  private readonly cellCache = new Map<number, SheetCell[]>();
  private readonly edits = new Map<number, Map<number, CellEdit>>();
  private readonly data:
    | {
        start: number;
        openEnd: number;
        closeStart: number;
        end: number;
        openTag: string;
      }
    | undefined;

  constructor(readonly xml: string) {
    this.p = prefixOf(xml, 'worksheet') ?? prefixOf(xml, 'sheetData') ?? '';
    this.data = findElement(xml, `${this.p}sheetData`);
  }

  /** `<sheetProtection sheet="1">`: Excel refuses edits to its locked cells, and so does jixiao. */
  get isProtected(): boolean {
    const el = findElement(this.xml, `${this.p}sheetProtection`);
    if (!el) return false;
    const sheet = getAttr(el.openTag, 'sheet');
    return sheet === '1' || sheet === 'true';
  }

  /** The merged ranges (`<mergeCell ref>`), as written. */
  merges(): string[] {
    const block = findElement(this.xml, `${this.p}mergeCells`);
    if (!block) return [];
    return findAll(this.xml, `${this.p}mergeCell`, block.openEnd, block.end)
      .map((m) => getAttr(m.openTag, 'ref'))
      .filter((r): r is string => r !== undefined);
  }

  private rows(): RowSpan[] {
    if (this.rowIndex) return this.rowIndex;
    const rows: RowSpan[] = [];
    if (this.data && this.data.closeStart > this.data.openEnd) {
      let last = 0;
      for (const el of findAll(this.xml, `${this.p}row`, this.data.openEnd, this.data.closeStart)) {
        const r = Number(getAttr(el.openTag, 'r') ?? last + 1);
        rows.push({
          r,
          start: el.start,
          end: el.end,
          openTag: el.openTag,
          inner: [el.openEnd, el.closeStart],
        });
        last = r;
      }
    }
    return (this.rowIndex = rows);
  }

  private findRow(r: number): RowSpan | undefined {
    const rows = this.rows();
    let lo = 0;
    let hi = rows.length - 1;
    // Rows are in ascending order in a valid part; a binary search keeps a 100,000-row sheet cheap.
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].r === r) return rows[mid];
      if (rows[mid].r < r) lo = mid + 1;
      else hi = mid - 1;
    }
    return rows.find((x) => x.r === r);
  }

  cellsOfRow(r: number): SheetCell[] {
    const cached = this.cellCache.get(r);
    if (cached) return cached;
    const row = this.findRow(r);
    const cells: SheetCell[] = [];
    if (row) {
      let last = 0;
      for (const el of findAll(this.xml, `${this.p}c`, row.inner[0], row.inner[1])) {
        const ref = getAttr(el.openTag, 'r');
        const col = ref ? parseA1(ref).col : last + 1;
        cells.push(this.parseCell(r, col, this.xml.slice(el.start, el.end), el.openTag));
        last = col;
      }
    }
    this.cellCache.set(r, cells);
    return cells;
  }

  private parseCell(row: number, col: number, xml: string, openTag: string): SheetCell {
    const p = this.p;
    const vEl = findElement(xml, `${p}v`);
    const fEl = findElement(xml, `${p}f`);
    const isEl = findElement(xml, `${p}is`);
    return {
      row,
      col,
      xml,
      openTag,
      style: Number(getAttr(openTag, 's') ?? 0) || 0,
      type: getAttr(openTag, 't'),
      v: vEl ? decodeXml(xml.slice(vEl.openEnd, vEl.closeStart)) : undefined,
      inline: isEl ? richText(xml.slice(isEl.openEnd, isEl.closeStart), p) : undefined,
      f: fEl
        ? {
            text: decodeXml(xml.slice(fEl.openEnd, fEl.closeStart)),
            t: getAttr(fEl.openTag, 't'),
            si: getAttr(fEl.openTag, 'si'),
            ref: getAttr(fEl.openTag, 'ref'),
          }
        : undefined,
    };
  }

  cell(a1: string): SheetCell | undefined {
    const { row, col } = parseA1(a1);
    return this.cellsOfRow(row).find((c) => c.col === col);
  }

  /**
   * The formula a cell computes, without '='. A shared-formula child holds no text of its own: its
   * formula is the master's moved by the offset between the two cells (so a skip message shows
   * `=E4/D4`, not the master's `=E3/D3`).
   */
  formulaOf(cell: SheetCell): string | undefined {
    if (!cell.f) return undefined;
    if (cell.f.t !== 'shared' || cell.f.text !== '' || cell.f.si === undefined) return cell.f.text || undefined;
    const master = this.sharedMaster(cell.f.si);
    if (!master?.f) return undefined;
    return shiftFormula(master.f.text, cell.row - master.row, cell.col - master.col);
  }

  /** The cell holding the text of shared formula `si`. */
  sharedMaster(si: string): SheetCell | undefined {
    return this.sharedCells(si).find((c) => c.f?.text !== '' && c.f?.ref !== undefined);
  }

  /** Every cell taking part in shared formula `si`, in row-major order. */
  sharedCells(si: string): SheetCell[] {
    if (!this.data) return [];
    const out: SheetCell[] = [];
    const re = new RegExp(`<${escapeRe(this.p)}f\\b[^>]*\\ssi="${escapeRe(si)}"`, 'g');
    re.lastIndex = this.data.openEnd;
    const rows = this.rows();
    const seen = new Set<number>();
    for (let m = re.exec(this.xml); m && m.index < this.data.closeStart; m = re.exec(this.xml)) {
      const row = rows.find((x) => x.start <= m!.index && m!.index < x.end);
      if (!row || seen.has(row.r)) continue;
      seen.add(row.r);
      for (const c of this.cellsOfRow(row.r)) if (c.f?.t === 'shared' && c.f.si === si) out.push(c);
    }
    return out.sort((a, b) => a.row - b.row || a.col - b.col);
  }

  /** Queues a new element for a cell; the last edit of a cell wins. */
  edit(a1: string, fn: CellEdit): void {
    const { row, col } = parseA1(a1);
    let cols = this.edits.get(row);
    if (!cols) this.edits.set(row, (cols = new Map()));
    const prev = cols.get(col);
    // Two edits of one cell in a run (a write, then a mark) compose.
    cols.set(col, prev ? (old) => fn(this.parse(row, col, prev(old))) : fn);
  }

  /** Parses an element written by an edit, so that a second edit sees it. */
  parse(row: number, col: number, xml: string): SheetCell {
    const open = /^<[^>]*>/.exec(xml)?.[0] ?? '';
    return this.parseCell(row, col, xml, open);
  }

  get edited(): boolean {
    return this.edits.size > 0;
  }

  /** The part with every queued edit spliced in, `<dimension>` widened to cover written cells. */
  toString(): string {
    if (this.edits.size === 0 || !this.data) return this.xml;
    const p = this.p;
    const box = { top: Infinity, left: Infinity, bottom: 0, right: 0 };
    const replaced = new Map<number, string>();
    const added: { r: number; text: string }[] = [];
    for (const [r, cols] of [...this.edits].sort((a, b) => a[0] - b[0])) {
      const existing = this.findRow(r);
      const cells = this.cellsOfRow(r);
      const parts: { col: number; xml: string }[] = cells.map((c) => ({
        col: c.col,
        xml: c.xml,
      }));
      for (const [col, fn] of [...cols].sort((a, b) => a[0] - b[0])) {
        const xml = fn(cells.find((c) => c.col === col));
        const i = parts.findIndex((x) => x.col >= col);
        if (i >= 0 && parts[i].col === col) parts[i] = { col, xml };
        else if (i >= 0) parts.splice(i, 0, { col, xml });
        else parts.push({ col, xml });
        box.top = Math.min(box.top, r);
        box.bottom = Math.max(box.bottom, r);
        box.left = Math.min(box.left, col);
        box.right = Math.max(box.right, col);
      }
      const body = parts.map((x) => x.xml).join('');
      if (!existing) {
        added.push({ r, text: `<${p}row r="${r}">${body}</${p}row>` });
        continue;
      }
      let open = existing.openTag;
      const m = /^(\d+):(\d+)$/.exec(getAttr(open, 'spans') ?? '');
      // `spans` is a hint of the columns a row uses: widened so it still covers them.
      if (m)
        open = setAttr(
          open,
          'spans',
          `${Math.min(Number(m[1]), ...cols.keys())}:${Math.max(Number(m[2]), ...cols.keys())}`,
        );
      if (open.endsWith('/>')) open = `${open.slice(0, -2).replace(/\s+$/, '')}>`;
      replaced.set(existing.start, `${open}${body}</${p}row>`);
    }
    const d = this.data;
    let out: string;
    if (d.openTag.endsWith('/>')) {
      // `<sheetData/>`: opened up to hold the rows.
      out = `${this.xml.slice(0, d.start)}${d.openTag.slice(0, -2).replace(/\s+$/, '')}>${added.map((x) => x.text).join('')}</${p}sheetData>${this.xml.slice(d.end)}`;
    } else {
      out = this.xml.slice(0, d.openEnd);
      let cursor = d.openEnd;
      let k = 0;
      for (const row of this.rows()) {
        const replacement = replaced.get(row.start);
        if (replacement === undefined && (k >= added.length || added[k].r > row.r)) continue;
        out += this.xml.slice(cursor, row.start);
        cursor = row.start;
        while (k < added.length && added[k].r < row.r) out += added[k++].text;
        if (replacement !== undefined) {
          out += replacement;
          cursor = row.end;
        }
      }
      out += this.xml.slice(cursor, d.closeStart);
      while (k < added.length) out += added[k++].text;
      out += this.xml.slice(d.closeStart);
    }
    return widenDimension(out, p, box);
  }
}

/** Text of an `<is>` or `<si>` body: its runs' `<t>` joined, phonetic runs (`<rPh>`) left out. */
export function richText(body: string, p = ''): string {
  const noPhonetic = body.replace(new RegExp(`<${escapeRe(p)}rPh\\b[\\s\\S]*?</${escapeRe(p)}rPh>`, 'g'), '');
  let text = '';
  for (const t of findAll(noPhonetic, `${p}t`)) text += noPhonetic.slice(t.openEnd, t.closeStart);
  return decodeXstring(decodeXml(text));
}

function widenDimension(
  xml: string,
  p: string,
  box: { top: number; left: number; bottom: number; right: number },
): string {
  const el = findElement(xml, `${p}dimension`);
  if (!el || box.bottom === 0) return xml;
  const ref = getAttr(el.openTag, 'ref');
  let r = {
    top: box.top,
    left: box.left,
    bottom: box.bottom,
    right: box.right,
  };
  try {
    if (ref) {
      const old = parseRange(ref.replace(/\$/g, ''));
      r = {
        top: Math.min(r.top, old.top),
        left: Math.min(r.left, old.left),
        bottom: Math.max(r.bottom, old.bottom),
        right: Math.max(r.right, old.right),
      };
    }
  } catch {
    // An unreadable dimension is replaced by the written area.
  }
  const a = toA1(r.top, r.left);
  const b = toA1(r.bottom, r.right);
  return xml.slice(0, el.start) + setAttr(el.openTag, 'ref', a === b ? a : `${a}:${b}`) + xml.slice(el.end);
}

/** What a cell holds after a write. */
export type WrittenValue = {
  readonly value: number | string;
  readonly formula?: string;
};

/**
 * A `<c>` holding a value: a number as `<v>`, a text as an inline string (shared strings stay as
 * they are), a formula with its cached result. Only `r`, `s` and `ph` of the old element are kept:
 * its type, cell metadata (`cm`: a dynamic array) and value metadata (`vm`) described the old value.
 */
export function valueCellXml(p: string, a1: string, style: number, w: WrittenValue, old?: SheetCell): string {
  let open = `<${p}c r="${a1}"`;
  if (style) open += ` s="${style}"`;
  const ph = old && getAttr(old.openTag, 'ph');
  if (ph) open += ` ph="${ph}"`;
  const f = w.formula !== undefined ? `<${p}f>${escapeText(w.formula.replace(/^=/, ''))}</${p}f>` : '';
  if (typeof w.value === 'number') return `${open}>${f}<${p}v>${numberText(w.value)}</${p}v></${p}c>`;
  if (f) return `${open} t="str">${f}<${p}v>${escapeText(w.value)}</${p}v></${p}c>`;
  return `${open} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeText(w.value)}</${p}t></${p}is></${p}c>`;
}

/** The element with only its style changed (a mark, or a mark taken off). */
export function styledCellXml(p: string, a1: string, style: number, old?: SheetCell): string {
  if (!old) return style ? `<${p}c r="${a1}" s="${style}"/>` : `<${p}c r="${a1}"/>`;
  const open = setAttr(setAttr(old.openTag, 'r', a1), 's', style ? String(style) : undefined);
  return open + old.xml.slice(old.openTag.length);
}

/** A number as xsd:double text: the shortest form that reads back as the same number. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return String(n).replace('e+', 'E+').replace('e-', 'E-');
}

export { columnLetters };
