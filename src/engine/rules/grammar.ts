import { toHalfWidth } from '../text';
import type { Bound } from './types';

/**
 * The clause grammar of 评价标准 texts. A text is cut into segments (numbered items ①/1、/2., and
 * `名称N分：` part headers), sentences (。；) and clauses (，：), each clause classified as one of the
 * shapes below. Clauses that say nothing about points are descriptions; a clause that speaks of
 * points but fits no shape is kept as `unplaced`, and makes the whole text "not understood".
 */

export const NUM = String.raw`\d+(?:\.\d+)?`;
const CN: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  半: 0.5,
};
export const cnNumber = (s: string | undefined): number | undefined =>
  s === undefined || s === '' ? undefined : (CN[s] ?? Number(s));

/** Half-width, no whitespace, one multiplication sign, one set of comparison signs, no quotes. */
export function normalizeRuleText(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '×')
    .replace(/[“”"‘’'「」]/g, '')
    .replace(/≦/g, '≤')
    .replace(/≧/g, '≥')
    .replace(/[～~—–－]/g, '-')
    .replace(/，/g, ',')
    .replace(/；/g, ';')
    .replace(/：/g, ':');
}

/** What an outcome earns: points, a share of the weight, the weight itself (满分), or the 基本分 (= the weight). */
export type Earn =
  | { readonly points: number; readonly upTo?: number }
  | { readonly share: number }
  | { readonly full: true }
  | { readonly base: true };

export type Clause =
  | { readonly t: 'desc'; readonly text: string }
  | { readonly t: 'award'; readonly cond: string; readonly earn: Earn; readonly text: string; readonly item?: true }
  | { readonly t: 'zero'; readonly cond: string; readonly veto: boolean; readonly text: string }
  | { readonly t: 'once'; readonly cond: string; readonly points: number; readonly text: string }
  | { readonly t: 'step'; readonly cond: string; readonly step: Step; readonly text: string }
  | {
      readonly t: 'cap';
      readonly points?: number;
      readonly base?: true;
      readonly bonus?: true;
      readonly ratio?: true;
      readonly text: string;
    }
  | { readonly t: 'full'; readonly points: number; readonly text: string }
  | { readonly t: 'ratio'; readonly points?: number; readonly variable?: string; readonly text: string }
  | { readonly t: 'ceil'; readonly text: string }
  | { readonly t: 'disc'; readonly text: string }
  | { readonly t: 'note'; readonly text: string }
  | { readonly t: 'items'; readonly items: readonly { name: string; points: number }[]; readonly text: string }
  | {
      readonly t: 'spread';
      readonly bounds: readonly { min?: Bound; max?: Bound }[];
      readonly points: readonly number[];
      readonly cond: string;
      readonly text: string;
    }
  | { readonly t: 'unplaced'; readonly text: string };

/** A deduction (or bonus) per step: per percentage point, per 100公斤, per finding. */
export interface Step {
  /** `rate`: per %; `value`: per quantity in `unit`; `count`: per finding/day/year. */
  readonly measure: 'rate' | 'value' | 'count';
  readonly direction?: 'below' | 'above' | 'both';
  /** Step size: 0.01 for one percentage point, 100 for 100公斤, 1 for one finding. */
  readonly size: number;
  readonly unit?: string;
  readonly points?: number;
  /** `扣5%权重分`: a share of the weight per step. */
  readonly share?: number;
  readonly bonus: boolean;
}

export interface Segment {
  /** `村企结对3分：` declares the part's name and points. */
  readonly declared?: { readonly name: string; readonly points: number };
  /** Sentences, each a list of clauses. */
  readonly sentences: Clause[][];
}

/** Anything that speaks of points; a clause with none of these is a description. */
const SIGNAL =
  /\d分|得分|扣|加分|加\d|满分|不得分|权重|按[^,]{0,8}比例|×|酌情|基本分|基础分|不予通过|否决|分值|\(\d+(?:-\d+)?\)/;
const NEUTRAL =
  /^(?:加分项|扣分项|加分指标|得分要素|评价要点|评分要点|评分标准|评分办法|计分方法|考核内容|评价内容|得分|评分|其中|具体如下|说明)$/;
const COUNT_UNITS =
  '个百分点|百分点|%|半个月|个月|个季度|季度|周|万元|元|公斤|千克|吨|亩|公顷|平方米|米|公里|人次|人|户|次|处|项|个|张|笔|天|日|年|月|份|件|所|家|起|例|台|套|条|篇|批|区|县|乡镇|学校';
const VALUE_UNITS = /^(?:万元|元|公斤|千克|吨|亩|公顷|平方米|米|公里)$/;
const BELOW = /降|减少|少|低|不足|下降|短缺|落后|差/;
const ABOVE = /超过|超出|高|增加|多|上升|提高|超/;
const BOTH = /相差|偏离|误差|偏差/;

/** Text → segments. Parentheses holding whole sentences or a formula are opened; others stay inside their clause. */
export function segmentsOf(text: string): Segment[] {
  let s = normalizeRuleText(text);
  s = openParentheses(s);
  // `(10)`, `(8-9)`, `(2分)` end a clause even when the next one follows without punctuation.
  s = s.replace(new RegExp(`(?<!^|[。;,])\\((${NUM}(?:-${NUM})?分?)\\)(?=[^,;。)])`, 'g'), '($1),');
  const marks: { at: number; skip: number; declared?: { name: string; points: number } }[] = [];
  for (const m of s.matchAll(/[\u2460-\u2473]/g)) marks.push({ at: m.index!, skip: 1 });
  for (const m of s.matchAll(/(?<=^|[。;.!?分)])(\d{1,2})、(?=\D)/g)) marks.push({ at: m.index!, skip: m[0].length });
  for (const m of s.matchAll(/(?<=^|[。;])(\d{1,2})\.(?=[^\d])/g)) marks.push({ at: m.index!, skip: m[0].length });
  for (const m of s.matchAll(/(?<=^|[。;,])\((\d{1,2}|[一二三四五六七八九十])\)(?=[^\d,;。])/g))
    marks.push({ at: m.index!, skip: m[0].length });
  for (const m of s.matchAll(new RegExp(`(?<=^|[。;,])([^(。;,:\\d]{1,14}?)(${NUM})分:`, 'g')))
    marks.push({ at: m.index!, skip: m[0].length, declared: { name: m[1], points: Number(m[2]) } });
  marks.sort((a, b) => a.at - b.at);
  const out: Segment[] = [];
  const push = (body: string, declared?: { name: string; points: number }) => {
    const sentences = sentencesOf(body);
    if (sentences.length || declared) out.push({ ...(declared ? { declared } : {}), sentences });
  };
  let from = 0;
  let declared: { name: string; points: number } | undefined;
  for (const m of marks) {
    if (m.at < from) continue;
    push(s.slice(from, m.at), declared);
    declared = m.declared;
    from = m.at + m.skip;
  }
  push(s.slice(from), declared);
  return out;
}

