import { readFile, rename, unlink, writeFile } from 'fs/promises';
import { basename, dirname, join, resolve } from 'path';
import ExcelJS from 'exceljs';
import type { Settings } from '../engine/settings';
import { planWorkbookScores } from '../engine/score';
import { applyPlanToExcelJs } from '../xlsx/apply';
import type { ScoreOptions } from './options';
import { readInput } from './input';
import type { ExitCode, Io } from './io';

/**
 * `jixiao score in.xlsx -o out.xlsx`: computes what scoring would write, applies what is safe, and
 * writes a new file through a temporary file in the same folder and a rename, so a failed write
 * never leaves half a workbook. The input is only written with --in-place.
 */
export async function runScore(options: ScoreOptions, settings: Settings, io: Io): Promise<ExitCode> {
  const input = options.files[0];
  const out = options.inPlace ? input : options.out!;
  if (!options.inPlace && resolve(out) === resolve(input)) {
    io.err(`jixiao: 输出文件与输入文件相同，未写入；如确需覆盖输入文件请加 --in-place (output equals input; use --in-place)`);
    return 2;
  }
  const read = await readInput(input);
  if ('problem' in read) {
    io.err(`jixiao: ${input}: ${read.problem.zh} (${read.problem.en})`);
    return 2;
  }
  const plan = planWorkbookScores(read.input, settings, { formulas: options.formulas });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(input)) as never);
  const applied = applyPlanToExcelJs(wb, plan, options.overwrite);
  const tmp = join(dirname(resolve(out)), `.${basename(out)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, Buffer.from(await wb.xlsx.writeBuffer()));
    await rename(tmp, out);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    io.err(`jixiao: 无法写入 ${out}：${(e as Error).message} (cannot write)`);
    return 2;
  }
  if (options.json) {
    io.out(JSON.stringify({ file: input, out, written: applied.written, skipped: applied.skipped, unchanged: applied.unchanged.length, addedSheets: applied.addedSheets }, null, 2));
    return 0;
  }
  const lines = [`━━ ${input} → ${out}`, `  写入 ${applied.written.length} 个单元格，跳过 ${applied.skipped.length} 个，已是计算结果 ${applied.unchanged.length} 个`];
  for (const p of applied.written) lines.push(`    ${p.sheet}!${p.cell}: ${p.old ?? '（空）'} → ${p.formula ?? p.value}`);
  for (const s of applied.skipped) lines.push(`  跳过 ${s.message}`);
  for (const name of applied.addedSheets) lines.push(`  新增工作表“${name}”`);
  if (applied.written.length === 0 && applied.skipped.length === 0) lines.push('  没有需要写入的单元格');
  io.out(lines.join('\n'));
  return 0;
}
