/** @jest-environment jsdom */
import * as React from 'react';
import { render, screen, within, waitFor, fireEvent, configure } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { loadSample } from '../helpers/fixtures';
import type { Review } from '../../src/engine/review';
import { MemoryPort } from './memoryPort';
import { lateLedger } from './ledger';

jest.setTimeout(60_000);
// The engine chunk loads on first use, and this machine is shared: wait for the pane as a person would.
configure({ asyncUtilTimeout: 15_000 });

async function mount(port: MemoryPort) {
  render(<App port={port} hostName="测试" />);
  await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
  fireEvent.click(screen.getByRole('button', { name: '检查' }));
  await screen.findByText(/问题 \d+ 项/, undefined, { timeout: 20_000 });
  return port;
}

const selects = (port: MemoryPort) => port.callsOf('select').map((a) => `${a[0]}!${a[1]}`);

describe('the findings list of a day’s work', () => {
  it('groups by sheet, then table, errors first, with counts per group and severity', async () => {
    await mount(new MemoryPort(await loadSample('qixia-2021.xlsx')));
    const regions = screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'));
    // 拨付台账 has only warnings: it comes after every sheet with an error, though it precedes 成本节约 in the workbook.
    expect(regions.indexOf('工作表 拨付台账')).toBeGreaterThan(regions.indexOf('工作表 成本节约'));
    const budget = screen.getByRole('region', { name: '工作表 预算资金' });
    const table = within(budget).getByRole('group', { name: /^表格 预算支出表/ });
    // 官道镇 D7, 翠屏 C16, 庄园 D17, 乡镇合计 C18/D18, 合计 D21: 6 errors in one table.
    expect(within(budget).getAllByLabelText('错误 6').length).toBe(2); // sheet header and table header
    expect(within(table).getByText(/翠屏街道：实际支出 89.013万元/)).toBeTruthy();
  });

  it('collapses many findings of one kind in one table into one row with the count, and expands it', async () => {
    await mount(new MemoryPort(lateLedger(12)));
    const sheet = screen.getByRole('region', { name: '工作表 拨付台账' });
    const many = within(sheet).getByRole('button', { name: /节日资金支付滞后 12 项（A5 等）/ });
    expect(many.getAttribute('aria-expanded')).toBe('false');
    expect(within(sheet).queryByText(/村1（记-200）/)).toBeNull();
    fireEvent.click(many);
    expect(within(sheet).getByText(/村1（记-200）/)).toBeTruthy();
    expect(within(sheet).getByText(/村12（记-211）/)).toBeTruthy();
    fireEvent.click(many);
    expect(within(sheet).queryByText(/村1（记-200）/)).toBeNull();
  });

  it('walks the findings with 下一个/上一个 and the arrow keys, opening a collapsed row to show the one reached', async () => {
    const port = await mount(new MemoryPort(lateLedger(6)));
    fireEvent.click(screen.getByRole('button', { name: '下一个问题' }));
    await waitFor(() => expect(selects(port)).toEqual(['拨付台账!A5']));
    expect(screen.getByText('第 1 / 6 项')).toBeTruthy();
    // The row that was collapsed is open now, with the reached finding marked current.
    expect(
      screen
        .getByText(/村1（记-200）/)
        .closest('button')!
        .getAttribute('aria-current'),
    ).toBe('true');
    const section = screen.getByRole('region', { name: '检查' }) ?? screen.getByLabelText('检查');
    fireEvent.keyDown(section, { key: 'ArrowDown' });
    fireEvent.keyDown(section, { key: 'ArrowDown' });
    fireEvent.keyDown(section, { key: 'ArrowUp' });
    await waitFor(() => expect(selects(port)).toEqual(['拨付台账!A5', '拨付台账!A6', '拨付台账!A7', '拨付台账!A6']));
    fireEvent.click(screen.getByRole('button', { name: '上一个问题' }));
    fireEvent.click(screen.getByRole('button', { name: '上一个问题' }));
    // Wraps from the first to the last.
    await waitFor(() => expect(selects(port).slice(-2)).toEqual(['拨付台账!A5', '拨付台账!A10']));
  });

  it('selecting a finding passes its related cells to outline', async () => {
    const port = await mount(new MemoryPort(lateLedger(1)));
    fireEvent.click(screen.getByText(/村1（记-200）/).closest('button')!);
    await waitFor(() => expect(port.callsOf('select')).toHaveLength(1));
    expect(port.callsOf('select')[0]).toEqual(['拨付台账', 'A5', ['E5']]); // the 摘要 naming the festival
  });
});

