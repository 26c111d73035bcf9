import fc from 'fast-check';
import { serialOfIso } from '../../src/engine/format';
import { readXlsxBytes } from '../../src/xlsx/read';
import { XlsxEditor } from '../../src/xlsx/write';
import { buildXlsx, stylesXml } from '../helpers/xlsx';

/**
 * Issue 20: a date jixiao writes reads back as the same date, in both date systems. The writer stores
 * a serial day and a date format (as Excel does); the reader turns it back into the ISO day through the
 * engine's one date rule, honouring the workbook's 1904 flag. Days from 1900-03-01 (Excel's phantom
 * 1900-02-29 lies before) to 2099-12-31.
 */
const FIRST = Date.UTC(1900, 2, 1);
const LAST = Date.UTC(2099, 11, 31);
const isoDay = fc
  .integer({ min: 0, max: (LAST - FIRST) / 86_400_000 })
  .map((d) => new Date(FIRST + d * 86_400_000).toISOString().slice(0, 10));

/** An empty 台账 in a workbook of the given date system, with one date-formatted style to start from. */
function emptyLedger(date1904: boolean): Uint8Array {
  return buildXlsx({
    ...(date1904 ? { workbookPr: '<workbookPr date1904="1"/>' } : {}),
    sheets: [{ name: '台账', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c></row>' }],
    styles: stylesXml([0]),
  });
}

test.each([false, true])('a day written by the writer reads back as the same day (1904 system: %s)', (date1904) => {
  const base = emptyLedger(date1904);
  fc.assert(
    fc.property(isoDay, fc.constantFrom('yyyy-mm-dd', 'yyyy"年"m"月"d"日"', 'm/d/yy'), (iso, numFmt) => {
      const serial = serialOfIso(iso)! - (date1904 ? 1462 : 0);
      if (serial < 1) return; // before the 1904 system's first day
      const editor = XlsxEditor.open(base);
      const { written } = editor.applyPatches([{ sheet: '台账', cell: 'A2', value: serial, numFmt, purpose: 'note' }]);
      expect(written).toHaveLength(1);
      const read = readXlsxBytes(editor.toBytes(), 't.xlsx');
      expect(read.date1904).toBe(date1904);
      expect(read.input.sheets[0].grid!.values[2]![1]).toEqual({ kind: 'date', value: iso });
    }),
    { seed: 2020, numRuns: 200 },
  );
});
