import { readFileSync } from 'fs';
import { join } from 'path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { analyzeWorkbook } from '../../src/engine/analyze';
import {
  DEFAULT_LIMITS,
  readXlsxBytes,
  readXlsxEntries,
  WorkbookReadError,
  type ReaderLimits,
} from '../../src/xlsx/read';
import { shiftFormula } from '../../src/xlsx/ooxml/formula';
import { buildXlsx, stylesXml, worksheetXml } from '../helpers/xlsx';

/** jixiao's .xlsx reader on what other tools write, and on what no reader should let through. */

const values = (bytes: Uint8Array, sheet = 0) => readXlsxBytes(bytes, 't.xlsx').input.sheets[sheet].grid!.values;
const formulas = (bytes: Uint8Array, sheet = 0) => readXlsxBytes(bytes, 't.xlsx').input.sheets[sheet].grid!.formulas!;
const str = (value: string) => ({ kind: 'string', value });
const num = (value: number) => ({ kind: 'number', value });

function refusal(f: () => unknown): WorkbookReadError {
  try {
    f();
  } catch (e) {
    if (e instanceof WorkbookReadError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('a part cut short', () => {
  test('a sheet cut right after a </row> is refused as incomplete, not read as a shorter table', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`);
    const whole = worksheetXml(rows.join(''));
    expect(readXlsxBytes(buildXlsx({ sheets: [{ name: 'S', xml: whole }] }), 't.xlsx').input.sheets).toHaveLength(1);
    const cut = whole.slice(0, whole.indexOf('</row>', whole.indexOf('r="20"')) + '</row>'.length);
    const e = refusal(() => readXlsxBytes(buildXlsx({ sheets: [{ name: 'S', xml: cut }] }), 't.xlsx'));
    expect([e.reason, e.zh]).toEqual(['corrupt', expect.stringContaining('不是完整的 XML')]);
    expect(e.zh).toContain('xl/worksheets/sheet1.xml');
  });
});

describe('cells', () => {
  test('a <c> tag in every shape a writer uses: quotes, spaces around =, attribute order, $ and lower case in r, prefixed attributes, a reference written as a character reference, no r', () => {
    const rows =
      '<row r="2">' +
      '<c r="A2"><v>1</v></c>' +
      "<c r='B2' s='0'><v>2</v></c>" +
      '<c t="n" s="0" r="C2"><v>3</v></c>' +
      '<c r = "D2" t = "str"><v>四</v></c>' +
      '<c r="$E$2" x14ac:ph="1" cm="1"><v>5</v></c>' +
      '<c r="f2"><v>6</v></c>' +
      '<c r="&#71;2"><v>7</v></c>' +
      '<c><v>8</v></c>' +
      '<c r="ZZZZ2"><v>99</v></c>' +
      '</row>';
    const grid = values(buildXlsx({ sheets: [{ name: 'S', rows }] }));
    // ZZZZ is past Excel's last column: dropped; the cell without r follows G2
    expect(grid[2]!.slice(1)).toEqual([num(1), num(2), num(3), str('四'), num(5), num(6), num(7), num(8)]);
  });

  test('every cell type: shared and inline strings (rich runs joined, phonetic guides left out), numbers, booleans, errors, formulas with cached results', () => {
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>项目</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 立项</t></r><rPh sb="0" eb="2"><t>こう</t></rPh></is></c>' +
      '<c r="C1"><v>1.5</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#REF!</v></c><c r="F1" t="str"><f>A1&amp;"x"</f><v>甲x</v></c><c r="G1"><f>C1*2</f><v>3</v></c><c r="H1"><f>C1*3</f></c></row>';
    const bytes = buildXlsx({ sheets: [{ name: 'S', rows }], sharedStrings: ['甲'] });
    expect(values(bytes)[1]!.slice(1)).toEqual([
      str('甲'),
      str('项目 立项'),
      num(1.5),
      { kind: 'boolean', value: true },
      { kind: 'error', value: '#REF!' },
      str('甲x'),
      num(3),
      { kind: 'empty' },
    ]);
    expect(formulas(bytes)[1]!.slice(6)).toEqual(['A1&"x"', 'C1*2', 'C1*3']);
  });

  test('entities, character references, CDATA and comments in a sheet', () => {
    const rows =
      '<!-- a comment --><row r="1"><c r="A1" t="inlineStr"><is><t>A&amp;B &lt;&#x4E2D;&#25991;&gt;</t></is></c><c r="B1" t="inlineStr"><is><t><![CDATA[<合计>]]></t></is></c></row>';
    expect(values(buildXlsx({ sheets: [{ name: 'S', rows }] }))[1]!.slice(1)).toEqual([
      str('A&B <中文>'),
      str('<合计>'),
    ]);
  });

  test('cells without r attributes follow one another; rows without r follow one another', () => {
    const rows = '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row><c><v>3</v></c></row>';
    const v = values(buildXlsx({ sheets: [{ name: 'S', rows }] }));
    expect([v[1]![1], v[1]![2], v[2]![1]]).toEqual([str('a'), num(2), num(3)]);
  });

  test('a shared formula child reads its own formula (master moved by its offset)', () => {
    const rows =
      '<row r="3"><c r="F3"><f t="shared" ref="F3:F5" si="0">E3/D3+$A$1+SUM(B$3:C3)+Sheet2!A3+\'My Sheet\'!B3+"E3"</f><v>1</v></c></row>' +
      '<row r="4"><c r="F4"><f t="shared" si="0"/><v>2</v></c></row><row r="5"><c r="G5"><f t="shared" si="0"/></c></row>';
    const f = formulas(buildXlsx({ sheets: [{ name: 'S', rows }] }));
    expect(f[4]![6]).toBe('E4/D4+$A$1+SUM(B$3:C4)+Sheet2!A4+\'My Sheet\'!B4+"E3"');
    expect(f[5]![7]).toBe('F5/E5+$A$1+SUM(C$3:D5)+Sheet2!B5+\'My Sheet\'!C5+"E3"');
  });

  test('shiftFormula leaves functions, names, strings and structured references alone; moves whole columns and rows; off-sheet is #REF!', () => {
    expect(shiftFormula('LOG10(A1)+ATAN2(B2,C3)', 1, 0)).toBe('LOG10(A2)+ATAN2(B3,C4)');
    expect(shiftFormula('SUM(A:A)+SUM(2:3)+Table1[[#This Row],[金额]]', 1, 1)).toBe(
      'SUM(B:B)+SUM(3:4)+Table1[[#This Row],[金额]]',
    );
    expect(shiftFormula('A1-1', -1, 0)).toBe('#REF!-1');
    expect(shiftFormula('[1]Sheet1!A1', 2, 0)).toBe('[1]Sheet1!A3');
  });

  test('number formats: custom, built-in, General left out; a styles part without cellXfs leaves every cell General', () => {
    const rows =
      '<row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1" s="2"><v>3</v></c><c r="C1" s="0"><v>4</v></c></row>';
    const read = readXlsxBytes(
      buildXlsx({ sheets: [{ name: 'S', rows }], styles: stylesXml([0, 10, 176], { 176: '0.00"分"' }) }),
      't.xlsx',
    );
    expect(read.input.sheets[0].grid!.numFmts![1]!.slice(1)).toEqual(['0.00%', '0.00"分"', undefined]);
    const bare = readXlsxBytes(
      buildXlsx({
        sheets: [{ name: 'S', rows }],
        styles:
          '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy-mm-dd"/></numFmts></styleSheet>',
      }),
      't.xlsx',
    );
    expect(bare.input.sheets[0].grid!.values[1]!.slice(1)).toEqual([num(0.5), num(3), num(4)]);
  });

  test('a shared-string index past the table is an empty cell and an info finding, not a refusal', () => {
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>';
    const read = readXlsxBytes(buildXlsx({ sheets: [{ name: '表', rows }], sharedStrings: ['甲'] }), 't.xlsx');
    expect(read.input.sheets[0].grid!.values[1]![2]).toBeUndefined();
    expect(read.input.notes?.map((n) => [n.code, n.sheet, n.cell])).toEqual([['file-repaired', '表', 'B1']]);
  });
});

describe('dialects of the package', () => {
  const prefixed = (rows: string) =>
    `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${rows}</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`;

  test('x: prefixes on every element (Open XML SDK), in the workbook, sheet, styles and shared strings', () => {
    const bytes = buildXlsx({
      sheets: [
        {
          name: 'S',
          xml: prefixed(
            '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" s="1"><x:v>44370</x:v></x:c></x:row>',
          ),
        },
      ],
      styles:
        '<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>',
      extra: {
        'xl/sharedStrings.xml':
          '<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>标题</x:t></x:si></x:sst>',
      },
    });
    const fixed = unzipSync(bytes);
    fixed['xl/workbook.xml'] = strToU8(
      '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:workbookPr/><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
    );
    fixed['xl/_rels/workbook.xml.rels'] = strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    );
    const read = readXlsxEntries(fixed, 't.xlsx');
    const s = read.input.sheets[0];
    expect([s.grid!.values[1]![1], s.grid!.values[1]![3], s.merges]).toEqual([
      str('标题'),
      { kind: 'date', value: '2021-06-23' },
      ['A1:B1'],
    ]);
  });

  test('zip paths with \\ (WPS) read like /', () => {
    const bytes = buildXlsx({
      sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
      backslashes: true,
    });
    expect(values(bytes)[1]![1]).toEqual(num(1));
    expect(readXlsxBytes(bytes, 't.xlsx').sheets[0].part).toBe('xl\\worksheets\\sheet1.xml');
  });

  test('docProps are never parsed: a broken core.xml or app.xml does not stop a read', () => {
    const bytes = buildXlsx({
      sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
      extra: { 'docProps/core.xml': '<cp:coreProperties><dc:title>未闭合', 'docProps/app.xml': '<<<' },
    });
    expect(values(bytes)[1]![1]).toEqual(num(1));
  });

  test("sheet states, protection and jixiao's state sheet", () => {
    const bytes = buildXlsx({
      sheets: [
        {
          name: '表1',
          xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', '<sheetProtection sheet="1" objects="1"/>'),
        },
        { name: '隐藏', rows: '<row r="1"><c r="A1"><v>2</v></c></row>', state: 'hidden' },
        {
          name: '_jixiao',
          rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row>',
          state: 'veryHidden',
        },
      ],
    });
    const read = readXlsxBytes(bytes, 't.xlsx');
    expect(read.sheets.map((s) => [s.name, s.state, s.protected])).toEqual([
      ['表1', 'visible', true],
      ['隐藏', 'hidden', false],
      ['_jixiao', 'veryHidden', false],
    ]);
    expect(read.input.sheets.map((s) => s.name)).toEqual(['表1', '隐藏']);
  });

  test('the writer can hand the entries it unzipped: same input as from bytes', () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'dialects', '00-baseline.xlsx')));
    expect(readXlsxEntries(unzipSync(bytes), 'x').input).toEqual(readXlsxBytes(bytes, 'x').input);
  });
});

describe('refused, with one clear line', () => {
  test('a DTD (and so any entity, external or not) is refused', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>';
    const e = refusal(() => readXlsxBytes(buildXlsx({ sheets: [{ name: 'S', xml }] }), 't.xlsx'));
    expect([e.reason, e.zh]).toEqual(['corrupt', expect.stringContaining('DTD')]);
  });

  test('malformed sheet XML says which part, in Chinese', () => {
    const e = refusal(() =>
      readXlsxBytes(
        buildXlsx({ sheets: [{ name: 'S', xml: '<worksheet><sheetData><row r="1"><c r="A1" s=1>' }] }),
        't.xlsx',
      ),
    );
    expect(e.zh).toMatch(/^工作簿已损坏：部件 xl\/worksheets\/sheet1\.xml/);
  });

  const tiny: ReaderLimits = { maxInflatedBytes: 1 << 20, maxCellsPerSheet: 1000, maxMergesPerSheet: 10, maxSheets: 3 };

  test('a zip bomb is refused from the sizes its directory declares, before inflating', () => {
    const bomb = zipSync(
      { '[Content_Types].xml': strToU8('<Types/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(8 << 20) },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(64 << 10);
    const t = Date.now();
    const e = refusal(() => readXlsxBytes(bomb, 'bomb.xlsx', tiny));
    expect(Date.now() - t).toBeLessThan(1000);
    expect([e.reason, e.zh]).toEqual(['too-large', expect.stringMatching(/^工作簿解压后达 8 MB，超过上限 1 MB/)]);
  });

  test('a part that lies about its size is cut at the declared size, never inflated past it', () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    const bytes = buildXlsx({ sheets: [{ name: 'S', rows }] });
    // rewrite the sheet's declared uncompressed size (local header and central directory) to 100 bytes
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = 'xl/worksheets/sheet1.xml';
    for (let i = 0; i + 46 < bytes.length; i++) {
      const sig = view.getUint32(i, true);
      const at = (offset: number) => new TextDecoder().decode(bytes.subarray(offset, offset + name.length)) === name;
      if (sig === 0x04034b50 && at(i + 30)) view.setUint32(i + 22, 100, true);
      if (sig === 0x02014b50 && at(i + 46)) view.setUint32(i + 24, 100, true);
    }
    expect(refusal(() => readXlsxBytes(bytes, 't.xlsx')).reason).toBe('corrupt');
  });

  test('cells, merges and sheets over their limits', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`).join(
      '',
    );
    expect(refusal(() => readXlsxBytes(buildXlsx({ sheets: [{ name: '大表', rows: many }] }), 't', tiny)).zh).toBe(
      '工作表“大表”的单元格超过 1,000 个，超出读取上限，已停止读取',
    );
    const merges = `<mergeCells>${Array.from({ length: 11 }, (_, i) => `<mergeCell ref="A${2 * i + 1}:B${2 * i + 1}"/>`).join('')}</mergeCells>`;
    expect(
      refusal(() =>
        readXlsxBytes(
          buildXlsx({ sheets: [{ name: 'M', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', merges) }] }),
          't',
          tiny,
        ),
      ).reason,
    ).toBe('too-large');
    const sheets = Array.from({ length: 4 }, (_, i) => ({
      name: `S${i}`,
      rows: '<row r="1"><c r="A1"><v>1</v></c></row>',
    }));
    expect(refusal(() => readXlsxBytes(buildXlsx({ sheets }), 't', tiny)).zh).toBe(
      '工作簿有 4 个工作表，超过读取上限 3 个',
    );
  });

  test('the defaults are what README states', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxInflatedBytes: 1 << 30,
      maxCellsPerSheet: 20_000_000,
      maxMergesPerSheet: 1_000_000,
      maxSheets: 10_000,
    });
  });
});

describe('cost is the data’s, not the sheet’s', () => {
  test('merge-huge.xlsx (one merge over the whole sheet) and a whole-column validation read and check in well under a second', () => {
    for (const f of [
      'write-safety/merge-huge.xlsx',
      'dialects/14-datavalidation-whole-column.xlsx',
      'dialects/13-merge-to-last-row.xlsx',
    ]) {
      const bytes = new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', f)));
      const t = Date.now();
      analyzeWorkbook(readXlsxBytes(bytes, f).input);
      expect([f, Date.now() - t < 3000]).toEqual([f, true]);
    }
  });

  test('20,000 merges and 2,000 sheets are read and checked in seconds', () => {
    const merges = `<mergeCells>${Array.from({ length: 20_000 }, (_, i) => `<mergeCell ref="A${i + 2}:C${i + 2}"/>`).join('')}</mergeCells>`;
    const rows = Array.from(
      { length: 20_001 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    let t = Date.now();
    const m = readXlsxBytes(buildXlsx({ sheets: [{ name: 'M', xml: worksheetXml(rows, merges) }] }), 'm');
    analyzeWorkbook(m.input);
    expect(m.input.sheets[0].merges).toHaveLength(20_000);
    expect(Date.now() - t).toBeLessThan(10_000);
    const sheets = Array.from({ length: 2000 }, (_, i) => ({
      name: `表${i}`,
      rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>项目</t></is></c><c r="B1"><v>1</v></c></row>',
    }));
    t = Date.now();
    const s = readXlsxBytes(buildXlsx({ sheets }), 's');
    analyzeWorkbook(s.input);
    expect(s.input.sheets).toHaveLength(2000);
    expect(Date.now() - t).toBeLessThan(20_000);
  });
});
