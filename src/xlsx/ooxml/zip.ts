import { inflateSync, strFromU8 } from 'fflate';

/**
 * The zip directory of an .xlsx read from its central directory (PKWARE APPNOTE 6.3.10 §4.3.12–16,
 * zip64 included), so each part can be inflated by the fastest inflater the host has: fflate in the
 * browser, Node's zlib in the CLI (`useRawInflate`). fflate's `unzipSync` does the same walk but
 * only with its own inflater, which on a 100,000-row ledger (29 MB of sheet XML) cost 0.21 s of a
 * 1.5 s `check` against zlib's 0.08 s. Nothing here trusts a size it has not bounded: entries and
 * names must lie inside the file, and a part inflates into at most the size the directory declares.
 */

export interface ZipEntry {
  /** As the zip spells it (`xl/worksheets/sheet1.xml`, or with `\` from some WPS builds). */
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  /** The inflated size the directory declares. */
  readonly size: number;
  /** Offset of the entry's local file header. */
  readonly localHeader: number;
}

/** Raw DEFLATE (no zlib header) → exactly the bytes; `size`: the declared inflated size, never exceeded. */
export type RawInflate = (data: Uint8Array, size: number) => Uint8Array;

const fflateInflate: RawInflate = (data, size) => {
  const out = inflateSync(data, { out: new Uint8Array(size) });
  return out.length === size ? out : out.subarray(0, size);
};

let rawInflate: RawInflate = fflateInflate;

/**
 * The inflater every later read uses (the CLI passes Node's `zlib.inflateRawSync` with
 * `maxOutputLength`). Both inflaters give the same bytes (test/xlsx/zip.test.ts reads every fixture with each).
 */
export function useRawInflate(inflate: RawInflate | undefined): void {
  rawInflate = inflate ?? fflateInflate;
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Every entry of the central directory, in its order. Throws ZipFormatError for what is not a readable zip. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
  // The end record is 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--)
    if (u32(at) === EOCD) {
      end = at;
      break;
    }
  if (end < 0) throw new ZipFormatError('no end of central directory');
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== EOCD64_LOCATOR) throw new ZipFormatError('zip64 locator missing');
    const end64 = u64(locator + 8);
    if (end64 + 56 > bytes.length || u32(end64) !== EOCD64) throw new ZipFormatError('zip64 end record missing');
    count = u64(end64 + 32);
    offset = u64(end64 + 48);
  }
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== CENTRAL) throw new ZipFormatError(`central directory entry ${i} broken`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localHeader = u32(at + 42);
    const nameStart = at + 46;
    if (nameStart + nameLength + extraLength > bytes.length) throw new ZipFormatError(`entry ${i} runs past the file`);
    const nameBytes = bytes.subarray(nameStart, nameStart + nameLength);
    // Bit 11: UTF-8 names; without it, CP437, which for the ASCII part names of a package is the same.
    const name = flags & 0x800 ? strFromU8(nameBytes) : latin(nameBytes);
    // Zip64 extended information (id 1): the 64-bit values of exactly the fields left at 0xFFFFFFFF.
    for (let x = nameStart + nameLength; x + 4 <= nameStart + nameLength + extraLength;) {
      const id = u16(x);
      const length = u16(x + 2);
      if (id === 1) {
        let f = x + 4;
        if (size === 0xffffffff) {
          size = u64(f);
          f += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(f);
          f += 8;
        }
        if (localHeader === 0xffffffff) localHeader = u64(f);
      }
      x += 4 + length;
    }
    entries.push({ name, method, compressedSize, size, localHeader });
    at = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The inflated bytes of one entry. Throws ZipFormatError for a broken entry or an unknown method. */
export function extractEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeader;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL)
    throw new ZipFormatError(`local header of ${entry.name} broken`);
  // The local header's own name and extra lengths (they may differ from the central directory's).
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ZipFormatError(`${entry.name} runs past the file`);
  const data = bytes.subarray(start, start + entry.compressedSize);
  switch (entry.method) {
    case 0:
      return data.slice(0, entry.size);
    case 8:
      try {
        return rawInflate(data, entry.size);
      } catch (e) {
        throw new ZipFormatError(`${entry.name} does not inflate (${(e as Error).message})`);
      }
    default:
      throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}`);
  }
}

function latin(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}
