import { WorkbookReadError } from './errors';
import { encodingOf, textDecoder, xmlError } from './xml';

/**
 * A fast scanner for the large, regular parts of a workbook (worksheets, shared strings): elements
 * by local name (`x:c` is `c`), attributes in either quote, text, CDATA, comments, processing
 * instructions, the five entities and character references. A subclass handles the elements it
 * reads (`open`, `close`) and skips the rest without looking inside; text is collected only while
 * `capture` is non-zero. A DTD is refused, as in parseXmlPart (xml.ts): no entity is ever expanded.
 *
 * Why not saxes for these: on a 100,000-row ledger (29 MB of sheet XML, 1.45 million elements, and
 * 100,000 shared strings) saxes's events alone cost more than the rest of a `check`.
 */
export abstract class ElementScanner {
  /** Non-zero while text is being collected (a subclass's own code for what it collects). */
  protected capture = 0;
  protected captured = '';
  /** Elements open now, and whether the root was ever opened: a part cut short leaves one open. */
  private depth = 0;
  private rooted = false;

  constructor(protected readonly partName: string) {}

  get part(): string {
    return this.partName;
  }

  /** Handles a start tag whose local name is `name`, its attributes starting at `p`; returns the offset after its `>`. */
  protected abstract open(s: string, name: string, p: number): number;

  protected abstract close(name: string): void;

  /** Scans one slice of the part (slices are cut between elements). */
  scan(s: string): void {
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (this.capture !== 0) this.captured += decodeText(s.slice(i));
        return;
      }
      if (lt > i && this.capture !== 0) this.captured += decodeText(s.slice(i, lt));
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 0x21 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) throw new Error('unterminated comment');
          i = end + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) throw new Error('unterminated CDATA');
          if (this.capture !== 0) this.captured += s.slice(lt + 9, end);
          i = end + 3;
        } else if (s.startsWith('<!DOCTYPE', lt)) {
          throw new WorkbookReadError(
            'corrupt',
            `工作簿部件 ${this.partName} 含有 DTD 声明（OOXML 不允许），为安全起见不予读取`,
            `${this.partName} holds a DTD, which OOXML forbids`,
          );
        } else throw new Error(`unexpected markup at ${lt}`);
        continue;
      }
      if (c1 === 0x3f /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) throw new Error('unterminated processing instruction');
        i = end + 2;
        continue;
      }
      if (c1 === 0x2f /* / */) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) throw new Error('unterminated end tag');
        if (--this.depth < 0) throw new Error(`end tag without a start at ${lt}`);
        this.close(localNameAt(s, lt + 2, gt));
        i = gt + 1;
        continue;
      }
      // a start tag: its name, then (for the elements read) its attributes
      let p = lt + 1;
      while (p < n && !isNameEnd(s.charCodeAt(p))) p++;
      const name = localNameAt(s, lt + 1, p);
      i = this.open(s, name, p);
      if (s.charCodeAt(i - 2) !== 0x2f /* not self-closing */) this.depth++;
      this.rooted = true;
    }
  }

  /**
   * After the last slice: a part must have had a root and closed every element. A sheet or shared
   * strings cut short at an element boundary would otherwise read as a smaller, complete one.
   */
  finish(): void {
    if (!this.rooted) throw new Error('no root element');
    if (this.depth !== 0 || this.capture !== 0) throw new Error(`${this.depth} element(s) left open at the end`);
  }
}

/** Whitespace, `/` or `>`: where an element name ends. */
export function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;
}

function localNameAt(s: string, from: number, to: number): string {
  let end = to;
  while (end > from && isNameEnd(s.charCodeAt(end - 1))) end--;
  let start = from;
  for (let k = from; k < end; k++) if (s.charCodeAt(k) === 0x3a) start = k + 1;
  return s.slice(start, end);
}

export function selfClosingAt(s: string, p: number): boolean {
  return s.charCodeAt(skipTag(s, p) - 2) === 0x2f;
}

/** The offset after the `>` that ends the tag whose attributes start at `p` (quotes respected). */
export function skipTag(s: string, p: number): number {
  return readAttributes(s, p, false);
}

/**
 * The attributes of the last start tag read (`readAttributes`): reused, so that the million cells
 * of a large sheet allocate no closure or object for theirs. `count` entries of `names`/`values` are valid.
 */
