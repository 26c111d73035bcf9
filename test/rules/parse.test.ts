import { parseRule } from '../../src/engine/rules/parse';
import { formatNotation, parseNotation } from '../../src/engine/rules/notation';
import { ruleSchema, type Rule } from '../../src/engine/rules/types';

/** Every family, named after the seed text it comes from (seeds 000, 002, 003). */
function parsed(text: string, name?: string): Rule {
  const r = parseRule(text, { name });
  if (!r.ok) throw new Error(`not parsed: ${r.reason} — ${text}`);
  expect(ruleSchema.safeParse(r.rule).success).toBe(true);
  return r.rule;
}

describe('1 ratio × weight, capped', () => {
  test('指标分值=资金到位率Y*指标满分值3分，得分不超过3分 (qixia 指标体系 F15)', () => {
    expect(parsed('指标分值=资金到位率Y*指标满分值3分，得分不超过3分。')).toEqual({
      kind: 'ratio',
      max: 3,
      variable: '资金到位率',
    });
  });
  test('完成得3分；未完成的，得分＝3×完成率 (east-west 序号5)', () => {
    expect(parsed('（完成得3分；未完成的，得分＝3×完成率。）')).toEqual({ kind: 'ratio', max: 3, variable: '完成率' });
  });
  test('指标分值=项目完成率Y*指标满分值 has no stated maximum (qixia F25)', () => {
    expect(parsed('指标分值=项目完成率Y*指标满分值')).toEqual({ kind: 'ratio', variable: '项目完成率' });
  });
});

describe('2 per-percent deduction', () => {
  test('预算执行率达100%，则得满分。每降低1%扣1%权重分，扣完为止 (qingdao H7)', () => {
    expect(parsed('预算执行率达100%，则得满分。每降低1%扣1%权重分，扣完为止。')).toEqual({
      kind: 'deduct-per-pct',
      threshold: 1,
      perPct: 0.01,
      variable: '预算执行率',
    });
  });
  test('政府采购执行率达95%以上，则得满分。每降低1%扣5%权重分 (qingdao H12)', () => {
    expect(parsed('政府采购执行率达95%以上，则得满分。每降低1%扣5%权重分，扣完为止。')).toMatchObject({
      threshold: 0.95,
      perPct: 0.05,
    });
  });
  test('完成则得满分，每低于1%，扣除5%权重分 (qingdao H23)', () => {
    expect(parsed('完成则得满分，每低于1%，扣除5%权重分，扣完为止，项目没有执行的不得分。')).toMatchObject({
      kind: 'deduct-per-pct',
      threshold: 1,
      perPct: 0.05,
    });
  });
  test('达到目标值，则得满分 takes the threshold from the 标杆值 (qingdao H28)', () => {
    expect(parsed('达到目标值，则得满分。每降低1%，扣5%的权重分，扣完为止。')).toMatchObject({
      fromBenchmark: true,
      perPct: 0.05,
    });
  });
});

describe('3 binary', () => {
  test('完成得4分，未完成得0分 (east-west 序号1)', () => {
    expect(parsed('……活动方案等。（完成得4分，未完成得0分。）')).toEqual({
      kind: 'binary',
      pass: { points: 4 },
      fail: { points: 0 },
      passLabel: '完成',
      failLabel: '未完成',
    });
  });
  test('符合得1分，不符合得0分 (qixia F3)', () => {
    expect(parsed('项目立项是否符合行业发展规划和政策要求。符合得1分，不符合得0分。')).toMatchObject({
      kind: 'binary',
      passLabel: '符合',
      failLabel: '不符合',
    });
  });
  test('召开1次及以上的，得3分；未召开的，得0分 (east-west 序号2)', () => {
    expect(parsed('（召开1次及以上的，得3分；未召开的，得0分。）')).toMatchObject({
      kind: 'binary',
      pass: { points: 3 },
      passLabel: '召开1次及以上',
      failLabel: '未召开',
    });
  });
  test('不存在擅自调整…的，得满分，否则不得分 (qingdao H8): full marks as a share of the weight', () => {
    expect(parsed('不存在擅自调整支出内容情况的，得满分，否则不得分。')).toMatchObject({
      kind: 'binary',
      pass: { share: 1 },
      fail: { points: 0 },
    });
  });
});

