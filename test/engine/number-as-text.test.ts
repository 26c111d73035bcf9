import { analyzeWorkbook } from '../../src/engine/analyze';
import { gridSheet } from '../helpers/grid';
import { loadSample } from '../helpers/fixtures';
import { sheetCells, withCells, type WorkbookInput } from '../../src/engine/model/sheet';
import type { CellValue } from '../../src/engine/model/cell';
import { toA1 } from '../../src/engine/model/address';

const budget = (c4: string | number, b5: string | number) =>
  gridSheet('预算资金', [
    ['预算资金支出明细表'],
    ['单位名称', '预算资金', '实际支出', '结余资金'],
    ['苏家店镇', 557.48, 556.26, 1.22],
    ['翠屏街道', 88.02, c4, -0.993],
    ['庄园街道', b5, 15.541, 0.128],
    ['合计', 661.169, 660.814, 0.355],
  ]);

const keys = (input: WorkbookInput) =>
  analyzeWorkbook(input)
    .findings.filter((f) => f.code !== 'number-as-text')
    .map((f) => `${f.sheet}!${f.cell} ${f.code}`);

describe('number-as-text: numbers typed as text are read as numbers, and the user is told', () => {
  it('names the cells and quotes what is written there', () => {
    const a = analyzeWorkbook({ name: 'b.xlsx', sheets: [budget('89.013', '１５.６６９')] });
    const f = a.findings.filter((x) => x.code === 'number-as-text');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'info', sheet: '预算资金', cell: 'C4', related: ['B5'] });
    expect(f[0].message).toContain('C4“89.013”');
    expect(f[0].message).toContain('B5“１５.６６９”');
    // Read as numbers: the 超预算支付 of C4 is still found.
    expect(a.findings.some((x) => x.code === 'over-budget' && x.cell === 'C4')).toBe(true);
  });

  it('the same table with real numbers gives the same findings and no number-as-text', () => {
    const asText = analyzeWorkbook({ name: 'b.xlsx', sheets: [budget('89.013', '15.669')] });
    const asNumbers = analyzeWorkbook({ name: 'b.xlsx', sheets: [budget(89.013, 15.669)] });
    expect(asNumbers.findings.some((f) => f.code === 'number-as-text')).toBe(false);
    expect(keys({ name: 'b.xlsx', sheets: [budget('89.013', '15.669')] })).toEqual(
      keys({ name: 'b.xlsx', sheets: [budget(89.013, 15.669)] }),
    );
    expect(asText.findings.filter((f) => f.code === 'number-as-text')).toHaveLength(1);
  });

  it('qixia-2021 with every 得分 of 得分表 rewritten as text (`2.96分`, full-width) keeps its findings', async () => {
    const input = await loadSample('qixia-2021.xlsx');
    const scoreSheet = input.sheets.find((s) => s.name === '得分表')!;
    const scoreCol = sheetCells(scoreSheet).find((c) => c.value.kind === 'string' && c.value.value.trim() === '得分')!;
    let rewritten = 0;
    const cells = sheetCells(scoreSheet).map((c) => {
      if (c.col !== scoreCol.col || c.row <= scoreCol.row || c.value.kind !== 'number' || c.formula) return c;
      rewritten++;
      const text =
        rewritten % 2
          ? `${c.value.value}分`
          : String(c.value.value).replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      return { ...c, value: { kind: 'string', value: text } as CellValue };
    });
    expect(rewritten).toBeGreaterThan(10);
    const changed: WorkbookInput = {
      ...input,
      sheets: input.sheets.map((s) => (s === scoreSheet ? withCells(s, cells) : s)),
    };
    expect(keys(changed)).toEqual(keys(input));
    const info = analyzeWorkbook(changed).findings.filter((f) => f.code === 'number-as-text' && f.sheet === '得分表');
    expect(info).toHaveLength(1);
    expect(info[0].message).toMatch(/等 \d+ 个单元格/);
    expect(info[0].cell).toBe(toA1(scoreCol.row + 1, scoreCol.col)); // the first 得分 below the header
  });
});
