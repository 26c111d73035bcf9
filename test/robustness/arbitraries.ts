import fc from 'fast-check';
import type { CellInput, CellValue } from '../../src/engine/model/cell';
import { sheetCells, type SheetInput, type WorkbookInput } from '../../src/engine/model/sheet';
import { columnLetters, toA1 } from '../../src/engine/model/address';

/**
 * Generated workbooks that look like what finance staff receive: real layouts (indicator score
 * sheets, summary tables, budget tables, ledgers) salted with what colleagues type into them.
 */

/** Numbers as people type them into text cells (each one a number a person would read). */
export const TEXT_NUMBERS = [
  '3,180.30',
  '１２',
  '98.82%',
  '2.96分',
  ' 16.5 ',
  '１２.５',
  '0.5',
  '52万元',
  '+3',
  '-1.25',
  '１,０００',
];
export const PLACEHOLDERS = ['—', '/', '无', '-', '／', '——', '不适用', '－'];
export const ERRORS = ['#DIV/0!', '#REF!', '#N/A', '#VALUE!', '#NAME?', '#NUM!', '#NULL!'];
/** Text that looks numeric but is not one number: ranges, targets, prose. */
export const NOT_NUMBERS = [
  '≥90%',
  '3-5万字',
  '1.2.3',
  '100%以上',
  '约50',
  '１２ ３４',
  '1e400',
  '0x1F',
  'NaN',
  'Infinity',
  '.5.',
  '%',
];
export const HEADER_WORDS = [
  '一级指标',
  '二级指标',
  '三级指标',
  '四级指标',
  '名称指标',
  '序号',
  '分值',
  '权重',
  '得分',
  '得分率',
  '扣分说明',
  '评价标准',
  '考核内容',
  '指标解释',
  '标杆值',
  '备注',
  '数据来源',
  '等级',
  '指标',
  '合计',
  '总分',
  '小计',
  '单位名称',
  '预算资金',
  '实际支出',
  '结余资金',
  '执行率',
  '日期',
  '凭证号',
  '付款单位',
  '收款单位',
  '用途',
  '对应节日',
  '金额（万元）',
  '项目名称',
  '年度指标值',
  '实际完成值',
  '偏差原因分析及改进措施',
  '单位：万元',
  '注：',
  '综合评定',
  '效益',
  '效果',
];
export const NAMES_WITH_WEIGHTS = [
  '决策（18分）',
  '投   入（20分）',
  '组织\n领导（10）',
  '资金到位率（3分）',
  '产业项目（6个）完成情况（3分）',
  '过程(22分)',
  '产出（）',
  '效益（分）',
  '（5分）',
];
export const FORMULAS = [
  'SUM(D3:D9)',
  'E3/D3',
  'ROUND(E4/D4,4)',
  'VLOOKUP(A1,Sheet2!A:B,2,0)',
  '#REF!+1',
  'IFERROR(1/0,"—")',
];

const longText = fc.constantFrom('得', '分', '扣', 'a', '（', '\n', ' ', '1').map((ch) => ch.repeat(10_000));
const longMixed = fc.integer({ min: 0, max: 9 }).map((i) => `指标说明${'：扣0.5分，'.repeat(1000 + i)}`);

export const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A finite number a spreadsheet can hold (hosts turn NaN and ±Infinity into #NUM!). */
export const sheetNumber = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 0.1 + 0.2, 1e-300, 5e-324, 9007199254740993, 1e15, 100, 18, 0.9444, 13.64),
);

export const oddValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...TEXT_NUMBERS).map((v) => ({ kind: 'string' as const, value: v })),
  fc.constantFrom(...PLACEHOLDERS).map((v) => ({ kind: 'string' as const, value: v })),
  fc.constantFrom(...ERRORS).map((v) => ({ kind: 'error' as const, value: v })),
  fc.constantFrom(...NOT_NUMBERS).map((v) => ({ kind: 'string' as const, value: v })),
  fc.boolean().map((v) => ({ kind: 'boolean' as const, value: v })),
  isoDate.map((v) => ({ kind: 'date' as const, value: v })),
  fc.constant({ kind: 'date' as const, value: '' }),
  fc.oneof(longText, longMixed).map((v) => ({ kind: 'string' as const, value: v })),
  fc.constant({ kind: 'empty' as const }),
  fc.constant({ kind: 'string' as const, value: '   ' }),
);

