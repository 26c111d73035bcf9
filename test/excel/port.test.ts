import { OfficeMockObject } from 'office-addin-mock';
import { ExcelPort } from '../../src/excel/port';
import { MARK_COLORS } from '../../src/engine/port';
import { ExcelPortError } from '../../src/excel/errors';
import { analyzeWorkbook } from '../../src/engine/analyze';
import type { CellPatch } from '../../src/engine/patch';
import { loadSample } from '../helpers/fixtures';
import { FakeExcel, FakeSettings, NO_FILL } from './fakeExcel';
import { sheetCells, type WorkbookInput } from '../../src/engine/model/sheet';
import { readWorkbookBytes } from '../../src/xlsx/read';
import { readFileSync } from 'fs';
import { join } from 'path';

function portOver(excel: FakeExcel, settings = new FakeSettings(), supported = true): ExcelPort {
  return new ExcelPort({ run: excel.run, settings, isSetSupported: () => supported, workbookName: 'test.xlsx' });
}

async function sampleExcel(): Promise<FakeExcel> {
  return FakeExcel.fromInput(await loadSample('qixia-2021.xlsx'));
}

describe('office-addin-mock behaviour the adapter relies on', () => {
  it('returns an error string, not an exception, for a property read without load()', async () => {
    const range = new OfficeMockObject({ values: [[1]] }) as unknown as {
      values: unknown;
      load(p: string): void;
      sync(): Promise<void>;
    };
    expect(typeof range.values).toBe('string');
    expect(range.values).toMatch(/not loaded/);
    range.load('values');
    expect(range.values).toMatch(/sync/);
    await range.sync();
    expect(range.values).toEqual([[1]]);
  });

  it('ExcelPort refuses such an error string instead of reading its characters as cells', async () => {
    // A host whose data range ignores load(): its values stay the mock's "not loaded" string.
    const unloaded = () => {
      const m = new OfficeMockObject({
        values: [[1]],
        formulas: [[1]],
        numberFormat: [['General']],
        rowIndex: 0,
        columnIndex: 0,
      });
      Object.assign(m, { isNullObject: false, load: () => m });
      return m;
    };
    const sheet = {
      name: '得分表',
      load: () => sheet,
      getUsedRangeOrNullObject: () => ({
        load: () => undefined,
        isNullObject: false,
        rowIndex: 0,
        columnIndex: 0,
        rowCount: 1,
        columnCount: 1,
      }),
      getRange: () => ({
        getUsedRangeOrNullObject: unloaded,
        getMergedAreasOrNullObject: () => ({ load: () => undefined, isNullObject: true }),
      }),
    };
    const functions = { date: () => ({ load: () => undefined, value: 1462, error: '' }) };
    const context = {
      workbook: { worksheets: { getActiveWorksheet: () => sheet }, functions },
      sync: async () => undefined,
    };
    const port = new ExcelPort({
      run: async (batch) => batch(context as unknown as Excel.RequestContext),
      settings: new FakeSettings(),
      isSetSupported: () => true,
    });
    const err = await port.read('active').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelPortError);
    expect((err as ExcelPortError).kind).toBe('not-loaded');
    expect((err as ExcelPortError).zh).toContain('未能从 Excel 读取');
  });
});

