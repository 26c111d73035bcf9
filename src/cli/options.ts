import { z } from 'zod';
import { RULE_USAGE } from './rule';

/** CLI options, validated with zod so that a typo gets a clear message instead of a silent default. */
export const checkOptionsSchema = z.object({
  command: z.literal('check'),
  files: z
    .array(z.string().min(1))
    .min(1, '请至少给出一个 .xlsx 文件或文件夹 (give at least one .xlsx file or folder)'),
  /** --json is the same as --format json. */
  json: z.boolean().default(false),
  format: z
    .enum(['text', 'json', 'csv'], {
      message: '--format 只能是 text、json 或 csv (--format must be text, json or csv)',
    })
    .optional(),
  /** Show info findings too (hidden by default in the text report: they are hints, not problems). */
  all: z.boolean().default(false),
  /** Exit 0 even when errors are found (for demos and pipelines that only collect the report). */
  exitZero: z.boolean().default(false),
  settings: z.string().optional(),
  /** Print how each table was read: range, kind, title, column roles, rows skipped. */
  explain: z.boolean().default(false),
  /** Walk subfolders of a folder (on unless --no-recurse). */
  recurse: z.boolean().default(true),
  /** Worker threads; default: the machine's cores. */
  jobs: z.coerce
    .number({ message: '--jobs 需要一个正整数 (--jobs needs a positive whole number)' })
    .int('--jobs 需要一个正整数 (--jobs needs a positive whole number)')
    .min(1, '--jobs 需要一个正整数 (--jobs needs a positive whole number)')
    .max(256, '--jobs 最多 256 (--jobs is at most 256)')
    .optional(),
  /** Write the summary workbook (汇总, 问题明细) here. */
  report: z.string().min(1).optional(),
});

export const scoreOptionsSchema = z.object({
  command: z.literal('score'),
  files: z.array(z.string().min(1)).length(1, 'score 只接受一个输入文件 (score takes exactly one input file)'),
  out: z.string().min(1).optional(),
  formulas: z.boolean().default(false),
  overwrite: z.boolean().default(false),
  inPlace: z.boolean().default(false),
  /** Replace an existing -o file (never the input: that takes --in-place). */
  force: z.boolean().default(false),
  json: z.boolean().default(false),
  settings: z.string().optional(),
});

export const tasksOptionsSchema = z.object({
  command: z.literal('tasks'),
  files: z.array(z.string().min(1)).length(1, 'tasks 只接受一个输入文件 (tasks takes exactly one input file)'),
  out: z.string({ required_error: 'tasks 需要 -o <输出文件> (tasks needs -o <out.xlsx>)' }).min(1),
  force: z.boolean().default(false),
  settings: z.string().optional(),
});

/** `jixiao help`, `jixiao --help`, `jixiao check --help`: the usage, exit 0. */
export const helpOptionsSchema = z.object({ command: z.literal('help') });

export const cliOptionsSchema = z.discriminatedUnion('command', [
  checkOptionsSchema,
  scoreOptionsSchema,
  tasksOptionsSchema,
  helpOptionsSchema,
]);
export type TasksOptions = z.infer<typeof tasksOptionsSchema>;
export type CliOptions = z.infer<typeof cliOptionsSchema>;
export type CheckOptions = z.infer<typeof checkOptionsSchema>;
export type ScoreOptions = z.infer<typeof scoreOptionsSchema>;
export type CommandName = CliOptions['command'];

export class UsageError extends Error {}

const FLAGS: Record<string, { key: string; takesValue: boolean; value?: unknown }> = {
  '--json': { key: 'json', takesValue: false },
  '--all': { key: 'all', takesValue: false },
  '--exit-zero': { key: 'exitZero', takesValue: false },
  '--formulas': { key: 'formulas', takesValue: false },
  '--overwrite': { key: 'overwrite', takesValue: false },
  '--in-place': { key: 'inPlace', takesValue: false },
  '--force': { key: 'force', takesValue: false },
  '--no-recurse': { key: 'recurse', takesValue: false, value: false },
  '-o': { key: 'out', takesValue: true },
  '--out': { key: 'out', takesValue: true },
  '--settings': { key: 'settings', takesValue: true },
  '--explain': { key: 'explain', takesValue: false },
  '--jobs': { key: 'jobs', takesValue: true },
  '-j': { key: 'jobs', takesValue: true },
  '--report': { key: 'report', takesValue: true },
  '--format': { key: 'format', takesValue: true },
};

