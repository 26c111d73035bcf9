import { normalizeLabel, toHalfWidth } from '../text';

/**
 * Splits a 责任单位 cell into units: `区扶贫办、区民政局，各镇街（管区）` → three units. Separators are
 * 、，,；; and line breaks; nothing inside brackets is split (`区农工办（区农发局、区林业局）` is one unit,
 * its aliases in brackets). Trailing full stops and `等` are dropped.
 */
export function splitUnits(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  const push = () => {
    const name = cleanUnit(cur);
    if (name) out.push(name);
    cur = '';
  };
  for (const ch of text) {
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,；;\n\r]/.test(ch)) push();
    else cur += ch;
  }
  push();
  return out;
}

function cleanUnit(s: string): string {
  return s
    .trim()
    .replace(/[。．.]+$/, '')
    .replace(/^(牵头|配合|责任)(单位)?[:：]/, '')
    .replace(/等$/, '')
    .trim();
}

/**
 * The key two spellings of one unit share: no spaces, half-width, brackets' contents (aliases)
 * dropped, the level prefix (`区`, `市`, `县`, `新区`) dropped, and the filler `工作` dropped — so 区扶贫办
 * and 扶贫办, 区农工办（区农发局） and 区农工办, 区扶贫开发领导小组成员单位 and 区扶贫开发工作领导小组成员单位
 * meet, while 开发区公安分局 and 黄岛公安分局 stay two units.
 */
export function unitKey(name: string): string {
  return normalizeLabel(toHalfWidth(name))
    .replace(/\([^()]*\)/g, '')
    .replace(LEVEL_PREFIX, '')
    .replace(/工作(?=领导小组)/g, '');
}

const LEVEL_PREFIX = /^(全区|全市|全县|新区|区|市|县|省)(?=.{2,})/;

/** The level a unit's name starts with (`区`, `市`), or '' — 市教育局 and 区教育局 are two units. */
export function unitLevel(name: string): string {
  return LEVEL_PREFIX.exec(normalizeLabel(toHalfWidth(name)))?.[1] ?? '';
}

/** A group of units rather than one unit (`各镇街（管区）`, `各成员单位`, `区直有关部门`). */
export function isUnitGroup(name: string): boolean {
  return /^各|有关|相关|成员单位$|等单位$/.test(normalizeLabel(name));
}
