import { loadSample } from '../helpers/fixtures';
import { planWorkbookScores } from '../../src/engine/score';
import { planWrites, type CellPatch, type CurrentCell } from '../../src/engine/patch';
import { parseA1 } from '../../src/engine/model/address';
import type { CellInput } from '../../src/engine/model/cell';
import { sheetCells, withCells, type WorkbookInput } from '../../src/engine/model/sheet';
import { gradeOf } from '../../src/engine/grading';
import { DEFAULT_SETTINGS } from '../../src/engine/settings';

/** The workbook with some cells emptied, as if the 得分 had not been filled in yet. */
function emptied(input: WorkbookInput, sheet: string, cells: string[]): WorkbookInput {
  const drop = new Set(cells.map((a) => JSON.stringify(parseA1(a))));
  return {
    ...input,
    sheets: input.sheets.map((s) =>
      s.name !== sheet
        ? s
        : withCells(
            s,
            sheetCells(s).filter((c) => !drop.has(JSON.stringify({ row: c.row, col: c.col }))),
          ),
    ),
  };
}

/** planWrites' view of an in-memory workbook. */
function currentOf(input: WorkbookInput): (sheet: string, cell: string) => CurrentCell {
  return (sheet, a1) => {
    const { row, col } = parseA1(a1);
    const found = input.sheets.find((s) => s.name === sheet);
    const c = found && sheetCells(found).find((x) => x.row === row && x.col === col);
    if (!c || c.value.kind === 'empty') return c?.formula ? { formula: c.formula } : {};
    return { value: c.value.value as number | string | boolean, ...(c.formula ? { formula: c.formula } : {}) };
  };
}

/** Applies patches the way an adapter would (value, and formula when given). */
function applied(input: WorkbookInput, patches: readonly CellPatch[]): WorkbookInput {
  return {
    ...input,
    sheets: input.sheets.map((s) => {
      const mine = patches.filter((p) => p.sheet === s.name);
      if (mine.length === 0) return s;
      const at = new Set(mine.map((p) => JSON.stringify(parseA1(p.cell))));
      const added: CellInput[] = mine.map((p) => {
        const { row, col } = parseA1(p.cell);
        return {
          row,
          col,
          value: typeof p.value === 'number' ? { kind: 'number', value: p.value } : { kind: 'string', value: p.value },
          ...(p.formula ? { formula: p.formula.replace(/^=/, '') } : {}),
        };
      });
      return withCells(s, [
        ...sheetCells(s).filter((c) => !at.has(JSON.stringify({ row: c.row, col: c.col }))),
        ...added,
      ]);
    }),
  };
}

const patchAt = (ps: readonly CellPatch[], sheet: string, cell: string) =>
  ps.find((p) => p.sheet === sheet && p.cell === cell);

