/** @jest-environment jsdom */
import * as React from 'react';
import { render, screen, within, fireEvent, waitFor, configure } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { readSettings } from '../../src/engine/settings';
import { loadSample } from '../helpers/fixtures';
import { MemoryPort } from './memoryPort';

jest.setTimeout(60_000);
// The engine chunk loads on first use, and this machine is shared: wait for the pane as a person would.
configure({ asyncUtilTimeout: 15_000 });

async function openSettings(stored?: unknown, check = false) {
  const port = new MemoryPort(await loadSample('qixia-2021.xlsx'), stored);
  render(<App port={port} hostName="测试" />);
  await screen.findByRole('button', { name: '检查' }, { timeout: 20_000 });
  if (check) {
    fireEvent.click(screen.getByRole('button', { name: '检查' }));
    await screen.findByText(/问题 \d+ 项/, undefined, { timeout: 20_000 });
  }
  fireEvent.click(screen.getByRole('tab', { name: '设置' }));
  await screen.findByRole('button', { name: '保存设置' }, { timeout: 20_000 });
  return port;
}

const overrideLines = () =>
  within(screen.getByLabelText('评价标准覆盖检查'))
    .getAllByRole('listitem')
    .map((li) => [li.getAttribute('data-state'), li.textContent]);

describe('设置: rule overrides checked as typed', () => {
  it('reads a valid override back in Chinese, flags a name the check did not find, and refuses an unreadable rule', async () => {
    const port = await openSettings(undefined, true);
    fireEvent.change(screen.getByLabelText('评价标准覆盖'), {
      target: { value: '预算执行率 = deduct-per-pct:5%@95%\n不存在的指标 = ratio\n资金到位率 = 按比例得分\n没有等号' },
    });
    await waitFor(() => expect(overrideLines()[0][0]).toBe('ok'));
    const lines = overrideLines();
    expect(lines[0][1]).toContain('读作：低于95%扣分：完成率达到95%得满分，每低 1 个百分点扣权重分的 5%');
    expect(lines[1][0]).toBe('warning');
    expect(lines[1][1]).toContain('上次检查中没有名为“不存在的指标”的指标');
    expect(lines[2][0]).toBe('error');
    expect(lines[2][1]).toContain('规则简写“按比例得分”无效');
    expect(lines[3]).toEqual(['error', '✗ 没有等号：缺少“=”：应写成“指标名称 = 规则简写”，如“预算执行率 = ratio”']);
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('设置未保存：有无效的值')).toBeTruthy();
    expect(port.callsOf('saveSettings')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('评价标准覆盖'), { target: { value: '预算执行率 = ratio' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(port.callsOf('saveSettings')).toHaveLength(1));
    expect(port.stored).toMatchObject({ ruleOverrides: { 预算执行率: 'ratio' } });
  });

  it('says every settings error in Chinese: a bad field, a wrong length, an unknown key', async () => {
    const { issues } = readSettings({
      scorePlaces: 'two',
      paymentTargets: [0.3, 0.7],
      colour: 'red',
      grades: [{ grade: '优', min: '九十' }],
    });
    const messages = issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        '未知的设置项“colour”，已忽略',
        '设置 scorePlaces 无效（应为数字，实为文字），已使用默认值',
        '设置 paymentTargets 无效（至少要有 4 项），已使用默认值',
        '设置 grades.0.min 无效（应为数字，实为文字），已使用默认值',
      ]),
    );
    for (const m of messages) expect(m).not.toMatch(/Expected|received|Required|Invalid/);
    await openSettings({ scorePlaces: 'two', colour: 'red' });
    expect(screen.getByText(/未知的设置项“colour”，已忽略；设置 scorePlaces 无效（应为数字，实为文字）/)).toBeTruthy();
  });

  it('the form’s own errors are Chinese too', async () => {
    await openSettings();
    fireEvent.change(screen.getByLabelText('得分小数位'), { target: { value: '9' } });
    fireEvent.change(screen.getByLabelText('支付进度目标'), { target: { value: '30%, 60%' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('不能大于 6')).toBeTruthy();
    expect(screen.getByText('至少要有 4 项')).toBeTruthy();
  });
});
