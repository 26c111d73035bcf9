import { readFile } from 'fs/promises';
import { basename } from 'path';
import { type Settings, planWorkbookScores } from '../engine';
import { sniffWorkbookBytes, WorkbookReadError } from '../xlsx/read';
import { PackageError } from '../xlsx/package';
import { XlsxEditor, type AppliedPlan } from '../xlsx/write';
import type { ScoreOptions } from './options';
import type { ExitCode, Io } from './io';
import { resolveWriteTarget, writeWorkbookFile, WriteRefused, type WriteTarget } from './safe-write';

/**
 * `jixiao score in.xlsx -o out.xlsx`: computes what scoring would write, applies what is safe
 * with the surgical writer (every part it does not need to touch is copied as it is), and writes
 * the result through safe-write.ts. The input is only written with --in-place; nothing to write
 * writes no file.
 */
export async function runScore(options: ScoreOptions, settings: Settings, io: Io): Promise<ExitCode> {
  const input = options.files[0];
  const fail = (zh: string, en: string): ExitCode => {
    io.err(`jixiao: ${zh} (${en})`);
    return 2;
  };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(input));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(`${input}: 文件不存在`, 'file not found');
    if (code === 'EISDIR') return fail(`${input}: 这是一个文件夹，不是文件`, 'is a directory');
    return fail(
      `${input}: 无法打开文件（${code ?? (e as Error).message}）`,
      `cannot open file (${code ?? (e as Error).message})`,
    );
  }
  let target: WriteTarget;
  try {
    target = resolveWriteTarget(input, options.inPlace ? undefined : options.out, {
      inPlace: options.inPlace,
      force: options.force,
    });
  } catch (e) {
    if (e instanceof WriteRefused) return fail(e.zh, e.en);
    return fail(`无法检查输出路径：${(e as Error).message}`, 'cannot check the output path');
  }
  let applied: AppliedPlan;
  let editor: XlsxEditor;
  try {
    // One unzip serves the read and the write; a file that is no .xlsx at all is told as the reader tells it.
    const sniffed = sniffWorkbookBytes(bytes);
    if (sniffed) throw sniffed;
    editor = XlsxEditor.open(bytes);
    const workbook = editor.input(basename(input));
    const plan = planWorkbookScores(workbook, settings, {
      formulas: options.formulas,
    });
    applied = editor.applyPlan(plan, options.overwrite);
  } catch (e) {
    if (e instanceof WorkbookReadError || e instanceof PackageError) return fail(`${input}: ${e.zh}`, e.en);
    return fail(
      `${input}: 无法读取工作簿（${(e as Error).message}）`,
      `cannot read workbook (${(e as Error).message})`,
    );
  }
  const out = options.inPlace ? input : options.out!;
  const changed = editor.modified;
  if (changed) {
    try {
      await writeWorkbookFile(target, editor.toBytes(), bytes);
    } catch (e) {
      return fail(`无法写入 ${out}：${(e as Error).message}`, 'cannot write');
    }
  }
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          file: input,
          out,
          fileWritten: changed,
          written: applied.written,
          skipped: applied.skipped,
          unchanged: applied.unchanged.length,
          addedSheets: applied.addedSheets,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const lines = [
    `━━ ${input} → ${out}`,
    `  写入 ${applied.written.length} 个单元格，跳过 ${applied.skipped.length} 个，已是计算结果 ${applied.unchanged.length} 个`,
  ];
  for (const p of applied.written)
    lines.push(`    ${p.sheet}!${p.cell}: ${p.old ?? '（空）'} → ${p.formula ?? p.value}`);
  for (const s of applied.skipped) lines.push(`  跳过 ${s.message}`);
  for (const name of applied.addedSheets) lines.push(`  新增工作表“${name}”`);
  if (applied.written.length === 0 && applied.skipped.length === 0) lines.push('  没有需要写入的单元格');
  lines.push(
    changed ? `  已写入 ${out}` : `  工作簿没有任何变化，未写入文件${options.inPlace ? '（输入文件保持原样）' : ''}`,
  );
  io.out(lines.join('\n'));
  return 0;
}
