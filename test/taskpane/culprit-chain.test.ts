import { localizeCulprits } from '../../src/engine/culprit';
import { finding } from '../../src/engine/findings';
import { analyzeSample } from '../helpers/fixtures';

// (The test sits with the pane's because this helper owns culprit.ts; it tests the engine alone.)
const balance = (cell: string, expected: number, actual: number, label: string) =>
  finding({
    code: 'balance-mismatch',
    sheet: '支出',
    cell,
    expected,
    actual,
    message: `${label}：结余 ${actual} ≠ ${expected}`,
  });

describe('a money slip carried into 小计 and 合计 names its first cause', () => {
  it('qixia 预算资金: D18 and D21 follow from 庄园街道 D17 (same 0.072), as C7 is named for C18', async () => {
    const a = await analyzeSample('qixia-2021.xlsx');
    const at = (cell: string) => a.findings.find((f) => f.sheet === '预算资金' && f.cell === cell)!;
    expect(at('D17').culprit).toBeUndefined();
    for (const cell of ['D18', 'D21']) {
      expect(at(cell).culprit).toEqual({ sheet: '预算资金', cell: 'D17', value: 0.128, explains: 2 });
      expect(at(cell).message).toMatch(/；差额与 D17（庄园街道）相同，若 D17 为 0.128，此处即相符，可能由 D17 引起$/);
    }
    // 官道镇 D7 (差 0.5) is a slip of its own, not part of the chain.
    expect(at('D7').message).not.toMatch(/差额与/);
  });

  it('in another layout and column: the topmost of equal differences is the cause; different differences stay apart', () => {
    const out = localizeCulprits([
      balance('F9', 10, 12, '二中队'),
      balance('F30', 300, 302, '小计'),
      balance('F31', 900, 902, '总计'),
      balance('F12', 5, 6, '三中队'),
    ]);
    expect(out.map((f) => f.culprit?.cell)).toEqual([undefined, 'F9', 'F9', undefined]);
    expect(out[2].message).toContain('差额与 F9（二中队）相同，若 F9 为 10');
  });

  it('a single finding, or equal differences in different columns, get no hint', () => {
    const out = localizeCulprits([balance('F9', 10, 12, 'a'), balance('G30', 300, 302, 'b')]);
    expect(out.every((f) => !f.culprit)).toBe(true);
  });
});