export const anyValue: fc.Arbitrary<CellValue> = fc.oneof(
  { arbitrary: oddValue, weight: 3 },
  { arbitrary: sheetNumber.map((v) => ({ kind: 'number' as const, value: v })), weight: 3 },
  {
    arbitrary: fc
      .constantFrom(...HEADER_WORDS, ...NAMES_WITH_WEIGHTS)
      .map((v) => ({ kind: 'string' as const, value: v })),
    weight: 3,
  },
  { arbitrary: fc.string({ maxLength: 12 }).map((v) => ({ kind: 'string' as const, value: v })), weight: 1 },
);

export const numFmt = fc.constantFrom(
  undefined,
  '0.00',
  '0.00%',
  '0%',
  '0.0000%',
  'yyyy-mm-dd',
  '#,##0.00',
  '@',
  'General',
  '0.00_ ;[Red]-0.00 ',
  '"¥"#,##0.00',
  '',
);

/** A cell with sometimes a formula whose cached result is missing (value empty). */
export function cellAt(maxRow: number, maxCol: number): fc.Arbitrary<CellInput> {
  return fc
    .record({
      row: fc.integer({ min: 1, max: maxRow }),
      col: fc.integer({ min: 1, max: maxCol }),
      value: anyValue,
      numFmt,
      formula: fc.option(fc.constantFrom(...FORMULAS), { freq: 6 }),
      uncached: fc.boolean(),
    })
    .map(({ row, col, value, numFmt: f, formula, uncached }) => ({
      row,
      col,
      value: formula && uncached ? { kind: 'empty' as const } : value,
      ...(f !== undefined ? { numFmt: f } : {}),
      ...(formula ? { formula } : {}),
    }));
}

/**
 * Merges as hosts may report them: ordinary blocks, single cells (`B3:B3`), reversed corners,
 * overlapping ones, whole columns, and strings that are not ranges at all.
 */
export function mergeAt(maxRow: number, maxCol: number): fc.Arbitrary<string> {
  const cell = fc.record({ row: fc.integer({ min: 1, max: maxRow }), col: fc.integer({ min: 1, max: maxCol }) });
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(cell, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 }))
        .map(([c, dr, dc]) => `${toA1(c.row, c.col)}:${toA1(c.row + dr, c.col + dc)}`),
      weight: 6,
    },
    { arbitrary: cell.map((c) => `${toA1(c.row, c.col)}:${toA1(c.row, c.col)}`), weight: 1 },
    { arbitrary: cell.map((c) => toA1(c.row, c.col)), weight: 1 },
    { arbitrary: fc.tuple(cell, cell).map(([a, b]) => `${toA1(b.row, b.col)}:${toA1(a.row, a.col)}`), weight: 1 },
    { arbitrary: cell.map((c) => `${columnLetters(c.col)}1:${columnLetters(c.col)}1048576`), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        '',
        'A0:B2',
        'ZZZZ1:A1',
        'A1:',
        ':B2',
        'A1:B2:C3',
        '1:1',
        'A:A',
        'Sheet1!A1:B2',
        '$A$1:$B$3',
        'a1:b2',
      ),
      weight: 1,
    },
  );
}

export const sheetName = fc.oneof(
  fc.constantFrom('得分表', '指标体系', 'Sheet1', "Bob's", 'Sheet 1', '综合评定', '拨付台账', '预算资金', ''),
  fc.string({ minLength: 1, maxLength: 8 }),
);

/** A sheet of random cells and merges: no table is expected, nothing may throw. */
export const randomSheet: fc.Arbitrary<SheetInput> = fc
  .record({ maxRow: fc.integer({ min: 1, max: 40 }), maxCol: fc.integer({ min: 1, max: 12 }) })
  .chain(({ maxRow, maxCol }) =>
    fc.record({
      name: sheetName,
      cells: fc.array(cellAt(maxRow, maxCol), { maxLength: 120 }),
      merges: fc.array(mergeAt(maxRow, maxCol), { maxLength: 12 }),
      hiddenRows: fc.array(fc.integer({ min: 1, max: maxRow }), { maxLength: 5 }),
    }),
  );

// ---------------------------------------------------------------------------------------------
// Layouts that detectors recognise, so that noise reaches the checks and not only the detectors.

export interface Leaf {
  readonly name: string;
  readonly weight: number;
  readonly score: number;
  readonly note: string;
}
export interface Group {
  readonly name: string;
  readonly children: readonly (readonly Leaf[])[];
}

