import { join } from 'path';
import { Worker } from 'worker_threads';
import type { Settings } from '../engine';
import type { FileReport } from './report';
import { checkTask, WORKER_MARK, type CheckResult, type CheckTask, type WorkerReady } from './worker';

/**
 * Checks files on `jobs` threads. Results are keyed by task id, so the report's order never
 * depends on which thread finished first. A worker is started for every two files at most, and with
 * one job (or fewer than four files) everything runs in this thread: starting a worker (loading
 * the bundled reader and engine) costs about as much as checking a sample-sized workbook.
 */
export interface PoolOptions {
  readonly jobs: number;
  readonly settings: Settings;
  /** Aborting stops handing out files; those in progress are dropped and the rest left unchecked. */
  readonly signal?: AbortSignal;
  /** Called as each file starts and finishes (progress display). */
  readonly onStart?: (task: CheckTask) => void;
  readonly onDone?: (task: CheckTask, done: number) => void;
}

/** At least this many files per worker thread. */
export const FILES_PER_WORKER = 2;

export async function checkFiles(tasks: readonly CheckTask[], options: PoolOptions): Promise<Map<number, FileReport>> {
  if (options.signal?.aborted) return new Map();
  const jobs = Math.max(1, Math.min(options.jobs, Math.floor(tasks.length / FILES_PER_WORKER)));
  return jobs === 1 ? inThisThread(tasks, options) : inWorkers(tasks, jobs, options);
}

async function inThisThread(tasks: readonly CheckTask[], options: PoolOptions): Promise<Map<number, FileReport>> {
  const results = new Map<number, FileReport>();
  for (const task of tasks) {
    if (options.signal?.aborted) break;
    options.onStart?.(task);
    results.set(task.id, await checkTask(task, options.settings));
    options.onDone?.(task, results.size);
    // Let a Ctrl-C (or any other event) through between two synchronous analyses.
    await new Promise<void>((r) => setImmediate(r));
  }
  return results;
}

/**
 * How to start the worker: the bundle (dist/cli/jixiao.js) is itself the worker entry; from the
 * TypeScript sources (tsx, ts-jest), worker.ts is loaded through tsx's require hook.
 */
function startWorker(settings: Settings): Worker {
  const workerData = { [WORKER_MARK]: true, settings };
  if (!__filename.endsWith('.ts')) return new Worker(__filename, { workerData });
  // tsx is resolved from this file, wherever the process was started.
  const code = `const r = require('module').createRequire(${JSON.stringify(__filename)}); r('tsx/cjs'); r(${JSON.stringify(join(__dirname, 'worker.ts'))});`;
  return new Worker(code, { eval: true, workerData });
}

/** Workers that fail before they are ready (a broken install, a cache race in tsx) are restarted this often, then the rest runs here. */
const STARTUP_RETRIES = 3;

function inWorkers(tasks: readonly CheckTask[], jobs: number, options: PoolOptions): Promise<Map<number, FileReport>> {
  const results = new Map<number, FileReport>();
  const queue = [...tasks];
  const workers = new Set<Worker>();
  let startupFailures = 0;
  return new Promise((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      options.signal?.removeEventListener('abort', finish);
      for (const w of workers) void w.terminate();
      resolve(results);
    };
    const settle = (task: CheckTask, report: FileReport) => {
      results.set(task.id, report);
      options.onDone?.(task, results.size);
      if (results.size === tasks.length) finish();
    };
    /** When workers cannot start at all, the files left are checked in this thread. */
    const fallBack = async () => {
      const rest = queue.splice(0);
      const done = await inThisThread(rest, { ...options, onDone: (t) => options.onDone?.(t, results.size + 1) });
      for (const t of rest) {
        const r = done.get(t.id);
        if (r) settle(t, r);
      }
      finish();
    };
    const spawn = () => {
      const worker = startWorker(options.settings);
      workers.add(worker);
      let current: CheckTask | undefined;
      let ready = false;
      const next = () => {
        current = options.signal?.aborted ? undefined : queue.shift();
        if (!current) {
          workers.delete(worker);
          void worker.terminate();
          if (workers.size === 0) finish();
          return;
        }
        options.onStart?.(current);
        worker.postMessage(current);
      };
      worker.on('message', (m: CheckResult | WorkerReady) => {
        if ('ready' in m) {
          ready = true;
          return;
        }
        if (current && m.id === current.id) settle(current, m.report);
        next();
      });
      worker.on('error', () => {
        workers.delete(worker);
        if (current && !ready) {
          // It never started: the file is not at fault; hand it to the next worker.
          queue.unshift(current);
          if (++startupFailures > STARTUP_RETRIES) {
            if (workers.size === 0) void fallBack();
            return;
          }
        } else if (current)
          // A worker that dies on a file (out of memory on one huge workbook) costs that file, not the run.
          settle(current, {
            status: 'not-checked',
            file: current.file,
            problem: {
              reason: 'internal',
              zh: '检查时发生内部错误（内存不足或文件过大）',
              en: 'internal error while checking (out of memory or file too large)',
            },
            wanted: true,
          });
        if (!finished && queue.length > 0 && !options.signal?.aborted) spawn();
        else if (workers.size === 0) finish();
      });
      next();
    };
    options.signal?.addEventListener('abort', finish);
    for (let i = 0; i < jobs; i++) spawn();
  });
}
