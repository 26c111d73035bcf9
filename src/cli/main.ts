import { readFile, readdir, stat } from 'fs/promises';
import { basename, join } from 'path';
import { analyzeWorkbook } from '../engine/analyze';
import { honourReviews } from '../engine/review';
import { readSettings, type Settings } from '../engine/settings';
import { readWorkbookBytes, WorkbookReadError } from '../xlsx/read';
import { parseArgs, UsageError, USAGE, type CheckOptions } from './options';
import { formatTextReport, toJsonReport, type FileReport } from './report';
import { runScore } from './score';

export type ExitCode = 0 | 1 | 2;

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
};

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<ExitCode> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`jixiao: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const settings = await loadSettingsFile(options.settings, io);
  if (settings === undefined) return 2;
  if (options.command === 'check') return runCheck(options, settings, io);
  return runScore(options, settings, io);
}

/** Reads a settings JSON file; a missing or invalid file is a usage error (exit 2), bad fields fall back. */
export async function loadSettingsFile(path: string | undefined, io: Io): Promise<Settings | undefined> {
  if (!path) return readSettings(undefined).settings;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    io.err(`jixiao: 无法读取设置文件 ${path}：${(e as Error).message} (cannot read settings file)`);
    return undefined;
  }
  const { settings, issues } = readSettings(raw);
  for (const i of issues) io.err(`jixiao: ${i.message}`);
  return settings;
}

/** Reads one workbook or returns why not, in Chinese and English, never throwing. */
export async function readInput(file: string): Promise<{ input?: Awaited<ReturnType<typeof readWorkbookBytes>>; error?: { zh: string; en: string } }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: { zh: '文件不存在', en: 'file not found' } };
    if (code === 'EISDIR') return { error: { zh: '这是一个文件夹，不是文件', en: 'is a directory' } };
    return { error: { zh: `无法打开文件（${code ?? (e as Error).message}）`, en: `cannot open file (${code ?? (e as Error).message})` } };
  }
  try {
    return { input: await readWorkbookBytes(new Uint8Array(bytes), basename(file)) };
  } catch (e) {
    if (e instanceof WorkbookReadError) return { error: { zh: e.zh, en: e.en } };
    return { error: { zh: `无法读取工作簿（${(e as Error).message}）`, en: `cannot read workbook (${(e as Error).message})` } };
  }
}

/** A folder stands for the .xlsx files in it (batch-checking colleagues' workbooks), in name order. */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => undefined);
    if (s?.isDirectory()) {
      const names = (await readdir(p)).filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$')).sort();
      out.push(...names.map((n) => join(p, n)));
    } else out.push(p);
  }
  return out;
}

async function runCheck(options: CheckOptions, settings: Settings, io: Io): Promise<ExitCode> {
  const reports: FileReport[] = [];
  for (const file of await expandInputs(options.files)) {
    const { input, error } = await readInput(file);
    if (error) {
      io.err(`jixiao: ${file}: ${error.zh} (${error.en})`);
      reports.push({ file, error });
      continue;
    }
    // Findings marked 已复核/忽略 in the workbook are left out unless --all.
    reports.push({ file, analysis: honourReviews(analyzeWorkbook(input!, settings), input!.stored, options.all) });
  }
  // When nothing could be read, the stderr line per file says it all; a report would only repeat it.
  const anyRead = reports.some((r) => r.analysis);
  if (options.json || anyRead) io.out(options.json ? JSON.stringify(toJsonReport(reports), null, 2) : formatTextReport(reports, options.all));
  if (reports.some((r) => r.error)) return 2;
  if (options.exitZero) return 0;
  return reports.some((r) => r.analysis!.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
