import { clamp, fullText, pts, tidy, type FamilyModule } from './family';

/** `每发现一处不规范的扣0.5分，扣完为止`; `一个学校未按规定时间完成扣0.5分`; `未确定专人保管的扣0.5分`. */
export const perFindingFamily: FamilyModule<'per-finding'> = {
  kind: 'per-finding',
  family: 'per-finding',
  maxPoints: (r, w) => r.full ?? w,
  score(r, input, w) {
    const full = r.full ?? w;
    if (full === undefined || input.count === undefined || input.count < 0) return undefined;
    const raw = r.once ? (input.count > 0 ? r.deduct : 0) : input.count * r.deduct;
    const lost = r.cap !== undefined ? Math.min(raw, r.cap) : raw;
    return tidy(clamp(full - lost, 0, full));
  },
  reading: (r, w) => {
    const kinds = [{ deduct: r.deduct, once: r.once, cap: r.cap }, ...(r.more ?? [])].map(
      (d) =>
        `${d.once ? '出现即扣' : '每处扣'} ${pts(d.deduct)} 分${d.cap !== undefined ? `（最多扣 ${pts(d.cap)} 分）` : ''}`,
    );
    return `按问题扣分：满分 ${fullText(r.full, w)}，${kinds.join('；')}，扣完为止${r.zeroIf ? `；${r.zeroIf}不得分` : ''}`;
  },
  notation: (r) => {
    const more = (r.more ?? [])
      .map((d) => `,${pts(d.deduct)}${d.once ? '!' : ''}${d.cap !== undefined ? `<${pts(d.cap)}` : ''}`)
      .join('');
    const first = `${pts(r.deduct)}${r.once ? '!' : ''}${r.cap !== undefined ? `<${pts(r.cap)}` : ''}`;
    return `per-finding:${first}${more}${r.full !== undefined ? `/${pts(r.full)}` : ''}`;
  },
};
