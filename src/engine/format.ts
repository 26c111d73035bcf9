import type { CellValue } from './model/cell';
import { isDateFormat } from './dates';

/** The date rule lives in dates.ts; re-exported for the callers that format cells. */
export { isDateFormat };

/**
 * The text Excel shows for a value under a number format (`0.00%` → `94.44%`, `yyyy-mm-dd` →
 * `2021-06-23`, `#,##0.00` → `3,180.30`). The workbench's grid uses it so a cell reads as in Excel,
 * and messages can quote a cell as the user sees it. Covers the formats budget workbooks use:
 * General, fixed decimals, thousands separators, percent, literal text, sections for negatives/zero,
 * colours (ignored), and dates/times. Exotic codes fall back to General rather than throw.
 */
export function formatCell(value: CellValue, numFmt?: string): string {
  switch (value.kind) {
    case 'empty':
      return '';
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
    case 'error':
      return value.value;
    case 'string':
      return formatText(value.value, numFmt);
    case 'date': {
      const serial = serialOfIso(value.value);
      if (serial === undefined) return value.value;
      return isDateFormat(numFmt) ? formatNumber(serial, numFmt!) : value.value;
    }
    case 'number':
      return numFmt ? formatNumber(value.value, numFmt) : formatGeneral(value.value);
  }
}

