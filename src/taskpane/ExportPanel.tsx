import * as React from 'react';
import { Button, Field, Textarea } from '@fluentui/react-components';
import { findingsToTsv, issueListSheet, taskListSheet, type ResponsibilityTable } from '../engine';
import { plannerOf, type PaneContext } from './pane';
import { useStyles } from './styles';

/** Copies text; the async clipboard API is often unavailable inside Office's web views. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection-based copy
  }
  try {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = typeof document.execCommand === 'function' && document.execCommand('copy');
    area.remove();
    return ok;
  } catch {
    return false;
  }
}

export function ExportPanel({ ctx }: { ctx: PaneContext }): React.JSX.Element {
  const styles = useStyles();
  const [manual, setManual] = React.useState<string>();
  const findings = ctx.analysis?.findings;
  const duties = (ctx.analysis?.tables ?? []).filter((t): t is ResponsibilityTable => t.kind === 'responsibility');

  const copy = () =>
    ctx.run('正在复制…', '复制', async () => {
      const tsv = findingsToTsv(findings ?? []);
      if (await copyText(tsv)) {
        setManual(undefined);
        ctx.notify({
          intent: 'success',
          title: `已复制 ${findings?.length ?? 0} 项问题`,
          body: '可直接粘贴到 Excel、WPS 或邮件中，每项一行。',
        });
      } else {
        setManual(tsv);
        ctx.notify({
          intent: 'warning',
          title: '无法访问剪贴板',
          body: '已在下方显示表格文本：全选（Ctrl+A）后复制（Ctrl+C）。',
        });
      }
    });

  const writeIssues = () =>
    ctx.run('正在写入问题清单…', '写入问题清单', async () => {
      const sheet = issueListSheet(findings ?? []);
      await ctx.port.addSheet(sheet);
      ctx.notify({ intent: 'success', title: `已写入“${sheet.name}”工作表（${findings?.length ?? 0} 项）` });
    });

  const writeSummary = () =>
    ctx.run('正在计算综合评定表…', '写入综合评定表', async (progress) => {
      const input = await ctx.port.read('all');
      progress('正在计算得分…');
      const plan = (await plannerOf(ctx))(input, ctx.settings, {});
      if (plan.newSheets.length === 0) {
        ctx.notify({
          intent: 'warning',
          title: '没有可写入的综合评定表',
          body: '未识别到可计分的得分表；请先在“检查”中确认识别到了得分表。',
        });
        return;
      }
      for (const s of plan.newSheets) await ctx.port.addSheet(s);
      ctx.notify({ intent: 'success', title: `已写入 ${plan.newSheets.map((s) => `“${s.name}”`).join('、')}` });
    });

  // 责任分解: one block per unit with the tasks it leads and supports (the CLI's `jixiao tasks`).
  const writeTasks = () =>
    ctx.run('正在生成任务清单…', '生成任务清单', async () => {
      const sheet = taskListSheet(duties);
      await ctx.port.addSheet(sheet);
      const units = sheet.rows.slice(1).filter((r) => r[0] !== null).length;
      const tasks = duties.reduce((n, t) => n + t.tasks.length, 0);
      ctx.notify({ intent: 'success', title: `已写入“${sheet.name}”工作表：${units} 个单位，${tasks} 项任务` });
    });

  return (
    <section className={styles.section} aria-label="导出">
      {!findings ? (
        <div className={styles.muted}>请先在“检查”中运行检查，再导出问题。</div>
      ) : (
        <div className={styles.muted}>共 {findings.length} 项问题（含提示）。</div>
      )}
      <div className={styles.row}>
        <Button onClick={() => void copy()} disabled={ctx.busy || !findings}>
          复制问题表
        </Button>
        <Button onClick={() => void writeIssues()} disabled={ctx.busy || !findings}>
          写入问题清单
        </Button>
      </div>
      <div className={styles.row}>
        <Button onClick={() => void writeSummary()} disabled={ctx.busy}>
          写入综合评定表
        </Button>
      </div>
      {duties.length > 0 ? (
        <div className={styles.row}>
          <Button onClick={() => void writeTasks()} disabled={ctx.busy}>
            生成任务清单
          </Button>
        </div>
      ) : null}
      {manual !== undefined ? (
        <Field label="问题表（制表符分隔）">
          <Textarea className={styles.textarea} value={manual} readOnly rows={8} />
        </Field>
      ) : null}
    </section>
  );
}
