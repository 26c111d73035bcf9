import type { Finding } from './findings';
import type { CellPatch, NewSheet } from './patch';
import type { Settings } from './settings';
import type { Sheet, Workbook } from './model/sheet';
import type { RangeRef } from './model/address';
import type { Table } from './tables';

/**
 * The engine is a list of detectors (sheet → tables) and checks (all tables → findings). Each table
 * family registers its own in `analyze.ts`; nothing else needs to know about it.
 */
export interface DetectContext {
  readonly workbook: Workbook;
  readonly settings: Settings;
  /** Ranges already taken by earlier detectors on this sheet: a later detector must not re-read them. */
  readonly claimed: readonly RangeRef[];
}

export interface Detector {
  readonly name: string;
  detect(sheet: Sheet, ctx: DetectContext): Table[];
}

export interface CheckContext {
  readonly workbook: Workbook;
  readonly tables: readonly Table[];
  readonly settings: Settings;
}

export interface Check {
  readonly name: string;
  run(ctx: CheckContext): Finding[];
}

/** What scoring proposes: cell patches (never applied here) and sheets to add. */
export interface ScorePlan {
  readonly patches: CellPatch[];
  readonly newSheets: NewSheet[];
  readonly findings: Finding[];
}

export interface ScoreOptions {
  /** Write Excel formulas (`=ROUND(…,2)`, `=H12/G12`) instead of values. */
  readonly formulas?: boolean;
}

export interface ScoreContext extends CheckContext {
  readonly options: ScoreOptions;
}

/**
 * Scoring is a list of scorers, registered like checks (each family exports its own; `score.ts` lists
 * them): each proposes what it would write for the tables it knows. The first scorer to claim a cell keeps it.
 */
export interface Scorer {
  readonly name: string;
  plan(ctx: ScoreContext): ScorePlan;
}
