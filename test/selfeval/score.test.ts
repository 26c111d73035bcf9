import { analyzeSample } from '../helpers/fixtures';
import { planSelfEvalScores, compactRefs } from '../../src/engine/selfeval/score';
import { planWrites, type CellPatch } from '../../src/engine/patch';
import { DEFAULT_SETTINGS, settingsSchema } from '../../src/engine/settings';
import { analyzeWorkbook } from '../../src/engine/analyze';
import type { SelfEvalTable } from '../../src/engine/selfeval/types';
import { sheetCells, withCells, type WorkbookInput } from '../../src/engine/model/sheet';
import { loadSample } from '../helpers/fixtures';

/** Scoring the 项目资金 block and 总分 of the beijing 自评表 (issue 3). */
let forms: SelfEvalTable[];
let input: WorkbookInput;
beforeAll(async () => {
  input = await loadSample('beijing-2020.xlsx');
  forms = (await analyzeSample('beijing-2020.xlsx')).tables.filter(
    (t): t is SelfEvalTable => t.kind === 'self-evaluation',
  );
});
const form = (sheet: string) => forms.find((f) => f.sheet === sheet)!;
const byCell = (patches: CellPatch[]) => Object.fromEntries(patches.map((p) => [p.cell, p]));

test('消费扶贫营销推广: 执行率 99.78%, 得分 9.98 (printed 10), 总分 97.98 (printed 98)', () => {
  const p = byCell(planSelfEvalScores(form('消费扶贫营销推广'), DEFAULT_SETTINGS));
  expect(Object.keys(p)).toEqual(['G7', 'H7', 'G8', 'H21']);
  expect(p.G7).toEqual({
    sheet: '消费扶贫营销推广',
    cell: 'G7',
    value: 0.9978,
    numFmt: '0.00%',
    purpose: 'rate',
    old: 0.9978,
  });
  expect(p.H7).toEqual({ sheet: '消费扶贫营销推广', cell: 'H7', value: 9.98, purpose: 'score', old: 10 });
  expect(p.G8).toMatchObject({ value: 0.9978, old: 0.9978 });
  expect(p.H21).toEqual({ sheet: '消费扶贫营销推广', cell: 'H21', value: 97.98, purpose: 'total', old: 98 });
});

test('农业嘉年华: 159.80445/160 → 99.88%, 9.99, 总分 97.99 — every patch equals what is printed', () => {
  const patches = planSelfEvalScores(form('农业嘉年华'), DEFAULT_SETTINGS);
  const p = byCell(patches);
  expect([p.G7.value, p.H7.value, p.H23.value]).toEqual([0.9988, 9.99, 97.99]);
  expect(patches.every((x) => x.old === x.value)).toBe(true);
});

test('with formulas: =E7/D7, =ROUND(MIN(E7/D7,1)*F7,2), =SUM(H7,H14:H20); the value is still the computed number', () => {
  const p = byCell(planSelfEvalScores(form('消费扶贫营销推广'), DEFAULT_SETTINGS, { formulas: true }));
  expect(p.G7).toMatchObject({ formula: '=E7/D7', value: 0.9978 });
  expect(p.G8).toMatchObject({ formula: '=E8/D8' });
  expect(p.H7).toMatchObject({ formula: '=ROUND(MIN(E7/D7,1)*F7,2)', value: 9.98 });
  expect(p.H21).toMatchObject({ formula: '=SUM(H7,H14:H20)', value: 97.98 });
});

test('settings.scorePlaces rounds half-up at the chosen place: 9.9783 → 10.0 at one place, 9.978 at three', () => {
  const one = byCell(
    planSelfEvalScores(form('消费扶贫营销推广'), settingsSchema.parse({ scorePlaces: 1 }), { formulas: true }),
  );
  expect(one.H7).toMatchObject({ value: 10, formula: '=ROUND(MIN(E7/D7,1)*F7,1)' });
  const three = byCell(planSelfEvalScores(form('消费扶贫营销推广'), settingsSchema.parse({ scorePlaces: 3 })));
  expect(three.H7.value).toBe(9.978);
});

