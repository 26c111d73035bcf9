import { declaredTotal, normalizeLabel, parseNameWeight, parseNumberText, toHalfWidth } from '../../src/engine/text';

describe('parseNameWeight: weights written inside indicator names (seeds 000, 002, 003)', () => {
  test.each([
    ['决策（18分）', '决策', 18],
    ['资金到位率（3分）', '资金到位率', 3],
    ['组织\n领导（10）', '组织领导', 10],
    ['投   入（20分）', '投入', 20],
    ['目标\n设定（10）', '目标设定', 10],
    ['产业项目（6个）完成情况（3分）', '产业项目（6个）完成情况', 3],
    ['巩固脱贫攻坚成果、助力乡村振兴的效果。（3分）', '巩固脱贫攻坚成果、助力乡村振兴的效果', 3],
    ['过暖冬补贴完成及时率(1分)', '过暖冬补贴完成及时率', 1],
  ])('%j → %s, %d', (raw, name, weight) => {
    expect(parseNameWeight(raw)).toMatchObject({ name, weight });
  });

  test('a bracket that is not a weight stays in the name', () => {
    expect(parseNameWeight('产业项目（6个）完成情况')).toEqual({ name: '产业项目（6个）完成情况' });
    expect(parseNameWeight('基础设施（7个）')).toEqual({ name: '基础设施（7个）' });
  });
});

test('declaredTotal reads 分值（70分） of the east-west assessment method', () => {
  expect(declaredTotal('分值（70分）')).toBe(70);
  expect(declaredTotal('分值')).toBeUndefined();
});

test('normalizeLabel folds line breaks, letter spacing and full-width forms', () => {
  expect(normalizeLabel('一级\n指标')).toBe('一级指标');
  expect(normalizeLabel('合 计')).toBe('合计');
  expect(normalizeLabel('分值（７０分）')).toBe('分值(70分)');
});

describe('parseNumberText reads numbers written as text as a person would', () => {
  test.each([
    ['3,180.30', 3180.3, false],
    ['１２', 12, false],
    ['98.82%', 0.9882, true],
    ['2.96分', 2.96, false],
    [' 16.5 ', 16.5, false],
    ['52万元', 52, false],
  ])('%j → %d', (raw, value, percent) => {
    const n = parseNumberText(raw)!;
    expect(n.value).toBeCloseTo(value, 10);
    expect(n.percent).toBe(percent);
  });
  test.each(['—', '/', '无', '≥90%', '3-5万字', '得到提升', '12月底前完成'])('%j is not a number', (raw) => {
    expect(parseNumberText(raw)).toBeUndefined();
  });
});

describe('toHalfWidth: full-width ASCII forms and the ideographic space', () => {
  test.each([
    ['决策（１８分）', '决策(18分)'],
    ['得分＝４×完成率，最高４分。', '得分=4×完成率,最高4分。'],
    ['Ａ　Ｂ', 'A B'],
    ['～！', '~!'],
    ['合计', '合计'],
    ['', ''],
  ])('%s → %s', (full, half) => expect(toHalfWidth(full)).toBe(half));
  test('text with nothing to convert is returned as it is', () => {
    const s = '资金到位率';
    expect(toHalfWidth(s)).toBe(s);
  });
});
