import { readFile, rename, unlink, writeFile } from 'fs/promises';
import { basename, dirname, join, resolve } from 'path';
import ExcelJS from 'exceljs';
import { detectTables, Workbook, taskListSheet, type ResponsibilityTable, type Settings } from '../engine';
import { applyPlanToExcelJs } from '../xlsx/apply';
import { readInput, type ExitCode, type Io } from './main';

/**
 * `jixiao tasks in.xlsx -o out.xlsx`: reads the 责任分解 tables of a workbook and writes a copy with the
 * 单位任务清单 sheet added (one block per unit: the tasks it leads and those it supports). The input is
 * never written; a workbook without a 责任分解 table is exit 2 with one line.
 */
export async function runTasks(file: string, out: string, settings: Settings, io: Io): Promise<ExitCode> {
  if (resolve(out) === resolve(file)) {
    io.err('jixiao: 输出文件与输入文件相同，未写入 (output equals input)');
    return 2;
  }
  const read = await readInput(file);
  if (read.error) {
    io.err(`jixiao: ${file}: ${read.error.zh} (${read.error.en})`);
    return 2;
  }
  const tables = detectTables(new Workbook(read.input!), settings).filter(
    (t): t is ResponsibilityTable => t.kind === 'responsibility',
  );
  if (tables.length === 0) {
    io.err(`jixiao: ${file}: 没有找到责任分解表（表头需有“任务”和“责任单位”或“牵头单位”列） (no responsibility table found)`);
    return 2;
  }
  const sheet = taskListSheet(tables);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(file)) as never);
  const applied = applyPlanToExcelJs(wb, { patches: [], newSheets: [sheet] }, false);
  const tmp = join(dirname(resolve(out)), `.${basename(out)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, Buffer.from(await wb.xlsx.writeBuffer()));
    await rename(tmp, out);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    io.err(`jixiao: 无法写入 ${out}：${(e as Error).message} (cannot write)`);
    return 2;
  }
  const units = sheet.rows.slice(1).filter((r) => r[0] !== null).length;
  io.out(`━━ ${file} → ${out}\n  新增工作表“${applied.addedSheets[0] ?? sheet.name}”：${units} 个单位，${tables.reduce((n, t) => n + t.tasks.length, 0)} 项任务`);
  return 0;
}
