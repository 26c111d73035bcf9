/** @jest-environment jsdom */
import * as React from 'react';
import { render, screen, within, fireEvent, waitFor, configure } from '@testing-library/react';
import { App, type Planner } from '../../src/taskpane/App';
import type { CellPatch } from '../../src/engine/patch';
import type { JournalEntry } from '../../src/engine/journal';
import { planUndo } from '../../src/engine/journal';
import { gridSheet } from '../helpers/grid';
import { MemoryPort } from './memoryPort';

jest.setTimeout(60_000);
// The engine chunk loads on first use, and this machine is shared: wait for the pane as a person would.
configure({ asyncUtilTimeout: 15_000 });

// 得分表: B2 empty (to fill), B3 = 16.5 formatted 0.0"分" (overwritten), B4 = 0.5 as 0.00% (rate).
const workbook = () => ({
  name: 't.xlsx',
  sheets: [
    gridSheet('得分表', [
      ['指标', '得分'],
      ['决策', null],
      ['过程', { v: 16.5, fmt: '0.0"分"' }],
      ['得分率', { v: 0.5, fmt: '0.00%' }],
    ]),
  ],
});
const planner =
  (patches: CellPatch[]): Planner =>
  () => ({ tables: [], newSheets: [], findings: [], patches });

async function write(port: MemoryPort, overwrite = false) {
  fireEvent.click(screen.getByRole('tab', { name: '计算并回写' }));
  await screen.findByRole('button', { name: '计算并预览' }, { timeout: 20_000 });
  if (overwrite) fireEvent.click(screen.getByLabelText('覆盖已有的不同数值和公式'));
  fireEvent.click(screen.getByRole('button', { name: '计算并预览' }));
  const preview = await screen.findByLabelText('回写预览');
  fireEvent.click(within(preview).getByRole('button', { name: /^确认写入/ }));
  await screen.findByText(/^已写入 \d+ 个单元格/);
  return port;
}

const journalOf = (port: MemoryPort) => (port.stored as { journal: JournalEntry[] }).journal;

const patches: CellPatch[] = [
  { sheet: '得分表', cell: 'B2', value: 17, purpose: 'score' },
  { sheet: '得分表', cell: 'B3', value: 18, numFmt: '0.00', purpose: 'score', old: 16.5 },
  { sheet: '得分表', cell: 'B4', value: 0.9444, purpose: 'rate', old: 0.5 },
];

describe('the write journal and 撤销回写', () => {
  it('journals every cell written (old value and format, new value) and undoes the last write, formats included', async () => {
    const port = new MemoryPort(workbook());
    render(<App port={port} planner={planner(patches)} />);
    await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
    await write(port, true);
    expect(screen.queryByText(/Ctrl\+Z/)).toBeNull();
    expect(journalOf(port)).toHaveLength(1);
    expect(journalOf(port)[0].cells).toEqual([
      { sheet: '得分表', cell: 'B2', before: {}, after: { value: 17 } },
      { sheet: '得分表', cell: 'B3', before: { value: 16.5, numFmt: '0.0"分"' }, after: { value: 18, numFmt: '0.00' } },
      {
        sheet: '得分表',
        cell: 'B4',
        before: { value: 0.5, numFmt: '0.00%' },
        after: { value: 0.9444, numFmt: '0.00%' },
      },
    ]);
    expect(port.cell('得分表', 'B3')).toMatchObject({ value: { kind: 'number', value: 18 }, numFmt: '0.00' });

    fireEvent.click(screen.getByRole('button', { name: '撤销上次回写' }));
    await screen.findByText('已撤销 1 次回写，恢复 3 个单元格的原值和格式');
    expect(port.cell('得分表', 'B2')?.value ?? { kind: 'empty' }).toEqual({ kind: 'empty' });
    expect(port.cell('得分表', 'B3')).toMatchObject({ value: { kind: 'number', value: 16.5 }, numFmt: '0.0"分"' });
    expect(port.cell('得分表', 'B4')).toMatchObject({ value: { kind: 'number', value: 0.5 }, numFmt: '0.00%' });
    expect(journalOf(port)).toEqual([]);
    expect(screen.queryByRole('button', { name: '撤销上次回写' })).toBeNull();
  });

  it('refuses, and says so, for a cell the user changed since; restores the others', async () => {
    const port = new MemoryPort(workbook());
    render(<App port={port} planner={planner(patches)} />);
    await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
    await write(port, true);
    port.setCell('得分表', 'B3', { kind: 'number', value: 19 }, undefined, '0.00'); // the user corrects 18 to 19
    fireEvent.click(screen.getByRole('button', { name: '撤销上次回写' }));
    expect(
      await screen.findByText('已撤销 1 次回写，恢复 2 个单元格的原值和格式；1 个单元格在回写后已被修改，未撤销'),
    ).toBeTruthy();
    expect(screen.getByText('得分表!B3 在回写后已被修改（回写值 18，现为 19），未撤销')).toBeTruthy();
    expect(port.cell('得分表', 'B3')?.value).toEqual({ kind: 'number', value: 19 });
    expect(port.cell('得分表', 'B4')).toMatchObject({ value: { kind: 'number', value: 0.5 }, numFmt: '0.00%' });
  });

  it('全部撤销 after two writes to one cell puts back what it held before the first', async () => {
    const port = new MemoryPort(workbook());
    const { unmount } = render(
      <App port={port} planner={planner([{ sheet: '得分表', cell: 'B2', value: 17, purpose: 'score' }])} />,
    );
    await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
    await write(port);
    unmount();
    // A second session (the pane reopened): the journal comes from the workbook.
    render(<App port={port} planner={planner([{ sheet: '得分表', cell: 'B2', value: 20, purpose: 'score' }])} />);
    await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
    await write(port, true);
    expect(journalOf(port)).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: '全部撤销' }));
    await screen.findByText('已撤销 2 次回写，恢复 1 个单元格的原值和格式');
    expect(port.cell('得分表', 'B2')?.value ?? { kind: 'empty' }).toEqual({ kind: 'empty' });
  });
});

