/**
 * `npm run bench` (after bench/run.ts): `jixiao check` on a folder of 1,000 sample-sized workbooks
 * (copies of assets/samples), with --jobs 1 and with every core. Files per second, the ratio
 * (the parallel speed-up; the target is ≥ 1.7× on 2 cores) and the peak memory of the process
 * (worker threads included). Writes its own region of BENCH.md (bench/sections.ts), replacing the one a
 * previous run wrote and nothing else.
 *
 * Before timing, the two runs' reports are compared: the same 1,000 files, all checked, in the same
 * order with the same findings. `JIXIAO_BENCH_FILES=200 npm run bench` for a quicker run.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { availableParallelism, loadavg, tmpdir } from 'os';
import { join } from 'path';
import { ROOT, buildCli, median } from './child';
import { benchOnly, writeSection } from './sections';

const SAMPLES = join(ROOT, 'assets', 'samples');
const FILES = Number(process.env.JIXIAO_BENCH_FILES ?? 1000);
const RUNS = Number(process.env.JIXIAO_BENCH_RUNS ?? 3);

interface Run {
  readonly seconds: number;
  readonly maxRssMb: number;
  /** CPU time of the whole process, every thread, in seconds. */
  readonly cpuSeconds: number;
  readonly stdout: string;
}

/** One `node bin/jixiao.js check …` with bench/folder-usage.js preloaded (it prints peak RSS and CPU time at exit). */
function cli(args: string[]): Run {
  const t = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['--require', join(__dirname, 'folder-usage.js'), join(ROOT, 'bin', 'jixiao.js'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`jixiao ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const usage = JSON.parse(/JIXIAO_USAGE=(.*)/.exec(r.stderr)?.[1] ?? '{}') as { maxRssKb: number; cpuMs: number };
  return { seconds, maxRssMb: usage.maxRssKb / 1024, cpuSeconds: usage.cpuMs / 1000, stdout: r.stdout };
}

function main(): void {
  const only = benchOnly();
  if (only && !only.includes('folder')) return;
  buildCli();
  const samples = readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-folder-'));
  const cores = availableParallelism();
  const lines: string[] = [];
  try {
    // Ten files to a subfolder, as colleagues' folders are kept.
    for (let i = 0; i < FILES; i++) {
      const sub = join(dir, `单位${String(Math.floor(i / 10)).padStart(3, '0')}`);
      if (!existsSync(sub)) mkdirSync(sub);
      const sample = samples[i % samples.length];
      copyFileSync(join(SAMPLES, sample), join(sub, `${String(i).padStart(4, '0')}-${sample}`));
    }
    const bytes = samples.reduce((n, s) => n + readFileSync(join(SAMPLES, s)).length, 0) / samples.length;
    const args = (jobs: number) => ['check', '--json', '--all', '--exit-zero', '--jobs', String(jobs), dir];
    // Verified before timed: every file checked, the same report whatever the number of threads.
    const one = cli(args(1));
    const all = cli(args(cores));
    const files = (JSON.parse(one.stdout) as { files: { error?: string }[] }).files;
    if (files.length !== FILES || files.some((f) => f.error))
      throw new Error(`expected ${FILES} checked files, got ${files.length}`);
    if (one.stdout !== all.stdout) throw new Error(`--jobs ${cores} reported differently from --jobs 1`);
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
    const timed = (jobs: number, first: Run) => {
      const runs = [first];
      for (let i = 1; i < RUNS; i++) runs.push(cli(args(jobs)));
      return {
        seconds: median(runs.map((r) => r.seconds)),
        cpu: median(runs.map((r) => r.cpuSeconds)),
        maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
        all: runs.map((r) => r.seconds),
      };
    };
    const t1 = timed(1, one);
    const tn = timed(cores, all);
    const rate = (s: number) => (FILES / s).toFixed(1);
    const ratio = t1.seconds / tn.seconds;
    // On a machine other processes keep busy, wall time measures the share of the CPU the run got.
    // CPU time does not: spread evenly over the cores, it bounds what the threads could do alone.
    const cpuRatio = t1.cpu / (tn.cpu / cores);
    lines.push(
      `## Folder check: ${FILES.toLocaleString('en')} workbooks, --jobs 1 and --jobs ${cores} (bench/folder.ts)`,
      '',
      `\`node bin/jixiao.js check --json --all --exit-zero --jobs N folder\` (the bundled CLI) on ${FILES.toLocaleString('en')} copies of the ` +
        `${samples.length} samples (mean ${(bytes / 1024).toFixed(0)} KB), ten to a subfolder; the two reports compared equal before timing. ` +
        `Median of ${RUNS} runs, whole process (start-up, walking the folder, reading, checking, the JSON report); peak RSS of the process, worker threads included. ` +
        `Load average at start: ${load} on ${cores} cores.`,
      '',
      '| jobs | wall time (median; all runs) | files per second | CPU time, all threads | peak memory |',
      '|---:|---:|---:|---:|---:|',
      `| 1 | ${t1.seconds.toFixed(1)} s (${t1.all.map((s) => s.toFixed(1)).join(', ')}) | ${rate(t1.seconds)} | ${t1.cpu.toFixed(1)} s | ${t1.maxRssMb.toFixed(0)} MB |`,
      `| ${cores} | ${tn.seconds.toFixed(1)} s (${tn.all.map((s) => s.toFixed(1)).join(', ')}) | ${rate(tn.seconds)} | ${tn.cpu.toFixed(1)} s | ${tn.maxRssMb.toFixed(0)} MB |`,
      '',
      `Speed-up with ${cores} jobs, wall time: **${ratio.toFixed(2)}×** (target ≥ 1.7× on 2 cores). ` +
        `From CPU time (jobs-1 CPU ÷ (jobs-${cores} CPU ÷ ${cores}), what the cores give when nothing else runs): ${cpuRatio.toFixed(2)}×; ` +
        `CPU time grows with the threads (each worker loads the bundle and warms up its own JIT, results cross between threads, ` +
        `and two threads share the processor's caches), so this is the lower bound.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const l of lines) console.log(l);
  if (!only) writeSection('folder', lines);
}

main();
