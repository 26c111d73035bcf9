import { readFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../../src/engine/analyze';
import {
  splitUnits,
  taskListSheet,
  unitKey,
  unitTaskLists,
  type ResponsibilityTable,
} from '../../src/engine/responsibility';
import { analyzeSample, SAMPLES_DIR } from '../helpers/fixtures';
import { gridSheet, type GridValue } from '../helpers/grid';

const tablesOf = (tables: readonly { kind: string }[]) =>
  tables.filter((t): t is ResponsibilityTable => t.kind === 'responsibility');

describe('xihaian-2018 责任分解方案', () => {
  /** The 责任单位 column as exceljs reads it: an oracle independent of jixiao's reader. */
  async function unitColumn(): Promise<{ row: number; units: string }[]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(SAMPLES_DIR, 'xihaian-2018.xlsx')) as never);
    const ws = wb.getWorksheet('责任分解')!;
    const out: { row: number; units: string }[] = [];
    for (let r = 3; r <= ws.rowCount; r++) {
      const task = ws.getCell(r, 2).text;
      if (task && /^\d+$/.test(ws.getCell(r, 1).text)) out.push({ row: r, units: ws.getCell(r, 4).text });
    }
    return out;
  }

  test('the table is read whole: 100 numbered tasks, the note row ends it', async () => {
    const a = await analyzeSample('xihaian-2018.xlsx');
    const [t] = tablesOf(a.tables);
    expect(t.range).toBe('A1:D102');
    expect(t.tasks).toHaveLength(100);
    expect(t.tasks[0]).toMatchObject({ number: '1', leaders: ['解宏劲', '李金国'] });
    expect(t.tasks[0].units[0]).toEqual({ name: '区扶贫办', role: 'lead', cell: 'D3' });
    expect(a.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('every (task, unit) pair of the sheet appears once in the task list, the first unit as lead', async () => {
    const a = await analyzeSample('xihaian-2018.xlsx');
    const lists = unitTaskLists(tablesOf(a.tables));
    const cells = await unitColumn();
    expect(cells).toHaveLength(100);
    let pairs = 0;
    for (const { row, units } of cells) {
      // The cell split by hand: 、 and ， outside brackets.
      const names = units
        .split(/[、，](?![^（]*）)/)
        .map((s) => s.trim())
        .filter(Boolean);
      names.forEach((name, i) => {
        const holders = lists.filter((l) => l.spellings.includes(name));
        expect([row, name, holders.length]).toEqual([row, name, 1]);
        const l = holders[0];
        const asLead = l.leads.filter((t) => t.row === row).length;
        const asSupport = l.supports.filter((t) => t.row === row).length;
        expect([row, name, asLead, asSupport]).toEqual([row, name, i === 0 ? 1 : 0, i === 0 ? 0 : 1]);
      });
      pairs += new Set(names).size;
    }
    // Counts add up: each task has one lead; leads + supports = the pairs in the sheet.
    expect(lists.reduce((n, l) => n + l.leads.length, 0)).toBe(100);
    expect(lists.reduce((n, l) => n + l.leads.length + l.supports.length, 0)).toBe(pairs);
  });

  test('the spelling variant present in the sheet is reported and merged in the list', async () => {
    const a = await analyzeSample('xihaian-2018.xlsx');
    const v = a.findings.filter((f) => f.code === 'responsibility-unit-variant');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({
      cell: 'D80',
      actual: '区扶贫开发工作领导小组成员单位',
      expected: '区扶贫开发领导小组成员单位',
    });
    const cells = await unitColumn();
    expect(cells.find((c) => c.row === 80)!.units).toContain('区扶贫开发工作领导小组成员单位');
    const merged = unitTaskLists(tablesOf(a.tables)).find((l) => l.unit === '区扶贫开发领导小组成员单位')!;
    expect(merged.spellings).toEqual(['区扶贫开发领导小组成员单位', '区扶贫开发工作领导小组成员单位']);
  });

  test('the 单位任务清单 sheet: one block per unit whose heading counts equal its rows', async () => {
    const a = await analyzeSample('xihaian-2018.xlsx');
    const sheet = taskListSheet(tablesOf(a.tables));
    expect(sheet.name).toBe('单位任务清单');
    const rows = sheet.rows.slice(1);
    let blocks = 0;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i][0] === null) continue;
      blocks++;
      const m = /牵头 (\d+) 项，配合 (\d+) 项，共 (\d+) 项/.exec(String(rows[i][2]))!;
      let lead = 0;
      let support = 0;
      for (let j = i + 1; j < rows.length && rows[j][3] !== null; j++) {
        if (rows[j][3] === '牵头') lead++;
        else support++;
      }
      expect([rows[i][0], lead, support, lead + support]).toEqual([
        rows[i][0],
        Number(m[1]),
        Number(m[2]),
        Number(m[3]),
      ]);
    }
    expect(blocks).toBe(unitTaskLists(tablesOf(a.tables)).length);
    // Groups (各镇街) come after the units.
    const firstGroup = rows.findIndex((r) => String(r[0] ?? '').startsWith('各镇街'));
    expect(rows.slice(firstGroup + 1).some((r) => r[0] !== null && !/^各|成员单位/.test(String(r[0])))).toBe(false);
  });
});

