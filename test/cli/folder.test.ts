import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { main, type Io } from '../../src/cli/main';
import type { LegacyConverter } from '../../src/cli/convert';
import { SAMPLES_DIR } from '../helpers/fixtures';

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf16 = (s: string) => Buffer.from(s, 'utf16le');
const FIXTURES = join(__dirname, '..', 'fixtures', 'cli');

function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => out.push(s), err: (s) => err.push(s) }, out, err };
}

/**
 * A colleague's folder in every state:
 *   root/a-qixia.xlsx            checked (errors)
 *   root/b-宏.xlsm               checked (qixia's content under a macro workbook's extension)
 *   root/~$a-qixia.xlsx          Office lock file: silently skipped
 *   root/名单.csv                 listed: 不是工作簿 (does not change the exit code)
 *   root/sub/qingdao.xlsx        checked
 *   root/sub/旧版.xls            listed: 旧版 .xls (no LibreOffice), or converted by the injected converter
 *   root/sub/加密.xlsx           listed: 已加密
 *   root/sub/deeper/东西.xlsx    checked (east-west: no error or warning)
 *   root/sub/deeper/截断.xlsx    listed: 损坏
 *   root/empty/                  nothing
 */
function makeTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'jixiao-folder-'));
  const qixia = join(SAMPLES_DIR, 'qixia-2021.xlsx');
  mkdirSync(join(root, 'sub', 'deeper'), { recursive: true });
  mkdirSync(join(root, 'empty'));
  copyFileSync(qixia, join(root, 'a-qixia.xlsx'));
  copyFileSync(qixia, join(root, 'b-宏.xlsm'));
  writeFileSync(join(root, '~$a-qixia.xlsx'), Buffer.from([0x08, 0x41, 0x64, 0x6d, 0x69, 0x6e]));
  writeFileSync(join(root, '名单.csv'), '单位,预算\n官道镇,506.306\n');
  copyFileSync(join(SAMPLES_DIR, 'qingdao-2020.xlsx'), join(root, 'sub', 'qingdao.xlsx'));
  copyFileSync(join(FIXTURES, '旧版.xls'), join(root, 'sub', '旧版.xls'));
  writeFileSync(
    join(root, 'sub', '加密.xlsx'),
    Buffer.concat([Buffer.from(CFB), Buffer.alloc(504), utf16('EncryptionInfo'), utf16('EncryptedPackage')]),
  );
  copyFileSync(join(SAMPLES_DIR, 'east-west-2020.xlsx'), join(root, 'sub', 'deeper', '东西.xlsx'));
  const whole = readFileSync(qixia);
  writeFileSync(join(root, 'sub', 'deeper', '截断.xlsx'), whole.subarray(0, whole.length >> 1));
  return root;
}

interface JsonFile {
  file: string;
  reason?: string;
  error?: string;
  errorZh?: string;
  tables: unknown[];
  findings: {
    severity: string;
    code: string;
    sheet: string;
    cell: string;
    message: string;
    expected?: number | string;
  }[];
}

const root = makeTree();
const rel = (files: { file: string }[]) => files.map((f) => f.file.slice(root.length + 1));

async function checkJson(args: string[], deps = {}) {
  const { io, out, err } = capture();
  const code = await main(['check', '--json', '--all', root, ...args], io, { converter: null, ...deps });
  return { code, files: (JSON.parse(out.join('\n')) as { files: JsonFile[] }).files, err };
}

