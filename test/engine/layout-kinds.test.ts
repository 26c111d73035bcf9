import { analyzeWorkbook, type Analysis } from '../../src/engine/analyze';
import type { IndicatorTable } from '../../src/engine/indicator/types';
import type { SelfEvalTable } from '../../src/engine/selfeval/types';
import type { BudgetTable } from '../../src/engine/money/types';
import { explainTable } from '../../src/engine/layout/explain';
import { readSettings } from '../../src/engine/settings';
import { gridSheet, type GridValue } from '../helpers/grid';

/**
 * The nine kinds of layout the real-world forms revealed (issue 12), each shown here in a generated
 * sheet laid out differently from the file that revealed it: the fix is the layout reader's, not a
 * file's. Every expected figure below is worked out by hand in the comments.
 */
const pct = (v: number) => ({ v, fmt: '0.00%' });
function run(rows: readonly (readonly GridValue[])[], merges: readonly string[] = [], settings?: unknown): Analysis {
  return analyzeWorkbook({ name: 'gen.xlsx', sheets: [gridSheet('表', rows, merges)] }, settings);
}
const serious = (a: Analysis) => a.findings.filter((f) => f.severity !== 'info').map((f) => `${f.cell} ${f.code}`);
const indicatorTables = (a: Analysis) => a.tables.filter((t): t is IndicatorTable => t.kind === 'indicator');

describe('1. placeholder, group and blank rows inside a table do not end it', () => {
  // Score sheet without merges (05 was a merged 自评表): a 二级 label alone, `……`, `指标2`, a blank row.
  const rows: GridValue[][] = [
    ['某项目绩效评价得分表'],
    ['一级指标', '二级指标', '三级指标', '权重', '得分'],
    ['投入（30分）', '资金投入', '预算执行率', 20, 18],
    [null, null, '资金到位率', 10, 10],
    [null, '质量指标'],
    [null, null, '……'],
    ['产出（70分）', '数量指标', '完成数量', 40, 40],
    [null, null, '指标2'],
    [],
    [null, '时效指标', '完成及时性', 30, 25],
    ['合计', null, null, 100, 90],
  ];
  const a = run(rows);
  test('the table reaches its 合计, so the 合计 is checked: 18 + 10 + 40 + 25 = 93 ≠ 90', () => {
    expect(a.tables.map((t) => [t.kind, t.range])).toEqual([['indicator', 'A2:E11']]);
    expect(serious(a)).toEqual(['E11 total-mismatch']);
    expect(a.findings.find((f) => f.code === 'total-mismatch')!.message).toBe('合计得分 90 ≠ 各项得分之和 93');
  });
  test('a section heading merged across the table does not end it; a sentence merged across it does', () => {
    const a = run(
      [
        ['一级指标', '二级指标', '分值', '得分'],
        ['第一部分 决策'],
        ['决策', '立项依据', 50, 50],
        ['第二部分 产出'],
        ['产出', '完成率', 50, 40],
        ['合计', null, 100, 90],
        ['填报说明：得分保留两位小数'],
      ],
      ['A2:D2', 'A4:D4', 'A7:D7'],
    );
    expect(a.tables.map((t) => t.range)).toEqual(['A1:D6']);
    expect(serious(a)).toEqual([]);
  });
  test('the rows passed over are named, and the unfilled group is not an indicator', () => {
    const t = indicatorTables(a)[0];
    expect(t.roots.map((r) => r.children.map((c) => c.name))).toEqual([['资金投入'], ['数量指标', '时效指标']]);
    expect(explainTable(t).skipped).toEqual(['第 5 行（分组行）', '第 6、8 行（未填的模板行）', '第 9 行（空行）']);
  });
});

describe('header band: a header printed on two rows is one header', () => {
  test('指标 over 一级 | 二级 | 三级, with 分值 and 得分 merged down over both rows', () => {
    const a = run(
      [
        ['指标', null, null, '分值', '得分'],
        ['一级', '二级', '三级'],
        ['决策', '立项', '立项依据', 40, 40],
        ['产出', '数量', '完成率', 60, 50],
        ['合计', null, null, 100, 90],
      ],
      ['A1:C1', 'D1:D2', 'E1:E2'],
    );
    const t = indicatorTables(a)[0];
    expect([t.range, t.levelCols, t.cols.weight, t.cols.score]).toEqual(['A1:E5', [1, 2, 3], 4, 5]);
    expect(t.roots.map((r) => r.children[0].children[0].name)).toEqual(['立项依据', '完成率']);
    expect(explainTable(t).headerRows).toBe('第 1–2 行');
    expect(serious(a)).toEqual([]);
  });
});

