import type { Bound } from '../types';
import { pctText, pts, type FamilyModule, type RuleOf } from './family';

type Rule = RuleOf<'bands'>;

export function inBound(x: number, min?: Bound, max?: Bound): boolean {
  if (min && !(min.inclusive ? x >= min.value - 1e-12 : x > min.value + 1e-12)) return false;
  if (max && !(max.inclusive ? x <= max.value + 1e-12 : x < max.value - 1e-12)) return false;
  return true;
}

const v = (r: Rule, x: number) => (r.unit === undefined ? pctText(x) : `${pts(x)}${r.unit}`);
const award = (b: Rule['bands'][number]) =>
  b.upTo !== undefined ? `${pts(b.points)}–${pts(b.upTo)} 分` : `${pts(b.points)} 分`;

function condition(r: Rule, b: Rule['bands'][number]): string {
  const lo = b.min ? `${b.min.inclusive ? '≥' : '>'}${v(r, b.min.value)}` : '';
  const hi = b.max ? `${b.max.inclusive ? '≤' : '<'}${v(r, b.max.value)}` : '';
  if (b.min && b.max && b.min.value === b.max.value) return `=${v(r, b.min.value)}`;
  return [lo, hi].filter(Boolean).join(' 且 ') || '其他';
}

/** `预算调整率=0,计3分;0-10%(含),计2分;…`, `超过80%、70%和60%,分别得6分、4分和2分`: a band per range of the rate. */
export const bandsFamily: FamilyModule<'bands'> = {
  kind: 'bands',
  family: 'bands',
  maxPoints: (r) => Math.max(...r.bands.map((b) => b.upTo ?? b.points)),
  score(r, input) {
    if (input.rate === undefined) return undefined;
    const x = r.abs ? Math.abs(input.rate) : input.rate;
    const band = r.bands.find((b) => inBound(x, b.min, b.max));
    return band && band.upTo === undefined ? band.points : undefined;
  },
  reading: (r) =>
    `分段计分：${r.variable ?? (r.unit ? '完成量' : '比率')}${r.abs ? '（取绝对值）' : ''} ${r.bands.map((b) => `${condition(r, b)} 得 ${award(b)}`).join('；')}${r.bands.some((b) => !b.min) ? '' : '；其余情况评价标准未写明'}`,
  notation: (r) => {
    const num = (x: number) => (r.unit === undefined ? pctText(x) : pts(x));
    const score = (b: Rule['bands'][number]) =>
      b.upTo !== undefined ? `${pts(b.points)}~${pts(b.upTo)}` : pts(b.points);
    // Bands whose upper bounds only repeat the band above (`≥4%`, `≥3%` …) print as a chain from the top;
    // any other shape prints each band's own range, so the notation says exactly what the text says.
    const chain = r.bands.every((b, i) => {
      if (i === 0) return !b.max && !!b.min;
      const above = r.bands[i - 1].min;
      return (
        !!above &&
        (!b.max || (b.max.value === above.value && b.max.inclusive !== above.inclusive)) &&
        (!!b.min || i === r.bands.length - 1)
      );
    });
    const cond = (b: Rule['bands'][number]) => {
      if (chain) return b.min ? `${b.min.inclusive ? '≥' : '>'}${num(b.min.value)}` : 'else';
      if (b.min && b.max && b.min.value === b.max.value) return `=${num(b.min.value)}`;
      if (b.min && b.max)
        return `${b.min.inclusive ? '[' : '('}${num(b.min.value)},${num(b.max.value)}${b.max.inclusive ? ']' : ')'}`;
      if (b.min) return `${b.min.inclusive ? '≥' : '>'}${num(b.min.value)}`;
      if (b.max) return `${b.max.inclusive ? '≤' : '<'}${num(b.max.value)}`;
      return 'else';
    };
    return `bands${r.abs ? '-abs' : ''}:${r.bands.map((b) => `${cond(b)}=${score(b)}`).join(';')}`;
  },
};
