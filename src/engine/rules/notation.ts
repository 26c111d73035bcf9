import { toHalfWidth } from '../text';
import { maxPointsOf, notationOf } from './families';
import { ruleSchema, type Award, type Bound, type ParseResult, type Rule, type SimpleRule } from './types';

/**
 * The short override notation (README-rules.md): a person who disagrees with how a 评价标准 was read,
 * or whose text says nothing parseable, writes e.g. `deduct-per-pct:5%@95%` in a 规则 column or in
 * settings.ruleOverrides. Parsed into the same Rule shapes as the text and validated with zod.
 *
 *   ratio[:MAX]                      score = min(rate,1) × weight (MAX: the 满分值 the text names)
 *   deduct-per-pct:P%[@T%|@目标值]   full at ≥ T (default 100%), minus P% of the weight per point below
 *   binary:PASS/FAIL                 points, or N% of the weight (满分 = 100%)
 *   levels:A/B/C…                    the same, one per level, best first
 *   threshold:PER/STEP@T[;above|both][;full=N][;cap=N][;ceil]   PER points per STEP beyond T (`threshold:1/1%@100%`)
 *   per-finding:D[!][<CAP][,D2…][/FULL]   FULL (default the weight) minus D per finding (`!` once), not below 0
 *   formula[:MAX|:Kw]               read by a person: only 0…MAX (or K × the weight) is checked
 *   bands[-abs]:≥4%=2;≥3%=1.5;…;else=0   thresholds from the top (plain numbers: a count); -abs bands |Y|; =8~9 a range
 *   intervals:(2,3];(1,2];(0,1];0    a person picks a score inside one interval
 *   checklist:N[×P]                  N items, each 1/N of the weight (or P points)
 *   compare:LESS/EQUAL/GREATER       this year vs last year
 *   rank:TOP=PTS;done=PTS[;none=PTS] e.g. rank:2=3;done=2
 *   composite:名称=RULE+名称=RULE…   parts, each with its own notation (`村企结对=ratio:3+学校结对=ratio:2`)
 *   satisfaction[:T%@P%]             weight × 满意度, or full at ≥ T minus P% per point below
 *   manual[:FULL]                    scored by a person (酌情扣分)
 */

const NUM = String.raw`-?\d+(?:\.\d+)?`;
const isNum = (s: string) => new RegExp(`^${NUM}$`).test(s);

function award(s: string): Award | undefined {
  if (s === '满分') return { share: 1 };
  if (/%$/.test(s) && isNum(s.slice(0, -1))) return { share: Number(s.slice(0, -1)) / 100 };
  if (isNum(s)) return { points: Number(s) };
  return undefined;
}

function ratioPct(s: string): number | undefined {
  return /%$/.test(s) && isNum(s.slice(0, -1)) ? Number(s.slice(0, -1)) / 100 : undefined;
}

export function parseNotation(raw: string): ParseResult {
  const s = toHalfWidth(raw).replace(/\s+/g, '').replace(/：/g, ':');
  const draft = draftRule(s);
  if (typeof draft === 'string') return { ok: false, reason: `规则简写“${raw}”无效：${draft}` };
  const checked = ruleSchema.safeParse(draft);
  if (!checked.success) return { ok: false, reason: `规则简写“${raw}”无效：${checked.error.issues[0]?.message ?? ''}` };
  return { ok: true, rule: checked.data };
}

