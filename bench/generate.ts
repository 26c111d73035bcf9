/**
 * Generated workbooks for `npm run bench`, laid out as the samples in assets/samples/ are, so that the
 * detectors recognise them (run.ts verifies that before timing anything). Deterministic: the same
 * sizes give the same cells, so runs on different machines time the same work.
 */
import { toA1 } from '../src/engine/model/address';
import type { CellInput, CellValue } from '../src/engine/model/cell';
import type { SheetInput, WorkbookInput } from '../src/engine/model/sheet';

const s = (value: string): CellValue => ({ kind: 'string', value });
const n = (value: number): CellValue => ({ kind: 'number', value });

class SheetBuilder {
  readonly cells: CellInput[] = [];
  readonly merges: string[] = [];
  constructor(readonly name: string) {}
  put(row: number, col: number, value: CellValue, numFmt?: string): void {
    this.cells.push({ row, col, value, ...(numFmt ? { numFmt } : {}) });
  }
  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom > top || right > left) this.merges.push(`${toA1(top, left)}:${toA1(bottom, right)}`);
  }
  build(): SheetInput {
    return { name: this.name, cells: this.cells, merges: this.merges };
  }
}

/** 评价标准 texts as the samples write them (qixia-2021 得分表), for a 2-point leaf. */
const RULES: readonly { text: string; deduct?: string }[] = [
  { text: '项目是否按照规定的程序申请设立。合规得2分，不合规得0分。' },
  { text: '是否已制定或具有相应的财务和业务管理制度。完善得2分，基本完善得1分，不完善得0分。' },
  { text: '财务和业务管理制度是否合规。每发现一处不合规扣0.5分，扣完为止。', deduct: '发现一处制度不合规，扣0.5分。' },
  { text: '效果显著得(1.5,2]分；效果较好得(1,1.5]分；效果一般得(0,1]分；效果较差不得分。' },
  { text: '认真组织自评，进行日常绩效监控，绩效管理工作规范有效得2分，一般得1分，较差得0分。' },
  {
    text: '是否按规定实施招投标、政府采购和政府购买服务。每发现一处不规范的扣0.5分，扣完为止。',
    deduct: '一处采购未按规定公示，扣0.5分。',
  },
  {
    text: '成本节约率|Y|≥4%时，得2分；3%≤成本节约率|Y|<4%时，得1.5分；2%≤成本节约率|Y|<3%时，得1分；0%≤成本节约率|Y|<2%时，得0.5分。',
  },
  { text: '具有成本控制措施且有效，得2分；具有成本控制措施但效果一般，得1分；无成本控制措施，得0分。' },
  { text: '项目绩效目标与实际工作内容是否具有相关性。相关得2分，基本相关得1分，不相关得0分。' },
  { text: '根据资料完整程度酌情扣分。' },
];

/**
 * 绩效评价得分表: 一级指标 | 二级指标 | 三级指标 | 评价标准 | 分值 | 得分 | 扣分说明, title above, 一级 merged over
 * its 二级, 二级 merged over its 三级 leaves, weights in the names and per leaf in 分值, a 合计 row, and the
 * total declared in the header (`分值（4000分）`). Leaves per 二级 = 10, 二级 per 一级 = leaves / 40.
 */
export function indicatorWorkbook(leaves: number): WorkbookInput {
  const b = new SheetBuilder('得分表');
  const L1 = ['决策', '过程', '产出', '效益'];
  const perL2 = 10;
  const l2PerL1 = Math.max(1, Math.ceil(leaves / (L1.length * perL2)));
  const total = leaves * 2;
  b.put(1, 1, s('附件4：绩效评价得分表'));
  b.merge(1, 1, 1, 7);
  ['一级指标', '二级指标', '三级指标', '评价标准', `分值（${total}分）`, '得分', '扣分说明'].forEach((h, j) =>
    b.put(2, j + 1, s(h)),
  );
  let row = 3;
  let made = 0;
  let scoreSum = 0;
  for (let g = 0; g < L1.length && made < leaves; g++) {
    const gTop = row;
    let gWeight = 0;
    for (let k = 0; k < l2PerL1 && made < leaves; k++) {
      const sTop = row;
      const count = Math.min(perL2, leaves - made);
      for (let i = 0; i < count; i++, made++, row++) {
        const rule = RULES[made % RULES.length];
        const deducted = rule.deduct !== undefined && made % 3 === 0;
        const score = deducted ? 1.5 : 2;
        b.put(row, 3, s(`${L1[g]}指标${k + 1}-${i + 1}（2分）`));
        b.put(row, 4, s(rule.text));
        b.put(row, 5, n(2));
        b.put(row, 6, n(score));
        if (deducted) b.put(row, 7, s(rule.deduct!));
        scoreSum += score;
      }
      b.put(sTop, 2, s(`${L1[g]}管理${k + 1}（${count * 2}分）`));
      b.merge(sTop, 2, row - 1, 2);
      gWeight += count * 2;
    }
    b.put(gTop, 1, s(`${L1[g]}（${gWeight}分）`));
    b.merge(gTop, 1, row - 1, 1);
  }
  b.put(row, 1, s('合计'));
  b.merge(row, 1, row, 4);
  b.put(row, 5, n(total));
  b.put(row, 6, n(scoreSum));
  return { name: 'bench-indicator.xlsx', sheets: [b.build()] };
}

