import { previewWrites } from '../../src/taskpane/writeModel';
import { sheetCells, withCells, type WorkbookInput } from '../../src/engine/model/sheet';
import type { CellPatch } from '../../src/engine/patch';
import { loadSample } from '../helpers/fixtures';

/*
 * The write preview asks what each target cell holds now. It must answer for the cell itself (not
 * for the top-left of a merge it lies in), see formulas, and answer alike for a workbook read as a
 * grid (.xlsx reader) and one read cell by cell (Excel adapter).
 */

const patch = (cell: string, value: number | string): CellPatch => ({
  sheet: '综合评定',
  cell,
  value,
  purpose: 'score',
});

describe.each(['grid', 'cells'] as const)('previewWrites on qixia-2021 read as %s', (form) => {
  let input: WorkbookInput;
  beforeAll(async () => {
    const read = await loadSample('qixia-2021.xlsx');
    input = form === 'grid' ? read : { ...read, sheets: read.sheets.map((s) => withCells(s, sheetCells(s))) };
  });

  it('skips the differing 决策 score in B4 until overwrite, keeps an equal value unchanged, writes an empty cell', () => {
    const patches = [patch('B4', 17), patch('$b$3', 18), patch('Z99', 1)];
    const held = previewWrites(patches, input, false);
    expect(held.skipped.map((s) => s.patch.cell)).toEqual(['B4']);
    expect(held.unchanged.map((p) => p.cell)).toEqual(['$b$3']);
    expect(held.toWrite.map((p) => p.cell)).toEqual(['Z99']);
    expect(previewWrites(patches, input, true).toWrite.map((p) => p.cell)).toEqual(['B4', 'Z99']);
  });
});

describe('previewWrites on a grid with a merged title and a formula', () => {
  const grid: WorkbookInput = {
    name: 'w.xlsx',
    sheets: [
      {
        name: '得分表',
        merges: ['A1:C1'],
        grid: {
          values: [
            undefined,
            [undefined, { kind: 'string', value: '绩效评价得分表' }],
            [undefined, { kind: 'string', value: '合计' }, { kind: 'number', value: 90 }],
          ],
          formulas: [undefined, undefined, [undefined, undefined, 'SUM(B3:B9)']],
        },
      },
    ],
  };
  const cells: WorkbookInput = { ...grid, sheets: grid.sheets.map((s) => withCells(s, sheetCells(s))) };
  const patches: CellPatch[] = [
    { sheet: '得分表', cell: 'B2', value: 90, purpose: 'total' },
    { sheet: '得分表', cell: 'C1', value: '说明', purpose: 'note' },
    { sheet: '其他', cell: 'A1', value: 1, purpose: 'score' },
  ];

  it.each([
    ['grid', grid],
    ['cells', cells],
  ])(
    'read as %s: the formula cell is skipped even with an equal value, a cell inside the merge is empty in itself',
    (_, input) => {
      const preview = previewWrites(patches, input, false);
      expect(preview.skipped.map((s) => s.patch.cell)).toEqual(['B2']);
      expect(preview.toWrite.map((p) => `${p.sheet}!${p.cell}`)).toEqual(['得分表!C1', '其他!A1']);
    },
  );
});