describe('2. header words with affixes and other provinces’ vocabularies', () => {
  test('a budget headed 2023年年初预算数（万元） | 调整后预算数 | 预算执行数 | 预算执行率(%)', () => {
    const a = run([
      ['2023年部门预算执行情况表'],
      ['单位：万元'],
      ['项目名称', '2023年年初预算数（万元）', '调整后预算数', '预算执行数', '预算执行率(%)'],
      ['办公经费', 50, 60, 57, pct(0.95)], // 57/60 = 95%; above 年初 50 but within 调整后 60
      ['会议费', 20, 20, 22, pct(1.1)], // 22 > 20
      ['合计', 70, 80, 79, pct(0.9875)], // 50+20, 60+20, 57+22; 79/80
    ]);
    const t = a.tables[0] as BudgetTable;
    expect([t.kind, t.range, t.title, t.unit]).toEqual(['budget', 'A3:E6', '2023年部门预算执行情况表', '万元']);
    expect(t.cols).toEqual({ budget: 2, adjustedBudget: 3, actual: 4, rate: 5 });
    expect(serious(a)).toEqual(['D5 over-budget']);
  });
  test('a rule column headed 指标说明及评分标准, a score column headed 得分（分）', () => {
    const a = run([
      ['一级指标', '三级指标', '分值（分）', '指标说明及评分标准', '得分（分）'],
      ['决策', '立项规范性', 40, '程序规范得40分，否则不得分', 40],
      ['产出', '完成率', 60, '完成率×60', 61], // 61 > 60
    ]);
    const t = indicatorTables(a)[0];
    expect(t.cols).toMatchObject({ weight: 3, rule: 4, score: 5 });
    expect(t.roots[0].children[0].rule?.text).toBe('程序规范得40分，否则不得分');
    expect(serious(a)).toContain('E3 score-out-of-range');
  });
});