describe('ExcelPort.read', () => {
  it('reads the whole sample workbook in 2 syncs and the engine finds the same as from the file', async () => {
    const sample = await loadSample('qixia-2021.xlsx');
    const excel = FakeExcel.fromInput(sample);
    const input = await portOver(excel).read('all');
    expect(excel.syncs).toBe(2);
    expect(input.sheets.map((s) => s.name)).toEqual(sample.sheets.map((s) => s.name));
    const viaExcel = analyzeWorkbook(input).findings.map((f) => `${f.sheet}!${f.cell} ${f.code}`);
    const viaFile = analyzeWorkbook(sample).findings.map((f) => `${f.sheet}!${f.cell} ${f.code}`);
    expect(viaExcel).toEqual(viaFile);
    expect(viaExcel).toContain('综合评定!B4 subtotal-mismatch');
  });

  it('reads merged areas (指标体系 A3:A14 holds 决策)', async () => {
    const excel = await sampleExcel();
    const input = await portOver(excel).read('all');
    const sheet = input.sheets.find((s) => s.name === '指标体系')!;
    expect(sheet.merges).toContain('A3:A14');
    expect(sheet.merges).toContain('B3:B6');
    expect(sheet.merges.length).toBe(excel.sheet('指标体系').merges.length);
  });

  it('reads the active sheet in 1 sync when it fits the first window', async () => {
    const excel = await sampleExcel();
    excel.active = '得分表';
    const input = await portOver(excel).read('active');
    expect(excel.syncs).toBe(1);
    expect(input.sheets.map((s) => s.name)).toEqual(['得分表']);
    expect(sheetCells(input.sheets[0]).length).toBeGreaterThan(100);
  });

  it('reads a 6000-row ledger in row chunks, still in 2 syncs, dates and formulas intact', async () => {
    const excel = new FakeExcel();
    const big = excel.addSheet('台账');
    big.set(1, 1, { value: '日期' });
    big.set(1, 2, { value: '金额' });
    for (let r = 2; r <= 6001; r++) {
      big.set(r, 1, { value: 44197 + (r % 300), numFmt: 'yyyy"年"m"月"d"日"' });
      big.set(r, 2, { value: r * 1.5, numFmt: '#,##0.00' });
      big.set(r, 12, { value: r, formula: `B${r}*2` });
    }
    const input = await portOver(excel).read('active');
    expect(excel.syncs).toBe(2);
    const cells = sheetCells(input.sheets[0]);
    expect(cells.length).toBe(2 + 6000 * 3);
    const last = cells.filter((c) => c.row === 6001);
    expect(last.find((c) => c.col === 2)?.value).toEqual({ kind: 'number', value: 9001.5 });
    expect(last.find((c) => c.col === 12)?.formula).toBe('B6001*2');
    expect(cells.find((c) => c.row === 2 && c.col === 1)?.value).toEqual({ kind: 'date', value: '2021-01-03' });
  });

  it('a 30,000-row ledger: 3 syncs on desktop Excel (sheets, sizes, data), one more per 80,000 cells under the web payload cap', async () => {
    const excel = new FakeExcel();
    const big = excel.addSheet('台账');
    for (let r = 1; r <= 30_000; r++) for (let c = 1; c <= 7; c++) big.set(r, c, { value: r * c });
    const desktop = new ExcelPort({
      run: excel.run,
      settings: new FakeSettings(),
      isSetSupported: () => true,
      cellsPerSync: Number.POSITIVE_INFINITY,
    });
    const read = await desktop.read('all');
    expect(excel.syncs).toBe(3);
    expect(sheetCells(read.sheets[0])).toHaveLength(210_000);
    excel.syncs = 0;
    // Outside Office (here) the port assumes the web: 210,000 cells → 3 batches of ≤ 80,000.
    await portOver(excel).read('all');
    expect(excel.syncs).toBe(2 + 3);
  });

  describe("the workbook's date system (Excel: 使用 1904 日期系统)", () => {
    /** 台账 with one date cell A2 = serial 42908 and 300+ rows below, so the active sheet takes the window and a chunk. */
    function ledger(date1904: boolean, rows = 2): FakeExcel {
      const excel = new FakeExcel();
      excel.date1904 = date1904;
      const s = excel.addSheet('台账');
      s.set(1, 1, { value: '拨付日期' });
      for (let r = 2; r <= rows; r++) s.set(r, 1, { value: 42908, numFmt: 'yyyy-mm-dd' });
      return excel;
    }
    const a2 = (input: WorkbookInput) => sheetCells(input.sheets[0]).find((c) => c.row === 2 && c.col === 1)?.value;

    it('a 1904 workbook: serial 42908 with a date format is 2021-06-23, in the same single sync', async () => {
      const excel = ledger(true);
      const input = await portOver(excel).read('active');
      expect(excel.syncs).toBe(1);
      expect(a2(input)).toEqual({ kind: 'date', value: '2021-06-23' });
      expect(input.date1904).toBe(true);
    });

    it('a 1900 workbook is read as before: 42908 is 2017-06-22, no date1904 flag, same syncs', async () => {
      const excel = ledger(false);
      const input = await portOver(excel).read('active');
      expect(excel.syncs).toBe(1);
      expect(a2(input)).toEqual({ kind: 'date', value: '2017-06-22' });
      expect(input.date1904).toBeUndefined();
      excel.syncs = 0;
      await portOver(excel).read('all');
      expect(excel.syncs).toBe(2);
    });

    it('rows read in chunks after the first window use it too (2 syncs for the active sheet, 3 for all)', async () => {
      const excel = ledger(true, 2000);
      const active = await portOver(excel).read('active');
      expect(excel.syncs).toBe(2);
      const dates = sheetCells(active.sheets[0]).filter((c) => c.col === 1 && c.row > 1);
      expect(dates).toHaveLength(1999);
      expect(new Set(dates.map((c) => JSON.stringify(c.value)))).toEqual(
        new Set([JSON.stringify({ kind: 'date', value: '2021-06-23' })]),
      );
      excel.syncs = 0;
      const all = await portOver(excel).read('all');
      expect(excel.syncs).toBe(3);
      expect(a2(all)).toEqual({ kind: 'date', value: '2021-06-23' });
    });

    it('the 1904 dialect workbook (08-date1904-true.xlsx) gives the same findings through Excel as from the file', async () => {
      const file = join(__dirname, '..', 'fixtures', 'dialects', '08-date1904-true.xlsx');
      const fromFile = await readWorkbookBytes(new Uint8Array(readFileSync(file)), '08-date1904-true.xlsx');
      expect(fromFile.date1904).toBe(true);
      const excel = FakeExcel.fromInput(fromFile);
      const viaExcel = await portOver(excel).read('all');
      expect(excel.syncs).toBe(2);
      const findings = (input: WorkbookInput) =>
        analyzeWorkbook(input).findings.map((f) => `${f.sheet}!${f.cell} ${f.code} ${f.message}`);
      expect(findings(viaExcel)).toEqual(findings(fromFile));
      expect(findings(viaExcel).join('\n')).toContain('拨付台账!A3 late-disbursement');
      expect(findings(viaExcel).join('\n')).toContain('2021-06-23');
    });
  });

  it('refuses a workbook with more than a million used cells before reading its data', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('huge');
    s.set(1, 1, { value: 1 });
    s.set(100000, 20, { value: 2 });
    await expect(portOver(excel).read('active')).rejects.toMatchObject({ kind: 'too-large' });
    expect(excel.syncs).toBe(1);
  });

  it('says which API set is missing on an old Excel, without touching the workbook', async () => {
    const excel = await sampleExcel();
    const err = await portOver(excel, new FakeSettings(), false)
      .read('all')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelPortError);
    expect((err as ExcelPortError).kind).toBe('api-missing');
    expect((err as ExcelPortError).zh).toContain('ExcelApi 1.13');
    expect(excel.syncs).toBe(0);
  });
});

