import { finding } from '../findings';
import type { Check } from '../pipeline';

/**
 * A merge that overlaps an earlier one (a duplicated `<mergeCell>`, which Excel repairs on
 * opening) is dropped by the sheet model, the first one winning; one info finding per sheet says
 * which, so the repair is never silent.
 */
export const mergeOverlapCheck: Check = {
  name: 'merge-overlap',
  run: (ctx) =>
    ctx.workbook.sheets
      .filter((s) => s.overlappingMerges.length > 0)
      .map((s) => {
        const [first, ...rest] = s.overlappingMerges;
        const cell = first.split(':')[0].replace(/\$/g, '');
        return finding({
          code: 'file-repaired',
          sheet: s.name,
          cell,
          message: `合并区域 ${s.overlappingMerges.join('、')} 与前面的合并区域重叠（Excel 打开时会修复），已忽略，按先出现的合并区域读取`,
          related: rest.map((m) => m.split(':')[0].replace(/\$/g, '')),
        });
      }),
};