function draftRule(s: string): unknown {
  const i = s.indexOf(':');
  const head = (i < 0 ? s : s.slice(0, i)).toLowerCase();
  const arg = i < 0 ? '' : s.slice(i + 1);
  switch (head) {
    case 'ratio':
      if (!arg) return { kind: 'ratio' };
      return isNum(arg) ? { kind: 'ratio', max: Number(arg) } : '满分值应为数字';
    case 'deduct-per-pct': {
      const [per, at] = arg.split('@');
      const perPct = ratioPct(per ?? '');
      if (perPct === undefined) return '应写成 deduct-per-pct:5%@95%';
      if (at === undefined) return { kind: 'deduct-per-pct', threshold: 1, perPct };
      if (at === '目标值' || at === '标杆值')
        return { kind: 'deduct-per-pct', threshold: 1, fromBenchmark: true, perPct };
      const threshold = ratioPct(at);
      return threshold === undefined ? '满分线应为百分数' : { kind: 'deduct-per-pct', threshold, perPct };
    }
    case 'binary': {
      const [p, f] = arg.split('/').map(award);
      return p && f ? { kind: 'binary', pass: p, fail: f, passLabel: '是', failLabel: '否' } : '应写成 binary:4/0';
    }
    case 'levels': {
      const xs = arg.split('/').map(award);
      if (xs.length < 2 || xs.some((x) => !x)) return '应写成 levels:1/0.5/0';
      return { kind: 'levels', levels: xs.map((a, k) => ({ label: `第${k + 1}档`, award: a })) };
    }
    case 'per-finding':
      return draftPerFinding(arg);
    case 'threshold':
      return draftThreshold(arg);
    case 'formula': {
      const w = /^(\d+(?:\.\d+)?)w$/.exec(arg);
      if (w) return { kind: 'formula-other', maxTimesWeight: Number(w[1]), reading: '按规则简写：组合公式' };
      if (!arg) return { kind: 'formula-other', reading: '按规则简写：组合公式' };
      return isNum(arg)
        ? { kind: 'formula-other', max: Number(arg), reading: '按规则简写：组合公式' }
        : '应写成 formula:10 或 formula:2w';
    }
    case 'bands':
    case 'bands-abs':
      return draftBands(arg, head === 'bands-abs');
    case 'intervals':
      return draftIntervals(arg);
    case 'checklist': {
      const m = /^(\d+)(?:[×x*](\d+(?:\.\d+)?))?$/.exec(arg);
      return m
        ? { kind: 'checklist', items: Number(m[1]), ...(m[2] !== undefined ? { points: Number(m[2]) } : {}) }
        : '应写成 checklist:4 或 checklist:3×1';
    }
    case 'compare': {
      const xs = arg.split('/');
      if (xs.length !== 3 || !xs.every(isNum)) return '应写成 compare:2/1/0';
      return { kind: 'comparison', less: Number(xs[0]), equal: Number(xs[1]), greater: Number(xs[2]) };
    }
    case 'rank':
      return draftRank(arg);
    case 'composite':
      return draftComposite(arg);
    case 'satisfaction': {
      if (!arg) return { kind: 'satisfaction', weights: [1, 0.75, 0.5, 0.25, 0] };
      const [at, per] = arg.split('@');
      const fullAt = ratioPct(at ?? '');
      const perPct = per !== undefined ? ratioPct(per) : undefined;
      if (fullAt === undefined || (per !== undefined && perPct === undefined)) return '应写成 satisfaction:90%@5%';
      return {
        kind: 'satisfaction',
        weights: [1, 0.75, 0.5, 0.25, 0],
        fullAt,
        ...(perPct !== undefined ? { perPct } : {}),
      };
    }
    case 'manual':
      if (!arg) return { kind: 'discretionary' };
      return isNum(arg) ? { kind: 'discretionary', full: Number(arg) } : '满分应为数字';
    default:
      return `不认识的规则类型“${head}”`;
  }
}

/**
 * `≥4%=2;≥3%=1.5;…;else=0`: a chain from the top, each band up to the one above; or explicit ranges
 * `=0%=3;(0%,10%]=2;>30%=0` (`[a,b)`, `≤b`, `<b`, `=a`). Plain numbers (no %) band a count. `=8~9`: a person picks 8 to 9.
 */
function draftBands(arg: string, abs: boolean): unknown {
  const bands: { min?: Bound; max?: Bound; points: number; upTo?: number; text: string }[] = [];
  let above: Bound | undefined;
  let plain = false;
  const val = (n: string, pct: string) => {
    if (!pct) plain = true;
    return pct ? Number(n) / 100 : Number(n);
  };
  for (const part of arg.split(';').filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    const cond = part.slice(0, eq);
    const sc = new RegExp(`^(${NUM})(?:~(${NUM}))?$`).exec(part.slice(eq + 1));
    if (eq < 0 || !sc) return `“${part}”应写成 ≥4%=2、(0%,10%]=2 或 else=0`;
    const award = { points: Number(sc[1]), ...(sc[2] !== undefined ? { upTo: Number(sc[2]) } : {}), text: part };
    let m: RegExpExecArray | null;
    if (cond === 'else') {
      bands.push({ ...(above ? { max: { value: above.value, inclusive: !above.inclusive } } : {}), ...award });
      break;
    } else if ((m = new RegExp(`^(>=|≥|>)(${NUM})(%?)$`).exec(cond))) {
      const min = { value: val(m[2], m[3]), inclusive: m[1] !== '>' };
      bands.push({ min, ...(above ? { max: { value: above.value, inclusive: !above.inclusive } } : {}), ...award });
      above = min;
    } else if ((m = new RegExp(`^(<=|≤|<)(${NUM})(%?)$`).exec(cond))) {
      bands.push({ max: { value: val(m[2], m[3]), inclusive: m[1] !== '<' }, ...award });
    } else if ((m = new RegExp(`^=(${NUM})(%?)$`).exec(cond))) {
      const v = val(m[1], m[2]);
      bands.push({ min: { value: v, inclusive: true }, max: { value: v, inclusive: true }, ...award });
    } else if ((m = new RegExp(`^([\\[(])(${NUM})(%?),(${NUM})(%?)([\\])])$`).exec(cond))) {
      bands.push({
        min: { value: val(m[2], m[3]), inclusive: m[1] === '[' },
        max: { value: val(m[4], m[5]), inclusive: m[6] === ']' },
        ...award,
      });
    } else return `“${part}”应写成 ≥4%=2、(0%,10%]=2 或 else=0`;
  }
  return { kind: 'bands', abs, bands, ...(plain ? { unit: '' } : {}) };
}

