import { fullText, pts, type FamilyModule } from './family';

/** `酌情扣分`, `视具体情况扣分`: a person scores it; jixiao only checks the range. */
export const discretionaryFamily: FamilyModule<'discretionary'> = {
  kind: 'discretionary',
  family: 'discretionary',
  maxPoints: (r, w) => r.full ?? w,
  score: () => undefined,
  reading: (r, w) => `酌情计分：由评价人在 0 至 ${fullText(r.full, w)}之间评定`,
  notation: (r) => (r.full !== undefined ? `manual:${pts(r.full)}` : 'manual'),
};
