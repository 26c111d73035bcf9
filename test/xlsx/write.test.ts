import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { buildXlsx, worksheetXml } from '../helpers/xlsx';
import { readXlsxBytes } from '../../src/xlsx/read';
import ExcelJS from 'exceljs';
import { XlsxEditor, placeSheet } from '../../src/xlsx/write';
import { shiftFormula } from '../../src/xlsx/formula';
import { ADDIN_ID } from '../../src/xlsx/state';
import { lostParts } from './lossless';

const WRITE_SAFETY = join(__dirname, '..', 'fixtures', 'write-safety');
const DIALECTS = join(__dirname, '..', 'fixtures', 'dialects-write');
const bytesOf = (dir: string, f: string) => new Uint8Array(readFileSync(join(dir, f)));
const files = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
const partText = (bytes: Uint8Array, name: string) => strFromU8(unzipSync(bytes)[name]);

/** A cell right of and below everything a sheet holds, so the write lands on an empty cell. */
function emptyCellOf(editor: XlsxEditor, sheet: string): string {
  for (let r = 1; r < 200; r++) if (editor.currentCell(sheet, `AZ${r}`).value === undefined) return `AZ${r}`;
  throw new Error('no empty cell');
}

describe('the surgical writer loses nothing (every fixture of write-safety and the write dialects)', () => {
  const cases = [
    ...files(WRITE_SAFETY).map((f) => [WRITE_SAFETY, f] as const),
    ...files(DIALECTS).map((f) => [DIALECTS, f] as const),
  ];
  it.each(cases)(
    '%s/%s: writes, marks, two added sheets and settings; every other part byte-identical',
    (dir, file) => {
      const before = bytesOf(dir, file);
      const editor = XlsxEditor.open(before);
      const sheet = editor.sheetNames().find((n) => !editor.isProtected(n))!;
      const cell = emptyCellOf(editor, sheet);
      const result = editor.applyPatches([
        { sheet, cell, value: 12.5, numFmt: '0.00', purpose: 'score' },
        {
          sheet,
          cell: cell.replace('AZ', 'BA'),
          value: '=扣 0.5 分 & <b>',
          purpose: 'note',
        },
      ]);
      expect(result.written).toHaveLength(2);
      editor.highlight([{ sheet, cell: 'A1', severity: 'error' }]);
      expect(
        editor.addSheet({
          name: '综合评定得分表',
          rows: [
            ['指标', '得分'],
            ['决策', 17],
          ],
          numFmts: { 1: '0.00' },
          columnWidths: [20, 10],
        }),
      ).toBe('综合评定得分表');
      editor.addSheet({ name: '问题清单', rows: [['说明'], ['=1+1']] });
      editor.saveSettings({ holidayDeadlineWorkdays: 5 });
      const after = editor.toBytes();
      expect(lostParts(before, after)).toEqual([]);

      // Reopened: the writes, the state and the sheets are there; a second run changes nothing.
      const again = XlsxEditor.open(after);
      expect(again.currentCell(sheet, cell)).toEqual({ value: 12.5 });
      expect(again.currentCell(sheet, cell.replace('AZ', 'BA'))).toEqual({
        value: '=扣 0.5 分 & <b>',
      });
      expect(again.loadSettings()).toEqual({ holidayDeadlineWorkdays: 5 });
      expect(again.savedState.addedSheets).toEqual(['综合评定得分表', '问题清单']);
      expect(again.currentCell('问题清单', 'A2')).toEqual({ value: '=1+1' });
      again.addSheet({
        name: '综合评定得分表',
        rows: [
          ['指标', '得分'],
          ['决策', 17],
        ],
        numFmts: { 1: '0.00' },
        columnWidths: [20, 10],
      });
      again.addSheet({ name: '问题清单', rows: [['说明'], ['=1+1']] });
      again.applyPatches([{ sheet, cell, value: 12.5, purpose: 'score' }]);
      expect(again.modified).toBe(false);
      expect(again.sheetNames().filter((n) => n.startsWith('综合评定得分表'))).toEqual(['综合评定得分表']);
    },
  );

  it('keeps zip entry names as written, even WPS backslash paths, and adds parts beside them', () => {
    const before = bytesOf(DIALECTS, '23-zip-backslash-paths.xlsx');
    const editor = XlsxEditor.open(before);
    editor.applyPatches([{ sheet: editor.sheetNames()[0], cell: 'H1', value: 1, purpose: 'score' }]);
    editor.addSheet({ name: '问题清单', rows: [['说明']] });
    const names = Object.keys(unzipSync(editor.toBytes()));
    expect(names).toEqual(expect.arrayContaining(Object.keys(unzipSync(before))));
    expect(names).toContain('xl/worksheets/sheet3.xml');
    expect(names.filter((n) => /sheet1\.xml$/.test(n))).toEqual(['xl\\worksheets\\sheet1.xml']);
  });

  it('WPS cell pictures: the _xlfn.DISPIMG cell and xl/cellimages.xml come out as they were', () => {
    const before = bytesOf(DIALECTS, '28-wps-cell-picture.xlsx');
    const editor = XlsxEditor.open(before);
    editor.applyPatches([
      {
        sheet: editor.sheetNames()[0],
        cell: 'E7',
        value: 91,
        purpose: 'score',
      },
    ]);
    const after = editor.toBytes();
    expect(lostParts(before, after)).toEqual([]);
    expect(partText(after, 'xl/cellimages.xml')).toBe(partText(before, 'xl/cellimages.xml'));
    expect(partText(after, 'xl/worksheets/sheet1.xml')).toContain(
      '<c r="F3" t="str"><f>_xlfn.DISPIMG("ID_2B4C6E8A0F1D4C7B9E3A5D6F8B0C2E4A",1)</f>',
    );
    expect(partText(after, 'xl/worksheets/sheet1.xml')).toContain(
      '<c r="D7"><v>100</v></c><c r="E7"><v>91</v></c></row>',
    );
  });

  it('a number format goes on a copy of the cell’s own style; a cell with a format of its own keeps it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('得分表');
    ws.getCell('A1').value = '得分';
    ws.getCell('B1').style = { font: { italic: true } };
    ws.getCell('C1').numFmt = '0.0';
    const editor = XlsxEditor.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    editor.applyPatches([
      {
        sheet: '得分表',
        cell: 'B1',
        value: 0.9882,
        numFmt: '0.00%',
        purpose: 'rate',
      },
      {
        sheet: '得分表',
        cell: 'C1',
        value: 0.5,
        numFmt: '0.00%',
        purpose: 'rate',
      },
    ]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(editor.toBytes()) as never);
    const out = back.getWorksheet('得分表')!;
    expect(out.getCell('B1').numFmt).toBe('0.00%');
    expect(out.getCell('B1').font?.italic).toBe(true);
    expect(out.getCell('C1').numFmt).toBe('0.0');
    expect(out.getCell('A1').numFmt).toBeFalsy();
  });

  it('styles.xml without cellXfs: the block is created, default first, so existing cells keep meaning', () => {
    const editor = XlsxEditor.open(bytesOf(DIALECTS, '11-styles-without-cellxfs.xlsx'));
    editor.applyPatches([
      {
        sheet: editor.sheetNames()[0],
        cell: 'H3',
        value: 0.9,
        numFmt: '0.00%',
        purpose: 'rate',
      },
    ]);
    const styles = partText(editor.toBytes(), 'xl/styles.xml');
    expect(styles).toMatch(
      /<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"\/><xf numFmtId="10"[^>]*applyNumberFormat="1"\/><\/cellXfs><cellStyles/,
    );
  });

  it('a shared-formula child reads as its own formula (=E4/D4, not the master’s)', () => {
    const editor = XlsxEditor.open(bytesOf(DIALECTS, '20-shared-formula-no-cache.xlsx'));
    const sheet = editor.sheetNames()[0];
    expect(editor.currentCell(sheet, 'F4')).toEqual({ formula: 'E4/D4' });
    const { skipped } = editor.applyPatches([{ sheet, cell: 'F4', value: 0.8, purpose: 'rate' }]);
    expect(skipped[0].message).toContain('含公式 =E4/D4');
  });

  it('overwriting a shared-formula master hands the formula to the next cell of its range', async () => {
    const editor = XlsxEditor.open(bytesOf(WRITE_SAFETY, 'xl-shared-master.xlsx'));
    const { written } = editor.applyPatches([{ sheet: '得分表', cell: 'H16', value: 2.96, purpose: 'score' }], true);
    expect(written).toHaveLength(1);
    const after = editor.toBytes();
    const sheet = partText(after, 'xl/worksheets/sheet2.xml');
    expect(sheet).toContain('<c r="H16" s="4"><v>2.96</v></c>');
    expect(sheet).toContain('<c r="H17" s="4"><f t="shared" ref="H17" si="0">ROUND(G17*0.9882,2)-1</f>');
    // exceljs, the oracle, reads the child as a formula of its own again.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(after) as never);
    expect(wb.getWorksheet('得分表')!.getCell('H17').formula).toBe('ROUND(G17*0.9882,2)-1');
    expect(wb.getWorksheet('得分表')!.getCell('H16').value).toBe(2.96);
  });

  it('protected sheets are not written, and say so', () => {
    const editor = XlsxEditor.open(bytesOf(WRITE_SAFETY, 'lo-protection.xlsx'));
    const locked = editor.sheetNames().filter((n) => editor.isProtected(n));
    expect(locked.length).toBeGreaterThan(0);
    const { written, skipped } = editor.applyPatches([{ sheet: locked[0], cell: 'AZ1', value: 1, purpose: 'score' }]);
    expect(written).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual(['protected']);
    expect(skipped[0].message).toContain('受保护');
    expect(editor.modified).toBe(false);
  });

  it('marks are reversible fills on copied styles; a merge is marked at its top-left cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('预算');
    ws.getCell('A1').value = 1;
    ws.getCell('B1').value = 2;
    ws.getCell('B1').fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: 'FF00B050' },
    };
    ws.mergeCells('C1:D2');
    const before = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const editor = XlsxEditor.open(before);
    editor.highlight([
      { sheet: '预算', cell: 'A1', severity: 'warning' },
      { sheet: '预算', cell: 'A1', severity: 'error' },
      { sheet: '预算', cell: 'B1', severity: 'info' },
      { sheet: '预算', cell: 'D2', severity: 'info' },
    ]);
    const marked = XlsxEditor.open(editor.toBytes());
    expect(marked.savedState.marks.map((m) => `${m.cell}:${m.mark}:${m.color}`)).toEqual([
      'A1:#FFC7CE:null',
      'B1:#DDEBF7:#00B050',
      'C1:#DDEBF7:null',
    ]);
    marked.clearHighlights();
    const cleared = marked.toBytes();
    // The sheet part is back to its own styles (the copies stay unused in styles.xml); C1, absent before, is an empty cell now.
    expect(partText(cleared, 'xl/worksheets/sheet1.xml').replace(/<dimension[^>]*>/, '')).toBe(
      partText(before, 'xl/worksheets/sheet1.xml')
        .replace(/<dimension[^>]*>/, '')
        .replace('<c r="D1"/>', '<c r="C1"/><c r="D1"/>'),
    );
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(cleared) as never);
    expect((back.getWorksheet('预算')!.getCell('B1').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF00B050');
    expect(XlsxEditor.open(cleared).savedState.marks).toEqual([]);
  });

  it('state lives in the add-in’s web extension part, found through a task pane, never in a sheet', () => {
    const editor = XlsxEditor.open(bytesOf(WRITE_SAFETY, 'lo-chart.xlsx'));
    editor.saveSettings({ holidayDeadlineWorkdays: 3 });
    editor.addSheet({ name: '问题清单', rows: [['说明']] });
    const after = editor.toBytes();
    const parts = unzipSync(after);
    const we = strFromU8(parts['xl/webextensions/webextension1.xml']);
    expect(we).toContain(`<we:reference id="${ADDIN_ID}"`);
    expect(we).toContain('<we:property name="jixiao.settings" value="{&quot;holidayDeadlineWorkdays&quot;:3}"/>');
    expect(we).toContain('<we:property name="jixiao.addedSheets" value="[&quot;问题清单&quot;]"/>');
    expect(strFromU8(parts['xl/webextensions/_rels/taskpanes.xml.rels'])).toContain('Target="webextension1.xml"');
    expect(strFromU8(parts['_rels/.rels'])).toContain('Target="xl/webextensions/taskpanes.xml"');
    expect(strFromU8(parts['[Content_Types].xml'])).toContain('application/vnd.ms-office.webextension+xml');
    expect(XlsxEditor.open(after).sheetNames()).not.toContain('_jixiao');
    expect(strFromU8(parts['xl/workbook.xml'])).not.toContain('_jixiao');
  });

  it('settings come back exactly as saved, whatever characters they hold', () => {
    const editor = XlsxEditor.open(bytesOf(DIALECTS, '04b-x-prefix-workbook-only.xlsx'));
    const settings = {
      note: 'a & b < c > "d" \'e\' _x0041_ 换行\n制表\t',
      n: [1.5, null, true],
    };
    editor.saveSettings(settings);
    expect(XlsxEditor.open(editor.toBytes()).loadSettings()).toEqual(settings);
  });

  it('reads the state an old jixiao kept in a _jixiao sheet (settings and added sheets)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('得分表').getCell('A1').value = '得分';
    wb.addWorksheet('问题清单').getCell('A1').value = '说明';
    const old = wb.addWorksheet('_jixiao', { state: 'veryHidden' });
    old.getCell('A1').value = JSON.stringify({
      settings: { x: 1 },
      addedSheets: ['问题清单'],
      marks: [],
    });
    const editor = XlsxEditor.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(editor.loadSettings()).toEqual({ x: 1 });
    expect(editor.sheetNames()).toEqual(['得分表', '问题清单']);
    expect(editor.addSheet({ name: '问题清单', rows: [['新']] })).toBe('问题清单');
  });
});

