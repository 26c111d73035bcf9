import { escapeAttr, findAll, findElement, getAttr, prefixOf, setAttr } from './xml';

/** Number formats every Excel knows by id (ECMA-376 §18.8.30): writing one needs no `<numFmt>`. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};

/** A minimal stylesheet, for a package that has none (a style must be added to it). */
export const EMPTY_STYLESHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

/** The elements of styles.xml in schema order (CT_Stylesheet): a block jixiao adds goes in its place. */
const ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
];

const DEFAULTS: Readonly<Record<string, string[]>> = {
  numFmts: [],
  fonts: ['<font><sz val="11"/><name val="Calibri"/></font>'],
  fills: ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'],
  cellXfs: ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'],
};

/**
 * styles.xml opened to add cell styles without touching the existing ones: a style jixiao needs
 * (a number format, a mark's fill, a bold header) is a copy of the cell's own `<xf>` with one thing
 * changed, appended to `<cellXfs>` — or an identical one already there is reused, so marking and
 * clearing again does not grow the file. Every existing index keeps its meaning.
 */
export class StylesXml {
  private readonly p: string;
  private readonly lists = new Map<string, string[]>();
  private readonly added = new Map<string, number>();

  constructor(private readonly xml: string) {
    this.p = prefixOf(xml, 'styleSheet') ?? '';
  }

  /** The elements of a block (`cellXfs` → its `<xf>`s), as written. */
  private list(block: string): string[] {
    let items = this.lists.get(block);
    if (items) return items;
    const item = {
      numFmts: 'numFmt',
      fonts: 'font',
      fills: 'fill',
      cellXfs: 'xf',
    }[block]!;
    const el = findElement(this.xml, `${this.p}${block}`);
    items = el
      ? findAll(this.xml, `${this.p}${item}`, el.openEnd, el.closeStart).map((x) => this.xml.slice(x.start, x.end))
      : [...(DEFAULTS[block] ?? [])].map((x) => this.prefixed(x));
    this.lists.set(block, items);
    return items;
  }

  /** Adds prefixes to a default written without them, for a part whose elements carry one. */
  private prefixed(xml: string): string {
    return this.p ? xml.replace(/<(\/?)([a-zA-Z])/g, `<$1${this.p}$2`) : xml;
  }

  private push(block: string, xml: string): number {
    const items = this.list(block);
    const same = items.indexOf(xml);
    if (same >= 0) return same;
    items.push(xml);
    this.added.set(block, (this.added.get(block) ?? 0) + 1);
    return items.length - 1;
  }

  private xf(index: number): string {
    const xfs = this.list('cellXfs');
    return xfs[index] ?? xfs[0] ?? this.prefixed(DEFAULTS.cellXfs[0]);
  }

  /** Whether a cell with this style shows numbers in a format of its own (not General). */
  hasNumberFormat(index: number): boolean {
    return Number(getAttr(this.xf(index), 'numFmtId') ?? 0) !== 0;
  }

  /** A style like `index` with number format `code`. */
  withNumberFormat(index: number, code: string): number {
    return this.derive(index, {
      numFmtId: String(this.numFmtId(code)),
      applyNumberFormat: '1',
    });
  }

  /** A style like `index` with a solid fill of `hex` (`#FFC7CE`). */
  withSolidFill(index: number, hex: string): number {
    const rgb = argb(hex);
    const fill = this.prefixed(
      `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`,
    );
    return this.derive(index, {
      fillId: String(this.push('fills', fill)),
      applyFill: '1',
    });
  }

  /** A style like `index` without a fill. */
  withoutFill(index: number): number {
    return this.derive(index, { fillId: '0' });
  }

  /** A style like `index` in bold. */
  withBold(index: number): number {
    const fonts = this.list('fonts');
    const base = fonts[Number(getAttr(this.xf(index), 'fontId') ?? 0)] ?? fonts[0] ?? this.prefixed(DEFAULTS.fonts[0]);
    const bold = /<(?:\w+:)?b\s*\/>/.test(base)
      ? base
      : base.endsWith('/>')
        ? `${base.slice(0, -2).replace(/\s+$/, '')}><${this.p}b/></${this.p}font>`
        : base.replace(/^<[^>]*>/, (open) => `${open}<${this.p}b/>`);
    return this.derive(index, {
      fontId: String(this.push('fonts', bold)),
      applyFont: '1',
    });
  }

  /** The solid fill colour of a style as `#RRGGBB`, undefined when it has none. */
  solidFillOf(index: number): string | undefined {
    const fill = this.list('fills')[Number(getAttr(this.xf(index), 'fillId') ?? 0)];
    if (!fill || !/patternType="solid"/.test(fill)) return undefined;
    const rgb = /<(?:\w+:)?fgColor\b[^>]*\srgb="([0-9A-Fa-f]{6,8})"/.exec(fill)?.[1];
    return rgb ? `#${rgb.slice(-6).toUpperCase()}` : undefined;
  }

  private derive(index: number, attrs: Record<string, string>): number {
    let xf = this.xf(index);
    const selfClosing = xf.endsWith('/>');
    const open = /^<[^>]*>/.exec(xf)![0];
    let tag = open;
    for (const [k, v] of Object.entries(attrs)) tag = setAttr(tag, k, v);
    xf = tag + (selfClosing ? '' : xf.slice(open.length));
    return this.push('cellXfs', xf);
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const fmts = this.list('numFmts');
    for (const f of fmts) if (getAttr(f, 'formatCode') === code) return Number(getAttr(f, 'numFmtId'));
    const ids = fmts.map((f) => Number(getAttr(f, 'numFmtId')) || 0);
    const id = Math.max(163, ...ids) + 1;
    this.push('numFmts', `<${this.p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  get modified(): boolean {
    return this.added.size > 0;
  }

  /** styles.xml with the added elements appended to their blocks (and counts updated). */
  toString(): string {
    let xml = this.xml;
    for (const block of ORDER) {
      const n = this.added.get(block);
      if (!n) continue;
      const items = this.list(block);
      const fresh = items.slice(items.length - n).join('');
      const el = findElement(xml, `${this.p}${block}`);
      if (el) {
        const open = setAttr(
          el.openTag.endsWith('/>') ? `${el.openTag.slice(0, -2).replace(/\s+$/, '')}>` : el.openTag,
          'count',
          String(items.length),
        );
        const inner = el.openTag.endsWith('/>') ? '' : xml.slice(el.openEnd, el.closeStart);
        xml = `${xml.slice(0, el.start)}${open}${inner}${fresh}</${this.p}${block}>${xml.slice(el.end)}`;
      } else {
        // The block was missing (a styles part without cellXfs): it is written whole, defaults first.
        const whole = `<${this.p}${block} count="${items.length}">${items.join('')}</${this.p}${block}>`;
        xml = insertInOrder(xml, this.p, block, whole);
      }
    }
    return xml;
  }
}

function insertInOrder(xml: string, p: string, block: string, text: string): string {
  for (const next of ORDER.slice(ORDER.indexOf(block) + 1)) {
    const el = findElement(xml, `${p}${next}`);
    if (el) return xml.slice(0, el.start) + text + xml.slice(el.start);
  }
  const close = xml.lastIndexOf(`</${p}styleSheet>`);
  return xml.slice(0, close) + text + xml.slice(close);
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}
