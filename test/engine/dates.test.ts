import {
  BUILTIN_DATE_FORMAT_IDS,
  builtinNumFmt,
  isDateFormat,
  isoOfTypedDate,
  serialToIso,
  textDateIso,
} from '../../src/engine/dates';
import { readXlsxBytes } from '../../src/xlsx/read';
import { buildXlsx, stylesXml } from '../helpers/xlsx';

/**
 * The one date rule (src/engine/dates.ts). The id lists below are written out from ECMA-376 Part 1
 * §18.8.30 (14–22 dates and times, 45–47 times) and Excel's East Asian (27–36, 50–58) and Thai
 * (71–81) locale formats, not taken from the table under test.
 */
const DATE_IDS = [
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
];
const NUMBER_IDS = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 37, 38, 39, 40, 41, 42, 43, 44, 48, 49, 59, 60, 61, 62, 67, 68, 69, 70,
];
/** The ids whose format shows a calendar day (the rest of DATE_IDS are times of day). */
const DAY_IDS = [
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58, 71, 72, 73, 74, 77, 81,
].filter((id) => ![34, 35].includes(id));

describe('built-in number format ids', () => {
  test.each(DATE_IDS)('id %i is a date or time format', (id) => {
    expect(builtinNumFmt(id)).toBeDefined();
    expect(isDateFormat(builtinNumFmt(id))).toBe(true);
  });
  test.each(NUMBER_IDS)('id %i is not a date format', (id) => {
    expect(isDateFormat(builtinNumFmt(id))).toBe(false);
  });
  test('the list of date ids is exactly the built-in date formats', () => {
    expect([...BUILTIN_DATE_FORMAT_IDS].sort((a, b) => a - b)).toEqual(DATE_IDS);
  });
  test('ids Excel does not define have no format', () => {
    for (const id of [23, 24, 25, 26, 63, 64, 65, 66, 82, 163]) expect(builtinNumFmt(id)).toBeUndefined();
  });

  // Through the reader: a style naming the id, no <numFmt> element, serial 44370 = 2021-06-23.
  test.each(DAY_IDS)('a cell styled with built-in id %i and no <numFmt> reads as 2021-06-23', (id) => {
    const bytes = buildXlsx({
      sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" s="1"><v>44370</v></c></row>' }],
      styles: stylesXml([0, id]),
    });
    const grid = readXlsxBytes(bytes, 't.xlsx').input.sheets[0].grid!;
    expect(grid.values[1]![1]).toEqual({ kind: 'date', value: '2021-06-23' });
  });
});

describe('format codes', () => {
  test.each([
    'yyyy-mm-dd',
    'yyyy"年"m"月"d"日"',
    'm"月"d"日"',
    '[$-804]yyyy"年"m"月"',
    '[DBNum1][$-804]yyyy"年"m"月"d"日"',
    'mmm-yy',
    'h:mm',
    '[h]:mm:ss',
    '[$-411]ge.m.d',
    'd/m/bb',
    'yyyy/m/d;@',
  ])('%s is a date', (f) => expect(isDateFormat(f)).toBe(true));
  test.each([
    'General',
    '0.00%',
    '#,##0.00_);[Red](#,##0.00)',
    '0.00"万元"',
    '@',
    '[Red]0.00',
    '0.00E+00',
    '##0.0E+0',
    'G/通用格式',
    '[DBNum2][$-804]G/通用格式',
    '0.0"分"',
    '"¥"#,##0.00',
  ])('%s is not a date', (f) => expect(isDateFormat(f)).toBe(false));
});