describe('generated 责任分解 in another layout: 牵头单位 and 配合单位 columns, sections, a note', () => {
  const rows: GridValue[][] = [
    ['2024年重点工作任务分工表'],
    ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'],
    ['一、优化营商环境'],
    [1, '压缩企业开办时间', '市市场监管局', '市税务局、市人社局', '6月底前'],
    [2, '推行惠企政策“免申即享”', '市发改委', '市财政局，各区县政府', '12月底前'],
    ['二、民生保障'],
    [3, '新建社区养老服务站', null, null, '10月底前'],
    [4, '压缩企业开办时间。', '市市场监管局', '市税务局', '6月底前'],
    [5, '开展就业援助月活动', '人社局', '市总工会', '3月底前'],
    [6, '发放创业担保贷款', '市人社局', '市财政局、人民银行市中心支行', '全年'],
    ['注：列在首位的为牵头单位。'],
  ];
  const a = analyzeWorkbook({ name: 'g.xlsx', sheets: [gridSheet('分工', rows, ['A3:E3', 'A6:E6'])] });
  const [t] = tablesOf(a.tables);
  const at = (code: string) => a.findings.filter((f) => f.code === code);

  test('read whole through the section rows, stopped by the note', () => {
    expect(t.range).toBe('A1:E10');
    expect(t.leadBy).toBe('columns');
    expect(t.tasks.map((x) => x.number)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(t.tasks[1].units.map((u) => [u.name, u.role])).toEqual([
      ['市发改委', 'lead'],
      ['市财政局', 'support'],
      ['各区县政府', 'support'],
    ]);
  });

  test('a task with no unit, a task listed twice, and 人社局 / 市人社局', () => {
    expect(at('responsibility-unassigned').map((f) => [f.cell, f.related])).toEqual([['C7', ['B7']]]);
    expect(at('responsibility-duplicate-task').map((f) => [f.cell, f.related])).toEqual([['B8', ['B4']]]);
    const v = at('responsibility-unit-variant');
    expect(v.map((f) => [f.cell, f.actual, f.expected])).toEqual([['C9', '人社局', '市人社局']]);
  });

  test('units that only share a suffix stay apart', () => {
    expect(unitKey('开发区公安分局')).not.toBe(unitKey('黄岛公安分局'));
    expect(unitKey('区教育局')).not.toBe(unitKey('区教体局'));
    expect(unitKey('区农工办（区农发局）')).toBe(unitKey('区农工办'));
  });
});

test('units are split outside brackets only', () => {
  expect(splitUnits('区农工办（区农发局、区林业局）、区扶贫办，各镇街（管区）等。')).toEqual([
    '区农工办（区农发局、区林业局）',
    '区扶贫办',
    '各镇街（管区）',
  ]);
  expect(splitUnits('牵头单位：市财政局；配合单位：市审计局')).toEqual(['市财政局', '市审计局']);
});

test('市教育局 and 区教育局 are two units, and 教育局 alone is not guessed to be either', () => {
  const rows: GridValue[][] = [
    ['任务', '责任单位'],
    ['校舍改造', '市教育局、区教育局'],
    ['教师培训', '区教育局'],
    ['课后服务', '教育局'],
    ['食堂检查', '市教育局'],
  ];
  const a = analyzeWorkbook({ name: 'g.xlsx', sheets: [gridSheet('分工', rows)] });
  expect(a.findings.filter((f) => f.code === 'responsibility-unit-variant')).toEqual([]);
  expect(unitTaskLists(tablesOf(a.tables)).map((l) => [l.unit, l.leads.length, l.supports.length])).toEqual([
    ['市教育局', 2, 0],
    ['区教育局', 1, 1],
    ['教育局', 1, 0],
  ]);
});