const leafArb: fc.Arbitrary<Leaf> = fc
  .record({
    name: fc.constantFrom(
      '资金到位率',
      '预算执行率',
      '完成及时性',
      '质量达标率',
      '群众满意度',
      '制度完善性',
      '绩效目标合理性',
    ),
    weight: fc.integer({ min: 1, max: 10 }),
    lossHalves: fc.integer({ min: 0, max: 20 }),
    note: fc.constantFrom('', '扣0.5分', '资料不全，扣1分', '—'),
  })
  .map(({ name, weight, lossHalves, note }) => ({ name, weight, score: Math.max(0, weight - lossHalves / 2), note }));

export const indicatorTree: fc.Arbitrary<Group[]> = fc.array(
  fc.record({
    name: fc.constantFrom('决策', '过程', '产出', '效益', '投入'),
    children: fc.array(fc.array(leafArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
  }),
  { minLength: 1, maxLength: 4 },
);

/** Where the table sits and what empty rows/columns and hidden rows it has inside. */
export interface Placement {
  readonly top: number;
  readonly left: number;
  readonly gapRows: readonly number[];
  readonly gapCols: readonly number[];
  readonly hidden: readonly number[];
}

export const placement: fc.Arbitrary<Placement> = fc.record({
  top: fc.integer({ min: 1, max: 5 }),
  left: fc.integer({ min: 1, max: 3 }),
  gapRows: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 3 }),
  gapCols: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 2 }),
  hidden: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 4 }),
});

/** Maps logical (row, col) of a table to sheet cells, skipping gap rows and columns. */
class Layout {
  constructor(private readonly p: Placement) {}
  row(i: number): number {
    let r = this.p.top + i;
    for (const g of [...this.p.gapRows].sort((a, b) => a - b)) if (g > 0 && this.p.top + g <= r) r++;
    return r;
  }
  col(j: number): number {
    let c = this.p.left + j;
    for (const g of [...this.p.gapCols].sort((a, b) => a - b)) if (g > 0 && this.p.left + g <= c) c++;
    return c;
  }
}

/** Collects a generated table's cells through its Layout, noting which hold numbers. */
class SheetBuilder {
  readonly L: Layout;
  readonly cells: CellInput[] = [];
  readonly merges: string[] = [];
  readonly numberCells: string[] = [];
  constructor(private readonly p: Placement) {
    this.L = new Layout(p);
  }
  put(i: number, j: number, value: CellValue, numFmt?: string): void {
    const { L } = this;
    this.cells.push({ row: L.row(i), col: L.col(j), value, ...(numFmt ? { numFmt } : {}) });
    if (value.kind === 'number') this.numberCells.push(toA1(L.row(i), L.col(j)));
  }
  build(name: string): BuiltSheet {
    const { cells, merges, numberCells, p } = this;
    return { sheet: { name, cells, merges, hiddenRows: p.hidden.map((h) => p.top + h) }, numberCells };
  }
}

export interface BuiltSheet {
  readonly sheet: SheetInput;
  /** Cells holding weights and scores as numbers (A1), for number-as-text rewrites. */
  readonly numberCells: readonly string[];
}

/**
 * A score sheet as the fixtures keep it: title, header 一级指标|二级指标|三级指标|分值|得分|扣分说明,
 * 一级/二级 merged down their leaves, weights in the 一级/二级 names, a 合计 row.
 */
export function indicatorSheet(name: string, groups: readonly Group[], p: Placement): BuiltSheet {
  const b = new SheetBuilder(p);
  const { L, merges } = b;
  const put = b.put.bind(b);
  const s = (v: string): CellValue => ({ kind: 'string', value: v });
  const n = (v: number): CellValue => ({ kind: 'number', value: v });
  const merge = (i0: number, i1: number, j: number) => {
    if (L.row(i1) > L.row(i0)) merges.push(`${toA1(L.row(i0), L.col(j))}:${toA1(L.row(i1), L.col(j))}`);
  };
  put(-1, 0, s('绩效评价得分表'));
  ['一级指标', '二级指标', '三级指标', '分值', '得分', '扣分说明'].forEach((h, j) => put(0, j, s(h)));
  let i = 1;
  let totalW = 0;
  let totalS = 0;
  for (const g of groups) {
    const gTop = i;
    const gW = g.children.flat().reduce((a, l) => a + l.weight, 0);
    for (const leaves of g.children) {
      const sTop = i;
      const sW = leaves.reduce((a, l) => a + l.weight, 0);
      for (const l of leaves) {
        put(i, 2, s(`${l.name}（${l.weight}分）`));
        put(i, 3, n(l.weight), '0.00');
        put(i, 4, n(l.score), '0.00');
        if (l.note) put(i, 5, s(l.note));
        totalW += l.weight;
        totalS += l.score;
        i++;
      }
      put(sTop, 1, s(`${g.name}管理（${sW}分）`));
      merge(sTop, i - 1, 1);
    }
    put(gTop, 0, s(`${g.name}（${gW}分）`));
    merge(gTop, i - 1, 0);
  }
  put(i, 0, s('合计'));
  merges.push(`${toA1(L.row(i), L.col(0))}:${toA1(L.row(i), L.col(2))}`);
  put(i, 3, n(totalW), '0.00');
  put(i, 4, n(Number(totalS.toFixed(2))), '0.00');
  return b.build(name);
}

