import { normalizeLabel, toHalfWidth } from '../text';
import type { NumberCell, TextCell } from '../model/table';

/**
 * 年度指标值 against 实际完成值, as a reviewer reads them. Only what can be read with confidence is
 * compared: a figure with a unit on both sides (`10个` / `3个`, `3-5万字` / `2.8万字`, `约270人…` / `约100人`),
 * a qualitative degree of the same verb (`得到提升` / `有所提升`) or a grade (`良好` / `合格`). Prose gives
 * `unknown`, never a guess.
 */

export interface Quantity {
  /** The figure (a percentage as a ratio: `≥90%` → 0.9). For a range, the lower bound. */
  readonly value: number;
  /** Upper bound of a range (`3-5万字` → 5). */
  readonly upper?: number;
  readonly unit: string;
  /** `max`: the target is a ceiling (`不超过12.712万元`, `30天之内`, `≤5%`); otherwise a floor. */
  readonly bound: 'min' | 'max';
}

const UNIT =
  '万字|万元|亿元|万人|人次|个月|省市|家次|%|[万亿]?[个人户次项篇期场册家份天套块集部本名所条批台辆张座页]|万|亿|元';
const LEAD =
  /^(?:约|大约|≥|>=|≧|>|＞|不少于|不低于|至少|达到|超过|≤|<=|≦|<|＜|不超过|不高于|不多于|低于|控制在|每期|每年|全年|共|累计)+/;
const QUANTITY = new RegExp(
  `^(\\d+(?:\\.\\d+)?)(?:[-~－—–至到](\\d+(?:\\.\\d+)?))?(${UNIT})?(?:以内|之内|以下|以上|内)?$`,
);
const CEILING = /≤|<=|≦|<|＜|不超过|不高于|不多于|低于|以内|之内|以下|控制在/;

/**
 * `10个`, `约270人(局级70人，局以下200人)`, `3-5万字` (lower bound 3), `≥90%`, `不超过30万元` (a ceiling);
 * undefined for prose (`完成3个考评，提供报告`) and dates (`2020年4月底前`).
 */
export function parseQuantity(text: string): Quantity | undefined {
  // What is in brackets after the figure explains it (`约270人(局级70人，局以下200人)`, `10(册)`).
  const s = toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/[(（][^()（）]*[)）]$/, '');
  const lead = LEAD.exec(s)?.[0] ?? '';
  const m = QUANTITY.exec(s.slice(lead.length));
  if (!m) return undefined;
  const pct = m[3] === '%';
  const scale = (n: string) => (pct ? Number(n) / 100 : Number(n));
  return {
    value: scale(m[1]),
    ...(m[2] !== undefined ? { upper: scale(m[2]) } : {}),
    unit: m[3] ?? '',
    bound: CEILING.test(s) ? 'max' : 'min',
  };
}

/** A cell's content as a quantity: a number cell is one (a percentage when formatted as one). */
export function quantityOf(v: TextCell | NumberCell | undefined): Quantity | undefined {
  if (!v) return undefined;
  if ('value' in v) return { value: v.value, unit: v.numFmt?.includes('%') ? '%' : '', bound: 'min' };
  return parseQuantity(v.text);
}

// 有所提升 < 得到提升 < 得到充分/显著提升. The words are the document's own: it scores 得到… above 有所….
const WEAK = /有所|一定|初步|部分|基本|逐步|略有/;
const STRONG = /充分|显著|明显|大幅|全面|极大|大大/;
const PLAIN = /^(得到|已经|已|有效|进一步|持续|不断)/;
const DEGREE_WORDS =
  /^(?:有所|一定|初步|部分|基本|逐步|略有|充分|显著|明显|大幅|全面|极大|大大|得到|已经|已|有效|进一步|持续|不断|的)+/;

export interface Degree {
  /** 1 weak (有所), 2 plain (得到), 3 strong (充分, 显著). */
  readonly rank: 1 | 2 | 3;
  /** The verb it qualifies: 提升, 提高, 扩大, 展现. */
  readonly verb: string;
}

