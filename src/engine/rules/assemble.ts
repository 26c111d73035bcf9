import type { Bound, Rule, SimpleRule } from './types';
import {
  DEGREE,
  isAbsolute,
  numericCondition,
  quantityCondition,
  type Clause,
  type Earn,
  type Segment,
  type Step,
} from './grammar';

/**
 * Clauses → one rule. Clauses gather into pools: a pool opens with an award (`…得3分`) and takes the
 * outcomes, deductions, caps and vetoes that follow it. A further award opens a new pool (a part
 * whose points add up) unless it is a lower outcome of the same condition (`基本健全的得6分`) or
 * another band of the same rate (`0-10%(含),计2分`). Each pool then has one family; two or more
 * pools make a checklist (equal items) or a composite.
 */

export type Assembled = { ok: true; rule: Rule } | { ok: false; reason: string; unplaced?: string };

interface Award {
  readonly cond: string;
  readonly earn: Earn;
  /** The clause as written, with the condition before it (`0%>成本节约率|Y|,得0分`). */
  readonly text: string;
}

interface Pool {
  declared?: { name: string; points: number };
  awards: Award[];
  zeros: { cond: string; veto: boolean; text: string }[];
  once: { cond: string; points: number }[];
  steps: { cond: string; step: Step }[];
  caps: (Extract<Clause, { t: 'cap' }> & { after: number })[];
  /** Deduction kinds in the order written (steps and fixed deductions), so a cap knows which it limits. */
  order: ('step' | 'once')[];
  ratio?: Extract<Clause, { t: 'ratio' }>;
  full?: number;
  ceil?: boolean;
  items?: { name: string; points: number }[];
  spread?: Extract<Clause, { t: 'spread' }>;
  /** Descriptions in the pool, where a quantity threshold (`1000公斤以上`) may be stated. */
  context: string[];
}

const newPool = (declared?: Pool['declared']): Pool => ({
  ...(declared ? { declared } : {}),
  awards: [],
  zeros: [],
  once: [],
  steps: [],
  caps: [],
  order: [],
  context: [],
});
const isPositive = (e: Earn) => !('points' in e) || e.points > 0;
const earnPoints = (e: Earn): number | undefined => ('points' in e ? e.points : undefined);
const fail = (reason: string, unplaced?: string): Assembled => ({
  ok: false,
  reason,
  ...(unplaced ? { unplaced } : {}),
});

/** Short enough to name a level or part. */
export function shortLabel(s: string): string {
  const t = s.replace(/^[(]+|[)]+$/g, '').replace(/(的|则|者)$/, '');
  return t.length > 16 ? `…${t.slice(-16)}` : t;
}

