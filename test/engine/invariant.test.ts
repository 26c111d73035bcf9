import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import { analyzeWorkbook } from '../../src/engine/analyze';
import { parseA1 } from '../../src/engine/model/address';
import { sheetCells, withCells, type WorkbookInput } from '../../src/engine/model/sheet';
import { currentCellsOf, planWrites } from '../../src/engine/patch';
import { planWorkbookScores } from '../../src/engine/score';
import { readWorkbookBytes } from '../../src/xlsx/read';
import { SAMPLES_DIR } from '../helpers/fixtures';
import { gridSheet, type GridValue } from '../helpers/grid';
import { scoreInMemory } from '../helpers/roundtrip';

/**
 * The invariant of issue 17, which would have caught both bugs it reports: after scoring, checking the
 * scored workbook reports nothing on any cell the scorer wrote (nor on a sheet it added), and scoring it
 * again plans no write. Run on every sample, every real-world form (copied from ../shared/realworld into
 * test/fixtures/invariant), each also with every cell the scorer proposes emptied first (as before anyone
 * scored it), and on generated score tables. Both with and without overwrite.
 */
function violations(input: WorkbookInput, overwrite: boolean, settings?: unknown): string[] {
  const run = scoreInMemory(input, settings, overwrite);
  const wrote = new Set(run.written.map((p) => `${p.sheet}!${p.cell}`));
  const ours = new Set(run.newSheets.map((n) => n.name));
  const out = analyzeWorkbook(run.input, settings)
    // `table-not-found` says a sheet holds no table the checker reads (a 分单位得分 sheet the scorer adds is
    // one), not that a figure jixiao wrote is wrong: it is no disagreement between scorer and checker.
    .findings.filter((f) => wrote.has(`${f.sheet}!${f.cell}`) || (ours.has(f.sheet) && f.code !== 'table-not-found'))
    .map((f) => `check after score: ${f.code} ${f.sheet}!${f.cell} ${f.message}`);
  const again = planWorkbookScores(run.input, settings);
  const writes = planWrites(again.patches, currentCellsOf(run.input), overwrite).toWrite;
  out.push(...writes.map((p) => `score again writes ${p.sheet}!${p.cell}: ${p.old ?? '（空）'} → ${p.value}`));
  for (const ns of again.newSheets) {
    const before = run.newSheets.find((n) => n.name === ns.name);
    if (!before) out.push(`score again adds another sheet ${ns.name}`);
    else if (JSON.stringify(before.rows) !== JSON.stringify(ns.rows)) out.push(`score again changes sheet ${ns.name}`);
  }
  return out;
}

/**
 * The other half of "one decision": the scorer changes no figure the checker accepts. Each cell it would
 * change (a non-empty cell given another value) must be one the checker reports (or names as related),
 * or a figure derived on the same sheet from a score the scorer also fills or changes (a 等级 after its 合计).
 */
