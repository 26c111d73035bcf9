import { analyzeWorkbook } from '../../src/engine/analyze';
import { compareAchievement, parseDateSpan } from '../../src/engine/selfeval/compare';
import type { TargetTable } from '../../src/engine/target';
import { gridSheet, type GridValue } from '../helpers/grid';

/**
 * 绩效目标表 in three layouts an agency might keep, each with its faults placed by hand: the MOF
 * 申报表 (指标值 with the unit inside, merged 一级/二级), a provincial form with 指标值 | 度量单位 | 指标性质
 * and groups left blank below their first row, and a department's 整体 form with 全年指标值.
 */
function run(rows: GridValue[][], merges: string[] = [], settings?: unknown) {
  const a = analyzeWorkbook({ name: 't.xlsx', sheets: [gridSheet('目标', rows, merges)] }, settings);
  const tables = a.tables.filter((t): t is TargetTable => t.kind === 'target');
  const at = (code: string) => a.findings.filter((f) => f.code === code).map((f) => f.cell);
  return { a, tables, at };
}

// Layout 1: the 申报表; 年度资金总额 100 万元; no 成本指标; G9 显著提升; G8 ≤120万元 would be cost but is 质量.
const shenbao: GridValue[][] = [
  ['2024年度项目支出绩效目标申报表'],
  ['项目名称', '乡村道路养护', null, null, '主管部门', '区交通局'],
  ['项目资金（万元）', '年度资金总额', 100, null, null, null],
  [null, '其中：财政拨款', 100, null, null, null],
  ['总体目标', '完成道路养护120公里'],
  ['绩效指标', '一级指标', '二级指标', '三级指标', null, null, '指标值'],
  [null, '产出指标', '数量指标', '养护里程', null, null, '≥120公里'],
  [null, null, '质量指标', '验收合格率', null, null, '≥95%'],
  [null, null, '时效指标', '完成时间', null, null, '12月底前'],
  [null, '效益指标', '社会效益指标', '群众出行条件', null, null, '显著提升'],
  [null, '满意度指标', '服务对象满意度指标', '沿线群众满意度', null, null, '≥90%'],
];
const shenbaoMerges = ['A1:G1', 'A3:A4', 'A6:A11', 'B7:B9', 'D6:F6', 'D7:F7', 'D8:F8', 'D9:F9', 'D10:F10', 'D11:F11'];

test('申报表: read whole with 项目名称, 年度资金总额 in 万元 and the 二级 of every indicator', () => {
  const { tables } = run(shenbao, shenbaoMerges);
  expect(tables).toHaveLength(1);
  const t = tables[0];
  expect(t.range).toBe('A1:G11');
  expect(t.projectName?.text).toBe('乡村道路养护');
  expect(t.funds).toMatchObject({ total: { value: 100, cell: 'C3' }, unit: '万元' });
  expect(t.indicators.map((i) => [i.level2?.text, i.name.text, i.valueCell])).toEqual([
    ['数量指标', '养护里程', 'G7'],
    ['质量指标', '验收合格率', 'G8'],
    ['时效指标', '完成时间', 'G9'],
    ['社会效益指标', '群众出行条件', 'G10'],
    ['服务对象满意度指标', '沿线群众满意度', 'G11'],
  ]);
});

test('申报表: 显著提升 is unquantified (its 二级 named), 成本 is the one category missing, nothing else', () => {
  const { a, at } = run(shenbao, shenbaoMerges);
  expect(at('target-unquantified')).toEqual(['G10']);
  expect(a.findings.find((f) => f.code === 'target-unquantified')!.message).toContain(
    '“社会效益指标”下的指标“群众出行条件”',
  );
  const missing = a.findings.filter((f) => f.code === 'target-category-missing');
  expect(missing.map((f) => [f.cell, f.expected])).toEqual([['C6', '成本指标']]);
  expect(at('target-unit-missing')).toEqual([]);
  expect(at('target-budget-mismatch')).toEqual([]);
  // Nothing of another family is read into it (a 指标体系 reading would flag missing 分值).
  expect(a.findings.filter((f) => f.severity !== 'info' && !f.code.startsWith('target-'))).toEqual([]);
});

test('the expected categories come from settings', () => {
  const { at } = run(shenbao, shenbaoMerges, { targetCategories: ['数量', '质量'] });
  expect(at('target-category-missing')).toEqual([]);
});

// Layout 2: 指标值 | 度量单位 | 指标性质, groups blank below their first row, funds in 元 (1,000,000 元 = 100 万元).
const provincial = (costValue: GridValue, costUnit: GridValue, reachUnit: GridValue): GridValue[][] => [
  ['项目绩效目标表'],
  ['项目名称', '农技推广补助'],
  ['年度资金总额（元）', 1000000],
  ['一级指标', '二级指标', '三级指标', '指标值', '度量单位', '指标性质'],
  ['产出指标', '数量指标', '培训农民人数', 500, reachUnit, '≥'],
  [null, null, '示范基地数（个）', 3, null, '≥'],
  [null, '质量指标', '培训合格率', '95%', null, '≥'],
  [null, '时效指标', '培训完成时间', '2024年10月31日前', null, '≤'],
  [null, '成本指标', '人均培训成本', costValue, costUnit, '≤'],
  ['效益指标', '经济效益指标', '亩均增收', 200, '元', '≥'],
  ['满意度指标', '满意度指标', '培训对象满意度', '≥90%', null, '≥'],
  ['注：指标值按年度填写'],
];

