/**
 * Small, exact helpers for editing SpreadsheetML text in place. The writer never re-serialises a
 * part it parsed: it finds an element's span in the text and splices new text in, so everything
 * around it (namespaces, extensions, whitespace) stays as the producing application wrote it.
 */

/** Text content escaped for an element. Characters XML 1.0 forbids become Excel's `_xHHHH_` escapes. */
export function escapeText(s: string): string {
  return excelEscape(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A value escaped for a double-quoted attribute. */
export function escapeAttr(s: string): string {
  // Attributes (settings JSON, sheet names, format codes) are taken literally: no `_xHHHH_` escapes.
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/**
 * ECMA-376 §22.9.2.19 ST_Xstring: a character XML cannot carry is written `_xHHHH_`; a literal
 * `_xHHHH_` in the text is protected by escaping its underscore (`_x005F_`), so it reads back as written.
 */
function excelEscape(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
    );
}

/** Decodes the five predefined entities and numeric character references. */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(
    /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g,
    (_, hex: string, dec: string, name: string) => {
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      if (dec) return String.fromCodePoint(parseInt(dec, 10));
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name];
    },
  );
}

/** Undoes ST_Xstring escapes (`_x000D_` → CR, `_x005F_` → `_`). */
export function decodeXstring(s: string): string {
  return s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;
}

/** An attribute of a start tag (`<c r="A1" s="3">`), decoded; undefined when absent. Prefixes ignored for `r:id`-style names only when asked with the prefix. */
const attrPatterns = new Map<string, RegExp>();

export function getAttr(tag: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`\\s${escapeRe(name)}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  return m ? decodeXml(m[1] ?? m[2]) : undefined;
}

/** The start tag with `name` set to `value` (added before the tag's end when absent), or removed when value is undefined. */
export function setAttr(tag: string, name: string, value: string | undefined): string {
  const re = new RegExp(`\\s${escapeRe(name)}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  if (value === undefined) return tag.replace(re, '');
  const attr = ` ${name}="${escapeAttr(value)}"`;
  if (re.test(tag)) return tag.replace(re, attr);
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return tag.slice(0, end).replace(/\s+$/, '') + attr + tag.slice(end);
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The namespace prefix (with its colon, or '') the part uses for an element, e.g. `x:` for `<x:sheetData>`. */
export function prefixOf(xml: string, localName: string): string | undefined {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${localName}[\\s/>]`).exec(xml);
  return m ? (m[1] ?? '') : undefined;
}

/** Span of the first element `<p:name …>…</p:name>` or `<p:name …/>` at or after `from`. */
export interface ElementSpan {
  readonly start: number;
  /** End of the start tag (index after its `>`). */
  readonly openEnd: number;
  /** Start of the end tag (= end for an empty element). */
  readonly closeStart: number;
  readonly end: number;
  readonly openTag: string;
}

const startTags = new Map<string, RegExp>();

/** One pattern per element name: a sheet of 100,000 rows looks for `<row` 100,000 times. */
function startTagPattern(qname: string): RegExp {
  let re = startTags.get(qname);
  if (!re) startTags.set(qname, (re = new RegExp(`<${escapeRe(qname)}(?=[\\s/>])[^>]*>`, 'g')));
  return re;
}

export function findElement(xml: string, qname: string, from = 0): ElementSpan | undefined {
  const re = startTagPattern(qname);
  re.lastIndex = from;
  const m = re.exec(xml);
  if (!m) return undefined;
  const start = m.index;
  const openEnd = start + m[0].length;
  if (m[0].endsWith('/>')) return { start, openEnd, closeStart: openEnd, end: openEnd, openTag: m[0] };
  const close = `</${qname}>`;
  const closeStart = xml.indexOf(close, openEnd);
  if (closeStart < 0) return undefined;
  return {
    start,
    openEnd,
    closeStart,
    end: closeStart + close.length,
    openTag: m[0],
  };
}

/** Every element `qname` directly found in `xml[from, to)` (elements of that name do not nest). */
export function findAll(xml: string, qname: string, from = 0, to = xml.length): ElementSpan[] {
  const out: ElementSpan[] = [];
  for (let at = from; ;) {
    const el = findElement(xml, qname, at);
    if (!el || el.end > to) return out;
    out.push(el);
    at = el.end;
  }
}