describe('4 graded levels', () => {
  test('有效得1分，较有效得0.5分，无效得0分 (qixia F6)', () => {
    const r = parsed('事前是否已经过必要的可行性研究、专家论证。有效得1分，较有效得0.5分，无效得0分。');
    expect(r).toEqual({
      kind: 'levels',
      levels: [
        { label: '有效', award: { points: 1 } },
        { label: '较有效', award: { points: 0.5 } },
        { label: '无效', award: { points: 0 } },
      ],
    });
  });
  test('完善得2分，基本完善得1分，不完善得0分 (qixia F19)', () => {
    expect(
      formatNotation(parsed('是否已制定或具有相应的财务和业务管理制度。完善得2分，基本完善得1分，不完善得0分。')),
    ).toBe('levels:2/1/0');
  });
  test('优、良、中、较差和差，分别可得100%、75%、50%、25%、0的权重分 (qingdao H27)', () => {
    const r = parsed('考核情况分优、良、中、较差和差，分别可得100%、75%、50%、25%、0的权重分。');
    expect(r).toEqual({
      kind: 'levels',
      levels: ['优', '良', '中', '较差', '差'].map((label, i) => ({
        label,
        award: { share: [1, 0.75, 0.5, 0.25, 0][i] },
      })),
    });
  });
});

describe('5 per-finding deduction', () => {
  test('每发现一处不规范的扣0.5分，20%资金使用不规范的…不得分 (qixia F18)', () => {
    expect(
      parsed(
        '是否存在截留、挤占、挪用、虚列支出等情况。每发现一处不规范的扣0.5分，20%资金使用不规范的，该指标相关三级指标不得分。',
      ),
    ).toEqual({
      kind: 'per-finding',
      deduct: 0.5,
      zeroIf: '20%资金使用不规范',
    });
  });
  test('有效监督管理得2分，每发现一处监督管理不到位的扣0.1分，扣完为止 (qixia 得分表 F21)', () => {
    expect(parsed('有效监督管理得2分，每发现一处监督管理不到位的扣0.1分，扣完为止。')).toEqual({
      kind: 'per-finding',
      deduct: 0.1,
      full: 2,
    });
  });
});

describe('6 banded thresholds', () => {
  test('成本节约率|Y|≥4%时，得2分；3%≤成本节约率|Y|<4%时，得1.5分；… (qixia F41)', () => {
    const r = parsed(
      '成本节约率|Y|≥4%时，得2分；3%≤成本节约率|Y|<4%时，得1.5分；2%≤成本节约率|Y|<3%时，得1分；0%≤成本节约率|Y|<2%时，得0.5分；0%>成本节约率|Y|，得0分；',
    );
    expect(r.kind).toBe('bands');
    if (r.kind !== 'bands') return;
    expect(r.abs).toBe(true);
    expect(r.variable).toBe('成本节约率');
    expect(r.bands.map((b) => [b.min?.value, b.min?.inclusive, b.max?.value, b.max?.inclusive, b.points])).toEqual([
      [0.04, true, undefined, undefined, 2],
      [0.03, true, 0.04, false, 1.5],
      [0.02, true, 0.03, false, 1],
      [0, true, 0.02, false, 0.5],
      [undefined, undefined, 0, false, 0],
    ]);
  });
});

describe('7 interval grades', () => {
  test('效果显著得(2,3]分；效果较好得(1,2]分；效果一般得(0,1]分；效果较差不得分 (qixia F52, full-width brackets)', () => {
    const r = parsed('效果显著得（2,3]分；效果较好得（1,2]分；效果一般得（0,1]分；效果较差不得分。');
    expect(formatNotation(r)).toBe('intervals:(2,3];(1,2];(0,1];0');
  });
  test('非常显著得（3，4]分，显著得（2，3]分，一般得（1，2]分，较差得[0，1] (qixia F55, mixed widths)', () => {
    const r = parsed('高效果非常显著得（3，4]分，显著得（2，3]分，一般得（1，2]分，较差得[0，1]。');
    expect(formatNotation(r)).toBe('intervals:(3,4];(2,3];(1,2];[0,1]');
  });
});

