/* global Excel */
import { z } from 'zod';
import { ExcelPortError } from './errors';

/**
 * What the add-in keeps in the workbook's document settings between sessions: the saved settings, the
 * original fill of each marked cell, and the sheets jixiao added (so a later session replaces them). The
 * counterpart of xlsx/state.ts, which keeps the same in a very-hidden sheet.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The part of `Office.context.document.settings` the port uses. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message: string } }) => void): void;
}

export const SETTINGS_KEY = 'jixiao.settings';
export const MARKS_KEY = 'jixiao.marks';
export const ADDED_SHEETS_KEY = 'jixiao.addedSheets';

/** The original fill of a marked cell, kept in the workbook's document settings. */
const markSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  /** The fill jixiao put there, so a fill the user changed since is left alone. */
  mark: z.string(),
  color: z.string().nullable(),
  pattern: z.string().nullable(),
  patternColor: z.string().nullable().optional(),
  tintAndShade: z.number().nullable().optional(),
});
export type StoredMark = z.infer<typeof markSchema>;
export const marksSchema = z.array(markSchema);

/** Marks jixiao has placed and not cleared yet (validated: a damaged entry is no mark). */
export function storedMarks(settings: DocumentSettings): StoredMark[] {
  const parsed = marksSchema.safeParse(settings.get(MARKS_KEY));
  return parsed.success ? parsed.data : [];
}

/** Sheets jixiao added in earlier sessions. */
export function addedSheets(settings: DocumentSettings): string[] {
  const parsed = z.array(z.string()).safeParse(settings.get(ADDED_SHEETS_KEY));
  return parsed.success ? parsed.data : [];
}

/** Saves the document settings; a read-only workbook gets a Chinese error with what to do. */
export function saveDocumentSettings(settings: DocumentSettings): Promise<void> {
  return new Promise((resolve, reject) => {
    settings.saveAsync((result) => {
      if (result && result.status === 'failed') {
        reject(
          new ExcelPortError(
            'unknown',
            `保存设置失败：${result.error?.message ?? ''}`,
            '请确认工作簿不是只读的，然后重试。',
          ),
        );
      } else resolve();
    });
  });
}
