import type { Sheet } from '../model/sheet';
import { parseRange, rangeContains, rangeToA1, toA1, type RangeRef } from '../model/address';
import { findHeaderRows, type HeaderMatch } from '../header';
import { declaredTotal, normalizeLabel, parseNameWeight } from '../text';
import { isPlaceholder, readNumber, readText } from '../cells';
import type { DetectContext } from '../pipeline';
import type { IndicatorColumnRole, IndicatorNode, IndicatorTable, ScoreBlock } from './types';
import type { NumberCell } from '../model/table';
import { leavesOf } from './tree';
import {
  INDICATOR_WORDS,
  columnRead,
  correctHeaders,
  joinHeaderBands,
  headerBandBottom,
  isPlaceholderText,
  isRepeatedHeader,
  isSubtotalLabel,
  isTotalLabel,
  readExtent,
  rolesFromWords,
  skippedRows,
  titleOf,
  type ColumnRead,
  type RowFrame,
  type TableLayout,
} from '../layout';

/**
 * 指标体系 / 绩效评价得分表 / 评价办法: a header with level columns (一级指标 … 四级指标), or name
 * columns under other words (名称指标, 评价指标, 项目 | 内容), and some of 分值/权重, 得分, 得分率,
 * 评价标准, 扣分说明. The hierarchy comes from vertically merged cells; weights from a weight column
 * where its cell lines up with the node (each level's own 分值 column when the form prints one per
 * level), otherwise from the name (`决策（18分）`). The layout reader (../layout) gives the header,
 * the column roles, the row classes and where the table ends; this module builds the tree.
 */
const INDICATOR_ROLES = rolesFromWords(INDICATOR_WORDS);
type Role = keyof typeof INDICATOR_WORDS;
const ROLE_KEYS = Object.keys(INDICATOR_WORDS) as Role[];

export function detectIndicatorTables(sheet: Sheet, ctx: DetectContext): IndicatorTable[] {
  const found = joinHeaderBands(sheet, findHeaderRows<Role>(sheet, INDICATOR_ROLES, { required: [], minRoles: 2 }));
  const headers = correctHeaders(sheet, found, ctx.settings.tables, ROLE_KEYS, (h) => isIndicatorHeader(sheet, h));
  const tables: IndicatorTable[] = [];
  for (let i = 0; i < headers.length; i++) {
    const { header: h, corrected } = headers[i];
    if (ctx.claimed.some((c) => rangeContains(c, h.row, h.firstCol))) continue;
    // The header printed again before each section is part of this table, not the start of another.
    let j = i + 1;
    while (j < headers.length && isRepeatedHeader(sheet, headers[j].header.row, h)) j++;
    const nextHeaderRow = headers[j]?.header.row ?? sheet.maxRow + 1;
    const t = buildTable(sheet, h, nextHeaderRow - 1, corrected);
    if (!t) continue;
    tables.push(t);
    // Headers below the table's end (after its 合计) start tables of their own, repeats or not.
    const bottom = parseRange(t.range).bottom;
    let k = i + 1;
    while (k < headers.length && headers[k].header.row <= bottom) k++;
    i = k - 1;
  }
  return tables;
}

function isIndicatorHeader(sheet: Sheet, h: HeaderMatch<Role>): boolean {
  const c = h.cols;
  const hasLevels = c.l1 !== undefined && (c.l2 !== undefined || c.weight !== undefined || c.rule !== undefined);
  const hasNameTable = c.nameCol !== undefined && c.rule !== undefined && c.weight !== undefined;
  if (hasLevels || hasNameTable) return true;
  // No level words (`项目 | 内容 | 评分指标 | 评分标准 | 评价得分`): an indicator table when a name
  // column carries the points in its names and the table scores or states how to score.
  const named = [c.nameCol, c.group, c.content].filter((x): x is number => x !== undefined);
  if (named.length === 0 || (c.rule === undefined && c.score === undefined && c.weight === undefined)) return false;
  return [...named, ...(h.all.weight ?? [])].some((col) => namesCarryPoints(sheet, h, col));
}

/**
 * True when most texts under the header in `col` are names, and some carry their points
 * (`任务分解\n(2分)`): a column headed 分值 or 内容 that holds the indicators themselves.
 */
