import { builtinNumFmt } from '../../engine';
import { relsPartOf, resolveTarget, type OoxmlPackage, type Relationship } from './package';
import { attr, parseXmlPart, xmlBool } from './xml';

/**
 * The small parts of a workbook, read with saxes: relationships, the workbook's sheet list and
 * date system, number formats by cell style, and the shared strings. Only what jixiao uses is
 * read; docProps (core.xml, app.xml) and everything else are never parsed, so their oddities
 * (prefixes, extra Dublin Core elements) cannot stop a read.
 */

/** The relationships of a part (none when it has no rels part). */
export function readRelationships(pkg: OoxmlPackage, sourcePart: string): Relationship[] {
  const relsName = relsPartOf(sourcePart);
  const bytes = pkg.part(relsName);
  if (!bytes) return [];
  const out: Relationship[] = [];
  parseXmlPart(relsName, bytes, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const id = attr(attrs, 'Id') ?? '';
      const type = (attr(attrs, 'Type') ?? '').replace(/\/+$/, '');
      const rawTarget = attr(attrs, 'Target') ?? '';
      const external = (attr(attrs, 'TargetMode') ?? '').toLowerCase() === 'external';
      out.push({
        id,
        type: type.slice(type.lastIndexOf('/') + 1),
        target: external ? rawTarget : resolveTarget(sourcePart, rawTarget),
        external,
      });
    },
  });
  return out;
}

/** The part the package's root relationship names as its main document (xl/workbook.xml). */
export function workbookPartName(pkg: OoxmlPackage): string {
  const main = readRelationships(pkg, '').find((r) => r.type === 'officeDocument' && !r.external);
  if (main && pkg.part(main.target)) return main.target;
  return 'xl/workbook.xml';
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetEntry {
  readonly name: string;
  readonly sheetId: string;
  readonly state: SheetState;
  /** The relationship id naming the sheet's part. */
  readonly rId: string;
}

export interface WorkbookPart {
  readonly sheets: SheetEntry[];
  /** Serials count from 1904-01-01 (`<workbookPr date1904="1"/>` or `"true"`). */
  readonly date1904: boolean;
  /** `<workbookProtection lockStructure="1">`: sheets may not be added or removed. */
  readonly structureLocked: boolean;
}

export function readWorkbookPart(partName: string, bytes: Uint8Array): WorkbookPart {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let structureLocked = false;
  parseXmlPart(partName, bytes, {
    open(name, attrs) {
      if (name === 'sheet') {
        const state = attr(attrs, 'state');
        sheets.push({
          name: attr(attrs, 'name') ?? `Sheet${sheets.length + 1}`,
          sheetId: attr(attrs, 'sheetId') ?? '',
          state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
          rId: attr(attrs, 'id') ?? '',
        });
      } else if (name === 'workbookPr') date1904 = xmlBool(attr(attrs, 'date1904'));
      else if (name === 'workbookProtection') structureLocked = xmlBool(attr(attrs, 'lockStructure'));
    },
  });
  return { sheets, date1904, structureLocked };
}

/** Number formats by cell style index (`s`): undefined for General. */
export type StyleFormats = readonly (string | undefined)[];

/**
 * `styles.xml`: each `<cellXfs>` style's number format — its `<numFmt>` code, else the built-in
 * one for its id (dates.ts). A styles part without `<cellXfs>` (some generators write none) leaves
 * every cell General, as Excel shows it.
 */
export function readStyleFormats(partName: string, bytes: Uint8Array): StyleFormats {
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  parseXmlPart(partName, bytes, {
    open(name, attrs, selfClosing) {
      if (name === 'numFmt') {
        const id = Number(attr(attrs, 'numFmtId'));
        const code = attr(attrs, 'formatCode');
        if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
      } else if (name === 'cellXfs') inCellXfs = !selfClosing;
      else if (name === 'xf' && inCellXfs) xfIds.push(Number(attr(attrs, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfIds.map((id) => {
    const code = custom.get(id) ?? builtinNumFmt(id);
    return code && code !== 'General' ? code : undefined;
  });
}

/**
 * `sharedStrings.xml`: one text per `<si>`, rich-text runs joined (Feishu writes an empty `<t/>`
 * before its runs), phonetic guides (`<rPh>`) left out as Excel leaves them out of the value.
 */
export function readSharedStrings(partName: string, bytes: Uint8Array): string[] {
  const out: string[] = [];
  let current: string[] | undefined;
  let inText = false;
  let phonetic = 0;
  parseXmlPart(partName, bytes, {
    open(name, _attrs, selfClosing) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic += selfClosing ? 0 : 1;
      else if (name === 't' && !selfClosing && current && phonetic === 0) inText = true;
    },
    text(t) {
      if (inText) current!.push(t);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (name === 'si' && current) {
        out.push(current.length === 1 ? current[0] : current.join(''));
        current = undefined;
      }
    },
  });
  return out;
}
