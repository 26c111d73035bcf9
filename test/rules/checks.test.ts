import { analyzeSample, loadExpected, loadSample } from '../helpers/fixtures';
import { analyzeWorkbook, type Analysis } from '../../src/engine/analyze';
import { reachable } from '../../src/engine/rules/evaluate';
import { parseRule } from '../../src/engine/rules/parse';
import type { Rule } from '../../src/engine/rules/types';
import { sheetCells, withCells, type WorkbookInput } from '../../src/engine/model/sheet';

const rule = (text: string): Rule => {
  const r = parseRule(text);
  if (!r.ok) throw new Error(r.reason);
  return r.rule;
};

let qixia: Analysis;
let qingdao: Analysis;
let eastWest: Analysis;
beforeAll(async () => {
  [qixia, qingdao, eastWest] = await Promise.all([
    analyzeSample('qixia-2021.xlsx'),
    analyzeSample('qingdao-2020.xlsx'),
    analyzeSample('east-west-2020.xlsx'),
  ]);
});

const at = (a: Analysis, code: string) =>
  a.findings
    .filter((f) => f.code === code)
    .map((f) => `${f.sheet}!${f.cell}`)
    .sort();

describe('qixia-2021', () => {
  test('rule-weight-mismatch exactly at 指标体系 F43 and 得分表 F15, F16, F43', () => {
    expect(at(qixia, 'rule-weight-mismatch')).toEqual(['得分表!F15', '得分表!F16', '得分表!F43', '指标体系!F43']);
    const f16 = qixia.findings.find(
      (f) => f.code === 'rule-weight-mismatch' && f.sheet === '得分表' && f.cell === 'F16',
    )!;
    expect(f16.message).toContain('满分值 2 分');
    expect(f16.message).toContain('3 分');
    expect(f16.severity).toBe('error');
  });
  test('指标体系 F15/F16 (满分值3分 = weight 3) are clean', () => {
    expect(qixia.findings.filter((f) => f.sheet === '指标体系' && ['F15', 'F16'].includes(f.cell))).toEqual([]);
  });
  test('rule-unreachable-band at F41 of both sheets, as info', () => {
    const hits = qixia.findings.filter((f) => f.code === 'rule-unreachable-band');
    expect(hits.map((f) => `${f.sheet}!${f.cell}:${f.severity}`).sort()).toEqual([
      '得分表!F41:info',
      '指标体系!F41:info',
    ]);
    expect(hits[0].message).toContain('0%>成本节约率|Y|');
  });
  test('rule-text-conflict only at 得分表!F21 (0.5 → 0.1); same-number wordings (F15 F16 F18 F43 F52 F55) are not conflicts', () => {
    expect(at(qixia, 'rule-text-conflict')).toEqual(['得分表!F21']);
    const f = qixia.findings.find((x) => x.code === 'rule-text-conflict')!;
    expect(f.related).toContain('指标体系!F21');
    expect(f.message).toContain('0.5 → 0.1');
  });
  test('no rule-score-mismatch: 1.7 is 2 − 3 × 0.1; 3.5 lies in (3,4]; H16 2.96, H41 0.5, H56 8 agree with the computed scores', () => {
    expect(at(qixia, 'rule-score-mismatch')).toEqual([]);
  });
  test('every 评价标准 of qixia is understood (F56 through its 满意度 name)', () => {
    expect(at(qixia, 'rule-unparsed')).toEqual([]);
  });
});

describe('qingdao-2020 judgement calls (required:false) reported as info', () => {
  test('H12, H30 (标杆值 vs full-mark threshold), G11 (无变动), F9 (three of four checkpoints)', () => {
    const infos = qingdao.findings.filter((f) => f.code === 'rule-text-conflict');
    expect(infos.map((f) => `${f.cell}:${f.severity}`).sort()).toEqual(['F9:info', 'G11:info', 'H12:info', 'H30:info']);
  });
  test('H7 and H19 (标杆值 100% = threshold 100%) carry no rule finding', () => {
    expect(qingdao.findings.filter((f) => f.code.startsWith('rule-') && ['H7', 'H19'].includes(f.cell))).toEqual([]);
  });
});

describe('east-west-2020 (negative control)', () => {
  test('no rule finding above info; composite C22 (3+2+2) and C23 (2+2+2) match D', () => {
    expect(eastWest.findings.filter((f) => f.code.startsWith('rule-') && f.severity !== 'info')).toEqual([]);
    expect(eastWest.findings.filter((f) => f.code === 'rule-unparsed')).toEqual([]);
  });
  test('a composite whose parts do not add up to 分值 is a rule-weight-mismatch', async () => {
    const input = await loadSample('east-west-2020.xlsx');
    const edited = editCell(input, '评价办法', 22, 4, 8);
    const a = analyzeWorkbook(edited);
    const f = a.findings.filter((x) => x.code === 'rule-weight-mismatch');
    expect(f.map((x) => x.cell)).toEqual(['C22']);
    expect(f[0].message).toContain('3 + 2 + 2 = 7');
  });
});

test('required rule findings of expected.json for the three workbooks are all reported at their cells', () => {
  const byFile = {
    'qixia-2021.xlsx': () => qixia,
    'qingdao-2020.xlsx': () => qingdao,
    'east-west-2020.xlsx': () => eastWest,
  } as const;
  const wanted = loadExpected().filter((e) => e.required && e.kind.startsWith('rule-') && e.file in byFile);
  expect(wanted.length).toBe(5);
  for (const e of wanted) {
    const a = byFile[e.file as keyof typeof byFile]();
    expect([
      e.sheet,
      e.cell,
      e.kind,
      a.findings.some((f) => f.code === e.kind && f.sheet === e.sheet && f.cell === e.cell),
    ]).toEqual([e.sheet, e.cell, e.kind, true]);
  }
});

