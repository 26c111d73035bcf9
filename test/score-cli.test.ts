import { spawn } from 'child_process';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { main, type Io } from '../src/cli/main';
import { SAMPLES_DIR } from './helpers/fixtures';
import * as zip from '../src/xlsx/ooxml/zip';

// Each run reads and writes real workbooks; on a shared, busy machine that takes seconds.
jest.setTimeout(60_000);

function capture(): Io & { text: () => string } {
  const chunks: string[] = [];
  return {
    out: (s) => chunks.push(s),
    err: (s) => chunks.push(s),
    text: () => chunks.join('\n'),
  };
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
    wb.getWorksheet('农业嘉年华')!.getCell('H7').value = {
      formula: 'ROUND(E7/D7*F7,2)',
      result: 9.99,
    };
    await wb.xlsx.writeFile(input);
  });

  test('reads the workbook once: one unzip of the zip directory serves the read and the write', async () => {
    const reads = jest.spyOn(zip, 'readZipDirectory');
    try {
      expect(await main(['score', input, '-o', join(dir, 'once.xlsx')], capture())).toBe(0);
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  });

  test('writes the computed 得分 into the empty cell, skips the formula, leaves the input alone', async () => {
    const before = readFileSync(input);
    const mtime = statSync(input).mtimeMs;
    const io = capture();
    expect(await main(['score', input, '-o', out], io)).toBe(0);
    expect(io.text()).toContain('消费扶贫营销推广!H7: （空） → 9.98');
    expect(io.text()).toContain('跳过 农业嘉年华!H7 含公式');
    expect(await cellOf(out, '消费扶贫营销推广', 'H7')).toBe(9.98);
    expect(await cellOf(out, '农业嘉年华', 'H7')).toMatchObject({
      formula: 'ROUND(E7/D7*F7,2)',
    });
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

describe('score keeps files on disk safe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-disk-'));
  const input = join(dir, 'in.xlsx');
  let original: Buffer;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(SAMPLES_DIR, 'beijing-2020.xlsx'));
    wb.getWorksheet('消费扶贫营销推广')!.getCell('H7').value = null;
    await wb.xlsx.writeFile(input);
    original = readFileSync(input);
  });
  const fresh = (name: string) => {
    const p = join(dir, name);
    writeFileSync(p, original);
    return p;
  };
  const leftovers = () => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

  test('a symlink to the input, or another spelling of it, is the input: refused without --in-place, even with --force', async () => {
    const file = fresh('sym-in.xlsx');
    symlinkSync(file, join(dir, 'link.xlsx'));
    mkdirSync(join(dir, 'sub'), { recursive: true });
    for (const out of [join(dir, 'link.xlsx'), join(dir, 'sub', '..', 'sym-in.xlsx')]) {
      const io = capture();
      expect(await main(['score', file, '-o', out, '--force'], io)).toBe(2);
      expect(io.text()).toContain('--in-place');
    }
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  test('a hard link to the input is the input (same device and inode)', async () => {
    const file = fresh('hard-in.xlsx');
    linkSync(file, join(dir, 'hard.xlsx'));
    const io = capture();
    expect(await main(['score', file, '-o', join(dir, 'hard.xlsx'), '--force'], io)).toBe(2);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  test('-o onto an existing file is refused unless --force', async () => {
    const file = fresh('exist-in.xlsx');
    const out = join(dir, 'exist-out.xlsx');
    writeFileSync(out, 'keep me');
    const io = capture();
    expect(await main(['score', file, '-o', out], io)).toBe(2);
    expect(io.text()).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(await main(['score', file, '-o', out, '--force'], capture())).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(leftovers()).toEqual([]);
  });

  test('--in-place keeps the mode (0640) and every hard link of the file', async () => {
    const file = fresh('mode-in.xlsx');
    chmodSync(file, 0o640);
    const ino = statSync(file).ino;
    expect(await main(['score', file, '--in-place'], capture())).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(file).equals(original)).toBe(false);

    const linked = fresh('linked-in.xlsx');
    linkSync(linked, join(dir, 'linked-other.xlsx'));
    const linkedIno = statSync(linked).ino;
    expect(await main(['score', linked, '--in-place'], capture())).toBe(0);
    expect(statSync(linked).ino).toBe(linkedIno);
    expect(readFileSync(join(dir, 'linked-other.xlsx')).equals(readFileSync(linked))).toBe(true);
    expect(readFileSync(linked).equals(original)).toBe(false);
    expect(statSync(file).ino).not.toBe(ino); // one link: replaced atomically by a rename
    expect(leftovers()).toEqual([]);
  });

  test('nothing to write: no file is written, in place the file is untouched, and the run says so', async () => {
    const first = join(dir, 'noop-first.xlsx');
    expect(await main(['score', fresh('noop-in.xlsx'), '-o', first], capture())).toBe(0);
    const bytes = readFileSync(first);
    const mtime = statSync(first).mtimeMs;
    const io = capture();
    expect(await main(['score', first, '--in-place'], io)).toBe(0);
    expect(io.text()).toContain('未写入文件');
    expect(readFileSync(first).equals(bytes)).toBe(true);
    expect(statSync(first).mtimeMs).toBe(mtime);
    const out = join(dir, 'noop-out.xlsx');
    expect(await main(['score', first, '-o', out], capture())).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  test('protected sheets are not written and are listed as skipped', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    await wb.getWorksheet('消费扶贫营销推广')!.protect('pw', {});
    const file = join(dir, 'protected.xlsx');
    await wb.xlsx.writeFile(file);
    const io = capture();
    expect(await main(['score', file, '-o', join(dir, 'protected-out.xlsx'), '--json'], io)).toBe(0);
    const report = JSON.parse(io.text());
    expect(report.written.filter((p: { sheet: string }) => p.sheet === '消费扶贫营销推广')).toEqual([]);
    expect(
      report.skipped.some(
        (s: { reason: string; message: string }) =>
          s.reason === 'protected' && s.message.includes('消费扶贫营销推广!H7'),
      ),
    ).toBe(true);
  });

  test('--overwrite never replaces a formula whose value already is the proposed value', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    wb.getWorksheet('消费扶贫营销推广')!.getCell('H7').value = {
      formula: 'ROUND(E7/D7*F7,2)',
      result: 9.98,
    };
    const file = join(dir, 'right-formula.xlsx');
    await wb.xlsx.writeFile(file);
    const io = capture();
    const out = join(dir, 'right-formula-out.xlsx');
    expect(await main(['score', file, '-o', out, '--overwrite', '--json'], io)).toBe(0);
    const report = JSON.parse(io.text());
    expect(
      report.written.some((p: { cell: string; sheet: string }) => p.sheet === '消费扶贫营销推广' && p.cell === 'H7'),
    ).toBe(false);
    if (existsSync(out))
      expect(await cellOf(out, '消费扶贫营销推广', 'H7')).toMatchObject({
        formula: 'ROUND(E7/D7*F7,2)',
      });
  });

  test('SIGINT or SIGTERM while the temporary file is written: it is removed, no output appears, the input is intact', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const file = fresh(`sig-${signal}.xlsx`);
      const out = join(dir, `sig-${signal}-out.xlsx`);
      const child = spawn(process.execPath, [join(__dirname, '..', 'bin', 'jixiao.js'), 'score', file, '-o', out], {
        env: { ...process.env, JIXIAO_TEST_PAUSE_BEFORE_RENAME_MS: '20000' },
        stdio: 'ignore',
      });
      const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, sig) => done(sig)));
      // Wait until the temporary file exists: the write is under way.
      for (let i = 0; i < 600 && leftovers().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(leftovers()).toHaveLength(1);
      child.kill(signal);
      expect(await exited).toBe(signal);
      expect(leftovers()).toEqual([]);
      expect(existsSync(out)).toBe(false);
      expect(readFileSync(file).equals(original)).toBe(true);
    }
  }, 180_000);
});
