/**
 * Text as agencies type it: full-width digits and brackets, letter-spaced names (`投   入`),
 * Word line breaks inside cells. Everything that compares labels goes through `normalizeLabel`.
 */

const SPACE = /\s/;

/** Full-width ASCII forms (！ to ～) and the ideographic space to their half-width counterparts. */
export function toHalfWidth(s: string): string {
  // Chinese prose is full of ，（）：, so most long texts convert; one pass over the char codes runs
  // about 2.5× faster than a regex replace with a callback per character (every 评价标准 goes through here).
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const half = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c === 0x3000 ? 0x20 : -1;
    if (half < 0) continue;
    out += s.slice(from, i) + String.fromCharCode(half);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** For matching labels: half-width, no whitespace or line breaks at all. */
export function normalizeLabel(s: string): string {
  const half = toHalfWidth(s);
  return SPACE.test(half) ? half.replace(/\s+/g, '') : half;
}

/** For display: collapse line breaks and runs of spaces between Chinese characters. */
export function displayLabel(s: string): string {
  return s
    .replace(/\s*\n\s*/g, '')
    .replace(/([\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/g, '$1')
    .trim();
}

export interface NameWeight {
  /** The name with the weight stripped, for display (`决策`). */
  readonly name: string;
  /** The weight written in the name, if any (`决策（18分）` → 18). */
  readonly weight?: number;
  /** The text of the weight as written, for messages (`（18分）`). */
  readonly weightText?: string;
}

// A trailing bracket holding only a number with an optional 分: （18分） (10) （1分）
const TRAILING_WEIGHT = /[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*[。.]?\s*$/;

/**
 * Splits `决策（18分）`, `组织\n领导（10）`, `投   入（20分）`, `产业项目（6个）完成情况（3分）` into a
 * display name and a weight. Only a bracket at the end counts, and only with a bare number or
 * `N分` in it: `（6个）` in the middle of a name is part of the name.
 */
export function parseNameWeight(raw: string): NameWeight {
  const text = raw.trim();
  const m = TRAILING_WEIGHT.exec(text);
  if (!m) return { name: displayLabel(text) };
  const name = displayLabel(text.slice(0, m.index).replace(/[。.]\s*$/, '。'));
  return { name: name.replace(/。$/, '') || displayLabel(text), weight: Number(m[1]), weightText: m[0].trim() };
}

/** A declared total in a header, e.g. `分值（70分）` → 70. */
export function declaredTotal(header: string): number | undefined {
  const m = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/.exec(header);
  return m ? Number(m[1]) : undefined;
}

export interface TextNumber {
  readonly value: number;
  /** True when the text was a percentage (`98.82%` → 0.9882). */
  readonly percent: boolean;
  /** Decimal places as written, for display-precision comparisons. */
  readonly decimals: number;
}

/**
 * Reads a number written as text the way a person would: `3,180.30`, `１２`, `98.82%`, `2.96分`,
 * ` 16.5 `, `52万元` (→ 52). Returns undefined for anything else (`—`, `无`, `≥90%`, `3-5万字`).
 */
export function parseNumberText(raw: string): TextNumber | undefined {
  const s = toHalfWidth(raw)
    .trim()
    .replace(/,(?=\d{3}(\D|$))/g, '');
  const m = /^([-+]?\d+(?:\.(\d+))?)\s*(%|分|万元|元|个|人|户|次|项)?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  const percent = m[3] === '%';
  const decimals = m[2]?.length ?? 0;
  return { value: percent ? n / 100 : n, percent, decimals: percent ? decimals + 2 : decimals };
}
