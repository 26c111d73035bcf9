import { explainRule } from '../../src/engine/rules/explain';
import { parseNotation } from '../../src/engine/rules/notation';
import { runRule } from '../../src/cli/rule';
import type { RuleInput } from '../../src/engine/rules/families';

/**
 * Wordings of our own (not corpus lines) for each kind of misreading issue 13 names. Every expected
 * score is worked out by hand from the text in the comment beside it.
 */
type Case = [
  text: string,
  weight: number | undefined,
  family: string,
  max: number | null,
  examples?: [RuleInput, number][],
];

function expectRead([text, weight, family, max, examples = []]: Case) {
  const e = explainRule(text, weight);
  expect([text, e.understood, e.family, e.max]).toEqual([text, true, family, max]);
  for (const [input, score] of examples)
    expect([text, input, explainRule(text, weight, input).score]).toEqual([text, input, score]);
}

function expectNotUnderstood(text: string, weight?: number) {
  const e = explainRule(text, weight);
  expect([text, e.understood, e.family]).toEqual([text, false, null]);
}

describe('itemised parts add up; they are not alternative levels', () => {
  const cases: Case[] = [
    // 0.5 + 0.5 + 1: unequal parts → composite of 2
    ['①建立管理台账得0.5分；②台账按月更新得0.5分；③台账经负责人签字得1分。', 2, 'composite', 2],
    // three equal items; 2 not met → 1
    ['1.制定实施方案，计1分；2.方案经审批，计1分；3.方案报送备案，计1分。', 3, 'checklist', 3, [[{ count: 2 }, 1]]],
    ['（1）有工作计划（1分）；（2）有总结报告（1分）', 2, 'checklist', 2, [[{ count: 1 }, 1]]],
    // items without numbering, points in parentheses
    ['公示到位（1分），公示内容完整（1分），公示时间符合规定（1分）。', 3, 'checklist', 3],
    // 、-separated items, each 3 points; 1 not done → 6
    ['其中：设备采购3分、人员培训3分、系统上线3分，每完成1项取得该项分数。', 9, 'checklist', 9, [[{ count: 1 }, 6]]],
    // two parts with their own deductions: 3 (−0.5 per late day) + 2 (yes/no)
    ['按期开工得3分，每延迟1天扣0.5分，扣完为止；竣工验收合格得2分，否则不得分。', 5, 'composite', 5],
  ];
  for (const c of cases) test(c[0], () => expectRead(c));
  test('unnumbered awards with fewer points and no degree wording are not guessed', () => {
    expectNotUnderstood('按考核排名，第一名得5分，第二名得4分。', 5);
  });
});

describe('no clause is dropped', () => {
  const cases: Case[] = [
    // 扣3分 from 3 = 0: a yes/no
    ['资料完整的得3分，不完整的扣3分。', 3, 'binary', 3, [[{ level: 1 }, 0]]],
    // 4 − 3 × 1 = 1; 最多扣4分 is the whole
    [
      '按合同约定时间完工得4分，每延迟1天扣1分，最多扣4分。',
      4,
      'per-finding',
      4,
      [
        [{ count: 3 }, 1],
        [{ count: 9 }, 0],
      ],
    ],
    // 92% is above 90% → 4
    ['验收合格率达到95%、90%和85%以上，分别得6分、4分和2分。', 6, 'bands', 6, [[{ rate: 0.92 }, 4]]],
    // a second deduction with its own cap: 2 − 0.5 per late report; the cap 1 belongs to 数据有误
    [
      '按时上报得2分，每逾期一次扣0.5分；数据有误的每处扣0.5分，最多扣1分。',
      2,
      'per-finding',
      2,
      [[{ count: 3 }, 0.5]],
    ],
    // three outcomes: 2, 2 − 1 = 1, 0
    [
      '建立了绩效自评机制并开展自评的，得2分；自评结果未公开的，扣1分；未开展自评的，不得分。',
      2,
      'levels',
      2,
      [
        [{ level: 1 }, 1],
        [{ level: 2 }, 0],
      ],
    ],
  ];
  for (const c of cases) test(c[0], () => expectRead(c));
  test('the cap is read with its deduction (notation shows it on the second kind)', () => {
    expect(explainRule('按时上报得2分，每逾期一次扣0.5分；数据有误的每处扣0.5分，最多扣1分。', 2).notation).toBe(
      'per-finding:0.5,0.5<1/2',
    );
  });
});