/** 指标 | 分值 | 得分 | 得分率, one 一级 per row, then 合计. */
export function summarySheet(name: string, groups: readonly Group[], p: Placement): BuiltSheet {
  const b = new SheetBuilder(p);
  const put = b.put.bind(b);
  ['指标', '分值', '得分', '得分率'].forEach((h, j) => put(0, j, { kind: 'string', value: h }));
  let i = 1;
  for (const g of groups) {
    const w = g.children.flat().reduce((a, l) => a + l.weight, 0);
    const sc = Number(
      g.children
        .flat()
        .reduce((a, l) => a + l.score, 0)
        .toFixed(2),
    );
    put(i, 0, { kind: 'string', value: g.name });
    put(i, 1, { kind: 'number', value: w });
    put(i, 2, { kind: 'number', value: sc });
    put(i, 3, { kind: 'number', value: Number((sc / w).toFixed(4)) }, '0.00%');
    i++;
  }
  return b.build(name);
}

export interface BudgetRow {
  readonly unit: string;
  readonly budget: number;
  readonly actual: number;
}

/** 单位名称 | 预算资金 | 实际支出 | 结余资金 under `单位：万元`, with a 合计 row. */
export function budgetSheet(name: string, rows: readonly BudgetRow[], p: Placement): BuiltSheet {
  const b = new SheetBuilder(p);
  const put = (i: number, j: number, value: CellValue) =>
    b.put(i, j, value, value.kind === 'number' ? '0.000' : undefined);
  put(-1, 0, { kind: 'string', value: '单位：万元' });
  ['单位名称', '预算资金', '实际支出', '结余资金'].forEach((h, j) => put(0, j, { kind: 'string', value: h }));
  let i = 1;
  let budget = 0;
  let actual = 0;
  for (const r of rows) {
    put(i, 0, { kind: 'string', value: r.unit });
    put(i, 1, { kind: 'number', value: r.budget });
    put(i, 2, { kind: 'number', value: r.actual });
    put(i, 3, { kind: 'number', value: Number((r.budget - r.actual).toFixed(3)) });
    budget += r.budget;
    actual += r.actual;
    i++;
  }
  put(i, 0, { kind: 'string', value: '合计' });
  put(i, 1, { kind: 'number', value: Number(budget.toFixed(3)) });
  put(i, 2, { kind: 'number', value: Number(actual.toFixed(3)) });
  put(i, 3, { kind: 'number', value: Number((budget - actual).toFixed(3)) });
  return b.build(name);
}

export const budgetRows: fc.Arbitrary<BudgetRow[]> = fc.array(
  fc.record({
    unit: fc.constantFrom('官道镇', '庙后镇', '松山街道', '翠屏街道', '杨础镇'),
    budget: fc.integer({ min: 0, max: 900_000 }).map((x) => x / 1000),
    actual: fc.integer({ min: 0, max: 900_000 }).map((x) => x / 1000),
  }),
  { minLength: 1, maxLength: 12 },
);

export interface Payment {
  readonly date: string;
  readonly amount: number;
  readonly festival: string;
}

