import { defineRoles, type RolePatterns } from '../header';

/**
 * The words agencies print over their columns, one table for every table family: data, not code.
 * A new provincial wording is one more word in a list below.
 *
 * A word matches a header cell whose text, normalised (half-width, no spaces or line breaks), is
 * the word itself once the tolerated affixes are taken off:
 * - a year in front: `2023年预算数`, `2023年度预算数`;
 * - brackets behind: `全年预算数(A)`, `执行率(B/A)`, `预算数（万元）`, `得分（分）`, `分值（70分）`.
 * A word starting or ending in `*` matches any text ending or starting with the rest
 * (`*评分标准` is `指标说明及评分标准` as well as `评分标准`).
 *
 * Within a family the roles are tried in the order listed: a cell naming two roles takes the first
 * one not yet taken, and a word list is tried before the next role's.
 */
export type WordTable = Readonly<Record<string, readonly string[]>>;

/** Shared by the families that score: the same words mean 分值 and 得分 everywhere. */
const WEIGHT = [
  '分值',
  '权重',
  '标准分值',
  '指标分值',
  '分数',
  '满分',
  '满分值',
  '权重分',
  '标准分',
  '权数',
  '分值权重',
  '指标权重',
];
const SCORE = [
  '得分',
  '实际得分',
  '评价得分',
  '考核得分',
  '考评得分',
  '评估得分',
  '自评得分',
  '综合得分',
  '最终得分',
  '实得分',
];

/** 指标体系 / 绩效评价得分表 / 评价办法. */
export const INDICATOR_WORDS = {
  l1: ['一级', '一级指标', '一级指标名称'],
  l2: ['二级', '二级指标', '二级指标名称'],
  l3: ['三级', '三级指标', '三级指标名称'],
  l4: ['四级', '四级指标', '四级指标名称'],
  nameCol: ['名称指标', '指标名称', '评价指标', '考核指标', '考核项目', '评价内容', '评价项目'],
  /** A group column headed by a word that names no level (`项目 | 内容 | …`). */
  group: ['项目', '评价维度', '类别'],
  /** Names under a word that names no level (`内容`); read as names only when the cells carry points. */
  content: ['内容', '考核内容名称', '具体内容'],
  seq: ['序号', '编号'],
  weight: WEIGHT,
  score: SCORE,
  rate: ['得分率'],
  note: ['扣分说明*', '扣分原因*', '扣分理由*', '扣分情况*', '扣分依据*', '评分说明*', '得分说明*', '偏差原因*'],
  rule: [
    '*评价标准',
    '*评分标准',
    '考核内容',
    '评分细则',
    '评分方法',
    '计分方法',
    '评分办法',
    '考核标准',
    '评分规则',
    '计分标准',
    '评分要点',
    '评价要点',
  ],
  explain: ['指标解释', '指标说明', '指标内涵', '指标释义', '指标解释说明'],
  benchmark: ['标杆值', '目标值', '目标值(标准)', '年度指标值', '指标值'],
  remark: ['备注'],
  source: ['数据来源*', '取数方式*', '考核依据*', '评价依据*', '佐证材料*'],
  grade: ['等级', '评价等级', '绩效等级'],
  unit: ['计量单位', '度量单位', '单位'],
  nature: ['指标性质'],
} as const satisfies WordTable;

/** The 绩效指标 block of a 项目支出绩效自评表. */
export const SELFEVAL_WORDS = {
  l1: ['一级指标', '一级'],
  l2: ['二级指标', '二级'],
  l3: ['三级指标', '三级'],
  target: ['年度指标值', '目标值', '年度目标值', '指标值', '预期指标值', '全年指标值', '预期目标值'],
  actual: ['完成值', '实际完成值', '全年实际值', '实际值', '全年完成值', '全年实际完成值', '实际完成指标值'],
  weight: ['分值', '权重'],
  score: ['得分'],
  note: ['偏差原因*', '未完成原因*'],
  unit: ['度量单位', '计量单位'],
  nature: ['指标性质'],
} as const satisfies WordTable;

/** The 项目资金 / 预算执行情况 block of a 自评表. */
export const FUND_WORDS = {
  initialBudget: ['年初预算数', '年初预算'],
  annualBudget: ['全年预算数', '调整后预算数', '调整后预算', '全年预算'],
  executed: ['全年执行数', '预算执行数', '执行数', '全年执行', '实际执行数', '全年实际支出'],
  weight: ['分值', '权重'],
  rate: ['执行率', '预算执行率', '全年执行率'],
  score: ['得分'],
} as const satisfies WordTable;

/** 综合评定得分表 / 绩效得分整体情况表: one 一级 per row (or per column), 分值, 得分, 得分率. */
export const SUMMARY_WORDS = {
  label: ['指标', '项目', '评价内容', '一级指标', '评价维度', '评价项目', '指标名称'],
  weight: ['分值*', '标准分值*', '权重*', '满分*', '指标分值*'],
  score: ['*得分'],
  rate: ['得分率'],
} as const satisfies WordTable;

