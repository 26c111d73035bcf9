import { awardPoints, awardReading, awardText } from './binary';
import type { FamilyModule } from './family';

/** `健全的得10分,基本健全的得6分,不健全的扣10分`: one stated outcome applies; level N = the N-th. */
export const levelsFamily: FamilyModule<'levels'> = {
  kind: 'levels',
  family: 'levels',
  maxPoints: (r, w) => {
    const xs = r.levels.map((l) => awardPoints(l.award, w));
    return xs.every((x) => x !== undefined) ? Math.max(...(xs as number[])) : undefined;
  },
  score: (r, input, w) =>
    input.level !== undefined && r.levels[input.level] ? awardPoints(r.levels[input.level].award, w) : undefined,
  reading: (r, w) => `分档计分：${r.levels.map((l) => `${l.label}得 ${awardReading(l.award, w)}`).join('；')}`,
  notation: (r) => `levels:${r.levels.map((l) => awardText(l.award)).join('/')}`,
};
