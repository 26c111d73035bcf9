import { clamp, pctText, pts, tidy, type FamilyModule } from './family';

/** `达95%以上，则得满分。每降低1%扣5%权重分，扣完为止`: a share of the weight per point below the threshold. */
export const deductPerPctFamily: FamilyModule<'deduct-per-pct'> = {
  kind: 'deduct-per-pct',
  family: 'threshold-deduct',
  maxPoints: (_r, w) => w,
  score(r, input, w) {
    if (w === undefined || input.rate === undefined || r.fromBenchmark) return undefined;
    if (input.rate >= r.threshold) return w;
    return tidy(clamp(w * (1 - r.perPct * (r.threshold - input.rate) * 100), 0, w));
  },
  reading: (r, w) =>
    `低于${r.fromBenchmark ? '目标值' : pctText(r.threshold)}扣分：${r.variable ?? '完成率'}达到${r.fromBenchmark ? '目标值' : pctText(r.threshold)}得满分${w !== undefined ? ` ${pts(w)} 分` : ''}，每低 1 个百分点扣权重分的 ${pctText(r.perPct)}，扣完为止`,
  notation: (r) => `deduct-per-pct:${pctText(r.perPct)}@${r.fromBenchmark ? '目标值' : pctText(r.threshold)}`,
};
