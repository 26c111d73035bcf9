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
import type { WorkbookPort } from '../engine';
import type { WorkbookInput } from '../engine';
import { analyzeWorkbook, type Analysis } from '../engine';
import { planWorkbookScores } from '../engine';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../engine';
import { errorView, type ErrorView } from './model';
import { useStyles } from './styles';
import { CheckPanel } from './CheckPanel';
import { WritePanel } from './WritePanel';
import { ExportPanel } from './ExportPanel';
import { SettingsPanel } from './SettingsPanel';
import { TablesPanel } from './TablesPanel';

export type Planner = typeof planWorkbookScores;

export interface AppProps {
  /** The host the pane works on: Excel (ExcelPort) or the workbench's in-browser workbook. */
  readonly port: WorkbookPort;
  /** Shown in the header, e.g. "Excel" or "工作台". */
  readonly hostName?: string;
  /** Scoring planner; tests and the workbench may pass their own, the default is the engine's. */
  readonly planner?: Planner;
}

export type TabId = 'check' | 'write' | 'export' | 'settings';

export interface Notice {
  readonly intent: 'error' | 'warning' | 'success' | 'info';
  readonly title: string;
  readonly body?: string;
}

/** What the panels share: the last check, settings, and one place to run host actions. */
export interface PaneContext {
  readonly port: WorkbookPort;
  readonly settings: Settings;
  readonly analysis?: Analysis;
  readonly input?: WorkbookInput;
  readonly busy: boolean;
  readonly planner: Planner;
  /** Runs a host action with a progress label; failures become a MessageBar, never an exception. */
  run<T>(label: string, doing: string, action: (progress: (label: string) => void) => Promise<T>): Promise<T | undefined>;
  notify(n: Notice | undefined): void;
}

/** Lets the spinner paint before a long synchronous step (the engine) blocks the thread. */
export const nextFrame = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export function App({ port, hostName, planner = planWorkbookScores }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [tab, setTab] = React.useState<TabId>('check');
  const [settings, setSettings] = React.useState<Settings>(DEFAULT_SETTINGS);
  const [settingsNotice, setSettingsNotice] = React.useState<Notice>();
  const [analysis, setAnalysis] = React.useState<Analysis>();
  const [input, setInput] = React.useState<WorkbookInput>();
  const [progress, setProgress] = React.useState<string>();
  const [notice, setNotice] = React.useState<Notice>();

  React.useEffect(() => {
    let live = true;
    port
      .loadSettings()
      .then((raw) => {
        if (!live) return;
        const { settings: s, issues } = readSettings(raw);
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

  const ctx: PaneContext = {
    port,
    settings,
    analysis,
    input,
    busy: progress !== undefined,
    planner,
    run,
    notify: setNotice,
  };

  const onChecked = (a: Analysis, i: WorkbookInput) => {
    setAnalysis(a);
    setInput(i);
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
        {tab === 'check' ? <CheckPanel ctx={ctx} onChecked={onChecked} /> : null}
        {tab === 'check' && analysis ? <TablesPanel analysis={analysis} /> : null}
        {tab === 'write' ? <WritePanel ctx={ctx} /> : null}
        {tab === 'export' ? <ExportPanel ctx={ctx} /> : null}
        {tab === 'settings' ? (
          <SettingsPanel
            ctx={ctx}
            onSaved={(s) => {
              setSettings(s);
              setSettingsNotice(undefined);
            }}
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

/** Runs the engine on what the port read; both steps show progress. */
export async function checkWorkbook(ctx: PaneContext, scope: 'active' | 'all', progress: (s: string) => void): Promise<{ analysis: Analysis; input: WorkbookInput }> {
  const input = await ctx.port.read(scope);
  progress(`正在检查 ${input.sheets.length} 个工作表…`);
  await nextFrame();
  return { analysis: analyzeWorkbook(input, ctx.settings), input };
}

export default App;
