import { D, fmt, type Dec } from '../../decimal';
import { finding, type Finding } from '../../findings';
import type { Settings } from '../../settings';
import type { NumberCell } from '../../tables';
import { normalizeLabel } from '../../text';

export function gradeOf(total: Dec, weight: number, settings: Settings): string {
  const pct = weight === 100 ? total : total.dividedBy(D(weight)).times(100);
  const bands = [...settings.grades].sort((a, b) => b.min - a.min);
  return (bands.find((b) => pct.greaterThanOrEqualTo(D(b.min))) ?? bands[bands.length - 1]).grade;
}

export function gradeFinding(sheet: string, grade: { text: string; cell: string } | undefined, score: NumberCell, weight: number, settings: Settings): Finding | undefined {
  if (!grade) return undefined;
  const expected = gradeOf(D(score.value), weight, settings);
  const shown = normalizeLabel(grade.text).replace(/级$|等$/, '');
  if (shown === expected) return undefined;
  return finding({
    code: 'grade-mismatch',
    sheet,
    cell: grade.cell,
    related: [score.cell],
    message: `等级“${grade.text}”与总分 ${fmt(score.value)} 不符，按等级标准应为“${expected}”`,
    expected,
    actual: grade.text,
  });
}