test('across all 35 forms only 消费扶贫营销推广 H7 and its 总分 H21 would change; a second run changes nothing', () => {
  const all = forms.flatMap((f) => planSelfEvalScores(f, DEFAULT_SETTINGS));
  const current = (sheet: string, cell: string) => {
    const p = all.find((x) => x.sheet === sheet && x.cell === cell)!;
    return { value: p.old as number };
  };
  const first = planWrites(all, current);
  expect(first.skipped.map((s) => `${s.patch.sheet}!${s.patch.cell} ${s.patch.old} → ${s.patch.value}`)).toEqual([
    '消费扶贫营销推广!H7 10 → 9.98',
    '消费扶贫营销推广!H21 98 → 97.98',
  ]);
  expect(first.toWrite).toEqual([]);
  const forced = planWrites(all, current, true);
  const after = new Map(forced.toWrite.map((p) => [`${p.sheet}!${p.cell}`, p.value]));
  const second = planWrites(all, (sheet, cell) => ({
    value: (after.get(`${sheet}!${cell}`) ?? current(sheet, cell).value) as number,
  }));
  expect([second.toWrite, second.skipped]).toEqual([[], []]);
});

test('a form with its 执行率 and 得分 cells emptied gets them back as printed (round trip on every beijing form)', () => {
  const emptied: WorkbookInput = {
    ...input,
    sheets: input.sheets.map((s) =>
      withCells(
        s,
        sheetCells(s).filter((c) => !(c.row === 7 && (c.col === 7 || c.col === 8))),
      ),
    ),
  };
  const refound = analyzeWorkbook(emptied).tables.filter((t): t is SelfEvalTable => t.kind === 'self-evaluation');
  expect(refound).toHaveLength(35);
  for (const f of refound) {
    const printed = form(f.sheet);
    const p = byCell(planSelfEvalScores(f, DEFAULT_SETTINGS));
    expect([f.sheet, p.G7?.old, p.G7?.value]).toEqual([f.sheet, undefined, printed.funds[0].rate!.value]);
    const expectedScore = f.sheet === '消费扶贫营销推广' ? 9.98 : printed.funds[0].score!.value;
    expect([f.sheet, p.H7?.old, p.H7?.value]).toEqual([f.sheet, undefined, expectedScore]);
  }
});

test('执行率 above 100% is capped at the full 分值; a zero budget gives no rate and no score', () => {
  const base = form('农业嘉年华');
  const over: SelfEvalTable = {
    ...base,
    funds: [{ ...base.funds[0], executed: { value: 170, cell: 'E7' } }, ...base.funds.slice(1)],
  };
  expect(byCell(planSelfEvalScores(over, DEFAULT_SETTINGS)).H7.value).toBe(10);
  const zero: SelfEvalTable = {
    ...base,
    funds: [{ ...base.funds[0], annualBudget: { value: 0, cell: 'D7' } }],
  };
  expect(planSelfEvalScores(zero, DEFAULT_SETTINGS).filter((p) => p.cell === 'G7' || p.cell === 'H7')).toEqual([]);
});

test('a missing indicator 得分 leaves 总分 alone rather than total a part', () => {
  const base = form('农业嘉年华');
  const gap: SelfEvalTable = {
    ...base,
    indicators: base.indicators.map((i, k) => (k === 2 ? { ...i, score: undefined } : i)),
  };
  expect(planSelfEvalScores(gap, DEFAULT_SETTINGS).map((p) => p.cell)).toEqual(['G7', 'H7', 'G8']);
});

test('compactRefs turns adjacent rows into ranges', () => {
  expect(compactRefs(['H7', 'H14', 'H15', 'H16', 'H18', 'I19'])).toEqual(['H7', 'H14:H16', 'H18', 'I19']);
});