describe('placeSheet', () => {
  it('takes the wanted name, replaces its own sheet, never a user’s (case-insensitive, ≤ 31 characters)', () => {
    expect(placeSheet('问题清单', ['得分表'], [])).toBe('问题清单');
    expect(placeSheet('问题清单', ['问题清单'], ['问题清单'])).toBe('问题清单');
    expect(placeSheet('问题清单', ['问题清单'], [])).toBe('问题清单 (2)');
    expect(placeSheet('Summary', ['summary', 'Summary (2)'], ['Summary (2)'])).toBe('Summary (2)');
    expect(placeSheet('a'.repeat(40), ['a'.repeat(31)], []).length).toBeLessThanOrEqual(31);
  });
});

describe('shiftFormula (shared formulas)', () => {
  it.each([
    ['E3/D3', 1, 0, 'E4/D4'],
    ['SUM($A3:B3)*LOG10(C3)', 1, 1, 'SUM($A4:C4)*LOG10(D4)'],
    ["'My Sheet'!B2+Sheet1!C$3", 1, 1, "'My Sheet'!C3+Sheet1!D$3"],
    ['"A1"&A1', 1, 1, '"A1"&B2'],
    ['SUM(A:A)+SUM(2:3)', 1, 1, 'SUM(B:B)+SUM(3:4)'],
    ['_xlfn.DISPIMG("ID_1",1)', 3, 3, '_xlfn.DISPIMG("ID_1",1)'],
    ['Table1[[#This Row],[A1]]+XSUM1', 1, 1, 'Table1[[#This Row],[A1]]+XSUM1'],
  ])('%s moved by (%i, %i) is %s', (f, dr, dc, want) => {
    expect(shiftFormula(f, dr, dc)).toBe(want);
  });
});

