/**
 * Child processes for the bench scripts: a node process with bench/maxrss.js preloaded, which prints
 * process.resourceUsage().maxRSS at exit, timed from spawn to exit (start-up included, as a user waits).
 */
import { execFileSync, spawnSync } from 'child_process';
import { join } from 'path';

export const ROOT = join(__dirname, '..');

export interface ChildRun {
  readonly ms: number;
  /** Peak resident memory of the process (maxRSS), in MB of 1,048,576 bytes. */
  readonly maxRssMb: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/**
 * Runs `node --require bench/maxrss.js …args` in the repository root. Throws when it exits with anything
 * but 0 or 1 (the CLI's “no errors” and “errors found”), unless `anyExit` (a hostile file's exit 2 is the
 * result being measured).
 */
export function child(args: readonly string[], options: { anyExit?: boolean } = {}): ChildRun {
  const t = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', join(__dirname, 'maxrss.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (run.error) throw run.error;
  const kb = Number(/JIXIAO_MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN);
  if (!options.anyExit && run.status !== 0 && run.status !== 1)
    throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 400)}`);
  return { ms, maxRssMb: kb / 1024, stdout: run.stdout, stderr: run.stderr, status: run.status };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** `npm run build:cli`: what users run is the bundle; a stale one would send bin/jixiao.js through tsx. */
export function buildCli(): void {
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, stdio: 'inherit' });
}
