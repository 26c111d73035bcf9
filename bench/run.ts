/**
 * `npm run bench` (`tsx bench/run.ts`, first of the bench scripts): how the engine, the CLI, the Excel adapter
 * scale (the task pane bundle: bench/bundle.ts). Writes its own region of BENCH.md (bench/sections.ts: the other scripts'
 * regions and any hand-written text stay), with the machine it ran on. Timings are medians of
 * several runs, each after a forced GC; nothing is asserted: the figures are for reading, and the
 * tests stay free of timing. Each section reports its own failure instead of stopping the others.
 *
 * Generated inputs come from bench/generate.ts and are checked to be recognised (table kind and
 * size) before they are timed: a benchmark of a table the detector missed measures nothing.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'os';
import { join } from 'path';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../src/engine/analyze';
import { planWorkbookScores } from '../src/engine/score';
import { sheetCells, type WorkbookInput } from '../src/engine/model/sheet';
import type { Table } from '../src/engine/tables';
import type { IndicatorNode } from '../src/engine/indicator/types';
import { readXlsxBytes } from '../src/xlsx/read';
import { strToU8, zipSync } from 'fflate';
import { CELLS_PER_SYNC, ExcelPort } from '../src/excel/port';
import { FakeExcel, FakeSettings } from '../test/excel/fakeExcel';
import { buildXlsx, worksheetXml } from '../test/helpers/xlsx';
import { LEDGER_HEADER, LEDGER_TITLE, budgetWorkbook, indicatorWorkbook, ledgerWorkbook, payments } from './generate';
import { ROOT, buildCli, child, median, type ChildRun } from './child';
import { benchOnly, writeSection } from './sections';

const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};

// A forced GC before each timed run keeps one run's garbage out of the next one's time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function now(): bigint {
  return process.hrtime.bigint();
}
const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** Median of `runs` timed calls after two warm-ups (JIT tiers, lazily built holiday tables). */
function timeIt(runs: number, f: () => void): { median: number; min: number; max: number } {
  f();
  f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t = now();
    f();
    times.push(since(t));
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const int = (x: number) => x.toLocaleString('en-US');
const cellsOf = (wb: WorkbookInput) => wb.sheets.reduce((a, s) => a + sheetCells(s).length, 0);

// ── verification: the generated tables are what the detectors find ────────────────────────────
function countLeaves(nodes: readonly IndicatorNode[]): number {
  return nodes.reduce((a, n) => a + (n.children.length === 0 ? 1 : countLeaves(n.children)), 0);
}

/** The size of a detected table in its own unit (leaves, rows, payments). */
function sizeOf(t: Table): number {
  switch (t.kind) {
    case 'indicator':
      return countLeaves(t.roots);
    case 'budget':
    case 'cost':
      return t.rows.length;
    case 'ledger':
      return t.entries.length;
    default:
      return 0;
  }
}

/** Throws unless exactly one table of `kind` and `size` is found; returns only strings, so no analysis stays alive while timing. */
function verify(
  input: WorkbookInput,
  kind: Table['kind'],
  size: number,
): { table: string; findings: number; byCode: string } {
  const a = analyzeWorkbook(input);
  const found = a.tables.filter((t) => t.kind === kind);
  if (a.tables.length === 0) throw new Error(`${input.name}: no table detected`);
  if (found.length !== 1)
    throw new Error(
      `${input.name}: expected one ${kind} table, found ${a.tables.map((t) => `${t.kind} ${t.range}`).join(', ')}`,
    );
  const got = sizeOf(found[0]);
  if (got !== size) throw new Error(`${input.name}: ${kind} table ${found[0].range} has ${got}, expected ${size}`);
  const codes = new Map<string, number>();
  for (const f of a.findings) codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
  return {
    table: `${kind} ${found[0].range} (${int(got)})`,
    findings: a.findings.length,
    byCode: [...codes].map(([c, k]) => `${c} ${k}`).join(', ') || 'none',
  };
}

/** Exponent of the growth between two sizes: ~1 linear, ~2 quadratic. */
const exponent = (n1: number, t1: number, n2: number, t2: number) => Math.log(t2 / t1) / Math.log(n2 / n1);

function growthTable(
  label: string,
  unit: string,
  sizes: number[],
  make: (n: number) => WorkbookInput,
  runs: (n: number) => number,
): string {
  say(
    `| ${unit} | analyse (median) | fastest run | ms per 1,000 ${unit} (fastest) | growth exponent vs previous size (fastest) |`,
  );
  say('|---:|---:|---:|---:|---:|');
  const points: [number, number][] = [];
  for (const n of sizes) {
    const input = make(n);
    // The fastest run is the least disturbed by other processes, so growth is judged on it.
    const r = timeIt(runs(n), () => analyzeWorkbook(input));
    const t = r.min;
    const prev = points[points.length - 1];
    points.push([n, t]);
    say(
      `| ${int(n)} | ${ms(r.median)} ms | ${ms(t)} ms | ${ms(t / (n / 1000))} | ${prev ? exponent(prev[0], prev[1], n, t).toFixed(2) : ''} |`,
    );
  }
  const [n1, t1] = points[points.length - 2];
  const [n2, t2] = points[points.length - 1];
  const e = exponent(n1, t1, n2, t2);
  const verdict =
    e <= 1.25
      ? 'linear'
      : e <= 1.6
        ? 'slightly super-linear (within noise on a busy machine, but watch it)'
        : 'NOT linear — some step grows faster than the input';
  say();
  say(
    `${label}: from ${int(n1)} to ${int(n2)} ${unit} the (fastest) time grows as size^${e.toFixed(2)} — **${verdict}**.`,
  );
  say();
  return verdict;
}

function engineSection(): void {
  say('## 1. Engine alone (generated WorkbookInput, no file IO)');
  say();
  say(
    'Inputs from `bench/generate.ts`, each verified before timing (one table of the expected kind, of the expected size):',
  );
  say(
    'a 绩效评价得分表 of 2,000 三级 leaves (一级/二级/三级指标 merged over their rows, 评价标准 in ten wordings from the',
  );
  say(
    'samples, 分值, 得分, 扣分说明, 合计, `分值（4000分）`); a 预算资金支出明细表 of 5,000 units (预算资金 | 实际支出 | 结余资金 |',
  );
  say(
    '执行率, 小计 every 49 rows, 合计; one unit in 500 over budget); a 拨付台账 of 100,000 payments (日期 | 凭证号 | 付款单位 |',
  );
  say('收款单位 | 用途 | 对应节日 | 金额; one 走访慰问 in 200 paid after the festival).');
  say();
  say('| input | cells | detected | findings | analyseWorkbook (median, min–max) | planWorkbookScores (median) |');
  say('|---|---:|---|---|---:|---:|');
  const cases: [string, () => WorkbookInput, Table['kind'], number, number][] = [
    ['得分表, 2,000 leaves', () => indicatorWorkbook(2000), 'indicator', 2000, 5],
    ['预算表, 5,000 units', () => budgetWorkbook(5000), 'budget', 5000 + Math.ceil(5000 / 49) + 1, 5],
    ['拨付台账, 100,000 payments', () => ledgerWorkbook(100_000), 'ledger', 100_000, 3],
  ];
  for (const [label, make, kind, size, runs] of cases) {
    try {
      const input = make();
      const v = verify(input, kind, size);
      const analyse = timeIt(runs, () => analyzeWorkbook(input));
      const score = timeIt(runs, () => planWorkbookScores(input));
      say(
        `| ${label} | ${int(cellsOf(input))} | ${v.table} | ${int(v.findings)}: ${v.byCode} | ${ms(analyse.median)} ms (${ms(analyse.min)}–${ms(analyse.max)}) | ${ms(score.median)} ms |`,
      );
    } catch (e) {
      say(`| ${label} | | **failed** | ${(e as Error).message.split('\n')[0]} | | |`);
    }
  }
  say();
  say('### Growth with ledger rows');
  say();
  growthTable('Ledger', 'rows', [10_000, 25_000, 50_000, 100_000], ledgerWorkbook, (n) => (n >= 100_000 ? 3 : 5));
  say('### Growth with indicator leaves');
  say();
  growthTable('得分表', 'leaves', [500, 1_000, 2_000, 4_000, 8_000], indicatorWorkbook, () => 3);
}

// ── CLI against exceljs ──────────────────────────────────────────────────────────────────────────
async function writeLedgerXlsx(file: string, rows: number): Promise<void> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('拨付台账');
  ws.addRow([LEDGER_TITLE]);
  ws.mergeCells(1, 1, 1, 7);
  ws.addRow([...LEDGER_HEADER]);
  payments(rows).forEach((p, k) => {
    const row = ws.addRow([
      new Date(`${p.date}T00:00:00Z`),
      p.voucher,
      '栖霞市民政局',
      `第${(k % 12) + 1}镇人民政府`,
      p.purpose,
      p.festival || null,
      p.amount,
    ]);
    row.getCell(1).numFmt = 'yyyy-mm-dd';
    row.getCell(7).numFmt = '0.000';
  });
  await book.xlsx.writeFile(file);
}