export function assemble(segments: readonly Segment[]): Assembled {
  const pools: Pool[] = [];
  let disc = false;
  let discFull: number | undefined;
  for (const seg of segments) {
    // A numbered item without an award of its own (`2.没有及时拨付的,每延迟1天扣1分`) continues the pool before it.
    let current: Pool | undefined = seg.declared ? newPool(seg.declared) : pools[pools.length - 1];
    if (seg.declared) pools.push(current!);
    const fresh = () => {
      current = newPool();
      pools.push(current);
      return current;
    };
    let first = true;
    for (const sentence of seg.sentences) {
      let pending = '';
      for (const c of sentence) {
        const written = (own: string) => [pending, own].filter(Boolean).join(',');
        const cond = (own: string) =>
          [pending, own]
            .filter(Boolean)
            .join(',')
            .replace(/^则/, '')
            .replace(/[,的]+$/, '');
        switch (c.t) {
          case 'unplaced':
            return fail(`“${c.text}”未能识别`, c.text);
          case 'desc':
            pending = pending ? `${pending},${c.text}` : c.text;
            current?.context.push(c.text);
            continue;
          case 'note':
            break;
          case 'disc':
            disc = true;
            break;
          case 'award': {
            const award = { cond: cond(c.cond), earn: c.earn, text: written(c.text) };
            const p: Pool = current ?? fresh();
            const taken = p.awards.some((a) => isPositive(a.earn)) || !!p.items || !!p.spread;
            if (!isPositive(c.earn) || !taken) {
              p.awards.push(award);
              break;
            }
            const sameBands =
              !!numericCondition(award.cond) &&
              (!!p.spread || p.awards.every((a) => numericCondition(a.cond))) &&
              !p.steps.length &&
              !p.once.length &&
              !p.ratio;
            const lower = !first && isLowerLevel(p, award);
            if (sameBands || lower) {
              p.awards.push(award);
              break;
            }
            // Unnumbered awards with fewer points and no degree wording (`第一名得5分，第二名得4分`), or on
            // counted conditions (`30-49个得2分；50-79个得4分`), could be levels or parts: not guessed.
            const prev = p.awards.filter((a) => isPositive(a.earn)).pop();
            const fewer =
              prev &&
              earnPoints(prev.earn) !== undefined &&
              earnPoints(c.earn) !== undefined &&
              earnPoints(c.earn)! < earnPoints(prev.earn)!;
            const plain = !p.steps.length && !p.once.length && !p.ratio && !p.caps.length;
            if (!first && !c.item && plain && (fewer || (/\d/.test(award.cond) && /\d/.test(prev?.cond ?? ''))))
              return fail(`无法判断“${c.text}”是另一档还是另一分项`, c.text);
            if (/排名|名次|第[一二三四五六七八九十\d]+名|前[一二三四五六七八九十\d]+名/.test(award.cond))
              return fail(`按排名计分的写法未能识别：“${c.text}”`, c.text);
            fresh().awards.push(award);
            break;
          }
          case 'zero':
            (current ?? fresh()).zeros.push({ cond: cond(c.cond), veto: c.veto, text: written(c.text) });
            break;
          case 'once':
            (current ?? fresh()).once.push({ cond: cond(c.cond), points: c.points });
            (current as Pool).order.push('once');
            break;
          case 'step':
            (current ?? fresh()).steps.push({ cond: cond(c.cond), step: c.step });
            (current as Pool).order.push('step');
            (current as Pool).context.push(pending);
            break;
          case 'cap':
            (current ?? fresh()).caps.push({ ...c, after: (current as Pool).order.length - 1 });
            break;
          case 'full':
            if (current?.full !== undefined) return fail(`“${c.text}”重复写明满分`, c.text);
            (current ?? fresh()).full = c.points;
            discFull = c.points;
            break;
          case 'ratio': {
            const p: Pool = current && !current.ratio && !current.steps.length ? current : fresh();
            p.ratio = c;
            break;
          }
          case 'ceil':
            if (!current) return fail(`“${c.text}”没有所修饰的扣分规则`, c.text);
            current.ceil = true;
            break;
          case 'items':
            fresh().items = [...c.items];
            break;
          case 'spread': {
            const p: Pool = current && !current.awards.length && !current.steps.length ? current : fresh();
            p.spread = c;
            break;
          }
        }
        pending = '';
        first = false;
      }
    }
  }
  if (disc) {
    const full = discFull ?? Math.max(0, ...pools.flatMap((p) => p.awards.map((a) => earnPoints(a.earn) ?? 0)));
    return { ok: true, rule: { kind: 'discretionary', ...(full > 0 ? { full } : {}) } };
  }
  const live = pools.filter(
    (p) =>
      p.awards.length ||
      p.zeros.length ||
      p.once.length ||
      p.steps.length ||
      p.ratio ||
      p.items ||
      p.spread ||
      p.caps.length ||
      p.full !== undefined,
  );
  if (live.length === 0) return fail('未找到得分或扣分条件');
  if (live.length === 1) {
    const r = poolRule(live[0]);
    if (typeof r === 'string') return fail(r);
    if (r.kind === 'single')
      return r.question
        ? { ok: true, rule: binaryOf(r.points, r.label) }
        : fail('只写了得分条件，未写明达不到时如何计分');
    return { ok: true, rule: r };
  }
  return partsRule(live);
}

/** A lower outcome of the same condition: fewer points, and worded as a degree or a negation (`基本`, `不`, `一般`). */
function isLowerLevel(p: Pool, a: Award): boolean {
  const positives = p.awards.filter((x) => isPositive(x.earn));
  const last = positives[positives.length - 1];
  const lp = last && earnPoints(last.earn);
  const ap = earnPoints(a.earn);
  if (p.steps.length || p.once.length || p.ratio) return false;
  if (ap === undefined) return false;
  const above = lp ?? ('full' in (last?.earn ?? {}) ? Infinity : undefined);
  if (above === undefined || ap >= above) return false;
  return DEGREE.test(a.cond.replace(/^.*[,]/, '')) || DEGREE.test(a.cond);
}

