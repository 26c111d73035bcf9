import type { Award } from '../types';
import { pts, tidy, type FamilyModule } from './family';

export const awardPoints = (a: Award, w: number | undefined) =>
  'points' in a ? a.points : w === undefined ? undefined : tidy(a.share * w);
export const awardText = (a: Award) => ('points' in a ? pts(a.points) : `${pts(a.share * 100)}%`);
export const awardReading = (a: Award, w: number | undefined) =>
  'points' in a
    ? `${pts(a.points)} 分`
    : a.share === 1
      ? `满分${w !== undefined ? ` ${pts(w)} 分` : ''}`
      : `权重分的 ${pts(a.share * 100)}%`;

/** `齐全的得2分,不齐全的扣2分`, `有批准文件:2分;没有批准文件:0分`. Level 0 = pass, 1 = fail. */
export const binaryFamily: FamilyModule<'binary'> = {
  kind: 'binary',
  family: 'binary',
  maxPoints: (r, w) => awardPoints(r.pass, w),
  score(r, input, w) {
    if (input.level === 0) return awardPoints(r.pass, w);
    if (input.level === 1) return awardPoints(r.fail, w);
    return undefined;
  },
  reading: (r, w) =>
    `是否达到：${r.passLabel}得 ${awardReading(r.pass, w)}；${r.failLabel}得 ${awardReading(r.fail, w)}`,
  notation: (r) => `binary:${awardText(r.pass)}/${awardText(r.fail)}`,
};