test('8 checklist: 4项各占1/4权重分，有一项不满足，则扣除相应权重分 (qingdao H3) counts the listed items', () => {
  const text =
    '①是否符合国家法律法规；\n②是否符合职责；\n③是否符合规划；\n④是否符合工作要求。\n4项各占1/4权重分，有一项不满足，则扣除相应权重分。';
  expect(parsed(text)).toEqual({ kind: 'checklist', items: 4, listed: 4 });
});

test('9 comparison: 本年度“三公经费”总额＜上年度…得2分；等于得1分；大于不得分 (qingdao H11)', () => {
  expect(parsed('本年度“三公经费”总额＜上年度“三公经费”总额，得2分；等于得1分；大于不得分。')).toEqual({
    kind: 'comparison',
    subject: '三公经费总额',
    less: 2,
    equal: 1,
    greater: 0,
  });
});

describe('10 ranking', () => {
  test('前二得3分，完成任务得2分 (east-west 序号13)', () => {
    expect(parsed('（前二得3分，完成任务得2分）')).toEqual({
      kind: 'ranking',
      top: 2,
      topPoints: 3,
      completePoints: 2,
    });
  });
  test('就读人数前二名3分，完成任务得2分，无则0分 (east-west 序号18)', () => {
    expect(parsed('（就读人数前二名3分，完成任务得2分，无则0分。）')).toEqual({
      kind: 'ranking',
      top: 2,
      topPoints: 3,
      completePoints: 2,
      nonePoints: 0,
    });
  });
});

test('11 composite: 村企结对3分：…；学校结对2分：…；医院结对2分：… (east-west 序号20)', () => {
  const r = parsed(
    '结对帮扶情况，主要查看村企结对、学校结对、医院结对等情况。（村企结对3分：完成得3分；未完成任务的，得分＝3×完成率。学校结对2分：完成得2分；未完成任务的，得分＝2×完成率。医院结对2分：完成得2分；未完成任务的，得分＝2×完成率。）',
  );
  expect(r.kind).toBe('composite');
  if (r.kind !== 'composite') return;
  expect(r.parts.map((p) => [p.name, p.points, p.rule.kind])).toEqual([
    ['村企结对', 3, 'ratio'],
    ['学校结对', 2, 'ratio'],
    ['医院结对', 2, 'ratio'],
  ]);
});

describe('12 satisfaction', () => {
  test('服务对象满意度达90%，则得满分，每降低1%，扣除5%权重分 (qingdao H30)', () => {
    expect(parsed('服务对象满意度达90%，则得满分，每降低1%，扣除5%权重分，项目没有执行的不得分。')).toEqual({
      kind: 'satisfaction',
      weights: [1, 0.75, 0.5, 0.25, 0],
      fullAt: 0.9,
      perPct: 0.05,
    });
  });
  test('评分标准：分值比重为非常满意100%，满意75%，一般50%，不满意25%，很不满意0% (qixia 满意度 A4)', () => {
    expect(parsed('评分标准：分值比重为非常满意100%，满意75%，一般50%，不满意25%，很不满意0%。')).toEqual({
      kind: 'satisfaction',
      weights: [1, 0.75, 0.5, 0.25, 0],
    });
  });
  test('受益对象满意度 with only 一般采用社会调查的方式 is scored from the survey (qixia F56)', () => {
    expect(
      parsed(
        '社会公众或服务对象是指受帮扶对象、产业项目及基础设施重点村村民。一般采用社会调查的方式。',
        '受益对象满意度',
      ).kind,
    ).toBe('satisfaction');
    expect(
      parseRule('社会公众或服务对象是指受帮扶对象、产业项目及基础设施重点村村民。一般采用社会调查的方式。').ok,
    ).toBe(false);
  });
});

test('13 discretionary: 开展工作的得3分；未开展的酌情扣分 (east-west 序号12)', () => {
  expect(parsed('（开展工作的得3分；未开展的酌情扣分。）')).toEqual({ kind: 'discretionary', full: 3 });
});

test('a text with no scoring clause is not understood, never guessed', () => {
  const r = parseRule('社会公众或服务对象对项目实施效益的满意程度。');
  expect(r.ok).toBe(false);
  expect(parseRule('有效监督管理得2分').ok).toBe(false);
  expect(parseRule('').ok).toBe(false);
});

