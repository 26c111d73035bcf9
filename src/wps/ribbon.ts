import { wpsApplication, type EtApplication } from './api';

/**
 * The ribbon callbacks ribbon.xml names (`ribbon.OnAddinLoad`, `ribbon.OnAction`, `ribbon.GetImage`).
 * WPS loads the add-in's index.html once per session, which loads this bundle; the button opens
 * the task pane (or shows/hides the one it opened before: its id is kept in PluginStorage, which
 * every page of the add-in shares).
 */
export const OPEN_PANE_BUTTON = 'jixiaoOpenPane';
const PANE_ID_KEY = 'jixiao.taskPaneId';

export interface RibbonControl {
  readonly Id: string;
}

/** The task pane's address: taskpane.html beside the page that loaded this script. */
export function taskPaneUrl(base: string): string {
  return new URL('taskpane.html', base).href;
}

export function createRibbon(app: () => EtApplication | undefined, base: () => string) {
  return {
    OnAddinLoad(): boolean {
      return true;
    },
    OnAction(control: RibbonControl): boolean {
      if (control.Id !== OPEN_PANE_BUTTON) return false;
      const wps = app();
      if (!wps) return false;
      const id = wps.PluginStorage.getItem(PANE_ID_KEY);
      const existing =
        id !== null && id !== undefined && id !== '' ? wps.GetTaskPane(id as number | string) : undefined;
      if (existing) {
        existing.Visible = !existing.Visible;
        return true;
      }
      const pane = wps.CreateTaskPane(taskPaneUrl(base()));
      wps.PluginStorage.setItem(PANE_ID_KEY, pane.ID);
      pane.Visible = true;
      return true;
    },
    GetImage(control: RibbonControl): string {
      return control.Id === OPEN_PANE_BUTTON ? 'images/icon-64.png' : '';
    },
  };
}

(globalThis as { ribbon?: unknown }).ribbon = createRibbon(
  () => wpsApplication(),
  () => (typeof location !== 'undefined' ? location.href : 'http://127.0.0.1/'),
);