describe('已复核 and 忽略', () => {
  it('marks a finding 已复核 with a note, keeps it in the workbook settings, hides it, and a new pane still knows it', async () => {
    const port = await mount(new MemoryPort(await loadSample('qixia-2021.xlsx')));
    fireEvent.click(screen.getByText(/翠屏街道：实际支出 89.013万元/).closest('button')!);
    fireEvent.change(await screen.findByLabelText('复核备注'), { target: { value: '已追加预算，见补充文件' } });
    fireEvent.click(screen.getByRole('button', { name: '已复核' }));
    await screen.findByText('预算资金!C16 已标为“已复核”');
    const saved = port.stored as { reviews: Review[]; scorePlaces: number };
    expect(saved.reviews).toEqual([
      expect.objectContaining({
        code: 'over-budget',
        sheet: '预算资金',
        cell: 'C16',
        status: 'reviewed',
        note: '已追加预算，见补充文件',
        expected: 88.02,
        actual: 89.013,
      }),
    ]);
    expect(saved.scorePlaces).toBe(2); // the other settings are saved with it, unchanged
    expect(screen.queryByText(/翠屏街道：实际支出 89.013万元/)).toBeNull();
    expect(screen.getByText('（另有已复核或忽略 1 项）')).toBeTruthy();

    // Shown again on request, with its verdict; and withdrawn.
    fireEvent.click(screen.getByLabelText('显示已复核和忽略的问题（1）'));
    const row = screen.getByText(/翠屏街道：实际支出 89.013万元/).closest('button')!;
    expect(row.textContent).toContain('【已复核：已追加预算，见补充文件】');
  });

  it('a stored verdict is honoured on opening; 忽略 then 撤销忽略 puts the finding back', async () => {
    const stored = {
      reviews: [
        {
          code: 'late-disbursement',
          sheet: '拨付台账',
          cell: 'A5',
          status: 'ignored',
          actual: '2021-06-15',
          expected: '2021-06-14',
        },
      ],
    };
    const port = await mount(new MemoryPort(lateLedger(2), stored));
    expect(screen.queryByText(/村1（记-200）/)).toBeNull();
    expect(screen.getByText(/村2（记-201）/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('显示已复核和忽略的问题（1）'));
    fireEvent.click(screen.getByText(/村1（记-200）/).closest('button')!);
    fireEvent.click(await screen.findByRole('button', { name: '撤销忽略' }));
    await screen.findByText('拨付台账!A5 已恢复为待处理');
    expect((port.stored as { reviews: Review[] }).reviews).toEqual([]);
  });

  it('a verdict lapses when the finding’s numbers change (the cell was edited to another wrong value)', async () => {
    // Reviewed when paid on 06-16; the ledger now says 06-15: a different finding, shown again.
    const stored = {
      reviews: [
        {
          code: 'late-disbursement',
          sheet: '拨付台账',
          cell: 'A5',
          status: 'reviewed',
          actual: '2021-06-16',
          expected: '2021-06-14',
        },
      ],
    };
    await mount(new MemoryPort(lateLedger(1), stored));
    expect(screen.getByText(/村1（记-200）/)).toBeTruthy();
    expect(screen.queryByText(/另有已复核或忽略/)).toBeNull();
  });
});
