import {
  compareAchievement,
  gradeRank,
  isUnquantified,
  parseDegree,
  parseQuantity,
} from '../../src/engine/selfeval/compare';
import type { NumberCell, TextCell } from '../../src/engine/tables';

/** 年度指标值 vs 实际完成值 as printed in the seed-001 自评表 (the cell each example comes from). */
const text = (t: string, cell = 'E1'): TextCell => ({ text: t, cell });
const num = (value: number, numFmt?: string): NumberCell => ({ value, cell: 'F1', ...(numFmt ? { numFmt } : {}) });

describe('parseQuantity', () => {
  test.each([
    ['10个', { value: 10, unit: '个', bound: 'min' }], // 培训质量评估!E15
    ['3个', { value: 3, unit: '个', bound: 'min' }], // 培训质量评估!F15
    ['3-5万字', { value: 3, upper: 5, unit: '万字', bound: 'min' }], // 扶贫+扶志研究!E19
    ['2.8万字', { value: 2.8, unit: '万字', bound: 'min' }], // 扶贫+扶志研究!F19
    ['约270人(局级70人，局以下200人)', { value: 270, unit: '人', bound: 'min' }], // 扶贫+扶志研究!E15: the bracket explains
    ['约100人', { value: 100, unit: '人', bound: 'min' }], // 扶贫+扶志研究!F15
    ['≥90%', { value: 0.9, unit: '%', bound: 'min' }], // 法律服务费!E20
    ['≥99.5%', { value: 0.995, unit: '%', bound: 'min' }], // 网站内容运维!E19
    ['不超过12.712万元', { value: 12.712, unit: '万元', bound: 'max' }], // 全过程绩效管理咨询!E21
    ['控制在12万元以内', { value: 12, unit: '万元', bound: 'max' }], // 来京学习考察调研!E17
    ['30天之内', { value: 30, unit: '天', bound: 'max' }], // 农业嘉年华!E17
    ['12个月', { value: 12, unit: '个月', bound: 'min' }], // 网站内容运维!E17
    ['8省市', { value: 8, unit: '省市', bound: 'min' }], // 赴外考察调研!E14
    ['200-250页', { value: 200, upper: 250, unit: '页', bound: 'min' }], // 北京援派干部读本 (2)!E15
    ['每期240页', { value: 240, unit: '页', bound: 'min' }], // 北京援派干部读本 (2)!F15
    ['250.965万', { value: 250.965, unit: '万', bound: 'min' }], // 双创中心专项宣传!E17
    ['3亿元', { value: 3, unit: '亿元', bound: 'min' }], // 消费扶贫营销推广!E14
  ])('%s', (input, expected) => {
    expect(parseQuantity(input)).toEqual(expected);
  });

  test.each([
    '完成3个考评，提供报告', // 工作考核服务费!E14: prose around the figure
    '2020年4月底前', // a date, not a quantity
    '12月底前完成', // 工作经费!E19
    '7月23-26日', // 青洽会!E17
    '年度选树扶贫之星100人', // 扶贫之星评选!E14
    '10(册)\\40元', // 干部教育培训!E16: two figures
    '良好',
    '得到提升',
  ])('%s is not a quantity', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });
});

describe('parseDegree', () => {
  test.each([
    ['有所提升', { rank: 1, verb: '提升' }], // 考核培训!F18
    ['得到提升', { rank: 2, verb: '提升' }], // 考核培训!E18
    ['得到充分展现', { rank: 3, verb: '展现' }], // 相关课题研究!E18
    ['得到一定提升', { rank: 1, verb: '提升' }], // 培训质量评估!F22
    ['已推广', { rank: 2, verb: '推广' }], // 农业嘉年华!F20
  ])('%s', (input, expected) => {
    expect(parseDegree(input)).toEqual(expected);
  });

  test.each(['保证项目按计划完成，财政资金效益得到提高', '进行整改完善', '促进产品营销', '良好'])(
    '%s has no single degree',
    (input) => {
      expect(parseDegree(input)).toBeUndefined();
    },
  );
});

