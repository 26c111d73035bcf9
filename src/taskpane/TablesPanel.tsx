import * as React from 'react';
import { Button, Select, mergeClasses } from '@fluentui/react-components';
import {
  COLUMN_ROLES,
  ROLE_ZH,
  columnLetters,
  tableKindZh,
  explainTable,
  type Analysis,
  type Table,
  type TableCorrection,
} from '../engine';
import { useStyles } from './styles';

/** Saves one column's role for a table's header row (merged into `settings.tables`). */
export type SaveCorrection = (correction: TableCorrection) => Promise<void>;

/**
 * How each table was read: range, kind, title, header rows, which column was read as what, and the
 * rows passed over — the pane's `check --explain`. When a column was read wrong, the user picks the
 * column and its role; the correction is kept in the workbook's settings (`tables`, see README “How to
 * correct a reading”) and applies from the next check on.
 */
export function TablesPanel({
  analysis,
  onCorrect,
}: {
  analysis: Analysis;
  onCorrect?: SaveCorrection;
}): React.JSX.Element | null {
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
              {onCorrect ? <CorrectColumn table={t} onCorrect={onCorrect} /> : null}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

/** The columns of a table's range, as letters (`A` … `K`). */
function columnsOf(t: Table): string[] {
  const m = /^([A-Z]+)\d+:([A-Z]+)\d+$/.exec(t.range.replace(/\$/g, ''));
  if (!m) return [];
  const index = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const out: string[] = [];
  for (let c = index(m[1]); c <= index(m[2]); c++) out.push(columnLetters(c));
  return out;
}

function CorrectColumn({ table, onCorrect }: { table: Table; onCorrect: SaveCorrection }): React.JSX.Element | null {
  const styles = useStyles();
  const cols = columnsOf(table);
  const [col, setCol] = React.useState(cols[0] ?? '');
  const [role, setRole] = React.useState('score');
  const [saved, setSaved] = React.useState<string>();
  if (cols.length === 0) return null;
  const headerRow = table.layout?.headerRows[0] ?? table.headerRow;
  const save = async () => {
    await onCorrect({ sheet: table.sheet, headerRow, columns: { [col]: role } });
    setSaved(
      `已保存：${table.sheet} 第 ${headerRow} 行表头的 ${col} 列读作“${ROLE_ZH[role] ?? '不读'}”。重新检查后生效。`,
    );
  };
  return (
    <div className={styles.row} aria-label={`更正 ${table.sheet}!${table.range} 的列`}>
      <span>更正：</span>
      <Select aria-label="列" value={col} onChange={(_, d) => setCol(d.value)}>
        {cols.map((c) => (
          <option key={c} value={c}>
            {c} 列
          </option>
        ))}
      </Select>
      <Select aria-label="读作" value={role} onChange={(_, d) => setRole(d.value)}>
        {COLUMN_ROLES.map((r) => (
          <option key={r} value={r}>
            {r === 'ignore' ? '不读此列' : (ROLE_ZH[r] ?? r)}
          </option>
        ))}
      </Select>
      <Button size="small" onClick={() => void save()}>
        保存更正
      </Button>
      {saved ? <div className={styles.muted}>{saved}</div> : null}
    </div>
  );
}