describe('ExcelPort.apply', () => {
  const patch = (cell: string, value: number | string, extra: Partial<CellPatch> = {}): CellPatch => ({
    sheet: '得分表',
    cell,
    value,
    purpose: 'score',
    ...extra,
  });

  it('writes empty cells, skips a formula and a differing value, in 2 syncs', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('得分表');
    s.set(5, 8, { value: 17, formula: 'SUM(H6:H9)' }); // H5
    s.set(6, 8, { value: 3 }); // H6
    const result = await portOver(excel).apply([
      patch('H5', 16.5),
      patch('H6', 2.5),
      patch('H7', 0.9444, { numFmt: '0.00%', purpose: 'rate' }),
    ]);
    expect(excel.syncs).toBeLessThanOrEqual(3);
    expect(excel.syncs).toBe(2);
    expect(result.written.map((p) => p.cell)).toEqual(['H7']);
    expect(result.skipped.map((s) => [s.patch.cell, s.reason])).toEqual([
      ['H5', 'formula'],
      ['H6', 'differs'],
    ]);
    expect(s.at('H5')).toEqual({ value: 17, formula: 'SUM(H6:H9)' });
    expect(s.at('H6')?.value).toBe(3);
    expect(s.at('H7')).toMatchObject({ value: 0.9444, numFmt: '0.00%' });
  });

  it('writes formulas as formulas and text starting with = or - as text', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('得分表');
    await portOver(excel).apply([
      patch('I5', 0.9, { formula: 'H5/G5', purpose: 'rate' }),
      patch('J5', '-0.5分：未按时支付', { purpose: 'note' }),
      patch('J6', '=不是公式', { purpose: 'note' }),
    ]);
    expect(s.at('I5')?.formula).toBe('H5/G5');
    expect(s.at('J5')).toEqual({ value: '-0.5分：未按时支付' });
    expect(s.at('J6')).toEqual({ value: '=不是公式' });
  });

  it('leaves every cell as it was when the write batch fails half-way (3 syncs: read, write, restore)', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('得分表');
    s.set(7, 9, { value: 'old', numFmt: '@' });
    excel.failWritesAfter = 2;
    const err = await portOver(excel)
      .apply([patch('H5', 1), patch('H6', 2), patch('I7', 'new', { purpose: 'note' })], { overwrite: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelPortError);
    expect((err as ExcelPortError).hint).toContain('已恢复');
    expect(excel.syncs).toBe(3);
    expect(s.at('H5')?.value ?? '').toBe('');
    expect(s.at('H6')?.value ?? '').toBe('');
    expect(s.at('I7')).toEqual({ value: 'old', numFmt: '@' });
  });

  it('refuses to write to a protected sheet and changes nothing', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('得分表');
    s.protected = true;
    const err = await portOver(excel)
      .apply([patch('H5', 1)])
      .catch((e: unknown) => e);
    expect((err as ExcelPortError).kind).toBe('protected');
    expect((err as ExcelPortError).zh).toContain('得分表');
    expect(s.at('H5')).toBeUndefined();
    expect(excel.syncs).toBe(1);
  });
});

