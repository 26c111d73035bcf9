import { strFromU8, unzipSync } from 'fflate';

/**
 * The rule of ../shared/tools/check-write.py, in TypeScript: comparing a workbook before and after
 * jixiao wrote it, no part may be missing; the content types, the workbook and its rels, shared
 * strings, styles and docProps may change; a worksheet may change only in `<sheetData>` and
 * `<dimension>`; a .rels part may gain relationships, never lose one; every other part must be
 * byte-identical. Returns the problems found (empty: nothing lost).
 */
const FREE = new Set([
  '[Content_Types].xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
  'docProps/app.xml',
  'docProps/core.xml',
]);

function strip(x: string): string {
  return x.replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, '').replace(/<dimension [^>]*\/>/, '');
}

function rels(x: string): Set<string> {
  return new Set([...x.matchAll(/<Relationship\b[^>]*?Target="([^"]*)"/g)].map((m) => m[1]));
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function lostParts(before: Uint8Array, after: Uint8Array): string[] {
  const a = unzipSync(before);
  const b = unzipSync(after);
  const problems: string[] = [];
  for (const entry of Object.keys(a)) {
    // Compared as OPC part names: a WPS `xl\workbook.xml` is the workbook part.
    const name = entry.replace(/\\/g, '/');
    if (!(entry in b)) {
      problems.push(`lost ${entry}`);
      continue;
    }
    const x = a[entry];
    const y = b[entry];
    if (same(x, y) || FREE.has(name)) continue;
    if (name.startsWith('xl/worksheets/sheet') && strip(strFromU8(x)) === strip(strFromU8(y))) continue;
    if (name.endsWith('.rels')) {
      const gained = rels(strFromU8(y));
      if ([...rels(strFromU8(x))].every((t) => gained.has(t))) continue;
    }
    problems.push(`changed ${name}`);
  }
  return problems;
}