/** `（完成得3分；未完成的，得分＝3×完成率。）` and `(评价指标得分=…×…)`: the parentheses go, the sentences stay. */
function openParentheses(s: string): string {
  let out = '';
  let depth = 0;
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ')' && depth > 0) {
      depth--;
      if (depth === 0) {
        const inner = s.slice(start + 1, i);
        out += /[;。]|得分值?=|×/.test(inner) ? `。${inner}。` : `(${inner})`;
      }
      continue;
    }
    if (depth === 0 && c !== '(') out += c;
  }
  if (depth > 0) out += s.slice(start);
  return out;
}

function splitTopLevel(s: string, seps: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && seps.test(c)) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts.filter((p) => p.length > 0);
}

function sentencesOf(body: string): Clause[][] {
  return splitTopLevel(body.replace(/(?<!\d)\.|\.(?!\d)/g, '。'), /[。;!?]/)
    .map((sentence) => {
      const spread = spreadClause(sentence);
      if (spread) return [spread];
      const raw = splitTopLevel(sentence, /[,:]/);
      // `每减少1%,扣1分`, `每发现一项…的,扣1分`: a `每` clause and the deduction after the comma are one clause.
      const joined: string[] = [];
      for (const c of raw) {
        const prev = joined[joined.length - 1];
        if (prev !== undefined && /每/.test(prev) && !/扣|加\d|减\d|得/.test(prev) && /^(?:扣除?|加|减)/.test(c))
          joined[joined.length - 1] = `${prev},${c}`;
        else joined.push(c);
      }
      return joined.map(classify);
    })
    .filter((cs) => cs.length > 0);
}

