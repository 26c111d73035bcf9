import { analyzeWorkbook } from '../../src/engine/analyze';
import { gradeOf, rateAgrees, rateOf, scoreAgrees } from '../../src/engine/grading';
import { DEFAULT_SETTINGS } from '../../src/engine/settings';
import type { WorkbookInput } from '../../src/engine/model/sheet';
import { planWorkbookScores } from '../../src/engine/score';
import { gridSheet } from '../helpers/grid';
import { loadSample } from '../helpers/fixtures';
import { scoreInMemory } from '../helpers/roundtrip';

const bands = DEFAULT_SETTINGS.grades;

describe('gradeOf: the share of the points the table is out of, against the settings bands', () => {
  test('on 100 points the bands are the points: 90 优, 89.99 良, 80 良, 60 中, 59.99 差', () => {
    expect([90, 89.99, 80, 60, 59.99].map((s) => gradeOf(s, 100, bands))).toEqual(['优', '良', '良', '中', '差']);
  });

  test('on 70 points: 63 = 90% 优, 60 = 85.7% 良, 56 = 80% 良, 42 = 60% 中, 41.99 差', () => {
    expect([63, 60, 56, 42, 41.99].map((s) => gradeOf(s, 70, bands))).toEqual(['优', '良', '良', '中', '差']);
  });

  test('on a 15-point sub-table: 13.5 优, 12 良, 9 中', () => {
    expect([13.5, 12, 9].map((s) => gradeOf(s, 15, bands))).toEqual(['优', '良', '中']);
  });

  test('bands from the settings, in any order', () => {
    const custom = [
      { grade: '合格', min: 60 },
      { grade: '优秀', min: 85 },
      { grade: '不合格', min: 0 },
    ];
    expect(gradeOf(51, 60, custom)).toBe('优秀'); // 85%
    expect(gradeOf(50, 60, custom)).toBe('合格'); // 83.3%
    expect(gradeOf(30, 60, custom)).toBe('不合格');
  });
});

describe('rates and scores: one rule for writing and accepting', () => {
  test('a written rate is rounded to the places its format shows (0.00% → 4)', () => {
    expect(rateOf(1.56, 2, DEFAULT_SETTINGS).toNumber()).toBe(0.78);
    expect(rateOf(20.66, 22, DEFAULT_SETTINGS).toNumber()).toBe(0.9391);
    expect(rateOf(20.66, 22, { ...DEFAULT_SETTINGS, rateFormat: '0.0%' }).toNumber()).toBe(0.939);
  });

  test('78.21% agrees with 1.56 of 2 (the rate of the unrounded 1.5642); 77% does not', () => {
    expect(rateAgrees({ value: 0.7821, numFmt: '0.00%' }, 1.56, 2)).toBe(true);
    expect(rateAgrees({ value: 0.78, numFmt: '0.00%' }, 1.56, 2)).toBe(true);
    expect(rateAgrees({ value: 0.77, numFmt: '0.00%' }, 1.56, 2)).toBe(false);
  });

  test('a score typed with more places than scorePlaces agrees when it rounds the same way', () => {
    expect(scoreAgrees(2.964, 2.9640229, DEFAULT_SETTINGS)).toBe(true);
    expect(scoreAgrees(2.96, 2.9640229, DEFAULT_SETTINGS)).toBe(true);
    expect(scoreAgrees(2.97, 2.9640229, DEFAULT_SETTINGS)).toBe(false);
  });
});

/**
 * Bug 1 of issue 17: on a 70-point table scoring 60, the checker accepted 良 and the scorer wrote 中,
 * so the checker then flagged the scorer's own output. Generated in two layouts: a 合计 row printing
 * 70, and a header declaring 分值（70分） with the 等级 in a summary table.
 */
function seventyPointTable(grade: string | null, totalScore: number | null): WorkbookInput {
  return {
    name: 'seventy.xlsx',
    sheets: [
      gridSheet('评价表', [
        ['一级指标', '二级指标', '分值', '得分', '等级'],
        ['决策', '目标设定', 20, 18, null],
        ['过程', '资金管理', 20, 16, null],
        ['产出', '产出数量', 30, 26, null],
        ['合计', null, 70, totalScore, grade],
      ]),
    ],
  };
}

