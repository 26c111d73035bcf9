import { readFileSync } from 'fs';
import { join } from 'path';
import { getLunarDate, getDayDetail, isWorkday as officialIsWorkday } from 'chinese-days';
import { analyzeWorkbook } from '../../src/engine/analyze';
import { readWorkbookBytes } from '../../src/xlsx/read';
import { DEFAULT_SETTINGS, settingsSchema } from '../../src/engine/settings';
import {
  festivalDate,
  festivalIn,
  isWorkday,
  nearestFestival,
  paymentDeadline,
  type Festival,
} from '../../src/engine/money/holidays';
import { paymentProgressScore, quarterlyProgress } from '../../src/engine/money/progress';
import { rowsTotalled } from '../../src/engine/money/checks';
import type { BudgetTable, MoneyRow, MoneyRowLevel } from '../../src/engine/money/types';
import fc from 'fast-check';
import { analyzeSample } from '../helpers/fixtures';

describe('festival dates from the lunar calendar, 2015–2035', () => {
  const lunar: Record<Festival, [number, number]> = { 春节: [1, 1], 端午节: [5, 5], 中秋节: [8, 15] };
  for (let year = 2015; year <= 2035; year++)
    test(`${year}`, () => {
      for (const f of Object.keys(lunar) as Festival[]) {
        const iso = festivalDate(f, year);
        expect(iso.startsWith(`${year}-`)).toBe(true);
        // Cross-checked against chinese-days' own lunar conversion.
        const l = getLunarDate(iso);
        expect([f, l.lunarMon, l.lunarDay]).toEqual([f, ...lunar[f]]);
      }
    });
  test('dates the report relies on', () => {
    expect(festivalDate('端午节', 2021)).toBe('2021-06-14');
    expect(festivalDate('中秋节', 2021)).toBe('2021-09-21');
    expect(festivalDate('春节', 2023)).toBe('2023-01-22');
    expect(festivalDate('中秋节', 2020)).toBe('2020-10-01');
  });
});

describe('official holidays and 调休 working days, 2020–2026', () => {
  test.each([
    ['2020-10-01', false], // 中秋 meets 国庆
    ['2020-09-27', true], // Sunday worked (调休)
    ['2020-10-10', true],
    ['2021-06-14', false],
    ['2022-01-29', true],
    ['2023-09-29', false], // 中秋, with 国庆 after it
    ['2023-10-07', true],
    ['2023-10-08', true],
    ['2024-02-04', true],
    ['2024-02-12', false],
    ['2025-01-26', true],
    ['2025-10-06', false],
  ])('%s working day: %s', (iso, work) => {
    expect(isWorkday(iso, DEFAULT_SETTINGS)).toBe(work);
    expect(officialIsWorkday(iso)).toBe(work);
  });
  test('every festival day 2020–2026 is a day off in the official data', () => {
    for (let y = 2020; y <= 2026; y++)
      for (const f of ['春节', '端午节', '中秋节'] as Festival[])
        expect([y, f, getDayDetail(festivalDate(f, y)).work]).toEqual([y, f, false]);
  });
  test('a deadline counted in working days honours 调休 (2024 中秋: Saturday 09-14 was worked)', () => {
    expect(paymentDeadline('2024-09-17', 1, DEFAULT_SETTINGS)).toBe('2024-09-14');
    expect(paymentDeadline('2024-02-10', 3, DEFAULT_SETTINGS)).toBe('2024-02-07');
    expect(paymentDeadline('2021-06-14', 0, DEFAULT_SETTINGS)).toBe('2021-06-14');
  });
  test('a year the data lacks can be added in the settings', () => {
    const settings = settingsSchema.parse({
      extraHolidays: [{ name: '春节', days: ['2030-02-02', '2030-02-03', '2030-02-04'], workdays: ['2030-01-26'] }],
    });
    expect(isWorkday('2030-02-04', settings)).toBe(false); // a Monday off
    expect(isWorkday('2030-01-26', settings)).toBe(true); // a Saturday worked
  });
});

test('festival of a payment from its text, and the nearest occurrence to the payment date', () => {
  expect(festivalIn('2023年端午节走访慰问资金')).toBe('端午节');
  expect(festivalIn('春节走访慰问')).toBe('春节');
  expect(festivalIn('公益岗位补贴')).toBeUndefined();
  expect(nearestFestival('端午节', '2021-07-13')).toBe('2021-06-14');
  expect(nearestFestival('春节', '2020-12-30')).toBe('2021-02-12');
});

