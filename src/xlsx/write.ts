import {
  MARK_COLORS,
  cellKey,
  strongestPerCell,
  type Highlight,
  excelSheetName,
  planWrites,
  type CellPatch,
  type CurrentCell,
  type NewSheet,
  type SkippedPatch,
  isA1,
  parseA1,
  parseRange,
  rangeContains,
  toA1,
  columnLetters,
  type ScorePlan,
} from '../engine';
import { shiftFormula } from './formula';
import { XlsxPackage } from './package';
import { readXlsxEntries } from './ooxml/reader';
import { DEFAULT_LIMITS } from './ooxml/package';
import { withStoredState, type StoredWorkbookInput, type WorkbookView } from './read';
import { SheetXml, numberText, styledCellXml, valueCellXml, type SheetCell } from './sheet-xml';
import { isStateSheet, readState, sharedStringsOf, writeState, type XlsxMark, type XlsxState } from './state';
import { EMPTY_STYLESHEET, StylesXml } from './styles-xml';
import { CONTENT_TYPE, REL, WorkbookXml, type SheetEntry } from './workbook-xml';
import { escapeAttr, escapeText, findElement } from './xml';

export interface WriteResult {
  readonly written: CellPatch[];
  readonly skipped: SkippedPatch[];
  readonly unchanged: CellPatch[];
}

export interface AppliedPlan extends WriteResult {
  readonly addedSheets: string[];
}

/**
 * Where a sheet jixiao adds goes: the name it wants, unless a sheet the user made has that name
 * (then `name (2)`, `name (3)` …); a sheet jixiao added before under that name is replaced, never
 * duplicated. Names compare as Excel compares them (case-insensitive). One function, so that the
 * engine's own rule can take its place.
 */
export function placeSheet(wanted: string, existing: readonly string[], addedByJixiao: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const ours = new Set(addedByJixiao.map((n) => n.toLowerCase()));
  const base = excelSheetName(wanted);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()) && !ours.has(name.toLowerCase()); i++)
    name = excelSheetName(`${base.slice(0, 26)} (${i})`);
  return name;
}

/**
 * An .xlsx opened for jixiao's writes. Every zip entry is kept as it is; a write changes only the
 * `<c>` elements of the cells written (and `<dimension>`), adds styles at the end of styles.xml,
 * adds sheets as new parts, and keeps jixiao's state in the add-in's web extension part. A part
 * jixiao did not need to touch comes out byte-identical. Works in Node and in the browser.
 */
export class XlsxEditor {
  readonly workbook: WorkbookXml;
  private readonly sheets = new Map<string, SheetXml>();
  private styles: StylesXml | undefined;
  private state: XlsxState;
  private stateChanged = false;
  private readonly sst: () => string[];

  private constructor(readonly pkg: XlsxPackage) {
    this.workbook = new WorkbookXml(pkg);
    this.state = readState(pkg, this.workbook);
    this.sst = sharedStringsOf(pkg, this.workbook);
  }

  /** Opens .xlsx bytes; throws PackageError (Chinese + English) when they are not a readable zip. */
  static open(bytes: Uint8Array): XlsxEditor {
    return new XlsxEditor(XlsxPackage.open(bytes));
  }

  /**
   * The workbook as the engine reads it (`readWorkbookBytes`'s answer), from the entries this editor
   * holds, jixiao's changes included: `score` unzips once for reading and writing.
   */
  input(name: string): StoredWorkbookInput {
    return this.view(name, 0).input;
  }

  /**
   * `readWorkbookView`'s answer for the package as it now stands, read from the entries in memory:
   * the workbench redraws after each write without zipping the package and unzipping it again.
   */
  view(name: string, rows: number): WorkbookView {
    this.commit();
    const read = readXlsxEntries(this.pkg.entryRecord(), name, DEFAULT_LIMITS, rows);
    return {
      input: withStoredState(read.input, this.state),
      layouts: read.layouts ?? new Map(),
      looks: read.looks ?? [],
    };
  }