type PoolResult = SimpleRule | { kind: 'single'; points: number; label: string; question: boolean } | string;

const binaryOf = (points: number, label: string): SimpleRule => ({
  kind: 'binary',
  pass: { points },
  fail: { points: 0 },
  passLabel: shortLabel(label) || '达到',
  failLabel: '未达到',
});

function fullOf(p: Pool): number | undefined | 'conflict' {
  const stated = [
    p.declared?.points,
    p.full,
    ...p.awards
      .filter((a) => isPositive(a.earn))
      .slice(0, 1)
      .map((a) => earnPoints(a.earn)),
  ].filter((x): x is number => x !== undefined);
  if (new Set(stated).size > 1) return 'conflict';
  return stated[0];
}

function poolRule(p: Pool): PoolResult {
  const full = fullOf(p);
  if (full === 'conflict') return '分值前后不一致';
  const positives = p.awards.filter((a) => isPositive(a.earn));
  if (p.items) {
    if (p.awards.length || p.steps.length || p.once.length || p.ratio) return '逐项分值之外另有计分条件';
    const pts = p.items.map((i) => i.points);
    if (pts.every((x) => x === pts[0])) return { kind: 'checklist', items: pts.length, points: pts[0] };
    return {
      kind: 'formula-other',
      max: pts.reduce((s, x) => s + x, 0),
      reading: p.items.map((i) => `${i.name} ${i.points} 分`).join('、'),
    };
  }
  if (p.spread || (positives.length >= 2 && p.awards.every((a) => numericCondition(a.cond)))) return bandsOf(p);
  if (p.ratio) {
    if (p.steps.length || p.once.length || positives.length > 1) return '按比例计分之外另有扣分';
    const points =
      p.ratio.points ?? (full !== undefined ? full : undefined) ?? p.caps.find((c) => c.points !== undefined)?.points;
    if (p.ratio.points !== undefined && full !== undefined && p.ratio.points !== full)
      return '比例公式的分值与得分条件不一致';
    return {
      kind: 'ratio',
      ...(points !== undefined ? { max: points } : {}),
      ...(p.ratio.variable ? { variable: p.ratio.variable } : {}),
    };
  }
  const bonus = p.steps.filter((s) => s.step.bonus);
  const rated = p.steps.filter((s) => !s.step.bonus && s.step.measure !== 'count');
  const counted = p.steps.filter((s) => !s.step.bonus && s.step.measure === 'count');
  const veto = p.zeros.find((z) => z.veto || p.steps.length > 0);
  if (bonus.length || (rated.length && (counted.length || p.once.length)) || rated.length > 1)
    return formulaOf(p, full);
  if (rated.length === 1) {
    if (positives.length > 1 || p.once.length) return '按差距扣分之外另有分档';
    return thresholdOf(p, rated[0], full, veto?.cond);
  }
  if (counted.length || (p.once.length && (positives.length === 0 || p.once.length > 1))) {
    if (positives.length > 1) return '按问题扣分之外另有分档';
    // Kinds in the order written; a `最多扣N分` limits the kind just before it, `扣完为止` the whole.
    let si = 0;
    let oi = 0;
    const kinds = p.order.map((k, at) => {
      const own = p.caps.find((c) => c.after === at && c.points !== undefined && !c.bonus && !c.ratio)?.points;
      if (k === 'step') {
        const st = p.steps[si++].step;
        return { deduct: st.points, ...(own !== undefined ? { cap: own } : {}) };
      }
      return { deduct: p.once[oi++].points, once: true as const, ...(own !== undefined ? { cap: own } : {}) };
    });
    if (kinds.some((k) => k.deduct === undefined)) return '按问题扣分的扣分值未写明分数';
    if (p.caps.some((c) => c.points !== undefined && (c.bonus || c.ratio))) return '按问题扣分之外另有上限';
    const [first, ...more] = kinds;
    const fromZero = p.zeros.find((z) => z.veto || !positives.length || p.steps.length || p.once.length)?.cond;
    const capOf = (k: (typeof kinds)[number]) =>
      k.cap !== undefined && !(full !== undefined && k.cap >= full) ? { cap: k.cap } : {};
    return {
      kind: 'per-finding',
      deduct: first.deduct!,
      ...('once' in first ? { once: true } : {}),
      ...capOf(first),
      ...(more.length
        ? { more: more.map((k) => ({ deduct: k.deduct!, ...('once' in k ? { once: true } : {}), ...capOf(k) })) }
        : {}),
      ...(full !== undefined && !('full' in (positives[0]?.earn ?? {})) ? { full } : {}),
      ...(fromZero ? { zeroIf: fromZero } : {}),
    };
  }
  if (positives.length === 0) return '未写明得分';
  if (p.caps.length) return '扣分上限没有所修饰的扣分规则';
  const top = positives[0];
  if (positives.length === 1) {
    if (p.zeros.length + p.once.length === 0) {
      const pts = earnPoints(top.earn);
      if (pts === undefined) return '只写了得满分的条件，未写明其他情况';
      return { kind: 'single', points: pts, label: top.cond, question: /是否/.test(top.cond) };
    }
    if (p.zeros.length === 1 && p.once.length === 1) {
      // `审批得2分，程序不规范扣1分，未审批不得分`: three levels.
      const mid = subtract(top.earn, p.once[0].points);
      if (!mid || mid.points <= 0) return '扣分超过满分';
      return {
        kind: 'levels',
        levels: [
          { label: shortLabel(top.cond), award: earnAward(top.earn) },
          { label: shortLabel(p.once[0].cond), award: mid },
          { label: shortLabel(p.zeros[0].cond) || '其他', award: { points: 0 } },
        ],
      };
    }
    if (p.zeros.length + p.once.length > 1) return '达不到时的结果写了不止一种';
    const failPoints = p.once.length ? subtract(top.earn, p.once[0].points) : { points: 0 };
    if (failPoints === undefined) return '扣分超过满分';
    return {
      kind: 'binary',
      pass: earnAward(top.earn),
      fail: failPoints,
      passLabel: shortLabel(top.cond) || '达到',
      failLabel: shortLabel(p.zeros[0]?.cond ?? p.once[0]?.cond ?? '') || '未达到',
    };
  }
  if (positives.some((a) => 'upTo' in a.earn)) {
    // `显著的得8-10分，较好的得5-7分，…`: grades a person scores within.
    if (p.once.length || p.zeros.length > 1 || positives.some((a) => !('points' in a.earn)))
      return '分档区间的写法未能识别';
    const grades = positives.map((a) => {
      const e = a.earn as { points: number; upTo?: number };
      return {
        label: shortLabel(a.cond),
        low: e.points,
        lowInclusive: true,
        high: e.upTo ?? e.points,
        highInclusive: true,
      };
    });
    if (p.zeros.length)
      grades.push({
        label: shortLabel(p.zeros[0].cond) || '其他',
        low: 0,
        lowInclusive: true,
        high: 0,
        highInclusive: true,
      });
    for (let i = 1; i < grades.length; i++) if (grades[i].high > grades[i - 1].low) return '各档分值不是由高到低';
    return { kind: 'intervals', grades };
  }
  // Levels: positive outcomes from the best down, then the zero or a deduction that empties it.
  const levels = positives.map((a) => ({ label: shortLabel(a.cond), award: earnAward(a.earn) }));
  if (p.zeros.length + p.once.length > 1) return '最低一档写了不止一种';
  if (p.zeros.length) levels.push({ label: shortLabel(p.zeros[0].cond) || '其他', award: { points: 0 } });
  if (p.once.length) {
    const low = subtract(top.earn, p.once[0].points);
    if (!low) return '扣分超过满分';
    levels.push({ label: shortLabel(p.once[0].cond), award: low });
  }
  const values = levels.map((l) => ('points' in l.award ? l.award.points : undefined));
  for (let i = 1; i < values.length; i++)
    if (values[i] === undefined || (values[i - 1] !== undefined && values[i]! >= values[i - 1]!))
      return '各档分值不是由高到低';
  return { kind: 'levels', levels };
}