test('度量单位 column: a bare figure with its unit filled in is fine; left empty it is flagged; a unit in the name counts', () => {
  const clean = run(provincial(90, '万元', '人'));
  expect(clean.tables).toHaveLength(1);
  expect(clean.tables[0].range).toBe('A1:F11');
  expect(clean.at('target-unit-missing')).toEqual([]);
  expect(clean.at('target-category-missing')).toEqual([]);
  expect(clean.at('target-budget-mismatch')).toEqual([]);
  expect(clean.at('target-unquantified')).toEqual([]);
  const noUnit = run(provincial(90, '万元', null));
  expect(noUnit.at('target-unit-missing')).toEqual(['D5']);
  expect(noUnit.a.findings.find((f) => f.code === 'target-unit-missing')!.message).toContain('度量单位一栏为空');
});

test('a 成本 target above the form’s own 年度资金总额 is an error, compared in one unit', () => {
  // 120 万元 = 1,200,000 元 > 1,000,000 元.
  const over = run(provincial(120, '万元', '人'));
  expect(over.at('target-budget-mismatch')).toEqual(['D9']);
  const f = over.a.findings.find((x) => x.code === 'target-budget-mismatch')!;
  expect(f.severity).toBe('error');
  expect(f.related).toEqual(['B3']);
  expect(f.actual).toBe(1200000);
  // 999,999 元 is within the 1,000,000 元.
  expect(run(provincial(999999, '元', '人')).at('target-budget-mismatch')).toEqual([]);
  // Written inside the value (`≤100.5万元`) and over.
  expect(run(provincial('≤100.5万元', null, '人')).at('target-budget-mismatch')).toEqual(['D9']);
});

// Layout 3: a department's 整体 form (no 项目名称): categories are not a project's, and 全年指标值 is the value.
const department: GridValue[][] = [
  ['部门整体绩效目标表'],
  ['一级指标', '二级指标', '三级指标', '全年指标值'],
  ['产出指标', '数量指标', '完成督查事项', '≥40件'],
  ['产出指标', '质量指标', '督查事项办结率', '100%'],
  ['效益指标', '社会效益指标', '营商环境', '有效改善'],
  ['效益指标', '可持续影响指标', '制度建设', '逐步完善'],
];

test('department form: read with 全年指标值; vague targets flagged, no project categories demanded', () => {
  const { tables, at } = run(department);
  expect(tables).toHaveLength(1);
  expect(tables[0].isProject).toBe(false);
  expect(at('target-category-missing')).toEqual([]);
  expect(at('target-unquantified')).toEqual(['D5', 'D6']);
});

test('a 自评表 (实际完成值 and 得分 columns) is not read as a 绩效目标表', () => {
  const rows: GridValue[][] = [
    ['项目支出绩效自评表'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['产出指标', '数量指标', '培训人数', '500人', '520人', 10, 10, null],
  ];
  expect(run(rows).tables).toEqual([]);
});

describe('target against actual: every comparable pair (the 自评表 full-score check)', () => {
  const t = (text: string) => ({ text, cell: 'A1' });
  test.each([
    // [年度指标值, 实际完成值, verdict]
    ['12月底前', '2024年1月完成', 'unknown'], // a year on one side only: not compared
    ['12月底前', '12月20日完成', 'met'],
    ['6月30日前', '7月15日完成', 'short'],
    ['2024年6月30日前', '2024年6月28日', 'met'],
    ['2024年6月底前', '2024年8月', 'short'],
    ['6月30日前', '6月', 'unknown'], // June: perhaps the 30th, perhaps not
    ['年底前', '11月完成', 'met'],
    ['10万元', '98000元', 'short'],
    ['≤10万元', '98000元', 'met'],
    ['≤10万元', '120000元', 'short'],
    ['≥1.2万人', '11000人', 'short'],
    ['按期完成', '已完成', 'unknown'],
  ])('%s vs %s → %s', (target, actual, verdict) => {
    expect(compareAchievement(t(target), t(actual)).verdict).toBe(verdict);
  });

  test('date spans read as the text says', () => {
    expect(parseDateSpan('12月底前')).toMatchObject({ first: 12 * 32 + 1, last: 12 * 32 + 31 });
    expect(parseDateSpan('2024年6月30日前')).toMatchObject({ year: 2024, first: 6 * 32 + 30, last: 6 * 32 + 30 });
    expect(parseDateSpan('已于10月中旬完成')).toMatchObject({ first: 10 * 32 + 11, last: 10 * 32 + 20 });
    expect(parseDateSpan('及时')).toBeUndefined();
    expect(parseDateSpan('13月')).toBeUndefined();
  });
});

test('a 自评表 with a deadline missed yet full score gets shortfall-full-score (the stable code for target-not-met-full-score)', () => {
  const rows: GridValue[][] = [
    ['项目支出绩效自评表'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['产出指标', '时效指标', '竣工时间', '2024年6月30日前', '2024年8月20日', 10, 10, null],
    ['产出指标', '成本指标', '工程成本', '≤50万元', '480000元', 10, 10, null],
  ];
  const a = analyzeWorkbook({ name: 't.xlsx', sheets: [gridSheet('自评', rows)] });
  const f = a.findings.filter((x) => x.code === 'shortfall-full-score');
  expect(f.map((x) => x.cell)).toEqual(['G3']);
  expect(f[0].message).toContain('晚于');
});