  /** Whether anything differs from the bytes opened (a no-op run writes no file). */
  get modified(): boolean {
    this.commit();
    return this.pkg.modified;
  }

  /** The sheets a person sees, in tab order (very hidden sheets and jixiao 0.x's state sheet left out). */
  sheetNames(): string[] {
    return this.workbook
      .sheets()
      .filter((s) => s.state !== 'veryHidden' && !isStateSheet(s.name))
      .map((s) => s.name);
  }

  hasSheet(name: string): boolean {
    return this.workbook.sheet(name) !== undefined;
  }

  get savedState(): XlsxState {
    return this.state;
  }

  private setState(state: XlsxState): void {
    this.state = state;
    this.stateChanged = true;
  }

  private sheet(name: string): { entry: SheetEntry; xml: SheetXml } | undefined {
    const entry = this.workbook.sheet(name);
    if (!entry?.part) return undefined;
    let xml = this.sheets.get(entry.part);
    if (!xml) {
      const text = this.pkg.text(entry.part);
      if (text === undefined) return undefined;
      this.sheets.set(entry.part, (xml = new SheetXml(text)));
    }
    return { entry, xml };
  }

  private stylesXml(): StylesXml {
    if (!this.styles) {
      const part = this.workbook.related(REL.styles);
      this.styles = new StylesXml((part && this.pkg.text(part)) || EMPTY_STYLESHEET);
    }
    return this.styles;
  }

  /** Whether a sheet is protected (its cells may not be written, as in Excel). */
  isProtected(sheet: string): boolean {
    return this.sheet(sheet)?.xml.isProtected ?? false;
  }

  /** What a cell holds now, as `planWrites` needs it; a shared-formula child gives its own formula. */
  currentCell(sheet: string, a1: string): CurrentCell {
    const s = this.sheet(sheet);
    if (!s || !isA1(a1)) return {};
    const c = s.xml.cell(a1.replace(/\$/g, '').toUpperCase());
    if (!c) return {};
    const value = this.valueOf(c);
    const formula = s.xml.formulaOf(c);
    return {
      ...(value !== undefined ? { value } : {}),
      ...(formula !== undefined ? { formula } : {}),
    };
  }

  private valueOf(c: SheetCell): number | string | boolean | undefined {
    switch (c.type) {
      case 's':
        // An index past the shared strings is unreadable, not empty: it is not written over without consent.
        return c.v === undefined ? undefined : (this.sst()[Number(c.v)] ?? `（共享字符串 ${c.v}）`);
      case 'inlineStr':
        return c.inline;
      case 'b':
        return c.v === undefined ? undefined : c.v === '1' || c.v === 'true';
      case 'str':
      case 'e':
      case 'd':
        return c.v;
      default: {
        if (c.v === undefined || c.v.trim() === '') return undefined;
        const n = Number(c.v);
        return Number.isFinite(n) ? n : c.v;
      }
    }
  }

  /** The `<c>` element of a cell as it stands (undefined: no element), for an exact 撤销回写 in a session. */
  cellXml(sheet: string, a1: string): string | undefined {
    if (!isA1(a1)) return undefined;
    return this.sheet(sheet)?.xml.cell(a1.replace(/\$/g, '').toUpperCase())?.xml;
  }

  /**
   * Puts a cell back (撤销回写): `exact`, the element `cellXml` recorded before jixiao wrote it, when
   * there is one; otherwise the value or formula given, written with the cell's current style (an
   * empty value leaves the cell with its style only). Protected sheets are left alone.
   */
  restoreCell(
    sheet: string,
    a1: string,
    state: { readonly value?: number | string | boolean; readonly formula?: string },
    exact?: string | null,
  ): void {
    const s = this.sheet(sheet);
    if (!s || !isA1(a1) || s.xml.isProtected) return;
    const at = a1.replace(/\$/g, '').toUpperCase();
    const p = s.xml.p;
    s.xml.edit(at, (cur) => {
      // null: the cell had no element at all before jixiao wrote it.
      if (exact !== undefined) return exact ?? '';
      const style = cur?.style ?? 0;
      if (state.value === undefined && state.formula === undefined) return styledCellXml(p, at, style);
      const value = typeof state.value === 'boolean' ? String(state.value).toUpperCase() : (state.value ?? '');
      return valueCellXml(
        p,
        at,
        style,
        { value, ...(state.formula !== undefined ? { formula: state.formula } : {}) },
        cur,
      );
    });
    this.commit();
  }

