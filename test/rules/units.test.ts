import { readFileSync } from 'fs';
import { join } from 'path';
import { readWorkbookBytes } from '../../src/xlsx/read';
import { planWorkbookScores } from '../../src/engine/score';
import { scoreUnits, unitScore } from '../../src/engine/rules/units';
import { parseRule } from '../../src/engine/rules/parse';
import type { Rule } from '../../src/engine/rules/types';
import { INPUTS } from '../fixtures/rules/make-units';

const rule = (text: string): Rule => {
  const r = parseRule(text);
  if (!r.ok) throw new Error(r.reason);
  return r.rule;
};

describe('unitScore: one 区 input under each east-west rule', () => {
  test('完成得4分，未完成得0分', () => {
    const r = rule('（完成得4分，未完成得0分。）');
    expect(unitScore(r, 4, '完成')?.toNumber()).toBe(4);
    expect(unitScore(r, 4, '未完成')?.toNumber()).toBe(0);
    expect(unitScore(r, 4, '不知道')).toBeUndefined();
  });
  test('完成得3分；未完成的，得分＝3×完成率: 80% → 2.4, 120% capped at 3', () => {
    const r = rule('（完成得3分；未完成的，得分＝3×完成率。）');
    expect(unitScore(r, 3, 0.8)?.toNumber()).toBe(2.4);
    expect(unitScore(r, 3, '80%')?.toNumber()).toBe(2.4);
    expect(unitScore(r, 3, 1.2)?.toNumber()).toBe(3);
  });
  test('前二得3分，完成任务得2分: rank 2 → 3, rank 3 → 2, 完成 → 2, 未完成 → 0', () => {
    const r = rule('（前二得3分，完成任务得2分）');
    expect([2, 3, '完成', '未完成', '第1名'].map((x) => unitScore(r, 3, x)?.toNumber())).toEqual([3, 2, 2, 0, 3]);
  });
  test('村企结对3分…学校结对2分…医院结对2分: 100%/80%/100% → 3 + 1.6 + 2', () => {
    const r = rule(
      '（村企结对3分：完成得3分；未完成任务的，得分＝3×完成率。学校结对2分：完成得2分；未完成任务的，得分＝2×完成率。医院结对2分：完成得2分；未完成任务的，得分＝2×完成率。）',
    );
    expect(unitScore(r, 7, '100%/80%/100%')?.toNumber()).toBe(6.6);
    expect(unitScore(r, 7, '100%/80%')).toBeUndefined();
  });
  test('开展工作的得3分；未开展的酌情扣分: the score a person gave, within 0…3', () => {
    const r = rule('（开展工作的得3分；未开展的酌情扣分。）');
    expect(unitScore(r, 3, 2.5)?.toNumber()).toBe(2.5);
    expect(unitScore(r, 3, 4)).toBeUndefined();
  });
  test('per-finding and checklist inputs are counts', () => {
    expect(unitScore(rule('每发现一处不规范的扣0.5分，扣完为止。'), 2, 3)?.toNumber()).toBe(0.5);
    expect(
      unitScore(rule('①a；②b；③c；④d。4项各占1/4权重分，有一项不满足，则扣除相应权重分。'), 5, 3)?.toNumber(),
    ).toBe(3.75);
  });
  test('ties share a rank', () => {
    const r = rule('（完成得4分，未完成得0分。）');
    const s = scoreUnits(
      [{ name: 'a', weight: 4, rule: r }],
      [
        { unit: 'A', inputs: ['完成'] },
        { unit: 'B', inputs: ['完成'] },
        { unit: 'C', inputs: ['未完成'] },
      ],
      2,
    );
    expect(s.units.map((u) => u.rank)).toEqual([1, 1, 3]);
  });
});

describe('east-west-units.xlsx (generated: 评价办法 with 市南区/市北区/黄岛区 inputs)', () => {
  let sheet: { name: string; rows: readonly (readonly (string | number | null)[])[] };
  beforeAll(async () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'rules', 'east-west-units.xlsx')));
    const plan = planWorkbookScores(await readWorkbookBytes(bytes, 'east-west-units.xlsx'));
    expect(plan.patches).toEqual([]);
    sheet = plan.newSheets.find((s) => s.name === '评价办法分单位得分')!;
  });

  test('one row per indicator (21), a column per 区, then 合计 and 名次', () => {
    expect(sheet.rows[0]).toEqual(['指标', '分值', '市南区', '市北区', '黄岛区']);
    expect(sheet.rows).toHaveLength(1 + Object.keys(INPUTS).length + 2);
  });

  test('市北区, worked by hand from its inputs: 未完成 0, 80% × 3 = 2.4, 90% × 3 = 2.7, 75% × 4 = 3, rank 3 → 2, 1/0.5/1 → 5', () => {
    const col = sheet.rows.slice(1, 22).map((r) => r[3]);
    expect(col).toEqual([0, 3, 3, 2, 2.4, 2.7, 3, 3, 3, 3, 3, 2, 2, 3, 3, 3, 3, 2, 0, 7, 5]);
  });

  test('totals are the sums of each column and the rank follows them', () => {
    const body = sheet.rows.slice(1, 22);
    const total = sheet.rows[22];
    const rank = sheet.rows[23];
    expect(total[0]).toBe('合计');
    expect(total[1]).toBe(70);
    for (const c of [2, 3, 4]) {
      const sum = body.reduce((s, r) => s + Math.round(Number(r[c]) * 100), 0) / 100;
      expect(total[c]).toBe(sum);
    }
    expect(total.slice(2)).toEqual([65.6, 58.1, 54.3]);
    expect(rank).toEqual(['名次', null, 1, 2, 3]);
  });
});
