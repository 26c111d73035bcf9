import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { inflateRawSync } from 'zlib';
import { deflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { extractEntry, readZipDirectory, useRawInflate, ZipFormatError } from '../../src/xlsx/ooxml/zip';
import { useNodeInflate } from '../../src/cli/inflate';
import { readXlsxBytes, WorkbookReadError } from '../../src/xlsx/read';
import { SAMPLES_DIR } from '../helpers/fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures');
const workbooks = [
  ...readdirSync(SAMPLES_DIR).map((f) => join(SAMPLES_DIR, f)),
  ...['write-safety', 'dialects', 'realworld'].flatMap((d) =>
    readdirSync(join(FIXTURES, d)).map((f) => join(FIXTURES, d, f)),
  ),
].filter((f) => f.endsWith('.xlsx'));

afterEach(() => useRawInflate(undefined));

/** Every entry, as jixiao's directory reader and the current inflater give it. */
function ours(bytes: Uint8Array): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const e of readZipDirectory(bytes)) out[e.name] = extractEntry(bytes, e);
  return out;
}

describe('the zip directory reader against fflate’s unzipSync (the oracle), with either inflater', () => {
  test.each(workbooks.map((f) => [f.slice(f.lastIndexOf('/') + 1), f]))('%s', (_name, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const oracle = unzipSync(bytes);
    expect(ours(bytes)).toEqual(oracle);
    useNodeInflate();
    expect(ours(bytes)).toEqual(oracle);
  });
});

/** A stored-only zip written field by field, with zip64 extra fields in its central directory. */
function zip64Stored(files: readonly (readonly [string, string])[]): Uint8Array {
  const parts: number[] = [];
  const central: number[] = [];
  /** Little-endian fields: [width in bytes, value] each. */
  const put = (a: number[], ...fields: [2 | 4 | 8, number][]) => {
    for (const [width, v] of fields)
      for (let i = 0; i < width; i++)
        a.push(i < 4 ? Math.floor(v / 2 ** (8 * i)) & 0xff : Math.floor(v / 2 ** 32 / 2 ** (8 * (i - 4))) & 0xff);
  };
  let count = 0;
  for (const [name, text] of files) {
    const data = strToU8(text);
    const nameBytes = strToU8(name);
    const offset = parts.length;
    put(parts, [4, 0x04034b50], [2, 45], [2, 0x800], [2, 0], [4, 0], [4, 0]);
    put(parts, [4, data.length], [4, data.length], [2, nameBytes.length], [2, 0]);
    parts.push(...nameBytes, ...data);
    put(central, [4, 0x02014b50], [2, 45], [2, 45], [2, 0x800], [2, 0], [4, 0], [4, 0]);
    put(central, [4, 0xffffffff], [4, 0xffffffff], [2, nameBytes.length], [2, 28]);
    put(central, [2, 0], [2, 0], [2, 0], [4, 0], [4, 0xffffffff]);
    central.push(...nameBytes);
    put(central, [2, 1], [2, 24], [8, data.length], [8, data.length], [8, offset]);
    count++;
  }
  const cdOffset = parts.length;
  const end: number[] = [];
  const end64At = cdOffset + central.length;
  put(end, [4, 0x06064b50], [8, 44], [2, 45], [2, 45], [4, 0], [4, 0]);
  put(end, [8, count], [8, count], [8, central.length], [8, cdOffset]);
  put(end, [4, 0x07064b50], [4, 0], [8, end64At], [4, 1]);
  put(end, [4, 0x06054b50], [2, 0], [2, 0], [2, 0xffff], [2, 0xffff], [4, 0xffffffff], [4, 0xffffffff], [2, 0]);
  return new Uint8Array([...parts, ...central, ...end]);
}

describe('what other zip writers do', () => {
  test('zip64 records (sizes and offsets in the extra field, a zip64 end record) are read', () => {
    const bytes = zip64Stored([
      ['xl/a.xml', '<a>甲</a>'],
      ['b.txt', 'bb'],
    ]);
    expect(readZipDirectory(bytes).map((e) => [e.name, e.size, e.method])).toEqual([
      ['xl/a.xml', strToU8('<a>甲</a>').length, 0],
      ['b.txt', 2, 0],
    ]);
    expect(new TextDecoder().decode(ours(bytes)['xl/a.xml'])).toBe('<a>甲</a>');
  });

  test('a comment after the end record, and a name given twice (the later wins)', () => {
    const plain = zipSync({ 'x.xml': strToU8('<x/>') });
    const comment = strToU8('由 WPS 生成'.repeat(50));
    const zipped = new Uint8Array([...plain, ...comment]);
    // the end record's comment length (its last field)
    zipped[plain.length - 2] = comment.length & 0xff;
    zipped[plain.length - 1] = comment.length >>> 8;
    expect(Object.keys(ours(zipped))).toEqual(['x.xml']);
    const twice = zip64Stored([
      ['a.xml', '1'],
      ['a.xml', '2'],
    ]);
    expect(new TextDecoder().decode(ours(twice)['a.xml'])).toBe('2');
  });
});

describe('what no reader should let through', () => {
  const valid = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'.repeat(100)) });

  test('not a zip, or cut short: a ZipFormatError, which the reader turns into one Chinese line', () => {
    expect(() => readZipDirectory(strToU8('PK not really a zip'))).toThrow(ZipFormatError);
    expect(() => ours(valid.subarray(0, valid.length - 30))).toThrow(ZipFormatError);
    const e = (() => {
      try {
        readXlsxBytes(valid.subarray(0, 40), 'cut.xlsx');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as WorkbookReadError).zh).toContain('压缩包无法解开');
  });

  test.each([
    ['fflate', () => useRawInflate(undefined)],
    ['zlib', () => useNodeInflate()],
  ])('a part whose stream inflates past its declared size never grows past it (%s)', (_name, use) => {
    use();
    const big = strToU8('甲'.repeat(10_000));
    const bytes = zipSync({ 'p.xml': big });
    const entry = readZipDirectory(bytes)[0];
    const lying = { ...entry, size: 100 };
    let got: Uint8Array | undefined;
    try {
      got = extractEntry(bytes, lying);
    } catch (e) {
      expect(e).toBeInstanceOf(ZipFormatError);
    }
    if (got) expect(got.length).toBeLessThanOrEqual(100);
  });

  test('Node’s inflater gives exactly what fflate gives', () => {
    const text = strToU8('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(5000));
    const raw = deflateSync(text);
    expect(new Uint8Array(inflateRawSync(raw))).toEqual(text);
  });
});
