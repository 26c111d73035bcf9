import { D, agreesAtPrecision, displayPrecision, fmt, fmtPercent, roundHalfUp, sum } from '../../src/engine/decimal';

test('sums of 万元 amounts are exact (qixia 预算资金 乡镇合计)', () => {
  const towns = [
    557.48, 28.8, 492.055, 506.306, 72.342, 516.4956, 82.202, 35.621, 42.93, 278.042, 34.626, 83.5, 88.02, 15.669,
  ];
  expect(sum(towns).toString()).toBe('2834.0886');
  expect(D(506.306).minus(D(492.666)).toString()).toBe('13.64');
  expect(D(2834.0886).minus(D(2796.608372)).toString()).toBe('37.480228');
});

test('half-up rounding as the documents round (2.9646 → 2.96, 9.978 → 9.98, 9.988 → 9.99)', () => {
  expect(roundHalfUp(D(3142.819772).dividedBy(3180.3).times(3), 2).toString()).toBe('2.96');
  expect(roundHalfUp(9.978, 2).toString()).toBe('9.98');
  expect(roundHalfUp(9.988, 2).toString()).toBe('9.99');
  expect(roundHalfUp(0.125, 2).toString()).toBe('0.13');
});

test('display precision of number formats', () => {
  expect(displayPrecision('0.00%')).toEqual({ places: 4, percent: true });
  expect(displayPrecision('0.0000%')).toEqual({ places: 6, percent: true });
  expect(displayPrecision('0.00')).toEqual({ places: 2, percent: false });
  expect(displayPrecision('General')).toBeUndefined();
});

describe('agreesAtPrecision compares at the cell’s displayed precision (qixia 综合评定)', () => {
  test('C5 93.91% agrees with 20.66/22 = 93.9091%', () =>
    expect(agreesAtPrecision(0.9391, D(20.66).dividedBy(22), '0.00%')).toBe(true));
  test('B5 94.44% disagrees with 16.5/18 = 91.67%', () =>
    expect(agreesAtPrecision(0.9444, D(16.5).dividedBy(18), '0.00%')).toBe(false));
  test('qingdao D5 98.7% shown as 98.70% disagrees with 34.56/35 = 98.74%', () =>
    expect(agreesAtPrecision(0.987, D(34.56).dividedBy(35), '0.00%')).toBe(false));
  test('成本节约率 0.1326% (0.0000%) agrees with 2.406972/1815.7355', () =>
    expect(agreesAtPrecision(0.001326, D(2.406972).dividedBy(1815.7355), '0.0000%')).toBe(true));
});

test('messages show figures without float noise', () => {
  expect(fmt(0.1 + 0.2)).toBe('0.3');
  expect(fmtPercent(D(17).dividedBy(18))).toBe('94.44%');
});
