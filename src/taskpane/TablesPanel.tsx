import * as React from 'react';
import { mergeClasses } from '@fluentui/react-components';
import { tableKindZh, explainTable, type Analysis } from '../engine';
import { useStyles } from './styles';

/**
 * How each table was read (read-only): range, kind, title, header rows, which column was read as
 * what, and the rows passed over — the pane's `check --explain`. A wrong reading is corrected in the
 * settings (`tables`, see README “How to correct a reading”).
 */
export function TablesPanel({ analysis }: { analysis: Analysis }): React.JSX.Element | null {
  const styles = useStyles();
  if (analysis.tables.length === 0) return null;
  return (
    <details aria-label="表格的读法">
      <summary>表格的读法（各列读作什么）</summary>
      <ul className={mergeClasses(styles.list, styles.table)}>
        {analysis.tables.map((t) => {
          const e = explainTable(t);
          return (
            <li key={t.id} aria-label={`读法 ${e.where}`}>
              <div>
                {tableKindZh(t)}：{e.where}
                {e.title ? ` “${e.title}”` : '（无标题）'}
              </div>
              <div className={styles.muted}>表头：{e.headerRows}</div>
              {e.columns.length > 0 ? <div>列：{e.columns.join('，')}</div> : null}
              {e.skipped.length > 0 ? <div className={styles.muted}>跳过：{e.skipped.join('；')}</div> : null}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