describe('two zip entries naming one part (xl/worksheets/sheet1.xml and XL\\WORKSHEETS\\SHEET1.xml)', () => {
  test('score reads and writes the same one: the first, as the reader takes it', () => {
    const base = unzipSync(buildXlsx({ sheets: [{ name: 'S', rows: '<row r="1"><c r="B1"><v>1</v></c></row>' }] }));
    const twin = strToU8(worksheetXml('<row r="1"><c r="B1"><v>2</v></c></row>'));
    const bytes = zipSync({ ...base, 'XL\\WORKSHEETS\\SHEET1.xml': twin });
    const editor = XlsxEditor.open(bytes);
    const b1 = (input: { sheets: readonly { grid?: { values: readonly (readonly unknown[] | undefined)[] } }[] }) =>
      input.sheets[0].grid!.values[1]![2];
    expect(b1(editor.input('t.xlsx'))).toEqual({ kind: 'number', value: 1 });
    editor.applyPatches([{ sheet: 'S', cell: 'A1', value: 5, purpose: 'score' }]);
    const out = readXlsxBytes(editor.toBytes(), 't.xlsx').input;
    // the value written sits beside the B1 the reader reads, in one part
    expect([out.sheets[0].grid!.values[1]![1], b1(out)]).toEqual([
      { kind: 'number', value: 5 },
      { kind: 'number', value: 1 },
    ]);
  });
});
