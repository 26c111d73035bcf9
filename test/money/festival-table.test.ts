import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { Lunar } from 'lunar-typescript';
import { festivalDate, nearestFestival, type Festival } from '../../src/engine/money/holidays';
import { FESTIVAL_FIRST_YEAR, FESTIVAL_LAST_YEAR } from '../../src/engine/money/festivalTable';

// The engine reads festival dates from a table generated at build time (scripts/festivals.ts);
// this compares every entry with the library it was generated from.
const LUNAR: Record<Festival, [number, number]> = { 春节: [1, 1], 端午节: [5, 5], 中秋节: [8, 15] };

test('the generated table covers 1900–2100', () => {
  expect([FESTIVAL_FIRST_YEAR, FESTIVAL_LAST_YEAR]).toEqual([1900, 2100]);
});

test('every festival date 1900–2100 equals lunar-typescript', () => {
  const wrong: string[] = [];
  for (let y = 1900; y <= 2100; y++)
    for (const f of Object.keys(LUNAR) as Festival[]) {
      const lib = Lunar.fromYmd(y, LUNAR[f][0], LUNAR[f][1]).getSolar().toYmd();
      if (festivalDate(f, y) !== lib) wrong.push(`${f} ${y}: ${festivalDate(f, y)} ≠ ${lib}`);
    }
  expect(wrong).toEqual([]);
});

test('a year outside the table is refused with a reason, not guessed', () => {
  expect(() => festivalDate('春节', 1899)).toThrow(/1900–2100/);
  expect(() => nearestFestival('春节', '1850-02-01')).toThrow(/1900–2100/);
  // The edges still find the festival inside the table.
  expect(nearestFestival('中秋节', '2100-09-20')).toBe(festivalDate('中秋节', 2100));
  expect(nearestFestival('春节', '1900-01-20')).toBe('1900-01-31');
});

test('the engine no longer imports lunar-typescript', () => {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
    );
  const importers = walk(join(__dirname, '../../src')).filter((f) =>
    /from ['"]lunar-typescript['"]|require\(['"]lunar-typescript/.test(readFileSync(f, 'utf8')),
  );
  expect(importers).toEqual([]);
});
