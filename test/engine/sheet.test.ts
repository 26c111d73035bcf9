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

test('row and column extents: a scan along a row or down a column stops at the last value it can show', () => {
  const s = new Sheet({
    name: 't',
    cells: [
      { row: 2, col: 2, value: { kind: 'string', value: 'x' } },
      { row: 5, col: 4, value: { kind: 'number', value: 3 } },
      { row: 5, col: 9, value: { kind: 'empty' }, numFmt: '0.00' },
      { row: 7, col: 1, value: { kind: 'string', value: '绩效评价得分表' } },
    ],
    merges: ['A7:C8', 'F1:F20'], // F1 is empty: that merge shows nothing
  });
  expect([1, 2, 3, 5, 7, 8, 10, 21].map((r) => s.lastColIn(r))).toEqual([0, 2, 0, 4, 3, 3, 0, 0]);
  expect([1, 2, 3, 4, 6, 9].map((c) => s.lastRowIn(c))).toEqual([8, 8, 8, 5, 0, 0]);
  expect(s.maxRow).toBe(20); // maxRow/maxCol still cover every merge
  for (let row = 1; row <= s.maxRow; row++)
    for (let col = s.lastColIn(row) + 1; col <= s.maxCol; col++) expect(s.value(row, col)).toEqual({ kind: 'empty' });
});

test('a merge of the whole grid beside a stray value at XFD1048576 is cut short instead of indexing 17 billion cells', () => {
  const s = new Sheet({
    name: 't',
    cells: [
      { row: 1, col: 1, value: { kind: 'string', value: '标题' } },
      { row: 1_048_576, col: 16_384, value: { kind: 'string', value: 'x' } },
    ],
    merges: ['A1:XFD1048576', 'A1:A1048576'],
  });
  expect(s.merges).toHaveLength(1);
  const m = s.merges[0];
  expect((m.bottom - m.top + 1) * (m.right - m.left + 1)).toBeLessThanOrEqual(4_000_000);
  expect(s.text(m.bottom, 16_384)).toBe('标题');
  expect(s.text(1_048_576, 16_384)).toBe('x');
});

describe('a whole column merged down to data in the last row (kept as a range, not a million indexed cells)', () => {
  const title = { row: 1, col: 1, value: { kind: 'string' as const, value: '一级指标' } };
  const last = { row: 1_048_576, col: 2, value: { kind: 'number' as const, value: 1 } };

  it('shows its value on every row, at its top-left address, and rows end where the merge does', () => {
    const s = new Sheet({ name: 't', cells: [title, last], merges: ['A1:A1048576'] });
    expect(s.merges).toEqual([{ top: 1, left: 1, bottom: 1_048_576, right: 1 }]);
    expect(s.text(524_288, 1)).toBe('一级指标');
    expect(s.addr(1_048_576, 1)).toBe('A1');
    expect(s.areaA1(2, 1)).toBe('A1:A1048576');
    expect(s.own(2, 1)).toEqual({ kind: 'empty' });
    expect(s.isMaster(2, 1)).toBe(false);
    expect([s.lastColIn(700_000), s.lastColIn(1_048_576), s.lastRowIn(1)]).toEqual([1, 2, 1_048_576]);
    expect(s.mergeOf(2, 2)).toBeUndefined();
  });

  it('the first of two overlapping merges wins, tall or not', () => {
    const smallFirst = new Sheet({ name: 't', cells: [title, last], merges: ['A5:B6', 'A1:A1048576'] });
    expect(smallFirst.merges.map((m) => m.bottom)).toEqual([6]);
    const tallFirst = new Sheet({ name: 't', cells: [title, last], merges: ['A1:A1048576', 'A5:B6', 'C5:D6'] });
    expect(tallFirst.merges.map((m) => `${m.left}:${m.bottom}`)).toEqual(['1:1048576', '3:6']);
    const twoTall = new Sheet({ name: 't', cells: [title, last], merges: ['A1:A1048576', 'A20000:B1048576'] });
    expect(twoTall.merges).toHaveLength(1);
  });
});