const HELP = new Set(['--help', '-h', 'help']);

export function parseArgs(argv: readonly string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command === undefined || HELP.has(command) || rest.some((a) => a === '--help' || a === '-h'))
    return { command: 'help' };
  const raw: Record<string, unknown> = { command, files: [] as string[] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const flag = FLAGS[name];
      if (!flag) throw new UsageError(`未知选项 ${name} (unknown option)`);
      if (flag.takesValue) {
        const v = eq < 0 ? rest[++i] : arg.slice(eq + 1);
        if (v === undefined) throw new UsageError(`选项 ${name} 需要一个值 (needs a value)`);
        raw[flag.key] = v;
      } else raw[flag.key] = flag.value ?? true;
    } else (raw.files as string[]).push(arg);
  }
  const parsed = cliOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.path[0] === 'command')
      throw new UsageError(`未知命令 ${command} (unknown command); 可用 (available): check, score, tasks, rule, help`);
    if (issue.code === 'unrecognized_keys' || issue.path.length === 0) throw new UsageError(issue.message);
    throw new UsageError(issue.message.includes('(') ? issue.message : `${String(issue.path[0])}: ${issue.message}`);
  }
  if (parsed.data.command === 'score' && !parsed.data.out && !parsed.data.inPlace)
    throw new UsageError(
      'score 需要 -o <输出文件>，或 --in-place 明确同意覆盖输入文件 (score needs -o <out.xlsx> or --in-place)',
    );
  return parsed.data;
}

export const USAGE = `绩效评价助手 jixiao — 检查和计算预算绩效评价工作簿

用法 (usage):
  jixiao check <文件.xlsx|文件夹>… [选项]
      检查工作簿：识别指标表、得分表、预算表、台账、自评表，报告问题。
      文件夹：检查其中（含子文件夹）所有 .xlsx、.xlsm；旧版 .xls、WPS .et 在装有 LibreOffice 时转换后检查；
      其余文件逐个列出未检查的原因；Office 锁文件（~$…）和隐藏文件略过。
      --json / --format json    输出 JSON（问题代码在其中）
      --format csv              问题明细，CSV（UTF-8，Excel 可直接打开）
      --report 汇总.xlsx         另存汇总工作簿：“汇总”每个文件一行，“问题明细”每个问题一行
      --all                     连同“提示”级一并列出
      --explain                 列出每个表格的读法（各列读作什么、跳过哪些行）
      --no-recurse              不进入子文件夹
      --jobs N                  同时检查 N 个文件（默认：CPU 核数）
      --settings 设置.json       设置（保留位数、等级、节日期限、评分规则）
      --exit-zero               有错误时退出码仍为 0
  jixiao score <输入.xlsx> -o <输出.xlsx> [--formulas] [--overwrite] [--force] [--json]
      计算得分、得分率、小计、合计、等级和扣分说明，写入新文件（不修改输入文件）。
      --formulas 写入 Excel 公式；--overwrite 覆盖已有的不同值和公式；--in-place 写回输入文件；
      --force 允许替换已存在的输出文件。没有需要写入的内容时不写文件。
  jixiao tasks <输入.xlsx> -o <输出.xlsx> [--force]
      读取责任分解表，生成“单位任务清单”工作表（每个单位牵头和配合的任务），写入新文件。
${RULE_USAGE}
  jixiao help                 显示本说明（也可用 --help，或 jixiao check --help）

退出码 (exit codes):
  0 没有错误级问题；1 有错误级问题；2 有工作簿无法检查（不存在、旧版 .xls、已加密、损坏），
  文件夹中没有可检查的工作簿，或命令、设置有误；130 被 Ctrl-C 中断（已打印中断前完成的部分）。
`;
