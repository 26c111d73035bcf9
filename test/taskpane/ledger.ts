import type { WorkbookInput } from '../../src/engine/model/sheet';
import { gridSheet, type GridValue } from '../helpers/grid';

/** A 拨付台账 with `late` 端午 payments made after the festival (2021-06-14) and `onTime` before it. */
export function lateLedger(late: number, onTime = 2): WorkbookInput {
  const rows: GridValue[][] = [
    ['2021年走访慰问资金拨付台账'],
    ['日期', '凭证号', '拨付单位', '收款单位', '摘要', '金额（元）'],
  ];
  for (let i = 0; i < onTime; i++)
    rows.push([{ date: `2021-06-0${i + 1}` }, `记-${100 + i}`, '民政科', `社区${i + 1}`, '端午节走访慰问资金', 1000]);
  for (let i = 0; i < late; i++)
    rows.push([
      { date: `2021-06-${String(15 + (i % 10)).padStart(2, '0')}` },
      `记-${200 + i}`,
      '民政科',
      `村${i + 1}`,
      '端午节走访慰问资金',
      500 + i,
    ]);
  return { name: 'ledger.xlsx', sheets: [gridSheet('拨付台账', rows)] };
}
