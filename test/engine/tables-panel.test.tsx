/** @jest-environment jsdom */
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { TablesPanel } from '../../src/taskpane/TablesPanel';
import { analyzeWorkbook } from '../../src/engine/analyze';
import { gridSheet } from '../helpers/grid';

/** The pane's read-only list of how each table was read (the pane's `--explain`). */
function show(settings?: unknown) {
  const analysis = analyzeWorkbook(
    {
      name: 't.xlsx',
      sheets: [
        gridSheet('得分表', [
          ['某项目绩效评价得分表'],
          ['一级指标', '二级指标', '分值', '实得分数'],
          ['决策', '立项', 50, 45],
          ['一级指标', '二级指标', '分值', '实得分数'],
          ['产出', '数量', 50, 50],
        ]),
      ],
    },
    settings,
  );
  render(
    <FluentProvider theme={webLightTheme}>
      <TablesPanel analysis={analysis} />
    </FluentProvider>,
  );
}

test('each table with its range, kind, title, columns and skipped rows', () => {
  show();
  const item = screen.getByLabelText('读法 得分表!A2:D5');
  expect(within(item).getByText('指标体系：得分表!A2:D5 “某项目绩效评价得分表”')).toBeTruthy();
  expect(within(item).getByText('列：A 一级指标，B 二级指标，C 分值')).toBeTruthy();
  expect(within(item).getByText('跳过：第 4 行（表头重复）')).toBeTruthy();
});

test('a role the user set in the settings is shown as corrected', () => {
  show({ tables: [{ sheet: '得分表', headerRow: 2, columns: { D: 'score' } }] });
  const item = screen.getByLabelText('读法 得分表!A2:D5');
  expect(within(item).getByText(/D 得分（表头“实得分数”） \[已按设置更正\]/)).toBeTruthy();
  expect(within(item).getByText(/^得分表：得分表!A2:D5/)).toBeTruthy();
});
