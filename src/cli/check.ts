import { mkdir, rename, unlink, writeFile } from 'fs/promises';
import { availableParallelism } from 'os';
import { basename, dirname, extname, join, resolve } from 'path';
import type { Settings } from '../engine';
import { collectInputs, type Found } from './collect';
import { conversionFolder, CONVERT_ADVICE, libreOfficeConverter, type LegacyConverter } from './convert';
import { describeFsError } from './input';
import type { ExitCode, Io } from './io';
import type { CheckOptions } from './options';
import { checkFiles } from './pool';
import { formatExplain } from './explain';
import { withReviews, formatTextReport, toJsonReport, type FileReport, type NotCheckedFile } from './report';
import { summaryCsv, summaryWorkbook } from './summary';
import type { CheckTask } from './worker';

/** Services `check` uses that tests replace: the converter for old .xls files, the interrupt signal. */
export interface CheckDeps {
  /** null: no converter (as on a machine without LibreOffice); undefined: look for soffice on PATH. */
  readonly converter?: LegacyConverter | null;
  /** Aborted on Ctrl-C; when absent, `check` listens for SIGINT itself. */
  readonly signal?: AbortSignal;
}

/**
 * `jixiao check FILE|FOLDER…`: collects the files, converts old ones when it can, checks the rest on
 * `--jobs` threads, and prints one report in the order the files were found. Exit codes: see io.ts.
 */