/** `超过80%、70%和60%,且…,分别得6分、4分和2分`: one condition per listed value, in order. */
function spreadClause(sentence: string): Clause | undefined {
  const m = new RegExp(
    `^(.*?)((?:${NUM}%(?:及?以上)?[、和及,]){1,5}${NUM}%(?:及?以上)?)(.*?)分别(?:得|计|记)?((?:${NUM}分?[、和及]){1,5}${NUM}分)$`,
  ).exec(sentence);
  if (!m) return undefined;
  const values = [...m[2].matchAll(new RegExp(`(${NUM})%`, 'g'))].map((x) => Number(x[1]) / 100);
  const points = [...m[4].matchAll(new RegExp(`(${NUM})分?`, 'g'))].map((x) => Number(x[1]));
  if (values.length !== points.length) return undefined;
  if (m[3].split(',').some((c) => SIGNAL.test(c))) return undefined;
  const exclusive = /(?:超过|高于|大于|多于)$/.test(m[1]);
  const bounds = values.map((v) => ({ min: { value: v, inclusive: !exclusive } }));
  return { t: 'spread', bounds, points, cond: `${m[1]}${m[2]}`, text: sentence };
}

const capOf = (c: string): Clause | undefined => {
  if (/^(?:扣完|扣分?完|扣满|扣至0分)为?止$|^扣完即止$|^扣完$/.test(c)) return { t: 'cap', text: c };
  let m = new RegExp(`^(?:扣完|扣满|扣至|最多扣|最高扣|累计扣)(${NUM})分(?:为止|止)?$`).exec(c);
  if (m) return { t: 'cap', points: Number(m[1]), text: c };
  if (/^扣分?至基本分值?扣完为止$|^扣完基本分为止$/.test(c)) return { t: 'cap', base: true, text: c };
  m = new RegExp(`^(?:加分)?以(${NUM})分为限$|^(?:最多|最高)加(${NUM})分$|^加分不超过(${NUM})分$`).exec(c);
  if (m) return { t: 'cap', points: Number(m[1] ?? m[2] ?? m[3]), bonus: true, text: c };
  if (/^加分至基本分值?(?:为止|封顶)$/.test(c)) return { t: 'cap', base: true, bonus: true, text: c };
  if (/^(?:满分为止|以满分为限|最高得?满分|不超过满分|得分不超过满分)$/.test(c))
    return { t: 'cap', ratio: true, text: c };
  // `最高4分`, `最多得4分`, `最高不超过4分` cap the score itself; beside a per-problem deduction the same
  // words could mean the most that is deducted, so assemble refuses a points cap of this kind there.
  m = new RegExp(`^(?:得分)?不(?:超过|高于)(${NUM})分$|^(?:得分)?(?:最高|最多)(?:得|可得|不超过)?(${NUM})分$`).exec(c);
  if (m) return { t: 'cap', points: Number(m[1] ?? m[2]), ratio: true, text: c };
  if (/^\(?超过100%(?:的)?(?:以|按)100%计(?:算)?\)?$/.test(c)) return { t: 'cap', ratio: true, text: c };
  return undefined;
};

const WEIGHT_WORDS = /^(?:该项)?(?:评价)?(?:指标)?(?:满分值?|分值|权重分?|该指标分值|该项指标分值|指标满分值)$/;

