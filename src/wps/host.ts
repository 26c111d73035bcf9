import { wpsApplication, type EtApplication } from './api';
import { WpsPort } from './port';

/** Where a WPS add-in page finds itself: inside WPS 表格 (with its port), or anywhere else. */
export type WpsHost =
  { readonly kind: 'wps'; readonly port: WpsPort; readonly app: EtApplication } | { readonly kind: 'outside-wps' };

/** A port over the open workbook when the page runs inside WPS; kept here so the pane never touches `Application`. */
export function connectToWps(scope: unknown = globalThis): WpsHost {
  const app = wpsApplication(scope);
  return app ? { kind: 'wps', port: new WpsPort(app), app } : { kind: 'outside-wps' };
}
