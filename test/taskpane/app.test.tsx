/** @jest-environment jsdom */
import * as React from 'react';
import { render, screen, within, waitFor, fireEvent, act, configure } from '@testing-library/react';
import { App, type Planner } from '../../src/taskpane/App';
import { loadSample } from '../helpers/fixtures';
import type { CellPatch } from '../../src/engine/patch';
import { MemoryPort } from './memoryPort';
import { gridSheet } from '../helpers/grid';

jest.setTimeout(60_000);
// The engine chunk loads on first use, and this machine is shared: wait for the pane as a person would.
configure({ asyncUtilTimeout: 15_000 });

async function renderWithSample(stored?: unknown) {
  const port = new MemoryPort(await loadSample('qixia-2021.xlsx'), stored);
  render(<App port={port} hostName="测试" />);
  await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 }); // settings load from the port on mount
  return port;
}

async function runCheck() {
  fireEvent.click(screen.getByRole('button', { name: '检查' }));
  return screen.findByText(/问题 \d+ 项/, undefined, { timeout: 20_000 });
}

describe('检查', () => {
  it('checks qixia-2021 and lists the 综合评定 findings by sheet and severity', async () => {
    const port = await renderWithSample();
    await runCheck();
    expect(port.callsOf('read')).toEqual([['all']]);
    const sheet = screen.getByLabelText('工作表 综合评定');
    expect(within(sheet).getByText(/决策：综合评定得分 16.5 ≠ 得分表中“决策”各末级指标得分之和 17/)).toBeTruthy();
    expect(within(sheet).getAllByLabelText(/^错误 \d+$/).length).toBeGreaterThan(0);
    expect(within(sheet).getByRole('group', { name: /^表格 得分汇总表 A2:F5/ })).toBeTruthy();
    expect(within(sheet).getByText(/合计 92.66 ≠ 各项得分之和 92.16/)).toBeTruthy();
    expect(screen.getByText(/识别到 \d+ 个表格/)).toBeTruthy();
    expect(screen.getByText(/得分表!A2:I57 得分表/)).toBeTruthy();
    expect(screen.getByText(/综合评定!A2:F5 得分汇总表/)).toBeTruthy();
  });

  it('shows how the 评价标准 was read beside a rule finding (the reading `jixiao rule` prints)', async () => {
    await renderWithSample();
    await runCheck();
    const sheet = screen.getByLabelText('工作表 得分表');
    const readings = within(sheet).getAllByText(/评价标准读作：/);
    expect(readings.length).toBeGreaterThan(0);
    // Each reading is the engine's own, as it names the kind of rule in Chinese.
    for (const r of readings) expect(r.textContent).toMatch(/评价标准读作：\S/);
  });

  it('selects the finding cell in the workbook when a finding is clicked', async () => {
    const port = await renderWithSample();
    await runCheck();
    fireEvent.click(screen.getByText(/决策：综合评定得分 16.5/).closest('button')!);
    await waitFor(() => expect(port.callsOf('select')).toHaveLength(1));
    const [sheet, cell, related] = port.callsOf('select')[0] as [string, string, string[]];
    // The cell, and the cells it was compared with (the 得分表 leaves of 决策) to outline.
    expect([sheet, cell]).toEqual(['综合评定', 'B4']);
    expect(related.length).toBeGreaterThan(0);
  });

  it('filters by severity and code, and marks only what is shown', async () => {
    const port = await renderWithSample();
    await runCheck();
    // Findings, not the 表格的读法 list below them (its items hold a 保存更正 button too).
    const findingItems = () =>
      screen
        .getAllByRole('listitem')
        .filter((li) => li.querySelector('button') && !li.closest('details[aria-label="表格的读法"]'));
    const before = findingItems().length;
    // 提示 are hidden until asked for.
    fireEvent.click(screen.getByLabelText(/^提示（\d+）$/));
    expect(findingItems().length).toBeGreaterThan(before);
    fireEvent.change(screen.getByLabelText('问题类型'), { target: { value: 'rate-mismatch' } });
    const items = findingItems();
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((li) => li.textContent!.includes('比率不符'))).toBe(true);
    expect(items.some((li) => li.textContent!.startsWith('B5决策：得分率 94.44%'))).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '标记' }));
    await waitFor(() => expect(port.callsOf('highlight')).toHaveLength(1));
    const marked = port.callsOf('highlight')[0][0] as { sheet: string; cell: string; severity: string }[];
    expect(marked).toHaveLength(items.length);
    expect(marked).toContainEqual({ sheet: '综合评定', cell: 'B5', severity: 'error' });
    expect(await screen.findByText(`已标记 ${items.length} 个单元格`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
    await waitFor(() => expect(port.callsOf('clearHighlights')).toHaveLength(1));
  });

  it('shows what went wrong and what to do when reading fails', async () => {
    const port = await renderWithSample();
    port.failRead = Object.assign(new Error('x'), {
      zh: '工作表“得分表”受保护，无法写入',
      hint: '请撤消工作表保护后重试。',
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '检查' }));
    });
    expect(await screen.findByText('检查失败：工作表“得分表”受保护，无法写入')).toBeTruthy();
    expect(screen.getByText('请撤消工作表保护后重试。')).toBeTruthy();
  });
});

