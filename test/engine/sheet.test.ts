import { Sheet } from '../../src/engine/model/sheet';
import { parseA1, parseRange, toA1, columnLetters, qualify } from '../../src/engine/model/address';
import { loadSample } from '../helpers/fixtures';

test('A1 addresses round-trip', () => {
  expect(toA1(57, 8)).toBe('H57');
  expect(parseA1('AA10')).toEqual({ row: 10, col: 27 });
  expect(columnLetters(703)).toBe('AAA');
  expect(parseRange('G25:G32')).toEqual({ top: 25, left: 7, bottom: 32, right: 7 });
  expect(qualify('北京援派干部读本 (2)', 'C3')).toBe("'北京援派干部读本 (2)'!C3");
  expect(qualify('得分表', 'H16')).toBe('得分表!H16');
});

test('a merged value belongs to the whole range (qixia 得分表 G25:G32 = 12)', async () => {
  const wb = await loadSample('qixia-2021.xlsx');
  const sheet = new Sheet(wb.sheets.find((s) => s.name === '得分表')!);
  expect(sheet.value(29, 7)).toEqual({ kind: 'number', value: 12 });
  expect(sheet.own(29, 7)).toEqual({ kind: 'empty' });
  expect(sheet.addr(29, 7)).toBe('G25');
  expect(sheet.areaA1(29, 7)).toBe('G25:G32');
  expect(sheet.text(10, 1)).toBe('决策（18分）'); // A3:A14
});

test('malformed and overlapping merges are tolerated, first one wins', () => {
  const s = new Sheet({
    name: 't',
    cells: [{ row: 1, col: 1, value: { kind: 'string', value: 'x' } }],
    merges: ['A1:B2', 'B2:C3', 'nonsense', 'D4:D4'],
  });
  expect(s.merges).toHaveLength(1);
  expect(s.text(2, 2)).toBe('x');
  expect(s.mergeOf(3, 3)).toBeUndefined();
});
