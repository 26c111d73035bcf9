import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * A minimal .xlsx assembled part by part, for reader tests: each test writes the XML a given tool
 * writes (prefixes, 1904 flags, built-in format ids, `t="d"`, `\` paths) without a library in between.
 */
export interface TestSheet {
  readonly name: string;
  /** The worksheet part's XML, or just its `<sheetData>` rows (wrapped in a plain worksheet). */
  readonly xml?: string;
  readonly rows?: string;
  readonly state?: 'hidden' | 'veryHidden';
}

export interface TestBook {
  readonly sheets: readonly TestSheet[];
  readonly workbookPr?: string;
  readonly styles?: string;
  readonly sharedStrings?: readonly string[];
  /** Extra parts by name (e.g. a docProps oddity). */
  readonly extra?: Readonly<Record<string, string>>;
  /** Zip entry names with `\` instead of `/`, as some WPS builds write them. */
  readonly backslashes?: boolean;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function worksheetXml(rows: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

/** `<numFmt>`s and `<cellXfs>` from a list of numFmtIds (style index = position). */
export function stylesXml(numFmtIds: readonly number[], numFmts: Readonly<Record<number, string>> = {}): string {
  const fmts = Object.entries(numFmts)
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}">${fmts ? `<numFmts count="${Object.keys(numFmts).length}">${fmts}</numFmts>` : ''}<cellXfs count="${numFmtIds.length}">${numFmtIds.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0"/>`).join('')}</cellXfs></styleSheet>`;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function buildXlsx(book: TestBook): Uint8Array {
  const files: Record<string, string> = {};
  files['[Content_Types].xml'] =
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
  files['_rels/.rels'] =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const sheets = book.sheets
    .map(
      (s, i) =>
        `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
    )
    .join('');
  files['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${book.workbookPr ?? ''}<sheets>${sheets}</sheets></workbook>`;
  const n = book.sheets.length;
  const rels = book.sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  if (book.styles) rels.push(`<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  if (book.sharedStrings)
    rels.push(`<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  files['xl/_rels/workbook.xml.rels'] =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
  book.sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = s.xml ?? worksheetXml(s.rows ?? '')));
  if (book.styles) files['xl/styles.xml'] = book.styles;
  if (book.sharedStrings)
    files['xl/sharedStrings.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${book.sharedStrings.length}">${book.sharedStrings.map((t) => `<si><t>${esc(t)}</t></si>`).join('')}</sst>`;
  Object.assign(files, book.extra ?? {});
  const zippable: Zippable = {};
  for (const [name, text] of Object.entries(files))
    zippable[book.backslashes ? name.replace(/\//g, '\\') : name] = strToU8(text);
  return zipSync(zippable);
}
