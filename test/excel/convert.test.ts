import {
  addBlock,
  cellSnapshot,
  emptyGrid,
  formulaOf,
  type GridBlock,
  isDateFormat,
  parseAreasAddress,
  rowChunks,
  serialToIso,
  textForExcel,
} from '../../src/excel/convert';
import { batchChunks } from '../../src/excel/port';
import { sheetCells } from '../../src/engine/model/sheet';

/** The cells addBlock stores for one block, one object per cell. */
const cellsFromBlock = (block: GridBlock) => sheetCells({ name: '', merges: [], grid: addBlock(emptyGrid(), block) });

describe('Office.js grids → engine cells', () => {
  it('recognises date formats, not money or percent formats', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', 'm/d/yy', '[$-F800]dddd, mmmm dd, yyyy', 'h:mm', '[h]:mm:ss'])
      expect([f, isDateFormat(f)]).toEqual([f, true]);
    for (const f of ['General', '0.00%', '#,##0.00_);[Red](#,##0.00)', '0.00"万元"', '@', '[Red]0.00', undefined])
      expect([f, isDateFormat(f)]).toEqual([f, false]);
  });

  it('turns serial days into ISO dates across the 1900 leap-year bug', () => {
    expect(serialToIso(44197)).toBe('2021-01-01');
    expect(serialToIso(44440.75)).toBe('2021-09-01'); // time of day dropped
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(59)).toBe('1900-02-28');
  });

  it('tells formulas from text that starts with =', () => {
    expect(formulaOf('=SUM(H6:H9)', 17)).toBe('SUM(H6:H9)');
    expect(formulaOf('=不是公式', '=不是公式')).toBeUndefined();
    expect(formulaOf(17, 17)).toBeUndefined();
  });

  it('builds sparse cells at the block offset, with dates, errors and number formats', () => {
    const cells = cellsFromBlock({
      top: 3,
      left: 2,
      values: [
        ['官道镇', 506.306, ''],
        [44287, '#DIV/0!', true],
      ],
      formulas: [
        ['官道镇', 506.306, ''],
        [44287, '=B4/0', true],
      ],
      numberFormats: [
        ['General', '0.000', 'General'],
        ['yyyy-mm-dd', '0.00%', 'General'],
      ],
    });
    expect(cells).toEqual([
      { row: 3, col: 2, value: { kind: 'string', value: '官道镇' } },
      { row: 3, col: 3, value: { kind: 'number', value: 506.306 }, numFmt: '0.000' },
      { row: 4, col: 2, value: { kind: 'date', value: '2021-04-01' }, numFmt: 'yyyy-mm-dd' },
      { row: 4, col: 3, value: { kind: 'error', value: '#DIV/0!' }, numFmt: '0.00%', formula: 'B4/0' },
      { row: 4, col: 4, value: { kind: 'boolean', value: true } },
    ]);
  });

  it("reads a date serial in the workbook's date system: 42908 is 2021-06-23 in a 1904 workbook, 2017-06-22 in a 1900 one", () => {
    // 1904 system: serial 0 = 1904-01-01, so 42908 days on is 2021-06-23; the same serial in the 1900 system is
    // 1,462 days (four years and a day) earlier.
    const block = { top: 3, left: 1, values: [[42908, 42908]], numberFormats: [['yyyy-mm-dd', '0.00']] };
    expect(cellsFromBlock({ ...block, date1904: true }).map((c) => c.value)).toEqual([
      { kind: 'date', value: '2021-06-23' },
      { kind: 'number', value: 42908 },
    ]);
    expect(cellsFromBlock(block)[0].value).toEqual({ kind: 'date', value: '2017-06-22' });
    expect(cellsFromBlock({ ...block, date1904: false })[0].value).toEqual({ kind: 'date', value: '2017-06-22' });
    expect(serialToIso(42908, true)).toBe('2021-06-23');
    expect(serialToIso(42908 + 1462)).toBe('2021-06-23');
  });

  it('reads merged areas from a RangeAreas address, quoted sheet names included', () => {
    expect(parseAreasAddress('指标体系!A3:A14, 指标体系!B3:B6')).toEqual(['A3:A14', 'B3:B6']);
    expect(parseAreasAddress("'My, Sheet!'!$A$1:$H$1,'My, Sheet!'!C5:C6")).toEqual(['A1:H1', 'C5:C6']);
    expect(parseAreasAddress(undefined)).toEqual([]);
  });

  it('keeps text led by = + - @ as text', () => {
    expect(textForExcel('-0.5分')).toBe("'-0.5分");
    expect(textForExcel('=A1')).toBe("'=A1");
    expect(textForExcel('优')).toBe('优');
    expect(textForExcel(-0.5)).toBe(-0.5);
  });

  it('chunks rows under a cell budget and batches chunks per sync', () => {
    const chunks = rowChunks(2, 6000, 12, 20_000);
    expect(chunks.length).toBe(4);
    expect(chunks[0]).toEqual({ top: 2, bottom: 1667 });
    expect(chunks[3].bottom).toBe(6001);
    const sized = chunks.map((c) => ({ ...c, cells: (c.bottom - c.top + 1) * 12 }));
    expect(batchChunks(sized, 80_000)).toHaveLength(1);
    expect(batchChunks(sized, 40_000).map((b) => b.length)).toEqual([2, 2]);
  });
});

describe('cellSnapshot: one rule for what 撤销回写 keeps of a cell, in Excel and WPS', () => {
  const at = { sheet: '综合评定', cell: 'B4' };
  it('keeps the stored value, the formula without =, and a format other than General', () => {
    expect(cellSnapshot(at, 16.5, '=SUM(B5:B9)', '0.00')).toEqual({
      ...at,
      value: 16.5,
      formula: 'SUM(B5:B9)',
      numFmt: '0.00',
    });
    expect(cellSnapshot(at, 17, 17, 'General')).toEqual({ ...at, value: 17 });
  });
  it('text that begins with = is text, not a formula; an empty cell keeps no value', () => {
    expect(cellSnapshot(at, '=扣0.5分', '=扣0.5分', '@')).toEqual({ ...at, value: '=扣0.5分', numFmt: '@' });
    expect(cellSnapshot(at, '', '', 'General')).toEqual(at);
    expect(cellSnapshot(at, null, null, null)).toEqual(at);
  });
});