/** `得分值=完成率×20`, `指标分值=资金到位率Y*指标满分值3分`, `20分×执行率`, `按完成比例计算得分`. */
function ratioOf(c: string): Clause | undefined {
  const prop =
    /^(.*?)(?:的)?,?(?:按|根据)(?:完成|实际|实现|执行){0,2}(?:的)?比例(?:计算得分|计算分值|计分|折算|得分|计算|给分|扣分)$/.exec(
      c,
    );
  if (prop && !SIGNAL.test(prop[1])) return { t: 'ratio', text: c };
  const by = new RegExp(`^(?:按|以)([^×\\d]+?率)×(${NUM})分?(?:计算)?(?:得分|计分|给分)?$`).exec(c);
  if (by) return { t: 'ratio', points: Number(by[2]), variable: by[1], text: c };
  const eq =
    /^(?:.*?(?:得分值?|指标分值|分值|评分|计分))=(.+)$/.exec(c) ?? (/×/.test(c) && !/=/.test(c) ? [c, c] : undefined);
  if (!eq) return undefined;
  const sides = eq[1].split('×');
  if (sides.length !== 2) return undefined;
  let points: number | undefined;
  let variable: string | undefined;
  let weightSide = false;
  for (const raw of sides) {
    const side = raw.replace(/\(超过100%(?:的)?(?:以|按)100%计(?:算)?\)/, '');
    const n = new RegExp(`^(?:(?:指标)?满分值)?(${NUM})分?$`).exec(side);
    if (n) points = Number(n[1]);
    else if (WEIGHT_WORDS.test(side)) weightSide = true;
    else if (/率Y?$/.test(side) && !/[=×()]/.test(side)) variable = side.replace(/Y$/, '');
    else if (/^[^\d=×()/÷]+[/÷][^\d=×()/÷]+$/.test(side)) variable = side.replace('÷', '/');
    else return undefined;
  }
  if (!variable || (points === undefined && !weightSide)) return undefined;
  return { t: 'ratio', ...(points !== undefined ? { points } : {}), variable, text: c };
}

const PER_ONE = /(?:^|发现|有|缺|出现|存在|少)(?:一|1)(?:个|次|项|处|张|笔|户|人|例|起|件|所|家|份|条|天)/;

function stepOf(c: string): Clause | undefined {
  const at = c.indexOf('每');
  if (at < 0) return undefined;
  const cond = c.slice(0, at).replace(/[,的]+$/, '');
  const after = c.slice(at + 1);
  const m = new RegExp(
    `^([\\u4e00-\\u9fa5]{0,8}?)(${NUM}|[一二两三四五六七八九十]|半)?(${COUNT_UNITS})(.*?),?(扣除?|减|加)(?:(${NUM})(分|%的?权重分|%)|(?:该项|该指标|本项)?(?:指标)?(?:权重分|分值|满分|权重)的(${NUM})%)$`,
  ).exec(after);
  if (!m) return undefined;
  const [, verb, amountText, unit, middle, op] = m;
  if (SIGNAL.test(middle)) return undefined;
  const amount = cnNumber(amountText) ?? 1;
  const bonus = op === '加';
  const per =
    m[6] !== undefined
      ? m[7] === '分'
        ? { points: Number(m[6]) }
        : { share: Number(m[6]) / 100 }
      : { share: Number(m[8]) / 100 };
  const isRate = unit === '%' || /百分点/.test(unit);
  const measure = isRate ? 'rate' : VALUE_UNITS.test(unit) ? 'value' : 'count';
  const words = `${verb}${middle}`;
  let direction: Step['direction'];
  if (measure !== 'count') {
    direction = BOTH.test(words)
      ? 'both'
      : BELOW.test(words)
        ? 'below'
        : ABOVE.test(words)
          ? 'above'
          : bonus
            ? 'above'
            : undefined;
    if (!direction) return undefined;
  }
  const size = isRate ? amount / 100 : amount;
  const step: Step = {
    measure,
    ...(direction ? { direction } : {}),
    size,
    ...(measure !== 'rate' ? { unit } : {}),
    ...per,
    bonus,
  };
  return { t: 'step', cond: `${cond}${verb}`, step, text: c };
}