describe('points however they are written', () => {
  const cases: Case[] = [
    [
      '档案齐全记3分，不齐全记0分。',
      3,
      'binary',
      3,
      [
        [{ level: 0 }, 3],
        [{ level: 1 }, 0],
      ],
    ],
    ['方案科学合理，计3分；基本合理，计2分；不合理，不得分。', 3, 'levels', 3, [[{ level: 1 }, 2]]],
    ['有明确分工：2分；无明确分工：0分。', 2, 'binary', 2, [[{ level: 0 }, 2]]],
    ['工作完成及时，2分；基本及时，1分；不及时，0分。', 2, 'levels', 2, [[{ level: 2 }, 0]]],
    ['制度是否健全（2分）', 2, 'binary', 2, [[{ level: 1 }, 0]]],
    // 计满分 = the weight (5); −1 per 笔
    ['资金使用规范计满分；发现违规使用的，每发现1笔扣1分，扣完为止。', 5, 'per-finding', 5, [[{ count: 2 }, 3]]],
  ];
  for (const c of cases) test(c[0], () => expectRead(c));
  test('a lone award with no other outcome is not guessed', () => expectNotUnderstood('年度任务完成得5分。', 5));
});

describe('deductions per percentage point, below or above a threshold; bands', () => {
  const cases: Case[] = [
    // 90% is 5 points below 95% → 4 − 5 × 0.2 = 3
    [
      '项目预算执行率≧95%，计4分；每低于一个百分点扣0.2分，扣完为止。',
      4,
      'threshold-deduct',
      4,
      [
        [{ rate: 0.9 }, 3],
        [{ rate: 0.97 }, 4],
      ],
    ],
    // 8% is 3 points above 5% → 3 − 1.5 = 1.5
    [
      '费用增长率≤5%得3分，每超过1个百分点扣0.5分，扣完为止。',
      3,
      'threshold-deduct',
      3,
      [
        [{ rate: 0.08 }, 1.5],
        [{ rate: -0.02 }, 3],
      ],
    ],
    // 85% is 3 steps of 5% below 100% → 7
    ['实际完成率达到计划的100%得10分，完成率每减少5%扣1分。', 10, 'threshold-deduct', 10, [[{ rate: 0.85 }, 7]]],
    // 不足一个百分点按一个计: 1.5 short → 2 points → 6 − 2 × 0.5 = 5
    [
      '到位率达到100%的得6分，每少一个百分点扣0.5分，不足一个百分点的按一个百分点计算。',
      6,
      'threshold-deduct',
      6,
      [[{ rate: 0.985 }, 5]],
    ],
    [
      '培训覆盖率90%(含)-100%得3分；80%(含)-90%得2分；80%以下得0分。',
      3,
      'bands',
      3,
      [
        [{ rate: 0.85 }, 2],
        [{ rate: 0.8 }, 2],
        [{ rate: 0.79 }, 0],
      ],
    ],
    ['受益户数100户以上得4分；50-99户得2分；50户以下不得分。', 4, 'bands', 4, [[{ rate: 60 }, 2]]],
    // =0 → 2; (0, 5%] → 1; above → 0
    [
      '调整率=0，计2分；0-5%(含)，计1分；大于5%不得分。',
      2,
      'bands',
      2,
      [
        [{ rate: 0.05 }, 1],
        [{ rate: 0.051 }, 0],
      ],
    ],
  ];
  for (const c of cases) test(c[0], () => expectRead(c));
});

describe('ratio formulas written out', () => {
  const cases: Case[] = [
    [
      '得分=项目完成率×10（超过100%按100%计算）',
      10,
      'ratio',
      10,
      [
        [{ rate: 1.05 }, 10],
        [{ rate: 0.73 }, 7.3],
      ],
    ],
    ['得分值=资金到位率×该项分值', 6, 'ratio', 6, [[{ rate: 0.5 }, 3]]],
    ['评分=到位资金/计划资金×分值', 6, 'ratio', 6, [[{ rate: 0.5 }, 3]]],
    ['得分（8分*到位率）', 8, 'ratio', 8, [[{ rate: 0.25 }, 2]]],
    ['完成目标得5分，未完成按完成比例得分。', 5, 'ratio', 5, [[{ rate: 0.6 }, 3]]],
    // a cap written as 最高/最多得 N 分: 4 × 1.2 = 4.8 is held at 4; 4 × 0.5 = 2
    [
      '得分＝4×完成率，最高4分。',
      4,
      'ratio',
      4,
      [
        [{ rate: 1.2 }, 4],
        [{ rate: 0.5 }, 2],
      ],
    ],
    ['按完成比例计分，最多得5分', 5, 'ratio', 5, [[{ rate: 0.3 }, 1.5]]],
  ];
  for (const c of cases) test(c[0], () => expectRead(c));
});

