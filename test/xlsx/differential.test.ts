import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { sheetCells, type WorkbookInput } from '../../src/engine/model/sheet';
import { readXlsxBytes } from '../../src/xlsx/read';
import { DIFFERENCES, ORACLE_FAILS, workbookInputFromExcelJs } from '../helpers/exceljs-oracle';
import { SAMPLES_DIR, SAMPLE_FILES } from '../helpers/fixtures';

/**
 * jixiao's reader against exceljs (kept as the oracle): every sample, every write-safety and
 * dialect workbook exceljs can read, and generated workbooks give the same sheets, cells (value,
 * formula, number format) and merges. Where the two differ, exceljs is the one that is wrong, and
 * each such kind is named below with why (DIFFERENCES); nothing else may differ.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');

async function viaExcelJs(bytes: Uint8Array): Promise<WorkbookInput | undefined> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    return undefined; // exceljs refuses the file (a dialect it does not read): nothing to compare
  }
  return workbookInputFromExcelJs(wb, 'x');
}

type Cell = string;

function cellsOf(input: WorkbookInput): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const s of input.sheets)
    for (const c of sheetCells(s)) {
      if (c.value.kind === 'empty' && !c.formula) continue;
      // exceljs drops the `\` of escaped characters in format codes (LibreOffice's `yyyy\-mm\-dd`);
      // jixiao keeps the code as written, which shows the same
      out.set(
        `${s.name}!${c.row},${c.col}`,
        JSON.stringify([c.value, c.formula ?? null, c.numFmt?.replace(/\\(.)/g, '$1') ?? null]),
      );
    }
  return out;
}

function mergesOf(input: WorkbookInput): string[] {
  return input.sheets.flatMap((s) => s.merges.map((m) => `${s.name}!${m}`)).sort();
}

async function compare(file: string, bytes: Uint8Array): Promise<string[]> {
  const oracle = await viaExcelJs(bytes);
  // exceljs finds no sheet behind `\` zip paths (WPS): nothing to compare with
  if (!oracle || oracle.sheets.length === 0) return [];
  const ours = readXlsxBytes(bytes, file).input;
  const problems: string[] = [];
  expect(ours.sheets.map((s) => s.name)).toEqual(oracle.sheets.map((s) => s.name));
  expect(mergesOf(ours)).toEqual(mergesOf(oracle));
  const a = cellsOf(ours);
  const b = cellsOf(oracle);
  const allowed = DIFFERENCES[file];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) === b.get(key)) continue;
    if (allowed?.cells.test(key)) continue;
    problems.push(`${key}: jixiao ${a.get(key) ?? '—'} exceljs ${b.get(key) ?? '—'}`);
  }
  return problems;
}

const dirFiles = (dir: string) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.xlsx') && !ORACLE_FAILS[f])
    .sort();

jest.setTimeout(60_000);

describe('same grid, formulas, formats and merges as exceljs', () => {
  test.each([...SAMPLE_FILES])('sample %s', async (f) => {
    expect(await compare(f, new Uint8Array(readFileSync(join(SAMPLES_DIR, f))))).toEqual([]);
  });
  test.each(dirFiles('write-safety'))('write-safety %s', async (f) => {
    expect(await compare(f, new Uint8Array(readFileSync(join(FIXTURES, 'write-safety', f))))).toEqual([]);
  });
  test.each(dirFiles('dialects'))('dialect %s', async (f) => {
    expect(await compare(f, new Uint8Array(readFileSync(join(FIXTURES, 'dialects', f))))).toEqual([]);
  });
});

/**
 * Generated workbooks, written by exceljs itself: every kind of value a budget workbook holds,
 * in sheets of varying shape, with merges, formats (dates among them), formulas with and without
 * cached results, errors, rich text and hyperlinks.
 */
async function generated(seed: number): Promise<Uint8Array> {
  let x = seed;
  const rand = (n: number) => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
  const wb = new ExcelJS.Workbook();
  for (let s = 0; s < 1 + rand(3); s++) {
    const ws = wb.addWorksheet(`表${s + 1}`);
    const rows = 5 + rand(60);
    const cols = 2 + rand(8);
    for (let r = 1; r <= rows; r++)
      for (let c = 1; c <= cols; c++) {
        const cell = ws.getCell(r, c);
        switch (rand(10)) {
          case 0:
            cell.value = `项目${rand(50)}`;
            break;
          case 1:
            cell.value = rand(100000) / 100;
            cell.numFmt = ['0.00', '#,##0.00', '0.00%', '0.0"分"'][rand(4)];
            break;
          case 2:
            cell.value = new Date(Date.UTC(2015 + rand(10), rand(12), 1 + rand(28)));
            cell.numFmt = ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', 'm/d/yy'][rand(3)];
            break;
          case 3:
            cell.value = { formula: `A${r}*2`, result: rand(100) } as ExcelJS.CellFormulaValue;
            break;
          case 4:
            cell.value = { error: ['#REF!', '#DIV/0!', '#N/A'][rand(3)] } as ExcelJS.CellErrorValue;
            break;
          case 5:
            cell.value = rand(2) === 0;
            break;
          case 6:
            cell.value = { richText: [{ text: '合' }, { text: '计', font: { bold: true } }] };
            break;
          case 7:
            cell.value = rand(1000);
            break;
          default:
            break;
        }
      }
    for (let m = 0; m < rand(4); m++) {
      const top = 1 + m * 3;
      if (top + 1 <= rows) ws.mergeCells(top, 1, top + 1, 1);
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test.each([1, 2, 3, 4, 5, 6])('generated workbook %i', async (seed) => {
  expect(await compare(`generated-${seed}.xlsx`, await generated(seed))).toEqual([]);
});