  /**
   * Writes the patches `planWrites` allows. Cells of a protected sheet are skipped (reason
   * `protected`). A written cell keeps its style, unless it has no number format of its own and
   * the patch brings one: then it gets a copy of its style with that format. A shared-formula
   * master written over hands its formula to the next cell of its range first.
   */
  applyPatches(patches: readonly CellPatch[], overwrite = false): WriteResult {
    const skipped: SkippedPatch[] = [];
    const open: CellPatch[] = [];
    for (const p of patches) {
      if (this.isProtected(p.sheet))
        skipped.push({
          patch: p,
          reason: 'protected',
          message: `${p.sheet}!${p.cell} 所在工作表受保护，未写入（建议值 ${p.value}）`,
        });
      else open.push(p);
    }
    const plan = planWrites(open, (sheet, cell) => this.currentCell(sheet, cell), overwrite);
    const written: CellPatch[] = [];
    const writtenKeys = new Set(plan.toWrite.map((p) => cellKey(p.sheet, p.cell)));
    for (const p of plan.toWrite) {
      const s = this.sheet(p.sheet);
      if (!s || !isA1(p.cell)) continue;
      const a1 = p.cell.replace(/\$/g, '').toUpperCase();
      const old = s.xml.cell(a1);
      if (old?.f?.t === 'shared' && old.f.si !== undefined && old.f.text !== '' && old.f.ref)
        this.handOverSharedFormula(s.xml, p.sheet, old, writtenKeys);
      const styles = this.stylesXml();
      let style = old?.style ?? 0;
      if (p.numFmt && !styles.hasNumberFormat(style)) style = styles.withNumberFormat(style, p.numFmt);
      s.xml.edit(a1, (cur) =>
        valueCellXml(s.xml.p, a1, style, { value: p.value, ...(p.formula ? { formula: p.formula } : {}) }, cur),
      );
      written.push(p);
    }
    this.commit();
    return {
      written,
      skipped: [...skipped, ...plan.skipped],
      unchanged: plan.unchanged,
    };
  }

  /** The master of shared formula `si` is overwritten: the first cell of the group that stays becomes the master. */
  private handOverSharedFormula(
    sheet: SheetXml,
    sheetName: string,
    master: SheetCell,
    written: ReadonlySet<string>,
  ): void {
    const si = master.f!.si!;
    const rest = sheet
      .sharedCells(si)
      .filter(
        (c) =>
          c !== master &&
          !(c.row === master.row && c.col === master.col) &&
          !written.has(cellKey(sheetName, toA1(c.row, c.col))),
      );
    if (rest.length === 0) return;
    const next = rest[0];
    const top = Math.min(...rest.map((c) => c.row));
    const bottom = Math.max(...rest.map((c) => c.row));
    const left = Math.min(...rest.map((c) => c.col));
    const right = Math.max(...rest.map((c) => c.col));
    const ref = top === bottom && left === right ? toA1(top, left) : `${toA1(top, left)}:${toA1(bottom, right)}`;
    const text = shiftFormula(master.f!.text, next.row - master.row, next.col - master.col);
    const p = sheet.p;
    sheet.edit(toA1(next.row, next.col), (cur) => {
      const c = cur ?? next;
      const f = findElement(c.xml, `${p}f`);
      if (!f) return c.xml;
      return `${c.xml.slice(0, f.start)}<${p}f t="shared" ref="${ref}" si="${escapeAttr(si)}">${escapeText(text)}</${p}f>${c.xml.slice(f.end)}`;
    });
  }

