import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';

/**
 * `jixiao check --explain` and `--settings` with `tables` corrections, through the CLI's main() on
 * real-world workbooks (test/fixtures/realworld).
 */
const DIR = join(__dirname, '..', 'fixtures', 'realworld');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
  return { code, out, err };
}

test('--explain prints per table its range, kind, title, columns and skipped rows', async () => {
  const { code, out } = await run(['check', join(DIR, '09-jianyi-waishi.xlsx'), '--explain']);
  expect(code).toBe(0);
  expect(out).toContain('外事出国项目!A2:K45  指标体系  “外事出国项目专项经费绩效评价表”');
  expect(out).toContain('表头：第 2–3 行');
  expect(out).toContain('列：A 一级指标，B 分值（一级）（表头“权重”），C 二级指标，D 分值（二级），E 三级指标');
  expect(out).toContain('跳过：第 13、22 行（表头重复）');
});

test('--explain names a column read from names with their points', async () => {
  const { out } = await run(['check', join(DIR, '08-hunan-gaobiaonongtian.xlsx'), '--explain']);
  expect(out).toContain('评价指标!A1:D7  指标体系  （无标题）');
  expect(out).toContain('B 二级指标（含分值）（表头“分值”）');
});

test('a column role corrected in --settings is applied and shown', async () => {
  const file = join(DIR, '13-probe-rule-texts-CONSTRUCTED.xlsx');
  const before = await run(['check', file, '--json']);
  const missing = (json: string) =>
    (JSON.parse(json).files[0].findings as { code: string }[]).filter((f) => f.code === 'missing-score').length;
  expect(missing(before.out)).toBe(12); // 得分 E3:E14 left empty by the construction
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-layout-'));
  const settings = join(dir, 'settings.json');
  // The user says column E holds remarks, not scores: nothing to score, nothing missing.
  writeFileSync(settings, JSON.stringify({ tables: [{ sheet: 'probe', headerRow: 2, columns: { E: 'remark' } }] }));
  const after = await run(['check', file, '--json', '--settings', settings]);
  expect(missing(after.out)).toBe(0);
  const explained = await run(['check', file, '--explain', '--settings', settings]);
  expect(explained.out).toContain('E 备注（表头“得分”） [已按设置更正]');
});

test('a bad correction is named in Chinese and does not stop the check', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-layout-'));
  const settings = join(dir, 'settings.json');
  writeFileSync(settings, JSON.stringify({ tables: [{ sheet: 'probe', headerRow: 'two', columns: { E: 'remark' } }] }));
  const { code, err } = await run([
    'check',
    join(DIR, '13-probe-rule-texts-CONSTRUCTED.xlsx'),
    '--settings',
    settings,
    '--exit-zero',
  ]);
  expect(code).toBe(0);
  expect(err).toContain('设置 tables.0.headerRow 无效（headerRow 应为表头所在的行号（数字）），已使用默认值');
});

test('--explain shows how each 评价标准 behind a rule finding was read', async () => {
  const { code, out } = await run([
    'check',
    join(__dirname, '..', '..', 'assets', 'samples', 'qixia-2021.xlsx'),
    '--explain',
    '--exit-zero',
  ]);
  expect(code).toBe(0);
  expect(out).toContain('评价标准的读法：');
  // 得分表 F15: 资金到位率's rule gives 资金到位率 × 2 (its text says 满分值 2 分, the indicator weighs 3).
  expect(out).toContain('得分表!F15  按比例计分：得分 = 资金到位率 × 2，最高 2 分');
});
