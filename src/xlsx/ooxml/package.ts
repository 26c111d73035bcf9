import { WorkbookReadError } from './errors';
import { extractEntry, readZipDirectory, type ZipEntry } from './zip';

/**
 * The zip package of an .xlsx (Open Packaging Conventions): its directory read (zip.ts), then the
 * parts wanted inflated, within limits checked against the directory before anything is inflated.
 */

/** What one read may cost. The CLI and the workbench use DEFAULT_LIMITS; tests shrink them. */
export interface ReaderLimits {
  /** Total inflated bytes of the package, as its zip directory declares them (1 GiB). */
  readonly maxInflatedBytes: number;
  /** Cells stored in one sheet (values and formulas). */
  readonly maxCellsPerSheet: number;
  /** `<mergeCell>` elements in one sheet. */
  readonly maxMergesPerSheet: number;
  /** Sheets in the workbook. */
  readonly maxSheets: number;
}

export const DEFAULT_LIMITS: ReaderLimits = {
  maxInflatedBytes: 1 << 30,
  maxCellsPerSheet: 20_000_000,
  maxMergesPerSheet: 1_000_000,
  maxSheets: 10_000,
};

/** Zip entries by name as the zip spells them → their bytes (fflate's `unzipSync` shape). */
export type PackageEntries = Readonly<Record<string, Uint8Array>>;

/**
 * A package's parts by part name. OPC part names are case-insensitive and use `/`; WPS writes
 * `\` (xl\workbook.xml), which Excel accepts: both are looked up the same way.
 */
export class OoxmlPackage {
  private readonly byName = new Map<string, Uint8Array>();

  constructor(entries: PackageEntries) {
    for (const [name, bytes] of Object.entries(entries)) {
      const key = partKey(name);
      if (key && !this.byName.has(key)) this.byName.set(key, bytes);
    }
  }

  /** The bytes of a part (`xl/workbook.xml`, with or without a leading `/`), if present. */
  part(name: string): Uint8Array | undefined {
    return this.byName.get(partKey(name));
  }

  /** Forgets a part once read, so that its bytes can be collected while the rest is read. */
  release(name: string): void {
    this.byName.delete(partKey(name));
  }

  /** Total bytes of the parts held. */
  get size(): number {
    let n = 0;
    for (const b of this.byName.values()) n += b.length;
    return n;
  }
}

/** OPC part name equivalence: `\` as `/`, no leading `/`, ASCII case-insensitive (the reader's and the writer's one rule). */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/**
 * Unzips the parts `wanted` accepts, after checking the sizes the zip directory declares against
 * the limit: a zip bomb is refused before one byte is inflated. Inflation writes into a buffer of
 * the declared size, so a part lying about its size is cut short there (and then fails to parse),
 * never grows past it.
 */
export function unzipPackage(
  bytes: Uint8Array,
  limits: ReaderLimits,
  wanted: (name: string) => boolean = () => true,
): PackageEntries {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch {
    throw corruptZip();
  }
  let declared = 0;
  for (const e of entries) declared += e.size;
  if (declared > limits.maxInflatedBytes)
    throw new WorkbookReadError(
      'too-large',
      `工作簿解压后达 ${mb(declared)}，超过上限 ${mb(limits.maxInflatedBytes)}（可能是压缩炸弹或损坏的文件），已拒绝读取`,
      `the workbook inflates to ${mb(declared)}, over the ${mb(limits.maxInflatedBytes)} limit`,
    );
  if (entries.length === 0)
    throw new WorkbookReadError('corrupt', '工作簿已损坏：压缩包中没有任何文件', 'the zip package holds no files');
  const out: Record<string, Uint8Array> = {};
  try {
    // A name given twice: the later entry wins, as fflate's unzipSync had it.
    for (const e of entries) if (wanted(partKey(e.name))) out[e.name] = extractEntry(bytes, e);
  } catch {
    throw corruptZip();
  }
  return out;
}

/** The zip reader's own words stay out of the message: they tell a user nothing. */
function corruptZip(): WorkbookReadError {
  return new WorkbookReadError(
    'corrupt',
    '工作簿已损坏或不完整：压缩包无法解开，文件可能被截断，请重新获取原文件',
    'the workbook is corrupt or truncated',
  );
}

export function mb(bytes: number): string {
  return bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / (1 << 20)))} MB`;
}

/** A relationship of a part's `_rels/*.rels`. */
export interface Relationship {
  readonly id: string;
  /** The relationship type's last segment (`worksheet`, `officeDocument`, `sharedStrings`). */
  readonly type: string;
  /** The target resolved to a part name (no leading `/`), or the raw target when external. */
  readonly target: string;
  readonly external: boolean;
}

/** The rels part of `partName` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`). */
export function relsPartOf(partName: string): string {
  const slash = partName.lastIndexOf('/');
  return `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the folder of its source part. */
export function resolveTarget(sourcePart: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  if (t.startsWith('/')) return normalizePath(t.slice(1));
  const base = sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1);
  return normalizePath(base + t);
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}
