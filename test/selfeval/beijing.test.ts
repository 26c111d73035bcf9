import { analyzeSample, loadExpected } from '../helpers/fixtures';
import { qualify } from '../../src/engine/model/address';
import type { Analysis } from '../../src/engine/analyze';
import type { SelfEvalTable } from '../../src/engine/selfeval/types';

/**
 * The 35 项目支出绩效自评表 of beijing-2020.xlsx (seed 001), against shared/fixtures/README.md: every form
 * found by its labels with the rows the README lists, every required finding of expected.json at its
 * cell, and the README's "checks that hold" left alone.
 */
let analysis: Analysis;
let forms: SelfEvalTable[];
beforeAll(async () => {
  analysis = await analyzeSample('beijing-2020.xlsx');
  forms = analysis.tables.filter((t): t is SelfEvalTable => t.kind === 'self-evaluation');
});

const form = (sheet: string) => forms.find((f) => f.sheet === sheet)!;
const at = (sheet: string, cell: string, code?: string) =>
  analysis.findings.filter((f) => f.sheet === sheet && f.cell === cell && (!code || f.code === code));

// README "Layout": sheet | 项目名称 | indicator rows | 总分 row.
const LAYOUT: readonly [string, string, number, number, number][] = [
  ['工作经费', '扶贫协作和支援合作工作经费', 14, 22, 23],
  ['外事工作经费', '外事工作经费', 14, 21, 22],
  ['法律服务费', '扶贫协作和支援合作法律服务费', 14, 20, 21],
  ['来京学习考察调研', '对口支援地区和经济合作省区市来京学习考察调研工作经费', 14, 18, 19],
  ['赴外考察调研', '赴对口支援地区和经济合作省区市考察调研工作经费', 14, 20, 21],
  ['全过程绩效管理咨询', '全过程绩效管理咨询服务费', 14, 24, 25],
  ['内部控制规范管理', '内部控制规范管理委托服务费', 14, 21, 22],
  ['工作考核服务费', '扶贫协作和支援合作工作考核服务费', 14, 22, 23],
  ['内部审计', '关于开展内部审计工作的费用', 14, 19, 20],
  ['新闻宣传', '扶贫支援工作新闻宣传', 14, 32, 33],
  ['扶贫之星评选', '北京榜样扶贫之星季度评选活动', 14, 28, 29],
  ['扶贫支援志编纂', '北京扶贫支援志编纂', 14, 21, 22],
  ['相关课题研究', '北京扶贫支援相关课题研究', 14, 19, 20],
  ['北京援派干部读本', '北京援派干部读本', 14, 20, 21],
  ['北京援派干部读本 (2)', '北京援派干部读本', 14, 20, 21],
  ['十四五规划工作经费', '北京扶贫协作“十四五”规划工作经费', 14, 23, 24],
  ['第三方监督检查', '2020年援藏援疆援青项目资金第三方监督检查工作', 14, 18, 19],
  ['青洽会', '参加2020年中国·青海绿色发展投资贸易洽谈会(青洽会)', 14, 20, 21],
  ['考核培训', '考核培训', 14, 20, 21],
  ['消费扶贫营销推广', '北京市消费扶贫营销推广和供应链应用管理项目', 14, 20, 21],
  ['农业嘉年华', '第七届北京农业嘉年华举办“扶贫攻坚 决胜小康”项目', 14, 22, 23],
  ['双创中心专项宣传', '北京市受援地区消费扶贫产业双创中心2020年年度专项宣传经费项目', 14, 21, 22],
  ['扶贫+扶志研究', '北京市扶贫+扶志（扶智）实践及成效研究', 14, 25, 26],
  ['双创中心运营评估', '“北京市消费扶贫产业双创中心项目”运营情况综合评估项目', 14, 21, 22],
  ['消费扶贫产品名录', '北京市扶贫支援地区消费扶贫产品名录制作及应用管理项目', 14, 20, 21],
  ['培训质量评估', '扶贫协作和支援合作地区干部人才来京培训质量评估', 14, 24, 25],
  ['老干部工作费', '老干部工作费', 14, 22, 23],
  ['干部教育培训', '干部教育培训', 14, 22, 23],
  ['党员干部教育培训', '全办党员干部教育培训经费(2020年)', 14, 21, 22],
  ['OA系统升级改造', 'OA系统升级改造', 14, 18, 19],
  ['网站内容运维', '北京市扶贫协作和支援合作网内容运维及集约化服务项目', 14, 26, 27],
  ['办公家具采购', '办公家具采购项目', 14, 19, 20],
  ['驾驶员劳务派遣', '公务车驾驶员劳务派遣服务', 14, 19, 20],
  ['数据梳理分析', '北京市扶贫协作和支援合作动员交流平台数据梳理分析', 14, 23, 24],
  ['机动经费', '机动经费(其他支出)', 14, 19, 20],
];