function namesCarryPoints(sheet: Sheet, h: HeaderMatch<Role>, col: number): boolean {
  let names = 0;
  let numbers = 0;
  let weighted = 0;
  const from = headerBandBottom(sheet, h) + 1;
  for (let row = from, seen = 0; row <= sheet.maxRow && seen < 40; row++) {
    if (!sheet.isMaster(row, col)) continue;
    const v = sheet.value(row, col);
    if (v.kind === 'empty') continue;
    seen++;
    if (v.kind === 'number' || (v.kind === 'string' && readNumber(sheet, row, col))) {
      numbers++;
      continue;
    }
    if (v.kind !== 'string' || isTotalLabel(v.value)) continue;
    names++;
    if (parseNameWeight(v.value).weight !== undefined) weighted++;
  }
  return weighted > 0 && names > numbers && weighted * 2 >= names;
}

/** True when some cell of `col` below the header is merged down over several rows (a group). */
function mergedDown(sheet: Sheet, h: HeaderMatch<Role>, col: number): boolean {
  for (let row = headerBandBottom(sheet, h) + 1, end = Math.min(sheet.maxRow, row + 60); row <= end; row++) {
    const m = sheet.mergeOf(row, col);
    if (m && m.top === row && m.bottom > m.top) return true;
  }
  return false;
}

interface Span {
  readonly top: number;
  readonly bottom: number;
}

function spanAt(sheet: Sheet, row: number, col: number, limit: Span): Span {
  const m = sheet.mergeOf(row, col);
  if (!m) return { top: row, bottom: row };
  return { top: Math.max(m.top, limit.top), bottom: Math.min(m.bottom, limit.bottom) };
}

function sameSpan(a: Span, b: Span): boolean {
  return a.top === b.top && a.bottom === b.bottom;
}

/**
 * How the columns of one indicator table are read: which are levels (names, outermost first), which
 * 分值 column belongs to which level, and whether 评分标准 comes in grade bands.
 */
interface ColumnPlan {
  readonly levelCols: number[];
  /** Levels whose names carry their points (`任务分解（2分）`) although the column is headed otherwise. */
  readonly namedLevels: Set<number>;
  /** The 分值 column of each level (by index into levelCols), when forms print one per level. */
  readonly levelWeightCols?: (number | undefined)[];
  /** The 分值 column used for blocks and the total: the deepest level's, or the only one. */
  readonly weightCol?: number;
  /** 评分标准 | 分值 pairs, one per grade band (`优 | 4 | 良 | 3 …`). */
  readonly bands: { rule: number; points: number }[];
  readonly scoreCol?: number;
  readonly ruleCol?: number;
  /** 评价办法 style: one name column of groups, each data row a leaf described by its 考核内容. */
  readonly rowLeaves: boolean;
}

function planColumns(sheet: Sheet, h: HeaderMatch<Role>): ColumnPlan {
  const c = h.cols;
  const namedLevels = new Set<number>();
  let levelCols = [c.l1, c.l2, c.l3, c.l4].filter((x): x is number => x !== undefined);
  let weightCols = [...(h.all.weight ?? [])];
  // A 分值 (or 内容) column holding names with points is a level, not a figure column.
  for (const col of [...weightCols, c.group, c.content, c.nameCol]) {
    if (col === undefined || levelCols.includes(col)) continue;
    const carries = namesCarryPoints(sheet, h, col);
    if (weightCols.includes(col) && !carries) continue;
    // A 指标名称 column beside level columns (一级 | 二级 | 指标名称) is read only when it carries points.
    if (col === c.nameCol && !carries && [c.l1, c.l2, c.l3, c.l4].some((l) => l !== undefined)) continue;
    if (carries) namedLevels.add(col);
    levelCols.push(col);
    weightCols = weightCols.filter((w) => w !== col);
  }
  levelCols = [...new Set(levelCols)].sort((a, b) => a - b);
  // 评价办法 style: one name column of groups merged down over rows each described by its 考核内容
  // (east-west 组织领导（10） over three rows); unmerged names with points are the indicators.
  const rowLeaves =
    levelCols.length === 1 &&
    levelCols[0] === c.nameCol &&
    (!namedLevels.has(c.nameCol) || mergedDown(sheet, h, c.nameCol));
  // A 得分 header repeated after several 标准 columns: the pairs are grade bands, not scores.
  const scores = h.all.score ?? [];
  const bands: { rule: number; points: number }[] = [];
  const matched = new Set(Object.values(h.all).flat());
  const isStandard = (col: number) => (h.all.rule ?? []).includes(col) || !matched.has(col);
  if (scores.length >= 2)
    for (const points of scores)
      if (points - 1 > Math.max(0, ...levelCols) && isStandard(points - 1)) bands.push({ rule: points - 1, points });
  const banded = bands.length >= 2;
  let levelWeightCols: (number | undefined)[] | undefined;
  if (weightCols.length >= 2 && levelCols.length >= 2) {
    // Each 分值 belongs to the level printed nearest to its left.
    levelWeightCols = levelCols.map((col, i) =>
      weightCols.find((w) => w > col && (levelCols[i + 1] === undefined || w < levelCols[i + 1])),
    );
    if (levelWeightCols.filter((w) => w !== undefined).length < 2) levelWeightCols = undefined;
  }
  const weightCol = levelWeightCols ? [...levelWeightCols].reverse().find((w) => w !== undefined) : weightCols[0];
  return {
    levelCols,
    namedLevels,
    ...(levelWeightCols ? { levelWeightCols } : {}),
    ...(weightCol !== undefined ? { weightCol } : {}),
    bands: banded ? bands : [],
    ...(!banded && c.score !== undefined ? { scoreCol: c.score } : {}),
    ...(banded ? { ruleCol: bands[0].rule } : c.rule !== undefined ? { ruleCol: c.rule } : {}),
    rowLeaves,
  };
}