test('最高N分 beside a per-problem deduction could cap the deduction or the score: not understood', () => {
  expectNotUnderstood('每发现一处问题扣1分，最高4分。', 4);
  expectNotUnderstood('台账不全的每处扣0.5分，不超过3分。', 3);
});

describe('per-finding wordings and per-unit shortfalls', () => {
  const cases: Case[] = [
    ['发现一次台账记录不全扣0.5分。', 2, 'per-finding', 2, [[{ count: 2 }, 1]]],
    ['每发现1次未按规定审批的，扣1分，扣完为止。', 3, 'per-finding', 3, [[{ count: 4 }, 0]]],
    ['每张凭证附件不全扣0.1分。', 1, 'per-finding', 1, [[{ count: 4 }, 0.6]]],
    ['一个村未完成整改扣1分。', 5, 'per-finding', 5, [[{ count: 2 }, 3]]],
    // 400 亩 is 2 steps of 50 below 500 → 10 − 2 = 8
    ['年造林面积500亩以上，每少于50亩扣1分。', 10, 'threshold-deduct', 10, [[{ rate: 400 }, 8]]],
  ];
  for (const c of cases) test(c[0], () => expectRead(c));
});

describe('discretionary, bonus and rank rules: read or not understood, never misread', () => {
  test('视具体情况扣分 is discretionary within the stated full mark', () =>
    expectRead(['制度健全得3分，不健全的视具体情况扣分。', 3, 'discretionary', 3]));
  test('a bonus capped at 2 is a formula with max 2', () =>
    expectRead(['每获得一项省级奖励加1分，加分不超过2分。', undefined, 'formula-other', 2]));
  test('a bonus with no cap is not understood', () => expectNotUnderstood('每获得一项省级奖励加1分。'));
  test('完成得基本分 with a bonus capped at the base: up to twice the weight', () =>
    expectRead([
      '完成得基本分；超过目标值的，每增加5%加1分，加分至基本分值封顶；低于目标值的，每减少5%扣1分，扣完为止。',
      4,
      'formula-other',
      8,
    ]));
  test('rank wordings are not understood', () => {
    expectNotUnderstood('全市排名前三名得5分，其余得3分。', 5);
    expectNotUnderstood('排名第一得5分，排名第二得4分，其余得3分。', 5);
  });
});

describe('more wordings', () => {
  const cases: Case[] = [
    // a rate's definition is not a scoring clause; 96% → 2 points short → 5 − 1 = 4
    [
      '质量达标率=质量合格数/实际完成数×100%。达标率100%得5分，每降低1%扣0.5分。',
      5,
      'threshold-deduct',
      5,
      [[{ rate: 0.98 }, 4]],
    ],
    [
      '以实际完成数与计划数比较，完成率≥100%的，得6分；完成率<100%的，按完成率×6计算得分。',
      6,
      'ratio',
      6,
      [[{ rate: 0.5 }, 3]],
    ],
    ['完成得3分，未完成按比例扣分。', 3, 'ratio', 3, [[{ rate: 0.9 }, 2.7]]],
    // ranges a person scores within: graded levels
    [
      '项目效益显著的得8-10分，效益较好的得5-7分，效益一般的得1-4分，无效益的不得分。',
      10,
      'levels',
      10,
      [[{ level: 3 }, 0]],
    ],
    // 扣除该项分值的2%: a share of the weight per point
    ['完成率100%得满分，每下降1个百分点扣除该项分值的2%。', 5, 'threshold-deduct', 5, [[{ rate: 0.9 }, 4]]],
    ['未发生安全事故的得3分，发生一般安全事故的扣1分，发生重大安全事故的不得分。', 3, 'levels', 3, [[{ level: 1 }, 2]]],
  ];
  for (const c of cases) test(c[0], () => expectRead(c));
  test('该指标满分5分，按实际完成比例得分', () =>
    expectRead(['该指标满分5分，按实际完成比例得分。', 5, 'ratio', 5, [[{ rate: 0.4 }, 2]]]));
  // 2 weeks late → 2 − 2 × 0.5 = 1
  test('按时完成得2分，每推迟一周扣0.5分', () =>
    expectRead(['按时完成得2分，每推迟一周扣0.5分。', 2, 'per-finding', 2, [[{ count: 2 }, 1]]]));
  test('deductions graded by a count (一项…两项…) are not read as fixed deductions', () =>
    expectNotUnderstood('有一项未完成扣1分，两项未完成扣2分，三项及以上未完成不得分。', 3));
  test('a benchmark that is not a number (序时进度) is not taken for 100%', () =>
    expectNotUnderstood('资金支付进度达到序时进度的得3分，低于序时进度的，每低1个百分点扣0.1分。', 3));
  test('a bonus beside deductions with no stated base is not guessed', () =>
    expectNotUnderstood('超额完成任务每超1%加0.1分，最多加1分；未完成任务每少1%扣0.5分。', 5));
});