export const attrs = { names: [] as string[], values: [] as string[], count: 0 };

/**
 * Reads the attributes of a start tag from `p` (after its name) to its `>` into `attrs` (values decoded; names as written: SpreadsheetML's attributes are unprefixed, and a
 * prefixed one such as `r:id` keeps its prefix so it is never taken for a cell's `r`). Returns the
 * offset after the `>`; with `keep` false only finds that offset (quotes respected).
 */
export function readAttributes(s: string, p: number, keep: boolean): number {
  const n = s.length;
  let i = p;
  attrs.count = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0x3e) return i + 1;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f) {
      i++;
      continue;
    }
    if (c === 0x22 || c === 0x27) throw new Error(`attribute value without a name at ${i}`);
    const eq = s.indexOf('=', i);
    if (eq < 0) throw new Error('unterminated start tag');
    let q = eq + 1;
    while (
      q < n &&
      (s.charCodeAt(q) === 0x20 || s.charCodeAt(q) === 0x09 || s.charCodeAt(q) === 0x0a || s.charCodeAt(q) === 0x0d)
    )
      q++;
    const quote = s.charCodeAt(q);
    if (quote !== 0x22 && quote !== 0x27) throw new Error(`unquoted attribute at ${q}`);
    const close = s.indexOf(quote === 0x22 ? '"' : "'", q + 1);
    if (close < 0) throw new Error('unterminated attribute value');
    if (keep) {
      let nameEnd = eq;
      while (nameEnd > i && isNameEnd(s.charCodeAt(nameEnd - 1))) nameEnd--;
      attrs.names[attrs.count] = s.slice(i, nameEnd);
      attrs.values[attrs.count] = decodeText(s.slice(q + 1, close));
      attrs.count++;
    }
    i = close + 1;
  }
  throw new Error('unterminated start tag');
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text with its five entities and character references decoded. */
export function decodeText(t: string): string {
  if (t.indexOf('&') < 0) return t;
  return t.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const e = ENTITIES[ref];
    if (e === undefined) throw new Error(`undefined entity &${ref};`);
    return e;
  });
}

const SLICE_BYTES = 1 << 22;

/**
 * Scans a part with `scanner`, decoded in 4 MB slices cut just before an `element` start tag
 * (`row` in a sheet, `si` in the shared strings), so no string ever holds a whole part of hundreds
 * of megabytes. A part that is not well-formed is a WorkbookReadError naming it.
 */
export function scanPart(bytes: Uint8Array, scanner: ElementScanner, element: string): void {
  const encoding = encodingOf(bytes);
  const decode = textDecoder(encoding);
  const name = [...element].map((c) => c.charCodeAt(0));
  try {
    if (encoding !== 'utf-8' || bytes.length <= SLICE_BYTES) scanner.scan(decode(bytes, false));
    else {
      let start = 0;
      while (start < bytes.length) {
        const end = elementBoundary(bytes, start + SLICE_BYTES, name);
        scanner.scan(decode(bytes.subarray(start, end), end < bytes.length));
        start = end;
      }
    }
    scanner.finish();
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw xmlError(scanner.part, e);
  }
}

/** The offset of the first `<name` or `<prefix:name` start tag at or after `from` (or the end). */
function elementBoundary(bytes: Uint8Array, from: number, name: readonly number[]): number {
  outer: for (let i = bytes.indexOf(0x3c, from); i >= 0; i = bytes.indexOf(0x3c, i + 1)) {
    let j = i + 1;
    // an optional prefix: letters, digits, `_`, `-`, `.` then `:`
    let k = j;
    while (k < bytes.length && k - j < 32 && isNameByte(bytes[k])) k++;
    if (bytes[k] === 0x3a) j = k + 1;
    for (let c = 0; c < name.length; c++) if (bytes[j + c] !== name[c]) continue outer;
    const after = bytes[j + name.length];
    if (after === 0x20 || after === 0x3e || after === 0x2f || after === 0x09 || after === 0x0a || after === 0x0d)
      return i;
  }
  return bytes.length;
}

function isNameByte(b: number): boolean {
  return (
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x30 && b <= 0x39) ||
    b === 0x5f ||
    b === 0x2d ||
    b === 0x2e
  );
}
