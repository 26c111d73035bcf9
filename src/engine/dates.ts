/**
 * The one date rule of jixiao, for every host (Excel add-in, .xlsx reader, workbench) and every
 * reader of a date column. A cell holds a date when
 * - its number format shows a date or time (`isDateFormat`), including the built-in format ids
 *   Excel stores without a `<numFmt>` element (`builtinNumFmt`: ECMA-376 Part 1 §18.8.30 and the
 *   ids East Asian and Thai Excel assign to their own date formats); its number is then a serial
 *   day in the workbook's date system (`serialToIso`, 1900 or 1904);
 * - or its type says so (`t="d"`, an ISO 8601 text: `isoOfTypedDate`);
 * - or, only in a column that holds dates (a ledger's 拨付日期), it is a date typed as text in a
 *   spelling Chinese offices use (`textDateIso`): `2021-6-23`, `2021/6/23`, `2021.6.23`,
 *   `2021年6月23日`, and the compact `20210623`.
 * Dates are ISO `yyyy-mm-dd` (time of day dropped: ledgers record days).
 */

/**
 * Built-in number formats by id, for a style that names an id with no `<numFmt>` element.
 * 0–49 as ECMA-376 §18.8.30 lists them (the codes exceljs reports, so that a workbook reads the
 * same through either reader). 5–8 and 41–44 are locale currency/accounting formats (zh-CN shown).
 * 27–36 and 50–58 are the East Asian date and time formats: Excel in zh-CN, zh-TW, ja-JP and ko-KR
 * writes these ids for its own 年月日 formats; every one of them is a date or a time in every one
 * of those locales, so they are dates whatever the locale, and are shown as zh-CN shows them.
 * 59–81 are Thai Excel's; 71–81 are its dates and times (given here in Latin letters).
 */
const BUILTIN_NUM_FMTS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '"¥"#,##0;"¥"\\-#,##0',
  6: '"¥"#,##0;[Red]"¥"\\-#,##0',
  7: '"¥"#,##0.00;"¥"\\-#,##0.00',
  8: '"¥"#,##0.00;[Red]"¥"\\-#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  41: '_ * #,##0_ ;_ * \\-#,##0_ ;_ * "-"_ ;_ @_ ',
  42: '_ "¥"* #,##0_ ;_ "¥"* \\-#,##0_ ;_ "¥"* "-"_ ;_ @_ ',
  43: '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ ',
  44: '_ "¥"* #,##0.00_ ;_ "¥"* \\-#,##0.00_ ;_ "¥"* "-"??_ ;_ @_ ',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
  59: '0',
  60: '0.00',
  61: '#,##0',
  62: '#,##0.00',
  67: '0%',
  68: '0.00%',
  69: '# ?/?',
  70: '# ??/??',
  71: 'd/m/yyyy',
  72: 'd-mmm-yy',
  73: 'd-mmm',
  74: 'mmm-yy',
  75: 'h:mm',
  76: 'h:mm:ss',
  77: 'd/m/yyyy h:mm',
  78: 'mm:ss',
  79: '[h]:mm:ss',
  80: 'mm:ss.0',
  81: 'd/m/bb',
};

// A sheet uses a handful of formats over all its number cells: each is judged once.
const judged = new Map<string, boolean>();

/** The ids of the built-in formats that show a date or a time (derived from the table, not listed twice). */
export const BUILTIN_DATE_FORMAT_IDS: readonly number[] = Object.keys(BUILTIN_NUM_FMTS)
  .map(Number)
  .filter((id) => isDateFormat(BUILTIN_NUM_FMTS[id]));

/** The format code of a built-in number format id, or undefined for an id Excel does not define. */
export function builtinNumFmt(id: number): string | undefined {
  return BUILTIN_NUM_FMTS[id];
}

/**
 * True for a number format that shows a date or a time, so that its number is a serial day.
 * Decided by the first section with quoted text, escapes, padding, fills and [brackets] (colours,
 * locales, conditions) removed: a date/time code letter left over (y m d h s; b for Buddhist
 * years, g and e for era years, as East Asian formats use) makes it a date. `[h]` elapsed time
 * counts as time.
 */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt || numFmt === 'General' || numFmt === '@') return false;
  let known = judged.get(numFmt);
  if (known === undefined) {
    if (judged.size > 10_000) judged.clear();
    judged.set(numFmt, (known = showsDate(numFmt)));
  }
  return known;
}

