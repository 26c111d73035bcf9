import { readFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../../src/engine/analyze';
import { findHeaderRows } from '../../src/engine/header';
import { Sheet, sheetCells, withCells, type GridSheetInput, type WorkbookInput } from '../../src/engine/model/sheet';
import { mergesOf } from '../helpers/exceljs-oracle';
import { SAMPLES_DIR, SAMPLE_FILES, loadSample } from '../helpers/fixtures';

/*
 * The .xlsx reader hands sheets over as a grid of arrays; tests and the Excel adapter hand them over
 * cell by cell. Both must be the same sheet to the engine.
 */

const asCells = (wb: WorkbookInput): WorkbookInput => ({
  ...wb,
  sheets: wb.sheets.map((s) => withCells(s, sheetCells(s))),
});

describe.each(SAMPLE_FILES)('%s read as a grid and as cells', (file) => {
  it('is read as a grid by the .xlsx reader', async () => {
    const input = await loadSample(file);
    expect(input.sheets.every((s) => s.grid !== undefined && s.cells === undefined)).toBe(true);
  });

  it('gives the same tables and findings in both forms', async () => {
    const grid = await loadSample(file);
    const cells = asCells(grid);
    expect(cells.sheets.every((s) => s.cells !== undefined && s.cells.length > 0)).toBe(true);
    const a = analyzeWorkbook(grid);
    const b = analyzeWorkbook(cells);
    expect(b.tables).toEqual(a.tables);
    expect(b.findings).toEqual(a.findings);
    expect(a.tables.length + a.findings.length).toBeGreaterThan(0); // xihaian: no table, one table-not-found
  });
});

describe('Sheet over a grid', () => {
  const grid: GridSheetInput = {
    name: 'S',
    merges: ['A1:C1'],
    grid: {
      values: [
        undefined,
        [undefined, { kind: 'string', value: '标题' }],
        [undefined, { kind: 'string', value: '日期' }, { kind: 'number', value: 3 }, { kind: 'empty' }],
      ],
      numFmts: [undefined, undefined, [undefined, undefined, '0.00%']],
      formulas: [undefined, undefined, [undefined, undefined, 'B9*2']],
    },
  };

  it('shows merged values, formats and formulas as the cell form does', () => {
    const g = new Sheet(grid);
    const c = new Sheet(withCells(grid, sheetCells(grid)));
    for (const s of [g, c]) {
      expect(s.value(1, 3)).toEqual({ kind: 'string', value: '标题' });
      expect(s.numFmt(2, 2)).toBe('0.00%');
      expect(s.formula(2, 2)).toBe('B9*2');
      expect([s.maxRow, s.maxCol, s.lastColIn(2), s.lastRowIn(2)]).toEqual([2, 3, 2, 2]);
      expect(s.label(1, 2)).toBe('标题');
      expect(s.label(2, 2)).toBe('');
    }
    expect([...g.nonEmpty()]).toEqual([...c.nonEmpty()]);
  });

  it('lists every stored cell with its format and formula (sheetCells)', () => {
    expect(sheetCells(grid)).toEqual([
      { row: 1, col: 1, value: { kind: 'string', value: '标题' } },
      { row: 2, col: 1, value: { kind: 'string', value: '日期' } },
      { row: 2, col: 2, value: { kind: 'number', value: 3 }, numFmt: '0.00%', formula: 'B9*2' },
      { row: 2, col: 3, value: { kind: 'empty' } },
    ]);
  });

  it('keeps the last of a cell given twice, format included', () => {
    const s = new Sheet({
      name: 'S',
      merges: [],
      cells: [
        { row: 1, col: 1, value: { kind: 'number', value: 1 }, numFmt: '0%' },
        { row: 1, col: 1, value: { kind: 'number', value: 2 } },
      ],
    });
    expect([s.value(1, 1), s.numFmt(1, 1)]).toEqual([{ kind: 'number', value: 2 }, undefined]);
  });
});

describe('header rows found through the sheet index', () => {
  const sheet = new Sheet({
    name: 'S',
    merges: [],
    cells: [
      { row: 1, col: 1, value: { kind: 'string', value: '甲项' } },
      { row: 1, col: 2, value: { kind: 'string', value: '乙项' } },
      { row: 2, col: 1, value: { kind: 'string', value: '丙' } },
      { row: 3, col: 1, value: { kind: 'string', value: ' 甲 项 ' } },
      { row: 3, col: 2, value: { kind: 'string', value: '乙项' } },
    ],
  });

  it('a family declared after the sheet was indexed still finds its headers (rows 1 and 3)', () => {
    expect(findHeaderRows(sheet, { c: /^丙$/ }, { required: ['c'] }).map((h) => h.row)).toEqual([2]); // indexes the sheet
    const late = { a: /^甲项$/, b: /^乙项$/ };
    expect(findHeaderRows(sheet, late, { required: ['a', 'b'] }).map((h) => h.row)).toEqual([1, 3]);
  });

  it('patterns with flags, which cannot join the shared index, are tried on every row', () => {
    const flagged = { a: /^甲项$/i, b: /^乙项$/u };
    expect(findHeaderRows(sheet, flagged, { required: ['a', 'b'] }).map((h) => h.row)).toEqual([1, 3]);
  });
});

describe('mergesOf (the reader takes merges without building exceljs’s whole sheet model)', () => {
  it.each(SAMPLE_FILES)('%s: the same merges as ws.model.merges', async (file) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(SAMPLES_DIR, file)) as never);
    let merged = 0;
    for (const ws of wb.worksheets) {
      const expected = (ws.model as unknown as { merges: string[] }).merges;
      expect([...mergesOf(ws)].sort()).toEqual([...expected].sort());
      merged += expected.length;
    }
    expect(merged).toBeGreaterThan(0);
  });
});
