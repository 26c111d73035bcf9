import { z } from 'zod';
import { resolveTarget, type XlsxPackage } from './package';
import { addContentType, addRelationship, relationshipsOf, type WorkbookXml } from './workbook-xml';
import { SheetXml, richText } from './sheet-xml';
import { escapeAttr, findAll, findElement, getAttr, prefixOf } from './xml';

/**
 * What jixiao keeps inside an .xlsx between sessions — saved settings, the original style of every
 * cell it marked, the sheets it added — kept where the Excel add-in keeps it: Office.js document
 * settings, which Excel stores as the properties of the add-in's web extension part
 * ([MS-OWEXML] §2.2.1 CT_OsfWebExtensionProperty: `<we:property name value>`, the value being the
 * JSON text of the setting). The keys are the add-in's own (src/excel/port.ts), so a workbook
 * carries its state between Excel, the workbench and the CLI. No sheet is added for it.
 */

/** The add-in's id (manifest.xml `<Id>`): Excel gives the web extension's settings to the add-in with this id. */
export const ADDIN_ID = '58511b26-d3e4-4aa7-b020-e1fa6d6efd47';
export const ADDIN_VERSION = '0.1.0.0';
const KEYS = {
  settings: 'jixiao.settings',
  marks: 'jixiao.marks',
  addedSheets: 'jixiao.addedSheets',
} as const;

const WE_NS = 'http://schemas.microsoft.com/office/webextensions/webextension/2010/11';
const WETP_NS = 'http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11';
const REL_TASKPANES = 'http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes';
const REL_WEBEXTENSION = 'http://schemas.microsoft.com/office/2011/relationships/webextension';
const CT_TASKPANES = 'application/vnd.ms-office.webextensiontaskpanes+xml';
const CT_WEBEXTENSION = 'application/vnd.ms-office.webextension+xml';

/** jixiao 0.x kept its state as JSON in this very-hidden sheet; it is still read, never written. */
export const STATE_SHEET = '_jixiao';

export function isStateSheet(name: string): boolean {
  return name === STATE_SHEET;
}

const markSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  /** The fill jixiao put there (`#FFC7CE`), so a fill the user changed since is left alone. */
  mark: z.string(),
  /** The cell's style (`s`, an index into cellXfs) before marking; absent for a mark made in Excel. */
  style: z.number().int().nonnegative().optional(),
  /** The original fill as the Excel add-in keeps it (`#RRGGBB` / `Solid`, null: none). */
  color: z.string().nullable().default(null),
  pattern: z.string().nullable().default(null),
});
export type XlsxMark = z.infer<typeof markSchema>;

export const xlsxStateSchema = z.object({
  settings: z.unknown().optional(),
  marks: z.array(markSchema).default([]),
  addedSheets: z.array(z.string()).default([]),
});
export type XlsxState = z.infer<typeof xlsxStateSchema>;

const EMPTY: XlsxState = { marks: [], addedSheets: [] };

