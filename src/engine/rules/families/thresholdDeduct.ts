import { clamp, fullText, pctText, pts, tidy, type FamilyModule, type RuleOf } from './family';

type Rule = RuleOf<'threshold-deduct'>;

const value = (r: Rule, x: number) => (r.unit === undefined ? pctText(x) : `${pts(x)}${r.unit}`);
const stepText = (r: Rule) => (r.unit === undefined ? `${pts(r.step * 100)} 个百分点` : `${pts(r.step)}${r.unit}`);
const sideText = { below: '低于', above: '高于', both: '偏离' } as const;

/** Points lost at a measured value: steps of distance beyond the threshold × per, within the cap. */
export function thresholdDeduction(r: Rule, x: number): number {
  const distance =
    r.direction === 'below' ? r.threshold - x : r.direction === 'above' ? x - r.threshold : Math.abs(x - r.threshold);
  if (distance <= 1e-12) return 0;
  const raw = tidy(distance / r.step);
  const steps = r.wholeSteps ? Math.ceil(raw) : raw;
  const lost = steps * r.per;
  return r.cap !== undefined ? Math.min(lost, r.cap) : lost;
}

/** `完成100%的得10分,每减少1个百分点扣1分`; `≦0计5分,每超过一个百分点扣0.5分`; `1000公斤以上…每少于100公斤扣5分`. */
export const thresholdDeductFamily: FamilyModule<'threshold-deduct'> = {
  kind: 'threshold-deduct',
  family: 'threshold-deduct',
  maxPoints: (r, w) => r.full ?? w,
  score(r, input, w) {
    const full = r.full ?? w;
    if (full === undefined || input.rate === undefined) return undefined;
    return tidy(clamp(full - thresholdDeduction(r, input.rate), 0, full));
  },
  reading: (r, w) => {
    const at =
      r.direction === 'below'
        ? `达到${value(r, r.threshold)}`
        : r.direction === 'above'
          ? `不超过${value(r, r.threshold)}`
          : `等于${value(r, r.threshold)}`;
    const parts = [
      `${r.variable ?? (r.unit ? '完成量' : '完成率')}${at}得 ${fullText(r.full, w)}`,
      `每${sideText[r.direction]}${stepText(r)}扣 ${pts(r.per)} 分${r.wholeSteps ? '（不足一步按一步计）' : ''}`,
      r.cap !== undefined ? `最多扣 ${pts(r.cap)} 分` : '扣完为止',
    ];
    if (r.zeroIf) parts.push(`${r.zeroIf}不得分`);
    return `按差距扣分：${parts.join('，')}`;
  },
  notation: (r) => {
    const step = r.unit === undefined ? pctText(r.step) : `${pts(r.step)}${r.unit}`;
    const at = r.unit === undefined ? pctText(r.threshold) : `${pts(r.threshold)}${r.unit}`;
    const opts = [
      r.direction !== 'below' ? r.direction : '',
      r.full !== undefined ? `full=${pts(r.full)}` : '',
      r.cap !== undefined ? `cap=${pts(r.cap)}` : '',
      r.wholeSteps ? 'ceil' : '',
    ].filter(Boolean);
    return `threshold:${pts(r.per)}/${step}@${at}${opts.length ? `;${opts.join(';')}` : ''}`;
  },
};