/** The points an award clause gives, and its condition. */
function awardOf(c: string): Clause | undefined {
  let m = /^(.*?)(?:的|时|者)?(?:,)?(?:则)?(?:可)?(?:得|计|记|为|给)?满分$/.exec(c);
  if (m && !/扣|不/.test(m[1].slice(-1))) return { t: 'award', cond: m[1], earn: { full: true }, text: c };
  m = /^(.*?)(?:的|时|者)?(?:,)?(?:则)?(?:得|计|记)基本分$/.exec(c);
  if (m) return { t: 'award', cond: m[1], earn: { base: true }, text: c };
  m =
    /^(.*?)(?:的|时|者)?,?(?:则)?(?:该项|本项|该栏|此项|本项指标|该指标|该项指标|该指标相关三级指标|本指标)?(?:不得分|不计分|(?:得|计|记)?(?<![\d.])0分|此分值扣完|该项分值扣完|分值扣完)$/.exec(
      c,
    );
  if (m)
    return {
      t: 'zero',
      cond: m[1].replace(/[,的]+$/, ''),
      veto: /该项|本项|该栏|此项|该指标|本指标|扣完/.test(c),
      text: c,
    };
  m = new RegExp(`^(.*?)(?:的|时|者)?(?:,)?(?:则)?(?:可)?(?:得|计|记|为|给|:)?(${NUM})[-~](${NUM})分$`).exec(c);
  if (m) {
    // `效益显著的得8-10分`: a person picks a score in the range.
    const lo = Number(m[2]);
    const hi = Number(m[3]);
    if (hi <= lo) return undefined;
    return { t: 'award', cond: m[1], earn: { points: lo, upTo: hi }, text: c };
  }
  m = new RegExp(`^(.*?)(?:的|时|者)?(?:,)?(?:则)?(?:可)?(?:得|计|记|为|给|:)?(${NUM})分$`).exec(c);
  if (m && /[\d.\-~]$/.test(m[1])) return undefined;
  if (m && !/(?:扣除?|加|减|满|至|扣完|最多|最高|不超过|以)$/.test(m[1]) && !/每/.test(m[1])) {
    const points = Number(m[2]);
    return points === 0
      ? { t: 'zero', cond: m[1], veto: false, text: c }
      : { t: 'award', cond: m[1], earn: { points }, text: c };
  }
  m = new RegExp(`^(.*?)\\((${NUM})分\\)$`).exec(c);
  if (m && !SIGNAL.test(m[1]))
    return Number(m[2]) === 0
      ? { t: 'zero', cond: m[1], veto: false, text: c }
      : { t: 'award', cond: m[1], earn: { points: Number(m[2]) }, text: c, item: true };
  m = new RegExp(`^(.*?\\d%(?:及?以上|及?以下)?)\\((${NUM})(?:-(${NUM}))?\\)$`).exec(c);
  if (m) {
    const lo = Number(m[2]);
    const hi = m[3] !== undefined ? Number(m[3]) : undefined;
    if (hi !== undefined && hi < lo) return undefined;
    return {
      t: 'award',
      cond: m[1],
      earn: { points: lo, ...(hi !== undefined && hi !== lo ? { upTo: hi } : {}) },
      text: c,
    };
  }
  m = new RegExp(`^(.*?)(?:的|时)?,?得(${NUM})%$`).exec(c);
  if (m && !SIGNAL.test(m[1])) return { t: 'award', cond: m[1], earn: { share: Number(m[2]) / 100 }, text: c };
  return undefined;
}

function onceOf(c: string): Clause | undefined {
  const m = new RegExp(`^(.*?)(?:的|时|者)?,?(?:扣除?|减)(${NUM})分$`).exec(c);
  if (!m || /每/.test(m[1]) || SIGNAL.test(m[1])) return undefined;
  const cond = m[1];
  // `两项未完成扣2分`: a deduction graded by a count, not a fixed one; not guessed.
  if (/[两二三四五六七八九十\d]+(?:个|项|次|处|家|人|户|天)/.test(cond) && !PER_ONE.test(cond)) return undefined;
  if (PER_ONE.test(cond))
    return { t: 'step', cond, step: { measure: 'count', size: 1, points: Number(m[2]), bonus: false }, text: c };
  return { t: 'once', cond, points: Number(m[2]), text: c };
}

