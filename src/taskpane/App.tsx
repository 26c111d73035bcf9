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
import type { WorkbookPort } from '../engine/port';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../engine/settings';
import { errorView, type ErrorView } from './model';
import { useStyles } from './styles';
import { CheckPanel } from './CheckPanel';
import { WritePanel } from './WritePanel';
import { ExportPanel } from './ExportPanel';
import { SettingsPanel } from './SettingsPanel';
import type { Checked, Notice, PaneContext, Planner, TabId } from './pane';

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
  const [settings, setSettings] = React.useState<Settings>(DEFAULT_SETTINGS);
  const [settingsNotice, setSettingsNotice] = React.useState<Notice>();
  const [checked, setChecked] = React.useState<Checked>();
  // The stored settings as last saved: updates chain on it, so two quick saves never drop one another.
  const latest = React.useRef<Settings>(DEFAULT_SETTINGS);
  const [progress, setProgress] = React.useState<string>();
  const [notice, setNotice] = React.useState<Notice>();

  React.useEffect(() => {
    let live = true;
    port
      .loadSettings()
      .then((raw) => {
        if (!live) return;
        const { settings: s, issues } = readSettings(raw);
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

  const run = React.useCallback(async <T,>(label: string, doing: string, action: (progress: (label: string) => void) => Promise<T>): Promise<T | undefined> => {
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
  }, []);

  const updateSettings = React.useCallback(
    async (change: (s: Settings) => Settings): Promise<Settings> => {
      const next = change(latest.current);
      await port.saveSettings(next);
      latest.current = next;
      setSettings(next);
      return next;
    },
    [port],
  );

  const ctx: PaneContext = {
    port,
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
        {tab === 'check' ? <CheckPanel ctx={ctx} onChecked={setChecked} /> : null}
        {tab === 'write' ? <WritePanel ctx={ctx} /> : null}
        {tab === 'export' ? <ExportPanel ctx={ctx} /> : null}
        {tab === 'settings' ? (
          <SettingsPanel
            ctx={ctx}
            onSaved={() => setSettingsNotice(undefined)}
          />
        ) : null}
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