describe('ExcelPort highlights', () => {
  it('marks finding cells and 清除标记 restores the original fills, even from a new pane', async () => {
    const excel = await sampleExcel();
    const sheet = excel.sheet('综合评定');
    sheet.cellOrNew(4, 2).fill = { color: '#92D050', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0 }; // B4 green
    const settings = new FakeSettings();
    await portOver(excel, settings).highlight([
      { sheet: '综合评定', cell: 'B4', severity: 'error' },
      { sheet: '综合评定', cell: 'F4', severity: 'warning' },
      { sheet: '综合评定', cell: 'F4', severity: 'error' },
    ]);
    expect(sheet.at('B4')?.fill?.color).toBe(MARK_COLORS.error);
    expect(sheet.at('F4')?.fill?.color).toBe(MARK_COLORS.error);
    // Highlighting again keeps the first original, not the mark.
    await portOver(excel, settings).highlight([{ sheet: '综合评定', cell: 'B4', severity: 'warning' }]);
    expect(sheet.at('B4')?.fill?.color).toBe(MARK_COLORS.warning);
    expect(settings.saved.get('jixiao.marks')).toBeDefined();

    const reopened = portOver(excel, settings); // the pane was closed and opened again
    excel.syncs = 0;
    await reopened.clearHighlights();
    expect(sheet.at('B4')?.fill).toEqual({
      color: '#92D050',
      pattern: 'Solid',
      patternColor: '#000000',
      tintAndShade: 0,
    });
    expect(sheet.at('F4')?.fill ?? NO_FILL).toEqual(NO_FILL);
    expect(settings.get('jixiao.marks')).toBeNull();
    expect(excel.syncs).toBeLessThanOrEqual(3);
  });

  it('leaves a cell alone on 清除标记 when the user refilled it since', async () => {
    const excel = await sampleExcel();
    const settings = new FakeSettings();
    await portOver(excel, settings).highlight([{ sheet: '综合评定', cell: 'B5', severity: 'error' }]);
    excel.sheet('综合评定').cellOrNew(5, 2).fill = {
      color: '#00B0F0',
      pattern: 'Solid',
      patternColor: '#000000',
      tintAndShade: 0,
    };
    await portOver(excel, settings).clearHighlights();
    expect(excel.sheet('综合评定').at('B5')?.fill?.color).toBe('#00B0F0');
  });
});