describe('override notation', () => {
  const cases: [string, Partial<Rule>][] = [
    ['ratio:3', { kind: 'ratio', max: 3 }],
    ['deduct-per-pct:5%@95%', { kind: 'deduct-per-pct', perPct: 0.05, threshold: 0.95 }],
    ['levels:1/0.5/0', { kind: 'levels' }],
    ['per-finding:0.5', { kind: 'per-finding', deduct: 0.5 }],
    ['binary:满分/0', { kind: 'binary', pass: { share: 1 }, fail: { points: 0 } } as Partial<Rule>],
    ['checklist:4', { kind: 'checklist', items: 4 }],
    ['compare:2/1/0', { kind: 'comparison', less: 2, equal: 1, greater: 0 }],
    ['rank:2=3;done=2', { kind: 'ranking', top: 2, topPoints: 3, completePoints: 2 }],
    ['satisfaction:90%@5%', { kind: 'satisfaction', fullAt: 0.9, perPct: 0.05 }],
    ['manual:3', { kind: 'discretionary', full: 3 }],
  ];
  for (const [text, shape] of cases) {
    test(text, () => {
      const r = parseNotation(text);
      expect(r.ok && r.rule).toMatchObject(shape);
    });
  }
  test('bands-abs:≥4%=2;≥3%=1.5;≥2%=1;≥0%=0.5;else=0 reads like the qixia F41 text', () => {
    const fromText = parsed(
      '成本节约率|Y|≥4%时，得2分；3%≤成本节约率|Y|<4%时，得1.5分；2%≤成本节约率|Y|<3%时，得1分；0%≤成本节约率|Y|<2%时，得0.5分；0%>成本节约率|Y|，得0分；',
    );
    const r = parseNotation('bands-abs:≥4%=2;≥3%=1.5;≥2%=1;≥0%=0.5;else=0');
    expect(r.ok).toBe(true);
    if (!r.ok || r.rule.kind !== 'bands' || fromText.kind !== 'bands') return;
    expect(r.rule.bands.map((b) => [b.min, b.max, b.points])).toEqual(
      fromText.bands.map((b) => [b.min, b.max, b.points]),
    );
  });
  test('composite:村企结对=ratio:3+学校结对=ratio:2+医院结对=ratio:2', () => {
    const r = parseNotation('composite:村企结对=ratio:3+学校结对=ratio:2+医院结对=ratio:2');
    expect(r.ok && r.rule.kind === 'composite' && r.rule.parts.map((p) => p.points)).toEqual([3, 2, 2]);
  });
  test('every parsed seed rule prints as notation that parses back to the same rule (labels aside)', () => {
    for (const text of [
      '指标分值=资金到位率Y*指标满分值3分',
      '有效得1分，较有效得0.5分，无效得0分',
      '政府采购执行率达95%以上，则得满分。每降低1%扣5%权重分',
      '效果显著得(2,3]分；效果较好得(1,2]分；效果一般得(0,1]分；效果较差不得分',
    ]) {
      const note = formatNotation(parsed(text));
      const back = parseNotation(note);
      expect(back.ok && formatNotation(back.rule)).toBe(note);
    }
  });
  test('bad notation is rejected with a reason (zod and grammar)', () => {
    for (const bad of [
      'ratio:三',
      'deduct-per-pct:5',
      'levels:1',
      'checklist:x',
      'foo:1',
      'per-finding:-1',
      'satisfaction:190%',
    ]) {
      const r = parseNotation(bad);
      expect([bad, r.ok]).toEqual([bad, false]);
      if (!r.ok) expect(r.reason).toContain(bad);
    }
  });
});

describe('one parse per wording', () => {
  const survey = '一般采用问卷调查的方式了解受益群众意见。';
  test('a wording read once for a plain name is still read as a survey under a 满意度 name, and back', () => {
    expect(parseRule(survey, { name: '资金到位率' }).ok).toBe(false);
    expect(parsed(survey, '群众满意度').kind).toBe('satisfaction');
    expect(parseRule(survey, { name: '项目完成率' }).ok).toBe(false);
  });
  test('the shared reading cannot be changed by one caller under another', () => {
    const first = parseRule('完成得4分；未完成的，得分＝4×完成率。');
    expect(first.ok).toBe(true);
    if (first.ok) expect(() => ((first.rule as { kind: string }).kind = 'binary')).toThrow(TypeError);
    const again = parseRule('完成得4分；未完成的，得分＝4×完成率。');
    expect(again.ok && again.rule.kind).toBe('ratio');
  });
});