/** `有所提升` → {rank 1, 提升}; `得到充分展现` → {rank 3, 展现}; prose → undefined. */
export function parseDegree(text: string): Degree | undefined {
  const s = normalizeLabel(text).replace(/[。.]$/, '');
  const words = DEGREE_WORDS.exec(s)?.[0];
  if (!words) return undefined;
  const verb = s.slice(words.length);
  // A degree qualifies one verb (2–4 characters); anything longer is a sentence.
  if (verb.length < 1 || verb.length > 4 || /\d/.test(verb)) return undefined;
  const rank = WEAK.test(words) ? 1 : STRONG.test(words) ? 3 : PLAIN.test(words) ? 2 : undefined;
  return rank ? { rank, verb } : undefined;
}

const GRADES: readonly [RegExp, number][] = [
  [/^(优|优秀|很好|非常满意)$/, 4],
  [/^(良|良好|较好|满意)$/, 3],
  [/^(中|中等|合格|一般|基本满意)$/, 2],
  [/^(差|较差|不合格|不满意)$/, 1],
];

export function gradeRank(text: string): number | undefined {
  const s = normalizeLabel(text);
  return GRADES.find(([re]) => re.test(s))?.[1];
}

/** A day as [year?, month, day]; a month alone spans its first to last day. */
export interface DateSpan {
  readonly year?: number;
  /** Ordinal of the first and last day the text can mean, within the year (month × 32 + day). */
  readonly first: number;
  readonly last: number;
  readonly text: string;
}

const DATE_TEXT =
  /^(?:已于|于|在|截至|截止|截止到|到|至)?(?:(\d{4})年)?(?:(\d{1,2})月(?:(\d{1,2})[日号]|(底|末|上旬|中旬|下旬))?|(年底|年末))(?:前|之前|以前|内|以内|完成|前完成|完工|办结|已完成|全部完成|验收)*$/;

/**
 * `12月底前`, `2021年6月30日前`, `年底前`, `11月完成`, `已于10月20日完成` as a span of days; undefined for
 * anything else (`按期`, `及时`, a date range). Whether it is a deadline or a completion date is the
 * caller's reading (the 指标值 column holds deadlines, the 实际完成值 column completion dates).
 */
export function parseDateSpan(text: string): DateSpan | undefined {
  const s = toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/[。.]$/, '');
  const m = DATE_TEXT.exec(s);
  if (!m) return undefined;
  const year = m[1] !== undefined ? Number(m[1]) : undefined;
  if (m[5]) return { ...(year !== undefined ? { year } : {}), first: 12 * 32 + 1, last: 12 * 32 + 31, text };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  const at = (d: number) => month * 32 + d;
  const base = year !== undefined ? { year } : {};
  if (m[3] !== undefined) {
    const day = Number(m[3]);
    if (day < 1 || day > 31) return undefined;
    return { ...base, first: at(day), last: at(day), text };
  }
  switch (m[4]) {
    case '上旬':
      return { ...base, first: at(1), last: at(10), text };
    case '中旬':
      return { ...base, first: at(11), last: at(20), text };
    case '下旬':
      return { ...base, first: at(21), last: at(31), text };
    default:
      // `12月`, `12月底`, `12月末`: anywhere in the month.
      return { ...base, first: at(1), last: at(31), text };
  }
}

/** Same-named units at different scales: 10万元 against 98000元. */
const SCALES: Readonly<Record<string, readonly [string, number]>> = {
  元: ['元', 1],
  万元: ['元', 10_000],
  亿元: ['元', 100_000_000],
  人: ['人', 1],
  万人: ['人', 10_000],
  万字: ['字', 10_000],
};

/** Both quantities in one unit, when their units are the same or the same unit at another scale. */
function inOneUnit(t: Quantity, a: Quantity): [Quantity, Quantity] | undefined {
  if (t.unit === a.unit) return [t, a];
  const ts = SCALES[t.unit];
  const as = SCALES[a.unit];
  if (!ts || !as || ts[0] !== as[0]) return undefined;
  const conv = (q: Quantity, f: number): Quantity => ({
    ...q,
    value: q.value * f,
    ...(q.upper !== undefined ? { upper: q.upper * f } : {}),
    unit: ts[0],
  });
  return [conv(t, ts[1]), conv(a, as[1])];
}

