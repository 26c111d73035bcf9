import * as React from 'react';
import { Button, Checkbox, Radio, RadioGroup } from '@fluentui/react-components';
import {
  type CellPatch,
  type SkippedPatch,
  type WorkbookInput,
  appendJournal,
  journalEntry,
  planUndo,
  type CellState,
} from '../engine';
import { nextFrame, plannerOf, type PaneContext } from './pane';
import { PURPOSE_ZH, patchNew, patchOld, previewWrites, showValue, type WritePreview } from './writeModel';
import { useStyles } from './styles';

interface Prepared {
  readonly patches: CellPatch[];
  readonly input: WorkbookInput;
  readonly preview: WritePreview;
  readonly overwrite: boolean;
}

/** Skipped cells of one kind beyond this many are summarised in one line (the list stays behind it). */
const SKIP_LIST_AT = 5;

/** The skipped cells by why: a formula is kept, a different value is kept, a value is not turned into its formula. */
export function skipGroups(skipped: readonly SkippedPatch[]): { title: string; items: SkippedPatch[] }[] {
  const groups: { key: string; title: (n: number) => string }[] = [
    { key: 'formula', title: (n) => `${n} 个单元格含公式，未覆盖` },
    { key: 'differs', title: (n) => `${n} 个单元格现有值与计算结果不同，未覆盖` },
    { key: 'same', title: (n) => `${n} 个单元格已有相同的数值，未改为公式` },
  ];
  const kindOf = (s: SkippedPatch) =>
    s.reason === 'formula'
      ? 'formula'
      : s.patch.formula !== undefined && /未改为公式/.test(s.message)
        ? 'same'
        : 'differs';
  return groups
    .map((g) => {
      const items = skipped.filter((s) => kindOf(s) === g.key);
      return { title: g.title(items.length), items };
    })
    .filter((g) => g.items.length > 0);
}

