import { type Finding, type Severity, parseA1, parseRange, type RangeRef, type Table, tableKindZh } from '../engine';
export { tableKindZh };

/**
 * Pure helpers behind the findings list: grouping, filtering, error texts. Nothing here may import
 * zod or the engine's checks: this module is part of the pane's first paint (the write preview's
 * helpers are in writeModel.ts).
 */

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface FindingFilter {
  readonly severities: ReadonlySet<Severity>;
  /** Empty = every code. */
  readonly codes: ReadonlySet<string>;
}

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  return findings.filter(
    (f) => filter.severities.has(f.severity) && (filter.codes.size === 0 || filter.codes.has(f.code)),
  );
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const c: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** One identity per finding: the engine reports one finding per (code, sheet, cell). */
export function findingKey(f: Pick<Finding, 'code' | 'sheet' | 'cell'>): string {
  return `${f.code}|${f.sheet}|${f.cell}`;
}

/** A row of the findings list: one finding, or many of one kind in one table behind one expandable row. */
export type FindingRow =
  | { readonly kind: 'one'; readonly finding: Finding }
  | {
      readonly kind: 'many';
      readonly key: string;
      readonly code: string;
      readonly severity: Severity;
      readonly findings: readonly Finding[];
    };

export interface TableGroup {
  readonly key: string;
  /** `拨付台账 A3:H4335 “2023年走访慰问”`, or 表格之外 for findings on no recognised table. */
  readonly label: string;
  readonly counts: SeverityCounts;
  readonly rows: readonly FindingRow[];
}

export interface SheetGroup {
  readonly sheet: string;
  readonly counts: SeverityCounts;
  readonly tables: readonly TableGroup[];
}

export interface FindingTree {
  readonly sheets: readonly SheetGroup[];
  /** Every finding in the order the list shows them: what 上一个/下一个 walk. */
  readonly order: readonly Finding[];
}

/** Findings of one kind in one table beyond this many collapse into one row with the count. */
export const COLLAPSE_AT = 4;

const worst = (c: SeverityCounts): number => (c.error ? 0 : c.warning ? 1 : 2);

/**
 * The findings list: by sheet, then by table, errors first at every level (a sheet with an error
 * comes before sheets with only warnings; workbook order breaks ties), and within a table many
 * findings of one kind collapse into one row. Findings are placed in the smallest table holding
 * their cell.
 */
export function buildFindingTree(
  findings: readonly Finding[],
  tables: readonly Table[],
  collapseAt = COLLAPSE_AT,
): FindingTree {
  const ranges = tables
    .map((t) => ({ t, r: safeRange(t.range) }))
    .filter((x): x is { t: Table; r: RangeRef } => x.r !== undefined);
  const tableOf = (f: Finding): Table | undefined => {
    const cell = safeCell(f.cell);
    if (!cell) return undefined;
    let best: { t: Table; r: RangeRef } | undefined;
    for (const x of ranges) {
      if (
        x.t.sheet !== f.sheet ||
        cell.row < x.r.top ||
        cell.row > x.r.bottom ||
        cell.col < x.r.left ||
        cell.col > x.r.right
      )
        continue;
      if (!best || area(x.r) < area(best.r)) best = x;
    }
    return best?.t;
  };
  const sheetOrder: string[] = [];
  const bySheet = new Map<string, Map<string, { label: string; order: number; findings: Finding[] }>>();
  for (const f of findings) {
    let groups = bySheet.get(f.sheet);
    if (!groups) {
      bySheet.set(f.sheet, (groups = new Map()));
      sheetOrder.push(f.sheet);
    }
    const t = tableOf(f);
    const key = t ? t.id : '';
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = {
          label: t ? `${tableKindZh(t)} ${t.range}${t.title ? ` “${t.title}”` : ''}` : '表格之外',
          order: t ? tables.indexOf(t) : Number.MAX_SAFE_INTEGER,
          findings: [],
        }),
      );
    g.findings.push(f);
  }
  const sheets: SheetGroup[] = sheetOrder.map((sheet) => {
    const groups = [...bySheet.get(sheet)!.entries()].map(([key, g]) => {
      const sorted = [...g.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      return {
        key: `${sheet}|${key}`,
        label: g.label,
        order: g.order,
        counts: countBySeverity(sorted),
        rows: collapse(sorted, `${sheet}|${key}`, collapseAt),
      };
    });
    groups.sort((a, b) => worst(a.counts) - worst(b.counts) || a.order - b.order);
    const all = groups.flatMap((g) => g.rows.flatMap(rowFindings));
    return { sheet, counts: countBySeverity(all), tables: groups.map(({ order: _order, ...g }) => g) };
  });
  const stable = new Map(sheetOrder.map((s, i) => [s, i]));
  sheets.sort((a, b) => worst(a.counts) - worst(b.counts) || stable.get(a.sheet)! - stable.get(b.sheet)!);
  return { sheets, order: sheets.flatMap((s) => s.tables.flatMap((t) => t.rows.flatMap(rowFindings))) };
}

