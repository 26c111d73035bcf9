import type { Sheet } from './model/sheet';
import { normalizeLabel } from './text';

/**
 * Header detection shared by every table family: a header row is a row whose cells name enough of
 * a family's column roles. Roles are matched on normalised text (no spaces or line breaks,
 * half-width), so `一级\n指标`, `分值（70分）` and `得  分` all match.
 */
export type RolePatterns<R extends string> = Readonly<Record<R, RegExp>>;

export interface HeaderMatch<R extends string> {
  readonly row: number;
  /** Column of each role found (leftmost match wins; a column serves one role). */
  readonly cols: Readonly<Partial<Record<R, number>>>;
  /** The header text of each role, as written. */
  readonly texts: Readonly<Partial<Record<R, string>>>;
  /**
   * Every column naming each role, left to right: forms print a 分值 after each level
   * (`一级指标 | 分值 | 二级指标 | 分值`). `cols` holds the first of them.
   */
  readonly all: Readonly<Partial<Record<R, readonly number[]>>>;
  readonly firstCol: number;
  readonly lastCol: number;
  /** Last row of a header printed on two rows (see layout/rows.ts `joinHeaderBands`). */
  readonly bandBottom?: number;
}

export interface HeaderOptions<R extends string> {
  /** Roles that must all be present. */
  readonly required: readonly R[];
  /** How many roles at least (required included). */
  readonly minRoles?: number;
  /** Rows to scan; default the whole sheet. */
  readonly fromRow?: number;
  readonly toRow?: number;
  /** Longest header text considered: a paragraph that happens to contain 得分 is not a header. */
  readonly maxTextLength?: number;
}

export function matchHeaderRow<R extends string>(
  sheet: Sheet,
  row: number,
  patterns: RolePatterns<R>,
  opts: HeaderOptions<R>,
): HeaderMatch<R> | undefined {
  const cols: Partial<Record<R, number>> = {};
  const texts: Partial<Record<R, string>> = {};
  const all: Partial<Record<R, number[]>> = {};
  const rolesOf = roleMatcher(patterns);
  const maxLen = opts.maxTextLength ?? 24;
  let firstCol = Number.MAX_SAFE_INTEGER;
  let lastCol = 0;
  const end = sheet.lastColIn(row);
  for (let col = 1; col <= end; col++) {
    // A header merged across columns (H6:I6 得分) counts once, at its left cell.
    const m = sheet.mergeOf(row, col);
    if (m && m.left !== col) continue;
    // Headers are text: numbers, dates and long paragraphs are skipped before any normalising,
    // which is most of the work on a 100,000-row ledger.
    const value = sheet.value(row, col);
    if (value.kind !== 'string' || value.value.length > maxLen * 4) continue;
    const raw = value.value;
    const roles = rolesOf(normalizeLabel(raw), maxLen);
    const role = roles.find((r) => cols[r] === undefined);
    if (role !== undefined) {
      cols[role] = col;
      texts[role] = raw;
      firstCol = Math.min(firstCol, col);
      lastCol = Math.max(lastCol, col);
    }
    // A repeated role (a second 分值) is kept apart: the first column stays the role's column.
    const listed = role ?? roles[0];
    if (listed !== undefined) (all[listed] ??= []).push(col);
  }
  const found = Object.keys(cols).length;
  if (opts.required.some((r) => cols[r] === undefined)) return undefined;
  if (found < (opts.minRoles ?? opts.required.length)) return undefined;
  return { row, cols, texts, all, firstCol, lastCol };
}

const NO_ROLES: readonly never[] = [];
const matchers = new WeakMap<object, { roles: readonly string[]; any: RegExp | undefined }>();

/**
 * The roles a cell text (normalised) could name, in pattern order. One combined pattern per family
 * rejects the ordinary cells (names, voucher numbers) in a single test, and only a possible header
 * text is tried role by role.
 */
function roleMatcher<R extends string>(patterns: RolePatterns<R>): (norm: string, maxLen: number) => readonly R[] {
  const { roles, any } = familyMatcher(patterns);
  return (norm, maxLen) => {
    if (!norm || norm.length > maxLen) return NO_ROLES;
    if (any && !any.test(norm)) return NO_ROLES;
    return roles.filter((role) => patterns[role].test(norm));
  };
}

function familyMatcher<R extends string>(patterns: RolePatterns<R>): { roles: readonly R[]; any: RegExp | undefined } {
  let m = matchers.get(patterns);
  if (!m) {
    const roles = Object.keys(patterns) as R[];
    const plain = roles.every((r) => isPlain(patterns[r]));
    m = { roles, any: plain ? new RegExp(roles.map((r) => `(?:${patterns[r].source})`).join('|')) : undefined };
    matchers.set(patterns, m);
  }
  return m as { roles: readonly R[]; any: RegExp | undefined };
}

/** No flags that change what a pattern matches (g and y only change where exec starts). */
function isPlain(re: RegExp): boolean {
  return re.flags.replace(/[gy]/g, '') === '';
}

