import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { XlsxPort } from '../../src/xlsx/port';
import { main } from '../../src/cli/main';

jest.setTimeout(60_000);

// A verdict given in the pane (or the workbench) travels in the workbook; `jixiao check` honours it.
test('the CLI hides findings marked 已复核/忽略 in the workbook, and shows them with their verdict under --all', async () => {
  const sample = readFileSync(join(__dirname, '..', '..', 'assets', 'samples', 'qixia-2021.xlsx'));
  const port = await XlsxPort.fromBytes(new Uint8Array(sample), 'qixia-2021.xlsx');
  await port.saveSettings({
    reviews: [
      {
        code: 'over-budget',
        sheet: '预算资金',
        cell: 'C16',
        status: 'reviewed',
        note: '已追加预算',
        expected: 88.02,
        actual: 89.013,
      },
      // Numbers that are no longer the finding's: this verdict lapses.
      { code: 'over-budget', sheet: '成本节约', cell: 'D4', status: 'ignored', expected: 23.7, actual: 99 },
    ],
  });
  const file = join(mkdtempSync(join(tmpdir(), 'jixiao-')), 'reviewed.xlsx');
  writeFileSync(file, await port.toBytes());
  const run = async (...args: string[]) => {
    let out = '';
    await main(['check', file, ...args], { out: (s) => (out += s + '\n'), err: () => undefined });
    return out;
  };
  const text = await run();
  expect(text).not.toContain('翠屏街道');
  expect(text).toContain('苏家店镇赵格庄村');
  expect(text).toContain('（另有 1 项已在工作簿中标为已复核或忽略，加 --all 显示）');
  const all = await run('--all');
  expect(all).toMatch(/翠屏街道：实际支出 89.013万元 > 预算 88.02万元，超预算支付 0.993万元［已复核：已追加预算］/);
  const json = JSON.parse(await run('--json')) as { files: { findings: { cell: string }[] }[] };
  expect(json.files[0].findings.some((f) => f.cell === 'C16')).toBe(false);
});