function needlessChanges(input: WorkbookInput, settings?: unknown): string[] {
  const flagged = new Set<string>();
  for (const f of analyzeWorkbook(input, settings).findings) {
    flagged.add(`${f.sheet}!${f.cell}`);
    for (const r of f.related) flagged.add(r.includes('!') ? r.replace(/'/g, '') : `${f.sheet}!${r}`);
  }
  const plan = planWorkbookScores(input, settings);
  const writes = planWrites(plan.patches, currentCellsOf(input), true).toWrite;
  const changes = writes.filter((p) => p.old !== undefined && p.old !== '');
  const upstream = (p: (typeof changes)[number]) =>
    ['rate', 'total', 'subtotal', 'grade'].includes(p.purpose) &&
    writes.some((q) => q !== p && q.sheet === p.sheet && ['score', 'subtotal', 'total'].includes(q.purpose));
  return changes
    .filter((p) => !flagged.has(`${p.sheet}!${p.cell}`) && !upstream(p))
    .map((p) => `score changes ${p.sheet}!${p.cell} ${p.old} → ${p.value}, which check accepts`);
}

/** The workbook as before anyone scored it: every cell the scorer would write, emptied (formulas included). */
function unscored(input: WorkbookInput): WorkbookInput {
  const plan = planWorkbookScores(input);
  const drop = new Map<string, Set<string>>();
  for (const p of plan.patches) {
    const { row, col } = parseA1(p.cell);
    if (!drop.has(p.sheet)) drop.set(p.sheet, new Set());
    drop.get(p.sheet)!.add(`${row}:${col}`);
  }
  return {
    ...input,
    sheets: input.sheets.map((s) => {
      const cells = drop.get(s.name);
      return cells
        ? withCells(
            s,
            sheetCells(s).filter((c) => !cells.has(`${c.row}:${c.col}`)),
          )
        : s;
    }),
  };
}

const INVARIANT_DIR = join(__dirname, '..', 'fixtures', 'invariant');
const files = [
  ...readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => join(SAMPLES_DIR, f)),
  ...readdirSync(INVARIANT_DIR)
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => join(INVARIANT_DIR, f)),
];

describe.each(files)('%s', (file) => {
  let input: WorkbookInput;
  beforeAll(async () => {
    input = await readWorkbookBytes(new Uint8Array(readFileSync(file)), file);
  });

  test.each([false, true])(
    'as it is (overwrite %s): check after score agrees, score again writes nothing',
    (overwrite) => {
      expect(violations(input, overwrite)).toEqual([]);
    },
  );

  test('score changes nothing that check accepts', () => {
    expect(needlessChanges(input)).toEqual([]);
  });

  test.each([false, true])('every proposed cell emptied first (overwrite %s)', (overwrite) => {
    const blank = unscored(input);
    expect(violations(blank, overwrite)).toEqual([]);
  });
});

test('the file list is not empty: 5 samples and the real-world copies', () => {
  expect(files.length).toBeGreaterThanOrEqual(13);
});

// ---------------------------------------------------------------------------------------------
// Generated score tables: levels, weights (whole and half points), scores with up to three decimals,
// 得分率 columns holding right, wrong, unrounded or no rates, a 合计 row printing or declaring the total
// (so tables out of 70 or 15 as well as 100), grades right, wrong or missing, and settings with other
// places, rate formats and grade bands.

interface Leaf {
  readonly weight: number;
  readonly score: number | null;
}
interface TableSpec {
  readonly roots: readonly { readonly leaves: readonly Leaf[] }[];
  readonly rateCol: 'none' | 'empty' | 'right' | 'unrounded' | 'wrong';
  readonly total: 'none' | 'row' | 'row-with-weight' | 'declared';
  readonly totalScore: 'empty' | 'sum' | 'wrong';
  readonly grade: 'none' | 'empty' | 'right' | 'wrong';
  readonly summary: boolean;
}

const leafArb: fc.Arbitrary<Leaf> = fc
  .record({
    weight: fc.integer({ min: 1, max: 40 }).map((w) => w / 2),
    share: fc.integer({ min: 0, max: 1000 }),
    blank: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  })
  .map(({ weight, share, blank }) => ({
    weight,
    score: blank ? null : Math.round(((weight * share) / 1000) * 1000) / 1000,
  }));

const tableArb: fc.Arbitrary<TableSpec> = fc.record({
  roots: fc.array(fc.record({ leaves: fc.array(leafArb, { minLength: 1, maxLength: 3 }) }), {
    minLength: 1,
    maxLength: 4,
  }),
  rateCol: fc.constantFrom('none' as const, 'empty' as const, 'right' as const, 'unrounded' as const, 'wrong' as const),
  total: fc.constantFrom('none' as const, 'row' as const, 'row-with-weight' as const, 'declared' as const),
  totalScore: fc.constantFrom('empty' as const, 'sum' as const, 'wrong' as const),
  grade: fc.constantFrom('none' as const, 'empty' as const, 'right' as const, 'wrong' as const),
  summary: fc.boolean(),
});

