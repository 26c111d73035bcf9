import { readFile } from 'fs/promises';
import { basename } from 'path';
import { detectTables, Workbook, taskListSheet, type ResponsibilityTable, type Settings } from '../engine';
import { readWorkbookBytes, WorkbookReadError } from '../xlsx/read';
import { PackageError } from '../xlsx/package';
import { XlsxEditor } from '../xlsx/write';
import { resolveWriteTarget, writeWorkbookFile, WriteRefused } from './safe-write';
import type { ExitCode, Io } from './io';

/**
 * `jixiao tasks in.xlsx -o out.xlsx [--force]`: reads the 责任分解 tables of a workbook and writes a
 * copy with the 单位任务清单 sheet added (one block per unit: the tasks it leads and those it supports),
 * through the same surgical writer and safe write as `score` — every other part of the workbook is
 * copied as it is, the input is never written, an existing output only with --force, and a sheet
 * jixiao added before is replaced. A workbook without a 责任分解 table is exit 2 with one line.
 */
export async function runTasks(
  file: string,
  out: string,
  settings: Settings,
  io: Io,
  force = false,
): Promise<ExitCode> {
  const fail = (zh: string, en: string): ExitCode => {
    io.err(`jixiao: ${zh} (${en})`);
    return 2;
  };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(`${file}: 文件不存在`, 'file not found');
    if (code === 'EISDIR') return fail(`${file}: 这是一个文件夹，不是文件`, 'is a directory');
    return fail(`${file}: 无法打开文件`, 'cannot open file');
  }
  let target;
  try {
    target = resolveWriteTarget(file, out, { inPlace: false, force });
  } catch (e) {
    if (e instanceof WriteRefused) return fail(e.zh, e.en);
    return fail('无法检查输出路径', 'cannot check the output path');
  }
  let tables: ResponsibilityTable[];
  let editor: XlsxEditor;
  try {
    const input = await readWorkbookBytes(bytes, basename(file));
    tables = detectTables(new Workbook(input), settings).filter(
      (t): t is ResponsibilityTable => t.kind === 'responsibility',
    );
    editor = XlsxEditor.open(bytes);
  } catch (e) {
    if (e instanceof WorkbookReadError || e instanceof PackageError) return fail(`${file}: ${e.zh}`, e.en);
    return fail(`${file}: 无法读取工作簿`, 'cannot read workbook');
  }
  if (tables.length === 0)
    return fail(
      `${file}: 没有找到责任分解表（表头需有“任务”和“责任单位”或“牵头单位”列）`,
      'no responsibility table found',
    );
  const sheet = taskListSheet(tables);
  const applied = editor.applyPlan({ patches: [], newSheets: [sheet] }, false);
  try {
    await writeWorkbookFile(target, editor.toBytes(), bytes);
  } catch (e) {
    return fail(`无法写入 ${out}：${(e as Error).message}`, 'cannot write');
  }
  const units = sheet.rows.slice(1).filter((r) => r[0] !== null).length;
  io.out(
    `━━ ${file} → ${out}\n  新增工作表“${applied.addedSheets[0] ?? sheet.name}”：${units} 个单位，${tables.reduce((n, t) => n + t.tasks.length, 0)} 项任务`,
  );
  return 0;
}