describe('detection: every form, the whole form, read by its labels', () => {
  test('35 forms, one per form sheet, none on 三公经费 or 部门评价', () => {
    expect(forms.map((f) => f.sheet)).toEqual(LAYOUT.map((l) => l[0]));
  });

  test.each(LAYOUT)('%s: 项目名称 %s, indicators rows %i–%i, 总分 row %i', (sheet, name, first, last, totalRow) => {
    const f = form(sheet);
    expect(f.range).toBe(`A1:I${totalRow}`);
    expect(f.titleCell).toBe('A1');
    expect(f.projectName).toEqual({ text: name, cell: 'C3' });
    expect(f.fundHeaderRow).toBe(6);
    expect(f.headerRow).toBe(13);
    expect(f.indicators.map((i) => i.row)).toEqual(Array.from({ length: last - first + 1 }, (_, k) => first + k));
    expect(f.total).toMatchObject({
      labelCell: `A${totalRow}`,
      row: totalRow,
      weight: { value: 100, cell: `G${totalRow}` },
    });
    expect(f.total?.score?.cell).toBe(`H${totalRow}`);
  });

  test('the 项目资金 block: 年度资金总额 carries 分值 and 得分, its 其中 rows show "—" (not applicable, not zero)', () => {
    const f = form('消费扶贫营销推广');
    expect(f.funds.map((r) => [r.label.text, r.row, !!r.isTotal])).toEqual([
      ['年度资金总额', 7, true],
      ['其中：当年财政拨款', 8, false],
      ['上年结转资金', 9, false],
      ['其他资金', 10, false],
    ]);
    const total = f.funds[0];
    expect([total.initialBudget?.value, total.annualBudget?.value, total.executed?.value, total.weight?.value]).toEqual(
      [460.8265, 460.8265, 459.8265, 10],
    );
    expect(total.rate).toMatchObject({ value: 0.9978, cell: 'G7', numFmt: '0.00%' });
    expect(total.score).toMatchObject({ value: 10, cell: 'H7' });
    expect(f.funds[1].weight).toBeUndefined(); // F8 "—"
    expect(f.funds[1].scoreHeld).toEqual({ cell: 'H8', value: '—' });
    expect(f.funds[2].annualBudget).toBeUndefined();
  });

  test('扶贫+扶志研究: 执行率 uses 全年预算数 26.53, not 年初预算数 48.24', () => {
    const total = form('扶贫+扶志研究').funds[0];
    expect([total.initialBudget?.value, total.annualBudget?.value]).toEqual([48.24, 26.53]);
    expect(at('扶贫+扶志研究', 'H7')).toEqual([]);
  });

  test('年度总体目标, 主管部门 and 实施单位 are read from beside their labels', () => {
    const f = form('农业嘉年华');
    expect(f.goals?.expected?.cell).toBe('B12');
    expect(f.goals?.actual?.text).toMatch(/^“扶贫攻坚 决胜小康”主题活动共运行了58天/);
    expect(f.implementer).toEqual({ text: '北京美好故事文化传播有限公司', cell: 'G4' });
    expect(f.department?.cell).toBe('C4');
  });

  test('一级/二级 come from their vertical merges; the 三级 name, values and cells per row', () => {
    const ind = form('培训质量评估').indicators.find((i) => i.row === 15)!;
    expect(ind.level1).toEqual({ text: '产出指标', cell: 'B14' });
    expect(ind.level2).toEqual({ text: '数量指标', cell: 'C14' });
    expect(ind.name).toEqual({ text: '指标2：评估报告', cell: 'D15' });
    expect(ind.target).toEqual({ text: '10个', cell: 'E15' });
    expect(ind.actual).toEqual({ text: '3个', cell: 'F15' });
    expect([ind.weight?.value, ind.score?.value, ind.scoreCell, ind.noteCell]).toEqual([7, 7, 'H15', 'I15']);
    expect(ind.note?.text).toMatch(/^根据市委市政府考核导向/);
  });

  test('网站内容运维 B18: "质量指标" printed in the 一级 column is kept as printed (and reported below)', () => {
    const rows = form('网站内容运维').indicators.filter((i) => i.level1?.cell === 'B18');
    expect(rows.map((i) => i.row)).toEqual([18, 19, 20, 21]);
    expect(rows[0].level1?.text).toBe('质量指标');
  });

  test('扶贫+扶志研究 D25 "指标1：≥90%" (no indicator name) is still an indicator row', () => {
    const ind = form('扶贫+扶志研究').indicators.find((i) => i.row === 25)!;
    expect([ind.name.text, ind.weight?.value, ind.score?.value]).toEqual(['指标1：≥90%', 10, 10]);
  });
});