const earnAward = (e: Earn) =>
  'points' in e ? { points: e.points } : 'share' in e ? { share: e.share } : { share: 1 };

function subtract(e: Earn, d: number): { points: number } | undefined {
  if (!('points' in e)) return undefined;
  return e.points - d >= 0 ? { points: Math.round((e.points - d) * 1e9) / 1e9 } : undefined;
}

function bandsOf(p: Pool): PoolResult {
  const bands: { min?: Bound; max?: Bound; points: number; upTo?: number; text: string }[] = [];
  let variable: string | undefined;
  let unit: string | undefined;
  if (p.spread) {
    p.spread.bounds.forEach((b, i) =>
      bands.push({ ...b, points: p.spread!.points[i], text: `${p.spread!.cond}→${p.spread!.points[i]}分` }),
    );
  }
  for (const a of p.awards) {
    const c = numericCondition(a.cond);
    if (!c) return `“${a.cond}”不是数值条件`;
    if (!('points' in a.earn)) return '分段得分应为分数';
    variable ??= c.variable;
    unit ??= c.unit;
    bands.push({
      ...(c.min ? { min: c.min } : {}),
      ...(c.max ? { max: c.max } : {}),
      points: a.earn.points,
      ...(a.earn.upTo !== undefined ? { upTo: a.earn.upTo } : {}),
      text: a.text,
    });
  }
  for (const z of p.zeros) {
    const c = numericCondition(z.cond);
    if (!c) continue;
    bands.push({ ...(c.min ? { min: c.min } : {}), ...(c.max ? { max: c.max } : {}), points: 0, text: z.text });
  }
  if (p.steps.length || p.once.length || p.ratio || bands.length < 2) return '分段之外另有计分条件';
  const abs = p.awards.some((a) => isAbsolute(a.cond));
  return { kind: 'bands', ...(variable ? { variable } : {}), abs, bands, ...(unit ? { unit } : {}) };
}

