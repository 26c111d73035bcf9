import { D, fmt, sum, type Dec } from '../../decimal';
import { finding, type Finding, type FindingCode } from '../../findings';
import type { NumberCell } from '../../model/table';
import type { IndicatorNode } from '../types';

/**
 * The one rule behind weight-sum, total-weight, subtotal-mismatch and total-mismatch: a printed sum
 * (`printed`) must equal the sum of its parts, exactly (decimal). Returns the finding to report
 * when it does not, at the printed cell, with the parts' cells as related; `message` is given the
 * parts' true sum.
 */
export function printedSumFinding(opts: {
  readonly code: FindingCode;
  readonly sheet: string;
  readonly printed: NumberCell;
  readonly parts: readonly (Dec | number)[];
  readonly related: readonly string[];
  readonly message: (total: Dec) => string;
}): Finding | undefined {
  const total = sum(opts.parts.map((p) => (typeof p === 'number' ? D(p) : p)));
  if (total.equals(D(opts.printed.value))) return undefined;
  return finding({
    code: opts.code,
    sheet: opts.sheet,
    cell: opts.printed.cell,
    related: [...opts.related],
    message: opts.message(total),
    expected: total.toNumber(),
    actual: opts.printed.value,
  });
}

/** Weight of a node: its own, or the sum of its children's when every child has one. */
export function effectiveWeight(n: IndicatorNode): Dec | undefined {
  if (n.weight) return D(n.weight.value);
  if (n.children.length === 0) return undefined;
  const ws = n.children.map(effectiveWeight);
  return ws.every((w): w is Dec => w !== undefined) ? sum(ws) : undefined;
}

export function listWeights(children: readonly IndicatorNode[]): string {
  return children.map((c) => `${c.name} ${c.weight ? fmt(c.weight.value) : fmt(effectiveWeight(c) ?? 0)}`).join(' + ');
}