/** Thousandths of a 万元, to keep every printed figure exact to 3 places. */
const money = (milli: number) => milli / 1000;

/**
 * 预算资金支出明细表 under `单位：万元`: 单位名称 | 预算资金 | 实际支出 | 结余资金 | 执行率, items in groups of 49
 * closed by a `…小计` row, then 合计. Rows consistent except every 500th item, which is paid over budget
 * (so the checks have a little to report, as a real table would).
 */
export function budgetWorkbook(items: number): WorkbookInput {
  const b = new SheetBuilder('预算资金');
  b.put(1, 1, s('预算资金支出明细表'));
  b.merge(1, 1, 1, 5);
  b.put(2, 1, s('单位：万元'));
  ['单位名称', '预算资金', '实际支出', '结余资金', '执行率'].forEach((h, j) => b.put(3, j + 1, s(h)));
  let row = 4;
  const line = (label: string, budget: number, actual: number) => {
    b.put(row, 1, s(label));
    b.put(row, 2, n(money(budget)), '0.000');
    b.put(row, 3, n(money(actual)), '0.000');
    b.put(row, 4, n(money(budget - actual)), '0.000');
    b.put(row, 5, n(Math.round((actual / budget) * 10_000) / 10_000), '0.00%');
    row++;
  };
  let tb = 0;
  let ta = 0;
  let gb = 0;
  let ga = 0;
  for (let i = 0; i < items; i++) {
    const budget = 100_000 + (i % 50) * 1_000 + ((i * 37) % 1000);
    const actual = i % 500 === 499 ? budget + 1_500 : budget - ((i * 7) % 30) * 100;
    line(`单位${i + 1}`, budget, actual);
    gb += budget;
    ga += actual;
    if (i % 49 === 48 || i === items - 1) {
      line(`第${Math.floor(i / 49) + 1}组小计`, gb, ga);
      tb += gb;
      ta += ga;
      gb = 0;
      ga = 0;
    }
  }
  line('合计', tb, ta);
  return { name: 'bench-budget.xlsx', sheets: [b.build()] };
}

export interface Payment {
  readonly date: string;
  readonly voucher: string;
  readonly purpose: string;
  readonly festival: string;
  readonly amount: number;
}

const FESTIVALS: readonly { name: string; day: string }[] = [
  { name: '春节', day: '2021-02-12' },
  { name: '端午节', day: '2021-06-14' },
  { name: '中秋节', day: '2021-09-21' },
  { name: '国庆节', day: '2021-10-01' },
];
const DAY = 86_400_000;

/**
 * Payments of 2021: every 4th row is 公益岗位补贴 (no festival), the rest 走访慰问 paid 1–40 days before the
 * festival it is for; one in 200 is paid 3 days after it (late-disbursement).
 */
export function payments(count: number): Payment[] {
  return Array.from({ length: count }, (_, i) => {
    const f = FESTIVALS[i % FESTIVALS.length];
    const festivalDay = Date.parse(`${f.day}T00:00:00Z`);
    const holiday = i % 4 !== 3;
    const offset = holiday && i % 200 === 0 ? 3 : -(1 + (i % 40));
    return {
      date: new Date(festivalDay + offset * DAY).toISOString().slice(0, 10),
      voucher: `记-${100_000 + i}`,
      purpose: holiday ? `${f.name}走访慰问` : '公益岗位补贴',
      festival: holiday ? f.name : '',
      amount: money(1_000 + ((i * 37) % 49_000)),
    };
  });
}

export const LEDGER_HEADER = ['日期', '凭证号', '付款单位', '收款单位', '用途', '对应节日', '金额（万元）'] as const;
export const LEDGER_TITLE = '走访慰问资金拨付台账（2021年）';

/** 拨付台账: title, 日期|凭证号|付款单位|收款单位|用途|对应节日|金额（万元）, one payment a row. */
export function ledgerWorkbook(count: number): WorkbookInput {
  const b = new SheetBuilder('拨付台账');
  b.put(1, 1, s(LEDGER_TITLE));
  b.merge(1, 1, 1, 7);
  LEDGER_HEADER.forEach((h, j) => b.put(2, j + 1, s(h)));
  payments(count).forEach((p, k) => {
    const row = k + 3;
    b.put(row, 1, { kind: 'date', value: p.date }, 'yyyy-mm-dd');
    b.put(row, 2, s(p.voucher));
    b.put(row, 3, s('栖霞市民政局'));
    b.put(row, 4, s(`第${(k % 12) + 1}镇人民政府`));
    b.put(row, 5, s(p.purpose));
    if (p.festival) b.put(row, 6, s(p.festival));
    b.put(row, 7, n(p.amount), '0.000');
  });
  return { name: 'bench-ledger.xlsx', sheets: [b.build()] };
}
