import { pts, type FamilyModule } from './family';

/** `前二得3分，完成任务得2分，无则0分`. Level 0 top, 1 task done, 2 neither. */
export const rankingFamily: FamilyModule<'ranking'> = {
  kind: 'ranking',
  family: 'ranking',
  maxPoints: (r) => Math.max(r.topPoints, r.completePoints),
  score: (r, input) =>
    input.level === undefined ? undefined : [r.topPoints, r.completePoints, r.nonePoints ?? 0][input.level],
  reading: (r) =>
    `按排名计分：前 ${r.top} 名得 ${pts(r.topPoints)} 分，完成任务得 ${pts(r.completePoints)} 分${r.nonePoints !== undefined ? `，未完成得 ${pts(r.nonePoints)} 分` : ''}`,
  notation: (r) =>
    `rank:${r.top}=${pts(r.topPoints)};done=${pts(r.completePoints)}${r.nonePoints !== undefined ? `;none=${pts(r.nonePoints)}` : ''}`,
};