function thresholdOf(
  p: Pool,
  s: { cond: string; step: Step },
  full: number | undefined,
  zeroIf: string | undefined,
): PoolResult {
  const step = s.step;
  const award = p.awards.find((a) => isPositive(a.earn));
  const direction = step.direction!;
  let threshold: number | undefined;
  let variable: string | undefined;
  if (step.measure === 'value') {
    threshold = [award?.cond, s.cond, ...p.context]
      .map((t) => (t ? quantityCondition(t, step.unit!) : undefined))
      .find((x) => x !== undefined);
  } else {
    const fromAward = award ? numericCondition(award.cond) : undefined;
    const fromStep = numericCondition(s.cond);
    const c = fromAward ?? fromStep;
    variable = c?.variable;
    if (c) threshold = direction === 'above' ? (c.max ?? c.min)?.value : (c.min ?? c.max)?.value;
    // No number: full marks at 100% only when the condition is plain completion (`足额配套的为满分`,
    // `完成则得满分`); a benchmark such as 序时进度 is not guessed.
    else if (direction === 'both' || (direction === 'below' && completion(award?.cond ?? ''))) threshold = 1;
  }
  if (threshold === undefined) return '未写明从哪一数值起扣分';
  const fromBenchmark = !!award && /目标值|标杆值/.test(award.cond) && !numericCondition(award.cond);
  const shareCap = p.caps.find((c) => c.points !== undefined && !c.bonus && !c.ratio)?.points;
  if (step.share !== undefined) {
    // `每降低1%扣5%权重分`: the share-of-weight form, kept as its own kind (the qingdao wording).
    if (
      direction !== 'below' ||
      Math.abs(step.size - 0.01) > 1e-12 ||
      p.ceil ||
      shareCap !== undefined ||
      step.measure !== 'rate'
    )
      return '按权重比例扣分的写法未能识别';
    if (award && !('full' in award.earn)) return '按权重比例扣分却写明了分数';
    return {
      kind: 'deduct-per-pct',
      threshold: fromBenchmark ? 1 : threshold,
      ...(fromBenchmark ? { fromBenchmark: true } : {}),
      perPct: step.share,
      ...(variable ? { variable } : {}),
    };
  }
  if (fromBenchmark) return '以目标值为满分线的按差距扣分，请用规则简写注明';
  const cap = shareCap !== undefined && (full === undefined || shareCap < full) ? shareCap : undefined;
  return {
    kind: 'threshold-deduct',
    ...(variable ? { variable } : {}),
    threshold,
    ...(step.measure === 'value' ? { unit: step.unit } : {}),
    direction,
    step: step.size,
    per: step.points!,
    ...(p.ceil ? { wholeSteps: true } : {}),
    ...(full !== undefined ? { full } : {}),
    ...(cap !== undefined ? { cap } : {}),
    ...(zeroIf ? { zeroIf } : {}),
  };
}

