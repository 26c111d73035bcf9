import * as React from 'react';
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { App } from '../taskpane/App';
import { XlsxPort } from '../xlsx/port';
import { WorkbookReadError } from '../xlsx/read';
import { gridView } from './grid';
import { GridView } from './GridView';

/** The task pane's width in Excel: the pane is tried at the size it will really have. */
export const PANE_WIDTH = 350;

const useStyles = makeStyles({
  shell: {
    display: 'grid',
    gridTemplateColumns: `minmax(0, 1fr) ${PANE_WIDTH}px`,
    height: '100vh',
    overflow: 'hidden',
  },
  left: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    minHeight: 0,
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '8px',
    padding: '6px 10px',
    backgroundColor: '#217346',
    color: '#ffffff',
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, marginRight: '8px' },
  file: { fontSize: tokens.fontSizeBase200, opacity: 0.9, overflowWrap: 'anywhere' },
  tabs: {
    display: 'flex',
    alignItems: 'stretch',
    borderTop: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: '#f3f3f3',
    flex: '0 0 auto',
    minWidth: 0,
  },
  tabScroller: { flex: '1 1 auto', minWidth: 0, overflowX: 'auto', scrollbarWidth: 'none' },
  tabArrow: { minWidth: '28px', padding: '0 4px', borderRadius: 0, flex: '0 0 auto' },
  pane: { overflowY: 'auto', overflowX: 'hidden', minHeight: 0, backgroundColor: tokens.colorNeutralBackground1 },
  empty: { padding: '24px', color: tokens.colorNeutralForeground3 },
  hiddenInput: { display: 'none' },
  noClip: { maxWidth: 'none', whiteSpace: 'nowrap' },
});

export interface WorkbenchProps {
  /** Bundled sample workbooks, served beside the page under samples/. */
  readonly samples: readonly string[];
  readonly initialSample?: string;
}

interface Loaded {
  readonly port: XlsxPort;
  readonly id: number;
}

let loads = 0;

