import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { columnLetters, createXlsx, EMPTY, num, text, XlsxCreateError } from '../../src/xlsx/create';

async function reread(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

describe('createXlsx: a new workbook from sheets of typed cells', () => {
  it('column letters', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });

  it('values, number formats, bold, widths, frozen header and filter survive a re-read by exceljs', async () => {
    const bytes = createXlsx([
      {
        name: '汇总',
        rows: [
          [text('文件', true), text('得分率', true), text('金额', true)],
          [text('a & <b> "c"'), num(0.9444, '0.00%'), num(506.306, '#,##0.00')],
          [text('  前后空格  '), EMPTY, num(-3)],
          [],
          [text('第五行\n换行')],
        ],
        columnWidths: [30, 10, 12],
        frozenRows: 1,
        autoFilter: true,
      },
      { name: "问题'明细", rows: [[num(1)]] },
    ]);
    const wb = await reread(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', "问题'明细"]);
    const ws = wb.getWorksheet('汇总')!;
    expect(ws.getCell('A1').value).toBe('文件');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('a & <b> "c"');
    expect(ws.getCell('A2').font?.bold).toBeFalsy();
    expect(ws.getCell('B2').value).toBe(0.9444);
    expect(ws.getCell('B2').numFmt).toBe('0.00%');
    expect(ws.getCell('C2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('A3').value).toBe('  前后空格  ');
    expect(ws.getCell('B3').value).toBeNull();
    expect(ws.getCell('C3').value).toBe(-3);
    expect(ws.getCell('A5').value).toBe('第五行\n换行');
    expect([1, 2, 3].map((c) => ws.getColumn(c).width)).toEqual([30, 10, 12]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(ws.autoFilter).toBe('A1:C5');
    expect(wb.getWorksheet("问题'明细")!.getCell('A1').value).toBe(1);
  });

  it('the package holds the parts Excel requires and names the filter range', () => {
    const parts = unzipSync(createXlsx([{ name: '汇总', rows: [[text('x')], [num(1)]], autoFilter: true }]));
    expect(Object.keys(parts).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(strFromU8(parts['xl/workbook.xml'])).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'汇总'!$A$1:$A$2</definedName>`,
    );
  });

  it('the same sheets give the same bytes', () => {
    const sheets = [{ name: 'S', rows: [[text('a'), num(1, '0%')]] }];
    expect(Buffer.from(createXlsx(sheets)).equals(Buffer.from(createXlsx(sheets)))).toBe(true);
  });

  it('control characters a cell may hold are dropped, not written as invalid XML', async () => {
    const wb = await reread(createXlsx([{ name: 'S', rows: [[text('a\u0001b\u001fc')]] }]));
    expect(wb.getWorksheet('S')!.getCell('A1').value).toBe('abc');
  });

  it.each([[''], ['a'.repeat(32)], ['a/b'], ['[x]'], ["'x"]])('refuses the sheet name %j', (name) => {
    expect(() => createXlsx([{ name, rows: [] }])).toThrow(XlsxCreateError);
  });

  it('refuses duplicate names (as Excel does, regardless of case), no sheets, and non-finite numbers', () => {
    expect(() =>
      createXlsx([
        { name: 'A', rows: [] },
        { name: 'a', rows: [] },
      ]),
    ).toThrow(/duplicate/);
    expect(() => createXlsx([])).toThrow(XlsxCreateError);
    expect(() => createXlsx([{ name: 'A', rows: [[num(Number.NaN)]] }])).toThrow(/A1/);
  });
});