describe('findings required by expected.json for the form sheets', () => {
  const entries = loadExpected().filter((e) => e.file === 'beijing-2020.xlsx' && e.kind !== 'clean');
  const required = entries.filter((e) => e.required);

  test('the fixture lists 34 required findings on the forms (29 deductions, 3 shortfalls, 1 title, 1 execution score)', () => {
    expect(required).toHaveLength(34);
  });

  test.each(required.map((e) => [e.sheet, e.cell, e.kind] as const))('%s!%s %s', (sheet, cell, kind) => {
    expect(at(sheet, cell, kind)).toHaveLength(1);
  });

  test.each(entries.filter((e) => !e.required).map((e) => [e.sheet, e.cell, e.kind] as const))(
    'judgement call %s!%s %s is reported too',
    (sheet, cell, kind) => {
      expect(at(sheet, cell, kind)).toHaveLength(1);
    },
  );

  test('clean cells are never the cell of an error or warning', () => {
    const clean = loadExpected().filter((e) => e.file === 'beijing-2020.xlsx' && e.kind === 'clean');
    expect(clean.length).toBeGreaterThan(10);
    const hits = clean.flatMap((e) => at(e.sheet, e.cell).filter((f) => f.severity !== 'info'));
    expect(hits.map((f) => `${f.sheet}!${f.cell} ${f.code}`)).toEqual([]);
  });

  test('no error or warning beyond expected.json (the README says every form else adds up)', () => {
    const listed = new Set(entries.map((e) => `${e.sheet}!${e.cell} ${e.kind}`));
    const extra = analysis.findings.filter(
      (f) => f.severity !== 'info' && !listed.has(`${f.sheet}!${f.cell} ${f.code}`),
    );
    expect(extra.map((f) => `${f.sheet}!${f.cell} ${f.code}: ${f.message}`)).toEqual([]);
  });
});

