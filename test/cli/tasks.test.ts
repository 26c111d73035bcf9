import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { SAMPLES_DIR } from '../helpers/fixtures';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) }, out, err };
};

test('jixiao tasks writes 单位任务清单 into a copy; the input is unchanged', async () => {
  const input = join(SAMPLES_DIR, 'xihaian-2018.xlsx');
  const before = readFileSync(input);
  const outFile = join(mkdtempSync(join(tmpdir(), 'jixiao-tasks-')), 'out.xlsx');
  const r = io();
  expect(await main(['tasks', input, '-o', outFile], r.io)).toBe(0);
  expect(r.out.join('\n')).toContain('单位任务清单');
  expect(readFileSync(input).equals(before)).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(outFile) as never);
  expect(wb.worksheets.filter((w) => w.state !== 'veryHidden').map((w) => w.name)).toEqual([
    '责任分解',
    '单位任务清单',
  ]);
  const ws = wb.getWorksheet('单位任务清单')!;
  expect(ws.getCell('A1').text).toBe('单位');
  expect(ws.getCell('A2').text).toBe('区扶贫办');
  // The first task the sheet lists for 区扶贫办 is task 1, led by it (D3 starts with 区扶贫办).
  expect([ws.getCell('B3').text, ws.getCell('D3').text]).toEqual(['1', '牵头']);
  expect(wb.getWorksheet('责任分解')!.getCell('D3').text.startsWith('区扶贫办')).toBe(true);
});

test('jixiao tasks on a workbook with no 责任分解 table: exit 2, one line', async () => {
  const r = io();
  const outFile = join(mkdtempSync(join(tmpdir(), 'jixiao-tasks-')), 'out.xlsx');
  expect(await main(['tasks', join(SAMPLES_DIR, 'qixia-2021.xlsx'), '-o', outFile], r.io)).toBe(2);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toContain('没有找到责任分解表');
});