/** The web extension part holding jixiao's settings, if the package has one. */
export function findStatePart(pkg: XlsxPackage): string | undefined {
  const candidates = pkg
    .parts()
    .filter((p) => /(^|\/)webextensions\/[^/]+\.xml$/i.test(p) && !/taskpanes\.xml$/i.test(p));
  const read = candidates.map((part) => ({ part, xml: pkg.text(part) ?? '' }));
  const ours = read.find(
    ({ xml }) =>
      (
        getAttr(findElement(xml, `${prefixOf(xml, 'reference') ?? ''}reference`)?.openTag ?? '', 'id') ?? ''
      ).toLowerCase() === ADDIN_ID,
  );
  return (ours ?? read.find(({ xml }) => /\sname="jixiao\./.test(xml)))?.part;
}

/** The properties of a web extension part, name → raw value text. */
function propertiesOf(xml: string): Map<string, string> {
  const p = prefixOf(xml, 'webextension') ?? '';
  return new Map(
    findAll(xml, `${p}property`).map((el) => [getAttr(el.openTag, 'name') ?? '', getAttr(el.openTag, 'value') ?? '']),
  );
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads the state; a missing or damaged one is an empty state, never an error. */
export function readState(pkg: XlsxPackage, wb: WorkbookXml): XlsxState {
  const part = findStatePart(pkg);
  if (part) {
    const props = propertiesOf(pkg.text(part) ?? '');
    const parsed = xlsxStateSchema.safeParse({
      settings: parseJson(props.get(KEYS.settings)),
      marks: parseJson(props.get(KEYS.marks)) ?? [],
      addedSheets: parseJson(props.get(KEYS.addedSheets)) ?? [],
    });
    if (parsed.success) return parsed.data;
    return { ...EMPTY };
  }
  return readLegacySheet(pkg, wb);
}

/** The `_jixiao` sheet of jixiao 0.x: JSON down column A (a cell holds at most 32,767 characters). */
function readLegacySheet(pkg: XlsxPackage, wb: WorkbookXml): XlsxState {
  const entry = wb.sheet(STATE_SHEET);
  const xml = entry?.part && pkg.text(entry.part);
  if (!xml) return { ...EMPTY };
  const sheet = new SheetXml(xml);
  const sst = sharedStringsOf(pkg, wb);
  let raw = '';
  for (let r = 1; ; r++) {
    const c = sheet.cellsOfRow(r).find((x) => x.col === 1);
    const text =
      c?.type === 's' ? sst()[Number(c.v)] : c?.type === 'inlineStr' ? c.inline : c?.type === 'str' ? c.v : undefined;
    if (typeof text !== 'string') break;
    raw += text;
  }
  const legacy = z
    .object({
      settings: z.unknown().optional(),
      addedSheets: z.array(z.string()).default([]),
    })
    .safeParse(parseJson(raw));
  // Old marks held exceljs fill objects, which mean nothing here: only settings and added sheets carry over.
  return legacy.success
    ? {
        settings: legacy.data.settings,
        marks: [],
        addedSheets: legacy.data.addedSheets,
      }
    : { ...EMPTY };
}

/** The shared strings of the workbook, read once on first use. */
export function sharedStringsOf(pkg: XlsxPackage, wb: WorkbookXml): () => string[] {
  let cache: string[] | undefined;
  return () => {
    if (cache) return cache;
    const part = wb.related('http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings');
    const xml = (part && pkg.text(part)) || '';
    const p = prefixOf(xml, 'sst') ?? '';
    cache = findAll(xml, `${p}si`).map((si) => richText(xml.slice(si.openEnd, si.closeStart), p));
    return cache;
  };
}

/**
 * Writes the state into the web extension part: jixiao's properties are set (or removed when
 * empty), every other property of the part is kept. A package without the part gets one, with a
 * hidden task pane entry that points to it (Excel finds web extensions through their task panes).
 */
export function writeState(pkg: XlsxPackage, state: XlsxState): void {
  const values: Record<string, unknown> = {
    [KEYS.settings]: state.settings,
    [KEYS.marks]: state.marks.length ? state.marks : undefined,
    [KEYS.addedSheets]: state.addedSheets.length ? state.addedSheets : undefined,
  };
  const empty = Object.values(values).every((v) => v === undefined);
  let part = findStatePart(pkg);
  if (!part) {
    if (empty) return;
    part = createStatePart(pkg);
  }
  const xml = pkg.text(part)!;
  const p = prefixOf(xml, 'webextension') ?? '';
  const block = findElement(xml, `${p}properties`);
  const kept = block
    ? findAll(xml, `${p}property`, block.openEnd, block.closeStart).filter(
        (el) => !(getAttr(el.openTag, 'name') ?? '').startsWith('jixiao.'),
      )
    : [];
  const ours = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${p}property name="${k}" value="${escapeAttr(JSON.stringify(v))}"/>`);
  const body = kept.map((el) => xml.slice(el.start, el.end)).join('') + ours.join('');
  const props = `<${p}properties>${body}</${p}properties>`;
  let next: string;
  if (block) next = xml.slice(0, block.start) + props + xml.slice(block.end);
  else {
    const after = findElement(xml, `${p}alternateReferences`) ?? findElement(xml, `${p}reference`);
    const at = after ? after.end : xml.indexOf('>', xml.indexOf(`<${p}webextension`)) + 1;
    next = xml.slice(0, at) + props + xml.slice(at);
  }
  pkg.setText(part, next);
}

function createStatePart(pkg: XlsxPackage): string {
  let n = 1;
  while (pkg.has(`xl/webextensions/webextension${n}.xml`)) n++;
  const part = `xl/webextensions/webextension${n}.xml`;
  pkg.setText(
    part,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="${WE_NS}" id="{${ADDIN_ID.toUpperCase()}}">` +
      `<we:reference id="${ADDIN_ID}" version="${ADDIN_VERSION}" store="developer" storeType="Registry"/>` +
      `<we:alternateReferences/><we:properties/><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`,
  );
  addContentType(pkg, part, CT_WEBEXTENSION);
  const rootRel = relationshipsOf(pkg, '').find((r) => r.type === REL_TASKPANES);
  let taskpanes = rootRel ? resolveTarget('', rootRel.target) : 'xl/webextensions/taskpanes.xml';
  if (!pkg.has(taskpanes)) {
    taskpanes = 'xl/webextensions/taskpanes.xml';
    pkg.setText(
      taskpanes,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wetp:taskpanes xmlns:wetp="${WETP_NS}"></wetp:taskpanes>`,
    );
    addContentType(pkg, taskpanes, CT_TASKPANES);
    addRelationship(pkg, '', REL_TASKPANES, taskpanes);
  }
  const rId = addRelationship(pkg, taskpanes, REL_WEBEXTENSION, part.slice(part.lastIndexOf('/') + 1));
  const xml = pkg.text(taskpanes)!;
  const p = prefixOf(xml, 'taskpanes') ?? '';
  const close = xml.lastIndexOf(`</${p}taskpanes>`);
  const pane =
    `<${p}taskpane dockstate="right" visibility="0" width="350" row="${findAll(xml, `${p}taskpane`).length + 1}">` +
    `<${p}webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${rId}"/></${p}taskpane>`;
  pkg.setText(
    taskpanes,
    close >= 0 ? xml.slice(0, close) + pane + xml.slice(close) : xml.replace(/\/>\s*$/, `>${pane}</${p}taskpanes>`),
  );
  return part;
}
