/**
 * `npm run bench`: how the engine, the CLI, the Excel adapter and the task pane bundle scale.
 * Writes BENCH.md (with the machine it ran on). Timings are medians of several runs; nothing here
 * is asserted: the figures are for reading, and the tests stay free of timing.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'fs';
import { cpus, totalmem, tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../src/engine/analyze';
import { planWorkbookScores } from '../src/engine/score';
import type { SheetInput, WorkbookInput } from '../src/engine/model/sheet';
import { readWorkbookBytes } from '../src/xlsx/read';
import { CELLS_PER_SYNC, ExcelPort } from '../src/excel/port';
import { budgetSheet, indicatorSheet, ledgerSheet, type BudgetRow, type Group, type Payment, type Placement } from '../test/robustness/arbitraries';
import { FakeExcel, FakeSettings } from '../test/excel/fakeExcel';

const ROOT = join(__dirname, '..');
const AT: Placement = { top: 2, left: 1, gapRows: [], gapCols: [], hidden: [] };
const FESTIVALS = ['春节', '端午节', '中秋节', '国庆节'];
const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(runs: number, f: () => void): number {
  f(); // warm-up: JIT and lazy data (holiday tables) are not what we measure
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

// ── generated tables ───────────────────────────────────────────────────────────────────────────
function indicatorTree(leaves: number): Group[] {
  const groups: Group[] = [];
  const perGroup = Math.ceil(leaves / 4);
  for (let g = 0; g < 4; g++) {
    const children: { name: string; weight: number; score: number; note: string }[][] = [];
    for (let made = 0; made < perGroup && g * perGroup + made < leaves; made += 5) {
      children.push(
        Array.from({ length: Math.min(5, perGroup - made) }, (_, k) => ({
          name: `指标${g + 1}-${made + k + 1}`,
          weight: 2,
          score: (made + k) % 7 === 0 ? 1.5 : 2,
          note: (made + k) % 7 === 0 ? '资料不全，扣0.5分' : '',
        })),
      );
    }
    groups.push({ name: ['决策', '过程', '产出', '效益'][g], children });
  }
  return groups;
}

function budgetRows(n: number): BudgetRow[] {
  return Array.from({ length: n }, (_, i) => ({ unit: `单位${i + 1}`, budget: 100 + (i % 50), actual: 99 + ((i * 7) % 52) / 1.3 }));
}

function paymentRows(n: number): Payment[] {
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2021, 0, 1) + (i % 365) * 86_400_000);
    return { date: day.toISOString().slice(0, 10), amount: ((i * 37) % 5000) / 100 + 0.01, festival: FESTIVALS[i % FESTIVALS.length] };
  });
}

const wb = (sheet: SheetInput): WorkbookInput => ({ name: 'bench.xlsx', sheets: [sheet] });

function engineSection(): void {
  say('## Engine alone (generated data, no file IO)');
  say();
  say('| input | cells | tables found | findings | analyse (median) | plan scores (median) |');
  say('|---|---:|---|---:|---:|---:|');
  const cases: [string, WorkbookInput, number][] = [
    ['indicator table, 2,000 leaves', wb(indicatorSheet('得分表', indicatorTree(2000), AT).sheet), 5],
    ['budget table, 5,000 rows', wb(budgetSheet('预算资金', budgetRows(5000), AT).sheet), 5],
    ['ledger, 100,000 payments', wb(ledgerSheet('拨付台账', paymentRows(100_000), AT).sheet), 3],
  ];
  for (const [label, input, runs] of cases) {
    const a = analyzeWorkbook(input);
    const kinds = [...new Set(a.tables.map((t) => t.kind))].join(', ') || '**none**';
    const analyse = timeIt(runs, () => analyzeWorkbook(input));
    const score = timeIt(runs, () => planWorkbookScores(input));
    say(`| ${label} | ${input.sheets[0].cells.length.toLocaleString('en-US')} | ${kinds} | ${a.findings.length} | ${ms(analyse)} ms | ${ms(score)} ms |`);
  }
  say();
  say('Growth with ledger rows (analyse, median of 3):');
  say();
  say('| rows | ms | ms per 1,000 rows |');
  say('|---:|---:|---:|');
  const perK: number[] = [];
  for (const n of [10_000, 25_000, 50_000, 100_000]) {
    const input = wb(ledgerSheet('拨付台账', paymentRows(n), AT).sheet);
    const t = timeIt(3, () => analyzeWorkbook(input));
    perK.push(t / (n / 1000));
    say(`| ${n.toLocaleString('en-US')} | ${ms(t)} | ${ms(t / (n / 1000))} |`);
  }
  // Small runs carry fixed costs (header scans, warm caches), so per-row cost may fall with size;
  // what must not happen is the largest run costing more per row than the smaller ones.
  const growth = perK[perK.length - 1] / Math.min(...perK.slice(0, -1));
  say();
  say(
    `Cost per 1,000 rows at 100k is ${growth.toFixed(2)}× the cheapest smaller run: ${growth <= 1.5 ? 'linear (no step grows faster than the rows)' : 'NOT linear — look for a quadratic step'}.`,
  );
  say();
}

// ── CLI against exceljs ──────────────────────────────────────────────────────────────────────────
async function writeLedger(file: string, rows: number): Promise<void> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('拨付台账');
  ws.addRow(['走访慰问资金拨付台账']);
  ws.addRow(['日期', '凭证号', '付款单位', '收款单位', '用途', '对应节日', '金额（万元）']);
  paymentRows(rows).forEach((p, k) => {
    const row = ws.addRow([new Date(`${p.date}T00:00:00Z`), `记-${100 + k}`, '栖霞市民政局', '官道镇人民政府', `${p.festival}走访慰问`, p.festival, p.amount]);
    row.getCell(1).numFmt = 'yyyy-mm-dd';
  });
  await book.xlsx.writeFile(file);
}

function child(args: string[]): { ms: number; maxRssMb: number; stdout: string } {
  const t = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', join(__dirname, 'maxrss.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const elapsed = Number(process.hrtime.bigint() - t) / 1e6;
  const kb = Number(/JIXIAO_MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN);
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 400)}`);
  return { ms: elapsed, maxRssMb: kb / 1024, stdout: run.stdout };
}

async function cliSection(): Promise<void> {
  say('## CLI `check` on a 100,000-row ledger workbook against exceljs alone');
  say();
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const file = join(dir, 'ledger-100k.xlsx');
  await writeLedger(file, 100_000);
  const size = statSync(file).size;
  const runs = 3;
  const cli: ReturnType<typeof child>[] = [];
  const base: ReturnType<typeof child>[] = [];
  for (let i = 0; i < runs; i++) {
    base.push(child([join(__dirname, 'exceljs-read.js'), file]));
    cli.push(child([join(ROOT, 'bin', 'jixiao.js'), 'check', '--exit-zero', file]));
  }
  const startup = median(Array.from({ length: 3 }, () => child([join(ROOT, 'bin', 'jixiao.js'), '--help']).ms));
  const cliMs = median(cli.map((c) => c.ms));
  const baseMs = median(base.map((c) => c.ms));
  say(`Workbook: ${(size / 1e6).toFixed(1)} MB, 100,002 rows × 7 columns. Child processes, median of ${runs}.`);
  say();
  say('| process | wall time | peak memory (maxRSS) |');
  say('|---|---:|---:|');
  say(`| \`node bench/exceljs-read.js\` (exceljs reads the file) | ${ms(baseMs)} ms | ${Math.max(...base.map((c) => c.maxRssMb)).toFixed(0)} MB |`);
  say(`| \`jixiao check\` (read + detect + check + report) | ${ms(cliMs)} ms | ${Math.max(...cli.map((c) => c.maxRssMb)).toFixed(0)} MB |`);
  say(`| \`jixiao --help\` (start-up: node + tsx compiling the CLI) | ${ms(startup)} ms | |`);
  say();
  say(`**Ratio CLI / exceljs read: ${(cliMs / baseMs).toFixed(2)}×** (target ≤ 1.3×); without the CLI's start-up: ${((cliMs - startup) / baseMs).toFixed(2)}×.`);
  say();
  // In one process, to separate reading from the engine.
  const bytes = new Uint8Array(readFileSync(file));
  const t0 = process.hrtime.bigint();
  const input = await readWorkbookBytes(bytes, 'ledger-100k.xlsx');
  const tLoad = Number(process.hrtime.bigint() - t0) / 1e6;
  const tAnalyse = timeIt(2, () => analyzeWorkbook(input));
  say(`In one process: reading to cells ${ms(tLoad)} ms (exceljs + conversion), the engine ${ms(tAnalyse)} ms (${((tAnalyse / tLoad) * 100).toFixed(0)}% of reading).`);
  say();
}

// ── Excel adapter: syncs per action ─────────────────────────────────────────────────────────────
async function adapterSection(): Promise<void> {
  say('## Excel adapter: `context.sync()` per action');
  say();
  say('ExcelPort over the office-addin-mock fake workbook of the tests (`test/excel/fakeExcel.ts`), a ledger of N rows × 7 columns.');
  say();
  say('| rows | read all (desktop) | read all (web, ≤ 80,000 cells a sync) | write back 10 cells | mark 10 cells | clear marks | add 问题清单 sheet |');
  say('|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of [100, 10_000, 100_000]) {
    const excel = FakeExcel.fromInput(wb(ledgerSheet('拨付台账', paymentRows(n), AT).sheet));
    const portFor = (cellsPerSync: number) => new ExcelPort({ run: excel.run, settings: new FakeSettings(), isSetSupported: () => true, workbookName: 'bench.xlsx', cellsPerSync });
    const port = portFor(CELLS_PER_SYNC);
    const count = async (f: () => Promise<unknown>) => {
      excel.syncs = 0;
      await f();
      return excel.syncs;
    };
    const readDesktop = await count(() => portFor(Number.POSITIVE_INFINITY).read('all'));
    const read = await count(() => port.read('all'));
    const cells = Array.from({ length: 10 }, (_, i) => `I${i + 3}`);
    const write = await count(() => port.apply(cells.map((cell) => ({ sheet: '拨付台账', cell, value: 1, purpose: 'note' as const }))));
    const mark = await count(() => port.highlight(cells.map((cell) => ({ sheet: '拨付台账', cell, severity: 'warning' as const }))));
    const clear = await count(() => port.clearHighlights());
    const add = await count(() => port.addSheet({ name: '问题清单', rows: [['序号', '说明'], [1, '示例']] }));
    say(`| ${n.toLocaleString('en-US')} | ${readDesktop} | ${read} | ${write} | ${mark} | ${clear} | ${add} |`);
  }
  say();
}

// ── Task pane bundle ───────────────────────────────────────────────────────────────────────────
function bundleSection(): void {
  say('## Task pane production bundle');
  say();
  const outDir = mkdtempSync(join(tmpdir(), 'jixiao-bundle-'));
  const stats = JSON.parse(
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production', '--config-name', 'taskpane', '--output-path', outDir, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as { children?: { modules?: { name: string; size: number }[] }[]; modules?: { name: string; size: number }[] };
  const js = readdirSync(outDir).filter((f) => f.endsWith('.js'));
  say('| file | size | gzip |');
  say('|---|---:|---:|');
  for (const f of js) {
    const body = readFileSync(join(outDir, f));
    say(`| ${f} | ${(body.length / 1024).toFixed(0)} KiB | ${(gzipSync(body).length / 1024).toFixed(0)} KiB |`);
  }
  const modules = stats.children?.[0]?.modules ?? stats.modules ?? [];
  const byPackage = new Map<string, number>();
  for (const m of modules) {
    const pkg = /node_modules[\\/]((@[^\\/]+[\\/])?[^\\/]+)/.exec(m.name)?.[1] ?? (m.name.includes('./src/') ? 'jixiao src/' : m.name.slice(0, 40));
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + m.size);
  }
  say();
  say('Largest inputs (module source webpack read, before tree-shaking and minification — most of @fluentui/react-icons is dropped):');
  say();
  say('| package | KiB |');
  say('|---|---:|');
  for (const [pkg, size] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8)) say(`| ${pkg} | ${(size / 1024).toFixed(0)} |`);
  say();
}

async function main(): Promise<void> {
  const cpu = cpus();
  say('# jixiao benchmark');
  say();
  say(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` on ${cpu[0]?.model ?? 'unknown CPU'} (${cpu.length} cores), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}.`);
  say();
  for (const section of [engineSection, cliSection, adapterSection, bundleSection]) {
    try {
      await section();
    } catch (e) {
      say(`**${section.name} failed:** ${(e as Error).message.split('\n')[0]}`);
      say();
    }
  }
  writeFileSync(join(ROOT, 'BENCH.md'), out.join('\n'));
}

void main();
