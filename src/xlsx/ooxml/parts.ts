import { builtinNumFmt } from '../../engine';
import { relsPartOf, resolveTarget, type OoxmlPackage, type Relationship } from './package';
import { attr, parseXmlPart, xmlBool } from './xml';
import { ElementScanner, scanPart, selfClosingAt, skipTag } from './scan';

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
 * Read with the fast scanner (scan.ts): a ledger's part holds a string per voucher number.
 */
export function readSharedStrings(partName: string, bytes: Uint8Array): string[] {
  const scanner = new SharedStringsScanner(partName);
  scanPart(bytes, scanner, 'si');
  return scanner.strings;
}

class SharedStringsScanner extends ElementScanner {
  readonly strings: string[] = [];
  private current: string | undefined;
  private phonetic = 0;

  protected open(s: string, name: string, p: number): number {
    switch (name) {
      case 'si': {
        const end = skipTag(s, p);
        // `<si/>` is an empty string, and it still takes its index (the scanner reports no close for it)
        if (s.charCodeAt(end - 2) === 0x2f) this.strings.push('');
        else this.current = '';
        this.phonetic = 0;
        return end;
      }
      case 'rPh':
        if (this.current !== undefined && !selfClosingAt(s, p)) this.phonetic++;
        break;
      case 't': {
        const end = skipTag(s, p);
        if (this.current !== undefined && this.phonetic === 0 && s.charCodeAt(end - 2) !== 0x2f) {
          this.capture = 1;
          this.captured = '';
        }
        return end;
      }
    }
    return skipTag(s, p);
  }

  protected close(name: string): void {
    switch (name) {
      case 't':
        if (this.capture) {
          this.current += this.captured;
          this.capture = 0;
        }
        break;
      case 'rPh':
        if (this.phonetic > 0) this.phonetic--;
        break;
      case 'si':
        if (this.current !== undefined) this.strings.push(this.current);
        this.current = undefined;
        break;
    }
  }
}

/** How a cell style draws a cell (the workbench's grid): what Excel's Home tab would show. */
export interface CellLook {
  readonly bold: boolean;
  /** A solid fill's colour as CSS (`#FFC7CE`); theme and indexed colours are not drawn. */
  readonly fill?: string;
  readonly horizontal?: string;
  readonly vertical?: string;
  readonly wrap: boolean;
}

/**
 * `styles.xml` for drawing: each `<cellXfs>` style's font weight (`<b/>` of its font), solid fill
 * colour (`<patternFill patternType="solid"><fgColor rgb>` of its fill) and `<alignment>`.
 */
export function readCellLooks(partName: string, bytes: Uint8Array): CellLook[] {
  const fontsBold: boolean[] = [];
  const fills: (string | undefined)[] = [];
  const looks: CellLook[] = [];
  let section = '';
  let solid = false;
  let fillColour: string | undefined;
  let current: { fontId: number; fillId: number; horizontal?: string; vertical?: string; wrap: boolean } | undefined;
  const finishXf = () => {
    if (!current) return;
    const fill = fills[current.fillId];
    looks.push({
      bold: fontsBold[current.fontId] ?? false,
      ...(fill ? { fill } : {}),
      ...(current.horizontal ? { horizontal: current.horizontal } : {}),
      ...(current.vertical ? { vertical: current.vertical } : {}),
      wrap: current.wrap,
    });
    current = undefined;
  };
  // saxes reports a close for self-closing elements too, so every element ends in `close`.
  parseXmlPart(partName, bytes, {
    open(name, attrs) {
      switch (name) {
        case 'fonts':
        case 'fills':
        case 'cellXfs':
        case 'cellStyleXfs':
        case 'dxfs':
          section = name;
          break;
        case 'font':
          if (section === 'fonts') fontsBold.push(false);
          break;
        case 'b':
          if (section === 'fonts' && fontsBold.length)
            fontsBold[fontsBold.length - 1] = xmlBool(attr(attrs, 'val') ?? '1');
          break;
        case 'fill':
          if (section === 'fills') {
            solid = false;
            fillColour = undefined;
          }
          break;
        case 'patternFill':
          if (section === 'fills') solid = attr(attrs, 'patternType') === 'solid';
          break;
        case 'fgColor': {
          const rgb = attr(attrs, 'rgb');
          if (section === 'fills' && rgb && /^[0-9a-f]{6,8}$/i.test(rgb))
            fillColour = `#${rgb.slice(-6).toUpperCase()}`;
          break;
        }
        case 'xf':
          if (section !== 'cellXfs') break;
          current = {
            fontId: Number(attr(attrs, 'fontId') ?? 0),
            fillId: Number(attr(attrs, 'fillId') ?? 0),
            wrap: false,
          };
          break;
        case 'alignment':
          if (section === 'cellXfs' && current) {
            current.horizontal = attr(attrs, 'horizontal');
            current.vertical = attr(attrs, 'vertical');
            current.wrap = xmlBool(attr(attrs, 'wrapText'));
          }
          break;
      }
    },
    close(name) {
      if (name === section) section = '';
      else if (name === 'fill' && section === 'fills') fills.push(solid ? fillColour : undefined);
      else if (name === 'xf' && section === 'cellXfs') finishXf();
    },
  });
  return looks;
}