describe('qixia-2021 round trip: 得分 cells emptied, scores computed back from the workbook', () => {
  let input: WorkbookInput;
  beforeAll(async () => {
    input = emptied(await loadSample('qixia-2021.xlsx'), '得分表', ['H16', 'H41', 'H56']);
  });

  test('H16 预算执行率 2.96 (3142.819772/3180.3 × 3), H41 成本节约率 0.5 (band 0–2%), H56 满意度 8 (292 非常满意)', () => {
    const plan = planWorkbookScores(input);
    expect(patchAt(plan.patches, '得分表', 'H16')).toMatchObject({ value: 2.96, purpose: 'score' });
    expect(patchAt(plan.patches, '得分表', 'H16')!.old).toBeUndefined();
    expect(patchAt(plan.patches, '得分表', 'H41')).toMatchObject({ value: 0.5, purpose: 'score' });
    expect(patchAt(plan.patches, '得分表', 'H56')).toMatchObject({ value: 8, purpose: 'score' });
  });

  test('the printed 得分率 of 综合评定 C5/D5/E5 (93.91%, 93.06%, 89.58%) and 合计 92.66 come back', () => {
    const plan = planWorkbookScores(input);
    expect(patchAt(plan.patches, '综合评定', 'C5')).toMatchObject({ value: 0.9391, old: 0.9391, numFmt: '0.00%' });
    expect(patchAt(plan.patches, '综合评定', 'D5')).toMatchObject({ value: 0.9306, old: 0.9306 });
    expect(patchAt(plan.patches, '综合评定', 'E5')).toMatchObject({ value: 0.8958, old: 0.8958 });
    expect(patchAt(plan.patches, '综合评定', 'C4')).toMatchObject({ value: 20.66, purpose: 'subtotal' });
    expect(patchAt(plan.patches, '得分表', 'H57')).toMatchObject({ value: 92.66, old: 92.66, purpose: 'total' });
  });

  test('the 16.5 of 综合评定 B4 is proposed as 17 (Σ 决策 leaves) and skipped as a differing value', () => {
    const plan = planWorkbookScores(input);
    const { skipped, toWrite } = planWrites(plan.patches, currentOf(input));
    expect(skipped.map((s) => `${s.patch.sheet}!${s.patch.cell}:${s.reason}`)).toEqual(['综合评定!B4:differs']);
    expect(skipped[0].message).toContain('16.5');
    expect(toWrite.map((p) => `${p.sheet}!${p.cell}`).sort()).toEqual(['得分表!H16', '得分表!H41', '得分表!H56']);
  });

  test('a second run on the written workbook changes nothing', () => {
    const first = planWorkbookScores(input);
    const { toWrite } = planWrites(first.patches, currentOf(input));
    const after = applied(input, toWrite);
    const second = planWrites(planWorkbookScores(after).patches, currentOf(after));
    expect(second.toWrite).toEqual([]);
  });

  test('a computed deduction gets the 扣分说明 a person would write, unless the note already states it', async () => {
    const noNote = emptied(input, '得分表', ['I16']);
    const plan = planWorkbookScores(noNote);
    expect(patchAt(plan.patches, '得分表', 'I16')).toMatchObject({
      value: '预算执行率98.82%，扣0.04分。',
      purpose: 'note',
    });
    // The printed I16 ("…预算执行率98.82%，扣0.04分。") already says it: nothing proposed.
    expect(patchAt(planWorkbookScores(input).patches, '得分表', 'I16')).toBeUndefined();
    expect(patchAt(plan.patches, '得分表', 'I41')).toBeUndefined();
  });

  test('with {formulas:true}: ROUND over the budget cells, =B4/B3 for rates, SUM for subtotals', () => {
    const plan = planWorkbookScores(input, undefined, { formulas: true });
    expect(patchAt(plan.patches, '得分表', 'H16')!.formula).toBe('=ROUND(MIN(1,MAX(0,预算资金!C21/预算资金!B21))*3,2)');
    expect(patchAt(plan.patches, '得分表', 'H56')!.formula).toMatch(/^=ROUND\(.*满意度!C3.*\*G56,2\)$/);
    expect(patchAt(plan.patches, '综合评定', 'C5')!.formula).toBe('=C4/C3');
    expect(patchAt(plan.patches, '综合评定', 'C4')!.formula).toBe('=SUM(得分表!H15:H24)');
    expect(patchAt(plan.patches, '得分表', 'H57')!.formula).toBe('=SUM(H3:H56)');
  });

  test('the 综合评定得分表 sheet: 指标 | 分值 | 得分 | 得分率 per 一级, 合计, 等级', () => {
    const plan = planWorkbookScores(input);
    expect(plan.newSheets).toHaveLength(1);
    expect(plan.newSheets[0].name).toBe('综合评定得分表');
    expect(plan.newSheets[0].rows).toEqual([
      ['指标', '分值', '得分', '得分率'],
      ['决策', 18, 17, 0.9444],
      ['过程', 22, 20.66, 0.9391],
      ['产出', 36, 33.5, 0.9306],
      ['效益', 24, 21.5, 0.8958],
      ['合计', 100, 92.66, 0.9266],
      ['等级', '优', null, null],
    ]);
  });
});

