import fc from 'fast-check';
import { analyzeSafely, findingKeys } from './invariants';
import { parseRule } from '../../src/engine/rules/parse';
import { parseNotation } from '../../src/engine/rules/notation';
import { planWorkbookScores } from '../../src/engine/score';
import { planWrites, type CellPatch, type CurrentCell } from '../../src/engine/patch';
import { parseA1, toA1 } from '../../src/engine/model/address';
import { sheetCells, withCells, type WorkbookInput } from '../../src/engine/model/sheet';
import { noisyWorkbook, randomSheet, indicatorSheet, indicatorTree, placement, applyNoise, noise } from './arbitraries';
import { Sheet } from '../../src/engine/model/sheet';
import ExcelJS from 'exceljs';
import { XlsxEditor } from '../../src/xlsx/write';

/**
 * Whatever colleagues send: the engine returns tables and findings, never an exception, and no
 * detector or check throws inside it (that would land in internalErrors).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
// CI runs a fixed seed so a red build can be replayed; FUZZ_SEED=<n> explores others.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261125) });

test('random sheets: analyzeWorkbook never throws and reports no internal error', () => {
  fc.assert(
    fc.property(fc.array(randomSheet, { minLength: 0, maxLength: 3 }), (sheets) => {
      analyzeSafely({ name: 'random.xlsx', sheets });
    }),
    { numRuns: RUNS },
  );
});

test('recognisable tables salted with text numbers, placeholders, errors, dates, long cells and odd merges', () => {
  fc.assert(
    fc.property(noisyWorkbook, (wb) => {
      analyzeSafely(wb);
    }),
    { numRuns: RUNS },
  );
});

test('a noisy score sheet is still found as an indicator table or reported table-not-found', () => {
  fc.assert(
    fc.property(indicatorTree, placement, noise, (tree, p, ops) => {
      const sheet = applyNoise(indicatorSheet('得分表', tree, p).sheet, ops);
      const a = analyzeSafely({ name: 'n.xlsx', sheets: [sheet] });
      const found = a.tables.some((t) => t.sheet === '得分表');
      const notFound = a.findings.some((f) => f.code === 'table-not-found' && f.sheet === '得分表');
      expect(found !== notFound).toBe(true);
    }),
    { numRuns: RUNS },
  );
});

test('a clean generated score sheet is recognised, with empty rows, empty columns and hidden rows inside', () => {
  fc.assert(
    fc.property(indicatorTree, placement, (tree, p) => {
      const { sheet } = indicatorSheet('得分表', tree, p);
      const a = analyzeSafely({ name: 'clean.xlsx', sheets: [sheet] });
      expect(a.tables.map((t) => t.kind)).toContain('indicator');
    }),
    { numRuns: RUNS },
  );
});

test('an empty workbook and empty sheets give table-not-found only', () => {
  expect(analyzeSafely({ name: 'e.xlsx', sheets: [] }).findings).toEqual([]);
  const a = analyzeSafely({
    name: 'e.xlsx',
    sheets: [
      { name: 'Sheet1', cells: [], merges: [] },
      { name: 'Sheet2', cells: [], merges: ['A1:C3'] },
    ],
  });
  expect(a.findings.map((f) => `${f.sheet}!${f.cell} ${f.code}`)).toEqual([
    'Sheet1!A1 table-not-found',
    'Sheet2!A1 table-not-found',
  ]);
});

test('cells at row 0, negative or fractional positions are ignored, not fatal', () => {
  const a = analyzeSafely({
    name: 'odd.xlsx',
    sheets: [
      {
        name: 'S',
        cells: [
          { row: 0, col: 1, value: { kind: 'string', value: '一级指标' } },
          { row: -3, col: 2, value: { kind: 'number', value: 1 } },
          { row: 2.5, col: 1, value: { kind: 'string', value: '分值' } },
        ],
        merges: [],
      },
    ],
  });
  expect(a.tables).toEqual([]);
});

test('a whole-column merge (A1:A1048576, what selecting column A and merging does) is cut at the data, and the table still found', () => {
  const { sheet } = indicatorSheet(
    '得分表',
    [{ name: '决策', children: [[{ name: '资金到位率', weight: 3, score: 2, note: '' }]] }],
    {
      top: 1,
      left: 2,
      gapRows: [],
      gapCols: [],
      hidden: [],
    },
  );
  const input = { ...sheet, merges: [...sheet.merges, 'A1:A1048576', 'XFD1:XFD9'] };
  // Bounded by the data, not by Excel's last row: nothing walks a million empty rows.
  const view = new Sheet(input);
  expect(view.maxRow).toBeLessThan(100);
  expect(view.maxCol).toBeLessThan(100);
  const a = analyzeSafely({ name: 'col.xlsx', sheets: [input] });
  expect(a.tables.map((t) => t.kind)).toContain('indicator');
});

test("a stray value at XFD1048576, a merge of the whole grid and cells past Excel's last row do not make detection walk the grid", () => {
  const { sheet } = indicatorSheet(
    '得分表',
    [{ name: '决策', children: [[{ name: '资金到位率', weight: 3, score: 2, note: '' }]] }],
    {
      top: 1,
      left: 2,
      gapRows: [],
      gapCols: [],
      hidden: [],
    },
  );
  const stray = { row: 1_048_576, col: 16_384, value: { kind: 'string' as const, value: 'x' } };
  const beyond = [
    { row: 5_000_000, col: 3, value: { kind: 'string' as const, value: '一级指标' } },
    { row: 3, col: 99_999_999, value: { kind: 'number' as const, value: 1 } },
  ];
  const input = {
    ...withCells(sheet, [...sheetCells(sheet), stray, ...beyond]),
    merges: ['J1:XFD1048576', ...sheet.merges],
  };
  const view = new Sheet(input);
  expect(view.maxRow).toBe(1_048_576); // the stray value is data: kept, and its row and column end there
  expect(view.lastColIn(1_048_576)).toBe(16_384);
  expect(view.lastColIn(500_000)).toBe(0); // the rows between are empty: scans along them stop at once
  expect(view.lastRowIn(3)).toBeLessThan(10);
  const started = Date.now();
  const a = analyzeSafely({ name: 'far.xlsx', sheets: [input] });
  // Walking maxRow × maxCol took hours; reading the data takes well under a second.
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(a.tables.map((t) => `${t.kind} ${t.range}`)).toEqual(['indicator B1:G3']);
});

test('reversed and single-cell merges: a single cell is not a merge, reversed corners are normalised', () => {
  const s = new Sheet({
    name: 'S',
    cells: [{ row: 3, col: 2, value: { kind: 'number', value: 7 } }],
    merges: ['B3:B3', 'B5:A4'],
  });
  expect(s.mergeOf(3, 2)).toBeUndefined();
  expect(s.value(5, 2)).toEqual({ kind: 'empty' });
  expect(s.addr(5, 2)).toBe('A4');
});

test('the 评价标准 parser and the override notation never throw, on rule-like text and on anything', () => {
  const ruleish = fc
    .array(
      fc.constantFrom(
        '每',
        '低于',
        '高于',
        '扣',
        '得',
        '分',
        '0.5',
        '1',
        '%',
        '个',
        '项',
        '满分',
        '不得分',
        '（',
        '）',
        '≥',
        '≤',
        '；',
        '，',
        '完成率',
        '=',
        '×',
        '/',
        '-',
        '１２',
        '\n',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(
      fc.oneof(ruleish, fc.string({ maxLength: 200 }), fc.constantFrom('', ' ', '—', 'x'.repeat(10_000))),
      (text) => {
        const parsed = parseRule(text, { name: '资金到位率' });
        expect(parsed).toBeDefined();
        expect(parseNotation(text)).toBeDefined();
      },
    ),
    { numRuns: RUNS * 4 },
  );
});

test('scoring noisy workbooks never throws; written patches are what a second run agrees with (no new patches)', () => {
  fc.assert(
    fc.property(noisyWorkbook, (wb) => {
      const plan = planWorkbookScores(wb);
      for (const p of plan.patches) expect(Number.isFinite(typeof p.value === 'number' ? p.value : 0)).toBe(true);
      const written = writeInMemory(wb, plan.patches);
      const again = planWorkbookScores(written);
      const current = currentOf(written);
      expect(planWrites(again.patches, current).toWrite).toEqual([]);
    }),
    { numRuns: Math.max(10, Math.round(RUNS / 3)) },
  );
});

test('numbers typed as text (3,180.30, １２, 98.82%, 2.96分, " 16.5 ") give the same findings plus one info finding', () => {
  const asText = (n: number, k: number): string => {
    const plain = String(n);
    return [
      () => ` ${plain} `,
      () => plain.replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
      () => `${plain}分`,
      () => Number(n).toLocaleString('en-US', { maximumFractionDigits: 10 }),
    ][k % 4]();
  };
  fc.assert(
    fc.property(indicatorTree, placement, fc.nat(), (tree, p, k) => {
      const { sheet, numberCells } = indicatorSheet('得分表', tree, p);
      const targets = new Set(numberCells);
      const cells = sheetCells(sheet).map((c, i) =>
        targets.has(toA1(c.row, c.col)) && c.value.kind === 'number'
          ? { ...c, value: { kind: 'string' as const, value: asText(c.value.value, k + i) } }
          : c,
      );
      const plain = analyzeSafely({ name: 'n.xlsx', sheets: [sheet] });
      const typed = analyzeSafely({ name: 't.xlsx', sheets: [withCells(sheet, cells)] });
      expect(findingKeys(typed, ['number-as-text'])).toEqual(findingKeys(plain, ['number-as-text']));
      expect(typed.findings.filter((f) => f.code === 'number-as-text')).toHaveLength(1);
      expect(plain.findings.filter((f) => f.code === 'number-as-text')).toHaveLength(0);
    }),
    { numRuns: RUNS },
  );
});

test('text beginning with = + - @ (a 扣分说明, a 问题清单 message) is written as text, never as a formula', async () => {
  const risky = fc
    .tuple(
      fc.constantFrom('=', '+', '-', '@', '＝', ' ='),
      fc.oneof(
        fc.constantFrom('1+1', 'SUM(A1:A3)', 'HYPERLINK("http://x")', '扣0.5分', "cmd|' /C calc'!A0", ''),
        fc.string({ maxLength: 20 }),
      ),
    )
    .map(([head, tail]) => head + tail);
  await fc.assert(
    fc.asyncProperty(fc.array(risky, { minLength: 1, maxLength: 12 }), async (texts) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('得分表').getCell('A1').value = '得分表';
      const editor = XlsxEditor.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
      const patches: CellPatch[] = texts.map((value, i) => ({
        sheet: '得分表',
        cell: toA1(i + 1, 6),
        value,
        purpose: 'note',
      }));
      expect(editor.applyPatches(patches).written).toHaveLength(texts.length);
      const added = editor.addSheet({ name: '问题清单', rows: [['说明'], ...texts.map((t) => [t])] });
      const again = new ExcelJS.Workbook();
      await again.xlsx.load(Buffer.from(editor.toBytes()) as never);
      const cells = [
        ...texts.map((_, i) => again.getWorksheet('得分表')!.getCell(i + 1, 6)),
        ...texts.map((_, i) => again.getWorksheet(added)!.getCell(i + 2, 1)),
      ];
      expect(cells.map((c) => c.type)).toEqual(cells.map(() => ExcelJS.ValueType.String));
      expect(cells.map((c) => c.value)).toEqual([...texts, ...texts]);
    }),
    { numRuns: Math.max(5, Math.round(RUNS / 10)) },
  );
});

/** Applies patches to a WorkbookInput as a host would (planWrites decides), returning the new input. */
function writeInMemory(wb: WorkbookInput, patches: readonly CellPatch[]): WorkbookInput {
  const { toWrite } = planWrites(patches, currentOf(wb));
  return {
    ...wb,
    sheets: wb.sheets.map((s) => {
      const mine = toWrite.filter((p) => p.sheet === s.name);
      if (!mine.length) return s;
      const at = new Map(mine.map((p) => [p.cell, p]));
      const cells = sheetCells(s).filter((c) => !at.has(toA1(c.row, c.col)));
      for (const p of mine) {
        const { row, col } = parseA1(p.cell);
        cells.push({
          row,
          col,
          value: typeof p.value === 'number' ? { kind: 'number', value: p.value } : { kind: 'string', value: p.value },
          ...(p.numFmt ? { numFmt: p.numFmt } : {}),
        });
      }
      return withCells(s, cells);
    }),
  };
}

function currentOf(wb: WorkbookInput): (sheet: string, cell: string) => CurrentCell {
  return (sheet, a1) => {
    const { row, col } = parseA1(a1);
    const found = wb.sheets.find((s) => s.name === sheet);
    const c = found && sheetCells(found).find((x) => x.row === row && x.col === col);
    if (!c) return {};
    const value = c.value.kind === 'empty' ? undefined : c.value.value;
    return { ...(value !== undefined ? { value } : {}), ...(c.formula ? { formula: c.formula } : {}) };
  };
}