  /**
   * Adds a sheet of plain rows (header in bold, frozen; per-column number formats; widths) at the
   * end of the tab order. A sheet jixiao added before under that name is rewritten in place (same
   * part, same tab); a sheet the user made is never touched. Returns the name used.
   */
  addSheet(sheet: NewSheet): string {
    const existing = this.workbook.sheets().map((s) => s.name);
    const name = placeSheet(sheet.name, existing, this.state.addedSheets);
    const xml = this.newSheetXml(sheet);
    const previous = this.workbook.sheet(name);
    if (previous?.part) {
      this.sheets.delete(previous.part);
      this.pkg.setText(previous.part, xml);
    } else this.workbook.addSheet(name, xml);
    const finalName = previous?.name ?? name;
    if (!this.state.addedSheets.some((n) => n.toLowerCase() === finalName.toLowerCase()))
      this.setState({
        ...this.state,
        addedSheets: [...this.state.addedSheets, finalName],
      });
    this.commit();
    return finalName;
  }

  private newSheetXml(sheet: NewSheet): string {
    const styles = this.stylesXml();
    const header = sheet.rows.length ? styles.withBold(0) : 0;
    const colStyles = new Map<number, number>();
    for (const [col, fmt] of Object.entries(sheet.numFmts ?? {}))
      colStyles.set(Number(col), styles.withNumberFormat(0, fmt));
    let rows = '';
    let width = 0;
    sheet.rows.forEach((row, i) => {
      const r = i + 1;
      let cells = '';
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        width = Math.max(width, c + 1);
        const a1 = `${columnLetters(c + 1)}${r}`;
        const style = r === 1 ? header : (colStyles.get(c) ?? 0);
        cells +=
          typeof v === 'number' && Number.isFinite(v)
            ? `<c r="${a1}"${style ? ` s="${style}"` : ''}><v>${numberText(v)}</v></c>`
            : valueCellXml('', a1, style, { value: String(v) });
      });
      rows += `<row r="${r}">${cells}</row>`;
    });
    const dim = sheet.rows.length && width ? `A1:${columnLetters(width)}${sheet.rows.length}` : 'A1';
    const cols = sheet.columnWidths?.length
      ? `<cols>${sheet.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
      : '';
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<dimension ref="${dim}"/>` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      cols +
      `<sheetData>${rows}</sheetData>` +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
    );
  }

  /** The top-left cell of the merged area holding `a1` (a mark on any cell of a merge marks the area). */
  private masterOf(sheet: SheetXml, a1: string): string {
    const { row, col } = parseA1(a1);
    for (const m of sheet.merges()) {
      try {
        const r = parseRange(m.replace(/\$/g, ''));
        if (rangeContains(r, row, col)) return toA1(r.top, r.left);
      } catch {
        // A merge jixiao cannot read is no reason not to mark.
      }
    }
    return a1;
  }

  /**
   * Marks cells with a solid fill (the most severe finding per cell decides the colour), each cell
   * getting a copy of its own style with that fill; the style it had is remembered, so the mark
   * can be taken off. Cells of protected sheets are left alone. Returns the cells marked.
   */
  highlight(cells: readonly Highlight[]): string[] {
    const marks = new Map(this.state.marks.map((m) => [cellKey(m.sheet, m.cell), m]));
    const done: string[] = [];
    for (const c of strongestPerCell(cells).values()) {
      const s = this.sheet(c.sheet);
      if (!s || s.xml.isProtected || !isA1(c.cell.replace(/\$/g, ''))) continue;
      const a1 = this.masterOf(s.xml, c.cell.replace(/\$/g, '').toUpperCase());
      const k = cellKey(s.entry.name, a1);
      const old = s.xml.cell(a1);
      const styles = this.stylesXml();
      const mark = MARK_COLORS[c.severity];
      // Marked before: its original style is already kept.
      const original = marks.get(k)?.style ?? old?.style ?? 0;
      const fill = styles.solidFillOf(original);
      const style = styles.withSolidFill(original, mark);
      s.xml.edit(a1, (cur) => styledCellXml(s.xml.p, a1, style, cur));
      marks.set(k, {
        sheet: s.entry.name,
        cell: a1,
        mark,
        style: original,
        color: fill ?? null,
        pattern: fill ? 'Solid' : null,
      });
      done.push(`${s.entry.name}!${a1}`);
    }
    if (done.length) this.setState({ ...this.state, marks: [...marks.values()] });
    this.commit();
    return done;
  }

  /**
   * Fills a cell the way a person does in Excel (a solid colour, `null` for none), outside jixiao's marks:
   * for hosts and tests that stand for the user. Protected sheets are left alone.
   */
  fillCell(sheet: string, a1: string, hex: string | null): void {
    const s = this.sheet(sheet);
    if (!s || s.xml.isProtected || !isA1(a1.replace(/\$/g, ''))) return;
    const at = this.masterOf(s.xml, a1.replace(/\$/g, '').toUpperCase());
    const styles = this.stylesXml();
    const old = s.xml.cell(at)?.style ?? 0;
    const style = hex === null ? styles.withoutFill(old) : styles.withSolidFill(old, hex);
    s.xml.edit(at, (cur) => styledCellXml(s.xml.p, at, style, cur));
    this.commit();
  }

  /** Takes jixiao's marks off: a cell still showing its mark gets its own style back; a cell the user refilled since keeps their fill. */
  clearHighlights(): number {
    const marks = this.state.marks;
    if (marks.length === 0) return 0;
    let restored = 0;
    for (const m of marks) {
      const s = this.sheet(m.sheet);
      if (!s || s.xml.isProtected || !isA1(m.cell)) continue;
      const old = s.xml.cell(m.cell);
      const styles = this.stylesXml();
      const now = old?.style ?? 0;
      if (styles.solidFillOf(now) !== m.mark.toUpperCase()) continue;
      const back = m.style ?? restoreFromExcelMark(styles, now, m);
      s.xml.edit(m.cell, (cur) => styledCellXml(s.xml.p, m.cell, back, cur));
      restored++;
    }
    this.setState({ ...this.state, marks: [] });
    this.commit();
    return restored;
  }

  loadSettings(): unknown {
    return this.state.settings;
  }

  saveSettings(settings: unknown): void {
    this.setState({ ...this.state, settings });
    this.commit();
  }

  /** Writes a scoring plan: its cell patches, then the sheets it adds. */
  applyPlan(plan: Pick<ScorePlan, 'patches' | 'newSheets'>, overwrite = false): AppliedPlan {
    const result = this.applyPatches(plan.patches, overwrite);
    const addedSheets = plan.newSheets.map((s) => this.addSheet(s));
    return { ...result, addedSheets };
  }

  /** Puts every pending edit into the package's parts. */
  private commit(): void {
    for (const [part, xml] of this.sheets) {
      if (!xml.edited) continue;
      this.pkg.setText(part, xml.toString());
      this.sheets.delete(part);
    }
    if (this.styles?.modified) {
      let part = this.workbook.related(REL.styles);
      const text = this.styles.toString();
      if (part) this.pkg.setText(part, text);
      else {
        part = 'xl/styles.xml';
        this.workbook.addRelated(part, REL.styles, CONTENT_TYPE.styles, text);
      }
      this.styles = undefined;
    }
    if (this.stateChanged) {
      writeState(this.pkg, this.state);
      this.stateChanged = false;
    }
  }

  /** The package as .xlsx bytes (level 0: stored, for a quick copy in memory). */
  toBytes(level: 0 | 6 = 6): Uint8Array {
    this.commit();
    return this.pkg.toBytes(level);
  }
}

/** A mark made in Excel keeps the fill it replaced (colour and pattern), not a style index. */
function restoreFromExcelMark(styles: StylesXml, now: number, m: XlsxMark): number {
  if (m.color && m.pattern && m.pattern.toLowerCase() === 'solid') return styles.withSolidFill(now, m.color);
  return styles.withoutFill(now);
}

export { isStateSheet };