interface MutableNode {
  level: number;
  name: string;
  rawName: string;
  nameCell: string;
  top: number;
  bottom: number;
  children: MutableNode[];
  path: string;
  [k: string]: unknown;
}

function buildTable(
  sheet: Sheet,
  h: HeaderMatch<Role>,
  limitRow: number,
  corrected: ReadonlySet<number>,
): IndicatorTable | undefined {
  const c = h.cols;
  const plan = planColumns(sheet, h);
  const { levelCols, rowLeaves } = plan;
  if (levelCols.length === 0) return undefined;
  const bandBottom = headerBandBottom(sheet, h);
  const valueCols = [...(h.all.weight ?? []), ...(h.all.score ?? []), ...(c.rate !== undefined ? [c.rate] : [])].filter(
    (col) => !levelCols.includes(col),
  );
  const right = Math.max(headerRight(sheet, h), ...levelCols);
  const frame: RowFrame = {
    firstCol: Math.min(h.firstCol, ...levelCols),
    lastCol: right,
    labelCols: levelCols,
    valueCols,
    header: h,
  };
  const extent = readExtent(sheet, frame, bandBottom + 1, limitRow);
  const totalRow = extent.totalRow;
  const dataEnd = totalRow ? totalRow - 1 : extent.last;
  if (dataEnd <= bandBottom) return undefined;
  const limit: Span = { top: bandBottom + 1, bottom: dataEnd };
  // Rows no indicator starts on: the header printed again (and its second row), template rows.
  const skip = new Set<number>();
  for (const r of extent.rows) {
    if (r.kind !== 'repeated-header') continue;
    const band = headerBandBottom(sheet, { ...h, row: r.row });
    for (let row = r.row; row <= band; row++) skip.add(row);
  }
  const skipRows = [...skip].sort((a, b) => a - b);
  const dataRows = new Set(extent.rows.filter((r) => r.kind === 'data').map((r) => r.row));
  const hasDataRow = (span: Span) => {
    for (let row = span.top; row <= span.bottom; row++) if (dataRows.has(row)) return true;
    return false;
  };

  const byLevel: MutableNode[][] = [];
  for (let li = 0; li < levelCols.length; li++) {
    const col = levelCols[li];
    const nodes: MutableNode[] = [];
    const deepest = li === levelCols.length - 1 && !rowLeaves;
    for (let row = limit.top; row <= limit.bottom;) {
      if (skip.has(row)) {
        row++;
        continue;
      }
      let span = spanAt(sheet, row, col, limit);
      const raw = sheet.text(span.top, col).trim();
      // Not every sheet merges its group cells: a group name may be left blank below itself or
      // repeated on every row. Above the deepest level both mean "the same group continues".
      if (!deepest && raw)
        span = extendGroup(
          sheet,
          span,
          col,
          raw,
          Math.min(parentBottom(byLevel, li, span.top, limit.bottom), nextSkip(skipRows, span.top) - 1),
        );
      row = span.bottom + 1;
      if (!raw || isPlaceholder(raw) || isPlaceholderText(raw) || isTotalLabel(raw) || isSubtotalLabel(raw)) continue;
      // A group label over template rows only (`质量指标` above `……`) is an unfilled part of the form.
      if (!hasDataRow(span)) continue;
      const nw = parseNameWeight(raw);
      nodes.push({
        level: li + 1,
        name: nw.name,
        rawName: raw,
        nameCell: sheet.addr(span.top, col),
        top: span.top,
        bottom: span.bottom,
        children: [],
        path: '',
        nameWeightValue: nw.weight,
        levelIndex: li,
      });
    }
    byLevel.push(nodes);
  }
  if (rowLeaves) {
    const nodes: MutableNode[] = [];
    for (let row = limit.top; row <= limit.bottom; row++) {
      if (skip.has(row)) continue;
      const ruleText = c.rule !== undefined ? sheet.text(row, c.rule).trim() : '';
      const seq = c.seq !== undefined ? sheet.text(row, c.seq).trim() : '';
      if (!ruleText && !seq) continue;
      const clause = leafNameFromRule(ruleText);
      const name = seq && clause ? `${seq}. ${clause}` : clause || `序号${seq}`;
      const nameCell = sheet.addr(row, c.rule ?? c.seq ?? levelCols[0]);
      nodes.push({
        level: levelCols.length + 1,
        name,
        rawName: name,
        nameCell,
        top: row,
        bottom: row,
        children: [],
        path: '',
        nameWeightValue: undefined,
        levelIndex: levelCols.length,
      });
    }
    byLevel.push(nodes);
  }

  // Attach each node to the deepest earlier-level node whose rows contain it.
  const roots: MutableNode[] = [];
  for (let li = 0; li < byLevel.length; li++) {
    for (const node of byLevel[li]) {
      let parent: MutableNode | undefined;
      for (let pl = li - 1; pl >= 0 && !parent; pl--) {
        parent = byLevel[pl].find((p) => p.top <= node.top && node.top <= p.bottom);
      }
      if (parent) {
        node.level = parent.level + 1;
        parent.children.push(node);
      } else {
        node.level = 1;
        roots.push(node);
      }
    }
  }
  // A 三级 that repeats its only 四级 child's name and weight (`资金到位率（3分）` twice) stays two
  // levels: it is how the document prints it, and merging would lose a cell address.

  const weightColOf = (li: number): number | undefined =>
    plan.levelWeightCols ? plan.levelWeightCols[li] : plan.weightCol;
  const scoreCol = plan.scoreCol;
  const finalize = (n: MutableNode, parentPath: string): IndicatorNode => {
    const path = parentPath ? `${parentPath}/${n.name}` : n.name;
    const span: Span = { top: n.top, bottom: n.bottom };
    const children = n.children.map((ch) => finalize(ch, path));
    const nameWeight = n.nameWeightValue as number | undefined;
    const wc = weightColOf(n.levelIndex as number);
    const colWeight =
      wc === undefined
        ? undefined
        : (alignedNumber(sheet, span, wc, limit) ??
          (plan.levelWeightCols ? partsWithin(sheet, span, wc, limit, skip) : undefined));
    const weight = colWeight
      ? { ...colWeight, source: 'column' as const }
      : nameWeight !== undefined
        ? { value: nameWeight, cell: n.nameCell, source: 'name' as const }
        : undefined;
    const score = scoreCol !== undefined ? alignedNumber(sheet, span, scoreCol, limit) : undefined;
    const scoreCellEmpty =
      scoreCol !== undefined &&
      children.length === 0 &&
      !score &&
      sameSpan(spanAt(sheet, span.top, scoreCol, limit), span) &&
      !sheet.text(span.top, scoreCol).trim()
        ? sheet.addr(span.top, scoreCol)
        : undefined;
    const rate = c.rate !== undefined ? alignedNumber(sheet, span, c.rate, limit) : undefined;
    const noteCell =
      c.note !== undefined
        ? sheet.addr(span.top, c.note)
        : c.remark !== undefined
          ? sheet.addr(span.top, c.remark)
          : undefined;
    const noteCol = c.note ?? c.remark;
    const note = noteCol !== undefined ? readText(sheet, span.top, noteCol) : undefined;
    const rule = plan.ruleCol !== undefined ? readText(sheet, span.top, plan.ruleCol) : undefined;
    const benchmark =
      c.benchmark !== undefined
        ? (readNumber(sheet, span.top, c.benchmark) ?? readText(sheet, span.top, c.benchmark))
        : undefined;
    const bands = children.length === 0 && plan.bands.length > 0 ? bandsAt(sheet, span.top, plan.bands) : [];
    return {
      level: n.level,
      name: n.name,
      rawName: n.rawName,
      nameCell: n.nameCell,
      ...(weight ? { weight } : {}),
      ...(colWeight && nameWeight !== undefined ? { nameWeight } : {}),
      ...(score ? { score } : {}),
      ...(scoreCellEmpty ? { scoreCellEmpty } : {}),
      ...(rate ? { rate } : {}),
      ...(note ? { note } : {}),
      ...(noteCell ? { noteCell } : {}),
      ...(rule ? { rule } : {}),
      ...(benchmark ? { benchmark } : {}),
      ...(bands.length > 0 ? { bands } : {}),
      top: n.top,
      bottom: n.bottom,
      children,
      path,
    };
  };
  const finalRoots = roots.map((r) => finalize(r, ''));
  const leaves = finalRoots.flatMap(leavesOf);
  const blocks =
    plan.weightCol !== undefined ? buildBlocks(sheet, limit, plan.weightCol, scoreCol, c.note, leaves, skip) : [];

  const weightTotalCol = plan.levelWeightCols ? plan.levelWeightCols.find((w) => w !== undefined) : plan.weightCol;
  const total = totalRow
    ? {
        labelCell: sheet.addr(
          totalRow,
          [frame.firstCol, ...levelCols].find((col) => isTotalLabel(sheet.text(totalRow, col))) ?? h.firstCol,
        ),
        ...optional('weight', weightTotalCol !== undefined ? totalFigure(sheet, totalRow, weightTotalCol) : undefined),
        ...optional('score', scoreCol !== undefined ? totalFigure(sheet, totalRow, scoreCol) : undefined),
        ...optional('rate', c.rate !== undefined ? readNumber(sheet, totalRow, c.rate) : undefined),
        ...optional('grade', c.grade !== undefined ? readText(sheet, totalRow, c.grade) : undefined),
      }
    : undefined;
  const bottom = totalRow ?? dataEnd;
  const title = titleOf(sheet, h.row);
  // The total a table declares: in its 分值 header (`分值（70分）`), or in its title (`…评价指标（15分）`).
  const inHeader = weightTotalCol !== undefined ? declaredTotal(sheet.text(h.row, weightTotalCol)) : undefined;
  const inTitle = title ? declaredTotal(title.text) : undefined;
  const declaredAt =
    inHeader !== undefined
      ? { value: inHeader, cell: toA1(h.row, weightTotalCol!) }
      : inTitle !== undefined && title
        ? { value: inTitle, cell: title.cell }
        : undefined;
  const range: RangeRef = { top: h.row, left: frame.firstCol, bottom, right };
  const cols: Partial<Record<IndicatorColumnRole, number>> = {};
  for (const role of ['seq', 'note', 'explain', 'benchmark', 'remark', 'source', 'grade', 'rate'] as const) {
    if (c[role] !== undefined) cols[role] = c[role];
  }
  if (plan.weightCol !== undefined) cols.weight = plan.weightCol;
  if (scoreCol !== undefined) cols.score = scoreCol;
  if (plan.ruleCol !== undefined) cols.rule = plan.ruleCol;
  const layout: TableLayout = {
    headerRows: [h.row, bandBottom],
    columns: describeColumns(sheet, h, plan, corrected),
    skipped: skippedRows(extent.rows),
    ...(title ? { titleCell: title.cell } : {}),
  };
  return {
    kind: 'indicator',
    id: `${sheet.name}!${rangeToA1(range)}`,
    sheet: sheet.name,
    range: rangeToA1(range),
    headerRow: h.row,
    ...(title ? { title: title.text } : {}),
    roots: finalRoots,
    levelCols,
    cols,
    hasScores: scoreCol !== undefined,
    blocks,
    ...(plan.levelWeightCols ? { levelWeightCols: plan.levelWeightCols } : {}),
    ...(total ? { total } : {}),
    ...(declaredAt ? { declaredTotal: declaredAt } : {}),
    layout,
  };
}

