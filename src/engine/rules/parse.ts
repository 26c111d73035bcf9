import { assemble } from './assemble';
import { cnNumber as cn, normalizeRuleText, segmentsOf } from './grammar';
import { ruleSchema, type ParseResult, type Rule } from './types';

/**
 * 评价标准 text → typed rule. Fixed phrasings of a few families (满意度 weights, 三公经费 vs 上年,
 * 前N名, interval grades, `N项各占1/N权重分`, `可得100%、75%…的权重分`) are recognised whole; every
 * other text goes through the clause grammar (grammar.ts) and is assembled clause by clause
 * (assemble.ts). A text with a clause that cannot be placed is reported as not understood, with that
 * clause quoted, never guessed. The result is data: nothing here is ever evaluated as code.
 */

export { normalizeRuleText };

const NUM = String.raw`\d+(?:\.\d+)?`;
const pct = (s: string) => Number(s) / 100;
const cnNumber = (s: string) => cn(s) ?? Number(s);

export interface RuleContext {
  /** The indicator's name: `受益对象满意度` tells what an otherwise silent survey rule scores. */
  readonly name?: string;
}

export type RuleParse = ParseResult & { readonly unplaced?: string };

export function parseRule(text: string, ctx: RuleContext = {}): RuleParse {
  // A form repeats a handful of wordings over hundreds of leaves; the parse depends only on the text
  // and on whether the name is a 满意度 one (parseSurveyByName), so one parse serves them all.
  const key = (ctx.name && /满意度/.test(ctx.name) ? '\u0001' : '\u0000') + text;
  const known = parsed.get(key);
  if (known) return known;
  if (parsed.size >= PARSE_CACHE_SIZE) parsed.clear();
  const result = deepFreeze(parseUncached(text, ctx));
  parsed.set(key, result);
  return result;
}

/** Enough for every distinct wording of the largest forms seen; a clear keeps memory bounded. */
const PARSE_CACHE_SIZE = 4096;
const parsed = new Map<string, RuleParse>();

/** Shared results must not be changed by one caller under another's feet. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function parseUncached(text: string, ctx: RuleContext): RuleParse {
  const s = normalizeRuleText(text);
  if (!s) return { ok: false, reason: '评价标准为空' };
  const whole: ((s: string, ctx: RuleContext) => Rule | undefined)[] = [
    parseDiscretionary,
    parseChecklist,
    parseSatisfaction,
    parseIntervals,
    parseComparison,
    parseRanking,
    parseShareLevels,
  ];
  for (const attempt of whole) {
    const r = attempt(s, ctx);
    if (r) return checked(r);
  }
  const a = assemble(segmentsOf(text));
  if (a.ok) return checked(a.rule);
  const survey = parseSurveyByName(s, ctx);
  if (survey) return checked(survey);
  return { ok: false, reason: a.reason, ...(a.unplaced ? { unplaced: a.unplaced } : {}) };
}

function checked(r: Rule): RuleParse {
  const c = ruleSchema.safeParse(r);
  return c.success
    ? { ok: true, rule: c.data }
    : { ok: false, reason: `规则数值不合理（${c.error.issues[0]?.message ?? ''}）` };
}

function parseDiscretionary(s: string): Rule | undefined {
  if (!/酌情|视(?:具体)?情况(?:扣分|打分|给分|评分|扣减)|酌定/.test(s)) return undefined;
  const full = new RegExp(`满分(?:值)?(?:为)?(${NUM})分`).exec(s);
  if (full) return { kind: 'discretionary', full: Number(full[1]) };
  const pts = [...s.matchAll(new RegExp(`(?:得|计|记)(${NUM})分`, 'g'))].map((m) => Number(m[1]));
  return { kind: 'discretionary', ...(pts.length ? { full: Math.max(...pts) } : {}) };
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
  const w = new RegExp(
    `非常满意(${NUM})%,?满意(${NUM})%,?一般(${NUM})%,?(?:不太|不)满意(${NUM})%,?很不满意(${NUM})%`,
  ).exec(s);
  if (!full && !w) return undefined;
  const per = DEDUCT_PER_PCT.exec(s);
  // Any other deduction (`每降低1个百分点扣0.2分`) is read by the clause grammar, not dropped here.
  if (/扣|加\d/.test(s.replace(DEDUCT_PER_PCT, '').replace(/扣完为止/g, ''))) return undefined;
  return {
    kind: 'satisfaction',
    weights: w ? w.slice(1, 6).map(pct) : [1, 0.75, 0.5, 0.25, 0],
    ...(full ? { fullAt: pct(full[1]) } : {}),
    ...(per ? { perPct: pct(per[1]) } : {}),
  };
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

function awardIn(clause: string): { award: { points: number } | { share: number }; index: number } | undefined {
  const m = new RegExp(`得满分|不得分|得(${NUM})分`).exec(clause);
  if (!m) return undefined;
  const award = m[0] === '得满分' ? { share: 1 } : m[0] === '不得分' ? { points: 0 } : { points: Number(m[1]) };
  return { award, index: m.index };
}

/** `本年度“三公经费”总额＜上年度“三公经费”总额，得2分；等于得1分；大于不得分`. */
function parseComparison(s: string): Rule | undefined {
  if (!/上年/.test(s) || !/等于|持平|不变|相等/.test(s)) return undefined;
  let less: number | undefined;
  let equal: number | undefined;
  let greater: number | undefined;
  let subject: string | undefined;
  let pending = '';
  for (const clause of s.split(/[;。,]/)) {
    const a = awardIn(clause);
    if (!a) pending += clause;
    if (!a || !('points' in a.award)) continue;
    const cond = pending + clause.slice(0, a.index);
    pending = '';
    if (/^等于|[^不]等于|持平|不变|相等/.test(cond) && !/[<>]/.test(cond)) equal = a.award.points;
    else if (/<|小于|低于|少于|下降|减少|降低/.test(cond)) {
      less = a.award.points;
      subject = /^(.*?)(?:<|小于|低于|少于|较?上年)/.exec(cond)?.[1].replace(/^本年度?/, '') || undefined;
    } else if (/>|大于|高于|多于|上升|增加|增长/.test(cond)) greater = a.award.points;
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

/** A 满意度 indicator whose text only says how the survey is taken: scored as weight × 满意度. */
function parseSurveyByName(s: string, ctx: RuleContext): Rule | undefined {
  if (!ctx.name || !/满意度/.test(ctx.name)) return undefined;
  if (!/调查|问卷|满意/.test(s)) return undefined;
  return { kind: 'satisfaction', weights: [1, 0.75, 0.5, 0.25, 0] };
}
