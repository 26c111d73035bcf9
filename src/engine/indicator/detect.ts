import type { Sheet } from '../model/sheet';
import { rangeContains, rangeToA1, toA1, type RangeRef } from '../model/address';
import { defineRoles, findHeaderRows, titleAbove, type HeaderMatch } from '../header';
import { declaredTotal, normalizeLabel, parseNameWeight } from '../text';
import { isPlaceholder, readNumber, readText } from '../cells';
import type { DetectContext } from '../pipeline';
import type { IndicatorColumnRole, IndicatorNode, IndicatorTable, ScoreBlock } from './types';
import type { NumberCell } from '../tables';
import { leavesOf } from './tree';

/**
 * 指标体系 / 绩效评价得分表 / 评价办法: a header with level columns (一级指标 … 四级指标) or a single
 * 名称指标 column, and some of 分值/权重, 得分, 得分率, 评价标准, 扣分说明. The hierarchy comes from
 * vertically merged cells; weights from a weight column where its cell lines up with the node,
 * otherwise from the name (`决策（18分）`).
 */
const INDICATOR_ROLES = defineRoles({
  l1: /^一级(指标)?(名称)?$/,
  l2: /^二级(指标)?(名称)?$/,
  l3: /^三级(指标)?(名称)?$/,
  l4: /^四级(指标)?(名称)?$/,
  nameCol: /^(名称指标|指标名称|评价指标|考核指标|考核项目|评价内容)$/,
  seq: /^(序号|编号)$/,
  weight: /^(分值|权重|标准分值|指标分值|分数|满分|权重分)/,
  score: /^(实际)?得分$|^(评价|考核|评估|自评|综合)得分$/,
  rate: /^得分率$/,
  note: /^(扣分说明|扣分原因|扣分理由|扣分情况|评分说明|得分说明|偏差原因)/,
  rule: /^(评价标准|评分标准|考核内容|评分细则|评分方法|计分方法|评分办法|考核标准)/,
  explain: /^指标(解释|说明|内涵|释义)/,
  benchmark: /^(标杆值|目标值)/,
  remark: /^备注$/,
  source: /^(数据来源|取数方式|考核依据|评价依据|佐证材料)/,
  grade: /^(等级|评价等级|绩效等级)$/,
} as const);
type Role = keyof typeof INDICATOR_ROLES;

const TOTAL_LABEL = /^(合计|总计|总分|综合得分|综合绩效|得分合计|合计得分)$/;

export function detectIndicatorTables(sheet: Sheet, ctx: DetectContext): IndicatorTable[] {
  const headers = findHeaderRows<Role>(sheet, INDICATOR_ROLES, { required: [], minRoles: 2 }).filter(isIndicatorHeader);
  const tables: IndicatorTable[] = [];
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    if (ctx.claimed.some((c) => rangeContains(c, h.row, h.firstCol))) continue;
    const nextHeaderRow = headers[i + 1]?.row ?? sheet.maxRow + 1;
    const t = buildTable(sheet, h, nextHeaderRow - 1);
    if (t) tables.push(t);
  }
  return tables;
}

