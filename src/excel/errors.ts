/**
 * Failures of the Excel host, typed so the pane can say what happened and what to do in Chinese.
 * Office.js reports errors as `OfficeExtension.Error` with a `code`; everything else is `unknown`.
 */
export type ExcelPortErrorKind =
  | 'protected'
  | 'too-large'
  | 'api-missing'
  | 'cell-edit-mode'
  | 'sheet-missing'
  | 'not-loaded'
  | 'write-failed'
  | 'unknown';

export class ExcelPortError extends Error {
  constructor(
    readonly kind: ExcelPortErrorKind,
    /** What happened, in Chinese, for a MessageBar title/body. */
    readonly zh: string,
    /** What the user can do about it. */
    readonly hint: string,
    readonly cause?: unknown,
  ) {
    super(zh);
    this.name = 'ExcelPortError';
  }
}

export function protectedSheetError(sheets: readonly string[]): ExcelPortError {
  return new ExcelPortError(
    'protected',
    `工作表“${sheets.join('”、“')}”受保护，无法写入`,
    '请在“审阅 → 撤消工作表保护”后重试；本次没有修改任何单元格。',
  );
}

export function tooLargeError(cells: number, limit: number): ExcelPortError {
  return new ExcelPortError(
    'too-large',
    `要读取的区域太大（约 ${cells.toLocaleString('en-US')} 个单元格，上限 ${limit.toLocaleString('en-US')}）`,
    '请改为“仅检查当前工作表”，或删除表格下方、右侧多余的空行空列后重试。',
  );
}

export function apiMissingError(set: string, version: string): ExcelPortError {
  return new ExcelPortError(
    'api-missing',
    `当前 Excel 版本不支持 ${set} ${version}（读取合并单元格等功能需要它）`,
    '请使用 Microsoft 365 / Excel 2021 及以上版本，或网页版 Excel。',
  );
}

export function sheetMissingError(sheet: string): ExcelPortError {
  return new ExcelPortError('sheet-missing', `找不到工作表“${sheet}”`, '工作表可能已被重命名或删除，请重新运行检查。');
}

export function notLoadedError(what: string): ExcelPortError {
  return new ExcelPortError(
    'not-loaded',
    `未能从 Excel 读取${what}`,
    '请重试；如果反复出现，请关闭并重新打开任务窗格。',
  );
}

/** Maps an Office.js error (or anything thrown inside Excel.run) to a typed error. */
export function toExcelPortError(e: unknown): ExcelPortError {
  if (e instanceof ExcelPortError) return e;
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  const message = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'InvalidOperationInCellEditMode':
      return new ExcelPortError(
        'cell-edit-mode',
        'Excel 正处于单元格编辑状态，无法操作',
        '请先按 Enter 或 Esc 结束编辑，再点一次按钮。',
        e,
      );
    case 'AccessDenied':
    case 'InvalidOperation':
      if (/protect/i.test(message) || code === 'AccessDenied')
        return new ExcelPortError(
          'protected',
          '工作表或工作簿受保护，Excel 拒绝了修改',
          '请撤消工作表保护（审阅 → 撤消工作表保护）后重试。',
          e,
        );
      break;
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
    case 'ResourceLimitReached':
      return new ExcelPortError(
        'too-large',
        '数据量超出了 Excel 单次传输的上限',
        '请改为“仅检查当前工作表”，或删除多余的空行空列后重试。',
        e,
      );
    case 'ItemNotFound':
      return new ExcelPortError(
        'sheet-missing',
        '找不到要操作的工作表或单元格',
        '工作表可能已被重命名或删除，请重新运行检查。',
        e,
      );
    case 'ApiNotFound':
      return new ExcelPortError(
        'api-missing',
        '当前 Excel 版本缺少所需的功能（API）',
        '请使用 Microsoft 365 / Excel 2021 及以上版本，或网页版 Excel。',
        e,
      );
  }
  return new ExcelPortError(
    'unknown',
    `Excel 操作失败：${message || code || '未知错误'}`,
    '请重试；如果反复出现，请保存工作簿后重新打开。',
    e,
  );
}