/** `per-finding:0.5` (each), `0.5!` (once), `1<6` (at most 6), `,0.5` further kinds, `/FULL`. */
function draftPerFinding(arg: string): unknown {
  const [kindsText, full] = arg.split('/');
  const kinds = [];
  for (const k of (kindsText ?? '').split(',')) {
    const m = new RegExp(`^(${NUM})(!)?(?:<(${NUM}))?$`).exec(k);
    if (!m || Number(m[1]) <= 0) return '应写成 per-finding:0.5 或 per-finding:0.1/2';
    kinds.push({
      deduct: Number(m[1]),
      ...(m[2] ? { once: true } : {}),
      ...(m[3] !== undefined ? { cap: Number(m[3]) } : {}),
    });
  }
  if (full !== undefined && !isNum(full)) return '满分应为数字';
  const [first, ...more] = kinds;
  return {
    kind: 'per-finding',
    ...first,
    ...(more.length ? { more } : {}),
    ...(full !== undefined ? { full: Number(full) } : {}),
  };
}

/** `threshold:1/1%@100%`, `threshold:0.5/1%@0%;above;full=5`, `threshold:5/100公斤@1000公斤;ceil;cap=6`. */
function draftThreshold(arg: string): unknown {
  const [head, ...opts] = arg.split(';');
  const m = new RegExp(`^(${NUM})/(${NUM})(%|[^@\\d]*)@(-?${NUM})(%|[^;\\d]*)$`).exec(head ?? '');
  if (!m || Number(m[1]) <= 0 || Number(m[2]) <= 0) return '应写成 threshold:1/1%@100%（每差1个百分点扣1分，100%起）';
  const rate = m[3] === '%';
  if (rate !== (m[5] === '%') || (!rate && m[3] !== m[5])) return '步长与起点的单位应相同';
  const rule: Record<string, unknown> = {
    kind: 'threshold-deduct',
    per: Number(m[1]),
    step: rate ? Number(m[2]) / 100 : Number(m[2]),
    threshold: rate ? Number(m[4]) / 100 : Number(m[4]),
    direction: 'below',
    ...(rate ? {} : { unit: m[3] }),
  };
  for (const o of opts) {
    if (o === 'above' || o === 'both' || o === 'below') rule.direction = o;
    else if (o === 'ceil') rule.wholeSteps = true;
    else if (/^full=/.test(o) && isNum(o.slice(5))) rule.full = Number(o.slice(5));
    else if (/^cap=/.test(o) && isNum(o.slice(4))) rule.cap = Number(o.slice(4));
    else return `不认识的选项“${o}”`;
  }
  return rule;
}

function draftIntervals(arg: string): unknown {
  const grades = [];
  for (const part of arg.split(';').filter(Boolean)) {
    const m = new RegExp(`^([\\[(])(${NUM}),(${NUM})([\\])])$`).exec(part);
    if (m) {
      grades.push({
        label: part,
        low: Number(m[2]),
        lowInclusive: m[1] === '[',
        high: Number(m[3]),
        highInclusive: m[4] === ']',
      });
    } else if (isNum(part)) {
      grades.push({ label: part, low: Number(part), lowInclusive: true, high: Number(part), highInclusive: true });
    } else return `“${part}”应写成 (2,3] 或 0`;
  }
  return { kind: 'intervals', grades };
}

function draftRank(arg: string): unknown {
  const kv = new Map(arg.split(';').map((p) => p.split('=') as [string, string]));
  const top = [...kv.keys()].find((k) => /^\d+$/.test(k));
  const done = kv.get('done');
  if (!top || !isNum(kv.get(top) ?? '') || !done || !isNum(done)) return '应写成 rank:2=3;done=2';
  const none = kv.get('none');
  return {
    kind: 'ranking',
    top: Number(top),
    topPoints: Number(kv.get(top)),
    completePoints: Number(done),
    ...(none !== undefined && isNum(none) ? { nonePoints: Number(none) } : {}),
  };
}

function draftComposite(arg: string): unknown {
  const parts = [];
  for (const p of arg.split('+').filter(Boolean)) {
    const eq = p.indexOf('=');
    if (eq <= 0) return `“${p}”应写成 名称=规则`;
    const inner = parseNotation(p.slice(eq + 1));
    if (!inner.ok || inner.rule.kind === 'composite') return `“${p}”的规则无效`;
    const points = pointsOf(inner.rule);
    if (points === undefined) return `“${p}”未写明分值（如 ratio:3）`;
    parts.push({ name: p.slice(0, eq), points, rule: inner.rule });
  }
  return { kind: 'composite', parts };
}

function pointsOf(rule: SimpleRule): number | undefined {
  return maxPointsOf(rule);
}

/** A rule in the notation, so a person sees how a text was understood (and can copy it to correct it). */
export function formatNotation(rule: Rule): string {
  return notationOf(rule);
}