const settingsArb = fc.constantFrom<unknown>(
  undefined,
  { scorePlaces: 1 },
  { rateFormat: '0.0%' },
  {
    grades: [
      { grade: 'A', min: 85 },
      { grade: 'B', min: 70 },
      { grade: 'C', min: 0 },
    ],
  },
);

function generated(spec: TableSpec): WorkbookInput {
  const weights = spec.roots.map((r) => r.leaves.reduce((a, l) => a + l.weight, 0));
  const points = weights.reduce((a, w) => a + w, 0);
  const header: GridValue[] = [
    '一级指标',
    '二级指标',
    spec.total === 'declared' ? `分值（${points}分）` : '分值',
    '得分',
  ];
  if (spec.rateCol !== 'none') header.push('得分率');
  const gradeCol = spec.grade !== 'none';
  if (gradeCol) header.push('等级');
  const rows: GridValue[][] = [header];
  const merges: string[] = [];
  let sum = 0;
  spec.roots.forEach((root, i) => {
    const top = rows.length + 1;
    root.leaves.forEach((leaf, j) => {
      const rate: GridValue =
        spec.rateCol === 'none'
          ? undefined
          : spec.rateCol === 'empty' || leaf.score === null
            ? null
            : {
                v:
                  spec.rateCol === 'right'
                    ? Math.round((leaf.score / leaf.weight) * 10000) / 10000
                    : spec.rateCol === 'unrounded'
                      ? leaf.score / leaf.weight
                      : Math.round((leaf.score / leaf.weight) * 10000) / 10000 + 0.05,
                fmt: '0.00%',
              };
      const row: GridValue[] = [`一级${i + 1}（${weights[i]}分）`, `指标${i + 1}-${j + 1}`, leaf.weight, leaf.score];
      if (spec.rateCol !== 'none') row.push(rate);
      if (gradeCol) row.push(null);
      rows.push(row);
      sum += leaf.score ?? 0;
    });
    if (root.leaves.length > 1) merges.push(`A${top}:A${rows.length}`);
  });
  if (spec.total !== 'none') {
    const complete = spec.roots.every((r) => r.leaves.every((l) => l.score !== null));
    const total =
      spec.totalScore === 'empty' || !complete
        ? null
        : spec.totalScore === 'sum'
          ? Math.round(sum * 1000) / 1000
          : Math.round(sum * 1000) / 1000 + 1;
    const row: GridValue[] = ['合计', null, spec.total === 'row-with-weight' ? points : null, total];
    if (spec.rateCol !== 'none') row.push(null);
    if (gradeCol) row.push(spec.grade === 'empty' ? null : spec.grade === 'right' ? '良' : '差');
    rows.push(row);
  }
  const sheets = [gridSheet('得分表', rows, merges)];
  if (spec.summary && spec.roots.length >= 2) {
    const summaryRows: GridValue[][] = [['指标', '分值', '得分', '得分率']];
    spec.roots.forEach((_, i) => summaryRows.push([`一级${i + 1}`, weights[i], null, null]));
    summaryRows.push(['合计', points, null, null]);
    summaryRows.push(['等级', null, null, null]);
    sheets.push(gridSheet('综合评定', summaryRows));
  }
  return { name: 'generated.xlsx', sheets };
}

test('generated score tables: check after score agrees and score again writes nothing (fixed seed, 150 runs)', () => {
  fc.assert(
    fc.property(tableArb, settingsArb, fc.boolean(), (spec, settings, overwrite) => {
      const input = generated(spec);
      expect(violations(input, overwrite, settings)).toEqual([]);
      expect(needlessChanges(input, settings)).toEqual([]);
    }),
    { seed: 1717, numRuns: 150, interruptAfterTimeLimit: 60_000 },
  );
});
