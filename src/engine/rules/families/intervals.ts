import { pts, type FamilyModule } from './family';

const span = (g: { low: number; lowInclusive: boolean; high: number; highInclusive: boolean }) =>
  g.low === g.high
    ? pts(g.low)
    : `${g.lowInclusive ? '[' : '('}${pts(g.low)},${pts(g.high)}${g.highInclusive ? ']' : ')'}`;

/** `效果显著得(2,3]分；效果较好得(1,2]分；…`: graded levels where a person picks a score inside the grade. */
export const intervalsFamily: FamilyModule<'intervals'> = {
  kind: 'intervals',
  family: 'levels',
  maxPoints: (r) => Math.max(...r.grades.map((g) => g.high)),
  score: (r, input) => {
    const g = input.level !== undefined ? r.grades[input.level] : undefined;
    return g && g.low === g.high ? g.low : undefined;
  },
  reading: (r) => `分档由评价人在区间内打分：${r.grades.map((g) => `${g.label}得 ${span(g)} 分`).join('；')}`,
  notation: (r) => `intervals:${r.grades.map(span).join(';')}`,
};