export async function runCheck(
  options: CheckOptions,
  settings: Settings,
  io: Io,
  deps: CheckDeps = {},
): Promise<ExitCode> {
  const walk = await collectInputs(options.files, { recurse: options.recurse });
  if (walk.foldersWithNothing.length > 0 && !walk.found.some((f) => f.kind !== 'not-checked' || f.wanted)) {
    // Nothing at all to check: one line, not an empty report that reads like "no problems".
    const others = walk.found.filter((f) => f.kind === 'not-checked').length;
    const folders = walk.foldersWithNothing.join('、');
    io.err(
      `jixiao: 文件夹 ${folders} 中没有可检查的工作簿（.xlsx、.xlsm、.xls）${others ? `，${others} 个其他文件未检查` : ''} (no workbook to check in the folder)`,
    );
    return 2;
  }
  const { signal, dispose: stopListening } = interruptSignal(deps.signal);
  const converter = deps.converter === undefined ? await libreOfficeConverter() : (deps.converter ?? undefined);
  const temp = walk.found.some((f) => f.kind === 'legacy') && converter ? await conversionFolder() : undefined;
  const reports: (FileReport | undefined)[] = [];
  let interrupted = false;
  try {
    const tasks: CheckTask[] = [];
    for (const [id, f] of walk.found.entries()) {
      if (signal.aborted) break; // LibreOffice may take seconds a file
      const ready = await prepare(f, id, converter, temp?.dir);
      if ('status' in ready) reports[id] = ready;
      else tasks.push(ready);
    }
    const total = tasks.length;
    let doneCount = 0;
    const checked = await checkFiles(tasks, {
      jobs: options.jobs ?? availableParallelism(),
      settings,
      signal,
      onStart: (t) => io.status?.(`检查中 ${doneCount}/${total}  ${t.file}`),
      onDone: (t, done) => {
        doneCount = done;
        io.status?.(`检查中 ${done}/${total}  ${t.file}`);
      },
    });
    for (const t of tasks) reports[t.id] = checked.get(t.id);
    interrupted = signal.aborted;
  } finally {
    io.status?.('');
    stopListening();
    await temp?.dispose();
  }
  const done = reports
    .filter((r): r is FileReport => r !== undefined)
    .map((r) => (r.status === 'checked' ? withReviews(r, options.all) : r));
  const wanted = done.filter((r): r is NotCheckedFile => r.status === 'not-checked' && r.wanted);
  for (const r of wanted) io.err(`jixiao: ${r.file}: ${r.problem.zh} (${r.problem.en})`);
  const anyChecked = done.some((r) => r.status === 'checked');
  const format = options.format ?? (options.json ? 'json' : 'text');
  // When nothing could be read, the stderr line per file says it all; a text report would only repeat it.
  if (format === 'json') io.out(JSON.stringify(toJsonReport(done), null, 2));
  else if (format === 'csv') io.out(summaryCsv(done));
  else if (anyChecked || done.length > wanted.length) io.out(formatTextReport(done, options.all));
  if (options.explain && format === 'text' && anyChecked)
    io.out(formatExplain(done.filter((r) => r.status === 'checked')));
  let reportFailed = false;
  if (options.report) {
    const written = await writeReport(options.report, done);
    io.err(written.line);
    reportFailed = !written.ok;
  }
  if (interrupted) {
    const left = walk.found.length - done.length;
    io.err(
      `jixiao: 已中断：完成 ${done.length} 个文件，${left} 个未检查 (interrupted: ${done.length} done, ${left} not checked)`,
    );
    return 130;
  }
  if (wanted.length > 0 || reportFailed) return 2;
  if (options.exitZero) return 0;
  return done.some((r) => r.status === 'checked' && r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** A found file as a task to check, or as a report of why it is not checked (old .xls without a converter). */
async function prepare(
  f: Found,
  id: number,
  converter: LegacyConverter | undefined,
  tempDir: string | undefined,
): Promise<CheckTask | NotCheckedFile> {
  switch (f.kind) {
    case 'xlsx':
      return { id, path: f.file, file: f.file };
    case 'not-checked':
      return { status: 'not-checked', file: f.file, problem: f.problem, wanted: f.wanted };
    case 'legacy': {
      if (!converter || !tempDir)
        return {
          status: 'not-checked',
          file: f.file,
          problem: {
            reason: 'xls',
            zh: `这是${legacyName(f.file).zh}文件，未找到 LibreOffice，无法自动转换；${CONVERT_ADVICE.zh}`,
            en: `this is a legacy ${legacyName(f.file).en} file and LibreOffice was not found; ${CONVERT_ADVICE.en}`,
          },
          wanted: true,
        };
      // One folder per file: two 表1.xls in different folders must not overwrite each other's copy.
      const outDir = join(tempDir, String(id));
      try {
        await mkdir(outDir);
        return { id, path: await converter.convert(resolve(f.file), outDir), file: f.file };
      } catch {
        return {
          status: 'not-checked',
          file: f.file,
          problem: {
            reason: 'xls',
            zh: `这是${legacyName(f.file).zh}文件，${converter.name} 未能转换（可能已加密或损坏）；请在 Excel 或 WPS 中另存为 .xlsx 后再检查`,
            en: `this is a legacy ${legacyName(f.file).en} file that ${converter.name} could not convert (encrypted or corrupt?); save it as .xlsx`,
          },
          wanted: true,
        };
      }
    }
  }
}

/** How an old file is named in messages, by its extension. */
function legacyName(file: string): { zh: string; en: string } {
  const ext = extname(file).toLowerCase();
  if (ext === '.et') return { zh: ' WPS .et ', en: 'WPS .et' };
  if (ext === '.xlsb') return { zh: '二进制 .xlsb ', en: 'binary .xlsb' };
  return { zh: '旧版 .xls ', en: '.xls' };
}

/** An abort signal raised by Ctrl-C (the first stops cleanly; a second one ends the process). */
function interruptSignal(given: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  if (given) return { signal: given, dispose: () => undefined };
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

/**
 * Writes the summary (.xlsx, or .csv when the name says so) through a temporary file and a rename,
 * so an interrupted write never leaves half a workbook. Returns the line to print.
 */
async function writeReport(path: string, reports: readonly FileReport[]): Promise<{ ok: boolean; line: string }> {
  const bytes = /\.csv$/i.test(path) ? Buffer.from(summaryCsv(reports), 'utf8') : summaryWorkbook(reports);
  const tmp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const p = describeFsError(e);
    return { ok: false, line: `jixiao: 无法写入汇总 ${path}：${p.zh} (cannot write the summary: ${p.en})` };
  }
  return { ok: true, line: `jixiao: 汇总已写入 ${path} (summary written)` };
}