describe('planWrites keeps what a person wrote', () => {
  test('a formula cell and a differing value are skipped; an equal value is a no-op; overwrite writes the value, never a formula already right', async () => {
    const input = await loadSample('qixia-2021.xlsx');
    const withFormula: WorkbookInput = {
      ...input,
      sheets: input.sheets.map((s) =>
        s.name !== '得分表'
          ? s
          : withCells(
              s,
              sheetCells(s).map((c) => (c.row === 57 && c.col === 8 ? { ...c, formula: 'SUM(H3:H56)+0' } : c)),
            ),
      ),
    };
    const edited = withFormula.sheets.map((s) =>
      s.name !== '得分表'
        ? s
        : withCells(
            s,
            sheetCells(s).map((c) =>
              c.row === 41 && c.col === 8 ? { ...c, value: { kind: 'number' as const, value: 1 } } : c,
            ),
          ),
    );
    const wb: WorkbookInput = { ...withFormula, sheets: edited };
    const plan = planWorkbookScores(wb);
    const { skipped, unchanged } = planWrites(plan.patches, currentOf(wb));
    const reasons = Object.fromEntries(skipped.map((s) => [`${s.patch.sheet}!${s.patch.cell}`, s.reason]));
    expect(reasons['得分表!H57']).toBe('formula');
    expect(reasons['得分表!H41']).toBe('differs');
    expect(skipped.find((s) => s.patch.cell === 'H41')!.message).toContain('0.5');
    expect(unchanged.some((p) => p.sheet === '得分表' && p.cell === 'H16')).toBe(true);
    const forced = planWrites(plan.patches, currentOf(wb), true);
    expect(forced.toWrite.map((p) => p.cell)).toContain('H41');
    // H57's formula already gives the 合计 jixiao computes: even --overwrite leaves it.
    expect(forced.toWrite.map((p) => p.cell)).not.toContain('H57');
    expect(forced.unchanged.some((p) => p.sheet === '得分表' && p.cell === 'H57')).toBe(true);
  });
});

describe('qingdao-2020', () => {
  test('得分率 K7 78.21% stands (the checker accepts it: 0.7821 × 2 = 1.5642 → the printed 1.56) and 得分情况 C4 is Σ 过程 = 19.56', async () => {
    const input = await loadSample('qingdao-2020.xlsx');
    const plan = planWorkbookScores(input);
    expect(patchAt(plan.patches, '指标体系', 'K7')).toMatchObject({ value: 0.7821, old: 0.7821 });
    expect(patchAt(plan.patches, '得分情况', 'C4')).toMatchObject({ value: 19.56, old: 20 });
    expect(patchAt(plan.patches, '得分情况', 'C7')).toMatchObject({ value: 99.56, old: 99.56 });
    // 效益 (得分情况) is matched to 效果 (指标体系) by position and weight.
    expect(patchAt(plan.patches, '得分情况', 'C6')).toMatchObject({ value: 25 });
  });
});

test('grades from settings.grades, highest threshold first', () => {
  expect(gradeOf(92.66, 100, DEFAULT_SETTINGS.grades)).toBe('优');
  expect(gradeOf(80, 100, DEFAULT_SETTINGS.grades)).toBe('良');
  expect(gradeOf(59.99, 100, DEFAULT_SETTINGS.grades)).toBe('差');
  expect(
    gradeOf(85, 100, [
      { grade: 'A', min: 85 },
      { grade: 'B', min: 0 },
    ]),
  ).toBe('A');
});

test('scorePlaces is honoured: 3 places give 2.965 for H16', async () => {
  const input = emptied(await loadSample('qixia-2021.xlsx'), '得分表', ['H16']);
  expect(patchAt(planWorkbookScores(input, { scorePlaces: 3 }).patches, '得分表', 'H16')!.value).toBe(2.965);
});
