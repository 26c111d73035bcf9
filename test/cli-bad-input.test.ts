import { execFile, execFileSync, spawnSync } from 'child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { main } from '../src/cli/main';
import { createXlsx, text } from '../src/xlsx/create';
import { SAMPLES_DIR } from './helpers/fixtures';

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** What colleagues send that is not a readable workbook, each with the reason the user must read. */
const BAD: { file: string; bytes: () => Promise<Buffer>; says: RegExp }[] = [
  {
    file: '预算表.xlsx',
    bytes: async () => Buffer.from('单位名称,预算资金\n官道镇,506.306\n'),
    says: /不是 \.xlsx 工作簿文件 \(not an \.xlsx workbook\)/,
  },
  {
    file: '加密.xlsx',
    bytes: async () =>
      Buffer.concat([Buffer.from(CFB), Buffer.alloc(504), utf16('EncryptionInfo'), utf16('EncryptedPackage')]),
    says: /工作簿已加密.*\(the workbook is password-protected/,
  },
  {
    // A large encrypted file may keep its directory (the stream names) after the encrypted data.
    file: '加密-大.xlsx',
    bytes: async () =>
      Buffer.concat([
        Buffer.from(CFB),
        Buffer.alloc(300_000, 0x45),
        utf16('EncryptedPackage'),
        utf16('EncryptionInfo'),
      ]),
    says: /工作簿已加密.*\(the workbook is password-protected/,
  },
  {
    file: '截断.xlsx',
    bytes: async () => {
      const whole = readFileSync(join(SAMPLES_DIR, 'qixia-2021.xlsx'));
      return whole.subarray(0, Math.floor(whole.length / 2));
    },
    says: /工作簿已损坏或不完整.*\(the workbook is corrupt or truncated\)/,
  },
  {
    file: '旧版.xls',
    bytes: async () => Buffer.concat([Buffer.from(CFB), Buffer.alloc(504), utf16('Workbook')]),
    says: /旧版 \.xls 文件.*\(this is a legacy \.xls file/,
  },
  {
    file: '空白.xlsx',
    bytes: async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Sheet1');
      wb.addWorksheet('Sheet2');
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
    says: /工作簿中没有任何数据/,
  },
  { file: '零字节.xlsx', bytes: async () => Buffer.alloc(0), says: /文件为空 \(the file is empty\)/ },
];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('jixiao on files that are not readable workbooks: exit 2, one clear line, nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bad-'));
  beforeAll(async () => {
    for (const b of BAD) writeFileSync(join(dir, b.file), await b.bytes());
  });

  it.each(BAD.map((b) => [b.file, b] as const))('check %s', async (_, b) => {
    const before = readdirSync(dir).sort();
    const { io, out, err } = capture();
    expect(await main(['check', join(dir, b.file)], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0].split('\n').filter(Boolean)).toHaveLength(1);
    expect(err[0]).toMatch(b.says);
    expect(err[0]).toContain(b.file);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it.each(BAD.map((b) => [b.file, b] as const))('score %s -o … writes no file', async (_, b) => {
    const before = readdirSync(dir).sort();
    const { io, out, err } = capture();
    expect(await main(['score', join(dir, b.file), '-o', join(dir, `scored-${b.file}.xlsx`)], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(b.says);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it.each(BAD.map((b) => [b.file, b] as const))('score %s --in-place leaves the input as it was', async (_, b) => {
    const bytes = readFileSync(join(dir, b.file));
    const before = readdirSync(dir).sort();
    const { io, out, err } = capture();
    expect(await main(['score', join(dir, b.file), '--in-place'], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(b.says);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readFileSync(join(dir, b.file)).equals(bytes)).toBe(true);
  });

  it('a readable workbook with no recognisable table says so, and what a header needs', async () => {
    // A meeting notice: text and a date, nothing any table family reads.
    const file = join(mkdtempSync(join(tmpdir(), 'jixiao-none-')), '会议通知.xlsx');
    writeFileSync(
      file,
      createXlsx([
        {
          name: '通知',
          rows: [
            [text('关于召开绩效评价工作会议的通知')],
            [text('时间'), text('2024年3月5日上午9时')],
            [text('地点'), text('三楼会议室')],
          ],
        },
      ]),
    );
    const { io, out } = capture();
    expect(await main(['check', file], io)).toBe(0);
    expect(out.join('\n')).toContain(
      '识别到 0 个表格：没有一张工作表像指标表、得分表、预算表、台账或自评表（表头需写明“一级指标”“分值”“得分”“预算”“日期”等列名）',
    );
  });

  it('in a batch, the readable workbooks are still checked and the unreadable ones listed', async () => {
    const batch = mkdtempSync(join(tmpdir(), 'jixiao-batch-'));
    copyFileSync(join(SAMPLES_DIR, 'qixia-2021.xlsx'), join(batch, 'qixia-2021.xlsx'));
    copyFileSync(join(dir, '截断.xlsx'), join(batch, '截断.xlsx'));
    const { io, out, err } = capture();
    expect(await main(['check', batch], io)).toBe(2);
    expect(err).toHaveLength(1);
    expect(out.join('\n')).toContain('超预算支付 0.993万元');
    expect(out.join('\n')).toContain('1 个无法读取');
  });

  it('the real process (bin/jixiao.js): check and score exit 2 on every one, one line on stderr, nothing on stdout, nothing written', async () => {
    const bin = join(__dirname, '..', 'bin', 'jixiao.js');
    const before = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = execFile(process.execPath, [bin, ...args], { encoding: 'utf8' }, (_, stdout, stderr) =>
          done({ code: child.exitCode, stdout, stderr }),
        );
      });
    // Every file through check; score (each case runs in-process above) on the two exceljs opens.
    const runs = await Promise.all([
      ...BAD.map((b) => run(['check', join(dir, b.file)]).then((r) => ({ b, how: 'check', ...r }))),
      ...BAD.filter((b) => /截断|空白/.test(b.file)).map((b) =>
        run(['score', join(dir, b.file), '--in-place']).then((r) => ({ b, how: 'score --in-place', ...r })),
      ),
    ]);
    for (const r of runs) {
      const lines = r.stderr.split('\n').filter(Boolean);
      expect({ run: `${r.how} ${r.b.file}`, code: r.code, stdout: r.stdout, lines: lines.length }).toEqual({
        run: `${r.how} ${r.b.file}`,
        code: 2,
        stdout: '',
        lines: 1,
      });
      expect(lines[0]).toMatch(r.b.says);
      expect(lines[0]).toMatch(/^jixiao: .*[\u4e00-\u9fff].*\(.*[a-z].*\)$/); // Chinese first, English in brackets after it
    }
    // Not a byte changed, no output file, no temporary file left next to the input.
    expect(readdirSync(dir).sort()).toEqual([...before.keys()].sort());
    for (const [f, bytes] of before) expect(readFileSync(join(dir, f)).equals(bytes)).toBe(true);
  }, 60_000);

  it('the real process exits 2 with the line on stderr (bin/jixiao.js)', () => {
    const run = spawnSync(
      process.execPath,
      [join(__dirname, '..', 'bin', 'jixiao.js'), 'check', join(dir, '旧版.xls')],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/旧版 \.xls/);
    // And a good file still exits by its findings (qixia-2021 has errors: 1).
    expect(() =>
      execFileSync(process.execPath, [
        join(__dirname, '..', 'bin', 'jixiao.js'),
        'check',
        join(SAMPLES_DIR, 'qixia-2021.xlsx'),
      ]),
    ).toThrow(expect.objectContaining({ status: 1 }));
  });
});