/** `提高灌溉水利用系数2分、新增和改善节水灌溉面积2分、…`. */
function itemsOf(c: string): Clause | undefined {
  const parts = c.split('、');
  if (parts.length < 2) return undefined;
  const items = [];
  for (const p of parts) {
    const m = new RegExp(`^(.+?)(${NUM})分$`).exec(p);
    if (!m || SIGNAL.test(m[1])) return undefined;
    items.push({ name: m[1], points: Number(m[2]) });
  }
  return { t: 'items', items, text: c };
}

export function classify(c: string): Clause {
  if (!c) return { t: 'desc', text: c };
  if (/酌情|视(?:具体)?情况(?:扣分|打分|给分|评分|扣减)|酌定/.test(c)) return { t: 'disc', text: c };
  if (NEUTRAL.test(c)) return { t: 'desc', text: c };
  if (
    /^(?:有|每有)一项不满足,?(?:则)?扣除?相应(?:的)?权重分$|^每完成1项取得该项分数$|^未完成项不得分$|加权平均|^否则$/.test(
      c,
    )
  )
    return { t: 'note', text: c };
  // `质量达标率=质量合格数/实际完成数×100%`: how a rate is measured, not how it scores.
  if (/^[^=×\d]{1,20}[率度]=(?=[^=]*[\u4e00-\u9fa5/÷])[^=]+$/.test(c) && !/分/.test(c)) return { t: 'note', text: c };
  if (new RegExp(`^不足(?:一|1)个?百分点的?(?:按照?|以)(?:一|1)个?百分点计(?:算)?$`).test(c))
    return { t: 'ceil', text: c };
  const fullM = new RegExp(`^(?:满分|满分值|总分)(?:为)?(${NUM})分$`).exec(c);
  if (fullM) return { t: 'full', points: Number(fullM[1]), text: c };
  const shapes = [capOf, ratioOf, stepOf, itemsOf, awardOf, onceOf];
  for (const shape of shapes) {
    const r = shape(c);
    if (r) return r;
  }
  return SIGNAL.test(c) ? { t: 'unplaced', text: c } : { t: 'desc', text: c };
}

