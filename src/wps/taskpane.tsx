/* global document */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../taskpane/App';
import { connectToWps } from './host';

/** The WPS task pane page: the same App as in Excel, over WpsPort. */
const container = document.getElementById('container');
const root = container ? createRoot(container) : undefined;
const host = connectToWps();
if (host.kind === 'wps') root?.render(<App port={host.port} hostName="WPS 表格" />);
else
  root?.render(
    <p style={{ padding: 12, fontFamily: 'sans-serif' }}>
      绩效评价助手需要在 WPS 表格中打开（功能区“绩效评价” → “绩效评价助手”）。在浏览器中试用请运行 npm run workbench。
    </p>,
  );
