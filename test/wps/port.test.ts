import { WpsPort, WpsPortError, bgrToHex, hexToBgr } from '../../src/wps/port';
import { cellValueOf, readWorksheet } from '../../src/wps/read';
import { WPS_STATE_SHEET } from '../../src/wps/state';
import { XL_SHEET_VERY_HIDDEN } from '../../src/wps/api';
import { sheetCells } from '../../src/engine/model/sheet';
import { parseRange, rangeToA1 } from '../../src/engine/model/address';
import { MARK_COLORS } from '../../src/engine/port';
import { loadSample } from '../helpers/fixtures';
import { FakeWps } from './fakeWps';
import { readFileSync } from 'fs';
import { join } from 'path';
import { readWorkbookBytes } from '../../src/xlsx/read';
import { analyzeWorkbook } from '../../src/engine/analyze';
import type { WorkbookInput } from '../../src/engine/model/sheet';

function ledger(rows: number): FakeWps {
  const x = new FakeWps();
  const s = x.addSheet('台账');
  s.cell(1, 1).value = '日期';
  s.cell(1, 2).value = '金额';
  s.cell(1, 3).value = '摘要';
  for (let r = 2; r <= rows + 1; r++) {
    Object.assign(s.cell(r, 1), { value: 44197 + (r % 300), numFmt: 'yyyy"年"m"月"d"日"' });
    Object.assign(s.cell(r, 2), { value: r * 1.5, numFmt: '#,##0.00' });
    s.cell(r, 3).value = `第${r}笔`;
  }
  s.merges = [parseRange('A1:A1'), parseRange('D1:F1')].filter((m) => m.right > m.left);
  return x;
}

describe('WpsPort reading', () => {
  it('reads a 5,000-row ledger in a few dozen host calls, not one per cell, dates and formats intact', async () => {
    const x = ledger(5000);
    const port = new WpsPort(x.application());
    x.calls = 0;
    const input = await port.read('all');
    const cells = sheetCells(input.sheets[0]);
    expect(cells.length).toBe(3 + 5000 * 3);
    expect(cells.find((c) => c.row === 2 && c.col === 1)?.value).toEqual({ kind: 'date', value: '2021-01-03' });
    expect(cells.find((c) => c.row === 5001 && c.col === 2)).toMatchObject({
      value: { kind: 'number', value: 7501.5 },
      numFmt: '#,##0.00',
    });
    expect(input.sheets[0].merges).toEqual(['D1:F1']);
    // 15,003 cells; the halving stops at each format region and merge.
    expect(x.calls).toBeLessThan(120);
    expect(port.lastReadCost.calls).toBeGreaterThan(10);
  });

  it('finds every merged area of the sample 指标体系 by halving, with far fewer calls than cells', async () => {
    const sample = await loadSample('qixia-2021.xlsx');
    const x = FakeWps.fromInput(sample);
    const ws = x.application().ActiveWorkbook!.Sheets.Item('指标体系');
    const cost = { calls: 0 };
    const read = readWorksheet(ws, cost);
    const expected = sample.sheets.find((s) => s.name === '指标体系')!.merges;
    expect([...read.merges].sort()).toEqual([...expected].map((m) => rangeToA1(parseRange(m))).sort());
    const used = x.sheet('指标体系').used();
    const area = (used.bottom - used.top + 1) * (used.right - used.left + 1);
    expect(cost.calls).toBeLessThan(area);
  });

  it('reads a sheet of one cell (Value2 a scalar) and an empty sheet', async () => {
    const x = new FakeWps();
    x.addSheet('一格').cell(3, 2).value = 42;
    x.addSheet('空表');
    const input = await new WpsPort(x.application()).read('all');
    expect(sheetCells(input.sheets[0])).toEqual([{ row: 3, col: 2, value: { kind: 'number', value: 42 } }]);
    expect(sheetCells(input.sheets[1])).toEqual([]);
  });

  it('says so in Chinese when no workbook is open', async () => {
    const err = await new WpsPort(new FakeWps().application()).read('all').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WpsPortError);
    expect((err as WpsPortError).zh).toBe('没有打开的工作簿');
  });
});

