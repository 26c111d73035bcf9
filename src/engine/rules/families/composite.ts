import type { SimpleRule } from '../types';
import { pts, tidy, type FamilyModule } from './family';

/**
 * Parts whose points add up (`①…得1分;②…得1分;③…得2分`), each with its own rule. The parts are read by
 * their own family module; `readPart`/`notePart` are passed in by the registry so this file does not import it.
 */
export function compositeFamily(
  readPart: (r: SimpleRule, w: number) => string,
  notePart: (r: SimpleRule) => string,
): FamilyModule<'composite'> {
  return {
    kind: 'composite',
    family: 'composite',
    maxPoints: (r) => tidy(r.parts.reduce((s, p) => s + p.points, 0)),
    score: () => undefined,
    reading: (r) =>
      `分项计分，各项相加（${r.parts.map((p) => pts(p.points)).join(' + ')} = ${pts(r.parts.reduce((s, p) => s + p.points, 0))} 分）：${r.parts
        .map((p, i) => `（${i + 1}）${p.name ? `${p.name}：` : ''}${readPart(p.rule, p.points)}`)
        .join('；')}`,
    notation: (r) =>
      `composite:${r.parts.map((p) => `${p.name.replace(/[+=:;]/g, '')}=${notePart(p.rule)}`).join('+')}`,
  };
}