describe('计算并回写', () => {
  // A planner proposing one write into an empty cell and one over a differing value (综合评定!B4 = 16.5).
  const planner: Planner = (input) => ({
    tables: [],
    newSheets: [],
    findings: [],
    patches: [
      { sheet: '综合评定', cell: 'B4', value: 17, purpose: 'subtotal', old: 16.5 } as CellPatch,
      { sheet: '综合评定', cell: 'H4', value: 0.9444, numFmt: '0.00%', purpose: 'rate' } as CellPatch,
    ].filter(() => input.sheets.length > 0),
  });

  it('shows the patches first and writes only after the user confirms', async () => {
    const port = new MemoryPort(await loadSample('qixia-2021.xlsx'));
    render(<App port={port} planner={planner} />);
    await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
    fireEvent.click(screen.getByRole('tab', { name: '计算并回写' }));
    await screen.findByRole('button', { name: '计算并预览' }, { timeout: 20_000 });
    fireEvent.click(screen.getByRole('button', { name: '计算并预览' }));
    const preview = await screen.findByLabelText('回写预览');
    expect(within(preview).getByText('将写入 1 个单元格')).toBeTruthy();
    expect(within(preview).getByText(/得分率：（空） → 94.44%/)).toBeTruthy();
    expect(within(preview).getByText('综合评定!B4 现有值 16.5 与建议值 17 不同，未覆盖')).toBeTruthy();
    expect(port.callsOf('apply')).toHaveLength(0);
    expect(port.cell('综合评定', 'H4')).toBeUndefined();

    fireEvent.click(screen.getByRole('button', { name: '确认写入 1 个单元格' }));
    expect(await screen.findByText('已写入 1 个单元格，跳过 1 个')).toBeTruthy();
    expect(port.callsOf('apply')).toHaveLength(1);
    expect(port.cell('综合评定', 'H4')?.value).toEqual({ kind: 'number', value: 0.9444 });
    expect(port.cell('综合评定', 'B4')?.value).toEqual({ kind: 'number', value: 16.5 });
  });

  it('cancelling the preview writes nothing', async () => {
    const port = new MemoryPort(await loadSample('qixia-2021.xlsx'));
    render(<App port={port} planner={planner} />);
    await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
    fireEvent.click(screen.getByRole('tab', { name: '计算并回写' }));
    await screen.findByRole('button', { name: '计算并预览' }, { timeout: 20_000 });
    fireEvent.click(screen.getByRole('button', { name: '计算并预览' }));
    await screen.findByLabelText('回写预览');
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(screen.queryByLabelText('回写预览')).toBeNull();
    expect(port.callsOf('apply')).toHaveLength(0);
  });
});

describe('导出', () => {
  it('copies the findings as a tab-separated table and writes 问题清单', async () => {
    const writeText = jest.fn(async () => undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    const port = await renderWithSample();
    await runCheck();
    fireEvent.click(screen.getByRole('tab', { name: '导出' }));
    await screen.findByRole('button', { name: '复制问题表' }, { timeout: 20_000 });
    fireEvent.click(screen.getByRole('button', { name: '复制问题表' }));
    await screen.findByText(/已复制 \d+ 项问题/);
    const tsv = (writeText.mock.calls[0] as unknown as [string])[0];
    const lines = tsv.trim().split('\r\n');
    expect(lines[0].split('\t').slice(0, 6)).toEqual(['序号', '工作表', '单元格', '级别', '问题类型', '说明']);
    expect(lines.some((l) => l.split('\t').slice(1, 5).join('|') === '综合评定|B4|错误|小计不符')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: '写入问题清单' }));
    await waitFor(() => expect(port.added).toHaveLength(1));
    expect(port.added[0].name).toBe('问题清单');
    expect(port.added[0].rows.length).toBe(lines.length);
  });
});

