import { readFile, stat } from 'fs/promises';
import { basename, dirname, resolve } from 'path';
import { type WorkbookInput, readSettings, type Settings } from '../engine';
import { readWorkbookBytes, WorkbookReadError } from '../xlsx/read';

/**
 * Everything the CLI reads from the user's disk, and every way that can fail, as one line in
 * Chinese and English. Node's error names (ENOENT, EISDIR …) and temporary paths never reach the
 * user: each errno a person can cause has its own sentence, the rest a neutral one.
 */

/** Why a file was not checked. `not-workbook` covers a CSV named .xlsx as well as a PDF in a folder. */
export type NotCheckedReason =
  | 'missing'
  | 'unreadable'
  | 'not-workbook'
  | 'xls'
  | 'encrypted'
  | 'corrupt'
  | 'empty'
  /** Over one of the reader's limits (inflated size, cells, merges, sheets): refused rather than run out of memory. */
  | 'too-large'
  /** The check itself failed on the file (a worker out of memory on a pathological workbook). */
  | 'internal';

/** The short label of a reason, as the summary's 状态 column and the not-checked list show it. */
export const REASON_ZH: Record<NotCheckedReason, string> = {
  missing: '不存在',
  unreadable: '无法打开',
  'not-workbook': '不是工作簿',
  xls: '旧版 .xls',
  encrypted: '已加密',
  corrupt: '损坏',
  empty: '空工作簿',
  'too-large': '超出读取上限',
  internal: '检查出错',
};

/** A reason with its full sentence in both languages. */
export interface InputProblem {
  readonly reason: NotCheckedReason;
  readonly zh: string;
  readonly en: string;
}

/** A user-caused failure: printed as `jixiao: <zh> (<en>)`, exit 2. */
export class UserError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
  }
}

/** The one line a user-caused error prints. */
export function userErrorLine(e: UserError): string {
  return `jixiao: ${e.zh} (${e.en})`;
}

/** A file-system error as a sentence, without the errno name (the caller adds the path as the user gave it). */
export function describeFsError(e: unknown): InputProblem {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return { reason: 'missing', zh: '文件不存在', en: 'file not found' };
    case 'ENOTDIR':
      return { reason: 'missing', zh: '路径中有一级不是文件夹', en: 'a part of the path is not a folder' };
    case 'EISDIR':
      return { reason: 'unreadable', zh: '这是一个文件夹，不是文件', en: 'is a folder, not a file' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'unreadable', zh: '没有读取权限', en: 'permission denied' };
    case 'EBUSY':
      return { reason: 'unreadable', zh: '文件正被其他程序占用', en: 'the file is in use by another program' };
    default:
      return { reason: 'unreadable', zh: '无法打开文件', en: 'cannot open the file' };
  }
}

const READ_REASON: Record<WorkbookReadError['reason'], NotCheckedReason> = {
  'not-xlsx': 'not-workbook',
  encrypted: 'encrypted',
  xls: 'xls',
  corrupt: 'corrupt',
  empty: 'empty',
  'too-large': 'too-large',
};

export type ReadResult = { readonly input: WorkbookInput } | { readonly problem: InputProblem };

/**
 * Reads one workbook from `path` and names it `name` (the file the user sees, which differs from
 * `path` when an old .xls was converted into a temporary folder). Never throws.
 */
export async function readInput(path: string, name = basename(path)): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { problem: describeFsError(e) };
  }
  try {
    return { input: await readWorkbookBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), name) };
  } catch (e) {
    if (e instanceof WorkbookReadError) return { problem: { reason: READ_REASON[e.reason], zh: e.zh, en: e.en } };
    return { problem: { reason: 'corrupt', zh: '工作簿无法读取', en: 'cannot read the workbook' } };
  }
}

/**
 * Reads a settings JSON file once; from here on the CLI passes the typed `Settings`. A missing or
 * unparsable file is a UserError (exit 2); a bad field falls back to its default and is returned
 * as a warning line, so one typo never stops a check.
 */
export async function loadSettingsFile(path: string | undefined): Promise<{ settings: Settings; warnings: string[] }> {
  if (!path) return { settings: readSettings(undefined).settings, warnings: [] };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const p = describeFsError(e);
    throw new UserError(`无法读取设置文件 ${path}：${p.zh}`, `cannot read settings file: ${p.en}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new UserError(`设置文件 ${path} 不是有效的 JSON`, 'the settings file is not valid JSON');
  }
  const { settings, issues } = readSettings(raw);
  return {
    settings,
    warnings: issues.map((i) => `jixiao: ${path}: ${i.message} (invalid setting ${i.path || '(root)'}, default used)`),
  };
}

/**
 * Checks that `out` can be a new file before any work is done: not a folder, in a folder that
 * exists. Throws UserError.
 */
export async function checkOutputPath(out: string, flag: string): Promise<void> {
  const target = await stat(out).catch(() => undefined);
  if (target?.isDirectory())
    throw new UserError(
      `${flag} ${out} 是一个文件夹，请给出文件名（如 ${flag} 结果.xlsx）`,
      `${flag} names a folder; give a file name`,
    );
  const folder = await stat(dirname(resolve(out))).catch(() => undefined);
  if (!folder?.isDirectory())
    throw new UserError(`${flag} ${out}：所在文件夹不存在`, `${flag}: the folder does not exist`);
}
