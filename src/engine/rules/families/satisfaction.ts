import { clamp, pctText, pts, tidy, type FamilyModule } from './family';

/** `满意度达90%，则得满分，每降低1%，扣除5%权重分`; `非常满意100%，满意75%，…`: weight × 满意度. */
export const satisfactionFamily: FamilyModule<'satisfaction'> = {
  kind: 'satisfaction',
  family: 'satisfaction',
  maxPoints: (_r, w) => w,
  score(r, input, w) {
    if (w === undefined || input.rate === undefined) return undefined;
    const x = input.rate;
    if (r.fullAt === undefined) return tidy(clamp(x, 0, 1) * w);
    if (x >= r.fullAt) return w;
    if (r.perPct === undefined) return undefined;
    return tidy(clamp(w * (1 - r.perPct * (r.fullAt - x) * 100), 0, w));
  },
  reading: (r, w) =>
    r.fullAt === undefined
      ? `满意度计分：得分 = 满意度 × ${w !== undefined ? pts(w) : '指标分值'}（各档权重 ${r.weights.map(pctText).join('、')}）`
      : `满意度计分：满意度达到 ${pctText(r.fullAt)} 得满分${r.perPct !== undefined ? `，每低 1 个百分点扣权重分的 ${pctText(r.perPct)}` : ''}`,
  notation: (r) =>
    r.fullAt !== undefined
      ? `satisfaction:${pctText(r.fullAt)}${r.perPct !== undefined ? `@${pctText(r.perPct)}` : ''}`
      : 'satisfaction',
};
