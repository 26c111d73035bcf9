import * as React from 'react';
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  webLightTheme,
} from '@fluentui/react-components';
import type { WorkbookPort, Settings } from '../engine';
import { errorView, type ErrorView } from './model';
import { useStyles } from './styles';
import { loadEngine, type Checked, type Engine, type Notice, type PaneContext, type Planner, type TabId } from './pane';

// The first paint is the pane's frame (title, tabs, a spinner); each panel loads as its own chunk,
// the 检查 panel at once beside the engine, the others when first opened.
const CheckPanel = React.lazy(() =>
  import(/* webpackChunkName: "check" */ './CheckPanel').then((m) => ({ default: m.CheckPanel })),
);
// How each table was read (check --explain in the pane); it needs the engine, so it loads with the check panel.
const TablesPanel = React.lazy(() =>
  import(/* webpackChunkName: "check" */ './TablesPanel').then((m) => ({ default: m.TablesPanel })),
);
const WritePanel = React.lazy(() =>
  import(/* webpackChunkName: "panels" */ './WritePanel').then((m) => ({ default: m.WritePanel })),
);
const ExportPanel = React.lazy(() =>
  import(/* webpackChunkName: "panels" */ './ExportPanel').then((m) => ({ default: m.ExportPanel })),
);
const SettingsPanel = React.lazy(() =>
  import(/* webpackChunkName: "panels" */ './SettingsPanel').then((m) => ({ default: m.SettingsPanel })),
);

export type { Notice, PaneContext, Planner, TabId } from './pane';

export interface AppProps {
  /** The host the pane works on: Excel (ExcelPort) or the workbench's in-browser workbook. */
  readonly port: WorkbookPort;
  /** Shown in the header, e.g. "Excel" or "工作台". */
  readonly hostName?: string;
  /** Scoring planner; tests and the workbench may pass their own, the default is the engine's (loaded when first needed). */
  readonly planner?: Planner;
}

export function App({ port, hostName, planner }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [tab, setTab] = React.useState<TabId>('check');
  const [engine, setEngine] = React.useState<Engine>();
  const [settings, setSettings] = React.useState<Settings>();
  const [settingsNotice, setSettingsNotice] = React.useState<Notice>();
  const [checked, setChecked] = React.useState<Checked>();
  // The stored settings as last saved: updates chain on it, so two quick saves never drop one another.
  const latest = React.useRef<Settings>();
  const [progress, setProgress] = React.useState<string>();
  const [notice, setNotice] = React.useState<Notice>();

  React.useEffect(() => {
    let live = true;
    void loadEngine().then((e) => {
      if (!live) return;
      setEngine(e);
      // Until the stored settings are read (or fail to be), the defaults hold.
      latest.current ??= e.DEFAULT_SETTINGS;
      setSettings((s) => s ?? e.DEFAULT_SETTINGS);
    });
    Promise.all([port.loadSettings(), loadEngine()])
      .then(([raw, e]) => {
        if (!live) return;
        const { settings: s, issues } = e.readSettings(raw);
        latest.current = s;
        setSettings(s);
        if (issues.length)
          setSettingsNotice({
            intent: 'warning',
            title: '工作簿中保存的设置有误，已改用默认值',
            body: `${issues.map((i) => i.message).join('；')}。可在“设置”中修改后保存。`,
          });
      })
      .catch((e: unknown) => {
        if (!live) return;
        const v = errorView(e, '读取设置');
        setSettingsNotice({ intent: 'warning', title: v.title, body: `${v.body} 已使用默认设置。` });
      });
    return () => {
      live = false;
    };
  }, [port]);

  const run = React.useCallback(
    async <T,>(
      label: string,
      doing: string,
      action: (progress: (label: string) => void) => Promise<T>,
    ): Promise<T | undefined> => {
      setProgress(label);
      setNotice(undefined);
      try {
        return await action(setProgress);
      } catch (e) {
        const v: ErrorView = errorView(e, doing);
        setNotice({ intent: 'error', title: v.title, body: v.body });
        return undefined;
      } finally {
        setProgress(undefined);
      }
    },
    [],
  );

  const updateSettings = React.useCallback(
    async (change: (s: Settings) => Settings): Promise<Settings> => {
      const next = change(latest.current!);
      await port.saveSettings(next);
      latest.current = next;
      setSettings(next);
      return next;
    },
    [port],
  );

  const ctx: PaneContext | undefined = engine &&
    settings && {
      port,
      engine,
      settings,
      analysis: checked?.analysis,
      input: checked?.input,
      scope: checked?.scope,
      busy: progress !== undefined,
      planner,
      run,
      notify: setNotice,
      updateSettings,
    };

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root} lang="zh-CN">
        <header className={styles.header}>
          <span className={styles.title}>绩效评价助手</span>
          {hostName ? <span className={styles.host}>{hostName}</span> : null}
        </header>
        <TabList size="small" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)}>
          <Tab value="check">检查</Tab>
          <Tab value="write">计算并回写</Tab>
          <Tab value="export">导出</Tab>
          <Tab value="settings">设置</Tab>
        </TabList>
        {settingsNotice ? <NoticeBar notice={settingsNotice} /> : null}
        {progress ? <Spinner size="tiny" label={progress} labelPosition="after" aria-live="polite" /> : null}
        {notice ? <NoticeBar notice={notice} /> : null}
        {!ctx ? <Spinner size="tiny" label="正在加载…" labelPosition="after" /> : null}
        <React.Suspense fallback={<Spinner size="tiny" label="正在加载…" labelPosition="after" />}>
          {ctx && tab === 'check' ? <CheckPanel ctx={ctx} onChecked={setChecked} /> : null}
          {ctx && tab === 'check' && ctx.analysis ? (
            <TablesPanel
              analysis={ctx.analysis}
              onCorrect={async (c) => {
                // One entry per sheet and header row: a later correction of a column replaces the earlier one.
                await ctx.updateSettings((s) => {
                  const same = s.tables.find((x) => x.sheet === c.sheet && x.headerRow === c.headerRow);
                  const others = s.tables.filter((x) => x !== same);
                  return { ...s, tables: [...others, { ...c, columns: { ...(same?.columns ?? {}), ...c.columns } }] };
                });
              }}
            />
          ) : null}
          {ctx && tab === 'write' ? <WritePanel ctx={ctx} /> : null}
          {ctx && tab === 'export' ? <ExportPanel ctx={ctx} /> : null}
          {ctx && tab === 'settings' ? <SettingsPanel ctx={ctx} onSaved={() => setSettingsNotice(undefined)} /> : null}
        </React.Suspense>
      </main>
    </FluentProvider>
  );
}

export function NoticeBar({ notice }: { notice: Notice }): React.JSX.Element {
  return (
    <MessageBar intent={notice.intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle>
        {notice.body ? <div>{notice.body}</div> : null}
      </MessageBarBody>
    </MessageBar>
  );
}

export default App;