describe('表格的读法: correcting a column the reader got wrong', () => {
  it('saves the column role in the workbook settings, and the next check reads the column so', async () => {
    // `实得分数` is no word the reader knows for 得分: the user tells it.
    const port = new MemoryPort({
      name: 't.xlsx',
      sheets: [
        gridSheet('得分表', [
          ['某项目绩效评价得分表'],
          ['一级指标', '二级指标', '分值', '实得分数'],
          ['决策', '立项', 50, 45],
          ['产出', '数量', 50, 50],
        ]),
      ],
    });
    render(<App port={port} hostName="测试" />);
    await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
    await runCheck();
    const form = await screen.findByLabelText(/^更正 得分表!/, undefined, { timeout: 20_000 });
    fireEvent.change(within(form).getByLabelText('列'), { target: { value: 'D' } });
    fireEvent.change(within(form).getByLabelText('读作'), { target: { value: 'score' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存更正' }));
    await waitFor(() => expect(port.callsOf('saveSettings')).toHaveLength(1));
    expect((port.stored as { tables: unknown }).tables).toEqual([
      { sheet: '得分表', headerRow: 2, columns: { D: 'score' } },
    ]);
    expect(await screen.findByText(/已保存：得分表 第 2 行表头的 D 列读作“得分”/)).toBeTruthy();
    await runCheck();
    expect(await screen.findByText(/D 得分（表头“实得分数”） \[已按设置更正\]/)).toBeTruthy();
  });
});

describe('生成任务清单 (责任分解)', () => {
  it('offers the task list only for a workbook with a 责任分解 table, and writes 单位任务清单', async () => {
    const port = new MemoryPort(await loadSample('xihaian-2018.xlsx'));
    render(<App port={port} hostName="测试" />);
    await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
    await runCheck();
    fireEvent.click(screen.getByRole('tab', { name: '导出' }));
    fireEvent.click(await screen.findByRole('button', { name: '生成任务清单' }, { timeout: 20_000 }));
    await waitFor(() => expect(port.added).toHaveLength(1));
    const sheet = port.added[0];
    expect(sheet.name).toBe('单位任务清单');
    // The first block is 区扶贫办, the unit D3 names first; its first task is task 1, led by it.
    expect(sheet.rows[1][0]).toBe('区扶贫办');
    expect([sheet.rows[2][1], sheet.rows[2][3]]).toEqual(['1', '牵头']);
    expect(await screen.findByText(/已写入“单位任务清单”工作表：59 个单位，100 项任务/)).toBeTruthy();
  });

  it('shows no such button for a workbook without one', async () => {
    await renderWithSample();
    await runCheck();
    fireEvent.click(screen.getByRole('tab', { name: '导出' }));
    await screen.findByRole('button', { name: '复制问题表' }, { timeout: 20_000 });
    expect(screen.queryByRole('button', { name: '生成任务清单' })).toBeNull();
  });
});

describe('设置', () => {
  it('reports a bad stored value and falls back to its default', async () => {
    await renderWithSample({ scorePlaces: 'two', holidayDeadlineWorkdays: 3 });
    expect(await screen.findByText('工作簿中保存的设置有误，已改用默认值')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: '设置' }));
    await screen.findByRole('button', { name: '保存设置' }, { timeout: 20_000 });
    expect((screen.getByLabelText('得分小数位') as HTMLInputElement).value).toBe('2');
    expect((screen.getByLabelText('节日资金提前工作日') as HTMLInputElement).value).toBe('3');
  });

  it('validates with zod before saving: a bad grade is refused, a good change is stored', async () => {
    const port = await renderWithSample();
    fireEvent.click(screen.getByRole('tab', { name: '设置' }));
    await screen.findByRole('button', { name: '保存设置' }, { timeout: 20_000 });
    const places = screen.getByLabelText('得分小数位');
    fireEvent.change(places, { target: { value: '9' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('设置未保存：有无效的值')).toBeTruthy();
    expect(port.callsOf('saveSettings')).toHaveLength(0);
    fireEvent.change(places, { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('等级'), { target: { value: '优秀 85\n合格 60\n不合格 0' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(port.callsOf('saveSettings')).toHaveLength(1));
    expect(port.stored).toMatchObject({
      scorePlaces: 3,
      grades: [
        { grade: '优秀', min: 85 },
        { grade: '合格', min: 60 },
        { grade: '不合格', min: 0 },
      ],
    });
  });
});
