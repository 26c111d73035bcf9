import type { Sheet } from '../model/sheet';
import { isUnitRow } from '../header';
import { normalizeLabel } from '../text';
import { isTotalLabel } from './rows';

/** Words a table's title carries (`…得分表`, `…评价指标体系`, `…支出明细`). */
const TITLE_WORD = /表|体系|情况|明细|台账|清单|汇总|办法|评价|考核|绩效|附件|附表/;
/** A field label of a form (`单位`, `填报单位：`, `项目名称`): a line of the form, not a title. */
const FIELD_LABEL = /[:：]$|^(单位|填报单位|编制单位|项目名称|主管部门|实施单位|年度|日期)$/;

export interface TitleCell {
  readonly text: string;
  readonly row: number;
  readonly cell: string;
}

/**
 * The title of a table: the row above its header (at most `reach` rows up) that reads as a title —
 * one text, on its own or merged across the table, not a unit row (`单位：万元`) or a form field
 * (`单位`). A row holding several texts or figures is a row of something else (a funds line, the
 * previous table), and the search stops there: then the table has no title rather than a wrong one.
 */
export function titleOf(sheet: Sheet, headerRow: number, reach = 3): TitleCell | undefined {
  for (let row = headerRow - 1; row >= Math.max(1, headerRow - reach); row--) {
    const texts: { text: string; col: number; wide: boolean }[] = [];
    let figures = 0;
    for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) {
      if (!sheet.isMaster(row, col)) continue;
      const v = sheet.value(row, col);
      if (v.kind === 'empty') continue;
      if (v.kind !== 'string') {
        figures++;
        continue;
      }
      const text = v.value.trim();
      if (!text) continue;
      const m = sheet.mergeOf(row, col);
      texts.push({ text, col, wide: !!m && m.right - m.left >= 2 });
    }
    if (texts.length === 0 && figures === 0) continue;
    if (texts.length === 1 && figures === 0) {
      const { text, col, wide } = texts[0];
      const norm = normalizeLabel(text);
      if (isUnitRow(text) || FIELD_LABEL.test(norm)) continue;
      if (isTotalLabel(text)) return undefined;
      if (wide || TITLE_WORD.test(norm)) return { text, row, cell: sheet.addr(row, col) };
      continue;
    }
    // `附件4：` beside a title, or a unit beside it (`单位：万元` at the right end).
    const rest = texts.filter((t) => !isUnitRow(t.text) && !FIELD_LABEL.test(normalizeLabel(t.text)));
    if (rest.length === 0 && figures === 0) continue; // `填报单位： … 单位：万元`
    if (rest.length === 1 && figures === 0 && (rest[0].wide || TITLE_WORD.test(normalizeLabel(rest[0].text))))
      return { text: rest[0].text, row, cell: sheet.addr(row, rest[0].col) };
    return undefined;
  }
  return undefined;
}
