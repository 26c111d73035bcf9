import { z } from 'zod';
import { tableCorrectionSchema } from './layout/corrections';
import { reviewSchema } from './review';
import { journalEntrySchema } from './journal';

/**
 * Settings that change what the engine reports or writes. Validated at every boundary (the add-in's
 * document settings, CLI options): a bad value is reported and replaced by its default.
 */
export const gradeBandSchema = z.object({
  grade: z.string().min(1),
  /** Lowest total (inclusive) that earns this grade; a total below every band gets the last grade. */
  min: z.number(),
});

export const settingsSchema = z.object({
  /** Decimal places for computed scores (half-up). */
  scorePlaces: z.number().int().min(0).max(6).default(2),
  /** Number format for written 得分率 cells. */
  rateFormat: z.string().default('0.00%'),
  /** Grades from highest threshold down: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below. */
  grades: z
    .array(gradeBandSchema)
    .min(1)
    .default([
      { grade: '优', min: 90 },
      { grade: '良', min: 80 },
      { grade: '中', min: 60 },
      { grade: '差', min: 0 },
    ]),
  /** Holiday money must be paid at least this many working days before the festival (0 = by the day). */
  holidayDeadlineWorkdays: z.number().int().min(0).max(60).default(0),
  /** Cumulative 支付进度 targets at the end of March, June, September, December. */
  paymentTargets: z.tuple([z.number(), z.number(), z.number(), z.number()]).default([0.33, 0.7, 0.85, 1]),
  /** Rule overrides in the short notation, keyed by indicator path or name (see README). */
  ruleOverrides: z.record(z.string(), z.string()).default({}),
  /**
   * The 二级 categories a project's 绩效目标表 must cover (财预〔2021〕101号: 产出 数量/质量/时效/成本, 满意度);
   * a category is covered when a 一级 or 二级 name contains the word.
   */
  targetCategories: z.array(z.string().min(1)).default(['数量', '质量', '时效', '成本', '满意度']),
  /** Extra official holiday arrangements for years the bundled data does not cover. */
  extraHolidays: z
    .array(
      z.object({
        name: z.string(),
        /** Days off, ISO dates. */
        days: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
        /** 调休 working days (weekends worked), ISO dates. */
        workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
      }),
    )
    .default([]),
  /** Column roles the user corrected, per header row (see README “How to correct a reading”). */
  tables: z.array(tableCorrectionSchema).default([]),
  /** Verdicts on findings (已复核 / 忽略), see review.ts; the pane writes them, the CLI honours them. */
  reviews: z.array(reviewSchema).default([]),
  /** Every write jixiao made, for 撤销回写; see journal.ts. */
  journal: z.array(journalEntrySchema).default([]),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Settings objects this module produced: already validated, so passing one on does not validate it again. */
const validated = new WeakSet<object>([DEFAULT_SETTINGS]);

export interface SettingsIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Reads settings from an untrusted source. Each bad field falls back to its default and is listed,
 * so one typo in a stored setting never stops a check.
 */
export function readSettings(raw: unknown): { settings: Settings; issues: SettingsIssue[] } {
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, issues: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: DEFAULT_SETTINGS, issues: [{ path: '', message: '设置不是一个对象，已使用默认设置' }] };
  }
  const unknown = Object.keys(raw).filter((k) => !(k in settingsSchema.shape));
  const unknownIssues = unknown.map((k) => ({ path: k, message: `未知的设置项“${k}”，已忽略` }));
  const whole = settingsSchema.safeParse(raw);
  if (whole.success) return { settings: remember(whole.data), issues: unknownIssues };
  const issues: SettingsIssue[] = [...unknownIssues];
  const bad = new Set(whole.error.issues.map((i) => String(i.path[0] ?? '')));
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!bad.has(k)) kept[k] = v;
  }
  for (const i of whole.error.issues) {
    issues.push({ path: i.path.join('.'), message: `设置 ${i.path.join('.')} 无效（${zodIssueZh(i)}），已使用默认值` });
  }
  const fallback = settingsSchema.safeParse(kept);
  return { settings: fallback.success ? remember(fallback.data) : DEFAULT_SETTINGS, issues };
}

function remember(s: Settings): Settings {
  validated.add(s);
  return s;
}

/**
 * Settings as the engine's entry points take them: `undefined` (the defaults), settings `readSettings`
 * returned (used as they are: a front end validates once, at its boundary), or anything else (validated
 * here, with the issues listed). The single place the engine decides whether to validate.
 */
export function settingsOf(raw: unknown): { settings: Settings; issues: SettingsIssue[] } {
  if (raw === undefined) return { settings: DEFAULT_SETTINGS, issues: [] };
  if (typeof raw === 'object' && raw !== null && validated.has(raw)) return { settings: raw as Settings, issues: [] };
  return readSettings(raw);
}

const TYPE_ZH: Readonly<Record<string, string>> = {
  number: '数字',
  string: '文字',
  array: '列表',
  object: '对象',
  boolean: '是/否',
  nan: '非数字',
  undefined: '空',
  null: '空',
  integer: '整数',
};

/** One zod issue in Chinese, so no English reaches a finance user (zod's own messages are English). */
export function zodIssueZh(i: z.ZodIssue): string {
  // A schema of jixiao's own that says what is wrong in Chinese (a column role, a header row) is the best answer.
  if (/[\u4e00-\u9fff]/.test(i.message)) return i.message;
  switch (i.code) {
    case 'invalid_type':
      return i.received === 'undefined'
        ? '缺少此项'
        : `应为${TYPE_ZH[i.expected] ?? i.expected}，实为${TYPE_ZH[i.received] ?? i.received}`;
    case 'too_small':
      return i.type === 'array'
        ? `至少要有 ${Number(i.minimum)} 项`
        : i.type === 'string'
          ? '不能为空'
          : `不能小于 ${Number(i.minimum)}`;
    case 'too_big':
      return i.type === 'array'
        ? `最多 ${Number(i.maximum)} 项`
        : i.type === 'string'
          ? '太长'
          : `不能大于 ${Number(i.maximum)}`;
    case 'invalid_string':
      return '格式不对（日期应写成 2026-01-01）';
    case 'invalid_enum_value':
      return `应为 ${i.options.join('、')} 之一`;
    case 'unrecognized_keys':
      return `未知的项 ${i.keys.join('、')}`;
    default:
      return '值无效';
  }
}
