import type {
  WorkbookPort,
  ReadScope,
  WorkbookInput,
  Analysis,
  ScorePlan,
  Table,
  ScoreOptions,
  Settings,
} from '../engine';

/** The pane's shared context: what the panels get from App (kept here so panels never import App). */

export type Planner = (
  input: WorkbookInput,
  settings?: unknown,
  options?: ScoreOptions,
) => ScorePlan & { tables: Table[] };

export type TabId = 'check' | 'write' | 'export' | 'settings';

export interface Notice {
  readonly intent: 'error' | 'warning' | 'success' | 'info';
  readonly title: string;
  readonly body?: string;
}

/** The last check: what was read (and in which scope), and what the engine found. */
export interface Checked {
  readonly analysis: Analysis;
  readonly input: WorkbookInput;
  readonly scope: ReadScope;
}

/** What the panels share: the last check, settings, and one place to run host actions. */
export interface PaneContext {
  readonly port: WorkbookPort;
  /** The engine chunk (loaded before the panels render). */
  readonly engine: Engine;
  /** The workbook's stored settings, verdicts on findings (reviews) and write journal included. */
  readonly settings: Settings;
  readonly analysis?: Analysis;
  readonly input?: WorkbookInput;
  /** Scope of the last check. */
  readonly scope?: ReadScope;
  readonly busy: boolean;
  /** Scoring planner; undefined = the engine's (loaded when first needed). */
  readonly planner?: Planner;
  /** Runs a host action with a progress label; failures become a MessageBar, never an exception. */
  run<T>(
    label: string,
    doing: string,
    action: (progress: (label: string) => void) => Promise<T>,
  ): Promise<T | undefined>;
  notify(n: Notice | undefined): void;
  /** Changes the stored settings (reviews, journal, options) and saves them in the workbook. */
  updateSettings(change: (s: Settings) => Settings): Promise<Settings>;
}

/** Lets the spinner paint before a long synchronous step (the engine) blocks the thread. */
export const nextFrame = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export type Engine = typeof import('./engine');
let engine: Promise<Engine> | undefined;

/** The engine chunk, fetched once, on the first check or calculation. */
export function loadEngine(): Promise<Engine> {
  // The 检查 panel is what the user sees first: fetched alongside the engine, not after it.
  void import(/* webpackChunkName: "check" */ './CheckPanel');
  engine ??= import(/* webpackChunkName: "engine" */ './engine');
  return engine;
}

/** The planner the pane uses: the one given (tests, workbench) or the engine's. */
export async function plannerOf(ctx: Pick<PaneContext, 'planner'>): Promise<Planner> {
  return ctx.planner ?? (await loadEngine()).planWorkbookScores;
}

/** Reads through the port and runs the engine; both steps show progress. */
export async function checkWorkbook(
  ctx: Pick<PaneContext, 'port' | 'settings'>,
  scope: ReadScope,
  progress: (s: string) => void,
): Promise<Checked> {
  const input = await ctx.port.read(scope);
  progress(`正在检查 ${input.sheets.length} 个工作表…`);
  const { analyzeWorkbook } = await loadEngine();
  await nextFrame();
  return { analysis: analyzeWorkbook(input, ctx.settings), input, scope };
}
