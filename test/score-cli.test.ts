import { mkdtempSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { main, type Io } from '../src/cli/main';
import { SAMPLES_DIR } from './helpers/fixtures';

function capture(): Io & { text: () => string } {
  const chunks: string[] = [];
  return { out: (s) => chunks.push(s), err: (s) => chunks.push(s), text: () => chunks.join('\n') };
}

async function cellOf(file: string, sheet: string, cell: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.getWorksheet(sheet)!.getCell(cell).value;
}

describe('jixiao score on beijing-2020.xlsx', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-score-'));
  const input = join(dir, 'in.xlsx');
  const out = join(dir, 'out.xlsx');
  const again = join(dir, 'again.xlsx');

  beforeAll(async () => {
    // A colleague's copy: 消费扶贫营销推广 funds 得分 left empty, 农业嘉年华's computed by a formula of their own.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(SAMPLES_DIR, 'beijing-2020.xlsx'));
    wb.getWorksheet('消费扶贫营销推广')!.getCell('H7').value = null;
    wb.getWorksheet('农业嘉年华')!.getCell('H7').value = { formula: 'ROUND(E7/D7*F7,2)', result: 9.99 };
    await wb.xlsx.writeFile(input);
  });

  test('writes the computed 得分 into the empty cell, skips the formula, leaves the input alone', async () => {
    const before = readFileSync(input);
    const mtime = statSync(input).mtimeMs;
    const io = capture();
    expect(await main(['score', input, '-o', out], io)).toBe(0);
    expect(io.text()).toContain('消费扶贫营销推广!H7: （空） → 9.98');
    expect(io.text()).toContain('跳过 农业嘉年华!H7 含公式');
    expect(await cellOf(out, '消费扶贫营销推广', 'H7')).toBe(9.98);
    expect(await cellOf(out, '农业嘉年华', 'H7')).toMatchObject({ formula: 'ROUND(E7/D7*F7,2)' });
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(statSync(input).mtimeMs).toBe(mtime);
  });

  test('scoring the scored file again writes nothing', async () => {
    const io = capture();
    expect(await main(['score', out, '-o', again, '--json'], io)).toBe(0);
    const report = JSON.parse(io.text());
    expect(report.written).toEqual([]);
  });

  test('refuses to write over its input without --in-place', async () => {
    const io = capture();
    expect(await main(['score', input, '-o', input], io)).toBe(2);
    expect(io.text()).toContain('--in-place');
  });
});
