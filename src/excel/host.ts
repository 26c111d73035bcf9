/* global Office */
import { ExcelPort } from './port';

/** Where the task pane page finds itself: inside Excel (with its port), in another Office app, or in a plain browser. */
export type ExcelHost =
  | { readonly kind: 'excel'; readonly port: ExcelPort }
  | { readonly kind: 'other-office-app' }
  | { readonly kind: 'outside-office' };

/**
 * Waits for Office.js and hands the pane a port over the open workbook. Kept here so that the task
 * pane never touches `Office` itself: it renders whatever host this reports.
 */
export async function connectToExcel(): Promise<ExcelHost> {
  if (typeof Office === 'undefined') return { kind: 'outside-office' };
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? { kind: 'excel', port: new ExcelPort() } : { kind: 'other-office-app' };
}