/** Row labels of a money table. */
const MONEY_LABEL = [
  '单位名称',
  '项目名称',
  '项目',
  '单位',
  '名称',
  '预算单位',
  '项目单位',
  '资金名称',
  '科目',
  '支出项目',
  '科目名称',
  '项目(科目)',
];

/** 预算资金支出明细表, 决算表, 三公经费. */
export const BUDGET_WORDS = {
  label: MONEY_LABEL,
  budget: ['预算资金', '预算数', '预算', '年初预算数', '年初预算', '预算金额', '预算安排', '预算安排数'],
  adjustedBudget: ['调整后预算数', '调整后预算', '全年预算数', '全年预算'],
  received: ['实际到位', '实际到位资金'],
  actual: [
    '实际支出',
    '实际支出资金',
    '支出',
    '支出数',
    '决算数',
    '执行数',
    '实际执行数',
    '全年执行数',
    '实际使用资金',
    '预算执行数',
  ],
  balance: ['结余', '结余资金', '结转结余', '结余金额'],
  rate: ['执行率', '预算执行率'],
} as const satisfies WordTable;

export const COST_WORDS = {
  label: MONEY_LABEL,
  planCost: ['计划成本'],
  actualCost: ['实际成本'],
  saving: ['节约额', '节约金额'],
  savingRate: ['成本节约率'],
} as const satisfies WordTable;

export const LEDGER_WORDS = {
  date: ['日期', '拨付日期', '支付日期', '付款日期', '发放日期'],
  voucher: ['凭证号', '凭证编号'],
  payer: ['付款单位', '拨付单位'],
  payee: ['收款单位', '收款人', '领取单位'],
  purpose: ['用途', '摘要', '款项用途', '资金用途'],
  festival: ['对应节日', '节日'],
  amount: ['金额*'],
  year: ['年度'],
} as const satisfies WordTable;

/** Affixes a header may carry around its word (see above). */
const YEAR_PREFIX = '(?:(?:19|20)\\d{2}年度?)?';
const BRACKET_SUFFIX = '(?:[(（][^()（）]{0,12}[)）])*';

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wordSource(word: string): string {
  // Words are written with full-width brackets for people; headers are compared half-width.
  const half = word.replace(/（/g, '(').replace(/）/g, ')');
  const lead = half.startsWith('*');
  const tail = half.endsWith('*') && half.length > 1;
  const core = escape(half.slice(lead ? 1 : 0, tail ? -1 : undefined));
  return `${lead ? '.*' : ''}${core}${tail ? '.*' : ''}`;
}

/** The pattern of one role: any of its words, with the tolerated affixes. */
export function wordsPattern(words: readonly string[]): RegExp {
  // Longest first, so that `年初预算数` is not cut to `年初预算` before the suffix.
  const sorted = [...words].sort((a, b) => b.length - a.length);
  return new RegExp(`^${YEAR_PREFIX}(?:${sorted.map(wordSource).join('|')})${BRACKET_SUFFIX}$`);
}

/**
 * Compiles a family's word table to the role patterns the header scan uses (and declares them, so
 * every sheet is scanned once for all families: see header.ts).
 */
export function rolesFromWords<T extends WordTable>(table: T): RolePatterns<Extract<keyof T, string>> {
  const out: Record<string, RegExp> = {};
  for (const [role, words] of Object.entries(table)) out[role] = wordsPattern(words);
  return defineRoles(out as Record<Extract<keyof T, string>, RegExp>);
}

/** A role's name in Chinese, for `--explain` and the pane's table list. */
export const ROLE_ZH: Readonly<Record<string, string>> = {
  l1: '一级指标',
  l2: '二级指标',
  l3: '三级指标',
  l4: '四级指标',
  nameCol: '指标名称',
  group: '分组',
  content: '指标名称',
  seq: '序号',
  weight: '分值',
  score: '得分',
  rate: '得分率',
  note: '扣分说明',
  rule: '评分标准',
  explain: '指标解释',
  benchmark: '目标值',
  remark: '备注',
  source: '评价依据',
  grade: '等级',
  unit: '计量单位',
  nature: '指标性质',
  target: '年度指标值',
  actual: '实际完成值',
  initialBudget: '年初预算数',
  annualBudget: '全年预算数',
  executed: '全年执行数',
  label: '名称',
  budget: '预算数',
  adjustedBudget: '调整后预算数',
  received: '实际到位资金',
  balance: '结余',
  planCost: '计划成本',
  actualCost: '实际成本',
  saving: '节约额',
  savingRate: '成本节约率',
  date: '日期',
  voucher: '凭证号',
  payer: '付款单位',
  payee: '收款单位',
  purpose: '用途',
  festival: '对应节日',
  amount: '金额',
  year: '年度',
  bandRule: '评分标准（档次）',
  bandPoints: '档次分值',
};