describe('WpsPort writing', () => {
  function sheetWithScores(): FakeWps {
    const x = new FakeWps();
    const s = x.addSheet('得分表');
    s.cell(1, 1).value = '得分';
    s.cell(3, 1).value = 5;
    return x;
  }

  it('refuses a protected sheet before writing anything', async () => {
    const x = sheetWithScores();
    x.sheet('得分表').protectContents = true;
    const port = new WpsPort(x.application());
    const err = await port
      .apply([{ sheet: '得分表', cell: 'A2', value: 3, purpose: 'score' }])
      .catch((e: unknown) => e);
    expect((err as WpsPortError).kind).toBe('protected');
    expect(x.sheet('得分表').at('A2')).toBeUndefined();
    await expect(port.highlight([{ sheet: '得分表', cell: 'A1', severity: 'error' }])).rejects.toThrow('受保护');
  });

  it('puts every written cell back when a write fails midway', async () => {
    const x = sheetWithScores();
    const port = new WpsPort(x.application());
    x.failOnWrite = 3;
    const err = await port
      .apply([
        { sheet: '得分表', cell: 'A2', value: 3, purpose: 'score', numFmt: '0.00' },
        { sheet: '得分表', cell: 'A4', value: 4, purpose: 'score' },
      ])
      .catch((e: unknown) => e);
    expect((err as WpsPortError).kind).toBe('write-failed');
    expect((err as WpsPortError).hint).toContain('已恢复');
    expect(x.sheet('得分表').at('A2')?.value).toBeUndefined();
    expect(x.sheet('得分表').at('A2')?.numFmt).toBeUndefined();
    expect(x.sheet('得分表').at('A4')?.value).toBeUndefined();
  });

  it('deletes a sheet it added with WPS’s prompt off, and turns the prompt back on', async () => {
    const x = sheetWithScores();
    const port = new WpsPort(x.application());
    await port.addSheet({ name: '问题清单', rows: [['序号'], [1]] });
    await port.addSheet({ name: '问题清单', rows: [['序号'], [2]] });
    expect(x.displayAlerts).toBe(true);
    expect(x.sheets.map((s) => s.name)).toEqual(['得分表', WPS_STATE_SHEET, '问题清单']);
    expect(x.sheet(WPS_STATE_SHEET).visible).toBe(XL_SHEET_VERY_HIDDEN);
    expect(x.sheet('问题清单').at('A2')?.value).toBe(2);
    expect(x.active).toBe('问题清单');
    expect(x.window).toEqual({ SplitRow: 1, FreezePanes: true });
  });

  it('marks with WPS colours (BGR) and selects the cell a finding names', async () => {
    expect(hexToBgr('#FFC7CE')).toBe(0xcec7ff);
    expect(bgrToHex(0xcec7ff)).toBe('#FFC7CE');
    const x = sheetWithScores();
    const port = new WpsPort(x.application());
    await port.highlight([{ sheet: '得分表', cell: 'A3', severity: 'error' }]);
    expect(x.sheet('得分表').at('A3')?.fill?.color).toBe(hexToBgr(MARK_COLORS.error));
    await port.select('得分表', '$a$3');
    expect(x.selected).toEqual({ sheet: '得分表', address: 'A3' });
  });
});

describe("the workbook's date system (Workbook.Date1904)", () => {
  const a2 = (input: WorkbookInput) => sheetCells(input.sheets[0]).find((c) => c.row === 2 && c.col === 1)?.value;
  function dated(date1904: boolean | undefined): FakeWps {
    const x = new FakeWps();
    x.date1904 = date1904;
    const s = x.addSheet('台账');
    s.cell(1, 1).value = '拨付日期';
    Object.assign(s.cell(2, 1), { value: 42908, numFmt: 'yyyy-mm-dd' });
    return x;
  }

  it('42908 is 2021-06-23 in a 1904 workbook, 2017-06-22 in a 1900 one or where the host does not say', async () => {
    // 1904 system: serial 0 = 1904-01-01, 42908 days on is 2021-06-23; in the 1900 system 2017-06-22 (1,462 days earlier)
    const in1904 = await new WpsPort(dated(true).application()).read('all');
    expect(a2(in1904)).toEqual({ kind: 'date', value: '2021-06-23' });
    expect(in1904.date1904).toBe(true);
    for (const flag of [false, undefined]) {
      const input = await new WpsPort(dated(flag).application()).read('all');
      expect(a2(input)).toEqual({ kind: 'date', value: '2017-06-22' });
      expect(input.date1904).toBeUndefined();
    }
  });

  it('the 1904 dialect workbook (08-date1904-true.xlsx) gives the same findings through WPS as from the file', async () => {
    const file = join(__dirname, '..', 'fixtures', 'dialects', '08-date1904-true.xlsx');
    const fromFile = await readWorkbookBytes(new Uint8Array(readFileSync(file)), '08-date1904-true.xlsx');
    const viaWps = await new WpsPort(FakeWps.fromInput(fromFile).application()).read('all');
    const findings = (input: WorkbookInput) =>
      analyzeWorkbook(input).findings.map((f) => `${f.sheet}!${f.cell} ${f.code} ${f.message}`);
    expect(findings(viaWps)).toEqual(findings(fromFile));
    expect(findings(viaWps).join('\n')).toContain('拨付台账!A3 late-disbursement');
  });
});

describe('cellValueOf', () => {
  it('reads dates by the engine’s rule, error texts and COM error codes as errors, text as text', () => {
    expect(cellValueOf(44197, 'yyyy"年"m"月"d"日"')).toEqual({ kind: 'date', value: '2021-01-01' });
    expect(cellValueOf(44197, '0.00')).toEqual({ kind: 'number', value: 44197 });
    expect(cellValueOf(0.5, '0.00%')).toEqual({ kind: 'number', value: 0.5 });
    expect(cellValueOf('#DIV/0!', undefined)).toEqual({ kind: 'error', value: '#DIV/0!' });
    expect(cellValueOf(-2146826281, undefined)).toEqual({ kind: 'error', value: '#DIV/0!' });
    expect(cellValueOf(-2146826246, undefined)).toEqual({ kind: 'error', value: '#N/A' });
    expect(cellValueOf('#合计', undefined)).toEqual({ kind: 'string', value: '#合计' });
    expect(cellValueOf(undefined, undefined)).toEqual({ kind: 'empty' });
    expect(cellValueOf(true, undefined)).toEqual({ kind: 'boolean', value: true });
  });
});
