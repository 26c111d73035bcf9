import { z } from 'zod';
import { RULE_USAGE } from './rule';

/** CLI options, validated with zod so that a typo gets a clear message instead of a silent default. */
export const checkOptionsSchema = z.object({
  command: z.literal('check'),
  files: z.array(z.string().min(1)).min(1, '请至少给出一个 .xlsx 文件 (give at least one .xlsx file)'),
  json: z.boolean().default(false),
  /** Show info findings too (hidden by default in the text report: they are hints, not problems). */
  all: z.boolean().default(false),
  /** Exit 0 even when errors are found (for demos and pipelines that only collect the report). */
  exitZero: z.boolean().default(false),
  settings: z.string().optional(),
});

export const scoreOptionsSchema = z.object({
  command: z.literal('score'),
  files: z.array(z.string().min(1)).length(1, 'score 只接受一个输入文件 (score takes exactly one input file)'),
  out: z.string().min(1).optional(),
  formulas: z.boolean().default(false),
  overwrite: z.boolean().default(false),
  inPlace: z.boolean().default(false),
  json: z.boolean().default(false),
  settings: z.string().optional(),
});

export const cliOptionsSchema = z.discriminatedUnion('command', [checkOptionsSchema, scoreOptionsSchema]);
export type CliOptions = z.infer<typeof cliOptionsSchema>;
export type CheckOptions = z.infer<typeof checkOptionsSchema>;
export type ScoreOptions = z.infer<typeof scoreOptionsSchema>;

export class UsageError extends Error {}

const FLAGS: Record<string, { key: string; takesValue: boolean }> = {
  '--json': { key: 'json', takesValue: false },
  '--all': { key: 'all', takesValue: false },
  '--exit-zero': { key: 'exitZero', takesValue: false },
  '--formulas': { key: 'formulas', takesValue: false },
  '--overwrite': { key: 'overwrite', takesValue: false },
  '--in-place': { key: 'inPlace', takesValue: false },
  '-o': { key: 'out', takesValue: true },
  '--out': { key: 'out', takesValue: true },
  '--settings': { key: 'settings', takesValue: true },
};

export function parseArgs(argv: readonly string[]): CliOptions {
  const [command, ...rest] = argv;
  const raw: Record<string, unknown> = { command, files: [] as string[] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg.startsWith('-') && arg !== '-') {
      const [name, inline] = arg.split('=', 2);
      const flag = FLAGS[name];
      if (!flag) throw new UsageError(`未知选项 ${name} (unknown option)`);
      if (flag.takesValue) {
        const v = inline ?? rest[++i];
        if (v === undefined) throw new UsageError(`选项 ${name} 需要一个值 (needs a value)`);
        raw[flag.key] = v;
      } else raw[flag.key] = true;
    } else (raw.files as string[]).push(arg);
  }
  const parsed = cliOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.path[0] === 'command') throw new UsageError(`未知命令 ${command ?? ''} (unknown command); 可用: check, score, rule`);
    throw new UsageError(issue.message);
  }
  if (parsed.data.command === 'score' && !parsed.data.out && !parsed.data.inPlace)
    throw new UsageError('score 需要 -o <输出文件>，或 --in-place 明确同意覆盖输入文件 (score needs -o <out.xlsx> or --in-place)');
  return parsed.data;
}

export const USAGE = `绩效评价助手 jixiao — 检查和计算预算绩效评价工作簿

用法 (usage):
  jixiao check <file.xlsx|folder>… [--json] [--all] [--exit-zero] [--settings settings.json]
      检查工作簿：识别指标表、得分表、预算表、台账、自评表，报告问题。文件夹即其中所有 .xlsx。
      --json 输出 JSON；--all 连同“提示”级一并列出。
      退出码：0 无错误，1 有错误级问题（--exit-zero 时仍为 0），2 有文件无法读取。
  jixiao score <in.xlsx> -o <out.xlsx> [--formulas] [--overwrite] [--json]
      计算得分、得分率、小计、合计、等级和扣分说明，写入新文件（不修改输入文件）。
      --formulas 写入 Excel 公式；--overwrite 覆盖已有的不同值和公式；--in-place 写回输入文件。
${RULE_USAGE}
`;
