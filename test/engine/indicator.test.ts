import { Workbook } from '../../src/engine/model/sheet';
import { detectTables } from '../../src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../src/engine/settings';
import { leavesOf } from '../../src/engine/indicator';
import type { IndicatorTable, SummaryTable } from '../../src/engine/indicator/types';
import { loadSample } from '../helpers/fixtures';

async function tablesOf(file: Parameters<typeof loadSample>[0]) {
  return detectTables(new Workbook(await loadSample(file)), DEFAULT_SETTINGS);
}

test('qixia 得分表: header row 2, 4 一级 with weights from names, 54 leaves, score blocks, 合计 row 57', async () => {
  const t = (await tablesOf('qixia-2021.xlsx')).find((x) => x.sheet === '得分表') as IndicatorTable;
  expect(t.kind).toBe('indicator');
  expect(t.range).toBe('A2:I57');
  expect(t.roots.map((r) => [r.name, r.weight?.value, r.weight?.cell])).toEqual([
    ['决策', 18, 'A3'],
    ['过程', 22, 'A15'],
    ['产出', 36, 'A25'],
    ['效益', 24, 'A51'],
  ]);
  expect(t.roots.flatMap(leavesOf)).toHaveLength(54);
  const block = t.blocks.find((b) => b.weightCell === 'G15')!;
  expect(block.weight?.value).toBe(6);
  expect(block.scores.map((s) => [s.cell, s.value])).toEqual([
    ['H15', 3],
    ['H16', 2.96],
  ]);
  expect(block.notes.map((n) => n.cell)).toEqual(['I16']);
  expect(t.total).toMatchObject({
    labelCell: 'A57',
    weight: { value: 100, cell: 'G57' },
    score: { value: 92.66, cell: 'H57' },
  });
});

test('qingdao 指标体系: letter-spaced 一级 and line-broken 二级 names, weight column per leaf, "-" 四级 ignored', async () => {
  const t = (await tablesOf('qingdao-2020.xlsx')).find((x) => x.sheet === '指标体系') as IndicatorTable;
  expect(t.roots.map((r) => `${r.name}${r.weight?.value}`)).toEqual(['投入20', '过程20', '产出35', '效果25']);
  const budgeting = t.roots[0].children[0];
  expect([budgeting.name, budgeting.weight?.value, budgeting.rawName]).toEqual(['目标设定', 10, '目标\n设定（10）']);
  const execution = t.roots[1].children[0].children[0];
  expect(execution).toMatchObject({
    name: '预算执行率',
    weight: { value: 2, cell: 'E7', source: 'column' },
    score: { value: 1.56, cell: 'J7' },
    rate: { cell: 'K7' },
  });
  expect(execution.children).toHaveLength(0);
});

test('east-west 评价办法: declared total 70 from 分值（70分）, groups from 名称指标, one leaf per row', async () => {
  const t = (await tablesOf('east-west-2020.xlsx'))[0] as IndicatorTable;
  expect(t.declaredTotal).toEqual({ value: 70, cell: 'D2' });
  expect(t.roots.map((r) => r.weight?.value)).toEqual([10, 11, 4, 12, 18, 15]);
  expect(t.roots.flatMap(leavesOf)).toHaveLength(21);
  expect(t.roots[0].children[1].name).toBe('2. 召开县级高层联席会议情况');
});

test('summary tables in rows (qingdao 得分情况) and in columns (qixia 综合评定)', async () => {
  const qd = (await tablesOf('qingdao-2020.xlsx')).find((x) => x.sheet === '得分情况') as SummaryTable;
  expect(qd.orientation).toBe('rows');
  expect(qd.items.map((i) => [i.label.text, i.score?.cell])).toEqual([
    ['投入', 'C3'],
    ['过程', 'C4'],
    ['产出', 'C5'],
    ['效益', 'C6'],
  ]);
  expect(qd.total?.score).toMatchObject({ value: 99.56, cell: 'C7' });
  const qx = (await tablesOf('qixia-2021.xlsx')).find((x) => x.sheet === '综合评定') as SummaryTable;
  expect(qx.orientation).toBe('columns');
  expect(qx.items.map((i) => [i.label.text, i.weight?.value, i.score?.cell, i.rate?.cell])).toEqual([
    ['决策', 18, 'B4', 'B5'],
    ['过程', 22, 'C4', 'C5'],
    ['产出', 36, 'D4', 'D5'],
    ['效益', 24, 'E4', 'E5'],
  ]);
  expect(qx.total?.score?.cell).toBe('F4');
});

test('one wrong cell explaining several mismatches is named as the culprit (qixia 综合评定 B4 → 17)', async () => {
  const { analyzeSample } = await import('../helpers/fixtures');
  const a = await analyzeSample('qixia-2021.xlsx');
  const onSummary = a.findings.filter((f) => f.sheet === '综合评定');
  expect(onSummary.map((f) => [f.code, f.cell])).toEqual(
    expect.arrayContaining([
      ['subtotal-mismatch', 'B4'],
      ['rate-mismatch', 'B5'],
      ['total-mismatch', 'F4'],
    ]),
  );
  for (const f of onSummary) expect(f.culprit).toEqual({ sheet: '综合评定', cell: 'B4', value: 17, explains: 3 });
  expect(onSummary.find((f) => f.cell === 'B4')!.message).toContain(
    '决策：综合评定得分 16.5 ≠ 得分表中“决策”各末级指标得分之和 17',
  );
});
