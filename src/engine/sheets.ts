/**
 * Where a sheet jixiao adds (综合评定得分表, 问题清单, …分单位得分) goes: the one decision on sheet names, made
 * the same way by the scorer that names the sheet and by both adapters that add it. Pure.
 */

/** Excel's limit on a sheet name, in UTF-16 units as Excel counts them. */
export const SHEET_NAME_MAX = 31;
/** Excel's own suffix for a second sheet of one name (`问题清单 (2)`), used beside a sheet the user made. */
const COPY_SUFFIX = / \((\d+)\)$/;

/**
 * A sheet name Excel accepts: none of `: \ / ? * [ ]` (each becomes `_`), no apostrophe at either end,
 * at most 31 characters (cut without splitting a surrogate pair), not empty, not Excel's reserved
 * `History`. Idempotent: a name it returns comes back unchanged.
 */
export function excelSheetName(name: string): string {
  let s = name.replace(/[:\\/?*[\]\u0000-\u001f]/g, '_').replace(/^'+|'+$/g, '');
  s = fit(s, SHEET_NAME_MAX).replace(/'+$/, '');
  if (s.trim() === '') return 'jixiao';
  return s.toLowerCase() === 'history' ? `${s}_` : s;
}

/** The longest prefix of `s` of at most `max` UTF-16 units that does not end inside a surrogate pair. */
function fit(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max;
  const last = s.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return s.slice(0, cut);
}

/** Where to put a sheet: `name` is final; `replaces` means a sheet of that name jixiao added earlier is replaced. */
export interface SheetPlacement {
  readonly name: string;
  readonly replaces: boolean;
}

/**
 * Where a sheet jixiao wants to add goes, given the workbook's sheet names (`existing`) and the ones jixiao
 * added in earlier sessions (`addedByJixiao`, from the workbook's state). Excel compares sheet names without
 * regard to case, and so does this.
 *
 * - The name is made legal first (`excelSheetName`).
 * - Free: it is used. A sheet jixiao added under that name: it is replaced (a second 写入综合评定表 does
 *   not pile up a copy).
 * - A sheet the user made under that name is never touched: the sheet goes to `name (2)`, then `name (3)`…
 *   (Excel's own naming of a second sheet), the name cut so that the suffix survives the 31-character
 *   limit; the first candidate that is free or jixiao's own is taken. At most `existing.length + 1`
 *   candidates are tried after the name itself, so it always ends, and one of them is always free.
 *
 * Idempotent: placing the name it returns again, with the same lists, returns the same placement (so the
 * scorer can place a sheet and the adapter place it again).
 */
export function placeSheet(
  wanted: string,
  existing: readonly string[],
  addedByJixiao: readonly string[],
): SheetPlacement {
  const present = new Map(existing.map((n) => [n.toLowerCase(), n]));
  const ours = new Set(addedByJixiao.map((n) => n.toLowerCase()));
  const base = excelSheetName(wanted);
  const candidates = function* (): Generator<string> {
    yield base;
    // A name that already carries a suffix (placed before) counts on from it rather than growing another.
    const stem = base.replace(COPY_SUFFIX, '');
    for (let i = 2; i <= existing.length + 2; i++) {
      const suffix = ` (${i})`;
      yield excelSheetName(`${fit(stem, SHEET_NAME_MAX - suffix.length)}${suffix}`);
    }
  };
  for (const name of candidates()) {
    const key = name.toLowerCase();
    const there = present.get(key);
    if (there === undefined) return { name, replaces: false };
    if (ours.has(key)) return { name: there, replaces: true };
  }
  // Unreachable: existing.length + 2 distinct candidates cannot all be taken by existing.length names.
  throw new Error(`no free sheet name for ${wanted}`);
}
