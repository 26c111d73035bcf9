import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import { DEFAULT_LIMITS, partKey as readerPartKey, unzipPackage, type PackageEntries } from './ooxml/package';
import { WorkbookReadError } from './ooxml/errors';

/**
 * An .xlsx package held as its zip entries, for surgical writing: every entry keeps its name (even
 * a WPS `xl\worksheets\sheet1.xml`), its order and its bytes; only the parts jixiao edits get new
 * bytes, and parts it adds go at the end. Part names are looked up the way OPC defines them:
 * case-insensitive, `/`-rooted, with `\` read as `/`.
 */
export class PackageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Total inflated size a package may have: beyond it the file is a zip bomb, not a workbook. */
export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

export class XlsxPackage {
  /** Entry names in the order of the original zip, then added parts. */
  private readonly order: string[];
  private readonly entries: Map<string, Uint8Array>;
  /** Normalised part name → entry name. */
  private readonly byPart = new Map<string, string>();
  private readonly changed = new Set<string>();

  private constructor(entries: Map<string, Uint8Array>) {
    this.entries = entries;
    this.order = [...entries.keys()];
    // Two entries naming one part (`xl/a.xml` and `XL\A.xml`): the first is the part, as the reader
    // (OoxmlPackage) takes it, so what `score` reads is what it writes into.
    for (const name of this.order) if (!this.byPart.has(partKey(name))) this.byPart.set(partKey(name), name);
  }

  /** Unzips .xlsx bytes; a file that is not a zip, or inflates past the limit, throws PackageError. */
  static open(
    bytes: Uint8Array,
    maxInflated = MAX_INFLATED_BYTES,
    /** Only the entries this keeps (by part name: `/`, no leading `/`, lower case) are inflated; the reader asks for jixiao's state alone. */
    keep: (name: string) => boolean = () => true,
  ): XlsxPackage {
    // The reader's unzip (one directory reading, one limit, one message for a broken or oversized zip).
    let files: PackageEntries;
    try {
      files = unzipPackage(bytes, { ...DEFAULT_LIMITS, maxInflatedBytes: maxInflated }, keep);
    } catch (e) {
      if (e instanceof WorkbookReadError) throw new PackageError(e.zh, e.en);
      throw e;
    }
    // Folder entries (`xl/`) are kept too: the output lists what the input listed.
    return new XlsxPackage(new Map(Object.entries(files)));
  }

  /** Whether any part was changed or added since the package was opened. */
  get modified(): boolean {
    return this.changed.size > 0;
  }

  /** Normalised names of the parts changed or added. */
  changedParts(): string[] {
    return [...this.changed];
  }

  /** The entries as the zip spells their names (fflate's `unzipSync` shape), for the reader: read, never changed. */
  entryRecord(): Readonly<Record<string, Uint8Array>> {
    return Object.fromEntries(this.entries);
  }

  has(part: string): boolean {
    return this.byPart.has(partKey(part));
  }

  /** Part names as `/`-separated paths without a leading slash, in package order. */
  parts(): string[] {
    return this.order.map((n) => n.replace(/\\/g, '/').replace(/^\//, ''));
  }

  bytes(part: string): Uint8Array | undefined {
    const name = this.byPart.get(partKey(part));
    return name === undefined ? undefined : this.entries.get(name);
  }

  /** A part as text (UTF-8, the encoding every SpreadsheetML part jixiao edits is written in). */
  text(part: string): string | undefined {
    const b = this.bytes(part);
    if (!b) return undefined;
    // A UTF-8 byte order mark is kept out of the text and put back on write.
    return strFromU8(hasBom(b) ? b.subarray(3) : b);
  }

  /** Replaces (or adds) a part; a part whose text does not change stays as it was, byte for byte. */
  setText(part: string, text: string): void {
    const old = this.bytes(part);
    const bom = old !== undefined && hasBom(old);
    const body = strToU8(text);
    const data = bom ? concat(BOM, body) : body;
    if (old && sameBytes(old, data)) return;
    const key = partKey(part);
    let name = this.byPart.get(key);
    if (name === undefined) {
      name = part.replace(/^\//, '');
      this.order.push(name);
      this.byPart.set(key, name);
    }
    this.entries.set(name, data);
    this.changed.add(key.slice(1));
  }

  /** The package as .xlsx bytes; `level` 0 stores without compressing (a quick in-memory copy). */
  toBytes(level: 0 | 6 = 6): Uint8Array {
    const files: Zippable = {};
    for (const name of this.order) files[name] = [this.entries.get(name)!, { level }];
    return zipSync(files);
  }
}

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

function hasBom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** OPC part name equivalence (the reader's rule, ooxml/package.ts), written `/`-rooted. */
export function partKey(name: string): string {
  return `/${readerPartKey(name)}`;
}

/** Resolves a relationship target against the part that holds the relationship. */
export function resolveTarget(sourcePart: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  if (t.startsWith('/')) return t.slice(1);
  const base = sourcePart.replace(/\\/g, '/').replace(/^\//, '').split('/');
  base.pop();
  for (const seg of t.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/** The .rels part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPartOf(part: string): string {
  const p = part.replace(/\\/g, '/').replace(/^\//, '');
  const i = p.lastIndexOf('/');
  return i < 0 ? `_rels/${p}.rels` : `${p.slice(0, i)}/_rels/${p.slice(i + 1)}.rels`;
}