/** The task pane beside a grid of the workbook it works on: a host for trying jixiao without Excel. */
export function Workbench({ samples, initialSample }: WorkbenchProps): React.JSX.Element {
  const styles = useStyles();
  const [loaded, setLoaded] = React.useState<Loaded>();
  const [loading, setLoading] = React.useState<string>();
  const [error, setError] = React.useState<string>();
  const [sample, setSample] = React.useState(initialSample ?? '');
  const [version, setVersion] = React.useState(0);
  const [selected, setSelected] = React.useState<string>();
  const [related, setRelated] = React.useState<readonly string[]>([]);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const tabStrip = React.useRef<HTMLDivElement>(null);
  const current = React.useRef<XlsxPort>();

  /** Whether the open workbook may be replaced: unsaved changes are lost only when the user says so. */
  const mayDiscard = React.useCallback(
    () =>
      !current.current?.hasUnsavedChanges ||
      window.confirm(
        `“${current.current.name}”有未下载的修改（回写、标记、复核结果或设置），打开其他工作簿后这些修改将丢失。仍要打开吗？`,
      ),
    [],
  );

  React.useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!current.current?.hasUnsavedChanges) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const open = React.useCallback(async (name: string, bytes: () => Promise<Uint8Array>) => {
    setLoading(name);
    setError(undefined);
    try {
      const port = await XlsxPort.fromBytes(await bytes(), name);
      current.current = port;
      setLoaded({ port, id: ++loads });
      setSelected(undefined);
    } catch (e) {
      setError(e instanceof WorkbookReadError ? `${name}：${e.zh}` : `${name}：无法打开（${(e as Error).message}）`);
    } finally {
      setLoading(undefined);
    }
  }, []);

  const openSample = React.useCallback(
    (name: string, asked = false) => {
      if (!name) return;
      if (asked && !mayDiscard()) return;
      setSample(name);
      void open(name, async () => {
        const response = await fetch(`samples/${encodeURIComponent(name)}`);
        if (!response.ok) throw new Error(`示例文件下载失败（HTTP ${response.status}）`);
        return new Uint8Array(await response.arrayBuffer());
      });
    },
    [open, mayDiscard],
  );

  React.useEffect(() => {
    if (initialSample) openSample(initialSample);
  }, [initialSample, openSample]);

  const port = loaded?.port;
  React.useEffect(() => {
    if (!port) return;
    return port.subscribe((e) => {
      if (e.type === 'select') {
        setSelected(port.shownCell(e.sheet, e.cell));
        setRelated(e.related.map((a) => port.shownCell(e.sheet, a)));
      } else if (e.type === 'sheets') {
        setSelected(undefined);
        setRelated([]);
      }
      setVersion((v) => v + 1);
    });
  }, [port]);

  const onFile = (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || !mayDiscard()) return;
    setSample('');
    void open(file.name, async () => new Uint8Array(await file.arrayBuffer()));
  };

  const download = async () => {
    if (!port) return;
    try {
      const bytes = await port.toBytes();
      const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = port.name.replace(/\.xlsx$/i, '') + '（已检查）.xlsx';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      port.markSaved();
    } catch (e) {
      setError(`下载失败：${(e as Error).message}`);
    }
  };

  const sheetName = port?.activeSheet;
  // The active tab stays in view (a 37-sheet workbook's tabs are wider than the window).
  React.useEffect(() => {
    const tab = tabStrip.current?.querySelector(`[data-sheet-tab="${CSS.escape(sheetName ?? '')}"]`);
    tab?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [sheetName, version]);
  const scrollTabs = (d: 1 | -1) =>
    tabStrip.current?.scrollBy({ left: d * Math.max(120, tabStrip.current.clientWidth * 0.6) });
  // `version` changes whenever the port reports a write, a mark or a new sheet.
  const grid = React.useMemo(() => {
    const view = sheetName ? port?.sheetView(sheetName) : undefined;
    return view ? gridView(view.input, view.layout, view.looks) : undefined;
  }, [port, sheetName, version]);

  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.shell}>
        <div className={styles.left}>
          <div className={styles.toolbar} role="toolbar" aria-label="工作台">
            <span className={styles.brand}>绩效评价助手 · 工作台</span>
            <Select aria-label="示例工作簿" value={sample} onChange={(_, d) => openSample(d.value, true)} size="small">
              <option value="">选择示例工作簿…</option>
              {samples.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
            <Button size="small" className={styles.noClip} onClick={() => fileInput.current?.click()}>
              打开本地文件…
            </Button>
            <input
              ref={fileInput}
              className={styles.hiddenInput}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-label="打开本地工作簿"
              onChange={onFile}
            />
            <Button size="small" appearance="primary" disabled={!port} onClick={() => void download()}>
              下载
            </Button>
            {port ? (
              <span className={styles.file} role="status" aria-label="当前工作簿">
                {port.name}
              </span>
            ) : null}
            {loading ? <Spinner size="extra-tiny" label={`正在打开 ${loading}…`} /> : null}
          </div>
          {error ? (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>无法打开</MessageBarTitle>
                {error}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {grid ? (
            <GridView
              grid={grid}
              selected={selected}
              related={related}
              onSelectCell={(a) => {
                setSelected(a);
                setRelated([]);
              }}
            />
          ) : (
            <div className={styles.empty}>
              请选择一个示例工作簿，或打开本地的 .xlsx 文件。文件只在本页中处理，不会上传。
            </div>
          )}
          {port ? (
            <div className={styles.tabs}>
              <Button
                appearance="subtle"
                size="small"
                className={styles.tabArrow}
                aria-label="向左滚动工作表标签"
                onClick={() => scrollTabs(-1)}
              >
                ‹
              </Button>
              <div className={styles.tabScroller} ref={tabStrip}>
                <TabList
                  size="small"
                  selectedValue={sheetName}
                  onTabSelect={(_, d) => port.activate(String(d.value))}
                  aria-label="工作表"
                >
                  {port.sheetNames().map((n) => (
                    <Tab key={n} value={n} data-sheet-tab={n}>
                      {n}
                    </Tab>
                  ))}
                </TabList>
              </div>
              <Button
                appearance="subtle"
                size="small"
                className={styles.tabArrow}
                aria-label="向右滚动工作表标签"
                onClick={() => scrollTabs(1)}
              >
                ›
              </Button>
            </div>
          ) : null}
        </div>
        <aside className={styles.pane} aria-label="任务窗格" style={{ width: PANE_WIDTH }}>
          {loaded ? <App key={loaded.id} port={loaded.port} hostName="工作台" /> : null}
        </aside>
      </div>
    </FluentProvider>
  );
}
