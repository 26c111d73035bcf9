import { isMainThread, parentPort, workerData } from 'worker_threads';
import { analyzeWorkbook, storedReviews, type Settings } from '../engine';
import { readInput } from './input';
import { checkedFile, type FileReport } from './report';
import { useNodeInflate } from './inflate';

/**
 * Checking one file, the unit of work of `jixiao check`: in the main thread for --jobs 1, in a
 * worker thread otherwise. This module is also the worker's entry: loaded in a worker started with
 * WORKER_MARK in its workerData (the bundle, dist/cli/jixiao.js, starts itself as the worker;
 * from sources, pool.ts loads this file through tsx), it serves check requests until closed.
 */
export const WORKER_MARK = 'jixiaoCheckWorker';

export interface CheckTask {
  /** Position in the report: results come back in any order and are put back in this one. */
  readonly id: number;
  /** Where the bytes are (a converted copy in a temporary folder for an old .xls). */
  readonly path: string;
  /** The file as the user named it, shown in every report. */
  readonly file: string;
}

export interface CheckResult {
  readonly id: number;
  readonly report: FileReport;
}

/** Reads and analyses one file; never throws (an unreadable file is a NotCheckedFile). */
export async function checkTask(task: CheckTask, settings: Settings): Promise<FileReport> {
  const read = await readInput(task.path, displayName(task.file));
  if ('problem' in read) return { status: 'not-checked', file: task.file, problem: read.problem, wanted: true };
  try {
    return checkedFile(
      task.file,
      analyzeWorkbook(read.input, settings),
      storedReviews((read.input as { stored?: unknown }).stored),
    );
  } catch {
    // analyzeWorkbook catches each check's failure itself; this is what is left (out of memory, a bug in the layout reader).
    return {
      status: 'not-checked',
      file: task.file,
      problem: { reason: 'internal', zh: '检查时发生内部错误', en: 'internal error while checking' },
      wanted: true,
    };
  }
}

function displayName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** Sent once the worker has loaded: a failure before it is the worker's, not a file's. */
export interface WorkerReady {
  readonly ready: true;
}

function serve(settings: Settings): void {
  useNodeInflate();
  const port = parentPort!;
  port.postMessage({ ready: true } satisfies WorkerReady);
  port.on('message', (task: CheckTask) => {
    void checkTask(task, settings).then((report) => port.postMessage({ id: task.id, report } satisfies CheckResult));
  });
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_MARK] === true)
  serve((workerData as { settings: Settings }).settings);