function isIndicatorHeader(h: HeaderMatch<Role>): boolean {
  const c = h.cols;
  const hasLevels = c.l1 !== undefined && (c.l2 !== undefined || c.weight !== undefined || c.rule !== undefined);
  const hasNameTable = c.nameCol !== undefined && c.rule !== undefined && c.weight !== undefined;
  return hasLevels || hasNameTable;
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

/** Where the data ends: the total row (kept), a fully blank row, or a note (`注：`). */
function findDataEnd(sheet: Sheet, h: HeaderMatch<Role>, limit: number, labelCols: number[]): { last: number; totalRow?: number } {
  let last = h.row;
  for (let row = h.row + 1; row <= limit; row++) {
    let blank = true;
    for (let col = h.firstCol; col <= h.lastCol; col++) {
      if (sheet.text(row, col).trim()) {
        blank = false;
        break;
      }
    }
    if (blank) {
      // A few blank rows inside a table (left when rows were deleted) does not end it when an
      // indicator row with a weight, or the total row, follows.
      const next = nextNonBlankRow(sheet, h, row, Math.min(limit, row + BLANK_ROWS_INSIDE));
      if (next === undefined || !continuesTable(sheet, h, next, labelCols)) break;
      row = next - 1;
      continue;
    }
    const first = normalizeLabel(sheet.text(row, h.firstCol));
    if (/^注[:：]/.test(first)) break;
    if (labelCols.some((col) => TOTAL_LABEL.test(normalizeLabel(sheet.text(row, col))))) return { last: row, totalRow: row };
    last = row;
  }
  return { last };
}

const BLANK_ROWS_INSIDE = 3;

function rowIsBlank(sheet: Sheet, h: HeaderMatch<Role>, row: number): boolean {
  for (let col = h.firstCol; col <= h.lastCol; col++) if (sheet.text(row, col).trim()) return false;
  return true;
}

function nextNonBlankRow(sheet: Sheet, h: HeaderMatch<Role>, from: number, to: number): number | undefined {
  for (let row = from + 1; row <= to; row++) if (!rowIsBlank(sheet, h, row)) return row;
  return undefined;
}

function continuesTable(sheet: Sheet, h: HeaderMatch<Role>, row: number, labelCols: number[]): boolean {
  if (labelCols.some((col) => TOTAL_LABEL.test(normalizeLabel(sheet.text(row, col))))) return true;
  const weightCol = h.cols.weight;
  return weightCol !== undefined && readNumber(sheet, row, weightCol) !== undefined;
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

function buildTable(sheet: Sheet, h: HeaderMatch<Role>, limitRow: number): IndicatorTable | undefined {
  const c = h.cols;
  const levelCols = [c.l1, c.l2, c.l3, c.l4].filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  // 评价办法 style: one 名称指标 column of groups, each data row a leaf described by its 考核内容.
  const rowLeaves = levelCols.length === 0 && c.nameCol !== undefined;
  if (rowLeaves) levelCols.push(c.nameCol!);
  const labelCols = [h.firstCol, ...levelCols];
  const { last, totalRow } = findDataEnd(sheet, h, limitRow, labelCols);
  const dataEnd = totalRow ? totalRow - 1 : last;
  if (dataEnd <= h.row) return undefined;
  const limit: Span = { top: h.row + 1, bottom: dataEnd };

  const byLevel: MutableNode[][] = [];
  for (let li = 0; li < levelCols.length; li++) {
    const col = levelCols[li];
    const nodes: MutableNode[] = [];
    const deepest = li === levelCols.length - 1 && !rowLeaves;
    for (let row = limit.top; row <= limit.bottom; ) {
      let span = spanAt(sheet, row, col, limit);
      const raw = sheet.text(span.top, col).trim();
      // Not every sheet merges its group cells: a group name may be left blank below itself or
      // repeated on every row. Above the deepest level both mean "the same group continues".
      if (!deepest && raw) span = extendGroup(sheet, span, col, raw, parentBottom(byLevel, li, span.top, limit.bottom));
      row = span.bottom + 1;
      if (!raw || isPlaceholder(raw)) continue;
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
      });
    }
    byLevel.push(nodes);
  }
  if (rowLeaves) {
    const nodes: MutableNode[] = [];
    for (let row = limit.top; row <= limit.bottom; row++) {
      const ruleText = c.rule !== undefined ? sheet.text(row, c.rule).trim() : '';
      const seq = c.seq !== undefined ? sheet.text(row, c.seq).trim() : '';
      if (!ruleText && !seq) continue;
      const clause = leafNameFromRule(ruleText);
      const name = seq && clause ? `${seq}. ${clause}` : clause || `序号${seq}`;
      const nameCell = sheet.addr(row, c.rule ?? c.seq ?? levelCols[0]);
      nodes.push({ level: levelCols.length + 1, name, rawName: name, nameCell, top: row, bottom: row, children: [], path: '', nameWeightValue: undefined });
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

  const finalize = (n: MutableNode, parentPath: string): IndicatorNode => {
    const path = parentPath ? `${parentPath}/${n.name}` : n.name;
    const span: Span = { top: n.top, bottom: n.bottom };
    const children = n.children.map((ch) => finalize(ch, path));
    const nameWeight = n.nameWeightValue as number | undefined;
    const colWeight = c.weight !== undefined ? alignedNumber(sheet, span, c.weight, limit) : undefined;
    const weight = colWeight
      ? { ...colWeight, source: 'column' as const }
      : nameWeight !== undefined
        ? { value: nameWeight, cell: n.nameCell, source: 'name' as const }
        : undefined;
    const score = c.score !== undefined ? alignedNumber(sheet, span, c.score, limit) : undefined;
    const scoreCellEmpty =
      c.score !== undefined && children.length === 0 && !score && sameSpan(spanAt(sheet, span.top, c.score, limit), span) && !sheet.text(span.top, c.score).trim()
        ? sheet.addr(span.top, c.score)
        : undefined;
    const rate = c.rate !== undefined ? alignedNumber(sheet, span, c.rate, limit) : undefined;
    const noteCell = c.note !== undefined ? sheet.addr(span.top, c.note) : c.remark !== undefined ? sheet.addr(span.top, c.remark) : undefined;
    const noteCol = c.note ?? c.remark;
    const note = noteCol !== undefined ? readText(sheet, span.top, noteCol) : undefined;
    const rule = c.rule !== undefined ? readText(sheet, span.top, c.rule) : undefined;
    const benchmark = c.benchmark !== undefined ? (readNumber(sheet, span.top, c.benchmark) ?? readText(sheet, span.top, c.benchmark)) : undefined;
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
      top: n.top,
      bottom: n.bottom,
      children,
      path,
    };
  };
  const finalRoots = roots.map((r) => finalize(r, ''));
  const leaves = finalRoots.flatMap(leavesOf);
  const blocks = c.weight !== undefined ? buildBlocks(sheet, limit, c, leaves) : [];

  const total = totalRow
    ? {
        labelCell: sheet.addr(totalRow, labelCols.find((col) => TOTAL_LABEL.test(normalizeLabel(sheet.text(totalRow, col)))) ?? h.firstCol),
        ...optional('weight', c.weight !== undefined ? readNumber(sheet, totalRow, c.weight) : undefined),
        ...optional('score', c.score !== undefined ? readNumber(sheet, totalRow, c.score) : undefined),
        ...optional('rate', c.rate !== undefined ? readNumber(sheet, totalRow, c.rate) : undefined),
        ...optional('grade', c.grade !== undefined ? readText(sheet, totalRow, c.grade) : undefined),
      }
    : undefined;
  const declared = c.weight !== undefined ? declaredTotal(h.texts.weight ?? '') : undefined;
  const bottom = totalRow ?? dataEnd;
  const title = titleAbove(sheet, h.row);
  const range: RangeRef = { top: h.row, left: h.firstCol, bottom, right: Math.max(headerRight(sheet, h), ...levelCols) };
  const cols: Partial<Record<IndicatorColumnRole, number>> = {};
  for (const role of ['seq', 'weight', 'score', 'rate', 'note', 'rule', 'explain', 'benchmark', 'remark', 'source', 'grade'] as const) {
    if (c[role] !== undefined) cols[role] = c[role];
  }
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
    hasScores: c.score !== undefined,
    blocks,
    ...(total ? { total } : {}),
    ...(declared !== undefined ? { declaredTotal: { value: declared, cell: toA1(h.row, c.weight!) } } : {}),
  };
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
  c: Partial<Record<Role, number>>,
  leaves: IndicatorNode[],
): ScoreBlock[] {
  const blocks: ScoreBlock[] = [];
  const wc = c.weight!;
  const leavesIn = leafFinder(leaves);
  for (let row = limit.top; row <= limit.bottom; ) {
    const span = spanAt(sheet, row, wc, limit);
    row = span.bottom + 1;
    const inBlock = leavesIn(span.top, span.bottom);
    const weight = readNumber(sheet, span.top, wc);
    if (!weight && inBlock.length === 0) continue;
    const scores: NumberCell[] = [];
    const emptyScoreCells: string[] = [];
    if (c.score !== undefined) {
      for (let r = span.top; r <= span.bottom; ) {
        const s = spanAt(sheet, r, c.score, limit);
        r = s.bottom + 1;
        const n = readNumber(sheet, s.top, c.score);
        if (n) scores.push(n);
        else if (!sheet.text(s.top, c.score).trim()) emptyScoreCells.push(sheet.addr(s.top, c.score));
      }
    }
    const noteCol = c.note;
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
  const first = rule.replace(/[（(][^（()）]*[)）]/g, '').split(/[，,。；;]/)[0].trim();
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}
