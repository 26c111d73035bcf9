import { analyzeWorkbook, type Analysis } from '../../src/engine/analyze';
import { findingSchema } from '../../src/engine/findingSchema';
import { sheetCells, type WorkbookInput } from '../../src/engine/model/sheet';

/**
 * What must hold for any input: no exception escapes, no detector or check threw (internalErrors
 * collects those), every finding has the shape of the CLI's JSON and points at a sheet of the workbook.
 * Returns the analysis so a property can assert more.
 */
export function analyzeSafely(input: WorkbookInput, settings?: unknown): Analysis {
  const a = analyzeWorkbook(input, settings);
  expect(a.internalErrors).toEqual([]);
  const sheets = new Set(input.sheets.map((s) => s.name));
  // A colleague may well type "NaN" into a cell; a message quoting it is fine, a computed NaN is not.
  const typed = input.sheets.flatMap((s) => [
    s.name,
    ...sheetCells(s).map((c) => (c.value.kind === 'string' ? c.value.value : '')),
  ]);
  for (const f of a.findings) {
    const parsed = findingSchema.safeParse(f);
    if (!parsed.success)
      throw new Error(`finding does not match findingSchema: ${JSON.stringify(f)}\n${parsed.error.message}`);
    if (!sheets.has(f.sheet)) throw new Error(`finding names a sheet the workbook does not have: ${JSON.stringify(f)}`);
    for (const bad of ['NaN', 'Infinity', 'undefined'])
      if (f.message.includes(bad) && !typed.some((t) => t.includes(bad)))
        throw new Error(`finding message shows a non-number: ${f.message}`);
  }
  for (const t of a.tables) if (!sheets.has(t.sheet)) throw new Error(`table on an unknown sheet: ${t.id}`);
  return a;
}

/** Findings reduced to what identifies them, for metamorphic comparisons. */
export function findingKeys(a: Analysis, skipCodes: readonly string[] = []): string[] {
  return a.findings
    .filter((f) => !skipCodes.includes(f.code))
    .map((f) => `${f.sheet}!${f.cell} ${f.code} ${f.severity} exp=${f.expected ?? ''} act=${f.actual ?? ''}`)
    .sort();
}