describe('jixiao check on a folder tree', () => {
  it('accounts for every file: checks workbooks in subfolders, lists the rest with the reason, skips the lock file', async () => {
    const { code, files, err } = await checkJson(['--jobs', '1']);
    // Each folder's entries in code-point order of their names ('sub' before '名单'), subfolders where they sort.
    expect(rel(files)).toEqual([
      'a-qixia.xlsx',
      'b-宏.xlsm',
      'sub/deeper/东西.xlsx',
      'sub/deeper/截断.xlsx',
      'sub/qingdao.xlsx',
      'sub/加密.xlsx',
      'sub/旧版.xls',
      '名单.csv',
    ]);
    const reasons = Object.fromEntries(files.map((f) => [f.file.slice(root.length + 1), f.reason ?? 'checked']));
    expect(reasons).toEqual({
      'a-qixia.xlsx': 'checked',
      'b-宏.xlsm': 'checked',
      '名单.csv': 'not-workbook',
      'sub/deeper/东西.xlsx': 'checked',
      'sub/deeper/截断.xlsx': 'corrupt',
      'sub/qingdao.xlsx': 'checked',
      'sub/加密.xlsx': 'encrypted',
      'sub/旧版.xls': 'xls',
    });
    // The .xlsm holds qixia's tables, read like the .xlsx.
    expect(files[1].findings).toEqual(files[0].findings);
    expect(files[0].findings.some((f) => f.code === 'subtotal-mismatch' && f.cell === 'B4')).toBe(true);
    // Workbooks that could not be checked: one stderr line each, so exit 2; the CSV is only listed.
    expect(err.filter((l) => l.startsWith('jixiao: '))).toHaveLength(3);
    expect(err.join('\n')).toMatch(/截断\.xlsx: 工作簿已损坏/);
    expect(err.join('\n')).toMatch(/加密\.xlsx: 工作簿已加密/);
    expect(err.join('\n')).toMatch(
      /旧版\.xls: 这是旧版 \.xls 文件，未找到 LibreOffice.*另存为” \.xlsx.*\(this is a legacy \.xls file/,
    );
    expect(err.join('\n')).not.toMatch(/名单|~\$/);
    expect(code).toBe(2);
  });

  it('the text report names kinds in Chinese (no codes) and lists every file not checked with its short reason', async () => {
    const { io, out } = capture();
    expect(await main(['check', root, '--jobs', '1'], io, { converter: null })).toBe(2);
    const text = out.join('\n');
    expect(text).toContain('错误 B4    【小计不符】决策：综合评定得分 16.5 ≠ 得分表中“决策”各末级指标得分之和 17');
    expect(text).not.toMatch(/\((subtotal-mismatch|rate-mismatch|total-mismatch)\)/);
    expect(text).toContain('未检查的文件 4 个：');
    expect(text).toMatch(
      new RegExp(`${join(root, '名单.csv').replace(/[.$]/g, '\\$&')}  不是工作簿 \\(not a workbook\\)`),
    );
    expect(text).toMatch(/sub\/加密\.xlsx {2}已加密：工作簿已加密/);
    expect(text).toMatch(/sub\/deeper\/截断\.xlsx {2}损坏：工作簿已损坏/);
    expect(text).toMatch(/sub\/旧版\.xls {2}旧版 \.xls：这是旧版 \.xls 文件/);
    expect(text).toMatch(/共 7 个文件（3 个无法读取）：.*；另有 1 个文件不是工作簿，未检查$/);
    expect(text).not.toContain('~$');
  });

  it('--no-recurse stays in the folder; exit 1 from the errors found, the CSV does not count', async () => {
    const { code, files } = await checkJson(['--no-recurse']);
    expect(rel(files)).toEqual(['a-qixia.xlsx', 'b-宏.xlsm', '名单.csv']);
    expect(code).toBe(1);
  });

  it('exit 0 on a workbook with no error', async () => {
    const { io } = capture();
    expect(await main(['check', join(root, 'sub', 'deeper', '东西.xlsx')], io)).toBe(0);
  });

  it('a folder with nothing to check: exit 2, one clear line, nothing on stdout', async () => {
    for (const folder of [join(root, 'empty'), mkdtempSync(join(tmpdir(), 'jixiao-only-csv-'))]) {
      if (!folder.endsWith('empty')) writeFileSync(join(folder, '说明.docx'), 'x');
      const { io, out, err } = capture();
      expect(await main(['check', folder], io)).toBe(2);
      expect(out).toEqual([]);
      expect(err).toHaveLength(1);
      expect(err[0].split('\n')).toHaveLength(1);
      expect(err[0]).toMatch(/^jixiao: 文件夹 .* 中没有可检查的工作簿.*\(no workbook to check in the folder\)$/);
    }
  });

  it('--jobs 2 gives the same report as --jobs 1, text and JSON', async () => {
    const one = await checkJson(['--jobs', '1']);
    const two = await checkJson(['--jobs', '2']);
    expect(two.files).toEqual(one.files);
    expect(two.code).toBe(one.code);
    const text = async (jobs: string) => {
      const { io, out } = capture();
      await main(['check', root, '--all', '--jobs', jobs], io, { converter: null });
      return out.join('\n');
    };
    expect(await text('2')).toBe(await text('1'));
  }, 60_000);

  it('an old .xls is converted into a temporary folder, checked under its own name, and the folder removed', async () => {
    const made: string[] = [];
    // Stands in for LibreOffice: "converts" by writing qingdao's workbook where soffice would.
    const converter: LegacyConverter = {
      name: 'LibreOffice',
      convert: async (file, outDir) => {
        expect(file.endsWith('旧版.xls')).toBe(true);
        const target = join(outDir, '旧版.xlsx');
        copyFileSync(join(SAMPLES_DIR, 'qingdao-2020.xlsx'), target);
        made.push(outDir);
        return target;
      },
    };
    const { files, err } = await checkJson(['--jobs', '1'], { converter });
    const xls = files.find((f) => f.file.endsWith('旧版.xls'))!;
    expect(xls.reason).toBeUndefined();
    expect(xls.findings).toEqual(files.find((f) => f.file.endsWith('qingdao.xlsx'))!.findings);
    expect(made).toHaveLength(1);
    expect(err.join('\n')).not.toMatch(/jixiao-convert/);
    expect(existsSync(made[0])).toBe(false);
  });

  it('a conversion that fails lists the file with how to convert it, and leaves no temporary folder', async () => {
    let dir = '';
    const converter: LegacyConverter = {
      name: 'LibreOffice',
      convert: async (_, outDir) => {
        dir = outDir;
        throw new Error(`soffice exited 1 in ${outDir}`);
      },
    };
    const { files, err } = await checkJson(['--jobs', '1'], { converter });
    expect(files.find((f) => f.file.endsWith('旧版.xls'))!.errorZh).toMatch(/LibreOffice 未能转换.*另存为 \.xlsx/);
    expect(err.join('\n')).not.toContain(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it('Ctrl-C stops handing out files, prints what was done and exits 130', async () => {
    const controller = new AbortController();
    const { io, out, err } = capture();
    const statusIo: Io = { ...io, status: (s) => (s.includes('1/') ? controller.abort() : undefined) };
    const code = await main(['check', root, '--jobs', '1', '--json'], statusIo, {
      converter: null,
      signal: controller.signal,
    });
    expect(code).toBe(130);
    const files = (JSON.parse(out.join('\n')) as { files: JsonFile[] }).files;
    expect(rel(files)).toContain('a-qixia.xlsx');
    expect(files.filter((f) => !f.reason).length).toBeLessThan(4);
    expect(err.at(-1)).toMatch(/^jixiao: 已中断：完成 \d+ 个文件，\d+ 个未检查 \(interrupted/);
  });
});

describe('the summary workbook (--report) and CSV, re-read cell by cell', () => {
  const out = join(root, '..', `${root.split('/').pop()}-汇总.xlsx`);
  let summary: ExcelJS.Worksheet;
  let detail: ExcelJS.Worksheet;
  let json: JsonFile[];

  beforeAll(async () => {
    json = (await checkJson(['--jobs', '2'])).files;
    const { io, err } = capture();
    expect(await main(['check', root, '--report', out], io, { converter: null })).toBe(2);
    expect(err.at(-1)).toBe(`jixiao: 汇总已写入 ${out} (summary written)`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题明细']);
    summary = wb.getWorksheet('汇总')!;
    detail = wb.getWorksheet('问题明细')!;
  }, 60_000);

  const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);

  it('汇总: one row per file found, with counts and status, header frozen and filtered', () => {
    expect(rowValues(summary, 1)).toEqual(['文件', '表格数', '识别到的表格', '错误', '警告', '提示', '状态']);
    expect(summary.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(summary.autoFilter).toBe('A1:G9');
    expect(summary.getColumn(1).width).toBe(48);
    expect(summary.getColumn(6).width).toBe(7);
    expect(summary.rowCount).toBe(1 + 8);
    const byFile = new Map<string, unknown[]>();
    for (let r = 2; r <= summary.rowCount; r++)
      byFile.set(String(summary.getCell(r, 1).value).slice(root.length + 1), rowValues(summary, r));
    // qixia: its six sheets are six tables (指标体系, 得分表, 综合评定, 预算资金, 拨付台账, 成本节约); 15 errors, 4 warnings, 4 hints.
    expect(byFile.get('a-qixia.xlsx')).toEqual([
      join(root, 'a-qixia.xlsx'),
      6,
      '指标体系、得分表、得分汇总表、预算支出表、拨付台账、成本表',
      15,
      4,
      4,
      '有错误',
    ]);
    expect(byFile.get('sub/deeper/东西.xlsx')!.slice(3)).toEqual([0, 0, 0, '无问题']);
    expect(byFile.get('名单.csv')).toEqual([
      join(root, '名单.csv'),
      undefined,
      '不是工作簿',
      undefined,
      undefined,
      undefined,
      '未检查：不是工作簿',
    ]);
    expect(byFile.get('sub/加密.xlsx')![6]).toBe('未检查：已加密');
    expect(byFile.get('sub/deeper/截断.xlsx')![6]).toBe('未检查：损坏');
    expect(byFile.get('sub/旧版.xls')![6]).toBe('未检查：旧版 .xls');
    // Every row agrees with the JSON report of the same folder.
    for (const f of json) {
      const row = byFile.get(f.file.slice(root.length + 1))!;
      if (f.reason) continue;
      const n = (s: string) => f.findings.filter((x) => x.severity === s).length;
      expect(row.slice(1, 2).concat(row.slice(3, 6))).toEqual([f.tables.length, n('error'), n('warning'), n('info')]);
      expect(typeof row[3]).toBe('number');
    }
  });

  it('问题明细: one row per finding, kinds in Chinese, ratios as percentages', () => {
    expect(rowValues(detail, 1)).toEqual(['文件', '工作表', '单元格', '级别', '问题类型', '说明', '建议值']);
    expect(detail.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(detail.autoFilter).toMatch(/^A1:G\d+$/);
    expect(detail.getColumn(6).width).toBe(80);
    const findings = json.reduce((n, f) => n + f.findings.length + (f.reason ? 1 : 0), 0);
    expect(detail.rowCount).toBe(1 + findings);
    const rows = Array.from({ length: detail.rowCount - 1 }, (_, i) => i + 2);
    const find = (file: string, sheet: string, cell: string, kind: string) =>
      rows.find(
        (r) =>
          String(detail.getCell(r, 1).value).endsWith(file) &&
          detail.getCell(r, 2).value === sheet &&
          detail.getCell(r, 3).value === cell &&
          detail.getCell(r, 5).value === kind,
      );
    // qixia 综合评定!B4: 16.5 where 得分表 sums 决策 to 17 (README); B5: 得分率 94.44% where 16.5 / 18 = 91.67%.
    const b4 = find('a-qixia.xlsx', '综合评定', 'B4', '小计不符')!;
    expect(detail.getCell(b4, 4).value).toBe('错误');
    expect(detail.getCell(b4, 7).value).toBe(17);
    const b5 = find('a-qixia.xlsx', '综合评定', 'B5', '比率不符')!;
    expect(detail.getCell(b5, 7).value).toBeCloseTo(16.5 / 18, 6);
    expect(detail.getCell(b5, 7).numFmt).toBe('0.00%');
    expect(String(detail.getCell(b5, 6).value)).toMatch(/^决策：得分率 94\.44% ≠ 得分 16\.5 \/ 分值 18 = 91\.67%/);
    const xls = rows.find((r) => String(detail.getCell(r, 1).value).endsWith('旧版.xls'))!;
    expect(rowValues(detail, xls).slice(3, 5)).toEqual(['未检查', '旧版 .xls']);
    // No code names anywhere in the kind column.
    for (const r of rows) expect(String(detail.getCell(r, 5).value)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('--format csv prints the same 问题明细 rows (UTF-8 with BOM, percentages as shown)', async () => {
    const { io, out } = capture();
    await main(['check', root, '--format', 'csv', '--jobs', '1'], io, { converter: null });
    const csv = out.join('');
    expect(csv.startsWith('\uFEFF文件,工作表,单元格,级别,问题类型,说明,建议值\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(detail.rowCount);
    expect(lines.find((l) => l.includes('综合评定,B5,错误,比率不符'))).toMatch(/,91\.67%$/);
    expect(lines.find((l) => l.includes('综合评定,B4,错误,小计不符'))).toMatch(/,17$/);
  });

  it('the folder is left as it was: no summary or temporary file inside it', () => {
    expect(readdirSync(root).sort()).toEqual(
      ['a-qixia.xlsx', 'b-宏.xlsm', 'empty', 'sub', '~$a-qixia.xlsx', '名单.csv'].sort(),
    );
  });
});