describe('3. a funds block is a form of its own, and its points count in the 总分', () => {
  test('财预 funds block alone: 得分 10 for 90% of 10 points is checked (9)', () => {
    const a = run(
      [
        ['项目支出绩效自评表'],
        ['项目名称', '某某项目'],
        ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
        [null, '年度资金总额', 100, 100, 90, 10, pct(0.9), 10], // min(90%,1) × 10 = 9
        [null, '其中：当年财政拨款', 100, 100, 90, null, pct(0.9), null],
        [null, '其他资金', 0, 0, 0],
      ],
      ['A3:A6'],
    );
    const forms = a.tables.filter((t): t is SelfEvalTable => t.kind === 'self-evaluation');
    expect(forms).toHaveLength(1);
    expect(forms[0].funds.map((f) => f.label.text)).toEqual(['年度资金总额', '其中：当年财政拨款', '其他资金']);
    expect(serious(a)).toEqual(['H4 execution-score-mismatch']);
  });
  test('总分 100 = 资金 10 + 指标 50 + 40; an empty funds 得分 is missing', () => {
    const a = run([
      ['项目支出绩效自评表'],
      ['项目名称', 'X项目'],
      ['项目资金', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      [null, '年度资金总额', 50, 50, 50, 10, pct(1), null],
      ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因'],
      [null, '产出指标', '数量指标', '完成数', '10个', '10个', 50, 50],
      [null, '效益指标', '社会效益', '满意度', '≥90%', '95%', 40, 40],
      ['总分', null, null, null, null, null, 100, 90],
    ]);
    expect(serious(a)).toEqual(['H4 missing-score']);
  });
});

describe('4. a header printed again before each section is one table', () => {
  const rows = (total: number): GridValue[][] => [
    ['评价得分表'],
    ['一级指标', '二级指标', '分值', '得分'],
    ['决策', '目标设定', 10, 10],
    [null, '立项依据', 10, 9],
    ['一级指标', '二级指标', '分值', '得分'],
    ['过程', '资金管理', 30, 28],
    [null, '组织实施', 20, 20],
    ['一级指标', '二级指标', '分值', '得分'],
    ['产出', '产出数量', 30, 30],
    ['总分', null, 100, total], // 10+10+30+20+30 = 100; 10+9+28+20+30 = 97
  ];
  test('read whole: 总分 100 is the sum of all three sections', () => {
    const a = run(rows(97));
    expect(a.tables.map((t) => t.range)).toEqual(['A2:D10']);
    expect(indicatorTables(a)[0].roots.map((r) => r.name)).toEqual(['决策', '过程', '产出']);
    expect(serious(a)).toEqual([]);
    expect(explainTable(a.tables[0]).skipped).toEqual(['第 5、8 行（表头重复）']);
  });
  test('a wrong 总分 得分 is compared with every section', () => {
    expect(run(rows(98)).findings.find((f) => f.code === 'total-mismatch')!.message).toBe(
      '合计得分 98 ≠ 各项得分之和 97',
    );
  });
});

describe('5. a 分值 column after each level', () => {
  // 一级 | 分值 | 二级 | 分值 | 三级 | 分值 | 得分 | 扣分说明 (09 put 权重 first and scales of 100).
  const a = run(
    [
      ['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '得分', '扣分说明'],
      ['决策', 20, '项目立项', 12, '立项依据', 6, 6, null],
      [null, null, null, null, '立项程序', 6, 5, '程序不全扣1分'], // 6 − 5 = 1: agrees
      [null, null, '绩效目标', 8, '目标明确', 5, 5, null], // 5 + 4 = 9 ≠ 8
      [null, null, null, null, '目标合理', 4, 4, null],
      ['产出', 80, '产出数量', 80, '完成率', 80, 70, '完成率87.5%，扣8分'], // 80 − 70 = 10, not 8
      ['合计', 100, null, null, null, null, 90], // 20 + 80; 6+5+5+4+70
    ],
    ['A2:A5', 'B2:B5', 'C2:C3', 'D2:D3', 'C4:C5', 'D4:D5'],
  );
  test('each level is checked against its own 分值 column', () => {
    expect(serious(a)).toEqual(['D4 weight-sum', 'H6 deduction-note-mismatch']);
    expect(a.findings.find((f) => f.code === 'weight-sum')!.message).toBe(
      '绩效目标：分值 8 ≠ 下级指标分值之和 9（目标明确 5 + 目标合理 4）',
    );
  });
  test('a deduction note belongs to its own row', () => {
    expect(a.findings.filter((f) => f.cell === 'H3')).toEqual([]);
    expect(explainTable(a.tables[0]).columns).toEqual([
      'A 一级指标',
      'B 分值（一级）',
      'C 二级指标',
      'D 分值（二级）',
      'E 三级指标',
      'F 分值（三级）',
      'G 得分',
      'H 扣分说明',
    ]);
  });
  test('分值 printed as shares of their parent (each group 100) are not parts of it', () => {
    const shares = run(
      [
        ['一级指标', '权重', '二级指标', '分值'],
        ['投入', 40, '资金', 50],
        [null, null, '管理', 50],
        ['效果', 60, '效益', 60],
        [null, null, '满意度', 30], // 60 + 30 = 90 ≠ 100, the other group makes 100
        ['总分', 100],
      ],
      ['A2:A3', 'B2:B3', 'A4:A5', 'B4:B5'],
    );
    expect(serious(shares)).toEqual(['B4 weight-sum']);
    expect(shares.findings.find((f) => f.code === 'weight-sum')!.message).toBe(
      '效果：下级指标分值之和 90（效益 60 + 满意度 30）≠ 100（本级分值按上级的百分比计）',
    );
  });
});

describe('6. names that carry their points; no 一级指标 header; grade bands', () => {
  test('a 类别 | 分值 | 考核标准 | 得分 table whose 分值 column holds the names', () => {
    const a = run(
      [
        ['类别', '分值', '考核标准', '得分'],
        ['资金管理（15分）', '资金到位率（5分）', '到位率100%得5分，每低1%扣0.5分', 5],
        [null, '预算执行率（10分）', '执行率100%得10分', 9],
        ['产出（10分）', '完成数量（10分）', '全部完成得10分，否则不得分', 10],
      ],
      ['A2:A3'],
    );
    const t = indicatorTables(a)[0];
    expect(
      t.roots.map((r) => [r.name, r.weight?.value, r.children.map((c) => [c.name, c.weight?.value, c.score?.value])]),
    ).toEqual([
      [
        '资金管理',
        15,
        [
          ['资金到位率', 5, 5],
          ['预算执行率', 10, 9],
        ],
      ],
      ['产出', 10, [['完成数量', 10, 10]]],
    ]);
    expect(serious(a)).toEqual([]);
    expect(explainTable(t).columns.slice(0, 2)).toEqual([
      'A 一级指标（含分值）（表头“类别”）',
      'B 二级指标（含分值）（表头“分值”）',
    ]);
  });
  test('standards in grade-band columns, each followed by its points', () => {
    const a = run([
      ['评价内容', '优', '得分', '良', '得分', '差', '得分'],
      ['培训覆盖率（4分）', '覆盖率100%', 4, '覆盖率80%以上', 3, '覆盖率低于80%', 1],
      ['入户指导率（6分）', '指导率100%', 6, '指导率80%以上', 4, '低于80%', 0],
    ]);
    const t = indicatorTables(a)[0];
    expect(t.hasScores).toBe(false);
    expect(t.roots.map((r) => [r.name, r.weight?.value, r.bands?.map((b) => `${b.rule}=${b.points.value}`)])).toEqual([
      ['培训覆盖率', 4, ['覆盖率100%=4', '覆盖率80%以上=3', '覆盖率低于80%=1']],
      ['入户指导率', 6, ['指导率100%=6', '指导率80%以上=4', '低于80%=0']],
    ]);
    expect(serious(a)).toEqual([]);
  });
});

describe('7. the title is the title row, or none', () => {
  const a = run(
    [
      ['某区2024年项目绩效评价指标体系'],
      ['填报单位：', null, '单位：分'],
      ['一级指标', '二级指标', '分值', '得分'],
      ['决策', '立项', 50, 50],
      ['产出', '数量', 50, 50],
      ['合计', null, 100, 100],
      ['一级指标', '二级指标', '分值', '得分'],
      ['效益', '满意度', 100, 90],
    ],
    ['A1:D1'],
  );
  test('a form line and a unit line between the title and the header are passed over', () => {
    expect(a.tables.map((t) => [t.range, t.title])).toEqual([
      ['A3:D6', '某区2024年项目绩效评价指标体系'],
      ['A7:D8', undefined],
    ]);
  });
});

describe('8. budget and 决算 tables: categories, 小计 and 合计, 年初 and 调整后 budgets', () => {
  const a = run([
    ['2024年决算支出明细表'],
    ['科目', '2024年年初预算数', '2024年调整后预算数', '2024年决算数', '结余'],
    ['一、基本支出'],
    ['（一）工资福利支出'],
    ['基本工资', 100, 110, 108, 2],
    ['津贴补贴', 50, 50, 53, -3], // over 50 (年初 and 调整后 alike)
    ['小计', 150, 160, 161, -1],
    ['（二）商品和服务支出'],
    ['办公费', 20, 15, 16, -1], // within 年初 20, over 调整后 15
    ['差旅费'],
    ['印刷费', 10, 10, 8, 2],
    ['小计', 30, 25, 24, 1],
    ['合计', 180, 185, 185, 0], // 150+30, 160+25, 161+24, −1+1
  ]);
  test('read whole: a group row or a line without figures does not end the table', () => {
    const t = a.tables[0] as BudgetTable;
    expect([t.kind, t.range]).toEqual(['budget', 'A2:E13']);
    expect(t.rows.filter((r) => r.level === 'category').map((r) => r.label.text)).toEqual([
      '一、基本支出',
      '（一）工资福利支出',
      '（二）商品和服务支出',
      '差旅费',
    ]);
  });
  test('超预算 is judged against the adjusted budget, and the message says so; the sums agree', () => {
    expect(serious(a)).toEqual(['D6 over-budget', 'D9 over-budget']);
    expect(a.findings.find((f) => f.cell === 'D9')!.message).toBe(
      '办公费：实际支出 16 > 调整后（全年）预算 15，超预算支付 1',
    );
  });
});

describe('9. a total that is not 100 is exposed, and never assumed', () => {
  test('分值（70分） declares a 70-point method: 30 + 40 agrees', () => {
    const a = run([
      ['一级指标', '二级指标', '分值（70分）'],
      ['决策', '立项', 30],
      ['产出', '数量', 40],
    ]);
    expect(indicatorTables(a)[0].declaredTotal).toEqual({ value: 70, cell: 'C1' });
    expect(serious(a)).toEqual([]);
  });
  test('a title declaring 15 points makes a 15-point sub-table: 5 + 10 agrees, 5 + 12 does not', () => {
    const rows = (w: number): GridValue[][] => [
      ['专项资金管理评价指标（15分）'],
      ['一级指标', '二级指标', '分值'],
      ['资金到位', '到位率', 5],
      ['资金使用', '合规性', w],
    ];
    expect(indicatorTables(run(rows(10)))[0].declaredTotal).toEqual({ value: 15, cell: 'A1' });
    expect(serious(run(rows(10)))).toEqual([]);
    expect(run(rows(12)).findings.find((f) => f.code === 'total-weight')!.message).toBe(
      '一级指标分值之和 17（资金到位 5 + 资金使用 12）≠ 总分 15',
    );
  });
  test('without a stated total, 一级 printing 90 points are a part (no finding), 110 are too many', () => {
    const rows = (w: number): GridValue[][] => [
      ['一级指标', '二级指标', '分值'],
      [`决策（${w}分）`, '立项', w],
      ['产出（50分）', '数量', 50],
    ];
    expect(serious(run(rows(40)))).toEqual([]);
    expect(serious(run(rows(60)))).toEqual(['C2 total-weight']); // 60 + 50 = 110
  });
});

describe('correcting a reading through settings.tables', () => {
  const rows: GridValue[][] = [
    ['一级指标', '二级指标', '分值', '实得分数'],
    ['决策', '立项', 50, 55],
    ['产出', '数量', 50, 50],
  ];
  test('a column the reader does not know is read as 得分 once the user says so', () => {
    expect(indicatorTables(run(rows))[0].hasScores).toBe(false);
    const a = run(rows, [], { tables: [{ sheet: '表', headerRow: 1, columns: { D: 'score' } }] });
    const t = indicatorTables(a)[0];
    expect(t.cols.score).toBe(4);
    expect(serious(a)).toEqual(['D2 score-out-of-range']);
    expect(explainTable(t).columns).toContain('D 得分（表头“实得分数”） [已按设置更正]');
  });
  test('a bad entry is named in Chinese and the rest of the settings still apply', () => {
    const { settings, issues } = readSettings({
      scorePlaces: 3,
      tables: [{ sheet: '表', headerRow: 1, columns: { D: 'scores' } }],
    });
    expect(settings.scorePlaces).toBe(3);
    expect(settings.tables).toEqual([]);
    expect(issues.map((i) => i.message).join('\n')).toMatch(
      /^设置 tables\.0\.columns\.D 无效（未知的列角色，可用的角色：.*score.*）/,
    );
  });
});

describe('a 合计 row with its 分值 but no 得分 under a fully scored table', () => {
  // A 考核表 laid out with 项目 | 考核内容 | 分值 | 得分 and the 合计 label merged across two columns.
  const rows = (lastScore: GridValue): GridValue[][] => [
    ['2024年度项目考核评分表'],
    ['一级指标', '二级指标', '分值', '得分'],
    ['决策（20分）', '立项规范性', 20, 18],
    ['过程（30分）', '资金管理', 30, 27.5],
    ['产出（50分）', '任务完成', 50, lastScore],
    ['合计', null, 100, null],
  ];
  const run = (lastScore: GridValue) =>
    analyzeWorkbook({ name: 't.xlsx', sheets: [gridSheet('考核', rows(lastScore), ['A1:D1', 'A6:B6'])] });

  test('is reported at the empty 合计 得分 with the sum it should hold (a warning: it may await a formula)', () => {
    const f = run(45).findings.filter((x) => x.code === 'total-mismatch');
    // 18 + 27.5 + 45 = 90.5, added by hand.
    expect(f.map((x) => [x.cell, x.severity, x.expected])).toEqual([['D6', 'warning', 90.5]]);
    expect(f[0].message).toBe('合计得分未填写，各项得分之和为 90.5');
  });

  test('is not reported while an indicator above is still unscored (the sheet is not filled in yet)', () => {
    expect(run(null).findings.filter((x) => x.code === 'total-mismatch')).toEqual([]);
  });
});
