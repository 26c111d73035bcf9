import { formatCell, formatGeneral, formatNumber, isDateFormat } from '../../src/engine/format';
import { num, str } from '../../src/engine/model/cell';
import { loadSample } from '../helpers/fixtures';
import { Workbook } from '../../src/engine/model/sheet';

describe('formatCell: what Excel shows', () => {
  it.each([
    [0.9444, '0.00%', '94.44%'],
    [0.926649, '0.00%', '92.66%'],
    [0.98816, '0.0000%', '98.8160%'],
    [1, '0%', '100%'],
    [17, '0.00', '17.00'],
    [3180.3, '#,##0.00', '3,180.30'],
    [-1234.5, '#,##0.00', '-1,234.50'],
    [-1234.5, '#,##0.00;[Red](#,##0.00)', '(1,234.50)'],
    [0, '0.00;-0.00;"—"', '—'],
    [2.955, '0.00', '2.96'],
    [1.005, '0.00', '1.01'],
    [16.5, '0.0"分"', '16.5分'],
    [12345678, '#,##0', '12,345,678'],
    [0.5, '#.##', '.5'],
    [1500000, '#,##0.0,"千"', '1,500.0千'],
    [44370, 'yyyy-mm-dd', '2021-06-23'],
    [44370, 'yyyy"年"m"月"d"日"', '2021年6月23日'],
    [44370, 'mm-dd-yy', '2021/6/23'],
    [44370.5, 'yyyy/m/d h:mm', '2021/6/23 12:00'],
    [0.75, 'h:mm AM/PM', '6:00 PM'],
    [123456, '0.00E+00', '1.23E+05'],
    [42, 'General', '42'],
  ])('%p under %p → %p', (value, fmt, shown) => {
    expect(formatCell(num(value), fmt)).toBe(shown);
  });

  it('General shows integers whole, fractions to 10 significant digits, huge numbers in E notation', () => {
    expect(formatGeneral(2796.608372)).toBe('2796.608372');
    expect(formatGeneral(0.1 + 0.2)).toBe('0.3');
    expect(formatGeneral(-7)).toBe('-7');
    expect(formatGeneral(123456789012345)).toBe('1.23457E+14');
  });

  it('dates stored as dates format with the cell format, or ISO when it has none', () => {
    expect(formatCell({ kind: 'date', value: '2021-06-23' }, 'yyyy-mm-dd')).toBe('2021-06-23');
    expect(formatCell({ kind: 'date', value: '2021-06-23' }, 'm月d日')).toBe('6月23日');
    expect(formatCell({ kind: 'date', value: '2021-06-23' })).toBe('2021-06-23');
  });

  it('text passes through, or into the text section of the format', () => {
    expect(formatCell(str('=SUM(A1)'), '0.00')).toBe('=SUM(A1)');
    expect(formatCell(str('优'), '0;0;0;"等级："@')).toBe('等级：优');
    expect(formatCell({ kind: 'error', value: '#DIV/0!' }, '0.00%')).toBe('#DIV/0!');
    expect(formatCell({ kind: 'boolean', value: true })).toBe('TRUE');
  });

  it('a format with no digit placeholders shows its literal text, and nonsense never throws', () => {
    expect(formatNumber(0.3, '"—"')).toBe('—');
    for (const fmt of ['[', '"', '0.0.0', ';;;', '[$-804]General', '\\', '#,##0.00_);'])
      expect(() => formatNumber(1.5, fmt)).not.toThrow();
    expect(isDateFormat('0.00%')).toBe(false);
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('mm-dd-yy')).toBe(true);
  });

  it('the 得分率 cells of qixia-2021 综合评定 read as in Excel', async () => {
    const wb = new Workbook(await loadSample('qixia-2021.xlsx'));
    const sheet = wb.sheet('综合评定')!;
    const shown = [2, 6].map((col) => formatCell(sheet.value(5, col), sheet.numFmt(5, col)));
    expect(shown).toEqual(['94.44%', '92.66%']);
  });
});
