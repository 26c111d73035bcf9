import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * A new .xlsx from sheets of typed cells: the smallest SpreadsheetML package Excel, WPS and
 * LibreOffice open without repair (content types, workbook, styles, one part per sheet; texts
 * inline, no shared-string table). Pure: the same sheets give the same bytes (fixed zip dates).
 * For reports jixiao makes from scratch; changing an existing workbook is another module's work.
 */

/** A cell's value and how it is shown. `format` is an Excel number format (`0.00%`, `#,##0.00`). */
export type XlsxCell =
  | { readonly type: 'text'; readonly value: string; readonly bold?: boolean }
  | { readonly type: 'number'; readonly value: number; readonly format?: string; readonly bold?: boolean }
  | { readonly type: 'empty' };

export interface XlsxSheet {
  /** 1–31 characters, none of `: \ / ? * [ ]`, not starting or ending with `'`; unique (case-insensitive). */
  readonly name: string;
  /** Rows from the top, cells from column A. */
  readonly rows: readonly (readonly XlsxCell[])[];
  /** Widths in characters (Excel's unit), from column A; a CJK character is about two. */
  readonly columnWidths?: readonly number[];
  /** Rows kept in view while scrolling (1 = a frozen header row). */
  readonly frozenRows?: number;
  /** A filter button on every column of the first row, over all rows. */
  readonly autoFilter?: boolean;
}

export class XlsxCreateError extends Error {}

export const text = (value: string, bold = false): XlsxCell => ({ type: 'text', value, ...(bold ? { bold } : {}) });
export const num = (value: number, format?: string): XlsxCell => ({
  type: 'number',
  value,
  ...(format ? { format } : {}),
});
export const EMPTY: XlsxCell = { type: 'empty' };

/** Column letters of a 0-based index (0 → A, 26 → AA). */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Characters XML 1.0 cannot carry (control characters a cell may still hold) are dropped. */
function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function validateSheetName(name: string): void {
  if (name.length < 1 || name.length > 31 || /[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'"))
    throw new XlsxCreateError(`invalid sheet name: ${JSON.stringify(name)}`);
}

/** Cell styles: index 0 is the default; one more per distinct (bold, number format). */
class Styles {
  private readonly formats = new Map<string, number>();
  private readonly xfs: { fontId: number; numFmtId: number }[] = [{ fontId: 0, numFmtId: 0 }];
  private readonly byKey = new Map<string, number>([['0|', 0]]);

  of(cell: XlsxCell): number {
    if (cell.type === 'empty') return 0;
    const format = cell.type === 'number' ? (cell.format ?? '') : '';
    const bold = cell.bold ? 1 : 0;
    const key = `${bold}|${format}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      this.xfs.push({ fontId: bold, numFmtId: this.formatId(format) });
      this.byKey.set(key, (id = this.xfs.length - 1));
    }
    return id;
  }

  private formatId(format: string): number {
    if (!format) return 0;
    let id = this.formats.get(format);
    // 164 is the first id Excel leaves to a workbook's own formats.
    if (id === undefined) this.formats.set(format, (id = 164 + this.formats.size));
    return id;
  }

  xml(): string {
    const numFmts = [...this.formats]
      .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xml(code)}"/>`)
      .join('');
    const xfs = this.xfs
      .map(
        (x) =>
          `<xf numFmtId="${x.numFmtId}" fontId="${x.fontId}" fillId="0" borderId="0" xfId="0"${x.numFmtId ? ' applyNumberFormat="1"' : ''}${x.fontId ? ' applyFont="1"' : ''}/>`,
      )
      .join('');
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (this.formats.size ? `<numFmts count="${this.formats.size}">${numFmts}</numFmts>` : '') +
      `<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${this.xfs.length}">${xfs}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
    );
  }
}

function cellXml(cell: XlsxCell, ref: string, styles: Styles): string {
  const s = styles.of(cell);
  const style = s ? ` s="${s}"` : '';
  switch (cell.type) {
    case 'empty':
      return '';
    case 'text':
      return `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${xml(cell.value)}</t></is></c>`;
    case 'number':
      if (!Number.isFinite(cell.value)) throw new XlsxCreateError(`not a finite number at ${ref}`);
      return `<c r="${ref}"${style}><v>${cell.value}</v></c>`;
  }
}

function sheetXml(sheet: XlsxSheet, styles: Styles): string {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const height = sheet.rows.length;
  const last = `${columnLetters(width - 1)}${Math.max(1, height)}`;
  const frozen = sheet.frozenRows ?? 0;
  const view = frozen
    ? `<sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/></sheetView>`
    : '<sheetView workbookViewId="0"/>';
  const cols = (sheet.columnWidths ?? [])
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
    .join('');
  const rows = sheet.rows
    .map((row, r) => {
      const cells = row.map((c, col) => cellXml(c, `${columnLetters(col)}${r + 1}`, styles)).join('');
      return cells ? `<row r="${r + 1}">${cells}</row>` : '';
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<dimension ref="A1:${last}"/><sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows}</sheetData>` +
    (sheet.autoFilter && height > 0 ? `<autoFilter ref="A1:${last}"/>` : '') +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
}

/** The bytes of a new .xlsx holding `sheets` in order. Throws XlsxCreateError on a bad name or a non-finite number. */
export function createXlsx(sheets: readonly XlsxSheet[]): Uint8Array {
  if (sheets.length === 0) throw new XlsxCreateError('a workbook needs at least one sheet');
  const names = new Set<string>();
  for (const s of sheets) {
    validateSheetName(s.name);
    const key = s.name.toLowerCase();
    if (names.has(key)) throw new XlsxCreateError(`duplicate sheet name: ${s.name}`);
    names.add(key);
  }
  const styles = new Styles();
  const sheetParts = sheets.map((s) => sheetXml(s, styles));
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  // Excel names a sheet's filter range in _xlnm._FilterDatabase; without it some versions drop the filter.
  const filters = sheets
    .map((s, i) => {
      if (!s.autoFilter || s.rows.length === 0) return '';
      const width = Math.max(1, ...s.rows.map((r) => r.length));
      return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xml(s.name.replace(/'/g, "''"))}'!$A$1:$${columnLetters(width - 1)}$${s.rows.length}</definedName>`;
    })
    .join('');
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>` +
        sheets.map((s, i) => `<sheet name="${xml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        `</sheets>${filters ? `<definedNames>${filters}</definedNames>` : ''}</workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(styles.xml()),
  };
  sheetParts.forEach((part, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(part)));
  // A fixed date keeps the bytes a function of the sheets alone.
  return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2000, 0, 1)) });
}
