import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { findOnPath, libreOfficeConverter } from '../../src/cli/convert';
import { main, type Io } from '../../src/cli/main';
import { SAMPLES_DIR } from '../helpers/fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'cli');

/**
 * The LibreOffice route as the CLI takes it when `soffice` is on PATH, with a stand-in `soffice`
 * (a shell script) that records its arguments and writes qingdao's workbook where LibreOffice
 * would write the converted file: `--outdir DIR`, named after the input with .xlsx.
 */
const describeOnPosix = process.platform === 'win32' ? describe.skip : describe;

describeOnPosix('old .xls through soffice found on PATH', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-soffice-'));
  const bin = join(dir, 'bin');
  const log = join(dir, 'args.log');
  const folder = join(dir, '同事');
  const savedPath = process.env.PATH;

  beforeAll(() => {
    mkdirSync(bin);
    mkdirSync(join(folder, '二科'), { recursive: true });
    copyFileSync(join(FIXTURES, '旧版.xls'), join(folder, '二科', '2019.xls'));
    copyFileSync(join(FIXTURES, '旧版.xls'), join(folder, '2019.xls')); // the same name in another folder
    const script = [
      '#!/bin/sh',
      `printf '%s\\n' "$@" >> '${log}'`,
      'out=""; prev=""; last=""',
      'for a in "$@"; do if [ "$prev" = "--outdir" ]; then out="$a"; fi; prev="$a"; last="$a"; done',
      'name=$(basename "$last"); name="${name%.*}.xlsx"',
      `cp '${join(SAMPLES_DIR, 'qingdao-2020.xlsx')}' "$out/$name"`,
    ].join('\n');
    writeFileSync(join(bin, 'soffice'), `${script}\n`);
    chmodSync(join(bin, 'soffice'), 0o755);
  });
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('findOnPath finds an executable and nothing else', async () => {
    expect(await findOnPath('soffice', [join(dir, 'none'), bin].join(delimiter))).toBe(join(bin, 'soffice'));
    expect(await findOnPath('soffice', join(dir, 'none'))).toBeUndefined();
    writeFileSync(join(dir, 'soffice'), 'not executable');
    expect(await findOnPath('soffice', dir)).toBeUndefined();
  });

  it('no soffice on PATH: no converter', async () => {
    process.env.PATH = join(dir, 'none');
    expect(await libreOfficeConverter()).toBeUndefined();
  });

  it('converts each .xls headless into a temporary folder of its own, checks it under its own name, removes the folder', async () => {
    process.env.PATH = `${bin}${delimiter}${savedPath}`;
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
    expect(await main(['check', folder, '--json', '--jobs', '1'], io)).toBe(1); // qingdao has errors
    const files = (JSON.parse(out.join('')) as { files: { file: string; error?: string; findings: unknown[] }[] })
      .files;
    expect(files.map((f) => f.file)).toEqual([join(folder, '2019.xls'), join(folder, '二科', '2019.xls')]);
    expect(files.every((f) => !f.error && f.findings.length > 0)).toBe(true);
    expect(err).toEqual([]);
    const args = readFileSync(log, 'utf8').trim().split('\n');
    const runs = args.filter((a) => a === '--headless').length;
    expect(runs).toBe(2);
    expect(args.slice(1, 5)).toEqual(['--headless', '--convert-to', 'xlsx', '--outdir']);
    expect(args[0]).toMatch(/^-env:UserInstallation=file:\/\//);
    const outDirs = args.filter((_, i) => args[i - 1] === '--outdir');
    expect(new Set(outDirs).size).toBe(2);
    for (const d of outDirs) expect(existsSync(d)).toBe(false);
  });
});