/** 计算并回写: the plan is shown first; nothing is written until the user confirms it; every write is journaled. */
export function WritePanel({ ctx }: { ctx: PaneContext }): React.JSX.Element {
  const styles = useStyles();
  const [mode, setMode] = React.useState<'values' | 'formulas'>('values');
  const [overwrite, setOverwrite] = React.useState(false);
  const [prepared, setPrepared] = React.useState<Prepared>();
  const journal = ctx.settings.journal;

  const prepare = () =>
    ctx.run('正在读取工作簿并计算得分…', '计算', async (progress) => {
      setPrepared(undefined);
      const input = await ctx.port.read('all');
      progress('正在计算得分…');
      const planner = await plannerOf(ctx);
      await nextFrame();
      const plan = planner(input, ctx.settings, { formulas: mode === 'formulas' });
      const preview = previewWrites(plan.patches, input, overwrite);
      setPrepared({ patches: plan.patches, input, preview, overwrite });
      if (plan.patches.length === 0)
        ctx.notify({
          intent: 'info',
          title: '没有可计算的单元格',
          body: '未识别到带评价标准、可以计算得分的表格；请先在“检查”中查看识别到的表格。',
        });
    });

  // Ticking 覆盖 re-decides the same plan (planWrites is pure): the preview changes, it does not vanish.
  const changeOverwrite = (next: boolean) => {
    setOverwrite(next);
    if (prepared)
      setPrepared({ ...prepared, overwrite: next, preview: previewWrites(prepared.patches, prepared.input, next) });
  };

  const confirm = () => {
    if (!prepared) return;
    return ctx.run(`正在写入 ${prepared.preview.toWrite.length} 个单元格…`, '回写', async () => {
      const before = await ctx.port.snapshot(prepared.preview.toWrite.map((p) => ({ sheet: p.sheet, cell: p.cell })));
      const result = await ctx.port.apply(prepared.patches, { overwrite: prepared.overwrite });
      setPrepared(undefined);
      if (result.written.length) {
        const entry = journalEntry(
          ctx.settings.journal,
          mode === 'formulas' ? '计算并回写（公式）' : '计算并回写',
          new Date().toISOString(),
          before,
          result.written,
        );
        await ctx.updateSettings((s) => ({ ...s, journal: appendJournal(s.journal, entry) }));
      }
      ctx.notify({
        intent: 'success',
        title: `已写入 ${result.written.length} 个单元格${result.skipped.length ? `，跳过 ${result.skipped.length} 个` : ''}`,
        body: `${
          result.skipped.length
            ? `${result.skipped
                .slice(0, 5)
                .map((s) => s.message)
                .join('；')}${result.skipped.length > 5 ? ` 等 ${result.skipped.length} 个` : ''}。`
            : ''
        }原来的值和格式已记录在本工作簿中，可点“撤销回写”恢复。`,
      });
    });
  };

  const undo = (which: 'last' | 'all') =>
    ctx.run('正在撤销回写…', '撤销回写', async () => {
      const cells = (which === 'last' ? journal.slice(-1) : journal).flatMap((e) =>
        e.cells.map((c) => ({ sheet: c.sheet, cell: c.cell })),
      );
      const now = new Map((await ctx.port.snapshot(cells)).map((s) => [`${s.sheet}!${s.cell}`, s as CellState]));
      const plan = planUndo(journal, which, (sheet, cell) => now.get(`${sheet}!${cell}`) ?? {});
      await ctx.port.restore(plan.restore);
      await ctx.updateSettings((s) => ({ ...s, journal: plan.remaining }));
      ctx.notify({
        intent: plan.refused.length ? 'warning' : 'success',
        title: `已撤销 ${plan.undone.length} 次回写，恢复 ${plan.restore.length} 个单元格的原值和格式${plan.refused.length ? `；${plan.refused.length} 个单元格在回写后已被修改，未撤销` : ''}`,
        body: plan.refused.length ? plan.refused.map((r) => r.message).join('；') : undefined,
      });
    });

  const go = (sheet: string, cell: string) =>
    void ctx.run(`正在定位 ${sheet}!${cell}…`, '定位单元格', () => ctx.port.select(sheet, cell));

  const p = prepared?.preview;
  const groups = p ? skipGroups(p.skipped) : [];
  const journalCells = journal.reduce((n, e) => n + e.cells.length, 0);
  return (
    <section className={styles.section} aria-label="计算并回写">
      <div className={styles.muted}>按评价标准计算得分、得分率、小计、合计和等级。先预览，确认后才写入。</div>
      <RadioGroup
        layout="horizontal"
        value={mode}
        onChange={(_, d) => {
          setMode(d.value as 'values' | 'formulas');
          setPrepared(undefined);
        }}
        aria-label="写入方式"
      >
        <Radio value="values" label="写入数值" />
        <Radio value="formulas" label="写入公式" />
      </RadioGroup>
      <Checkbox
        label="覆盖已有的不同数值和公式"
        checked={overwrite}
        onChange={(_, d) => changeOverwrite(Boolean(d.checked))}
      />
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void prepare()} disabled={ctx.busy}>
          计算并预览
        </Button>
      </div>
      {p ? (
        <div className={styles.section} aria-label="回写预览">
          <strong>{p.toWrite.length ? `将写入 ${p.toWrite.length} 个单元格` : '没有需要写入的单元格'}</strong>
          <ul className={styles.list}>
            {p.toWrite.map((x) => (
              <li key={`${x.sheet}!${x.cell}`} className={styles.patch}>
                <button
                  type="button"
                  className={styles.linkish}
                  onClick={() => go(x.sheet, x.cell)}
                  title={`定位到 ${x.sheet}!${x.cell}`}
                >
                  <span className={styles.cellRef}>
                    {x.sheet}!{x.cell}
                  </span>
                  {PURPOSE_ZH[x.purpose]}：{patchOld(x)} → {patchNew(x)}
                </button>
              </li>
            ))}
          </ul>
          {groups.map((g) => (
            <details key={g.title} open={g.items.length <= SKIP_LIST_AT}>
              <summary>
                <strong>跳过：{g.title}</strong>
              </summary>
              <ul className={styles.list}>
                {g.items.map((s) => (
                  <li key={`${s.patch.sheet}!${s.patch.cell}`} className={styles.patch}>
                    <button
                      type="button"
                      className={styles.linkish}
                      onClick={() => go(s.patch.sheet, s.patch.cell)}
                      title={`定位到 ${s.patch.sheet}!${s.patch.cell}`}
                    >
                      {s.message}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          ))}
          {!prepared.overwrite && p.skipped.length ? (
            <div className={styles.muted} role="note">
              勾选“覆盖已有的不同数值和公式”将另外写入这 {p.skipped.length} 个单元格（
              {groups.map((g) => g.title.replace(/，未.*$/, '')).join('；')}）。
            </div>
          ) : null}
          {p.unchanged.length ? (
            <div className={styles.muted}>
              另有 {p.unchanged.length} 个单元格已是计算结果（
              {p.unchanged
                .slice(0, 3)
                .map((x) => `${x.sheet}!${x.cell}=${showValue(x.value)}`)
                .join('，')}
              {p.unchanged.length > 3 ? '…' : ''}），无需写入。
            </div>
          ) : null}
          <div className={styles.row}>
            {p.toWrite.length ? (
              <Button appearance="primary" onClick={() => void confirm()} disabled={ctx.busy}>
                确认写入 {p.toWrite.length} 个单元格
              </Button>
            ) : null}
            <Button onClick={() => setPrepared(undefined)} disabled={ctx.busy}>
              {p.toWrite.length ? '取消' : '关闭预览'}
            </Button>
          </div>
        </div>
      ) : null}
      {journal.length ? (
        <div className={styles.section} aria-label="撤销回写">
          <strong>撤销回写</strong>
          <div className={styles.muted}>
            本工作簿记录了 {journal.length} 次回写（共 {journalCells} 个单元格）；最近一次：
            {journal[journal.length - 1].label}，{journal[journal.length - 1].cells.length}{' '}
            个单元格。撤销会恢复原来的值和数字格式；回写后被您改过的单元格不会撤销。
          </div>
          <div className={styles.row}>
            <Button onClick={() => void undo('last')} disabled={ctx.busy}>
              撤销上次回写
            </Button>
            {journal.length > 1 ? (
              <Button onClick={() => void undo('all')} disabled={ctx.busy}>
                全部撤销
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