function completion(cond: string): boolean {
  if (/序时|进度要求|平均|标杆|上年|同期|计划进度/.test(cond)) return false;
  return cond === '' || /完成|足额|全额|全部|到位|达标|目标值/.test(cond);
}

/** Bonuses, or deductions of two kinds in one pool: read, range-checked, not computed. */
function formulaOf(p: Pool, full: number | undefined): PoolResult {
  const baseAward = p.awards.find((a) => 'base' in a.earn || 'full' in a.earn);
  const bonusCap = p.caps.find((c) => c.bonus);
  const bonus = p.steps.filter((s) => s.step.bonus);
  if (bonus.length && !bonusCap) return '加分没有上限';
  const unitText = (s: Step) =>
    s.measure === 'rate' ? `${Math.round(s.size * 10000) / 100}%` : `${s.size}${s.unit ?? '项'}`;
  const words = p.steps.map((s) => {
    const per = s.step.points !== undefined ? `${s.step.points} 分` : `权重分的 ${(s.step.share ?? 0) * 100}%`;
    const dir =
      s.step.measure === 'count' ? '每' : s.step.bonus ? '每多' : s.step.direction === 'above' ? '每超' : '每少';
    return `${dir}${unitText(s.step)}${s.step.bonus ? '加' : '扣'} ${per}`;
  });
  const capText = p.caps.map((c) => c.text).join('，');
  const reading = [
    full !== undefined ? `满分 ${full} 分` : baseAward ? '完成得基本分（指标分值）' : '',
    ...words,
    capText,
  ]
    .filter(Boolean)
    .join('，');
  if (bonusCap) {
    const base = full ?? (baseAward ? undefined : 0);
    if (bonusCap.base) {
      if (base === undefined) return { kind: 'formula-other', maxTimesWeight: 2, reading };
      return { kind: 'formula-other', max: base * 2 || undefined, reading } as SimpleRule;
    }
    if (base === undefined || (base === 0 && p.steps.some((x) => !x.step.bonus)))
      return '加分上限与基本分无法相加（基本分为指标分值）';
    return { kind: 'formula-other', max: base + bonusCap.points!, reading };
  }
  return { kind: 'formula-other', ...(full !== undefined ? { max: full } : {}), reading };
}

/** Two or more pools: parts whose points add up. Equal single items make a checklist. */
function partsRule(pools: Pool[]): Assembled {
  const parts: { name: string; points: number; rule: SimpleRule }[] = [];
  let allItems = true;
  for (const p of pools) {
    const r = poolRule(p);
    if (typeof r === 'string') return fail(r);
    const name =
      shortLabel(p.declared?.name ?? p.awards[0]?.cond ?? p.spread?.cond ?? p.items?.[0]?.name ?? '') ||
      `第${parts.length + 1}项`;
    if (r.kind === 'single') {
      parts.push({ name, points: r.points, rule: binaryOf(r.points, r.label) });
      continue;
    }
    const full = fullOf(p);
    const share = p.awards.find((a) => 'share' in a.earn);
    const points =
      typeof full === 'number'
        ? full
        : r.kind === 'checklist' && r.points !== undefined
          ? r.points * r.items
          : r.kind === 'bands'
            ? Math.max(...r.bands.map((b) => b.upTo ?? b.points))
            : undefined;
    if (points === undefined || share) return fail('分项未写明分值');
    if (!(r.kind === 'binary' && 'points' in r.fail && r.fail.points === 0)) allItems = false;
    parts.push({ name, points, rule: r });
  }
  if (allItems && parts.every((p) => p.points === parts[0].points))
    return { ok: true, rule: { kind: 'checklist', items: parts.length, points: parts[0].points } };
  return { ok: true, rule: { kind: 'composite', parts } };
}
