import * as React from 'react';
import { Button, Checkbox, Radio, RadioGroup } from '@fluentui/react-components';
import type { CellPatch } from '../engine';
import type { WorkbookInput } from '../engine';
import type { PaneContext } from './App';
import { PURPOSE_ZH, patchNew, patchOld, previewWrites, showValue, type WritePreview } from './model';
import { useStyles } from './styles';

interface Prepared {
  readonly patches: CellPatch[];
  readonly input: WorkbookInput;
  readonly preview: WritePreview;
  readonly overwrite: boolean;
}

/** 计算并回写: the plan is shown first; nothing is written until the user confirms it. */
export function WritePanel({ ctx }: { ctx: PaneContext }): React.JSX.Element {
  const styles = useStyles();
  const [mode, setMode] = React.useState<'values' | 'formulas'>('values');
  const [overwrite, setOverwrite] = React.useState(false);
  const [prepared, setPrepared] = React.useState<Prepared>();

  const prepare = () =>
    ctx.run('正在读取工作簿并计算得分…', '计算', async (progress) => {
      setPrepared(undefined);
      const input = await ctx.port.read('all');
      progress('正在计算得分…');
      await new Promise((r) => setTimeout(r, 0));
      const plan = ctx.planner(input, ctx.settings, { formulas: mode === 'formulas' });
      const preview = previewWrites(plan.patches, input, overwrite);
      setPrepared({ patches: plan.patches, input, preview, overwrite });
      if (plan.patches.length === 0)
        ctx.notify({ intent: 'info', title: '没有可计算的单元格', body: '未识别到带评价标准、可以计算得分的表格；请先在“检查”中查看识别到的表格。' });
    });

  const confirm = () => {
    if (!prepared) return;
    return ctx.run(`正在写入 ${prepared.preview.toWrite.length} 个单元格…`, '回写', async () => {
      const result = await ctx.port.apply(prepared.patches, { overwrite: prepared.overwrite });
      setPrepared(undefined);
      ctx.notify({
        intent: 'success',
        title: `已写入 ${result.written.length} 个单元格${result.skipped.length ? `，跳过 ${result.skipped.length} 个` : ''}`,
        body: result.skipped.length ? result.skipped.map((s) => s.message).join('；') : '可按 Ctrl+Z 撤消。',
      });
    });
  };

  const p = prepared?.preview;
  return (
    <section className={styles.section} aria-label="计算并回写">
      <div className={styles.muted}>按评价标准计算得分、得分率、小计、合计和等级。先预览，确认后才写入。</div>
      <RadioGroup layout="horizontal" value={mode} onChange={(_, d) => { setMode(d.value as 'values' | 'formulas'); setPrepared(undefined); }} aria-label="写入方式">
        <Radio value="values" label="写入数值" />
        <Radio value="formulas" label="写入公式" />
      </RadioGroup>
      <Checkbox
        label="覆盖已有的不同数值和公式"
        checked={overwrite}
        onChange={(_, d) => {
          setOverwrite(Boolean(d.checked));
          setPrepared(undefined);
        }}
      />
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void prepare()} disabled={ctx.busy}>
          计算并预览
        </Button>
      </div>
      {p ? (
        <div className={styles.section} aria-label="回写预览">
          <strong>将写入 {p.toWrite.length} 个单元格</strong>
          <ul className={styles.list}>
            {p.toWrite.map((x) => (
              <li key={`${x.sheet}!${x.cell}`} className={styles.patch}>
                <span className={styles.cellRef}>
                  {x.sheet}!{x.cell}
                </span>
                {PURPOSE_ZH[x.purpose]}：{patchOld(x)} → {patchNew(x)}
              </li>
            ))}
          </ul>
          {p.skipped.length ? (
            <>
              <strong>跳过 {p.skipped.length} 个单元格</strong>
              <ul className={styles.list}>
                {p.skipped.map((s) => (
                  <li key={`${s.patch.sheet}!${s.patch.cell}`} className={styles.patch}>
                    {s.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {p.unchanged.length ? <div className={styles.muted}>另有 {p.unchanged.length} 个单元格已是计算结果（{p.unchanged.slice(0, 3).map((x) => `${x.cell}=${showValue(x.value)}`).join('，')}…），无需写入。</div> : null}
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void confirm()} disabled={ctx.busy || p.toWrite.length === 0}>
              确认写入 {p.toWrite.length} 个单元格
            </Button>
            <Button onClick={() => setPrepared(undefined)} disabled={ctx.busy}>
              取消
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