describe('rule-score-mismatch on edited workbooks', () => {
  test('得分表 H21 = 1.65 is not reachable from 2 by 0.1-point deductions', async () => {
    const input = await loadSample('qixia-2021.xlsx');
    const bad = analyzeWorkbook(editCell(input, '得分表', 21, 8, 1.65));
    expect(bad.findings.filter((f) => f.code === 'rule-score-mismatch').map((f) => `${f.sheet}!${f.cell}`)).toEqual([
      '得分表!H21',
    ]);
  });
  test('得分表 H16 = 2.5 disagrees with 3 × 98.82% = 2.96 computed from 预算资金', async () => {
    const input = await loadSample('qixia-2021.xlsx');
    const a = analyzeWorkbook(editCell(input, '得分表', 16, 8, 2.5));
    const f = a.findings.find((x) => x.code === 'rule-score-mismatch')!;
    expect(f.cell).toBe('H16');
    expect(f.expected).toBe(2.96);
    expect(f.message).toContain('98.82%');
    expect(f.related).toEqual(expect.arrayContaining(['预算资金!C21', '预算资金!B21']));
  });
  test('得分表 H54 = 2.5 lies in (2,3]; 4.5 lies in no grade', async () => {
    const input = await loadSample('qixia-2021.xlsx');
    expect(
      analyzeWorkbook(editCell(input, '得分表', 54, 8, 2.5)).findings.filter((f) => f.code === 'rule-score-mismatch'),
    ).toEqual([]);
    expect(
      analyzeWorkbook(editCell(input, '得分表', 54, 8, 4.5))
        .findings.filter((f) => f.code === 'rule-score-mismatch')
        .map((f) => f.cell),
    ).toEqual(['H54']);
  });
  test('qingdao J11 = 1.5 is not a score the 三公经费 comparison gives (2/1/0)', async () => {
    const input = await loadSample('qingdao-2020.xlsx');
    const f = analyzeWorkbook(editCell(input, '指标体系', 11, 10, 1.5)).findings.filter(
      (x) => x.code === 'rule-score-mismatch',
    );
    expect(f.map((x) => x.cell)).toEqual(['J11']);
  });
});

describe('reachable (unit)', () => {
  test('1.7 is reachable from 2 by 0.1-point deductions, not by 0.5-point ones', () => {
    expect(reachable(rule('有效监督管理得2分，每发现一处监督管理不到位的扣0.1分，扣完为止。'), 2, 1.7)).toEqual({
      ok: true,
    });
    const r = reachable(rule('有效监督管理得2分，每发现一处监督管理不到位的扣0.5分，扣完为止。'), 2, 1.7);
    expect(r?.ok).toBe(false);
  });
  test('3.5 lies in (3,4]; 0 is 较差得[0,1]', () => {
    const r = rule('非常显著得(3,4]分，显著得(2,3]分，一般得(1,2]分，较差得[0,1]。');
    expect(reachable(r, 4, 3.5)).toEqual({ ok: true });
    expect(reachable(r, 4, 0)).toEqual({ ok: true });
    expect(reachable(r, 4, 4.2)?.ok).toBe(false);
  });
  test('checklist 3项各占1/3: 2 × 1/3 of 1 is written 0.67', () => {
    const r = rule('①a；②b；③c。3项各占1/3权重分，有一项不满足，则扣除相应权重分。');
    expect(reachable(r, 1, 0.67)).toEqual({ ok: true });
    expect(reachable(r, 1, 0.5)?.ok).toBe(false);
  });
});

describe('overrides', () => {
  test('settings.ruleOverrides replaces a text rule (监督管理 per-finding:0.5 makes 1.7 unreachable)', async () => {
    const a = analyzeWorkbook(await loadSample('qixia-2021.xlsx'), {
      ruleOverrides: { 监督管理: 'per-finding:0.5/2' },
    });
    expect(a.findings.filter((f) => f.code === 'rule-score-mismatch').map((f) => `${f.sheet}!${f.cell}`)).toEqual([
      '得分表!H21',
    ]);
  });
  test('a 规则 column in the table overrides its row; a bad notation there is rule-unparsed at that cell', async () => {
    const input = await loadSample('qixia-2021.xlsx');
    let edited = editCell(input, '得分表', 2, 10, '规则');
    edited = editCell(edited, '得分表', 22, 10, 'levels:2/0');
    edited = editCell(edited, '得分表', 23, 10, 'levels:二');
    edited = editCell(edited, '得分表', 22, 8, 1);
    const a = analyzeWorkbook(edited);
    expect(a.findings.filter((f) => f.code === 'rule-score-mismatch').map((f) => f.cell)).toEqual(['H22']);
    const bad = a.findings.find((f) => f.code === 'rule-unparsed')!;
    expect([bad.sheet, bad.cell, bad.severity]).toEqual(['得分表', 'J23', 'info']);
  });
});

/** A copy of the workbook with one cell set (value or text), as a person would edit it. */
function editCell(
  input: WorkbookInput,
  sheet: string,
  row: number,
  col: number,
  value: number | string,
): WorkbookInput {
  return {
    ...input,
    sheets: input.sheets.map((s) =>
      s.name !== sheet
        ? s
        : withCells(s, [
            ...sheetCells(s).filter((c) => !(c.row === row && c.col === col)),
            { row, col, value: typeof value === 'number' ? { kind: 'number', value } : { kind: 'string', value } },
          ]),
    ),
  };
}
