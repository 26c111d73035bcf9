import { fmt } from '../../decimal';
import { finding, type Finding } from '../../findings';
import { gradeMatches, gradeOf } from '../../grading';
import type { Settings } from '../../settings';
import type { NumberCell } from '../../model/table';

/** 等级 against the grade the total earns on the share of the points the table is out of (grading.ts). */
export function gradeFinding(
  sheet: string,
  grade: { text: string; cell: string } | undefined,
  score: NumberCell,
  outOf: number,
  settings: Settings,
): Finding | undefined {
  if (!grade) return undefined;
  const expected = gradeOf(score.value, outOf, settings.grades);
  if (gradeMatches(grade.text, expected)) return undefined;
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
