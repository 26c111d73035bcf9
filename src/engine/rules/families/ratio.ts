import { clamp, fullText, pts, tidy, type FamilyModule } from './family';

/** `得分值=完成率×20`, `资金到位率*该项指标分值`, `按完成比例计算得分,满分为止`: rate × full, capped at full. */
export const ratioFamily: FamilyModule<'ratio'> = {
  kind: 'ratio',
  family: 'ratio',
  maxPoints: (r, w) => r.max ?? w,
  score(r, input, w) {
    const full = r.max ?? w;
    if (full === undefined || input.rate === undefined) return undefined;
    return tidy(clamp(input.rate, 0, 1) * full);
  },
  reading: (r, w) => {
    const full = r.max ?? w;
    return `按比例计分：得分 = ${r.variable ?? '完成率'} × ${full !== undefined ? pts(full) : '指标分值'}，最高 ${fullText(full, w)}`;
  },
  notation: (r) => (r.max !== undefined ? `ratio:${pts(r.max)}` : 'ratio'),
};
