import { fullText, pts, tidy, type FamilyModule } from './family';

/** `①…1分;②…1分;③…1分`, `4项各占1/4权重分`: items worth the same, each earned or not. `--count` = items not met. */
export const checklistFamily: FamilyModule<'checklist'> = {
  kind: 'checklist',
  family: 'checklist',
  maxPoints: (r, w) => (r.points !== undefined ? tidy(r.points * r.items) : w),
  score(r, input, w) {
    const each = r.points ?? (w !== undefined ? w / r.items : undefined);
    if (
      each === undefined ||
      input.count === undefined ||
      input.count < 0 ||
      input.count > r.items ||
      !Number.isInteger(input.count)
    )
      return undefined;
    return tidy(each * (r.items - input.count));
  },
  reading: (r, w) =>
    `逐项计分：共 ${r.items} 项，每项 ${r.points !== undefined ? `${pts(r.points)} 分` : `占权重分的 1/${r.items}`}，做到得分、未做到不得分，满分 ${fullText(r.points !== undefined ? r.points * r.items : undefined, w)}`,
  notation: (r) => `checklist:${r.items}${r.points !== undefined ? `×${pts(r.points)}` : ''}`,
};
