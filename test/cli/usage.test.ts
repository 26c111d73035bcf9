import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main, type Io } from '../../src/cli/main';
import { USAGE } from '../../src/cli/options';
import { SAMPLES_DIR } from '../helpers/fixtures';

function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => out.push(s), err: (s) => err.push(s) }, out, err };
}

const QIXIA = join(SAMPLES_DIR, 'qixia-2021.xlsx');

describe('help', () => {
  it.each([
    [['--help']],
    [['-h']],
    [['help']],
    [['check', '--help']],
    [['score', '-h']],
    [['check', 'x.xlsx', '--help']],
  ])('jixiao %j prints the usage and exits 0', async (argv) => {
    const { io, out, err } = capture();
    expect(await main(argv, io)).toBe(0);
    expect(out).toEqual([USAGE]);
    expect(err).toEqual([]);
  });

  it('the usage names every option the parser accepts and the exit codes', () => {
    for (const flag of [
      '--json',
      '--format',
      '--report',
      '--all',
      '--no-recurse',
      '--jobs',
      '--settings',
      '--exit-zero',
      '-o',
      '--formulas',
      '--overwrite',
      '--in-place',
    ])
      expect(USAGE).toContain(flag);
    expect(USAGE).toMatch(/退出码[\s\S]*0[\s\S]*1[\s\S]*2[\s\S]*130/);
  });

  it('no arguments: the usage on stderr, exit 2', async () => {
    const { io, out, err } = capture();
    expect(await main([], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([USAGE]);
  });
});

/** Every error a user can cause: exit 2, one line, Chinese then English, no Node error name, no temporary path. */
describe('user-caused errors: one Chinese + English line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-usage-'));
  mkdirSync(join(dir, '文件夹'));
  writeFileSync(join(dir, '坏.json'), '{ "scorePlaces": 2,, }');
  writeFileSync(join(dir, '字段.json'), JSON.stringify({ scorePlaces: 'two' }));

  const CASES: [string, string[], RegExp][] = [
    ['a missing file', ['check', join(dir, '没有.xlsx')], /没有\.xlsx: 文件不存在 \(file not found\)/],
    ['a missing folder', ['check', join(dir, '没有的文件夹')], /文件不存在 \(file not found\)/],
    [
      'a folder given to -o',
      ['score', QIXIA, '-o', join(dir, '文件夹')],
      /-o .*文件夹 是一个文件夹，请给出文件名.*\(-o names a folder; give a file name\)/,
    ],
    [
      '-o into a folder that does not exist',
      ['score', QIXIA, '-o', join(dir, '无', 'x.xlsx')],
      /所在文件夹不存在 \(-o: the folder does not exist\)/,
    ],
    [
      'a folder given to --report',
      ['check', QIXIA, '--report', join(dir, '文件夹')],
      /--report .*是一个文件夹.*\(--report names a folder/,
    ],
    [
      'a missing settings file',
      ['check', QIXIA, '--settings', join(dir, '无.json')],
      /无法读取设置文件 .*无\.json：文件不存在 \(cannot read settings file: file not found\)/,
    ],
    [
      'a settings file that is not JSON',
      ['check', QIXIA, '--settings', join(dir, '坏.json')],
      /设置文件 .*坏\.json 不是有效的 JSON \(the settings file is not valid JSON\)/,
    ],
    [
      'a settings folder',
      ['check', QIXIA, '--settings', join(dir, '文件夹')],
      /无法读取设置文件 .*：这是一个文件夹，不是文件 \(cannot read settings file: is a folder, not a file\)/,
    ],
    ['an unknown option', ['check', QIXIA, '--fast'], /未知选项 --fast \(unknown option\)/],
    ['an unknown command', ['chek', QIXIA], /未知命令 chek \(unknown command\)/],
    ['a bad --jobs', ['check', QIXIA, '--jobs', '0'], /--jobs 需要一个正整数 \(--jobs needs a positive whole number\)/],
    ['a word for --jobs', ['check', QIXIA, '--jobs', 'all'], /--jobs 需要一个正整数/],
    ['a bad --format', ['check', QIXIA, '--format', 'xml'], /--format 只能是 text、json 或 csv/],
  ];

  it.each(CASES)('%s', async (_, argv, says) => {
    const before = readdirSync(dir).sort();
    const { io, out, err } = capture();
    expect(await main(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0].trimEnd().split('\n')).toHaveLength(1);
    expect(err[0]).toMatch(says);
    expect(err[0]).toMatch(/^jixiao: .*[\u4e00-\u9fff].*\(.*[a-z].*\)/);
    expect(err[0]).not.toMatch(/\bE[A-Z]{3,}\b|\.tmp|Error:|at .*\.ts:/);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('a bad field in the settings falls back to its default with one warning line, and the check runs', async () => {
    const { io, out, err } = capture();
    expect(await main(['check', QIXIA, '--settings', join(dir, '字段.json')], io)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^jixiao: .*字段\.json: 设置 scorePlaces 无效.*已使用默认值 \(invalid setting scorePlaces, default used\)$/,
    );
    expect(out.join('\n')).toContain('识别到 6 个表格');
  });

  it('the real process: a folder given to -o and a missing path, one line each, exit 2', () => {
    const bin = join(__dirname, '..', '..', 'bin', 'jixiao.js');
    for (const args of [
      ['score', QIXIA, '-o', join(dir, '文件夹')],
      ['check', join(dir, '没有.xlsx')],
    ]) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/ENOENT|EISDIR|\.tmp/);
    }
  }, 60_000);
});
