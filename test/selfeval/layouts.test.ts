import { analyzeWorkbook } from '../../src/engine/analyze';
import { gridSheet, type GridValue } from '../helpers/grid';
import { columnLetters } from '../../src/engine/model/address';
import type { SelfEvalTable } from '../../src/engine/selfeval/types';

/**
 * Layouts the beijing workbook does not have: a form lower on the sheet and shifted right, two forms on
 * one sheet, a form without title, unmerged 一级 cells, and slips in every check the forms can carry.
 * The form below is the 农业嘉年华 form of seed 001, shortened.
 */
interface FormSpec {
  readonly name?: string;
  readonly title?: boolean;
  readonly budget?: number;
  readonly executed?: number;
  readonly rate?: number;
  readonly fundScore?: number;
  readonly c8?: GridValue; // 当年财政拨款 年初预算数
  /** [一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因] */
  readonly rows?: readonly (readonly GridValue[])[];
  readonly totalWeight?: number;
  readonly totalScore?: number;
  readonly mergeLevels?: boolean;
}

const ROWS: readonly (readonly GridValue[])[] = [
  ['产出指标', '数量指标', '指标1：展销天数', '60天', '58天', 40, 39, '农业嘉年华活动时间为58天'],
  [null, '质量指标', '指标1：管理要求', '符合各种管理规定', '符合规定', 20, 20, null],
  ['效益指标', '社会效益指标', '指标1：推广扶贫理念', '得到推广', '已推广', 20, 20, null],
  ['满意度指标', '服务对象满意度标', '指标1：各方满意度', '≥90%', { v: 1, fmt: '0.00%' }, 10, 10, null],
];

/** Rows of one form, its first column at `left` (1 = A), and its merges relative to `top`. */
function formRows(spec: FormSpec, top: number, left: number): { rows: GridValue[][]; merges: string[] } {
  const pad = (r: readonly GridValue[]) => [...Array(left - 1).fill(null), ...r];
  const indicators = spec.rows ?? ROWS;
  const budget = spec.budget ?? 160;
  const executed = spec.executed ?? 159.80445;
  const rows: GridValue[][] = [
    ...(spec.title === false ? [] : [['项目支出绩效自评表'], ['（2020年度）']]),
    ['项目名称', null, spec.name ?? '第七届北京农业嘉年华举办“扶贫攻坚 决胜小康”项目'],
    [
      '主管部门',
      null,
      '北京市扶贫协作和支援合作工作领导小组办公室',
      null,
      null,
      '实施单位',
      '北京美好故事文化传播有限公司',
    ],
    ['项目负责人', null, '周健', null, null, '联系电话', '55574477'],
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [
      null,
      '年度资金总额',
      budget,
      budget,
      executed,
      10,
      { v: spec.rate ?? 0.9988, fmt: '0.00%' },
      spec.fundScore ?? 9.99,
    ],
    [
      null,
      '其中：当年财政拨款',
      spec.c8 ?? budget,
      budget,
      executed,
      '—',
      { v: spec.rate ?? 0.9988, fmt: '0.00%' },
      '—',
    ],
    [null, '上年结转资金', null, null, null, '—', null, '—'],
    [null, '其他资金', null, null, null, '—', null, '—'],
    ['年度总体目标', '预期目标', null, null, null, '实际完成情况'],
    [null, '一是持续60天的扶贫地区产品展示展销', null, null, null, '主题活动共运行了58天'],
    [
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ],
    ...indicators.map((r) => [null, ...r]),
    ['总分', null, null, null, null, null, spec.totalWeight ?? 100, spec.totalScore ?? 98.99],
  ];
  const r0 = top + (spec.title === false ? 0 : 2); // 项目名称 row
  const col = (c: number) => columnLetters(left + c - 1);
  const ind0 = r0 + 11; // first indicator row, as on the beijing forms (row 14 under a title)
  const merges = [
    ...(spec.title === false ? [] : [`${col(1)}${top}:${col(9)}${top}`]),
    `${col(3)}${r0}:${col(9)}${r0}`,
    `${col(8)}${r0 + 3}:${col(9)}${r0 + 3}`,
    `${col(1)}${r0 + 3}:${col(1)}${r0 + 7}`,
    `${col(1)}${ind0 - 1}:${col(1)}${ind0 + indicators.length - 1}`,
    `${col(1)}${ind0 + indicators.length}:${col(6)}${ind0 + indicators.length}`,
    ...(spec.mergeLevels === false || indicators !== ROWS ? [] : [`${col(2)}${ind0}:${col(2)}${ind0 + 1}`]),
  ];
  return { rows: rows.map(pad), merges };
}