describe('a 70-point table scoring 60: checker and scorer agree on 良 (85.7%)', () => {
  test('the scorer writes 良 and the checked result reports nothing on the cells it wrote', () => {
    const scored = scoreInMemory(seventyPointTable(null, null));
    const grade = scored.written.find((p) => p.purpose === 'grade');
    expect(grade).toMatchObject({ cell: 'E5', value: '良' });
    expect(scored.written.find((p) => p.purpose === 'total')).toMatchObject({ cell: 'D5', value: 60 });
    const findings = analyzeWorkbook(scored.input).findings;
    const wrote = new Set(scored.written.map((p) => `${p.sheet}!${p.cell}`));
    expect(findings.filter((f) => wrote.has(`${f.sheet}!${f.cell}`))).toEqual([]);
    // And the 综合评定得分表 it adds grades its 合计 of 70 the same way.
    const summary = scored.newSheets[0];
    expect(summary.rows.find((r) => r[0] === '合计')).toEqual(['合计', 70, 60, 0.8571]);
    expect(summary.rows.find((r) => r[0] === '等级')?.[1]).toBe('良');
  });

  test('the checker flags 中 on that table (and accepts 良); the scorer proposes 良 over 中', () => {
    const wrong = analyzeWorkbook(seventyPointTable('中', 60)).findings.filter((f) => f.code === 'grade-mismatch');
    expect(wrong).toMatchObject([{ cell: 'E5', expected: '良', actual: '中' }]);
    expect(analyzeWorkbook(seventyPointTable('良', 60)).findings.filter((f) => f.code === 'grade-mismatch')).toEqual(
      [],
    );
    const plan = planWorkbookScores(seventyPointTable('中', 60));
    expect(plan.patches.find((p) => p.purpose === 'grade')).toMatchObject({ cell: 'E5', value: '良', old: '中' });
  });

  test('a table whose header declares 分值（70分）, with no 合计 分值, is graded on 70 too', () => {
    const input: WorkbookInput = {
      name: 'declared.xlsx',
      sheets: [
        gridSheet('评价表', [
          ['一级指标', '二级指标', '分值（70分）', '得分', '等级'],
          ['决策', '目标设定', 20, 18, null],
          ['过程', '资金管理', 20, 16, null],
          ['产出', '产出数量', 30, 26, null],
          ['合计', null, null, null, null],
        ]),
      ],
    };
    const scored = scoreInMemory(input);
    expect(scored.written.find((p) => p.purpose === 'grade')).toMatchObject({ value: '良' });
    expect(analyzeWorkbook(scored.input).findings.filter((f) => f.code === 'grade-mismatch')).toEqual([]);
  });
});

/**
 * Bug 2 of issue 17: `score` proposed 0.78 for qingdao 指标体系 K7 = 78.21%, which `check` accepts as the
 * 得分率 of the unrounded 1.5642 (printed 1.56). The scorer now asks the checker's question and leaves it.
 */
describe('qingdao-2020 指标体系 K7 = 78.21%', () => {
  test('check accepts it, and score proposes the value already there (nothing to write)', async () => {
    const input = await loadSample('qingdao-2020.xlsx');
    const findings = analyzeWorkbook(input).findings;
    expect(findings.filter((f) => f.sheet === '指标体系' && f.cell === 'K7' && f.severity !== 'info')).toEqual([]);
    const scored = scoreInMemory(input);
    expect(scored.unchanged.find((p) => p.sheet === '指标体系' && p.cell === 'K7')).toMatchObject({ value: 0.7821 });
    expect([...scored.written, ...scored.skipped].filter((p) => p.sheet === '指标体系' && p.cell === 'K7')).toEqual([]);
  });

  test('the same kind in a generated table: a 得分率 of the unrounded score is kept, a wrong one is replaced', () => {
    const table = (rate: number) => ({
      name: 'rates.xlsx',
      sheets: [
        gridSheet('得分表', [
          ['一级指标', '二级指标', '分值', '得分', '得分率'],
          ['过程', '预算执行率', 4, 3.13, { v: rate, fmt: '0.00%' }],
          ['产出', '完成率', 6, 6, { v: 1, fmt: '0.00%' }],
        ]),
      ],
    });
    // 3.13 / 4 = 78.25%; 78.27% is the rate of an unrounded 3.1308 → 3.13.
    const kept = planWorkbookScores(table(0.7827)).patches.find((p) => p.cell === 'E2');
    expect(kept).toMatchObject({ value: 0.7827 });
    expect(analyzeWorkbook(table(0.7827)).findings.filter((f) => f.cell === 'E2')).toEqual([]);
    const fixed = planWorkbookScores(table(0.75)).patches.find((p) => p.cell === 'E2');
    expect(fixed).toMatchObject({ value: 0.7825, old: 0.75 });
    expect(
      analyzeWorkbook(table(0.75))
        .findings.filter((f) => f.cell === 'E2')
        .map((f) => f.code),
    ).toEqual(['rate-mismatch']);
  });
});
