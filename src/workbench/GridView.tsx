import * as React from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { GridCell, GridView as GridModel } from './grid';

const useStyles = makeStyles({
  scroller: { flex: '1 1 auto', overflow: 'auto', minHeight: 0, backgroundColor: '#ffffff', position: 'relative' },
  table: {
    borderCollapse: 'separate',
    borderSpacing: 0,
    tableLayout: 'fixed',
    fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
    fontSize: '13px',
    color: '#000000',
  },
  head: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: '#f3f3f3',
    color: tokens.colorNeutralForeground3,
    fontWeight: 'normal',
    borderRight: '1px solid #d4d4d4',
    borderBottom: '1px solid #bdbdbd',
    height: '20px',
    fontSize: '12px',
  },
  rowHead: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: '#f3f3f3',
    color: tokens.colorNeutralForeground3,
    textAlign: 'center',
    borderRight: '1px solid #bdbdbd',
    borderBottom: '1px solid #d4d4d4',
    fontSize: '12px',
    width: '40px',
  },
  corner: { left: 0, zIndex: 3 },
  cell: {
    borderRight: '1px solid #e1e1e1',
    borderBottom: '1px solid #e1e1e1',
    padding: '1px 3px',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'clip',
    lineHeight: '18px',
    cursor: 'cell',
    boxSizing: 'border-box',
  },
  wrap: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  selected: { outline: '2px solid #217346', outlineOffset: '-2px', position: 'relative', zIndex: 0 },
  related: { outline: '2px dashed #2f6fba', outlineOffset: '-2px' },
  more: { padding: '6px 48px', color: tokens.colorNeutralForeground3, fontSize: '12px' },
});

export interface GridViewProps {
  readonly grid: GridModel;
  readonly selected?: string;
  /** Cells taking part in the selected finding (same sheet), outlined dashed. */
  readonly related?: readonly string[];
  readonly onSelectCell: (address: string) => void;
}

/** A read-only picture of the sheet as Excel draws it, for the workbench. */
export function GridView({ grid, selected, related, onSelectCell }: GridViewProps): React.JSX.Element {
  const styles = useStyles();
  const scroller = React.useRef<HTMLDivElement>(null);

  React.useEffect(() => {
    if (!selected) return;
    const el = scroller.current?.querySelector(`[data-cell="${selected}"]`);
    el?.scrollIntoView({ block: 'center', inline: 'center' });
  }, [selected, grid]);

  const relatedSet = React.useMemo(() => new Set(related ?? []), [related]);
  const width = 40 + grid.columns.reduce((sum, c) => sum + c.widthPx, 0);
  return (
    <div
      className={styles.scroller}
      ref={scroller}
      role="region"
      aria-label={`工作表 ${grid.sheet}`}
      data-sheet={grid.sheet}
    >
      <table className={styles.table} style={{ width }} role="grid" aria-label={grid.sheet}>
        <colgroup>
          <col style={{ width: 40 }} />
          {grid.columns.map((c) => (
            <col key={c.letter} style={{ width: c.widthPx }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className={mergeClasses(styles.head, styles.rowHead, styles.corner)} />
            {grid.columns.map((c) => (
              <th key={c.letter} className={styles.head} scope="col">
                {c.widthPx > 0 ? c.letter : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((r) => (
            <tr key={r.row} style={r.heightPx ? { height: r.heightPx } : undefined}>
              <th className={styles.rowHead} scope="row">
                {r.row}
              </th>
              {r.cells.map((c) => (
                <Cell
                  key={c.address}
                  cell={c}
                  selected={c.address === selected}
                  related={relatedSet.has(c.address)}
                  onSelect={onSelectCell}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {grid.moreRows > 0 ? (
        <div className={styles.more}>另有 {grid.moreRows} 行未显示（检查仍会读取全部行）</div>
      ) : null}
    </div>
  );
}

const Cell = React.memo(function Cell({
  cell,
  selected,
  related,
  onSelect,
}: {
  cell: GridCell;
  selected: boolean;
  related: boolean;
  onSelect: (a: string) => void;
}) {
  const styles = useStyles();
  return (
    <td
      data-cell={cell.address}
      data-selected={selected ? 'true' : undefined}
      aria-selected={selected}
      data-related={related ? 'true' : undefined}
      rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
      colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
      title={cell.formula ? `=${cell.formula}` : undefined}
      className={mergeClasses(
        styles.cell,
        cell.wrap && styles.wrap,
        related && !selected && styles.related,
        selected && styles.selected,
      )}
      style={{
        textAlign: cell.align,
        verticalAlign: cell.vertical,
        fontWeight: cell.bold ? 'bold' : undefined,
        backgroundColor: cell.fill,
      }}
      onClick={() => onSelect(cell.address)}
    >
      {cell.text}
    </td>
  );
});
