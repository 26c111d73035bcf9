/**
 * The task pane's first paint: builds the production bundle into a temp dir and reports, per file,
 * its size and gzip size (zlib level 9), which file the page loads first (taskpane.js) and which load
 * when first needed (the engine chunk), and what the first file is made of, by package (bytes of the
 * minified file attributed through its source map). Builds what it measures (webpack into a temp dir: no
 * `npm run build` needed first) and writes its region of BENCH.md (bench/sections.ts); run by `npm run bench`,
 * or alone: npx tsx bench/bundle.ts. With `--no-build DIR` it reports on a build already in DIR and only prints.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { benchOnly, writeSection } from './sections';

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
    `First paint (taskpane.js, gzip): **${kb(firstPaintGzip)} KiB** (budget ${FIRST_PAINT_BUDGET_KB} KiB: ` +
      `${firstPaintGzip <= FIRST_PAINT_BUDGET_KB * 1024 ? 'within' : '**over**'}); every chunk together: ${kb(allGzip)} KiB.`,
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

/** Before issue 15's split: one taskpane.js of this many bytes gzip (BENCH.md section 4 of that time). */
const BEFORE_SPLIT_GZIP = 304_397;

/**
 * `webpack --mode production --config-name taskpane` into `outDir`, with a hidden source map
 * (taskpane.js.map without a reference comment, so the .js is what `npm run build` ships).
 */
export function buildTaskpane(outDir: string): void {
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
    { cwd: ROOT, stdio: 'ignore' },
  );
}

function main(): void {
  const only = benchOnly();
  if (only && !only.includes('bundle')) return;
  const given = process.argv.indexOf('--no-build');
  if (given >= 0) {
    // A build someone made (it needs taskpane.js.map beside taskpane.js): printed, BENCH.md left alone.
    console.log(bundleReport(process.argv[given + 1]).lines.join('\n'));
    return;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'jixiao-bundle-'));
  try {
    const t = process.hrtime.bigint();
    buildTaskpane(outDir);
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const lines = [
      '## 4. Task pane first paint (bench/bundle.ts)',
      '',
      "Issue 15: the festival dates are a generated table (no lunar-typescript), the engine, zod, the Excel adapter and each panel load as their own chunks after the pane's frame has painted. " +
        `Before the split the pane was one taskpane.js of ${BEFORE_SPLIT_GZIP.toLocaleString('en-US')} B gzip (${(BEFORE_SPLIT_GZIP / 1024).toFixed(0)} KiB). ` +
        `Now, \`webpack --mode production --config-name taskpane\` into a temp dir (dist/ left alone; ${seconds.toFixed(1)} s, ` +
        `${new Date().toISOString().slice(0, 10)}, load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' / ')}):`,
      '',
      ...bundleReport(outDir).lines,
    ];
    console.log(lines.join('\n'));
    if (!only) writeSection('bundle', lines);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (require.main === module) main();
