import { readFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { XlsxPort, type XlsxPortEvent } from '../../src/xlsx/port';
import { STATE_SHEET } from '../../src/xlsx/state';
import { lostParts } from './lossless';
import { WorkbookReadError } from '../../src/xlsx/read';
import { analyzeWorkbook } from '../../src/engine/analyze';
import { planWorkbookScores } from '../../src/engine/score';
import { MARK_COLORS } from '../../src/engine/port';
import type { CellPatch } from '../../src/engine/patch';
import { SAMPLES_DIR, analyzeSample } from '../helpers/fixtures';

const bytesOf = (file: string) => new Uint8Array(readFileSync(join(SAMPLES_DIR, file)));
const open = (file = 'qixia-2021.xlsx') => XlsxPort.fromBytes(bytesOf(file), file);
const reopen = async (port: XlsxPort) => XlsxPort.fromBytes(await port.toBytes(), port.name);
/** What the port would hand over on 下载, read back by exceljs (the oracle, not jixiao's reader). */
async function book(port: XlsxPort): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await port.toBytes()) as never);
  return wb;
}
/** qixia-2021 changed with exceljs first (the oracle builds the inputs), then opened in the port. */
async function openEdited(edit: (wb: ExcelJS.Workbook) => void): Promise<XlsxPort> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytesOf('qixia-2021.xlsx')) as never);
  edit(wb);
  return XlsxPort.fromBytes(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 'qixia-2021.xlsx');
}