describe('serial days in both date systems', () => {
  test('1900 system: Excel counts a 1900-02-29, days after it are one ahead', () => {
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(44370)).toBe('2021-06-23');
    expect(serialToIso(44370.75)).toBe('2021-06-23');
    expect(serialToIso(0.5)).toBe('');
    expect(serialToIso(-3)).toBe('');
  });
  test('1904 system: serial 0 is 1904-01-01, 1,462 days after the 1900 system', () => {
    expect(serialToIso(0, true)).toBe('1904-01-01');
    expect(serialToIso(42908, true)).toBe('2021-06-23');
    expect(serialToIso(44370 - 1462, true)).toBe(serialToIso(44370));
  });

  const book = (workbookPr: string) =>
    readXlsxBytes(
      buildXlsx({
        workbookPr,
        sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" s="1"><v>42908</v></c></row>' }],
        styles: stylesXml([0, 14]),
      }),
      't.xlsx',
    );
  test.each([
    ['<workbookPr date1904="1"/>', '2021-06-23', true],
    ['<workbookPr date1904="true"/>', '2021-06-23', true],
    ['<workbookPr date1904=" TRUE "/>', '2021-06-23', true],
    ['<workbookPr date1904="0"/>', '2017-06-22', false],
    ['<workbookPr date1904="false"/>', '2017-06-22', false],
    ['<workbookPr/>', '2017-06-22', false],
  ])('%s → %s', (pr, iso, flag) => {
    const r = book(pr);
    expect(r.date1904).toBe(flag);
    expect(r.input.sheets[0].grid!.values[1]![1]).toEqual({ kind: 'date', value: iso });
  });
});

describe('t="d" cells (ISO 8601, as openpyxl and LibreOffice write them)', () => {
  test.each([
    ['2021-06-23', '2021-06-23'],
    ['2021-06-23T00:00:00', '2021-06-23'],
    ['2021-06-23T14:30:00', '2021-06-23'],
    ['2021-06-23T14:30:00.000Z', '2021-06-23'],
    ['2021-06-23 08:00', '2021-06-23'],
    ['2021-06-23T08:00:00+08:00', '2021-06-23'],
  ])('%s → %s', (text, iso) => expect(isoOfTypedDate(text)).toBe(iso));
  test.each(['T10:30:00', '2021-02-30', '2021/06/23', '44370', ''])('%s is no calendar date', (text) =>
    expect(isoOfTypedDate(text)).toBeUndefined(),
  );

  test('read by the reader as dates, whatever the style (no date format needed), never as serial 2021', () => {
    const rows =
      '<row r="1"><c r="A1" t="d"><v>2021-06-23T00:00:00</v></c><c r="B1" t="d" s="1"><v>2021-06-04</v></c><c r="C1" t="d"><v>2021-06-23T09:15:00</v></c></row>';
    const values = readXlsxBytes(buildXlsx({ sheets: [{ name: 'S', rows }], styles: stylesXml([0, 2]) }), 't.xlsx')
      .input.sheets[0].grid!.values[1]!;
    expect(values.slice(1)).toEqual([
      { kind: 'date', value: '2021-06-23' },
      { kind: 'date', value: '2021-06-04' },
      { kind: 'date', value: '2021-06-23' },
    ]);
  });
});

describe('dates typed as text', () => {
  test.each([
    ['2021-6-23', '2021-06-23'],
    ['2021/6/23', '2021-06-23'],
    ['2021.6.23', '2021-06-23'],
    ['2021.06.23', '2021-06-23'],
    ['2021年6月23日', '2021-06-23'],
    ['2021年06月23号', '2021-06-23'],
    [' 2021 年 6 月 23 日 ', '2021-06-23'],
    ['2021-06-23 10:00', '2021-06-23'],
  ])('%s → %s anywhere', (text, iso) => {
    expect(textDateIso(text, false)).toEqual({ iso, spelling: 'separated' });
    expect(textDateIso(text, true)).toEqual({ iso, spelling: 'separated' });
  });
  test('the compact 20210623 only where the column holds dates', () => {
    expect(textDateIso('20210623', true)).toEqual({ iso: '2021-06-23', spelling: 'compact' });
    expect(textDateIso('20210623', false)).toBeUndefined();
  });
  test.each(['20211323', '20210231', '12345678', '2021623', '2021年6月', '6月23日', '2021-13-01', '1850-01-01'])(
    '%s is no date',
    (text) => expect(textDateIso(text, true)).toBeUndefined(),
  );
});
