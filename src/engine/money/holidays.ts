import { isWorkday as officialIsWorkday } from 'chinese-days';
import type { Settings } from '../settings';
import { FESTIVAL_FIRST_YEAR, FESTIVAL_LAST_YEAR, FESTIVAL_MONTH_DAY } from './festivalTable';

/**
 * Festival dates come from the lunar calendar: a table for 1900–2100 generated from lunar-typescript
 * at build time (scripts/festivals.ts; the library itself would be a third of the task pane's script
 * for three dates a year; a test compares every year with it). Official days off and
 * 调休 working days from chinese-days, which covers 2004–2026. Both are bundled data: nothing is
 * fetched at run time. Users add the arrangement of a later year in settings.extraHolidays.
 */
export type Festival = '春节' | '端午节' | '中秋节';
export const OFFICIAL_DATA_YEARS = { first: 2004, last: 2026 } as const;

/** ISO date of the festival in a Gregorian year (春节 2023 → 2023-01-22); RangeError outside 1900–2100. */
export function festivalDate(festival: Festival, year: number): string {
  if (!hasFestivalDate(year))
    throw new RangeError(`农历节日日期只覆盖 ${FESTIVAL_FIRST_YEAR}–${FESTIVAL_LAST_YEAR} 年（${year}）`);
  const md = FESTIVAL_MONTH_DAY[festival][year - FESTIVAL_FIRST_YEAR];
  return `${year}-${String(Math.floor(md / 100)).padStart(2, '0')}-${String(md % 100).padStart(2, '0')}`;
}

/** Whether the festival table covers the year. */
export function hasFestivalDate(year: number): boolean {
  return Number.isInteger(year) && year >= FESTIVAL_FIRST_YEAR && year <= FESTIVAL_LAST_YEAR;
}

/** `端午`, `端午节`, `2023年端午节走访慰问资金`, `春节走访慰问` → the festival named, if any. */
export function festivalIn(text: string): Festival | undefined {
  if (/春节|过年|年关|新春/.test(text)) return '春节';
  if (/端午/.test(text)) return '端午节';
  if (/中秋/.test(text)) return '中秋节';
  return undefined;
}

export function yearIn(text: string): number | undefined {
  const m = /(19|20)\d{2}(?=\s*年)/.exec(text);
  return m ? Number(m[0]) : undefined;
}

// A ledger names a few hundred distinct days across a hundred thousand rows.
const dayNumbers = new Map<string, number>();

function dayNumber(iso: string): number {
  let n = dayNumbers.get(iso);
  if (n === undefined) {
    n = Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(iso, n);
  }
  return n;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return dayNumber(toIso) - dayNumber(fromIso);
}

function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
}

// Payments fall on a few hundred distinct days: each day's nearest festival is found once.
const nearestDates = new Map<string, string>();

/** The festival occurrence nearest a payment date (a 端午 payment in July is for June's 端午). */
export function nearestFestival(festival: Festival, paidIso: string): string {
  const key = `${festival}:${paidIso}`;
  let nearest = nearestDates.get(key);
  if (nearest === undefined) {
    const y = Number(paidIso.slice(0, 4));
    const candidates = [y - 1, y, y + 1].filter(hasFestivalDate).map((yy) => festivalDate(festival, yy));
    if (candidates.length === 0) festivalDate(festival, y); // throws the RangeError that says why
    nearest = candidates.reduce((best, c) =>
      Math.abs(daysBetween(c, paidIso)) < Math.abs(daysBetween(best, paidIso)) ? c : best,
    );
    if (nearestDates.size > 100_000) nearestDates.clear();
    nearestDates.set(key, nearest);
  }
  return nearest;
}

export function hasOfficialData(year: number, settings: Settings): boolean {
  if (year >= OFFICIAL_DATA_YEARS.first && year <= OFFICIAL_DATA_YEARS.last) return true;
  return settings.extraHolidays.some((h) => h.days.some((d) => d.startsWith(`${year}-`)));
}

/** A working day per the official calendar (调休 included), or per settings for years it lacks. */
export function isWorkday(iso: string, settings: Settings): boolean {
  for (const h of settings.extraHolidays) {
    if (h.days.includes(iso)) return false;
    if (h.workdays.includes(iso)) return true;
  }
  const year = Number(iso.slice(0, 4));
  if (year >= OFFICIAL_DATA_YEARS.first && year <= OFFICIAL_DATA_YEARS.last) return officialIsWorkday(iso);
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The last day money may move: N working days before the festival (N = 0: the festival itself). */
export function paymentDeadline(festivalIso: string, workdaysBefore: number, settings: Settings): string {
  if (workdaysBefore <= 0) return festivalIso;
  let d = festivalIso;
  let left = workdaysBefore;
  while (left > 0) {
    d = addDays(d, -1);
    if (isWorkday(d, settings)) left--;
  }
  return d;
}