describe('XlsxPort: the workbench host over an in-memory .xlsx', () => {
  it('reads the same workbook the CLI reads: same findings on qixia-2021', async () => {
    const port = await open();
    const viaPort = analyzeWorkbook(await port.read('all'));
    const viaCli = await analyzeSample('qixia-2021.xlsx');
    expect(viaPort.findings.map((f) => `${f.code}@${f.sheet}!${f.cell}`)).toEqual(
      viaCli.findings.map((f) => `${f.code}@${f.sheet}!${f.cell}`),
    );
    expect(viaPort.findings.some((f) => f.code === 'over-budget' && f.sheet === '预算资金' && f.cell === 'C16')).toBe(
      true,
    );
  });

  it('reads only the active sheet when asked, and select() makes a sheet active', async () => {
    const port = await open();
    const events: XlsxPortEvent[] = [];
    port.subscribe((e) => events.push(e));
    await port.select('预算资金', '$c$16');
    expect(port.activeSheet).toBe('预算资金');
    expect(events).toContainEqual({ type: 'select', sheet: '预算资金', cell: 'C16', related: [] });
    const input = await port.read('active');
    expect(input.sheets.map((s) => s.name)).toEqual(['预算资金']);
    await expect(port.select('没有这个表', 'A1')).rejects.toThrow('不存在');
  });

  it('计算并回写 with the user’s say-so overwrites 综合评定!B4; a second run writes nothing', async () => {
    const port = await open();
    const plan = planWorkbookScores(await port.read('all'));
    const first = await port.apply(plan.patches);
    expect(first.written).toHaveLength(0);
    expect(first.skipped.map((s) => `${s.patch.sheet}!${s.patch.cell}:${s.reason}`)).toEqual(['综合评定!B4:differs']);
    const forced = await port.apply(plan.patches, { overwrite: true });
    expect(forced.written.map((p) => `${p.sheet}!${p.cell}=${p.value}`)).toEqual(['综合评定!B4=17']);
    const again = planWorkbookScores(await port.read('all'));
    const second = await port.apply(again.patches);
    expect(second.written).toHaveLength(0);
    expect(second.skipped).toHaveLength(0);
    const round = await reopen(port);
    expect((await book(round)).getWorksheet('综合评定')!.getCell('B4').value).toBe(17);
  });

  it('never overwrites a formula without overwrite, and writes text beginning with = as text', async () => {
    const port = await openEdited((wb) => {
      wb.getWorksheet('综合评定')!.getCell('H2').value = {
        formula: 'SUM(B4:E4)',
        result: 92.16,
      } as ExcelJS.CellFormulaValue;
    });
    const patches: CellPatch[] = [
      { sheet: '综合评定', cell: 'H2', value: 1, purpose: 'total' },
      {
        sheet: '综合评定',
        cell: 'H3',
        value: '=HYPERLINK("http://x")',
        purpose: 'note',
      },
      { sheet: '综合评定', cell: 'H4', value: '+扣 0.5 分', purpose: 'note' },
    ];
    const result = await port.apply(patches);
    expect(result.skipped.map((s) => s.reason)).toEqual(['formula']);
    const round = await reopen(port);
    const again = (await book(round)).getWorksheet('综合评定')!;
    expect(again.getCell('H2').formula).toBe('SUM(B4:E4)');
    expect(again.getCell('H3').value).toBe('=HYPERLINK("http://x")');
    expect(again.getCell('H3').type).toBe(ExcelJS.ValueType.String);
    expect(again.getCell('H4').value).toBe('+扣 0.5 分');
  });

  it('replaces a sheet it added before, never a sheet of the same name the user made', async () => {
    const port = await open();
    const sheet = {
      name: '综合评定得分表',
      rows: [
        ['指标', '得分'],
        ['决策', 17],
      ],
    };
    await port.addSheet(sheet);
    await port.addSheet({
      ...sheet,
      rows: [
        ['指标', '得分'],
        ['决策', 16.5],
      ],
    });
    expect(port.sheetNames().filter((n) => n.startsWith('综合评定得分表'))).toEqual(['综合评定得分表']);
    expect((await book(port)).getWorksheet('综合评定得分表')!.getCell('B2').value).toBe(16.5);
    expect(port.activeSheet).toBe('综合评定得分表');

    const userMade = await openEdited((wb) => {
      wb.addWorksheet('问题清单').getCell('A1').value = '同事的备注';
    });
    await userMade.addSheet({ name: '问题清单', rows: [['工作表', '单元格']] });
    expect((await book(userMade)).getWorksheet('问题清单')!.getCell('A1').value).toBe('同事的备注');
    expect(userMade.sheetNames()).toContain('问题清单 (2)');
    // Survives a download: the next session still knows which sheet is jixiao's.
    const round = await reopen(userMade);
    await round.addSheet({ name: '问题清单', rows: [['工作表']] });
    expect(round.sheetNames().filter((n) => n.startsWith('问题清单'))).toEqual(['问题清单', '问题清单 (2)']);
  });

  it('marks cells and restores their original fills, also after a download and reopen', async () => {
    const port = await openEdited((wb) => {
      const c15 = wb.getWorksheet('预算资金')!.getCell('C15');
      c15.style = {
        ...c15.style,
        fill: {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: 'FF00B050' },
        },
      };
    });
    const ws = (await book(port)).getWorksheet('预算资金')!;
    const neighbourBefore = JSON.stringify(ws.getCell('C17').fill ?? null);
    const c16Before = JSON.stringify(ws.getCell('C16').fill ?? null);
    await port.highlight([
      { sheet: '预算资金', cell: 'C16', severity: 'warning' },
      { sheet: '预算资金', cell: 'C16', severity: 'error' },
      { sheet: '预算资金', cell: 'C15', severity: 'info' },
    ]);
    const marked = (await book(port)).getWorksheet('预算资金')!;
    expect((marked.getCell('C16').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${MARK_COLORS.error.slice(1)}`);
    expect(JSON.stringify(marked.getCell('C17').fill ?? null)).toBe(neighbourBefore);

    const round = await reopen(port);
    expect(round.sheetNames()).not.toContain(STATE_SHEET);
    expect((await round.read('all')).sheets.map((s) => s.name)).not.toContain(STATE_SHEET);
    await round.clearHighlights();
    const after = (await book(round)).getWorksheet('预算资金')!;
    expect((after.getCell('C15').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF00B050');
    expect(JSON.stringify(after.getCell('C16').fill ?? null)).toBe(c16Before);
    expect((await book(round)).getWorksheet(STATE_SHEET)).toBeUndefined();
  });

  it('问题清单 messages beginning with = + - @ are written as text, never as formulas', async () => {
    const port = await open();
    const risky = ['=1+1', '+扣分', '-0.5 分', '@SUM(A1)'];
    await port.addSheet({
      name: '问题清单',
      rows: [['说明'], ...risky.map((t) => [t])],
    });
    const ws = (await book(await reopen(port))).getWorksheet('问题清单')!;
    expect(risky.map((_, i) => ws.getCell(i + 2, 1).type)).toEqual(risky.map(() => ExcelJS.ValueType.String));
    expect(risky.map((_, i) => ws.getCell(i + 2, 1).value)).toEqual(risky);
  });

  it('keeps settings in the workbook', async () => {
    const port = await open();
    expect(await port.loadSettings()).toBeUndefined();
    await port.saveSettings({ holidayDeadlineWorkdays: 5 });
    expect(await (await reopen(port)).loadSettings()).toEqual({
      holidayDeadlineWorkdays: 5,
    });
  });

  it('下载 gives the file back with only jixiao’s parts changed (check-write’s rule), in node', async () => {
    for (const file of ['qixia-2021.xlsx', 'beijing-2020.xlsx']) {
      const port = await open(file);
      const analysis = analyzeWorkbook(await port.read('all'));
      const plan = planWorkbookScores(await port.read('all'));
      await port.apply(plan.patches, { overwrite: true });
      for (const sheet of plan.newSheets) await port.addSheet(sheet);
      await port.highlight(
        analysis.findings.map((f) => ({
          sheet: f.sheet,
          cell: f.cell,
          severity: f.severity,
        })),
      );
      await port.saveSettings({ holidayDeadlineWorkdays: 5 });
      expect(lostParts(bytesOf(file), await port.toBytes())).toEqual([]);
    }
  }, 120_000);

  it('explains a file that is not a workbook instead of crashing', async () => {
    await expect(XlsxPort.fromBytes(new TextEncoder().encode('预算,实际\n1,2'), 'a.xlsx')).rejects.toBeInstanceOf(
      WorkbookReadError,
    );
    const truncated = bytesOf('qixia-2021.xlsx').slice(0, 5000);
    await expect(XlsxPort.fromBytes(truncated, 'q.xlsx')).rejects.toMatchObject({
      zh: expect.stringContaining('损坏'),
    });
  });
});