describe('compareAchievement', () => {
  test('培训质量评估 评估报告: 10个 promised, 3个 delivered → short by quantity', () => {
    expect(compareAchievement(text('10个'), text('3个'))).toMatchObject({ verdict: 'short', how: 'quantity' });
  });

  test('扶贫+扶志研究 专题研究报告: 3-5万字 promised, 2.8万字 delivered → short (below the lower bound)', () => {
    expect(compareAchievement(text('3-5万字'), text('2.8万字'))).toMatchObject({
      verdict: 'short',
      target: { value: 3 },
    });
  });

  test('扶贫+扶志研究 典型项目和案例: 约270人 promised, 约100人 delivered → short', () => {
    expect(compareAchievement(text('约270人(局级70人，局以下200人)'), text('约100人')).verdict).toBe('short');
  });

  test('扶贫+扶志研究 专家: 3-5人 promised, a bare 4 delivered → met (the bare number takes the target’s unit)', () => {
    expect(compareAchievement(text('3-5人'), num(4))).toEqual({ verdict: 'met' });
  });

  test('农业嘉年华 展销时间: 60天 promised, a bare 58 → short', () => {
    expect(compareAchievement(text('60天'), num(58)).verdict).toBe('short');
  });

  test('培训质量评估 验收合格率: ≥90% against 91% (a percentage cell) → met; 85% → short', () => {
    expect(compareAchievement(text('≥90%'), num(0.91, '0.00%'))).toEqual({ verdict: 'met' });
    expect(compareAchievement(text('≥90%'), num(0.85, '0.00%')).verdict).toBe('short');
  });

  test('cost is a ceiling: 农业嘉年华 160万元 planned, 159.80445万元 spent → met; overspending → short', () => {
    expect(compareAchievement(text('160万元'), text('159.80445万元'), { ceiling: true })).toEqual({ verdict: 'met' });
    expect(compareAchievement(text('160万元'), text('161万元'), { ceiling: true }).verdict).toBe('short');
    expect(compareAchievement(text('不超过30万元'), text('30万元'))).toEqual({ verdict: 'met' }); // 驾驶员劳务派遣!E17
  });

  test('消费扶贫营销推广 销售: 3亿元 promised, 4亿元 delivered → met', () => {
    expect(compareAchievement(text('3亿元'), text('4亿元'))).toEqual({ verdict: 'met' });
  });

  test('different units are not compared: 250.965万 vs 250.965万元 is unknown', () => {
    expect(compareAchievement(text('250.965万'), text('240万元'))).toEqual({ verdict: 'unknown' });
  });

  test('考核培训 得到提升 promised, 有所提升 delivered → short by degree; the reverse (新闻宣传) → met', () => {
    expect(compareAchievement(text('得到提升'), text('有所提升'))).toMatchObject({ verdict: 'short', how: 'degree' });
    expect(compareAchievement(text('有所提升'), text('得到提升'))).toEqual({ verdict: 'met' });
    expect(compareAchievement(text('得到充分展现'), text('得到展现')).verdict).toBe('short'); // 相关课题研究 row 18
  });

  test('grades: 良好 vs 良好 met, 良好 vs 合格 short', () => {
    expect(gradeRank('良好')).toBe(3);
    expect(compareAchievement(text('良好'), text('良好'))).toEqual({ verdict: 'met' });
    expect(compareAchievement(text('良好'), text('合格')).verdict).toBe('short');
  });

  test('prose against prose is unknown, never a guess (内部审计 进行整改完善 / 得到整改完善)', () => {
    expect(compareAchievement(text('进行整改完善'), text('得到整改完善'))).toEqual({ verdict: 'unknown' });
    expect(compareAchievement(text('12月底前完成'), text('2021年2月底'))).toEqual({ verdict: 'unknown' });
  });
});

describe('isUnquantified', () => {
  test.each([
    '有所提升',
    '得到保证',
    '得到促进',
    '有所扩大',
    '得到充分展现',
    '保证项目按计划完成，财政资金效益得到提高',
  ])('%s cannot be measured', (t) => expect(isUnquantified(t)).toBe(true));
  test.each(['≥90%', '10个', '良好', '12月底前完成', '符合规定', '52万元', '完成3个考评，提供报告'])('%s can', (t) =>
    expect(isUnquantified(t)).toBe(false),
  );
});