const ROWS = 100_000;

async function cliSection(): Promise<void> {
  say(`## 2. CLI \`check\` on a ${int(ROWS)}-row ledger .xlsx against exceljs alone`);
  say();
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  try {
    const file = join(dir, 'ledger-100k.xlsx');
    const tWrite = now();
    await writeLedgerXlsx(file, ROWS);
    const writeMs = since(tWrite);
    const size = statSync(file).size;
    const jixiao = join(ROOT, 'bin', 'jixiao.js');
    // What users run: the bundled CLI (bin/jixiao.js falls back to tsx when src/ is newer).
    buildCli();
    // Alternating runs, so that a slow spell of a shared machine falls on both sides.
    const runs = 5;
    const cli: ChildRun[] = [];
    const base: ChildRun[] = [];
    for (let i = 0; i < runs; i++) {
      base.push(child([join(__dirname, 'exceljs-read.js'), file]));
      cli.push(child([jixiao, 'check', '--exit-zero', file]));
    }
    // The CLI must have found the ledger, or its time means nothing.
    const expected = `拨付台账!A2:G${ROWS + 2}  拨付台账`;
    if (!cli[0].stdout.includes(expected))
      throw new Error(`the CLI did not report the ledger (“${expected}”): ${cli[0].stdout.slice(0, 300)}`);
    const json = child([jixiao, 'check', '--exit-zero', '--json', file]);
    const report = JSON.parse(json.stdout) as {
      files: { tables: { kind: string; range: string }[]; findings: unknown[] }[];
    };
    const tables = report.files[0]?.tables ?? [];
    if (!tables.some((t) => t.kind === 'ledger'))
      throw new Error(`--json reports no ledger: ${JSON.stringify(tables)}`);
    const startup = median(Array.from({ length: 3 }, () => child([jixiao, '--help']).ms));
    const cliMs = median(cli.map((c) => c.ms));
    const baseMs = median(base.map((c) => c.ms));
    const cliMin = Math.min(...cli.map((c) => c.ms));
    const baseMin = Math.min(...base.map((c) => c.ms));
    say(
      `Workbook: ${(size / 1e6).toFixed(1)} MB, title + header + ${int(ROWS)} payments × 7 columns, written by exceljs in ${ms(writeMs)} ms. ` +
        `Detected by the CLI as ${tables.map((t) => `${t.kind} ${t.range}`).join(', ')}, ${int(report.files[0].findings.length)} findings. Child processes, run alternately, median of ${runs}.`,
    );
    say();
    say('| process | wall time (median) | peak memory (maxRSS) |');
    say('|---|---:|---:|');
    say(
      `| \`node bench/exceljs-read.js file\` (exceljs \`readFile\`, then a walk over the cells) | ${ms(baseMs)} ms | ${Math.max(...base.map((c) => c.maxRssMb)).toFixed(0)} MB |`,
    );
    say(
      `| \`node bin/jixiao.js check --exit-zero file\` (read + detect + check + text report) | ${ms(cliMs)} ms | ${Math.max(...cli.map((c) => c.maxRssMb)).toFixed(0)} MB |`,
    );
    say(
      `| \`node bin/jixiao.js check --exit-zero --json file\` (one run) | ${ms(json.ms)} ms | ${json.maxRssMb.toFixed(0)} MB |`,
    );
    say(`| \`node bin/jixiao.js --help\` (start-up alone: node loading the bundled CLI) | ${ms(startup)} ms | |`);
    say();
    const cliRss = Math.max(...cli.map((c) => c.maxRssMb));
    const baseRss = Math.max(...base.map((c) => c.maxRssMb));
    say(
      `**Ratio CLI / exceljs read: time ${(cliMs / baseMs).toFixed(2)}× (target ≤ 0.4×), peak memory ${(cliRss / baseRss).toFixed(2)}× (target ≤ 0.6×)** (medians; the largest maxRSS of each side); fastest run against fastest run: ${(cliMin / baseMin).toFixed(2)}×. ` +
        `All runs (ms): exceljs ${base.map((c) => ms(c.ms)).join(', ')}; CLI ${cli.map((c) => ms(c.ms)).join(', ')}.`,
    );
    say();

    // In one process, to split the CLI's time into exceljs, conversion to WorkbookInput and the engine.
    const bytes = readFileSync(file);
    const load = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as never);
      return wb;
    };
    await load(); // warm-up
    gc();
    const t = now();
    const book = await load();
    const loadMs = since(t);
    void book;
    const read = timeIt(2, () => readXlsxBytes(new Uint8Array(bytes), 'ledger-100k.xlsx'));
    const input = readXlsxBytes(new Uint8Array(bytes), 'ledger-100k.xlsx').input;
    const analyse = timeIt(2, () => analyzeWorkbook(input)).median;
    const inProcess = read.median + analyse;
    say('In one process (warm; exceljs one run, the others median of 2):');
    say();
    say('| step | ms |');
    say('|---|---:|');
    say(`| exceljs \`xlsx.load\` of the bytes (the oracle, not used by the CLI) | ${ms(loadMs)} |`);
    say(`| \`readXlsxBytes\` (src/xlsx/ooxml: unzip, parts, sheet scan into the grid) | ${ms(read.median)} |`);
    say(`| \`analyzeWorkbook\` | ${ms(analyse)} |`);
    say(
      `| **read + analyse vs exceljs load** | **${ms(inProcess)} vs ${ms(loadMs)} = ${(inProcess / loadMs).toFixed(2)}×** |`,
    );
    say();
    hostileSection(dir, jixiao);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Hostile workbooks through the CLI, each in a child process: one merge over the whole sheet
 * (shared/write-safety/merge-huge.xlsx), a zip bomb (a few MB declaring gigabytes), a column merged
 * to the last row, a validation over whole columns. Each must end in seconds, below 1 GB, with
 * a report or one clear line.
 */