function sheetOf(name: string, parts: { spec: FormSpec; top: number; left: number }[]) {
  const rows: GridValue[][] = [];
  const merges: string[] = [];
  for (const p of parts) {
    const f = formRows(p.spec, p.top, p.left);
    f.rows.forEach((r, i) => (rows[p.top - 1 + i] = r));
    merges.push(...f.merges);
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return gridSheet(name, rows, merges);
}

const forms = (a: ReturnType<typeof analyzeWorkbook>) =>
  a.tables.filter((t): t is SelfEvalTable => t.kind === 'self-evaluation');
const codesAt = (a: ReturnType<typeof analyzeWorkbook>, cell: string) =>
  a.findings.filter((f) => f.cell === cell).map((f) => f.code);

test('a clean form placed at C6 (lower and to the right) is found whole, by its labels, with no error or warning', () => {
  const a = analyzeWorkbook({ name: 't.xlsx', sheets: [sheetOf('表', [{ spec: {}, top: 6, left: 3 }])] });
  const [f] = forms(a);
  expect(f.range).toBe('C6:K23');
  expect(f.projectName?.cell).toBe('E8');
  expect(f.funds[0]).toMatchObject({ isTotal: true, row: 12, rateCell: 'I12', scoreCell: 'J12' });
  expect(f.indicators.map((i) => [i.row, i.level1?.text, i.level1?.cell])).toEqual([
    [19, '产出指标', 'D19'],
    [20, '产出指标', 'D19'],
    [21, '效益指标', 'D21'],
    [22, '满意度指标', 'D22'],
  ]);
  expect(f.total).toMatchObject({
    labelCell: 'C23',
    weight: { value: 100, cell: 'I23' },
    score: { value: 98.99, cell: 'J23' },
  });
  expect(a.findings.filter((x) => x.severity !== 'info')).toEqual([]);
});

test('two forms on one sheet, the second without a title: each is its own table with its own 项目名称', () => {
  const a = analyzeWorkbook({
    name: 't.xlsx',
    sheets: [
      sheetOf('两表', [
        { spec: {}, top: 1, left: 1 },
        { spec: { title: false, name: '第二个项目' }, top: 22, left: 1 },
      ]),
    ],
  });
  expect(forms(a).map((f) => [f.range, f.projectName?.text])).toEqual([
    ['A1:I18', '第七届北京农业嘉年华举办“扶贫攻坚 决胜小康”项目'],
    ['A22:I37', '第二个项目'],
  ]);
});

test('an unmerged blank 一级 cell continues the group above', () => {
  const a = analyzeWorkbook({
    name: 't.xlsx',
    sheets: [sheetOf('表', [{ spec: { mergeLevels: false }, top: 1, left: 1 }])],
  });
  expect(forms(a)[0].indicators[1].level1).toEqual({ text: '产出指标', cell: 'B14' });
});

describe('slips on a form', () => {
  const slipped = analyzeWorkbook({
    name: 't.xlsx',
    sheets: [
      sheetOf('表', [
        {
          spec: {
            rate: 0.98, // 159.80445/160 = 99.88%
            c8: 150, // 年初预算数 of the 其中 row ≠ 年度资金总额 160
            rows: [
              ['产出指标', '数量指标', '指标1：展销天数', '60天', '58天', 40, 37, '时间缩短，扣2分'],
              ['质量指标', '质量指标', '指标1：管理要求', '符合各种管理规定', '符合规定', 20, 21, null],
              ['效益指标', '产出指标', '指标1：推广扶贫理念', '得到推广', '已推广', 15, null, null],
            ],
            totalScore: 80,
          },
          top: 1,
          left: 1,
        },
      ]),
    ],
  });
  const one = (cell: string, code: string) => slipped.findings.find((f) => f.cell === cell && f.code === code)!;

  test('执行率 98.00% ≠ 159.80445/160 = 99.88% is a rate-mismatch at G7', () => {
    expect(one('G7', 'rate-mismatch').message).toBe(
      '年度资金总额：执行率 98.00% ≠ 全年执行数 159.80445 / 全年预算数 160 = 99.88%',
    );
    expect(codesAt(slipped, 'H7')).toEqual([]); // 9.99 follows from the amounts, whatever G7 shows
  });

  test('年度资金总额 年初预算数 160 ≠ 当年财政拨款 150 is a sum-mismatch at C7', () => {
    expect(one('C7', 'sum-mismatch').message).toBe('年度资金总额年初预算数 160 ≠ 其中各项之和 150 = 150（差 10）');
  });

  test('a note saying 扣2分 when 3 were lost; 得分 above 分值; a 分值 without 得分', () => {
    expect(one('I14', 'deduction-note-mismatch').message).toBe('展销天数：偏差原因称扣 2 分，但分值 40 − 得分 37 = 3');
    expect(one('H15', 'score-out-of-range').message).toBe('管理要求：得分 21 不在 0 与分值 20 之间');
    expect(one('H16', 'missing-score').severity).toBe('warning');
  });

  test('labels in the wrong level column: 质量指标 as 一级, 产出指标 as 二级', () => {
    expect(one('B15', 'label-mismatch').message).toBe(
      '一级指标栏填的是二级指标名“质量指标”，其下为质量指标，应为“产出指标”',
    );
    expect(one('C16', 'label-mismatch').message).toBe('二级指标栏填的是一级指标名“产出指标”');
  });

  test('总分 80 ≠ 9.99 + 37 + 21 and 分值 10 + 75 ≠ 100', () => {
    expect(one('H17', 'total-mismatch').message).toBe(
      '总分 80 ≠ 资金执行得分 9.99 + 各指标得分之和 58 = 67.99（差 12.01）',
    );
    expect(one('G17', 'total-weight').message).toBe('总分分值 100 ≠ 资金分值 10 + 各指标分值之和 75 = 85');
  });
});

test('spending above the budget is over-budget; the score is capped at 分值 (执行率 105% → 10)', () => {
  const a = analyzeWorkbook({
    name: 't.xlsx',
    sheets: [sheetOf('表', [{ spec: { executed: 168, rate: 1.05, fundScore: 10, totalScore: 99 }, top: 1, left: 1 }])],
  });
  expect(a.findings.find((f) => f.cell === 'E7')).toMatchObject({
    code: 'over-budget',
    message: '年度资金总额：全年执行数 168 超过全年预算数 160（超 8）',
  });
  expect(codesAt(a, 'H7')).toEqual([]);
});

test('forms cut short or without indicators give fewer tables, never an exception', () => {
  const { rows, merges } = formRows({}, 1, 1);
  for (const keep of [3, 9, 10, 11, 14]) {
    const a = analyzeWorkbook({ name: 't.xlsx', sheets: [gridSheet('表', rows.slice(0, keep), merges)] });
    expect(a.internalErrors).toEqual([]);
    expect(forms(a).length).toBeLessThanOrEqual(1);
  }
  // Without a 绩效指标 header the funds block is still a form of its own, read and checked alone.
  const noHeaderLabels = rows.map((r) => r.map((v) => (v === '一级指标' ? '指标' : v)));
  const fundsOnly = forms(analyzeWorkbook({ name: 't.xlsx', sheets: [gridSheet('表', noHeaderLabels, merges)] }));
  expect(fundsOnly).toHaveLength(1);
  expect(fundsOnly[0].indicators).toEqual([]);
  expect(fundsOnly[0].funds.length).toBeGreaterThan(0);
});
