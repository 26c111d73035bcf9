import { readFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { gridView } from '../../src/workbench/grid';
import { SAMPLES_DIR } from '../helpers/fixtures';

async function sample(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(SAMPLES_DIR, file)) as never);
  return wb;
}

const cellOf = (view: ReturnType<typeof gridView>, a1: string) =>
  view.rows.flatMap((r) => r.cells).find((c) => c.address === a1);

describe('gridView: a sheet drawn as Excel shows it', () => {
  it('综合评定 of qixia-2021: the merged title spans A1:F1, rates show as percentages, numbers align right', async () => {
    const view = gridView((await sample('qixia-2021.xlsx')).getWorksheet('综合评定')!);
    expect(cellOf(view, 'A1')).toMatchObject({ text: '表2：综合评定得分表', colSpan: 6, rowSpan: 1 });
    expect(cellOf(view, 'B1')).toBeUndefined();
    expect(cellOf(view, 'B5')).toMatchObject({ text: '94.44%', align: 'right' });
    expect(cellOf(view, 'B4')).toMatchObject({ text: '16.5', align: 'right' });
    expect(cellOf(view, 'A4')).toMatchObject({ text: '综合评定得分', align: 'left' });
    expect(view.columns.map((c) => c.letter)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('拨付台账 dates show in the cell’s date format', async () => {
    const view = gridView((await sample('qixia-2021.xlsx')).getWorksheet('拨付台账')!);
    const texts = view.rows.flatMap((r) => r.cells.map((c) => c.text));
    expect(texts).toContain('2021-06-23');
  });

  it('draws at most maxRows rows, says how many more there are, and leaves hidden rows out', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    for (let r = 1; r <= 50; r++) ws.getCell(r, 1).value = r;
    ws.getRow(3).hidden = true;
    ws.mergeCells('B1:C40');
    const view = gridView(ws, 20);
    expect(view.rows.map((r) => r.row)).not.toContain(3);
    expect(view.rows.at(-1)!.row).toBe(20);
    expect(view.moreRows).toBe(30);
    // A merge taller than what is drawn is clipped to it, and spans only the rows drawn.
    expect(cellOf(view, 'B1')).toMatchObject({ rowSpan: 19, colSpan: 2 });
  });

  it('shows jixiao’s marks as the cell’s fill', async () => {
    const wb = await sample('qixia-2021.xlsx');
    const ws = wb.getWorksheet('预算资金')!;
    const c16 = ws.getCell('C16');
    c16.style = { ...c16.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } };
    expect(cellOf(gridView(ws), 'C16')).toMatchObject({ fill: '#FFC7CE', text: '89.013' });
  });
});