export function rowFindings(r: FindingRow): readonly Finding[] {
  return r.kind === 'one' ? [r.finding] : r.findings;
}

/** Rows of one table: a code with more than `collapseAt` findings becomes one row where its first one was. */
function collapse(sorted: readonly Finding[], tableKey: string, collapseAt: number): FindingRow[] {
  const byCode = new Map<string, Finding[]>();
  for (const f of sorted) {
    const k = `${f.severity}|${f.code}`;
    const list = byCode.get(k);
    if (list) list.push(f);
    else byCode.set(k, [f]);
  }
  const rows: FindingRow[] = [];
  const placed = new Set<string>();
  for (const f of sorted) {
    const k = `${f.severity}|${f.code}`;
    const same = byCode.get(k)!;
    if (same.length <= collapseAt) rows.push({ kind: 'one', finding: f });
    else if (!placed.has(k)) {
      placed.add(k);
      rows.push({ kind: 'many', key: `${tableKey}|${k}`, code: f.code, severity: f.severity, findings: same });
    }
  }
  return rows;
}

function area(r: RangeRef): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

function safeRange(a: string): RangeRef | undefined {
  try {
    return parseRange(a);
  } catch {
    return undefined;
  }
}

function safeCell(a: string): { row: number; col: number } | undefined {
  try {
    return parseA1(a.replace(/\$/g, ''));
  } catch {
    return undefined;
  }
}

/** The collapsed row holding a finding, if it is inside one. */
export function collapsedRowOf(tree: FindingTree, f: Finding): string | undefined {
  for (const s of tree.sheets)
    for (const t of s.tables) for (const r of t.rows) if (r.kind === 'many' && r.findings.includes(f)) return r.key;
  return undefined;
}

/** The finding `step` places from `current` in list order (wrapping around); the first when none is current. */
export function stepFinding(
  order: readonly Finding[],
  current: Finding | undefined,
  step: 1 | -1,
): Finding | undefined {
  if (order.length === 0) return undefined;
  const i = current ? order.indexOf(current) : -1;
  if (i < 0) return step === 1 ? order[0] : order[order.length - 1];
  return order[(i + step + order.length) % order.length];
}

export function codesIn(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.code))].sort();
}

export function tablesBySheet(tables: readonly Table[]): { sheet: string; tables: Table[] }[] {
  const out: { sheet: string; tables: Table[] }[] = [];
  for (const t of tables) {
    const g = out.find((x) => x.sheet === t.sheet);
    if (g) g.tables.push(t);
    else out.push({ sheet: t.sheet, tables: [t] });
  }
  return out;
}

export interface ErrorView {
  readonly title: string;
  readonly body: string;
}

/**
 * What to tell the user about a failure: ports throw errors with a Chinese `zh` (and a `hint` of what
 * to do); anything else is an unexpected fault, shown with its message.
 */
export function errorView(e: unknown, doing: string): ErrorView {
  if (typeof e === 'object' && e !== null && 'zh' in e && typeof (e as { zh: unknown }).zh === 'string') {
    const hint = (e as { hint?: unknown }).hint;
    return {
      title: `${doing}失败：${(e as { zh: string }).zh}`,
      body: typeof hint === 'string' ? hint : '请检查后重试。',
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { title: `${doing}失败`, body: `${message}。请重试；如果反复出现，请关闭并重新打开任务窗格。` };
}
