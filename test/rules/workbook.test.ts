import { readFileSync } from 'fs';
import { join } from 'path';
import { analyzeWorkbook } from '../../src/engine/analyze';
import { readWorkbookBytes } from '../../src/xlsx/read';
import { gridSheet } from '../helpers/grid';

/**
 * Rule findings come only from rules read as written: a correct 分值/得分 beside a text jixiao reads
 * must give no rule-weight-mismatch or rule-score-mismatch, and a text it cannot read gives only
 * rule-unparsed (info) with the clause quoted.
 */
const ruleErrors = (findings: readonly { code: string; sheet: string; cell: string }[]) =>
  findings
    .filter((f) => f.code === 'rule-weight-mismatch' || f.code === 'rule-score-mismatch')
    .map((f) => `${f.code} ${f.sheet}!${f.cell}`);

test('the probe workbook of real rule texts (shared/realworld/13) gives no rule error on its correct 分值', async () => {
  const input = await readWorkbookBytes(
    new Uint8Array(readFileSync(join(__dirname, '../fixtures/rules/probe-rule-texts.xlsx'))),
    'probe.xlsx',
  );
  const a = analyzeWorkbook(input);
  expect(ruleErrors(a.findings)).toEqual([]);
  const d12 = a.findings.find((f) => f.cell === 'D12' && f.code === 'rule-unparsed');
  expect(d12?.message).toContain(
    '“设置年度绩效目标(2分,其中单位整体绩效目标1分,项目绩效目标1分,若单位无项目,得2分)”未能识别',
  );
  // Read now, and not reported: 得分值=…×20, the checklist 1+1+1, the 4-point deduction below 90%.
  const unparsed = a.findings.filter((f) => f.code === 'rule-unparsed').map((f) => f.cell);
  for (const cell of ['D3', 'D4', 'D5', 'D6', 'D7', 'D10', 'D11']) expect(unparsed).not.toContain(cell);
});

function sheet(rows: (string | number | null)[][]) {
  return analyzeWorkbook({
    name: 't.xlsx',
    sheets: [gridSheet('评分', [['一级指标', '三级指标', '分值', '评分标准', '得分'], ...rows])],
  });
}

test('correct scores under composite, checklist, capped per-finding and formula rules raise nothing', () => {
  const a = sheet([
    [
      '过程（20分）',
      '目标设置',
      4,
      '1、设置年度绩效目标（2分）\n2、绩效目标设置依据充分（1分）\n3、绩效目标合理，符合实际（1分）',
      3,
    ],
    [
      null,
      '资料报送',
      6,
      '按时报送得3分，每逾期一次扣1分，最多扣3分；数据准确得3分，每发现一处错误扣0.5分，扣完为止。',
      4.5,
    ],
    [null, '制度建设', 3, '①制度健全1分；②执行有效1分；③档案完整1分。', 2],
    [null, '超额奖励', 5, '完成得基本分；每增加5%加1分，加分至基本分值封顶；每减少5%扣1分，扣完为止。', 7],
    [null, '资金到位', 2, '得分=资金到位率×2', 1.5],
    ['总分', null, 20, null, 18],
  ]);
  expect(ruleErrors(a.findings)).toEqual([]);
});

test('the same rules catch what they should: a composite of 4 against 分值 6, an impossible checklist score', () => {
  const a = sheet([
    [
      '过程（9分）',
      '目标设置',
      6,
      '1、设置年度绩效目标（2分）\n2、绩效目标设置依据充分（1分）\n3、绩效目标合理，符合实际（1分）',
      3,
    ],
    [null, '制度建设', 3, '①制度健全1分；②执行有效1分；③档案完整1分。', 2.5],
    ['总分', null, 9, null, 5.5],
  ]);
  expect(ruleErrors(a.findings)).toEqual(['rule-weight-mismatch 评分!D2', 'rule-score-mismatch 评分!E3']);
  const w = a.findings.find((f) => f.code === 'rule-weight-mismatch')!;
  expect(w.message).toContain('各分项合计 2 + 1 + 1 = 4 分');
  expect(w.ruleReading).toContain('分项计分，各项相加');
});