describe('the whole text is accounted for', () => {
  test('a clause that speaks of points but fits no shape makes the rule not understood, quoted', () => {
    const e = explainRule('完成得2分；按季度考核折算后加权汇总计分，最终得分按系数调整。', 2);
    expect(e.understood).toBe(false);
    expect(e.unplaced).toBe('最终得分按系数调整');
  });
  test('descriptions without points are allowed around the rule', () => {
    expectRead(['主要查看会议纪要、签到表等材料。召开会议的得2分，未召开的不得分。', 2, 'binary', 2]);
  });
});

describe('every reading has a notation that reads back the same', () => {
  const texts = [
    '费用增长率≤5%得3分，每超过1个百分点扣0.5分，扣完为止。',
    '按时上报得2分，每逾期一次扣0.5分；数据有误的每处扣0.5分，最多扣1分。',
    '调整率=0，计2分；0-5%(含)，计1分；大于5%不得分。',
    '受益户数100户以上得4分；50-99户得2分；50户以下不得分。',
    '①建立管理台账得0.5分；②台账按月更新得0.5分；③台账经负责人签字得1分。',
    '1.制定实施方案，计1分；2.方案经审批，计1分；3.方案报送备案，计1分。',
    '完成得基本分；超过目标值的，每增加5%加1分，加分至基本分值封顶；低于目标值的，每减少5%扣1分，扣完为止。',
    '年造林面积500亩以上，每少于50亩扣1分。',
  ];
  for (const t of texts)
    test(t, () => {
      const e = explainRule(t, 4);
      const back = parseNotation(e.notation!);
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      const again = explainRule(t, 4);
      expect(again.notation).toBe(e.notation);
      for (const input of [{ rate: 0.5 }, { rate: 0.97 }, { count: 1 }, { level: 1 }] as RuleInput[]) {
        expect(explainRule(t, 4, input).score).toEqual(explainRule(t, 4, input).score);
      }
    });
});

describe('jixiao rule', () => {
  const run = (args: string[]) => {
    let out = '';
    let err = '';
    const code = runRule(args, { out: (s) => (out += `${s}\n`), err: (s) => (err += s) });
    return { code, out, err };
  };
  test('text output in Chinese with the score', () => {
    const r = run(['得分值=种植率×30', '--rate', '0.8']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('按比例计分：得分 = 种植率 × 30，最高 30 分');
    expect(r.out).toContain('得分：24');
  });
  test('--json has exactly the issue-13 shape', () => {
    const r = run([
      '项目计划投资完成100%的得10分,每减少1个百分点扣1分,扣完10分为止。',
      '--weight',
      '10',
      '--rate',
      '97%',
      '--json',
    ]);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).sort()).toEqual(['family', 'max', 'notation', 'reading', 'score', 'understood']);
    expect(j).toMatchObject({ understood: true, family: 'threshold-deduct', max: 10, score: 7 });
  });
  test('not understood: exit 1, unplaced clause quoted', () => {
    const r = run(['完成得2分；最终得分按系数调整。', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({
      understood: false,
      family: null,
      max: null,
      notation: null,
      unplaced: '最终得分按系数调整',
    });
  });
  test('bad input is one line in Chinese and English, exit 2', () => {
    expect(run([]).code).toBe(2);
    const r = run(['得分=完成率×5', '--rate', 'abc']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/需要一个数字 \(needs a number\)/);
    expect(run(['得分=完成率×5', '--rate', '0.5', '--count', '1']).code).toBe(2);
  });
});