/*
 * Every family looks for its header on every row of every sheet. On a 100,000-row ledger that was
 * six scans of every cell; instead each sheet is scanned once, with one pattern that joins the role
 * patterns of every family, for the rows where some cell could name some role. A family then looks
 * only at those rows: a row none of whose cells matches the joined pattern cannot match the
 * family's own. Families declare their patterns with `defineRoles` when their module loads, so the
 * joined pattern is complete before the first sheet is read; patterns met later (tests, ad hoc
 * callers) join it then, and sheets scanned before are scanned again.
 */
/** The source of each family's combined pattern. */
const familySources = new Set<string>();
let joined: RegExp | undefined;
let joinedVersion = 0;
const rowIndexes = new WeakMap<Sheet, { version: number; rows: Uint8Array }>();

/** Declares a family's role patterns (at module level), so that sheets are scanned once for all. */
export function defineRoles<R extends string>(patterns: RolePatterns<R>): RolePatterns<R> {
  join(patterns);
  return patterns;
}

/** Adds a family to the joined pattern; false if it cannot join (a pattern with flags). */
function join<R extends string>(patterns: RolePatterns<R>): boolean {
  const { any } = familyMatcher(patterns);
  if (!any) return false;
  if (!familySources.has(any.source)) {
    familySources.add(any.source);
    joined = new RegExp([...familySources].map((source) => `(?:${source})`).join('|'));
    joinedVersion++;
  }
  return true;
}

/** 1 for each row of `sheet` with a cell whose label matches some family's role pattern. */
function candidateRows(sheet: Sheet): Uint8Array {
  const known = rowIndexes.get(sheet);
  if (known && known.version === joinedVersion) return known.rows;
  const rows = new Uint8Array(sheet.maxRow + 1);
  const any = joined!;
  // Texts repeat down a sheet (payer, payee, purpose on every ledger row): each is tested once.
  const tested = new Map<string, boolean>();
  for (let row = 1; row <= sheet.maxRow; row++) {
    for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) {
      const value = sheet.value(row, col);
      if (value.kind !== 'string') continue; // only text names a role (Sheet.label)
      let names = tested.get(value.value);
      if (names === undefined) {
        const norm = normalizeLabel(value.value);
        tested.set(value.value, (names = norm !== '' && any.test(norm)));
      }
      if (names) {
        rows[row] = 1;
        break;
      }
    }
  }
  rowIndexes.set(sheet, { version: joinedVersion, rows });
  return rows;
}

/**
 * The rows of `sheet` where some cell could name one of `patterns`' roles (1) and those where none
 * can (0), or undefined when the patterns cannot say (flags): lets a scan that looks for a role's
 * name cell by cell skip the rows that hold none.
 */
export function rowsNaming<R extends string>(sheet: Sheet, patterns: RolePatterns<R>): Uint8Array | undefined {
  return join(patterns) ? candidateRows(sheet) : undefined;
}

/** Every header row of a family on the sheet, top to bottom (a sheet may hold several tables). */
export function findHeaderRows<R extends string>(
  sheet: Sheet,
  patterns: RolePatterns<R>,
  opts: HeaderOptions<R>,
): HeaderMatch<R>[] {
  const out: HeaderMatch<R>[] = [];
  const from = opts.fromRow ?? 1;
  const to = Math.min(opts.toRow ?? sheet.maxRow, sheet.maxRow);
  const needsCells = opts.required.length > 0 || (opts.minRoles ?? 0) > 0;
  // Only a family that needs a role named can skip the rows that name none.
  const rows = needsCells && join(patterns) ? candidateRows(sheet) : undefined;
  for (let row = from; row <= to; row++) {
    if (rows && rows[row] === 0) continue;
    if (needsCells && sheet.lastColIn(row) === 0) continue; // an empty row names no role
    const m = matchHeaderRow(sheet, row, patterns, opts);
    if (m) out.push(m);
  }
  return out;
}

/**
 * The title of a table: the nearest non-empty text above its header that is not a unit row
 * (`单位：万元`), looking at most three rows up.
 */
export function titleAbove(sheet: Sheet, headerRow: number): { text: string; row: number; cell: string } | undefined {
  for (let row = headerRow - 1; row >= Math.max(1, headerRow - 3); row--) {
    for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) {
      if (!sheet.isMaster(row, col)) continue;
      const text = sheet.text(row, col).trim();
      if (!text) continue;
      if (isUnitRow(text)) break;
      return { text, row, cell: sheet.addr(row, col) };
    }
  }
  return undefined;
}

export function isUnitRow(text: string): boolean {
  return /^单位[:：]/.test(normalizeLabel(text).replace(/^金额/, ''));
}

/** The unit of a table's amounts if a unit row (`单位：万元`) stands above the header. */
export function unitAbove(sheet: Sheet, headerRow: number): string | undefined {
  for (let row = headerRow - 1; row >= Math.max(1, headerRow - 3); row--) {
    for (let col = 1, end = sheet.lastColIn(row); col <= end; col++) {
      const text = sheet.text(row, col);
      if (isUnitRow(text)) return normalizeLabel(text).replace(/^单位[:：]/, '');
    }
  }
  return undefined;
}
