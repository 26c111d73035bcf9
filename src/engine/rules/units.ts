import { assertNever } from './assertNever';
import { scoreOf } from './families';
import { D, Decimal, roundHalfUp, type Dec } from '../decimal';
import type { CellValue } from '../model/cell';
import type { Sheet, Workbook } from '../model/sheet';
import type { NewSheet } from '../patch';
import type { Settings } from '../settings';
import { normalizeLabel, parseNumberText, toHalfWidth } from '../text';
import { leavesOf } from '../indicator/tree';
import type { IndicatorTable } from '../indicator/types';
import { computeScore } from './evaluate';
import { resolveRules, ruleByLeaf } from './resolve';
import type { Rule } from './types';

/**
 * Multi-unit scoring (东西部扶贫协作 评价办法): the indicators are rows, and each 区/县 has a column of
 * inputs — a 完成率, 完成/未完成, a rank, a number of findings, or a score a person gave. Each unit
 * gets a score per indicator, a total and a rank. Pure: the sheet reader below only collects inputs.
 */
export interface UnitItem {
  readonly name: string;
  readonly weight: number;
  readonly rule?: Rule;
}

export type UnitInput = number | string | undefined;

export interface UnitResult {
  readonly unit: string;
  /** Per item, undefined where the input is missing or does not fit the rule. */
  readonly scores: (Dec | undefined)[];
  readonly total: Dec;
  /** 1 = best; ties share a rank (1, 2, 2, 4). */
  readonly rank: number;
  /** Items left to a person (no input, or an input the rule cannot read). */
  readonly open: string[];
}

export interface UnitScores {
  readonly items: readonly UnitItem[];
  readonly units: UnitResult[];
}

const YES = /^(是|完成|已完成|达标|召开|开展|有|√|✓|y|yes|true)$/i;
const NO = /^(否|未完成|未达标|未召开|未开展|无|×|✗|n|no|false)$/i;

function asNumber(x: UnitInput): Dec | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? D(x) : undefined;
  if (typeof x !== 'string') return undefined;
  const n = parseNumberText(x);
  return n ? D(n.value) : undefined;
}

/** A 完成率 input: a ratio (0.8, 80%) or 完成/未完成 (= 100% / 0%). */
function asRate(x: UnitInput): Dec | undefined {
  if (typeof x === 'string' && YES.test(x.trim())) return D(1);
  if (typeof x === 'string' && NO.test(x.trim())) return D(0);
  return asNumber(x);
}

export function unitScore(rule: Rule, weight: number, input: UnitInput): Dec | undefined {
  if (input === undefined || (typeof input === 'string' && !input.trim())) return undefined;
  const text = typeof input === 'string' ? toHalfWidth(input).trim() : '';
  const w = D(weight);
  const clamp = (v: Dec, hi: Dec) => Decimal.max(0, Decimal.min(v, hi));
  switch (rule.kind) {
    case 'ratio':
    case 'deduct-per-pct':
    case 'satisfaction':
    case 'bands': {
      const x = asRate(input);
      return x ? computeScore(rule, weight, x)?.score : undefined;
    }
    case 'threshold-deduct': {
      const x = asRate(input);
      const s = x ? scoreOf(rule, { rate: x.toNumber() }, weight) : undefined;
      return s === undefined ? undefined : D(s);
    }
    case 'formula-other':
      return undefined;
    case 'binary': {
      const pass = typeof input === 'number' ? input >= 1 : YES.test(text) ? true : NO.test(text) ? false : undefined;
      if (pass === undefined) return undefined;
      const a = pass ? rule.pass : rule.fail;
      return 'points' in a ? D(a.points) : w.times(a.share);
    }
    case 'levels': {
      const hit = rule.levels.find((l) => normalizeLabel(l.label) === normalizeLabel(text));
      if (!hit) return undefined;
      return 'points' in hit.award ? D(hit.award.points) : w.times(hit.award.share);
    }
    case 'ranking': {
      const rank =
        typeof input === 'number' ? input : /^第?(\d+)名?$/.exec(text) ? Number(/\d+/.exec(text)![0]) : undefined;
      if (rank !== undefined) return rank >= 1 && rank <= rule.top ? D(rule.topPoints) : D(rule.completePoints);
      if (YES.test(text)) return D(rule.completePoints);
      if (NO.test(text)) return D(rule.nonePoints ?? 0);
      return undefined;
    }
    case 'comparison': {
      if (/^(<|低于|小于|减少|下降)/.test(text)) return D(rule.less);
      if (/^(=|等于|持平|无变动)/.test(text)) return D(rule.equal);
      if (/^(>|高于|大于|增加|上升)/.test(text)) return D(rule.greater);
      return undefined;
    }
    case 'checklist': {
      const met = asNumber(input);
      if (!met || !met.isInteger() || met.isNegative() || met.greaterThan(rule.items)) return undefined;
      return rule.points !== undefined ? D(rule.points).times(met) : w.times(met).dividedBy(rule.items);
    }
    case 'per-finding': {
      const n = asNumber(input);
      if (!n || !n.isInteger() || n.isNegative() || rule.more || rule.once) return undefined;
      const full = D(rule.full ?? weight);
      return clamp(full.minus(n.times(rule.deduct)), full);
    }
    case 'composite': {
      const parts = typeof input === 'string' ? text.split(/[/、,;]/) : [input];
      if (parts.length !== rule.parts.length) return undefined;
      let sum = new Decimal(0);
      for (let i = 0; i < parts.length; i++) {
        const s = unitScore(rule.parts[i].rule, rule.parts[i].points, parts[i]);
        if (!s) return undefined;
        sum = sum.plus(s);
      }
      return sum;
    }
    default:
      return assertNever(rule);
    case 'intervals':
    case 'discretionary': {
      // The input is the score a person gave; it only has to fit the rule.
      const s = asNumber(input);
      return s && !s.isNegative() && !s.greaterThan(w) ? s : undefined;
    }
  }
}