function hostileSection(dir: string, jixiao: string): void {
  const bomb = join(dir, 'bomb.xlsx');
  // 1.5 GB of zeros in one sheet part: deflate makes it about 1.5 MB.
  const zeros = new Uint8Array(256 << 20);
  const parts: Record<string, Uint8Array> = { '[Content_Types].xml': strToU8('<Types/>') };
  for (let i = 0; i < 6; i++) parts[`xl/worksheets/sheet${i + 1}.xml`] = zeros;
  writeFileSync(bomb, zipSync(parts, { level: 1 }));
  // Issue 14's two counts: 20,000 merges on one sheet, and 2,000 sheets (each with a header-like row).
  const manyMerges = join(dir, 'merges-20000.xlsx');
  const merges = `<mergeCells>${Array.from({ length: 20_000 }, (_, i) => `<mergeCell ref="A${i + 2}:C${i + 2}"/>`).join('')}</mergeCells>`;
  const rows = Array.from({ length: 20_001 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`);
  writeFileSync(manyMerges, buildXlsx({ sheets: [{ name: 'M', xml: worksheetXml(rows.join(''), merges) }] }));
  const manySheets = join(dir, 'sheets-2000.xlsx');
  writeFileSync(
    manySheets,
    buildXlsx({
      sheets: Array.from({ length: 2000 }, (_, i) => ({
        name: `表${i}`,
        rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>项目</t></is></c><c r="B1"><v>1</v></c></row>',
      })),
    }),
  );
  const files: [string, string][] = [
    ['zip bomb (generated, 1.5 GB declared)', bomb],
    ['20,000 merges on one sheet (generated)', manyMerges],
    ['2,000 sheets (generated)', manySheets],
    [
      'merge-huge.xlsx (one merge over A1:XFD1048576)',
      join(ROOT, 'test', 'fixtures', 'write-safety', 'merge-huge.xlsx'),
    ],
    ['merge-10000.xlsx', join(ROOT, 'test', 'fixtures', 'write-safety', 'merge-10000.xlsx')],
    ['13-merge-to-last-row.xlsx', join(ROOT, 'test', 'fixtures', 'dialects', '13-merge-to-last-row.xlsx')],
    [
      '14-datavalidation-whole-column.xlsx',
      join(ROOT, 'test', 'fixtures', 'dialects', '14-datavalidation-whole-column.xlsx'),
    ],
  ];
  say('Hostile workbooks, `jixiao check` in a child process each:');
  say();
  say('| workbook | size | wall time | peak memory | exit | what it said |');
  say('|---|---:|---:|---:|---:|---|');
  for (const [label, file] of files) {
    const run = child([jixiao, 'check', file], { anyExit: true });
    const said =
      run.status === 2
        ? (run.stderr.split('\n').find((l) => l.startsWith('jixiao:')) ?? '')
        : (run.stdout.split('\n').find((l) => l.includes('问题')) ?? '').trim();
    say(
      `| ${label} | ${(statSync(file).size / 1024).toFixed(0)} KB | ${ms(run.ms)} ms | ${run.maxRssMb.toFixed(0)} MB | ${run.status} | ${said.replace(/\|/g, '\\|').slice(0, 140)} |`,
    );
  }
  say();
}

// ── Excel adapter: syncs per action ─────────────────────────────────────────────────────────────
async function adapterSection(): Promise<void> {
  say('## 3. Excel adapter: `context.sync()` calls per action');
  say();
  say(
    'ExcelPort (src/excel/port.ts) over the office-addin-mock fake workbook of the tests (`test/excel/fakeExcel.ts`, which counts `sync()`), ' +
      `holding the generated ledger of N rows × 7 columns. “desktop” reads everything in one data sync; “web” caps a sync at ${int(CELLS_PER_SYNC)} cells (Excel on the web's ~5 MB response limit).`,
  );
  say();
  say(
    '| rows | read active sheet (desktop / web) | read whole workbook (desktop / web) | write back 10 cells | highlight 10 cells | clear highlights | add 问题清单 sheet |',
  );
  say('|---:|---:|---:|---:|---:|---:|---:|');
  const rows: number[][] = [];
  for (const n of [100, 10_000, 100_000]) {
    const excel = FakeExcel.fromInput(ledgerWorkbook(n));
    const portFor = (cellsPerSync: number) =>
      new ExcelPort({
        run: excel.run,
        settings: new FakeSettings(),
        isSetSupported: () => true,
        workbookName: 'bench.xlsx',
        cellsPerSync,
      });
    const desktop = portFor(Number.POSITIVE_INFINITY);
    const web = portFor(CELLS_PER_SYNC);
    const count = async (f: () => Promise<unknown>) => {
      excel.syncs = 0;
      await f();
      return excel.syncs;
    };
    let cellsRead = 0;
    const readActiveD = await count(async () => (cellsRead = cellsOf(await desktop.read('active'))));
    if (cellsRead < n * 6) throw new Error(`read('active') of ${n} rows gave only ${cellsRead} cells`);
    const readActiveW = await count(() => web.read('active'));
    const readAllD = await count(() => desktop.read('all'));
    const readAllW = await count(() => web.read('all'));
    const cells = Array.from({ length: 10 }, (_, i) => `I${i + 3}`);
    const write = await count(() =>
      web.apply(cells.map((cell) => ({ sheet: '拨付台账', cell, value: 1, purpose: 'note' as const }))),
    );
    const mark = await count(() =>
      web.highlight(cells.map((cell) => ({ sheet: '拨付台账', cell, severity: 'warning' as const }))),
    );
    const clear = await count(() => web.clearHighlights());
    const add = await count(() =>
      web.addSheet({
        name: '问题清单',
        rows: [
          ['序号', '说明'],
          [1, '示例'],
        ],
      }),
    );
    rows.push([readActiveD, readAllD, write, mark, clear, add]);
    say(
      `| ${int(n)} | ${readActiveD} / ${readActiveW} | ${readAllD} / ${readAllW} | ${write} | ${mark} | ${clear} | ${add} |`,
    );
  }
  const flat = rows[1].every((x, j) => x === rows[2][j]);
  say();
  say(
    flat
      ? 'On desktop no count grows with rows (100 rows fit the A1:AN300 window read with the sizes, so they need one sync less). On the web, reads take one more sync per 80,000 cells by design; writes, highlights and sheets stay constant.'
      : '**A desktop sync count grows with rows** between 10,000 and 100,000 — see the table.',
  );
  say();
}

async function main(): Promise<void> {
  const sections: [string, () => void | Promise<void>][] = [
    ['Engine', engineSection],
    ['CLI', cliSection],
    ['Adapter', adapterSection],
  ];
  // BENCH_ONLY=engine,cli,adapter runs some sections and prints them without touching BENCH.md
  // (naming none of them, e.g. BENCH_ONLY=dialects, skips this script).
  const only = benchOnly();
  if (only && !sections.some(([name]) => only.includes(name.toLowerCase()))) return;
  const cpu = cpus();
  const load = loadavg();
  say('Sections 1–3, written by bench/run.ts (inputs from bench/generate.ts) on this machine:');
  say();
  say('| machine | |');
  say('|---|---|');
  say(`| date | ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC |`);
  say(`| CPU | ${cpu[0]?.model?.trim() ?? 'unknown'} |`);
  say(`| cores | ${cpu.length} |`);
  say(`| RAM | ${(totalmem() / 2 ** 30).toFixed(1)} GiB |`);
  say(`| OS | ${osType()} ${release()} |`);
  say(`| Node | ${process.version} |`);
  say(`| load average at start (1/5/15 min) | ${load.map((x) => x.toFixed(2)).join(' / ')} |`);
  say();
  say(
    'A load average near or above the core count means other processes shared the CPU: timings are then noisy, ratios less so.',
  );
  say();
  const total = now();
  for (const [name, section] of sections) {
    if (only && !only.includes(name.toLowerCase())) continue;
    try {
      await section();
    } catch (e) {
      say(`**${name} section failed:** ${(e as Error).message.split('\n')[0]}`);
      say();
    }
  }
  say('---');
  say();
  say(
    `Load average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')}. The whole run took ${(since(total) / 60_000).toFixed(1)} min.`,
  );
  say();
  // The region ends with the closing marker: the trailing blank line is the helper's.
  while (out[out.length - 1] === '') out.pop();
  if (!only) writeSection('run', out);
}

void main();
