import { pts, type FamilyModule } from './family';

/** `本年度“三公经费”总额＜上年度…得2分；等于得1分；大于不得分`. Level 0 less, 1 equal, 2 greater. */
export const comparisonFamily: FamilyModule<'comparison'> = {
  kind: 'comparison',
  family: 'comparison',
  maxPoints: (r) => Math.max(r.less, r.equal, r.greater),
  score: (r, input) => (input.level === undefined ? undefined : [r.less, r.equal, r.greater][input.level]),
  reading: (r) =>
    `与上年比较：${r.subject ?? ''}低于上年得 ${pts(r.less)} 分，持平得 ${pts(r.equal)} 分，高于上年得 ${pts(r.greater)} 分`,
  notation: (r) => `compare:${pts(r.less)}/${pts(r.equal)}/${pts(r.greater)}`,
};
