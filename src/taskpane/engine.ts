/**
 * The engine as the pane loads it: on first use, as its own chunk, so the pane paints before the
 * engine (decimal.js, the holiday calendar, every table family) has been downloaded and parsed.
 */
export { analyzeWorkbook } from '../engine/analyze';
export { planWorkbookScores } from '../engine/score';
export { parseNotation, formatNotation } from '../engine/rules';