describe('ExcelPort select, sheets and settings', () => {
  it('selects the finding cell on its sheet in one sync', async () => {
    const excel = await sampleExcel();
    await portOver(excel).select('综合评定', 'B4');
    expect(excel.active).toBe('综合评定');
    expect(excel.selected).toEqual({ sheet: '综合评定', address: 'B4' });
    expect(excel.syncs).toBe(1);
  });

  it('adds 问题清单 and replaces it on the next export, but never a sheet of the user with that name', async () => {
    const excel = await sampleExcel();
    excel.addSheet('问题清单').set(1, 1, { value: '用户自己的表' });
    const settings = new FakeSettings();
    const port = portOver(excel, settings);
    await port.addSheet({
      name: '问题清单',
      rows: [
        ['工作表', '单元格'],
        ['综合评定', 'B4'],
      ],
    });
    expect(excel.sheet('问题清单').at('A1')?.value).toBe('用户自己的表');
    expect(excel.sheet('问题清单 (2)').at('B2')?.value).toBe('B4');
    await port.addSheet({ name: '问题清单 (2)', rows: [['工作表'], ['得分表']] });
    expect(excel.sheets.filter((s) => s.name.startsWith('问题清单')).length).toBe(2);
    expect(excel.sheet('问题清单 (2)').at('A2')?.value).toBe('得分表');
  });

  it('a 31-character name taken by a sheet of the user gets a legal distinct name, and is replaced (not copied) next time', async () => {
    const excel = await sampleExcel();
    const long = '综合评定得分表综合评定得分表综合评定得分表综合评定得分表一二三'; // 31 characters
    expect(long).toHaveLength(31);
    excel.addSheet(long).set(1, 1, { value: '用户自己的表' });
    const port = portOver(excel, new FakeSettings());
    await port.addSheet({ name: long, rows: [['指标'], ['决策']] });
    const placed = excel.sheets.map((s) => s.name).filter((n) => n !== long && n.startsWith('综合评定得分表'));
    expect(placed).toHaveLength(1);
    expect(placed[0]).toHaveLength(31);
    expect(placed[0].endsWith(' (2)')).toBe(true);
    expect(excel.sheet(long).at('A1')?.value).toBe('用户自己的表');
    await port.addSheet({ name: long, rows: [['指标'], ['过程']] });
    expect(
      excel.sheets
        .filter((s) => s.name.startsWith('综合评定得分表'))
        .map((s) => s.name)
        .sort(),
    ).toEqual([long, placed[0]].sort());
    expect(excel.sheet(placed[0]).at('A2')?.value).toBe('过程');
  });

  it('keeps settings in the document settings', async () => {
    const settings = new FakeSettings();
    const port = portOver(new FakeExcel(), settings);
    expect(await port.loadSettings()).toBeUndefined();
    await port.saveSettings({ scorePlaces: 3 });
    expect(settings.saved.get('jixiao.settings')).toEqual({ scorePlaces: 3 });
    expect(await port.loadSettings()).toEqual({ scorePlaces: 3 });
  });
});
