import { readFileSync } from 'fs';
import { join } from 'path';
import { XlsxPort } from '../../src/xlsx/port';

jest.setTimeout(60_000);

// The workbench's port: snapshot reads value, formula and number format; restore puts them back,
// and the downloaded file keeps the restored cells.
test('XlsxPort snapshot and restore round-trip values, formulas and number formats through a download', async () => {
  const sample = readFileSync(join(__dirname, '..', '..', 'assets', 'samples', 'qixia-2021.xlsx'));
  const port = await XlsxPort.fromBytes(new Uint8Array(sample), 'qixia-2021.xlsx');
  const cells = [
    { sheet: '综合评定', cell: 'B4' },
    { sheet: '综合评定', cell: 'B5' },
    { sheet: '没有这个表', cell: 'A1' },
  ];
  const before = await port.snapshot(cells);
  expect(before).toEqual([
    { sheet: '综合评定', cell: 'B4', value: 16.5 },
    { sheet: '综合评定', cell: 'B5', value: 0.9444, numFmt: '0.00%' },
  ]);
  await port.apply(
    [
      { sheet: '综合评定', cell: 'B4', value: 17, formula: 'SUM(得分表!H3:H14)', numFmt: '0.0', purpose: 'subtotal' },
      { sheet: '综合评定', cell: 'B5', value: 0.5, numFmt: '0.0%', purpose: 'rate' },
    ],
    { overwrite: true },
  );
  // The writer gives a format only to a cell that has none (B4); B5 keeps its own 0.00% (issue 14).
  expect(await port.snapshot(cells.slice(0, 2))).toEqual([
    { sheet: '综合评定', cell: 'B4', value: 17, formula: 'SUM(得分表!H3:H14)', numFmt: '0.0' },
    { sheet: '综合评定', cell: 'B5', value: 0.5, numFmt: '0.00%' },
  ]);
  await port.restore(before);
  const reopened = await XlsxPort.fromBytes(await port.toBytes(), 'x.xlsx');
  expect(await reopened.snapshot(cells.slice(0, 2))).toEqual(before);
});
