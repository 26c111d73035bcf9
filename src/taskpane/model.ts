import type { Finding, Severity } from '../engine';
import type { WorkbookInput } from '../engine';
import { currentCellsOf, planWrites, type CellPatch, type SkippedPatch } from '../engine';
import type { Table } from '../engine';
import { tableKindZh } from '../engine';
export { tableKindZh };

/** Pure helpers behind the pane: grouping, filtering, write previews, error texts. */

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface FindingFilter {
  readonly severities: ReadonlySet<Severity>;
  /** Empty = every code. */
  readonly codes: ReadonlySet<string>;
}

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  return findings.filter((f) => filter.severities.has(f.severity) && (filter.codes.size === 0 || filter.codes.has(f.code)));
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const c: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export interface SheetGroup {
  readonly sheet: string;
  readonly counts: SeverityCounts;
  readonly bySeverity: readonly { severity: Severity; findings: Finding[] }[];
}

/** Sheets in the order the engine sorted them (workbook order), each split by severity. */
export function groupFindings(findings: readonly Finding[]): SheetGroup[] {
  const sheets: string[] = [];
  const bySheet = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!bySheet.has(f.sheet)) {
      bySheet.set(f.sheet, []);
      sheets.push(f.sheet);
    }
    bySheet.get(f.sheet)!.push(f);
  }
  return sheets.map((sheet) => {
    const list = bySheet.get(sheet)!;
    return {
      sheet,
      counts: countBySeverity(list),
      bySeverity: SEVERITIES.map((severity) => ({ severity, findings: list.filter((f) => f.severity === severity) })).filter(
        (g) => g.findings.length > 0,
      ),
    };
  });
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

export interface WritePreview {
  readonly toWrite: CellPatch[];
  readonly skipped: SkippedPatch[];
  readonly unchanged: CellPatch[];
}

/** The same decision the adapter will make at write time (planWrites), shown before the user confirms. */
export function previewWrites(patches: readonly CellPatch[], input: WorkbookInput, overwrite: boolean): WritePreview {
  return planWrites(patches, currentCellsOf(input), overwrite);
}

export function showValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '（空）';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  return String(v);
}

export function patchNew(p: CellPatch): string {
  return p.formula !== undefined ? `=${p.formula.replace(/^=/, '')}（${showValue(p.value)}）` : showValue(p.value);
}

export function patchOld(p: CellPatch): string {
  return p.oldFormula ? `=${p.oldFormula}（${showValue(p.old)}）` : showValue(p.old);
}

export const PURPOSE_ZH: Record<CellPatch['purpose'], string> = {
  score: '得分',
  rate: '得分率',
  subtotal: '小计',
  total: '合计',
  grade: '等级',
  note: '扣分说明',
  'summary-sheet': '综合评定表',
  'issue-list': '问题清单',
};

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
    return { title: `${doing}失败：${(e as { zh: string }).zh}`, body: typeof hint === 'string' ? hint : '请检查后重试。' };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { title: `${doing}失败`, body: `${message}。请重试；如果反复出现，请关闭并重新打开任务窗格。` };
}