/** A total row's figure: in the column, or just right of a label merged over it (`总分 | 100`). */
function totalFigure(sheet: Sheet, row: number, col: number): NumberCell | undefined {
  return readNumber(sheet, row, col);
}

/** The first skipped row after `row` (or beyond the sheet). */
function nextSkip(skipRows: readonly number[], row: number): number {
  return skipRows.find((r) => r > row) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * A node spanning several cells of its level's 分值 column, each inside its rows (a 三级 printed on
 * two lines ① ② with a 分值 each): its weight is their sum, read from the first cell.
 */
function partsWithin(
  sheet: Sheet,
  span: Span,
  col: number,
  limit: Span,
  skip: ReadonlySet<number>,
): NumberCell | undefined {
  if (span.bottom === span.top) return undefined;
  let total = 0;
  let first: NumberCell | undefined;
  for (let row = span.top; row <= span.bottom;) {
    const s = spanAt(sheet, row, col, limit);
    row = s.bottom + 1;
    if (skip.has(s.top)) continue;
    if (s.top < span.top || s.bottom > span.bottom) return undefined;
    const n = readNumber(sheet, s.top, col);
    if (!n) return undefined;
    first ??= n;
    total += n.value;
  }
  return first ? { ...first, value: Number(total.toFixed(10)) } : undefined;
}

