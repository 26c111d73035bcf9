import { z } from 'zod';
import { explainRule } from '../engine';

/**
 * `jixiao rule "<评价标准>" [--weight N] [--rate X | --count N | --level N] [--json]`: how jixiao reads
 * a 评价标准 and, given an input, the score. Exit 0 when understood, 1 when not, 2 on a usage error.
 */
const ruleArgsSchema = z
  .object({
    text: z.string().min(1, '请给出评价标准文字 (give the rule text)'),
    weight: z.number().finite().positive().optional(),
    rate: z.number().finite().optional(),
    count: z.number().int().min(0).optional(),
    level: z.number().int().min(0).optional(),
    json: z.boolean(),
  })
  .refine(
    (a) => [a.rate, a.count, a.level].filter((x) => x !== undefined).length <= 1,
    '--rate、--count、--level 只能给一个 (give at most one of --rate, --count, --level)',
  );

export const RULE_USAGE = `  jixiao rule "<评价标准>" [--weight N] [--rate X | --count N | --level N] [--json]
      显示 jixiao 如何理解一条评价标准；给出完成率（0.95）、问题个数或第几档（0 起）时计算得分。`;

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const NUMERIC = new Set(['--weight', '--rate', '--count', '--level']);

export function runRule(argv: readonly string[], io: Io): 0 | 1 | 2 {
  const raw: Record<string, unknown> = { json: false };
  const texts: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split('=', 2);
    if (name === '--json') raw.json = true;
    else if (NUMERIC.has(name)) {
      const v = inline ?? argv[++i];
      const n = Number(String(v ?? '').replace(/%$/, ''));
      if (v === undefined || v === '' || !Number.isFinite(n)) {
        io.err(`jixiao: 选项 ${name} 需要一个数字 (needs a number)`);
        return 2;
      }
      raw[name.slice(2)] = /%$/.test(String(v)) ? n / 100 : n;
    } else if (name.startsWith('--')) {
      io.err(`jixiao: 未知选项 ${name} (unknown option)`);
      return 2;
    } else texts.push(argv[i]);
  }
  raw.text = texts.join(' ');
  const parsed = ruleArgsSchema.safeParse(raw);
  if (!parsed.success) {
    io.err(`jixiao: ${parsed.error.issues[0].message}`);
    return 2;
  }
  const a = parsed.data;
  const input =
    a.rate !== undefined
      ? { rate: a.rate }
      : a.count !== undefined
        ? { count: a.count }
        : a.level !== undefined
          ? { level: a.level }
          : undefined;
  const e = explainRule(a.text, a.weight, input);
  if (a.json) io.out(JSON.stringify(e));
  else {
    io.out(e.understood ? `${e.reading}` : `未能理解（not understood）：${e.reading}`);
    if (e.understood) io.out(`类型：${e.family}；满分：${e.max ?? '（指标分值）'}；规则简写：${e.notation}`);
    if (input) io.out(e.score !== undefined ? `得分：${e.score}` : '得分：按此输入无法确定（需人工评定或换一种输入）');
  }
  return e.understood ? 0 : 1;
}
