import { z } from 'zod';
import type { CellPatch } from './patch';

/**
 * The write journal: every cell jixiao wrote, with what it held before (value, formula, number
 * format) and what jixiao put there. Kept in the workbook's settings (`settings.journal`), so
 * 撤销回写 works after the pane was closed — Office.js writes are often not on Excel's undo stack.
 * Pure: the pane reads cells through the port, this decides, the port writes.
 */
const plainValue = z.union([z.number(), z.string(), z.boolean()]);

export const cellStateSchema = z.object({
  /** Undefined = empty. For a formula cell, its last result. */
  value: plainValue.optional(),
  /** Without the leading `=`. */
  formula: z.string().optional(),
  /** Undefined = General. */
  numFmt: z.string().optional(),
});
export type CellState = z.infer<typeof cellStateSchema>;

export const cellSnapshotSchema = cellStateSchema.extend({ sheet: z.string(), cell: z.string() });
export type CellSnapshot = z.infer<typeof cellSnapshotSchema>;

export const journalEntrySchema = z.object({
  /** Increasing; the last entry is the last write. */
  id: z.number().int(),
  /** ISO timestamp. */
  at: z.string(),
  /** What the write was, in Chinese (`计算并回写`). */
  label: z.string(),
  cells: z.array(z.object({ sheet: z.string(), cell: z.string(), before: cellStateSchema, after: cellStateSchema })),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** Entries kept: the oldest go first (settings live in the document and should stay small). */
export const JOURNAL_LIMIT = 20;

function refKey(sheet: string, cell: string): string {
  return `${sheet}\u0000${cell.replace(/\$/g, '').toUpperCase()}`;
}

/**
 * The journal entry for one write: `before` as the port read the cells just before writing, `written`
 * the patches the port reports written. A patch without its own number format keeps the old one.
 */
export function journalEntry(
  journal: readonly JournalEntry[],
  label: string,
  at: string,
  before: readonly CellSnapshot[],
  written: readonly CellPatch[],
): JournalEntry {
  const old = new Map(before.map((s) => [refKey(s.sheet, s.cell), s]));
  return {
    id: (journal[journal.length - 1]?.id ?? 0) + 1,
    at,
    label,
    cells: written.map((p) => {
      const b = old.get(refKey(p.sheet, p.cell));
      const was: CellState = b ? stateOf(b) : {};
      const numFmt = p.numFmt ?? was.numFmt;
      return {
        sheet: p.sheet,
        cell: p.cell,
        before: was,
        after: {
          value: p.value,
          ...(p.formula !== undefined ? { formula: p.formula.replace(/^=/, '') } : {}),
          ...(numFmt !== undefined ? { numFmt } : {}),
        },
      };
    }),
  };
}

/** A journal with the entry added, the oldest dropped past JOURNAL_LIMIT. */
export function appendJournal(journal: readonly JournalEntry[], entry: JournalEntry): JournalEntry[] {
  if (entry.cells.length === 0) return [...journal];
  return [...journal, entry].slice(-JOURNAL_LIMIT);
}

function stateOf(s: CellState): CellState {
  return {
    ...(s.value !== undefined && s.value !== '' ? { value: s.value } : {}),
    ...(s.formula !== undefined ? { formula: s.formula.replace(/^=/, '') } : {}),
    ...(s.numFmt !== undefined && s.numFmt !== 'General' ? { numFmt: s.numFmt } : {}),
  };
}

/**
 * Whether a cell still holds what jixiao wrote. Compared on content (formula, else value); a number
 * format changed alone does not count, as hosts spell the same format differently.
 */
export function stillAsWritten(now: CellState, wrote: CellState): boolean {
  const n = stateOf(now);
  const w = stateOf(wrote);
  if (w.formula !== undefined || n.formula !== undefined) return norm(n.formula) === norm(w.formula);
  if (typeof n.value === 'number' && typeof w.value === 'number') return Math.abs(n.value - w.value) < 1e-9;
  return String(n.value ?? '').trim() === String(w.value ?? '').trim();
}

function norm(f: string | undefined): string {
  return (f ?? '').replace(/^=/, '').replace(/\s+/g, '').toUpperCase();
}

export interface RefusedUndo {
  readonly sheet: string;
  readonly cell: string;
  /** Chinese: which cell, what jixiao wrote, what it holds now. */
  readonly message: string;
}

export interface UndoPlan {
  /** What to put back, in order (a cell written twice appears once, with its oldest state). */
  readonly restore: CellSnapshot[];
  readonly refused: RefusedUndo[];
  /** The journal after the undo. */
  readonly remaining: JournalEntry[];
  /** Entries undone, newest first. */
  readonly undone: JournalEntry[];
}

/**
 * Plans 撤销回写 of the last write or of all of them. Entries are undone newest first, so a cell written
 * twice goes back to what it held before the first write. A cell the user changed since jixiao wrote
 * it is refused and named: the user's change wins. `current` is what each cell holds now.
 */
export function planUndo(
  journal: readonly JournalEntry[],
  which: 'last' | 'all',
  current: (sheet: string, cell: string) => CellState,
): UndoPlan {
  const undone = (which === 'last' ? journal.slice(-1) : [...journal]).reverse();
  const remaining = journal.slice(0, journal.length - undone.length);
  const now = new Map<string, CellState>();
  const at = (sheet: string, cell: string) => now.get(refKey(sheet, cell)) ?? current(sheet, cell);
  const refused = new Map<string, RefusedUndo>();
  const restore = new Map<string, CellSnapshot>();
  for (const entry of undone)
    for (const c of entry.cells) {
      const k = refKey(c.sheet, c.cell);
      const held = at(c.sheet, c.cell);
      if (refused.has(k) || !stillAsWritten(held, c.after)) {
        if (!refused.has(k))
          refused.set(k, {
            sheet: c.sheet,
            cell: c.cell,
            message: `${c.sheet}!${c.cell} 在回写后已被修改（回写值 ${showState(c.after)}，现为 ${showState(held)}），未撤销`,
          });
        continue;
      }
      now.set(k, c.before);
      restore.set(k, { sheet: c.sheet, cell: c.cell, ...c.before });
    }
  return { restore: [...restore.values()], refused: [...refused.values()], remaining, undone };
}

function showState(s: CellState): string {
  if (s.formula !== undefined) return `=${s.formula}`;
  if (s.value === undefined || s.value === '') return '（空）';
  return typeof s.value === 'number' ? String(Number(s.value.toPrecision(12))) : String(s.value);
}