/** A condition on one number: `≥4%`, `0-10%(含)`, `=0`, `30%以上`, `超过80%`, `不足60%`, `达到…90%及以上`, `100%`. */
export function numericCondition(
  cond: string,
): { min?: Bound; max?: Bound; variable?: string; unit?: string } | undefined {
  const c = cond.replace(/\(含[^)]*?\)(?!$)/g, (x) => (/^\(含\)$/.test(x) ? x : ''));
  const pctOf = (s: string, hasPct: boolean) => (hasPct ? Number(s) / 100 : Number(s));
  let m = new RegExp(`(${NUM})(%?)(\\(含\\))?-(${NUM})(%)(\\(含\\))?`).exec(c);
  if (m) {
    const hasPct = m[5] === '%';
    return {
      min: { value: pctOf(m[1], hasPct), inclusive: !!m[3] },
      max: { value: pctOf(m[4], hasPct), inclusive: !!m[6] || !m[3] },
      variable: before(c, m.index),
    };
  }
  m = new RegExp(`(${NUM})-(${NUM})(个|项|人|次|家|户|所|件|篇|天|万元|元|亩|吨)`).exec(c);
  if (m)
    return { min: { value: Number(m[1]), inclusive: true }, max: { value: Number(m[2]), inclusive: true }, unit: m[3] };
  m = new RegExp(`(${NUM})(个|项|人|次|家|户|所|件|篇|天|万元|元|亩|吨)(?:及)?(以上|以下)`).exec(c);
  if (m)
    return m[3] === '以上'
      ? { min: { value: Number(m[1]), inclusive: true }, unit: m[2] }
      : { max: { value: Number(m[1]), inclusive: true }, unit: m[2] };
  m = new RegExp(`(${NUM})%?(≤|<)[^<≤]*?(<|≤)(${NUM})%`).exec(c);
  if (m)
    return {
      min: { value: Number(m[1]) / 100, inclusive: m[2] === '≤' },
      max: { value: Number(m[4]) / 100, inclusive: m[3] === '≤' },
    };
  m = new RegExp(`^(${NUM})%(>=|≥|>|<=|≤|<)([^\\d<>≤≥=]+)$`).exec(c);
  if (m) {
    // `0%>成本节约率|Y|`: the value on the left, so the sign reads backwards.
    const v = Number(m[1]) / 100;
    const variable = cleanVariable(m[3]);
    const bound =
      m[2] === '>'
        ? { max: { value: v, inclusive: false } }
        : m[2] === '>=' || m[2] === '≥'
          ? { max: { value: v, inclusive: true } }
          : m[2] === '<'
            ? { min: { value: v, inclusive: false } }
            : { min: { value: v, inclusive: true } };
    return { ...bound, ...(variable ? { variable } : {}) };
  }
  m = new RegExp(`(≥|>=|≤|<=|<|>|=)(${NUM})(%?)`).exec(c);
  if (m) {
    const v = pctOf(m[2], m[3] === '%');
    const variable = before(c, m.index);
    switch (m[1]) {
      case '≥':
      case '>=':
        return { min: { value: v, inclusive: true }, variable };
      case '>':
        return { min: { value: v, inclusive: false }, variable };
      case '≤':
      case '<=':
        return { max: { value: v, inclusive: true }, variable };
      case '<':
        return { max: { value: v, inclusive: false }, variable };
      default:
        return { min: { value: v, inclusive: true }, max: { value: v, inclusive: true }, variable };
    }
  }
  m = new RegExp(`(${NUM})%(?:\\(含\\))?(?:的)?(及以上|以上|及以下|以下)`).exec(c);
  if (m) {
    const v = Number(m[1]) / 100;
    const words = c.slice(0, m.index);
    const strict = /(?:超过|高于|大于|多于)$/.test(words);
    return /以上/.test(m[2])
      ? { min: { value: v, inclusive: !strict }, variable: before(c, m.index) }
      : { max: { value: v, inclusive: true }, variable: before(c, m.index) };
  }
  m = new RegExp(`(${NUM})%`).exec(c);
  if (m) {
    const v = Number(m[1]) / 100;
    const words = c.slice(0, m.index);
    const w = /(超过|高于|大于|多于|不足|低于|小于|少于|不到|未达到?|达到?|为|完成|是)[^\d%]{0,12}$/.exec(words);
    const variable = before(c, w ? w.index : m.index) ?? before(c, m.index);
    if (w && /超过|高于|大于|多于/.test(w[1])) return { min: { value: v, inclusive: false }, variable };
    if (w && /不足|低于|小于|少于|不到|未达/.test(w[1])) return { max: { value: v, inclusive: false }, variable };
    return { min: { value: v, inclusive: true }, variable };
  }
  if (/^(?:.*?率)?(?:为|=)?0$/.test(c))
    return { min: { value: 0, inclusive: true }, max: { value: 0, inclusive: true } };
  return undefined;
}

/** The rate's name before its condition (`预算执行率达100%` → 预算执行率), when it is one. */
function before(c: string, at: number): string | undefined {
  const v = cleanVariable(c.slice(0, at))
    .replace(/(?:达到?|为|完成|是|超过|高于|大于|多于|不足|低于|小于|少于|不到|未达到?|的)+$/, '')
    .replace(/^.*[,]/, '');
  return /[率度]$/.test(v) && v.length <= 12 ? v : undefined;
}

/** `成本节约率|Y|` → 成本节约率; `“三公经费”变动率` → 三公经费变动率. */
function cleanVariable(s: string): string {
  return s.replace(/\|?Y\|?|\||绝对值|时$/g, '').replace(/^(?:本年度?|当年)/, '');
}

/** The text bands an absolute value (`|Y|`, `绝对值`). */
export const isAbsolute = (cond: string) => /\|[^|]*\||绝对值/.test(cond);

/** A quantity threshold with its unit: `1000公斤以上`. */
export function quantityCondition(text: string, unit: string): number | undefined {
  const m = new RegExp(`(${NUM})${unit}(?:及?以上|以上)?`).exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Wording that marks a lower outcome of the same condition (`基本健全`, `不健全`, `效果一般`), not a separate item. */
export const DEGREE = /不|未|没|无|基本|较|部分|一般|差|尚|欠|缺|低于|少于|不足|中等/;