/** The grade bands of a row: each 标准 text with the points it gives. */
function bandsAt(
  sheet: Sheet,
  row: number,
  bands: readonly { rule: number; points: number }[],
): { rule: string; points: NumberCell }[] {
  const out: { rule: string; points: NumberCell }[] = [];
  for (const b of bands) {
    if (!sheet.isMaster(row, b.rule) && sheet.mergeOf(row, b.rule)?.left !== b.rule) continue;
    const text = sheet.text(row, b.rule).trim();
    const points = readNumber(sheet, row, b.points);
    if (text && points) out.push({ rule: text, points });
  }
  return out;
}

/** Which column was read as what, for `--explain`: levels, each level's 分值, bands, the rest. */
function describeColumns(
  sheet: Sheet,
  h: HeaderMatch<Role>,
  plan: ColumnPlan,
  corrected: ReadonlySet<number>,
): ColumnRead[] {
  const LEVEL = ['一级', '二级', '三级', '四级', '五级'];
  const reads = new Map<number, ColumnRead>();
  const put = (col: number, role: string, qualifier = '') =>
    reads.set(col, columnRead(sheet, h.row, col, role, qualifier, corrected.has(col)));
  plan.levelCols.forEach((col, i) => {
    // The level its header names (a 三级指标 column stays 三级 even as the second level read), else its place.
    const named = (['l1', 'l2', 'l3', 'l4'] as const).find((r) => h.cols[r] === col);
    put(col, named ?? (['l1', 'l2', 'l3', 'l4'] as const)[i] ?? 'l4', plan.namedLevels.has(col) ? '（含分值）' : '');
  });
  if (plan.levelWeightCols)
    plan.levelWeightCols.forEach((w, i) => w !== undefined && put(w, 'weight', `（${LEVEL[i] ?? `${i + 1}级`}）`));
  else if (plan.weightCol !== undefined) put(plan.weightCol, 'weight');
  for (const b of plan.bands) {
    put(b.rule, 'bandRule');
    put(b.points, 'bandPoints');
  }
  if (plan.scoreCol !== undefined) put(plan.scoreCol, 'score');
  if (plan.ruleCol !== undefined && !reads.has(plan.ruleCol)) put(plan.ruleCol, 'rule');
  for (const role of [
    'seq',
    'rate',
    'note',
    'explain',
    'benchmark',
    'remark',
    'source',
    'grade',
    'unit',
    'nature',
  ] as const) {
    const col = h.cols[role];
    if (col !== undefined && !reads.has(col)) put(col, role);
  }
  return [...reads.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
}

/** The last column of the header: matched roles and any labelled column right after them (取数方式). */
function headerRight(sheet: Sheet, h: HeaderMatch<Role>): number {
  let right = h.lastCol;
  while (right < sheet.maxCol && sheet.text(h.row, right + 1).trim()) right++;
  return right;
}

function parentBottom(byLevel: MutableNode[][], li: number, row: number, fallback: number): number {
  for (let pl = li - 1; pl >= 0; pl--) {
    const p = byLevel[pl].find((n) => n.top <= row && row <= n.bottom);
    if (p) return p.bottom;
  }
  return fallback;
}

function extendGroup(sheet: Sheet, span: Span, col: number, raw: string, maxBottom: number): Span {
  let bottom = span.bottom;
  const key = normalizeLabel(raw);
  while (bottom < maxBottom) {
    const next = bottom + 1;
    const m = sheet.mergeOf(next, col);
    if (m && m.top !== next) break;
    const text = normalizeLabel(sheet.text(next, col));
    if (text && text !== key) break;
    bottom = m ? Math.min(m.bottom, maxBottom) : next;
  }
  return { top: span.top, bottom };
}

function optional<K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, V>);
}