describe('messages and cells, as a reviewer reads them', () => {
  test('消费扶贫营销推广!H7: 99.78% × 10 = 9.98, printed 10', () => {
    const [f] = at('消费扶贫营销推广', 'H7', 'execution-score-mismatch');
    expect(f).toMatchObject({ severity: 'error', expected: 9.98, actual: 10 });
    expect(f.related).toEqual(expect.arrayContaining(['D7', 'E7', 'F7']));
    expect(f.message).toBe(
      '资金执行得分 10 ≠ min(执行率, 100%) × 分值：执行率 459.8265/460.8265 = 99.7830%，× 10 = 9.9783 → 9.98（差 0.02）',
    );
  });

  test('农业嘉年华!H7: 159.80445/160 = 99.88% × 10 = 9.988 → 9.99 is right', () => {
    expect(at('农业嘉年华', 'H7')).toEqual([]);
  });

  test('deduction-unexplained names the indicator, both scores, the deduction and what was promised and done', () => {
    const [f] = at('双创中心运营评估', 'H19', 'deduction-unexplained');
    expect(f.message).toBe(
      '改进运营模式：得分 9 < 分值 10（扣 1 分），偏差原因分析为空（年度指标值 分析现有问题，提出建设性、可执行意见建议，实际完成值 已提出）',
    );
    expect(f.related).toEqual(expect.arrayContaining(['G19', 'I19']));
  });

  test('exactly the 29 deductions without 偏差原因 are unexplained; explained ones (农业嘉年华!H14, H18) are not', () => {
    expect(analysis.findings.filter((f) => f.code === 'deduction-unexplained')).toHaveLength(29);
    expect(at('农业嘉年华', 'H14')).toEqual([]);
    expect(at('农业嘉年华', 'H18')).toEqual([]);
  });

  test('shortfalls with numbers and units are warnings naming both figures', () => {
    expect(at('培训质量评估', 'H15', 'shortfall-full-score')[0]).toMatchObject({ severity: 'warning', actual: 7 });
    expect(at('培训质量评估', 'H15', 'shortfall-full-score')[0].message).toMatch(
      /^评估报告：实际完成值 3个 低于 年度指标值 10个（3个 < 10个），却得满分 7；偏差原因：/,
    );
    expect(at('扶贫+扶志研究', 'H19', 'shortfall-full-score')[0].message).toContain('（2.8万字 < 3万字）');
    expect(at('扶贫+扶志研究', 'H15', 'shortfall-full-score')[0].message).toContain('（100人 < 270人）');
  });

  test('考核培训!H18/H19 得到提升 → 有所提升 at full score: reported as info, a judgement call', () => {
    for (const cell of ['H18', 'H19']) expect(at('考核培训', cell, 'shortfall-full-score')[0]?.severity).toBe('info');
    // Targets met or beaten in wording (有所提升 promised, 得到提升 delivered) are not shortfalls.
    expect(at('新闻宣传', 'H27', 'shortfall-full-score')).toEqual([]);
    expect(at('外事工作经费', 'H21', 'shortfall-full-score')).toEqual([]);
  });

  test('cost rows below plan and 时效 rows within their limit are no shortfall', () => {
    expect(at('农业嘉年华', 'H19')).toEqual([]); // 160万元 planned, 159.80445万元 spent
    expect(at('农业嘉年华', 'H17')).toEqual([]); // 30天之内, 21
    expect(at('消费扶贫营销推广', 'H17')).toEqual([]); // 460.8265 vs 459.8265
  });

  test('duplicate-title: the later sheet’s 项目名称, related to the first, with both budgets', () => {
    const [f] = at('北京援派干部读本 (2)', 'C3', 'duplicate-title');
    expect(f.related).toEqual([qualify('北京援派干部读本', 'C3')]);
    expect(f.message).toContain('全年预算数 80 万元');
    expect(f.message).toContain('全年预算数 16 万元');
    expect(at('北京援派干部读本', 'C3')).toEqual([]);
  });

  test('label-mismatch at 网站内容运维!B18 names the right 一级', () => {
    const [f] = at('网站内容运维', 'B18', 'label-mismatch');
    expect(f).toMatchObject({ severity: 'warning', expected: '产出指标', actual: '质量指标' });
  });

  test('unquantified-target: at most one per form, on the first vague 年度指标值, the rest related', () => {
    const vague = analysis.findings.filter((f) => f.code === 'unquantified-target');
    expect(vague.every((f) => f.severity === 'info')).toBe(true);
    expect(new Set(vague.map((f) => f.sheet)).size).toBe(vague.length);
    const [f] = at('十四五规划工作经费', 'E18', 'unquantified-target');
    expect(f.related).toEqual(['E19', 'E20', 'E21', 'E22', 'E23']);
    expect(f.message).toMatch(/^6 项年度指标值无法衡量（有所进步、得到促进、有所加强、有所提升）/);
    // 良好, 12月底前完成, 52万元 are measurable or judged: no finding on forms without vague targets.
    expect(at('工作考核服务费', 'E17')).toEqual([]);
    expect(
      analysis.findings
        .filter((f) => f.sheet === '来京学习考察调研' && f.code === 'unquantified-target')
        .map((f) => f.cell),
    ).toEqual(['E18']);
  });

  test('totals, weights and rates hold on every form (README "checks that hold")', () => {
    const codes = [
      'total-mismatch',
      'total-weight',
      'rate-mismatch',
      'score-out-of-range',
      'sum-mismatch',
      'over-budget',
      'missing-score',
    ];
    expect(analysis.findings.filter((f) => codes.includes(f.code) && forms.some((x) => x.sheet === f.sheet))).toEqual(
      [],
    );
  });
});
