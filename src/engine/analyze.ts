import { Workbook, type WorkbookInput } from './model/sheet';
import { parseRange, rangesOverlap, type RangeRef } from './model/address';
import { dedupeFindings, finding, sortFindings, type Finding } from './findings';
import { settingsOf, type Settings } from './settings';
import type { Check, Detector } from './pipeline';
import type { Table } from './tables';
import { indicatorDetectors, indicatorChecks } from './indicator';
import { selfEvalDetectors, selfEvalChecks } from './selfeval';
import { moneyDetectors, moneyChecks } from './money';
import { ruleChecks } from './rules';
import { targetDetectors, targetChecks } from './target';
import { responsibilityDetectors, responsibilityChecks } from './responsibility';
import { numberAsTextCheck } from './checks/numberAsText';
import { cellErrorCheck, dropConsequencesOfErrors } from './checks/cellErrors';
import { mergeOverlapCheck } from './checks/mergeOverlaps';
import { localizeCulprits } from './culprit';

/** Order matters: a form is claimed before its parts could be mistaken for smaller tables. */
export const DETECTORS: readonly Detector[] = [
  ...selfEvalDetectors,
  ...targetDetectors,
  ...responsibilityDetectors,
  ...indicatorDetectors,
  ...moneyDetectors,
];
export const CHECKS: readonly Check[] = [
  ...indicatorChecks,
  ...selfEvalChecks,
  ...ruleChecks,
  ...moneyChecks,
  ...targetChecks,
  ...responsibilityChecks,
  numberAsTextCheck,
  cellErrorCheck,
  mergeOverlapCheck,
];

export interface Analysis {
  readonly workbook: string;
  readonly tables: Table[];
  readonly findings: Finding[];
  /** Checks or detectors that failed on this input: reported, never thrown. */
  readonly internalErrors: string[];
}

export function detectTables(workbook: Workbook, settings: Settings, internalErrors: string[] = []): Table[] {
  const tables: Table[] = [];
  for (const sheet of workbook.sheets) {
    const claimed: RangeRef[] = [];
    for (const d of DETECTORS) {
      let found: Table[] = [];
      try {
        found = d.detect(sheet, { workbook, settings, claimed });
      } catch (e) {
        internalErrors.push(`${d.name} @ ${sheet.name}: ${(e as Error).message}`);
      }
      for (const t of found) {
        const r = parseRange(t.range);
        if (claimed.some((c) => rangesOverlap(c, r))) continue;
        claimed.push(r);
        tables.push(t);
      }
    }
  }
  return tables;
}

export function analyzeWorkbook(input: WorkbookInput, rawSettings?: unknown): Analysis {
  const { settings, issues } = settingsOf(rawSettings);
  const workbook = new Workbook(input);
  const internalErrors: string[] = issues.map((i) => i.message);
  const tables = detectTables(workbook, settings, internalErrors);
  let findings: Finding[] = (input.notes ?? []).map(finding);
  for (const check of CHECKS) {
    try {
      findings.push(...check.run({ workbook, tables, settings }));
    } catch (e) {
      internalErrors.push(`${check.name}: ${(e as Error).message}`);
    }
  }
  for (const sheet of workbook.sheets) {
    if (!tables.some((t) => t.sheet === sheet.name)) {
      findings.push(
        finding({
          code: 'table-not-found',
          sheet: sheet.name,
          cell: 'A1',
          message: `工作表“${sheet.name}”中未识别到指标表、得分表、预算表、台账或自评表`,
        }),
      );
    }
  }
  findings = localizeCulprits(dedupeFindings(dropConsequencesOfErrors(findings, tables, workbook)));
  return {
    workbook: input.name,
    tables,
    findings: sortFindings(
      findings,
      workbook.sheets.map((s) => s.name),
    ),
    internalErrors,
  };
}