/** Excel's General: integers as they are, fractions to at most 10 significant digits, huge/tiny in E notation. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [m, e] = n.toExponential(5).split('e');
    const exp = Number(e);
    return `${m.replace(/\.?0+$/, '')}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(Number(n.toPrecision(10)));
}

// Excel stores some built-in formats by id; exceljs reports these US codes for them, while a
// Chinese Excel shows its own short date (the locale-dependent ids 14 and 22).
const LOCALE_DATE: Readonly<Record<string, string>> = {
  'mm-dd-yy': 'yyyy/m/d',
  'm/d/yy': 'yyyy/m/d',
  'm/d/yy h:mm': 'yyyy/m/d h:mm',
  'm/d/yy\\ h:mm': 'yyyy/m/d h:mm',
};

/** Splits a format into its `;` sections, leaving quoted text and escapes intact. */
export function formatSections(fmt: string): string[] {
  const sections: string[] = [];
  let current = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      const stop = end < 0 ? fmt.length : end;
      current += fmt.slice(i, stop + 1);
      i = stop;
    } else if (ch === '\\' && i + 1 < fmt.length) {
      current += fmt.slice(i, i + 2);
      i++;
    } else if (ch === ';') {
      sections.push(current);
      current = '';
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

/** The format with quoted text, escapes and [brackets] removed: what decides its kind. */
function codeOnly(section: string): string {
  return section
    .replace(/"[^"]*"?/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
}

function formatText(text: string, numFmt?: string): string {
  if (!numFmt) return text;
  const sections = formatSections(numFmt);
  const textSection = sections.length >= 4 ? sections[3] : sections.find((s) => s.includes('@'));
  if (!textSection) return text;
  return renderLiterals(textSection, (token) => (token === '@' ? text : ''));
}

export function formatNumber(n: number, numFmt: string): string {
  if (!Number.isFinite(n)) return '#NUM!';
  const fmt = LOCALE_DATE[numFmt] ?? numFmt;
  if (/^general$/i.test(fmt.trim()) || fmt === '@') return formatGeneral(n);
  const sections = formatSections(fmt);
  let section = sections[0];
  let value = n;
  // A second section formats negatives without a sign of its own; a third formats zero.
  if (n < 0 && sections.length >= 2 && sections[1] !== '') {
    section = sections[1];
    value = -n;
  } else if (n === 0 && sections.length >= 3 && sections[2] !== '') section = sections[2];
  try {
    const code = codeOnly(section);
    if (/[ymdhs]/i.test(code.replace(/General/gi, ''))) return formatDate(value, section);
    if (/General/i.test(code)) return renderLiterals(section, (t) => (t === 'General' ? formatGeneral(value) : ''));
    if (!/[0#?]/.test(code)) return renderLiterals(section, () => '');
    return formatDigits(value, section);
  } catch {
    return formatGeneral(n);
  }
}

/** `0.00`, `#,##0.00`, `0.00%`, `0.0"分"`, `0.00E+00`: the digit part and the literal text around it. */
function formatDigits(value: number, section: string): string {
  const code = codeOnly(section);
  const percents = (code.match(/%/g) ?? []).length;
  const scaled = value * 100 ** percents;
  const digitPart = code.match(/[0#?,.]+(?:E[+-][0#]+)?/i)?.[0] ?? '0';
  const mantissa = digitPart.replace(/E[+-].*$/i, '');
  // Trailing commas scale by a thousand each (`#,##0,` shows thousands).
  const thousands = mantissa.match(/,+$/)?.[0].length ?? 0;
  const [intPattern, fracPattern = ''] = mantissa.slice(0, mantissa.length - thousands).split('.');
  const decimals = (fracPattern.match(/[0#?]/g) ?? []).length;
  const minDecimals = (fracPattern.match(/0/g) ?? []).length;
  const grouping = /[0#?],[0#?]/.test(intPattern);
  const minIntDigits = (intPattern.match(/0/g) ?? []).length;

  let body: string;
  if (/E[+-]/i.test(digitPart)) {
    body = scaled
      .toExponential(decimals)
      .toUpperCase()
      .replace(/E([+-])(\d)$/, 'E$10$2');
  } else {
    const abs = Math.abs(scaled) / 1000 ** thousands;
    let [intText, fracText = ''] = roundHalfAway(abs, decimals).split('.');
    fracText = fracText.replace(/0+$/, '').padEnd(minDecimals, '0');
    if (intText === '0' && minIntDigits === 0) intText = '';
    intText = intText.padStart(minIntDigits, '0');
    if (grouping) intText = intText.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    body = fracPattern !== '' && (fracText !== '' || decimals > 0) ? `${intText}.${fracText}` : intText;
    if (scaled < 0 && Number(body.replace(/,/g, '')) !== 0) body = `-${body}`;
  }
  let placed = false;
  return renderLiterals(section, (token) => {
    if (token === 'digits' && !placed) {
      placed = true;
      return body;
    }
    return token === '%' ? '%' : '';
  });
}

/** Rounds like Excel (half away from zero) on the decimal text, not the binary float. */
function roundHalfAway(abs: number, decimals: number): string {
  if (/e/i.test(String(abs))) return abs.toFixed(decimals);
  const shifted = Number(`${abs}e${decimals}`);
  const rounded = Math.round(shifted + Number.EPSILON * shifted);
  return Number(`${rounded}e-${decimals}`).toFixed(decimals);
}

/**
 * Text that stands for itself at `i`: "quoted", \escaped, [colour/locale] (nothing), _x (a space
 * as wide as x), *x (fill: nothing in a fixed-width cell). `last` is the index of its last character.
 */
function literalAt(section: string, i: number): { text: string; last: number } | undefined {
  switch (section[i]) {
    case '"': {
      const end = section.indexOf('"', i + 1);
      const last = end < 0 ? section.length : end;
      return { text: section.slice(i + 1, last), last };
    }
    case '\\':
      return { text: section[i + 1] ?? '', last: i + 1 };
    case '[':
      return { text: '', last: Math.max(i, section.indexOf(']', i)) };
    case '_':
      return { text: ' ', last: i + 1 };
    case '*':
      return { text: '', last: i + 1 };
    default:
      return undefined;
  }
}

/**
 * Walks a section, emitting literal text (quoted, escaped, or plain punctuation/CJK) and asking
 * `token` for what the value contributes: `digits` once for the number run, `%`, `@`, `General`.
 */
function renderLiterals(section: string, token: (t: string) => string): string {
  let out = '';
  let inDigits = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    const literal = literalAt(section, i);
    if (literal) {
      out += literal.text;
      i = literal.last;
      inDigits = false;
    } else if (/[0#?,.]/.test(ch) || (/[Ee]/.test(ch) && /[+-]/.test(section[i + 1] ?? ''))) {
      if (/[Ee]/.test(ch)) i++;
      if (!inDigits) out += token('digits');
      inDigits = true;
    } else if (ch === '%' || ch === '@') {
      out += token(ch);
      inDigits = false;
    } else if (section.startsWith('General', i)) {
      out += token('General');
      i += 'General'.length - 1;
    } else {
      out += ch;
      inDigits = false;
    }
  }
  return out;
}

const DAY_MS = 86_400_000;
// Excel's day 0 is 1899-12-30 once the fictitious 1900-02-29 is accounted for.
const EPOCH_MS = Date.UTC(1899, 11, 30);

export function serialOfIso(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return (ms - EPOCH_MS) / DAY_MS;
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatDate(serial: number, section: string): string {
  const date = new Date(EPOCH_MS + Math.round((serial * DAY_MS) / 1000) * 1000);
  const Y = date.getUTCFullYear();
  const M = date.getUTCMonth() + 1;
  const D = date.getUTCDate();
  const h = date.getUTCHours();
  const mi = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  const ampm = /AM\/PM|上午\/下午/i.test(section);
  const pad = (v: number) => String(v).padStart(2, '0');
  let out = '';
  let lastWasHour = false;
  for (let i = 0; i < section.length; i++) {
    const rest = section.slice(i);
    const run = (c: string) => rest.match(new RegExp(`^${c}+`, 'i'))?.[0].length ?? 0;
    const ch = section[i];
    const literal = literalAt(section, i);
    if (literal) {
      out += literal.text;
      i = literal.last;
    } else if (/^AM\/PM/i.test(rest)) {
      out += h < 12 ? 'AM' : 'PM';
      i += 4;
    } else if (rest.startsWith('上午/下午')) {
      out += h < 12 ? '上午' : '下午';
      i += 4;
    } else if (/[yY]/.test(ch)) {
      const n = run('y');
      out += n <= 2 ? pad(Y % 100) : String(Y);
      i += n - 1;
      lastWasHour = false;
    } else if (/[mM]/.test(ch)) {
      const n = run('m');
      // `m` after an hour or before seconds is minutes.
      const minutes = lastWasHour || /^m+[^ymdh"]*s/i.test(rest);
      if (minutes) out += n >= 2 ? pad(mi) : String(mi);
      else out += n >= 2 ? pad(M) : String(M);
      i += n - 1;
      lastWasHour = false;
    } else if (/[dD]/.test(ch)) {
      const n = run('d');
      const weekday = date.getUTCDay();
      out += n === 1 ? String(D) : n === 2 ? pad(D) : n === 3 ? WEEKDAY_EN[weekday] : WEEKDAY_ZH[weekday];
      i += n - 1;
      lastWasHour = false;
    } else if (/[hH]/.test(ch)) {
      const n = run('h');
      const hour = ampm ? h % 12 || 12 : h;
      out += n >= 2 ? pad(hour) : String(hour);
      i += n - 1;
      lastWasHour = true;
    } else if (/[sS]/.test(ch)) {
      const n = run('s');
      out += n >= 2 ? pad(s) : String(s);
      i += n - 1;
    } else out += ch;
  }
  return out;
}
