/**
 * The engine as the pane loads it: on first use, as its own chunk, so the pane paints before the
 * engine (zod, decimal.js, the holiday calendar, every table family) has been downloaded and parsed.
 * The pane imports engine modules statically only for types and zod-free helpers.
 */
export {
  analyzeWorkbook,
  planWorkbookScores,
  parseNotation,
  formatNotation,
  ruleReading,
  DEFAULT_SETTINGS,
  readSettings,
  REVIEW_STATUS_ZH,
  reviewOf,
  splitByReview,
  withReview,
} from '../engine';