/** The number in `col` whose cell spans exactly the node's rows (a weight or score that belongs to it). */
function alignedNumber(sheet: Sheet, span: Span, col: number, limit: Span): NumberCell | undefined {
  if (!sameSpan(spanAt(sheet, span.top, col, limit), span)) return undefined;
  return readNumber(sheet, span.top, col);
}

/**
 * The leaves whose first row lies in top..bottom, in their given order (as `leaves.filter` would
 * give them), found by binary search: filtering every leaf for every block was quadratic.
 */
function leafFinder(leaves: readonly IndicatorNode[]): (top: number, bottom: number) => IndicatorNode[] {
  const byTop = leaves.map((_, i) => i).sort((a, b) => leaves[a].top - leaves[b].top || a - b);
  const firstAtOrBelow = (row: number) => {
    let lo = 0;
    let hi = byTop.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (leaves[byTop[mid]].top < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (top, bottom) => {
    const found: number[] = [];
    for (let k = firstAtOrBelow(top); k < byTop.length && leaves[byTop[k]].top <= bottom; k++) found.push(byTop[k]);
    return found.sort((a, b) => a - b).map((i) => leaves[i]);
  };
}

function buildBlocks(
  sheet: Sheet,
  limit: Span,
  wc: number,
  scoreCol: number | undefined,
  noteCol: number | undefined,
  leaves: IndicatorNode[],
  skip: ReadonlySet<number>,
): ScoreBlock[] {
  const blocks: ScoreBlock[] = [];
  const leavesIn = leafFinder(leaves);
  for (let row = limit.top; row <= limit.bottom;) {
    const span = spanAt(sheet, row, wc, limit);
    row = span.bottom + 1;
    if (skip.has(span.top)) continue;
    const inBlock = leavesIn(span.top, span.bottom);
    const weight = readNumber(sheet, span.top, wc);
    if (!weight && inBlock.length === 0) continue;
    const scores: NumberCell[] = [];
    const emptyScoreCells: string[] = [];
    if (scoreCol !== undefined) {
      for (let r = span.top; r <= span.bottom;) {
        const s = spanAt(sheet, r, scoreCol, limit);
        r = s.bottom + 1;
        const n = readNumber(sheet, s.top, scoreCol);
        if (n) scores.push(n);
        else if (!sheet.text(s.top, scoreCol).trim()) emptyScoreCells.push(sheet.addr(s.top, scoreCol));
      }
    }
    const notes = [];
    if (noteCol !== undefined) {
      const seen = new Set<string>();
      for (let r = span.top; r <= span.bottom; r++) {
        const t = readText(sheet, r, noteCol);
        if (t && !seen.has(t.cell)) {
          seen.add(t.cell);
          notes.push(t);
        }
      }
    }
    blocks.push({
      top: span.top,
      bottom: span.bottom,
      ...(weight ? { weight } : {}),
      weightCell: sheet.addr(span.top, wc),
      scores,
      emptyScoreCells,
      notes,
      ...(noteCol !== undefined ? { noteCell: sheet.addr(span.top, noteCol) } : {}),
      leaves: inBlock,
    });
  }
  return blocks;
}

/** A leaf name for 评价办法 rows: the 考核内容 up to its first comma (`召开县级高层联席会议情况`). */
function leafNameFromRule(rule: string): string {
  const first = rule
    .replace(/[（(][^（()）]*[)）]/g, '')
    .split(/[，,。；;]/)[0]
    .trim();
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}
