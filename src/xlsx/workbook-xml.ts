import { relsPartOf, resolveTarget, type XlsxPackage } from './package';
import { decodeXml, escapeAttr, findAll, findElement, getAttr, prefixOf } from './xml';

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
} as const;
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
} as const;

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/** The relationships of a part (its `.rels`), empty when it has none. */
export function relationshipsOf(pkg: XlsxPackage, part: string): Relationship[] {
  const xml = pkg.text(relsPartOf(part));
  if (!xml) return [];
  const p = prefixOf(xml, 'Relationships') ?? '';
  return findAll(xml, `${p}Relationship`).map((el) => ({
    id: getAttr(el.openTag, 'Id') ?? '',
    type: getAttr(el.openTag, 'Type') ?? '',
    target: getAttr(el.openTag, 'Target') ?? '',
    external: getAttr(el.openTag, 'TargetMode') === 'External',
  }));
}

/** Adds a relationship to a part's `.rels` (creating it) and returns its new Id. */
export function addRelationship(pkg: XlsxPackage, part: string, type: string, target: string): string {
  const relsPart = relsPartOf(part);
  let xml =
    pkg.text(relsPart) ??
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const p = prefixOf(xml, 'Relationships') ?? '';
  const ids = new Set(findAll(xml, `${p}Relationship`).map((el) => getAttr(el.openTag, 'Id')));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<${p}Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`;
  const root = findElement(xml, `${p}Relationships`)!;
  xml = root.openTag.endsWith('/>')
    ? `${xml.slice(0, root.start)}${root.openTag.slice(0, -2)}>${rel}</${p}Relationships>${xml.slice(root.end)}`
    : xml.slice(0, root.closeStart) + rel + xml.slice(root.closeStart);
  pkg.setText(relsPart, xml);
  return id;
}

/** Declares the content type of a part jixiao adds (an `<Override>`), unless one is there. */
export function addContentType(pkg: XlsxPackage, part: string, type: string): void {
  const name = '[Content_Types].xml';
  let xml =
    pkg.text(name) ??
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>';
  const p = prefixOf(xml, 'Types') ?? '';
  const partName = `/${part.replace(/^\//, '')}`;
  if (
    findAll(xml, `${p}Override`).some(
      (el) => (getAttr(el.openTag, 'PartName') ?? '').toLowerCase() === partName.toLowerCase(),
    )
  )
    return;
  const close = xml.lastIndexOf(`</${p}Types>`);
  xml =
    xml.slice(0, close) +
    `<${p}Override PartName="${escapeAttr(partName)}" ContentType="${escapeAttr(type)}"/>` +
    xml.slice(close);
  pkg.setText(name, xml);
}

export interface SheetEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly rId: string;
  /** The worksheet part (undefined for a chart sheet or a dangling relationship). */
  readonly part: string | undefined;
  readonly state: 'visible' | 'hidden' | 'veryHidden';
}

/** The workbook part and its sheet list, as the package declares them. */
export class WorkbookXml {
  readonly part: string;

  constructor(private readonly pkg: XlsxPackage) {
    const doc = relationshipsOf(pkg, '').find(
      (r) => r.type === REL.officeDocument || r.type.endsWith('/officeDocument'),
    );
    this.part = doc ? resolveTarget('', doc.target) : 'xl/workbook.xml';
  }

  private get xml(): string {
    return this.pkg.text(this.part) ?? '';
  }

  sheets(): SheetEntry[] {
    const xml = this.xml;
    const p = prefixOf(xml, 'workbook') ?? '';
    const block = findElement(xml, `${p}sheets`);
    if (!block) return [];
    const rels = relationshipsOf(this.pkg, this.part);
    return findAll(xml, `${p}sheet`, block.openEnd, block.closeStart).map((el) => {
      const rId = relIdOf(el.openTag);
      const rel = rels.find((r) => r.id === rId);
      const isWorksheet = rel && !rel.external && (rel.type === REL.worksheet || rel.type.endsWith('/worksheet'));
      const state = getAttr(el.openTag, 'state');
      return {
        name: getAttr(el.openTag, 'name') ?? '',
        sheetId: Number(getAttr(el.openTag, 'sheetId') ?? 0),
        rId,
        part: isWorksheet ? resolveTarget(this.part, rel.target) : undefined,
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
      };
    });
  }

  /** A sheet by name, compared as Excel compares sheet names (case-insensitive). */
  sheet(name: string): SheetEntry | undefined {
    const key = name.toLowerCase();
    return this.sheets().find((s) => s.name.toLowerCase() === key);
  }

  /** The part a workbook-level relationship of this type points to (styles, shared strings). */
  related(type: string): string | undefined {
    const rel = relationshipsOf(this.pkg, this.part).find(
      (r) => r.type === type || r.type.endsWith(type.slice(type.lastIndexOf('/'))),
    );
    return rel && !rel.external ? resolveTarget(this.part, rel.target) : undefined;
  }

  /** Adds a worksheet part at the end of the tab order and returns its part name. */
  addSheet(name: string, sheetXml: string): string {
    let n = 1;
    while (this.pkg.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const part = `xl/worksheets/sheet${n}.xml`;
    this.pkg.setText(part, sheetXml);
    addContentType(this.pkg, part, CONTENT_TYPE.worksheet);
    const rId = addRelationship(this.pkg, this.part, REL.worksheet, relativeTarget(this.part, part));
    const xml = this.xml;
    const p = prefixOf(xml, 'workbook') ?? '';
    const block = findElement(xml, `${p}sheets`);
    const sheetId = Math.max(0, ...this.sheets().map((s) => s.sheetId)) + 1;
    // The relationships namespace under the prefix the workbook binds it to (readers that match
    // `r:id` literally find it), declared on the element itself when the workbook does not bind it.
    const bound = new RegExp(`xmlns:([\\w.-]+)="${R_NS.replace(/[.]/g, '\\.')}"`).exec(xml)?.[1];
    const r = bound ?? 'r';
    const el = `<${p}sheet${bound ? '' : ` xmlns:r="${R_NS}"`} name="${escapeAttr(name)}" sheetId="${sheetId}" ${r}:id="${rId}"/>`;
    if (!block) throw new Error('workbook.xml has no <sheets>');
    const next = block.openTag.endsWith('/>')
      ? `${xml.slice(0, block.start)}${block.openTag.slice(0, -2)}>${el}</${p}sheets>${xml.slice(block.end)}`
      : xml.slice(0, block.closeStart) + el + xml.slice(block.closeStart);
    this.pkg.setText(this.part, next);
    return part;
  }

  /** Adds a part related to the workbook (styles.xml for a package without one). */
  addRelated(part: string, type: string, contentType: string, xml: string): void {
    this.pkg.setText(part, xml);
    addContentType(this.pkg, part, contentType);
    addRelationship(this.pkg, this.part, type, relativeTarget(this.part, part));
  }
}

/** `r:id` of a `<sheet>`, whatever prefix the relationships namespace has there. */
function relIdOf(tag: string): string {
  const m = /\s([\w.-]+):id\s*=\s*"([^"]*)"/.exec(tag);
  return m ? decodeXml(m[2]) : '';
}

function relativeTarget(from: string, to: string): string {
  const dir = from.replace(/^\//, '').split('/').slice(0, -1).join('/');
  return dir && to.startsWith(`${dir}/`) ? to.slice(dir.length + 1) : `/${to}`;
}