/** 日期|凭证号|付款单位|收款单位|用途|对应节日|金额（万元）. */
export function ledgerSheet(name: string, payments: readonly Payment[], p: Placement): BuiltSheet {
  const b = new SheetBuilder(p);
  const put = b.put.bind(b);
  put(-1, 0, { kind: 'string', value: '走访慰问资金拨付台账' });
  ['日期', '凭证号', '付款单位', '收款单位', '用途', '对应节日', '金额（万元）'].forEach((h, j) =>
    put(0, j, { kind: 'string', value: h }),
  );
  payments.forEach((pay, k) => {
    const i = k + 1;
    put(i, 0, { kind: 'date', value: pay.date }, 'yyyy-mm-dd');
    put(i, 1, { kind: 'string', value: `记-${100 + k}` });
    put(i, 2, { kind: 'string', value: '栖霞市民政局' });
    put(i, 3, { kind: 'string', value: '官道镇人民政府' });
    put(i, 4, { kind: 'string', value: `${pay.festival}走访慰问` });
    put(i, 5, { kind: 'string', value: pay.festival });
    put(i, 6, { kind: 'number', value: pay.amount }, '0.00');
  });
  return b.build(name);
}

export const payments: fc.Arbitrary<Payment[]> = fc.array(
  fc.record({
    date: fc
      .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2022-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    amount: fc.integer({ min: 1, max: 50_000 }).map((x) => x / 100),
    festival: fc.constantFrom('春节', '端午节', '中秋节', '国庆节', '元旦', '清明节', ''),
  }),
  { minLength: 1, maxLength: 15 },
);

export type Noise =
  | { readonly op: 'set'; readonly at: number; readonly value: CellValue; readonly formula?: string }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'merge'; readonly range: string }
  | { readonly op: 'unmerge'; readonly at: number }
  | { readonly op: 'hide'; readonly row: number };

export const noise: fc.Arbitrary<Noise[]> = fc.array(
  fc.oneof(
    {
      arbitrary: fc.record({
        op: fc.constant('set' as const),
        at: fc.nat(),
        value: anyValue,
        formula: fc.option(fc.constantFrom(...FORMULAS), { nil: undefined, freq: 4 }),
      }),
      weight: 5,
    },
    { arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('merge' as const), range: mergeAt(40, 10) }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('unmerge' as const), at: fc.nat() }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('hide' as const), row: fc.integer({ min: 1, max: 60 }) }), weight: 1 },
  ),
  { maxLength: 8 },
);

/** Applies noise to existing cells (`at` picks one modulo the count), so it lands inside tables. */
export function applyNoise(sheet: SheetInput, ops: readonly Noise[]): SheetInput {
  const cells = sheetCells(sheet);
  const merges = [...sheet.merges];
  const hidden = [...(sheet.hiddenRows ?? [])];
  for (const op of ops) {
    if (op.op === 'set' && cells.length) {
      const k = op.at % cells.length;
      const { row, col, numFmt: f } = cells[k];
      cells[k] = {
        row,
        col,
        value: op.formula && op.value.kind === 'number' ? { kind: 'empty' } : op.value,
        ...(f ? { numFmt: f } : {}),
        ...(op.formula ? { formula: op.formula } : {}),
      };
    } else if (op.op === 'delete' && cells.length) cells.splice(op.at % cells.length, 1);
    else if (op.op === 'merge')
      merges.unshift(op.range); // first wins: the odd merge displaces a real one
    else if (op.op === 'unmerge' && merges.length) merges.splice(op.at % merges.length, 1);
    else if (op.op === 'hide') hidden.push(op.row);
  }
  return { name: sheet.name, cells, merges, hiddenRows: hidden };
}

/** A workbook of recognisable tables with noise, plus sometimes a random sheet. */
export const noisyWorkbook: fc.Arbitrary<WorkbookInput> = fc
  .record({
    tree: indicatorTree,
    budget: budgetRows,
    pays: payments,
    places: fc.array(placement, { minLength: 4, maxLength: 4 }),
    noises: fc.array(noise, { minLength: 4, maxLength: 4 }),
    random: fc.array(randomSheet, { maxLength: 1 }),
    pick: fc.subarray([0, 1, 2, 3], { minLength: 1 }),
  })
  .map(({ tree, budget, pays, places, noises, random, pick }) => {
    const built = [
      indicatorSheet('得分表', tree, places[0]),
      summarySheet('综合评定', tree, places[1]),
      budgetSheet('预算资金', budget, places[2]),
      ledgerSheet('拨付台账', pays, places[3]),
    ];
    const sheets = pick.map((k) => applyNoise(built[k].sheet, noises[k]));
    return { name: 'fuzz.xlsx', sheets: [...sheets, ...random] };
  });
