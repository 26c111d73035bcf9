import fc from 'fast-check';
import { SHEET_NAME_MAX, excelSheetName, placeSheet } from '../../src/engine/sheets';
import { planWorkbookScores } from '../../src/engine/score';
import { loadSample } from '../helpers/fixtures';
import { scoreInMemory } from '../helpers/roundtrip';

describe('excelSheetName', () => {
  test('forbidden characters become _, apostrophes leave the ends, 31 characters at most, never empty', () => {
    expect(excelSheetName('a/b\\c?d*e[f]g:h')).toBe('a_b_c_d_e_f_g_h');
    expect(excelSheetName("'引号'")).toBe('引号');
    expect(excelSheetName('一'.repeat(40))).toBe('一'.repeat(31));
    expect(excelSheetName('')).toBe('jixiao');
    expect(excelSheetName('History')).toBe('History_');
  });

  test('a surrogate pair is never cut in half', () => {
    const name = `${'a'.repeat(30)}𠀀`; // 𠀀 is two UTF-16 units
    expect(excelSheetName(name)).toBe('a'.repeat(30));
  });
});

describe('placeSheet', () => {
  test('a free name is used; a sheet jixiao added is replaced; a sheet of the user is never touched', () => {
    expect(placeSheet('综合评定得分表', ['得分表'], [])).toEqual({ name: '综合评定得分表', replaces: false });
    expect(placeSheet('综合评定得分表', ['得分表', '综合评定得分表'], ['综合评定得分表'])).toEqual({
      name: '综合评定得分表',
      replaces: true,
    });
    expect(placeSheet('综合评定得分表', ['得分表', '综合评定得分表'], [])).toEqual({
      name: '综合评定得分表 (2)',
      replaces: false,
    });
    // The copy beside the user's sheet is jixiao's own the next time: replaced, not piled up.
    expect(placeSheet('综合评定得分表', ['综合评定得分表', '综合评定得分表 (2)'], ['综合评定得分表 (2)'])).toEqual({
      name: '综合评定得分表 (2)',
      replaces: true,
    });
  });

  test('Excel compares names without case: a user sheet SUMMARY blocks Summary', () => {
    expect(placeSheet('Summary', ['SUMMARY'], [])).toEqual({ name: 'Summary (2)', replaces: false });
    expect(placeSheet('Summary', ['SUMMARY'], ['summary'])).toEqual({ name: 'SUMMARY', replaces: true });
  });

  test('a 31-character name beside a user sheet of that name: the suffix survives the limit', () => {
    const long = '一'.repeat(31);
    const p = placeSheet(long, [long], []);
    expect(p).toEqual({ name: `${'一'.repeat(27)} (2)`, replaces: false });
  });

  const names = fc.array(
    fc.oneof(
      fc.constantFrom('问题清单', '综合评定得分表', 'Sheet', '一'.repeat(31), 'a'.repeat(40)),
      fc.string({ maxLength: 40 }),
    ),
    { maxLength: 8 },
  );

  test('property: the name is legal, never a user sheet, replaces only jixiao sheets, and placing it again gives the same', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 45 }), names, fc.func(fc.boolean()), (wanted, raw, ours) => {
        const existing = [...new Map(raw.map((n) => excelSheetName(n)).map((n) => [n.toLowerCase(), n])).values()];
        const added = existing.filter((n) => ours(n));
        const p = placeSheet(wanted, existing, added);
        expect(p.name.length).toBeGreaterThan(0);
        expect(p.name.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
        expect(p.name).not.toMatch(/[:\\/?*[\]]/);
        expect(excelSheetName(p.name)).toBe(p.name);
        const taken = existing.find((n) => n.toLowerCase() === p.name.toLowerCase());
        expect(p.replaces).toBe(taken !== undefined);
        if (taken) expect(added).toContain(taken);
        expect(placeSheet(p.name, existing, added)).toEqual(p);
        // Once added, the next placement of the same wanted name replaces it instead of adding a copy.
        const after = p.replaces ? existing : [...existing, p.name];
        expect(placeSheet(wanted, after, [...added, p.name])).toEqual({ name: p.name, replaces: true });
      }),
      { seed: 17, numRuns: 500 },
    );
  });
});

describe('the scorer names its sheets with placeSheet', () => {
  test('a second scoring replaces the 综合评定得分表 jixiao added, and never takes a sheet of the user', async () => {
    const input = await loadSample('qixia-2021.xlsx');
    const first = scoreInMemory(input);
    expect(first.newSheets.map((s) => s.name)).toEqual(['综合评定得分表']);
    // Scored again: the sheet is jixiao's own (the adapter keeps that in its state), so it is replaced.
    const again = planWorkbookScores(first.input);
    expect(again.newSheets.map((s) => s.name)).toEqual(['综合评定得分表']);
    expect(scoreInMemory(first.input).input.sheets.filter((s) => s.name.startsWith('综合评定得分表'))).toHaveLength(1);
    // The same sheet name made by the user (not in addedSheets): the new sheet goes beside it.
    const users = { ...first.input, addedSheets: [] };
    expect(planWorkbookScores(users).newSheets.map((s) => s.name)).toEqual(['综合评定得分表 (2)']);
  }, 60_000);
});