describe('planUndo', () => {
  const entry = (id: number, before: number | undefined, after: number): JournalEntry => ({
    id,
    at: '',
    label: '计算并回写',
    cells: [{ sheet: 'S', cell: 'A1', before: before === undefined ? {} : { value: before }, after: { value: after } }],
  });
  it('undoes newest first against the state each step leaves', () => {
    const plan = planUndo([entry(1, undefined, 17), entry(2, 17, 20)], 'all', () => ({ value: 20 }));
    expect(plan.restore).toEqual([{ sheet: 'S', cell: 'A1' }]);
    expect(plan.refused).toEqual([]);
  });
  it('a formula jixiao wrote counts as unchanged while the formula is the same, whatever its result', () => {
    const e: JournalEntry = {
      id: 1,
      at: '',
      label: 'x',
      cells: [{ sheet: 'S', cell: 'A1', before: { value: 3 }, after: { value: 5, formula: 'SUM(B1:B2)' } }],
    };
    expect(planUndo([e], 'last', () => ({ value: 6, formula: 'sum(B1:B2)' })).restore).toHaveLength(1);
    expect(planUndo([e], 'last', () => ({ value: 6, formula: 'SUM(B1:B3)' })).refused).toHaveLength(1);
  });
});

describe('回写预览', () => {
  it('names sheets, navigates from written and skipped cells, and says what 覆盖 would add instead of clearing', async () => {
    const port = new MemoryPort(workbook());
    render(<App port={port} planner={planner(patches.slice(0, 2))} />);
    await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
    fireEvent.click(screen.getByRole('tab', { name: '计算并回写' }));
    await screen.findByRole('button', { name: '计算并预览' }, { timeout: 20_000 });
    fireEvent.click(screen.getByRole('button', { name: '计算并预览' }));
    const preview = await screen.findByLabelText('回写预览');
    expect(within(preview).getByText('得分表!B2')).toBeTruthy();
    expect(
      within(preview).getByText(
        '勾选“覆盖已有的不同数值和公式”将另外写入这 1 个单元格（1 个单元格现有值与计算结果不同）。',
      ),
    ).toBeTruthy();
    fireEvent.click(within(preview).getByText('得分表!B3 现有值 16.5 与建议值 18 不同，未覆盖'));
    await waitFor(() => expect(port.callsOf('select')).toEqual([['得分表', 'B3']]));
    fireEvent.click(screen.getByLabelText('覆盖已有的不同数值和公式'));
    const again = screen.getByLabelText('回写预览');
    expect(within(again).getByText('将写入 2 个单元格')).toBeTruthy();
  });

  it('offers no confirm button when there is nothing to write, and summarises 未改为公式 cells in one line', async () => {
    const port = new MemoryPort(workbook());
    render(
      <App
        port={port}
        planner={planner([{ sheet: '得分表', cell: 'B3', value: 16.5, formula: 'SUM(C3:D3)', purpose: 'score' }])}
      />,
    );
    await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
    fireEvent.click(screen.getByRole('tab', { name: '计算并回写' }));
    await screen.findByRole('button', { name: '计算并预览' }, { timeout: 20_000 });
    fireEvent.click(screen.getByRole('button', { name: '计算并预览' }));
    const preview = await screen.findByLabelText('回写预览');
    expect(within(preview).getByText('没有需要写入的单元格')).toBeTruthy();
    expect(within(preview).getByText('跳过：1 个单元格已有相同的数值，未改为公式')).toBeTruthy();
    expect(within(preview).queryByRole('button', { name: /确认写入/ })).toBeNull();
  });
});
