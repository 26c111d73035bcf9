import { z } from 'zod';
import type { Finding } from './findings';

/**
 * A person's verdict on a finding: 已复核 (checked, it stands or was explained) or 忽略 (not a
 * problem here). Kept in the workbook's settings (`settings.reviews`), so the pane, the workbench and
 * the CLI all see it. A verdict holds for the finding it was given to — same code, sheet, cell and
 * the same numbers (`expected`/`actual`): when the numbers change, the finding is new and shows again.
 */
export const reviewStatusSchema = z.enum(['reviewed', 'ignored']);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

export const REVIEW_STATUS_ZH: Readonly<Record<ReviewStatus, string>> = { reviewed: '已复核', ignored: '忽略' };

const scalar = z.union([z.number(), z.string()]);

export const reviewSchema = z.object({
  code: z.string().min(1),
  sheet: z.string(),
  cell: z.string().min(1),
  status: reviewStatusSchema,
  /** Why, in the reviewer's words (optional). */
  note: z.string().optional(),
  expected: scalar.optional(),
  actual: scalar.optional(),
  /** ISO timestamp of the verdict. */
  at: z.string().optional(),
});
export type Review = z.infer<typeof reviewSchema>;

function keyOf(f: { readonly code: string; readonly sheet: string; readonly cell: string }): string {
  return `${f.code}\u0000${f.sheet}\u0000${f.cell.replace(/\$/g, '').toUpperCase()}`;
}

function sameNumbers(r: Review, f: Finding): boolean {
  return String(r.expected ?? '') === String(f.expected ?? '') && String(r.actual ?? '') === String(f.actual ?? '');
}

/** The verdict given to this finding, if any (and if its numbers are still the ones reviewed). */
export function reviewOf(f: Finding, reviews: readonly Review[]): Review | undefined {
  const k = keyOf(f);
  for (let i = reviews.length - 1; i >= 0; i--)
    if (keyOf(reviews[i]) === k && sameNumbers(reviews[i], f)) return reviews[i];
  return undefined;
}

/** Reviews with this finding's verdict set (`status` undefined: the verdict withdrawn). */
export function withReview(
  reviews: readonly Review[],
  f: Finding,
  status: ReviewStatus | undefined,
  note?: string,
  at?: string,
): Review[] {
  const k = keyOf(f);
  const rest = reviews.filter((r) => keyOf(r) !== k);
  if (!status) return rest;
  const trimmed = note?.trim();
  return [
    ...rest,
    {
      code: f.code,
      sheet: f.sheet,
      cell: f.cell,
      status,
      ...(trimmed ? { note: trimmed } : {}),
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.actual !== undefined ? { actual: f.actual } : {}),
      ...(at ? { at } : {}),
    },
  ];
}

/** Findings split into those still open and those with a verdict (each with it). */
export function splitByReview(
  findings: readonly Finding[],
  reviews: readonly Review[],
): { open: Finding[]; settled: { finding: Finding; review: Review }[] } {
  const open: Finding[] = [];
  const settled: { finding: Finding; review: Review }[] = [];
  for (const f of findings) {
    const r = reviews.length ? reviewOf(f, reviews) : undefined;
    if (r) settled.push({ finding: f, review: r });
    else open.push(f);
  }
  return { open, settled };
}

/** The verdicts stored in a workbook's raw settings; anything malformed is dropped, never thrown. */
export function storedReviews(raw: unknown): Review[] {
  if (typeof raw !== 'object' || raw === null || !('reviews' in raw)) return [];
  const list = (raw as { reviews: unknown }).reviews;
  if (!Array.isArray(list)) return [];
  return list.flatMap((r) => {
    const p = reviewSchema.safeParse(r);
    return p.success ? [p.data] : [];
  });
}

/**
 * What a report shows (CLI): findings with a verdict are hidden, unless `showAll`, when they stay,
 * their message ending with the verdict (`［已复核：已与财务核对］`). `hidden` counts what was left out.
 */
export function honourReviews<A extends { readonly findings: Finding[] }>(
  analysis: A,
  stored: unknown,
  showAll: boolean,
): A & { readonly hiddenByReview: number } {
  const reviews = storedReviews(stored);
  if (reviews.length === 0) return { ...analysis, hiddenByReview: 0 };
  if (!showAll) {
    const { open, settled } = splitByReview(analysis.findings, reviews);
    return { ...analysis, findings: open, hiddenByReview: settled.length };
  }
  const findings = analysis.findings.map((f) => {
    const r = reviewOf(f, reviews);
    return r ? { ...f, message: `${f.message}［${REVIEW_STATUS_ZH[r.status]}${r.note ? `：${r.note}` : ''}］` } : f;
  });
  return { ...analysis, findings, hiddenByReview: 0 };
}