export function scoreUnits(
  items: readonly UnitItem[],
  units: readonly { unit: string; inputs: readonly UnitInput[] }[],
  places: number,
): UnitScores {
  const results = units.map((u) => {
    const open: string[] = [];
    const scores = items.map((it, i) => {
      const s = it.rule ? unitScore(it.rule, it.weight, u.inputs[i]) : undefined;
      if (!s) open.push(it.name);
      return s ? roundHalfUp(s, places) : undefined;
    });
    const total = scores.reduce<Dec>((acc, s) => (s ? acc.plus(s) : acc), new Decimal(0));
    return { unit: u.unit, scores, total, open };
  });
  const ranked = results.map((r) => ({ ...r, rank: 1 + results.filter((o) => o.total.greaterThan(r.total)).length }));
  return { items, units: ranked };
}

function inputOf(v: CellValue): UnitInput {
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'boolean') return v.value ? '是' : '否';
  return undefined;
}

/**
 * Unit columns of an indicator table: labelled columns to the right of everything the detector
 * recognised, in a table that has no 得分 column of its own.
 */
export function unitColumns(sheet: Sheet, t: IndicatorTable): { col: number; unit: string }[] {
  if (t.hasScores) return [];
  const known = Math.max(...Object.values(t.cols).filter((c): c is number => c !== undefined), ...t.levelCols);
  const out: { col: number; unit: string }[] = [];
  for (let col = known + 1; col <= sheet.maxCol; col++) {
    const label = sheet.text(t.headerRow, col).trim();
    if (!label) break;
    if (/依据|来源|方式|说明|备注|标准|解释/.test(label)) continue;
    out.push({ col, unit: label });
  }
  return out;
}

/** The 分单位得分 sheet: one row per indicator, a column per unit, then 合计 and 名次. */
export function planUnitScores(workbook: Workbook, t: IndicatorTable, settings: Settings): NewSheet | undefined {
  const sheet = workbook.sheet(t.sheet);
  if (!sheet) return undefined;
  const cols = unitColumns(sheet, t);
  if (cols.length === 0) return undefined;
  const byLeaf = ruleByLeaf(resolveRules(workbook, t, settings));
  const leaves = t.roots.flatMap(leavesOf).filter((l) => l.weight);
  const items: UnitItem[] = leaves.map((l) => ({
    name: l.name,
    weight: l.weight!.value,
    ...(byLeaf.get(l)?.rule ? { rule: byLeaf.get(l)!.rule } : {}),
  }));
  const units = cols.map((c) => ({ unit: c.unit, inputs: leaves.map((l) => inputOf(sheet.value(l.top, c.col))) }));
  // Columns with no input at all are not units (a stray label).
  const real = units.filter((u) => u.inputs.some((x) => x !== undefined));
  if (real.length === 0) return undefined;
  const result = scoreUnits(items, real, settings.scorePlaces);
  const rows: (string | number | null)[][] = [['指标', '分值', ...result.units.map((u) => u.unit)]];
  items.forEach((it, i) =>
    rows.push([it.name, it.weight, ...result.units.map((u) => (u.scores[i] ? u.scores[i]!.toNumber() : null))]),
  );
  const weights = items.reduce((a, it) => a.plus(it.weight), new Decimal(0));
  rows.push(['合计', weights.toNumber(), ...result.units.map((u) => u.total.toNumber())]);
  rows.push(['名次', null, ...result.units.map((u) => u.rank)]);
  const open = result.units.filter((u) => u.open.length).map((u) => `${u.unit}：${u.open.length} 项待人工评分`);
  if (open.length) rows.push(['说明', open.join('；'), ...result.units.map(() => null)]);
  // Named as wanted; the scorer places it among the workbook's sheets (`placeSheet`).
  return { name: `${t.sheet}分单位得分`, rows, columnWidths: [30, 8, ...result.units.map(() => 10)] };
}