function showsDate(numFmt: string): boolean {
  const code = firstSection(numFmt)
    .replace(/"[^"]*"?/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General|G\/通用格式/gi, '')
    .replace(/AM\/PM|A\/P|上午\/下午/gi, '');
  // `e` is an era year, except in scientific notation (0.00E+00).
  return /[ymdhsbg]|e(?![+-])/i.test(code);
}

/** The format up to its first `;` outside quotes and escapes. */
function firstSection(fmt: string): string {
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      if (end < 0) return fmt;
      i = end;
    } else if (ch === '\\') i++;
    else if (ch === ';') return fmt.slice(0, i);
  }
  return fmt;
}

const DAY_MS = 86_400_000;
/** 1970-01-01 as a serial day in each date system. */
const UNIX_EPOCH_1900 = 25_569;
const UNIX_EPOCH_1904 = 24_107;

/**
 * A serial day number → ISO date, in the workbook's date system: 1900 (serial 1 = 1900-01-01, with
 * Excel's non-existent 1900-02-29 at serial 60) or 1904 (serial 0 = 1904-01-01, Mac Excel and
 * LibreOffice's `date1904`). Time of day is dropped. '' for what is not a date (below the first
 * day: a time of day alone, a negative number; or past year 9999).
 */
export function serialToIso(serial: number, date1904 = false): string {
  if (!Number.isFinite(serial)) return '';
  const whole = Math.floor(serial);
  let days: number;
  if (date1904) {
    if (whole < 0) return '';
    days = whole - UNIX_EPOCH_1904;
  } else {
    if (whole < 1) return '';
    // Excel counts a non-existent 1900-02-29 (serial 60): from 61 on, serials are one day ahead of the calendar.
    days = whole >= 61 ? whole - UNIX_EPOCH_1900 : whole - UNIX_EPOCH_1900 + 1;
  }
  const d = new Date(days * DAY_MS);
  const iso = Number.isNaN(d.getTime()) ? '' : d.toISOString();
  return /^\d{4}-/.test(iso) ? iso.slice(0, 10) : '';
}

/**
 * The date of a `t="d"` cell (ISO 8601: `2021-06-23`, `2021-06-23T00:00:00`, with fraction or
 * zone), what openpyxl and LibreOffice write. undefined when the text is no calendar date (a time
 * of day alone, `T10:30:00`, is not one).
 */
export function isoOfTypedDate(text: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(
    text,
  );
  return m ? calendarIso(+m[1], +m[2], +m[3]) : undefined;
}

/** How a date written as text was spelled: with separators, or the compact 8 digits. */
export type TextDateSpelling = 'separated' | 'compact';

/**
 * A date typed as text in a spelling Chinese offices use → ISO, or undefined. `2021-6-23`,
 * `2021/6/23`, `2021.6.23`, `2021年6月23日` (and a time after them) are dates wherever they stand;
 * `20210623` only when `compact` is allowed — in a column that holds dates, since elsewhere eight
 * digits are as likely an amount or a code. Years 1900–2099 only, and a real calendar day.
 */
export function textDateIso(text: string, compact: boolean): { iso: string; spelling: TextDateSpelling } | undefined {
  const t = text.trim();
  const m = /^((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*[日号])?(?:$|[\sT])/.exec(t);
  if (m) {
    const iso = calendarIso(+m[1], +m[2], +m[3]);
    return iso ? { iso, spelling: 'separated' } : undefined;
  }
  if (!compact) return undefined;
  const c = /^((?:19|20)\d{2})(\d{2})(\d{2})$/.exec(t);
  if (!c) return undefined;
  const iso = calendarIso(+c[1], +c[2], +c[3]);
  return iso ? { iso, spelling: 'compact' } : undefined;
}

/** yyyy-mm-dd when the three numbers are a day of the calendar (no 2021-02-30). */
function calendarIso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 || year > 9999) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
