import { toHalfWidth } from '../text';
import { ruleSchema, type Award, type Bound, type ParseResult, type Rule, type SimpleRule } from './types';

/**
 * 评价标准 text → typed rule. Each family is recognised by the phrases the documents use; a text
 * that fits none of them is reported as not understood, never guessed. The result is data: nothing
 * here is ever evaluated as code.
 */

const NUM = String.raw`\d+(?:\.\d+)?`;
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Half-width, no whitespace, one multiplication sign: what every pattern below is written against. */
export function normalizeRuleText(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '').replace(/\*/g, '×').replace(/[“”"]/g, '');
}

const pct = (s: string) => Number(s) / 100;
const cnNumber = (s: string) => CN_DIGITS[s] ?? Number(s);

export interface RuleContext {
  /** The indicator's name: `受益对象满意度` tells what an otherwise silent survey rule scores. */
  readonly name?: string;
}

export function parseRule(text: string, ctx: RuleContext = {}): ParseResult {
  const s = normalizeRuleText(text);
  if (!s) return { ok: false, reason: '评价标准为空' };
  const attempts: ((s: string, ctx: RuleContext) => Rule | undefined | string)[] = [
    parseDiscretionary,
    parseComposite,
    parseChecklist,
    parseSatisfaction,
    parseBands,
    parseIntervals,
    parseComparison,
    parseRanking,
    parseDeductPerPct,
    parseRatio,
    parsePerFinding,
    parseShareLevels,
    parseAwards,
    parseSurveyByName,
  ];
  for (const attempt of attempts) {
    const r = attempt(s, ctx);
    if (typeof r === 'string') return { ok: false, reason: r };
    if (r) {
      const checked = ruleSchema.safeParse(r);
      return checked.success ? { ok: true, rule: checked.data } : { ok: false, reason: `规则数值不合理（${checked.error.issues[0]?.message ?? ''}）` };
    }
  }
  return { ok: false, reason: '未识别出计分方式' };
}

/** The same as parseRule, for the parts of a composite rule (which cannot nest). */
function parseSimple(s: string): SimpleRule | undefined {
  const r = parseRule(s);
  return r.ok && r.rule.kind !== 'composite' ? r.rule : undefined;
}

function parseDiscretionary(s: string): Rule | undefined {
  if (!/酌情/.test(s)) return undefined;
  const pts = [...s.matchAll(new RegExp(`得(${NUM})分`, 'g'))].map((m) => Number(m[1]));
  return { kind: 'discretionary', ...(pts.length ? { full: Math.max(...pts) } : {}) };
}

/** `村企结对3分：完成得3分；未完成任务的，得分＝3×完成率。学校结对2分：…`. */
function parseComposite(s: string): Rule | undefined | string {
  const head = new RegExp(`(?:^|[(。;,])([^(。;,:]{1,14}?)(${NUM})分:`, 'g');
  const heads = [...s.matchAll(head)];
  if (heads.length < 2) return undefined;
  const parts = [];
  for (let i = 0; i < heads.length; i++) {
    const h = heads[i];
    const start = h.index! + h[0].length;
    const end = i + 1 < heads.length ? heads[i + 1].index! + (/^[(。;,]/.test(heads[i + 1][0]) ? 1 : 0) : s.length;
    const body = s.slice(start, end).replace(/[)]+$/, '');
    const rule = parseSimple(body);
    if (!rule) return `组合规则中“${h[1]}”一项未能识别`;
    parts.push({ name: h[1], points: Number(h[2]), rule });
  }
  return { kind: 'composite', parts };
}

function parseChecklist(s: string): Rule | undefined {
  const m = /(\d+)项各占1\/(\d+)的?权重分/.exec(s);
  if (!m) return undefined;
  const listed = (s.match(/[\u2460-\u2473]/g) ?? []).length;
  return { kind: 'checklist', items: Number(m[1]), ...(listed ? { listed } : {}) };
}

const DEDUCT_PER_PCT = new RegExp(`每(?:降低|低于|下降|减少)1(?:%|个百分点)(?:的)?,?(?:扣除?|减)(${NUM})%的?权重分`);

function parseSatisfaction(s: string): Rule | undefined {
  if (!/满意/.test(s)) return undefined;
  const full = new RegExp(`满意(?:度|率)达(?:到)?(${NUM})%(?:以上|及以上)?,?(?:则)?得满分`).exec(s);
  const w = new RegExp(`非常满意(${NUM})%,?满意(${NUM})%,?一般(${NUM})%,?(?:不太|不)满意(${NUM})%,?很不满意(${NUM})%`).exec(s);
  if (!full && !w) return undefined;
  const per = DEDUCT_PER_PCT.exec(s);
  return {
    kind: 'satisfaction',
    weights: w ? w.slice(1, 6).map(pct) : [1, 0.75, 0.5, 0.25, 0],
    ...(full ? { fullAt: pct(full[1]) } : {}),
    ...(per ? { perPct: pct(per[1]) } : {}),
  };
}

const OPS = '(?:<=|>=|≤|≥|<|>)';

function awardIn(clause: string): { award: Award; index: number } | undefined {
  const m = new RegExp(`得满分|不得分|得(${NUM})分`).exec(clause);
  if (!m) return undefined;
  const award: Award = m[0] === '得满分' ? { share: 1 } : m[0] === '不得分' ? { points: 0 } : { points: Number(m[1]) };
  return { award, index: m.index };
}

/** 成本节约率 `|Y|≥4%时，得2分；3%≤成本节约率|Y|<4%时，得1.5分；…；0%>成本节约率|Y|，得0分`. */
function parseBands(s: string): Rule | undefined | string {
  if (!new RegExp(`${OPS}${NUM}%|${NUM}%${OPS}`).test(s)) return undefined;
  const clauses = s.split(/[;。]/).filter(Boolean);
  const bands: { min?: Bound; max?: Bound; points: number; text: string }[] = [];
  let variable: string | undefined;
  let abs = false;
  for (const clause of clauses) {
    const a = awardIn(clause);
    if (!a) continue;
    if (!('points' in a.award)) return undefined;
    const cond = clause.slice(0, a.index).replace(/[,时]+$/, '');
    const left = new RegExp(`^(${NUM})%(${OPS})`).exec(cond);
    const rest = left ? cond.slice(left[0].length) : cond;
    const right = new RegExp(`(${OPS})(${NUM})%$`).exec(rest);
    if (!left && !right) return undefined;
    const v = right ? rest.slice(0, right.index) : rest;
    if (/\||绝对值/.test(v)) abs = true;
    variable ??= v.replace(/\|?Y\|?|\||绝对值/g, '') || undefined;
    const band: { min?: Bound; max?: Bound; points: number; text: string } = { points: a.award.points, text: clause };
    if (left) Object.assign(band, boundFromLeft(left[2], pct(left[1])));
    if (right) Object.assign(band, boundFromRight(right[1], pct(right[2])));
    bands.push(band);
  }
  if (bands.length < 2) return undefined;
  return { kind: 'bands', ...(variable ? { variable } : {}), abs, bands };
}

/** `a op X`: `3%≤X` is X ≥ 3%, `0%>X` is X < 0%. */
function boundFromLeft(op: string, value: number): { min?: Bound; max?: Bound } {
  if (op === '<') return { min: { value, inclusive: false } };
  if (op === '≤' || op === '<=') return { min: { value, inclusive: true } };
  if (op === '>') return { max: { value, inclusive: false } };
  return { max: { value, inclusive: true } };
}

function boundFromRight(op: string, value: number): { min?: Bound; max?: Bound } {
  if (op === '<') return { max: { value, inclusive: false } };
  if (op === '≤' || op === '<=') return { max: { value, inclusive: true } };
  if (op === '>') return { min: { value, inclusive: false } };
  return { min: { value, inclusive: true } };
}

/** `效果显著得(2,3]分；效果较好得(1,2]分；效果一般得(0,1]分；效果较差不得分` (brackets of either width). */
function parseIntervals(s: string): Rule | undefined {
  const re = new RegExp(`([^;,。]*?)得([\\[(])(${NUM}),(${NUM})([\\])])分?`, 'g');
  const grades = [...s.matchAll(re)].map((m) => ({
    label: shortLabel(m[1]),
    low: Number(m[3]),
    lowInclusive: m[2] === '[',
    high: Number(m[4]),
    highInclusive: m[5] === ']',
  }));
  if (grades.length < 2) return undefined;
  const zero = /([^;,。]*?)不得分/.exec(s.replace(re, ''));
  if (zero) grades.push({ label: shortLabel(zero[1]), low: 0, lowInclusive: true, high: 0, highInclusive: true });
  return { kind: 'intervals', grades };
}

/** The tail of a long clause, enough to name the grade (`非常显著`). */
function shortLabel(s: string): string {
  const t = s.replace(/^[()]+/, '').replace(/(的|则|时)$/, '');
  return t.length > 16 ? `…${t.slice(-16)}` : t;
}

/** `本年度“三公经费”总额＜上年度“三公经费”总额，得2分；等于得1分；大于不得分`. */
function parseComparison(s: string): Rule | undefined {
  if (!/上年/.test(s) || !/等于/.test(s)) return undefined;
  let less: number | undefined;
  let equal: number | undefined;
  let greater: number | undefined;
  let subject: string | undefined;
  for (const clause of s.split(/[;。]/)) {
    const a = awardIn(clause);
    if (!a || !('points' in a.award)) continue;
    const cond = clause.slice(0, a.index);
    if (/^等于|[^不]等于/.test(cond) && !/[<>]/.test(cond)) equal = a.award.points;
    else if (/<|小于|低于|少于/.test(cond)) {
      less = a.award.points;
      subject = /^(.*?)(?:<|小于|低于|少于)/.exec(cond)?.[1].replace(/^本年度?/, '') || undefined;
    } else if (/>|大于|高于|多于/.test(cond)) greater = a.award.points;
  }
  if (less === undefined || equal === undefined || greater === undefined) return undefined;
  return { kind: 'comparison', ...(subject ? { subject } : {}), less, equal, greater };
}

/** `前二得3分，完成任务得2分`, `就读人数前二名3分，完成任务得2分，无则0分`. */
function parseRanking(s: string): Rule | undefined {
  const top = new RegExp(`前([一二两三四五六七八九十]|\\d+)名?(?:的)?(?:得)?(${NUM})分`).exec(s);
  if (!top) return undefined;
  const done = new RegExp(`完成(?:任务)?(?:的)?,?得(${NUM})分`).exec(s);
  if (!done) return undefined;
  const none = new RegExp(`无则(${NUM})分|(?:未完成(?:任务)?|无)的?,?得(${NUM})分`).exec(s);
  return {
    kind: 'ranking',
    top: cnNumber(top[1]),
    topPoints: Number(top[2]),
    completePoints: Number(done[1]),
    ...(none ? { nonePoints: Number(none[1] ?? none[2]) } : {}),
  };
}

/** `达95%以上，则得满分。每降低1%扣5%权重分`, `完成则得满分，每低于1%，扣除5%权重分`, `达到目标值，则得满分`. */
function parseDeductPerPct(s: string): Rule | undefined {
  const per = DEDUCT_PER_PCT.exec(s);
  if (!per) return undefined;
  const at = new RegExp(`([^,;。]*?)达(?:到)?(${NUM})%(?:以上|及以上)?,?(?:则)?得满分`).exec(s);
  const fromBenchmark = /达到(?:目标值|标杆值)/.test(s);
  const variable = at?.[1] || undefined;
  return {
    kind: 'deduct-per-pct',
    threshold: at ? pct(at[2]) : 1,
    ...(fromBenchmark && !at ? { fromBenchmark: true } : {}),
    perPct: pct(per[1]),
    ...(variable ? { variable } : {}),
  };
}

/** `指标分值=资金到位率Y*指标满分值3分，得分不超过3分`, `得分＝3×完成率`. */
function parseRatio(s: string): Rule | undefined {
  const a = new RegExp(`(?:指标分值|得分|分值)=([^=×,;。]*?)Y?×(?:指标)?满分值(?:(${NUM})分)?`).exec(s);
  const b = new RegExp(`得分=(${NUM})×([^,;。)]*?率)`).exec(s);
  const c = new RegExp(`得分=([^=×,;。]*?率)Y?×(${NUM})`).exec(s);
  const cap = new RegExp(`得分不(?:超过|高于)(${NUM})分`).exec(s);
  let variable: string | undefined;
  let max: number | undefined;
  if (a) {
    variable = a[1];
    max = a[2] !== undefined ? Number(a[2]) : undefined;
  } else if (b) {
    max = Number(b[1]);
    variable = b[2];
  } else if (c) {
    variable = c[1];
    max = Number(c[2]);
  } else return undefined;
  if (max === undefined && cap) max = Number(cap[1]);
  return { kind: 'ratio', ...(max !== undefined ? { max } : {}), ...(variable ? { variable } : {}) };
}

/** `有效监督管理得2分，每发现一处监督管理不到位的扣0.1分，扣完为止`; `20%资金使用不规范的…不得分`. */
function parsePerFinding(s: string): Rule | undefined {
  const m = new RegExp(`每(?:发现|出现|有|存在)一(?:处|项|次|个|例|笔)[^扣]{0,24}扣除?(${NUM})分`).exec(s);
  if (!m) return undefined;
  const before = s.slice(0, m.index);
  const fulls = [...before.matchAll(new RegExp(`得(${NUM})分`, 'g'))];
  const full = fulls.length ? Number(fulls[fulls.length - 1][1]) : undefined;
  const zero = /(\d+(?:\.\d+)?%[^,;。]*?)的?,[^,;。]*不得分/.exec(s);
  return {
    kind: 'per-finding',
    deduct: Number(m[1]),
    ...(full !== undefined ? { full } : {}),
    ...(zero ? { zeroIf: zero[1] } : {}),
  };
}

/** `考核情况分优、良、中、较差和差，分别可得100%、75%、50%、25%、0的权重分`; `…得满分，未…判断可得75%、50%、25%、0的权重分`. */
function parseShareLevels(s: string): Rule | undefined {
  const list = new RegExp(`可得((?:${NUM}%?、)+${NUM}%?)的?权重分`).exec(s);
  if (!list) return undefined;
  const shares = list[1].split('、').map((x) => (x.endsWith('%') ? pct(x.slice(0, -1)) : Number(x) === 0 ? 0 : NaN));
  if (shares.some((x) => !Number.isFinite(x) || x < 0 || x > 1)) return undefined;
  const named = /分([^,;。]+?),?分别可得/.exec(s);
  if (named) {
    const labels = named[1].split(/、|和|及/).filter(Boolean);
    if (labels.length !== shares.length) return undefined;
    return { kind: 'levels', levels: labels.map((label, i) => ({ label, award: { share: shares[i] } })) };
  }
  const full = /([^,;。]*?)则?得满分,([^,;。]*?)(?:判断)?可得/.exec(s);
  if (!full) return undefined;
  const lower = full[2].replace(/(?:则|可|根据|专家|判断)+$/, '').replace(/则.*$/, '');
  return {
    kind: 'levels',
    levels: [
      { label: shortLabel(full[1]), award: { share: 1 } },
      ...shares.map((share, i) => ({ label: `${shortLabel(lower)}（${i + 1}）`, award: { share } })),
    ],
  };
}

/** `符合得1分，不符合得0分`, `有效得1分，较有效得0.5分，无效得0分`, `召开1次及以上的，得3分；未召开的，得0分`. */
function parseAwards(s: string): Rule | undefined {
  const clauses = s.split(/[,;。()!?:]/);
  const levels: { label: string; award: Award }[] = [];
  let pending = '';
  for (const clause of clauses) {
    if (/得分=|满分值/.test(clause)) return undefined;
    const a = awardIn(clause);
    if (!a) {
      pending = clause;
      continue;
    }
    const own = clause.slice(0, a.index).replace(/(则|的|时)+$/, '');
    const label = own || pending.replace(/(则|的|时)+$/, '');
    levels.push({ label: shortLabel(label), award: a.award });
    pending = '';
  }
  if (levels.length < 2) return undefined;
  const value = (x: Award) => ('points' in x ? x.points : x.share);
  if (levels.length === 2 && value(levels[1].award) === 0 && value(levels[0].award) > 0) {
    return { kind: 'binary', pass: levels[0].award, fail: levels[1].award, passLabel: levels[0].label, failLabel: levels[1].label };
  }
  return { kind: 'levels', levels };
}

/** A 满意度 indicator whose text only says how the survey is taken: scored as weight × 满意度. */
function parseSurveyByName(s: string, ctx: RuleContext): Rule | undefined {
  if (!ctx.name || !/满意度/.test(ctx.name)) return undefined;
  if (!/调查|问卷|满意/.test(s)) return undefined;
  return { kind: 'satisfaction', weights: [1, 0.75, 0.5, 0.25, 0] };
}
