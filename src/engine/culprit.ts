import type { Finding } from './findings';

/**
 * Checks that can tell which single cell would resolve several mismatches attach a `culprit` hint
 * themselves; this pass only makes the hint consistent: every finding whose cell or related cells
 * include the culprit cell and that the culprit explains gets the same hint, with the count.
 */
export function localizeCulprits(findings: Finding[]): Finding[] {
  const byCulprit = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.culprit) continue;
    const k = `${f.culprit.sheet}!${f.culprit.cell}`;
    byCulprit.set(k, [...(byCulprit.get(k) ?? []), f]);
  }
  if (byCulprit.size === 0) return findings;
  return findings.map((f) => {
    if (!f.culprit) return f;
    const k = `${f.culprit.sheet}!${f.culprit.cell}`;
    const group = byCulprit.get(k) ?? [];
    return { ...f, culprit: { ...f.culprit, explains: group.length } };
  });
}
