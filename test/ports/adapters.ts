import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { WorkbookPort } from '../../src/engine/port';
import { sheetCells, type WorkbookInput } from '../../src/engine/model/sheet';
import { ExcelPort } from '../../src/excel/port';
import { XlsxPort } from '../../src/xlsx/port';
import type { XlsxEditor } from '../../src/xlsx/write';
import { WpsPort, bgrToHex, hexToBgr } from '../../src/wps/port';
import { XL_NONE, XL_PATTERN_SOLID } from '../../src/wps/api';
import { FakeExcel, FakeSettings, NO_FILL } from '../excel/fakeExcel';
import { FakeWps } from '../wps/fakeWps';
import { SAMPLES_DIR, loadSample, type SampleFile } from '../helpers/fixtures';

/**
 * The three hosts behind one interface, for the port contract: Excel (FakeExcel over
 * office-addin-mock), an .xlsx file (exceljs) and WPS 表格 (a fake `Application`). Besides the port,
 * each harness can look at and change a cell's fill the way a user would (the port has no call for
 * that), and make a sheet protected. Everything else the contract does goes through WorkbookPort.
 */
export interface Harness {
  readonly port: WorkbookPort;
  /** The cell's fill as #RRGGBB, or null for none. */
  fill(sheet: string, cell: string): Promise<string | null>;
  /** The user fills a cell (null: removes the fill). */
  setFill(sheet: string, cell: string, hex: string | null): Promise<void>;
}

export interface Adapter {
  readonly name: string;
  /** A host holding the workbook as the .xlsx reader read it. */
  fromInput(input: WorkbookInput): Promise<Harness>;
  /** A host holding a bundled sample workbook. */
  fromSample(file: SampleFile): Promise<Harness>;
}

const excel: Adapter = {
  name: 'ExcelPort',
  async fromInput(input) {
    const x = FakeExcel.fromInput(input);
    const port = new ExcelPort({
      run: x.run,
      settings: new FakeSettings(),
      isSetSupported: () => true,
      workbookName: input.name,
    });
    return {
      port,
      async fill(sheet, cell) {
        const f = x.sheet(sheet).at(cell)?.fill;
        return f && f.pattern !== 'None' ? f.color.toUpperCase() : null;
      },
      async setFill(sheet, cell, hex) {
        const s = x.sheet(sheet);
        const { top, left } = parseCell(cell);
        const c = s.cellOrNew(top, left);
        if (hex === null) delete c.fill;
        else c.fill = { ...NO_FILL, color: hex.toUpperCase(), pattern: 'Solid' };
      },
    };
  },
  async fromSample(file) {
    return this.fromInput(await loadSample(file));
  },
};

const xlsx: Adapter = {
  name: 'XlsxPort',
  async fromInput(input) {
    const bytes = await exceljsBytes(input);
    return xlsxHarness(await XlsxPort.fromBytes(bytes, input.name));
  },
  async fromSample(file) {
    return xlsxHarness(await XlsxPort.fromBytes(new Uint8Array(readFileSync(join(SAMPLES_DIR, file))), file));
  },
};

function xlsxHarness(port: XlsxPort): Harness {
  return {
    port,
    async fill(sheet, cell) {
      // As a user would see it: the file the port would save, opened again.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await port.toBytes()) as unknown as ArrayBuffer);
      const f = wb.getWorksheet(sheet)?.getCell(cell).fill;
      if (!f || f.type !== 'pattern' || f.pattern === 'none') return null;
      const argb = f.fgColor?.argb;
      return argb ? `#${argb.slice(-6).toUpperCase()}` : null;
    },
    async setFill(sheet, cell, hex) {
      // As a user filling the cell in Excel: the file's own style changes, outside jixiao's marks.
      (port as unknown as { editor: XlsxEditor }).editor.fillCell(sheet, cell, hex);
    },
  };
}

const wps: Adapter = {
  name: 'WpsPort',
  async fromInput(input) {
    const x = FakeWps.fromInput(input);
    x.workbookName = input.name;
    return {
      port: new WpsPort(x.application()),
      async fill(sheet, cell) {
        const f = x.sheet(sheet).at(cell)?.fill;
        return f && f.pattern !== XL_NONE ? bgrToHex(f.color) : null;
      },
      async setFill(sheet, cell, hex) {
        const { top, left } = parseCell(cell);
        const c = x.sheet(sheet).cell(top, left);
        if (hex === null) delete c.fill;
        else c.fill = { color: hexToBgr(hex), pattern: XL_PATTERN_SOLID };
      },
    };
  },
  async fromSample(file) {
    return this.fromInput(await loadSample(file));
  },
};

export const ADAPTERS: readonly Adapter[] = [excel, xlsx, wps];

function parseCell(a1: string): { top: number; left: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1.toUpperCase())!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { top: Number(m[2]), left: col };
}

/** A WorkbookInput as an .xlsx file (values, formulas with their results, formats, dates, merges). */
export async function exceljsBytes(input: WorkbookInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of input.sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const c of sheetCells(s)) {
      const cell = ws.getCell(c.row, c.col);
      const v = c.value;
      const plain =
        v.kind === 'date'
          ? new Date(`${v.value}T00:00:00Z`)
          : v.kind === 'empty'
            ? null
            : v.kind === 'error'
              ? { error: v.value }
              : v.value;
      cell.value = (c.formula ? { formula: c.formula, result: plain ?? undefined } : plain) as ExcelJS.CellValue;
      if (c.numFmt) cell.numFmt = c.numFmt;
      else if (v.kind === 'date') cell.numFmt = 'yyyy-mm-dd';
    }
    for (const m of s.merges) ws.mergeCells(m);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
