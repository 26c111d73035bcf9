import { analyzeWorkbook } from '../../src/engine/analyze';
import type { IndicatorTable, SummaryTable } from '../../src/engine/indicator/types';
import { gridSheet } from '../helpers/grid';

/**
 * Layouts the samples do not combine: two tables on one sheet with title and unit rows, header text
 * with line breaks and full-width brackets, and slips the structure checks must catch.
 */
const twoTables = gridSheet(
  '评分',
  [
    ['附件：绩效评价得分表（单位一）'],
    ['一级\n指标', '二级 指标', '三级指标', '分 值', '得  分', '得分率', '扣分说明'],
    ['决策（20分）', '项目立项（10分）', '立项依据（5分）', 5, 5, { v: 1, fmt: '0.00%' }, null],
    [null, null, '立项程序（5分）', 5, 4, { v: 0.85, fmt: '0.00%' }, '程序不全，扣1分'],
    [null, '绩效目标（8分）', '目标合理性（4分）', 4, 3, { v: 0.75, fmt: '0.00%' }, null],
    [null, null, '目标明确性（6分）', 6, 7, { v: 1.1667, fmt: '0.00%' }, null],
    [
      '过程（80分）',
      '资金管理（80分）',
      '预算执行率（80分）',
      80,
      70,
      { v: 0.9, fmt: '0.00%' },
      '执行率 87.5%，扣 8 分',
    ],
    ['合计', null, null, 100, 88, null, null],
    [],
    ['附件：综合评定得分表'],
    ['单位：分'],
    ['指标', '分值', '得分', '得分率'],
    ['决策', 20, 18, { v: 0.95, fmt: '0.00%' }],
    ['过程', 80, 70, { v: 0.875, fmt: '0.00%' }],
    ['合计', 100, 89, { v: 0.89, fmt: '0.00%' }],
    ['评价等级', '优'],
  ],
  ['A3:A6', 'B3:B4', 'B5:B6'],
);

const analysis = analyzeWorkbook({ name: 'layouts.xlsx', sheets: [twoTables] });
const at = (code: string, cell: string) => analysis.findings.filter((f) => f.code === code && f.cell === cell);

test('both tables on the sheet are found, each with its own header row', () => {
  expect(analysis.tables.map((t) => [t.kind, t.range, t.title])).toEqual([
    ['indicator', 'A2:G8', '附件：绩效评价得分表（单位一）'],
    ['score-summary', 'A12:D16', '附件：综合评定得分表'],
  ]);
  const detail = analysis.tables[0] as IndicatorTable;
  expect(detail.roots[0].children.map((c) => c.name)).toEqual(['项目立项', '绩效目标']);
  expect((analysis.tables[1] as SummaryTable).grade).toEqual({ text: '优', cell: 'B16' });
});

test('a 二级 weight that is not the sum of its 三级 weights is a weight-sum error at the name', () => {
  expect(at('weight-sum', 'B5')[0].message).toBe(
    '绩效目标：分值 8 ≠ 下级指标分值之和 10（目标合理性 4 + 目标明确性 6）',
  );
});

test('一级 weights reaching 100 while a 二级 is off still pass total-weight', () => {
  expect(analysis.findings.filter((f) => f.code === 'total-weight')).toEqual([]);
});

test('得分 above 分值 is out of range; a deduction without 扣分说明 is unexplained; a note naming the wrong amount is flagged', () => {
  expect(at('score-out-of-range', 'E6')).toHaveLength(1);
  expect(at('deduction-unexplained', 'E5')[0].message).toContain('扣 1 分');
  expect(at('deduction-note-mismatch', 'G7')[0].message).toBe(
    '预算执行率：扣分说明称扣 8 分，但分值 80 − 得分 70 = 10',
  );
  expect(at('deduction-note-mismatch', 'G4')).toEqual([]);
});

test('the summary below is matched to the detail above: 决策 18 ≠ 19 explains its rate and the total', () => {
  const sub = at('subtotal-mismatch', 'C13')[0];
  expect(sub.message).toContain('决策');
  expect(sub.expected).toBe(19);
  expect(sub.culprit).toEqual({ sheet: '评分', cell: 'C13', value: 19, explains: 3 });
  expect(at('rate-mismatch', 'D13')[0].culprit?.cell).toBe('C13');
  expect(at('total-mismatch', 'C15')[0].culprit?.cell).toBe('C13');
  expect(at('rate-mismatch', 'F4')[0].message).toBe('立项程序：得分率 85.00% ≠ 得分 4 / 分值 5 = 80.00%');
  expect(at('rate-mismatch', 'F6')).toEqual([]); // 116.67% is 7/6: the slip is the score, reported once
  expect(at('total-mismatch', 'E8')[0].message).toBe('合计得分 88 ≠ 各项得分之和 89');
  expect(at('grade-mismatch', 'B16')[0].message).toBe('等级“优”与总分 89 不符，按等级标准应为“良”');
});

test('group cells left blank below themselves or repeated on every row (not merged) still form one group', () => {
  const sheet = gridSheet('未合并', [
    ['一级指标', '二级指标', '三级指标', '分值', '得分'],
    ['决策（10分）', '立项（6分）', '依据', 3, 3],
    [null, null, '程序', 3, 3],
    ['决策（10分）', '目标（4分）', '明确性', 4, 4],
    ['产出（90分）', '数量（90分）', '完成率', 90, 90],
  ]);
  const a = analyzeWorkbook({ name: 't.xlsx', sheets: [sheet] });
  const t = a.tables[0] as IndicatorTable;
  expect(t.roots.map((r) => [r.name, r.top, r.bottom, r.children.map((c) => c.name)])).toEqual([
    ['决策', 2, 4, ['立项', '目标']],
    ['产出', 5, 5, ['数量']],
  ]);
  expect(a.findings.filter((f) => f.severity !== 'info')).toEqual([]);
});