describe('qixia 预算资金: which rows each 合计 totals', () => {
  test('乡镇合计 = the 14 towns; 合计 = 乡镇合计 + the two rows after it', async () => {
    const a = await analyzeSample('qixia-2021.xlsx');
    const t = a.tables.find((x) => x.sheet === '预算资金') as BudgetTable;
    expect(t.unit).toBe('万元');
    const i18 = t.rows.findIndex((r) => r.row === 18);
    expect(rowsTotalled(t.rows, i18).map((r) => r.row)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    const i21 = t.rows.findIndex((r) => r.row === 21);
    expect(rowsTotalled(t.rows, i21).map((r) => r.row)).toEqual([18, 19, 20]);
  });
  test('any sequence of item/part/category/小计/合计 rows: the same rows as the first (slicing) implementation', () => {
    /** The rule as first written (a slice and a scan per item), kept as the reference. */
    const reference = (rows: readonly MoneyRow[], index: number): MoneyRow[] => {
      const before = rows.slice(0, index);
      if (rows[index].level === 'subtotal') {
        const start = before.map((r) => r.level).lastIndexOf('subtotal') + 1;
        const lastTotal = before.map((r) => r.level).lastIndexOf('total') + 1;
        return before.slice(Math.max(start, lastTotal)).filter((r) => r.level === 'item');
      }
      const scope = before.slice(before.map((r) => r.level).lastIndexOf('total') + 1);
      return scope.filter(
        (r, k) =>
          r.level === 'subtotal' || (r.level === 'item' && !scope.slice(k + 1).some((x) => x.level === 'subtotal')),
      );
    };
    const level = fc.constantFrom<MoneyRowLevel>('item', 'item', 'item', 'part', 'category', 'subtotal', 'total');
    fc.assert(
      fc.property(fc.array(level, { minLength: 1, maxLength: 40 }), (levels) => {
        const rows = levels.map((l, i) => ({ row: i + 1, level: l }) as unknown as MoneyRow);
        for (let i = 0; i < rows.length; i++)
          if (levels[i] === 'subtotal' || levels[i] === 'total')
            expect(rowsTotalled(rows, i).map((r) => r.row)).toEqual(reference(rows, i).map((r) => r.row));
      }),
      { numRuns: 500 },
    );
  });
  test('官道镇 实际支出 C7 is named as the cell that explains D7 and C18', async () => {
    const a = await analyzeSample('qixia-2021.xlsx');
    const both = a.findings.filter((f) => f.sheet === '预算资金' && (f.cell === 'D7' || f.cell === 'C18'));
    expect(both.map((f) => [f.code, f.culprit])).toEqual([
      ['balance-mismatch', { sheet: '预算资金', cell: 'C7', value: 492.166, explains: 2 }],
      ['sum-mismatch', { sheet: '预算资金', cell: 'C7', value: 492.166, explains: 2 }],
    ]);
    expect(a.findings.find((f) => f.cell === 'C16')!.message).toBe(
      '翠屏街道：实际支出 89.013万元 > 预算 88.02万元，超预算支付 0.993万元',
    );
  });
  test('a letter-spaced label (`合 计` in A21) is named as a person says it', async () => {
    const a = await analyzeSample('qixia-2021.xlsx');
    expect(a.findings.find((f) => f.sheet === '预算资金' && f.cell === 'D21')!.message).toBe(
      '合计：结余 37.552228 ≠ 预算 3180.3 − 实际支出 3142.819772 = 37.480228（差 0.072）；差额与 D17（庄园街道）相同，若 D17 为 0.128，此处即相符，可能由 D17 引起',
    );
  });
  test('beijing 三公经费: the 其中 rows are parts of 公务用车, so 合计 = rows 4–6 and nothing is flagged', async () => {
    const a = await analyzeSample('beijing-2020.xlsx');
    const t = a.tables.find((x) => x.sheet === '三公经费') as BudgetTable;
    expect(t.rows.map((r) => r.level)).toEqual(['item', 'item', 'item', 'part', 'part', 'total']);
    expect(a.findings.filter((f) => f.sheet === '三公经费')).toEqual([]);
  });
});

describe('a ledger with amounts (generated progress-2024.xlsx)', () => {
  let findings: ReturnType<typeof analyzeWorkbook>['findings'];
  beforeAll(async () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'money', 'progress-2024.xlsx')));
    findings = analyzeWorkbook(await readWorkbookBytes(bytes, 'progress-2024.xlsx')).findings;
  });
  test('the late 春节 payment is flagged with the festival date; on-time and non-holiday rows are not', () => {
    const late = findings.filter((f) => f.code === 'late-disbursement');
    expect(late.map((f) => f.cell)).toEqual(['A4']);
    expect(late[0].message).toContain('晚于春节（2024-02-10）5 天');
  });
  test('Q1 (20%) and Q3 (80%) fall short of 33% and 85%', () => {
    const p = findings.filter((f) => f.code === 'payment-progress');
    expect(p.map((f) => [f.cell, f.actual, f.expected])).toEqual([
      ['A4', 0.2, 0.33],
      ['A7', 0.8, 0.85],
    ]);
    expect(p[0].message).toBe('截至 2024-03-31 累计支付 20，占全年预算 100 的 20.00%，低于第1季度目标 33%');
  });
  test('支付进度率 and its score under 每降低1%扣5%权重分', () => {
    const q = quarterlyProgress(
      [
        { iso: '2024-02-05', amount: 20 },
        { iso: '2024-06-05', amount: 55 },
        { iso: '2024-09-10', amount: 5 },
        { iso: '2024-12-20', amount: 20 },
      ],
      100,
      2024,
      DEFAULT_SETTINGS.paymentTargets,
    );
    expect(q.map((x) => x.rate.toNumber())).toEqual([0.2, 0.75, 0.8, 1]);
    const { rate, score } = paymentProgressScore(q, 2);
    // (20/33 + 1 + 80/85 + 1) / 4 = 0.8868…; 11.32 points below → 2 × (1 − 0.566) = 0.87
    expect(rate.toDecimalPlaces(4).toNumber()).toBe(0.8868);
    expect(score.toNumber()).toBe(0.87);
  });
});
