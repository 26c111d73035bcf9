import { CODE_ZH, findingsToTsv, issueListSheet } from '../../src/engine/export';
import { FINDING_CODES } from '../../src/engine/findings';
import { analyzeSample } from '../helpers/fixtures';

describe('export', () => {
  it('names every finding code in Chinese', () => {
    expect(Object.keys(CODE_ZH).sort()).toEqual(Object.keys(FINDING_CODES).sort());
  });

  it('writes the qixia findings as a paste-ready table, one line each, with the numbers', async () => {
    const { findings } = await analyzeSample('qixia-2021.xlsx');
    const lines = findingsToTsv(findings).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(findings.length + 1);
    const b4 = lines.find((l) => l.includes('\t综合评定\tB4\t'))!.split('\t');
    expect(b4.slice(3, 5)).toEqual(['错误', '小计不符']);
    expect(b4[5]).toContain('16.5');
    expect(lines.every((l) => l.split('\t').length === 10)).toBe(true);
  });

  it('keeps tabs and line breaks inside a message from breaking the table', () => {
    const tsv = findingsToTsv([
      {
        code: 'over-budget',
        severity: 'error',
        sheet: '预算资金',
        cell: 'C5',
        related: [],
        message: '翠屏街道：\n实际支出\t超预算',
      },
    ]);
    expect(tsv.split('\r\n')[1]).toBe(
      '1\t预算资金\tC5\t错误\t超预算支付\t翠屏街道： 实际支出 超预算\t\t\t\tover-budget',
    );
  });

  it('makes the 问题清单 sheet with the same header and numbers kept as numbers', () => {
    const sheet = issueListSheet([
      {
        code: 'balance-mismatch',
        severity: 'error',
        sheet: '预算资金',
        cell: 'D7',
        related: ['B7', 'C7'],
        message: 'm',
        expected: 13.64,
        actual: 14.14,
      },
    ]);
    expect(sheet.name).toBe('问题清单');
    expect(sheet.rows[1]).toEqual([
      1,
      '预算资金',
      'D7',
      '错误',
      '结余不符',
      'm',
      13.64,
      14.14,
      'B7 C7',
      'balance-mismatch',
    ]);
  });

  it('shows ratios as the cells show them (98.74%, not 0.987429), in the table and the sheet alike', async () => {
    const { findings } = await analyzeSample('qixia-2021.xlsx');
    const b5 = findingsToTsv(findings)
      .split('\r\n')
      .find((l) => l.includes('\t综合评定\tB5\t'))!
      .split('\t');
    // 决策 得分率: 16.5 / 18 = 91.67% expected, the cell holds 94.44%.
    expect(b5.slice(6, 8)).toEqual(['91.67%', '94.44%']);
    const sheet = issueListSheet([
      {
        code: 'payment-progress',
        severity: 'warning',
        sheet: '台账',
        cell: 'A4',
        related: [],
        message: 'm',
        expected: 0.33,
        actual: 0.2,
      },
    ]);
    expect(sheet.rows[1].slice(6, 8)).toEqual(['33.00%', '20.00%']);
  });
});