export type Achievement =
  | { readonly verdict: 'short'; readonly how: 'quantity'; readonly target: Quantity; readonly actual: Quantity }
  | { readonly verdict: 'short'; readonly how: 'date'; readonly target: DateSpan; readonly actual: DateSpan }
  | { readonly verdict: 'short'; readonly how: 'degree'; readonly target: Degree; readonly actual: Degree }
  | { readonly verdict: 'short'; readonly how: 'grade'; readonly target: number; readonly actual: number }
  | { readonly verdict: 'met' | 'unknown' };

/**
 * Whether 实际完成值 falls short of 年度指标值. `ceiling` says the target is an upper bound whatever its
 * wording (成本指标: spending less than planned is no shortfall, spending more is).
 */
export function compareAchievement(
  target: TextCell | NumberCell | undefined,
  actual: TextCell | NumberCell | undefined,
  opts: { ceiling?: boolean } = {},
): Achievement {
  let t = quantityOf(target);
  let a = quantityOf(actual);
  // `60天` against a bare 58: the actual is in the target's unit.
  if (t && a && a.unit === '' && t.unit !== '' && t.unit !== '%' && actual && 'value' in actual)
    a = { ...a, unit: t.unit };
  if (t && a) {
    const same = inOneUnit(t, a);
    if (!same) return { verdict: 'unknown' };
    [t, a] = same;
    const ceiling = opts.ceiling || t.bound === 'max';
    const short = ceiling ? a.value > (t.upper ?? t.value) : a.value < t.value;
    return short ? { verdict: 'short', how: 'quantity', target: t, actual: a } : { verdict: 'met' };
  }
  const tt = target && 'text' in target ? target.text : undefined;
  const at = actual && 'text' in actual ? actual.text : undefined;
  if (tt === undefined || at === undefined) return { verdict: 'unknown' };
  const late = compareDates(tt, at);
  if (late) return late;
  const td = parseDegree(tt);
  const ad = parseDegree(at);
  if (td && ad && td.verb === ad.verb)
    return ad.rank < td.rank ? { verdict: 'short', how: 'degree', target: td, actual: ad } : { verdict: 'met' };
  const tg = gradeRank(tt);
  const ag = gradeRank(at);
  if (tg !== undefined && ag !== undefined)
    return ag < tg ? { verdict: 'short', how: 'grade', target: tg, actual: ag } : { verdict: 'met' };
  return normalizeLabel(tt) === normalizeLabel(at) ? { verdict: 'met' } : { verdict: 'unknown' };
}

/**
 * A deadline (`12月底前`) against a completion date (`11月20日完成`): short when the work was finished
 * after the last day the deadline allows; met when it was finished by then; otherwise (a month
 * against a day in it, a year on one side only) not compared.
 */
function compareDates(target: string, actual: string): Achievement | undefined {
  const t = parseDateSpan(target);
  const a = parseDateSpan(actual);
  if (!t || !a) return undefined;
  if ((t.year === undefined) !== (a.year === undefined)) return { verdict: 'unknown' };
  const key = (year: number | undefined, day: number) => (year ?? 0) * 1000 + day;
  if (key(a.year, a.first) > key(t.year, t.last)) return { verdict: 'short', how: 'date', target: t, actual: a };
  if (key(a.year, a.last) <= key(t.year, t.last)) return { verdict: 'met' };
  return { verdict: 'unknown' };
}

const VAGUE_START = /^(有所|得到|逐步|进一步|明显|显著|不断|持续|大幅|稳步|全面|充分)/;
const VAGUE_END = /(提升|提高|改善|促进|保证|保障|推动|增强|加强|扩大|进步)$/;

/**
 * A 年度指标值 nobody can measure: `有所提升`, `得到保证`, `得到促进`. A figure anywhere in it makes it
 * measurable; a grade (`良好`) or a plain deliverable (`完成`, `符合规定`) is judged, not vague.
 */
export function isUnquantified(text: string): boolean {
  const s = normalizeLabel(text);
  if (/\d/.test(s)) return false;
  return VAGUE_START.test(s) || VAGUE_END.test(s);
}
