import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/*
 * bin/jixiao.js runs the bundled CLI (dist/cli/jixiao.js) when it is at least as new as every file
 * under src/, the TypeScript sources through tsx when some source is newer (an edit is never hidden
 * behind a stale build), and says how to build when there is neither. Checked on a copy of the
 * launcher beside stand-in bundles and sources that say which one ran.
 */

const ROOT = join(__dirname, '..');

function layout(parts: { bundle?: Date; source?: Date }): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-launcher-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'jixiao.js'), join(dir, 'bin', 'jixiao.js'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  if (parts.bundle) {
    mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
    const file = join(dir, 'dist', 'cli', 'jixiao.js');
    writeFileSync(file, "exports.main = async () => { process.stdout.write('bundle\\n'); return 0; };\n");
    utimesSync(file, parts.bundle, parts.bundle);
  }
  if (parts.source) {
    mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
    const file = join(dir, 'src', 'cli', 'main.ts');
    writeFileSync(
      file,
      "export async function main(args: string[]): Promise<number> { process.stdout.write(`source ${args.join(' ')}\\n`); return 0; }\n",
    );
    utimesSync(file, parts.source, parts.source);
  }
  return dir;
}

function run(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'jixiao.js'), ...args], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const earlier = new Date('2026-01-01T00:00:00Z');
const later = new Date('2026-06-01T00:00:00Z');

test('a bundle newer than every source runs', () => {
  expect(run(layout({ bundle: later, source: earlier }), 'check')).toMatchObject({ status: 0, stdout: 'bundle\n' });
});

test('a source edited after the bundle was built runs from src/ through tsx', () => {
  expect(run(layout({ bundle: earlier, source: later }), 'check', 'a.xlsx')).toMatchObject({
    status: 0,
    stdout: 'source check a.xlsx\n',
  });
});

test('an installed copy without src/ runs its bundle', () => {
  expect(run(layout({ bundle: earlier }))).toMatchObject({ status: 0, stdout: 'bundle\n' });
});

test('neither a bundle nor sources: exit 2 and how to build it, in Chinese and English', () => {
  const r = run(layout({}));
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/请先运行 npm run build:cli .*run npm run build:cli/);
});

test('the bundle build:cli makes reports on the samples exactly what the sources report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bundle-'));
  try {
    const outfile = join(dir, 'jixiao.js');
    // The same options as package.json's build:cli, into a temp file (dist/ is left alone).
    const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['build:cli'] as string;
    const args = script
      .split(/\s+/)
      .slice(1)
      .map((a) => (a.startsWith('--outfile=') ? `--outfile=${outfile}` : a));
    const built = spawnSync(join(ROOT, 'node_modules', '.bin', 'esbuild'), args, { cwd: ROOT, encoding: 'utf8' });
    expect(built.status).toBe(0);
    const report = (entry: string) => {
      const r = spawnSync(
        process.execPath,
        [
          '-e',
          `${entry}.main(['check', '--json', '--all', '--exit-zero', 'assets/samples']).then((c) => (process.exitCode = c))`,
        ],
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout) as { files: { findings: unknown[] }[] };
    };
    const fromBundle = report(`require(${JSON.stringify(outfile)})`);
    const fromSource = report(`(require('tsx/cjs'), require('./src/cli/main.ts'))`);
    expect(fromBundle).toEqual(fromSource);
    expect(fromBundle.files.flatMap((f) => f.findings).length).toBeGreaterThan(20);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
