/**
 * The task pane's first paint: builds the production bundle into a temp dir and reports, per file,
 * its size and gzip size (zlib level 9), which file the page loads first (taskpane.js) and which load
 * when first needed (the engine chunk), and what the first file is made of, by package (bytes of the
 * minified file attributed through its source map). Run: npx tsx bench/bundle.ts [--no-build DIR]
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';

const ROOT = join(__dirname, '..');
export const FIRST_PAINT_BUDGET_KB = 120;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function segments(lineMap: string): number[][] {
  return lineMap
    .split(',')
    .filter(Boolean)
    .map((seg) => {
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      return fields;
    });
}

/** Minified bytes per package of one bundle file. */
export function bytesByPackage(code: string, map: { sources: string[]; mappings: string }): Map<string, number> {
  const by = new Map<string, number>();
  const add = (k: string, n: number) => by.set(k, (by.get(k) ?? 0) + n);
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((lineMap, lineNo) => {
    const text = lines[lineNo] ?? '';
    let col = 0;
    const segs: { col: number; source?: number }[] = [];
    for (const f of segments(lineMap)) {
      col += f[0];
      if (f.length >= 4) segs.push({ col, source: (source += f[1]) });
      else segs.push({ col });
    }
    segs.forEach((g, i) => {
      const end = i + 1 < segs.length ? segs[i + 1].col : text.length;
      add(
        g.source === undefined ? '(webpack runtime)' : packageOf(map.sources[g.source]),
        Buffer.byteLength(text.slice(g.col, end)),
      );
    });
    if (segs.length === 0) add('(webpack runtime)', Buffer.byteLength(text));
  });
  return by;
}

function packageOf(source: string): string {
  const m = /node_modules[\\/]((@[^\\/]+[\\/])?[^\\/]+)/.exec(source);
  if (m) return m[1];
  const src = /src\/([^/]+)\//.exec(source);
  return src ? `jixiao src/${src[1]}/` : 'other';
}

const kb = (n: number) => (n / 1024).toFixed(1);

export function bundleReport(outDir: string): { lines: string[]; firstPaintGzip: number } {
  const lines: string[] = ['| file | loads | size | gzip (zlib level 9) |', '|---|---|---:|---:|'];
  let firstPaintGzip = 0;
  for (const f of readdirSync(outDir)
    .filter((x) => x.endsWith('.js'))
    .sort((a, b) => (a === 'taskpane.js' ? -1 : b === 'taskpane.js' ? 1 : a.localeCompare(b)))) {
    const body = readFileSync(join(outDir, f));
    const gz = gzipSync(body, { level: 9 }).length;
    if (f === 'taskpane.js') firstPaintGzip = gz;
    lines.push(
      `| ${f} | ${f === 'taskpane.js' ? 'first paint (the frame: title, tabs, spinner)' : 'after the first paint (engine, panels, Excel adapter: fetched in parallel)'} | ${kb(body.length)} KiB | ${kb(gz)} KiB |`,
    );
  }
  const allGzip = readdirSync(outDir)
    .filter((x) => x.endsWith('.js'))
    .reduce((n, f) => n + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0);
  lines.push(
    '',
    `First paint (taskpane.js, gzip): **${kb(firstPaintGzip)} KiB** (budget ${FIRST_PAINT_BUDGET_KB} KiB); every chunk together: ${kb(allGzip)} KiB.`,
    '',
  );
  const code = readFileSync(join(outDir, 'taskpane.js'), 'utf8');
  const map = JSON.parse(readFileSync(join(outDir, 'taskpane.js.map'), 'utf8')) as {
    sources: string[];
    mappings: string;
  };
  const by = [...bytesByPackage(code, map)].sort((a, b) => b[1] - a[1]);
  lines.push('| taskpane.js by package | minified KiB |', '|---|---:|');
  for (const [p, n] of by.slice(0, 14)) lines.push(`| ${p} | ${kb(n)} |`);
  lines.push(`| ${Math.max(0, by.length - 14)} other packages | ${kb(by.slice(14).reduce((s, [, n]) => s + n, 0))} |`);
  return { lines, firstPaintGzip };
}

if (require.main === module) {
  const given = process.argv.indexOf('--no-build');
  const outDir = given >= 0 ? process.argv[given + 1] : mkdtempSync(join(tmpdir(), 'jixiao-bundle-'));
  if (given < 0)
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'),
        '--mode',
        'production',
        '--config-name',
        'taskpane',
        '--output-path',
        outDir,
        '--devtool',
        'hidden-source-map',
      ],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
  console.log(bundleReport(outDir).lines.join('\n'));
}
