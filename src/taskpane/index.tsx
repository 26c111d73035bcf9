/* global document */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const container = document.getElementById('container');
const root = container ? createRoot(container) : undefined;

function Outside({ text }: { text: string }): React.JSX.Element {
  return <p style={{ padding: 12, fontFamily: 'sans-serif' }}>{text}</p>;
}

root?.render(<Outside text="正在连接 Excel…" />);

// The Excel adapter (and zod, which it validates stored marks with) loads beside Office.js, not before the first paint.
void import(/* webpackChunkName: "excel" */ '../excel/host')
  .then(({ connectToExcel }) => connectToExcel())
  .then((host) => {
    if (host.kind === 'excel') root?.render(<App port={host.port} hostName="Excel" />);
    else if (host.kind === 'other-office-app') root?.render(<Outside text="绩效评价助手只能在 Excel 中使用。" />);
    else
      root?.render(
        <Outside text="绩效评价助手需要在 Excel 中打开（开始 → 绩效评价助手）。在浏览器中试用请运行 npm run workbench。" />,
      );
  });
