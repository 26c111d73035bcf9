import * as React from 'react';
import { Button, Checkbox, CounterBadge, Radio, RadioGroup, Select, Field, mergeClasses } from '@fluentui/react-components';
import type { Finding, Severity } from '../engine';
import type { Analysis } from '../engine';
import type { WorkbookInput } from '../engine';
import { SEVERITY_ZH, codeZh } from '../engine';
import { checkWorkbook, type PaneContext } from './App';
import { SEVERITIES, codesIn, countBySeverity, filterFindings, groupFindings, tableKindZh, tablesBySheet } from './model';
import { useStyles } from './styles';

const BADGE: Record<Severity, 'danger' | 'important' | 'informative'> = { error: 'danger', warning: 'important', info: 'informative' };

export function CheckPanel({ ctx, onChecked }: { ctx: PaneContext; onChecked: (a: Analysis, i: WorkbookInput) => void }): React.JSX.Element {
  const styles = useStyles();
  const [scope, setScope] = React.useState<'all' | 'active'>('all');
  const [severities, setSeverities] = React.useState<ReadonlySet<Severity>>(new Set<Severity>(['error', 'warning']));
  const [code, setCode] = React.useState('');
  const analysis = ctx.analysis;

  const runCheck = () =>
    ctx.run(scope === 'all' ? '正在读取整个工作簿…' : '正在读取当前工作表…', '检查', async (progress) => {
      const { analysis: a, input } = await checkWorkbook(ctx, scope, progress);
      onChecked(a, input);
      setCode('');
    });

  const mark = () =>
    ctx.run('正在标记问题单元格…', '标记', async () => {
      const cells = filterFindings(analysis?.findings ?? [], { severities, codes: code ? new Set([code]) : new Set() }).map((f) => ({
        sheet: f.sheet,
        cell: f.cell,
        severity: f.severity,
      }));
      await ctx.port.highlight(cells);
      ctx.notify({ intent: 'success', title: `已标记 ${new Set(cells.map((c) => `${c.sheet}!${c.cell}`)).size} 个单元格`, body: '点“清除标记”可恢复原来的填充颜色（关闭任务窗格后也可以）。' });
    });

  const clear = () =>
    ctx.run('正在清除标记…', '清除标记', async () => {
      await ctx.port.clearHighlights();
      ctx.notify({ intent: 'success', title: '已清除标记，单元格恢复了原来的填充颜色' });
    });

  const select = (f: Finding) => ctx.run(`正在定位 ${f.sheet}!${f.cell}…`, '定位单元格', () => ctx.port.select(f.sheet, f.cell));

  const all = analysis?.findings ?? [];
  const counts = countBySeverity(all);
  const shown = filterFindings(all, { severities, codes: code ? new Set([code]) : new Set() });
  const groups = groupFindings(shown);

  return (
    <section className={styles.section} aria-label="检查">
      <RadioGroup layout="horizontal" value={scope} onChange={(_, d) => setScope(d.value as 'all' | 'active')} aria-label="检查范围">
        <Radio value="all" label="整个工作簿" />
        <Radio value="active" label="当前工作表" />
      </RadioGroup>
      <div className={styles.row}>
        <Button appearance="primary" onClick={runCheck} disabled={ctx.busy}>
          检查
        </Button>
        <Button onClick={mark} disabled={ctx.busy || shown.length === 0}>
          标记
        </Button>
        <Button onClick={clear} disabled={ctx.busy}>
          清除标记
        </Button>
      </div>
      {!analysis ? <div className={styles.muted}>点“检查”读取工作簿，找出分值、得分、金额与日期中的问题。</div> : null}
      {analysis ? (
        <>
          <TablesFound analysis={analysis} />
          <div className={styles.row} aria-label="问题统计">
            <strong>问题 {all.length} 项</strong>
            {SEVERITIES.map((s) => (
              <span key={s}>
                {SEVERITY_ZH[s]} {counts[s]}
              </span>
            ))}
          </div>
          <div className={styles.row} role="group" aria-label="按级别筛选">
            {SEVERITIES.map((s) => (
              <Checkbox
                key={s}
                label={`${SEVERITY_ZH[s]}（${counts[s]}）`}
                checked={severities.has(s)}
                onChange={(_, d) => {
                  const next = new Set(severities);
                  if (d.checked) next.add(s);
                  else next.delete(s);
                  setSeverities(next);
                }}
              />
            ))}
          </div>
          <Field label="问题类型">
            <Select value={code} onChange={(_, d) => setCode(d.value)}>
              <option value="">全部类型</option>
              {codesIn(all).map((c) => (
                <option key={c} value={c}>
                  {codeZh(c)}（{all.filter((f) => f.code === c).length}）
                </option>
              ))}
            </Select>
          </Field>
          {analysis.internalErrors.length ? (
            <div className={styles.muted}>有 {analysis.internalErrors.length} 项检查未能完成：{analysis.internalErrors.slice(0, 3).join('；')}</div>
          ) : null}
          {shown.length === 0 ? <div className={styles.muted}>{all.length ? '当前筛选条件下没有问题。' : '没有发现问题。'}</div> : null}
          {groups.map((g) => (
            <div key={g.sheet} aria-label={`工作表 ${g.sheet}`}>
              <div className={styles.sheetTitle}>
                <span>{g.sheet}</span>
                {SEVERITIES.filter((s) => g.counts[s] > 0).map((s) => (
                  <CounterBadge key={s} count={g.counts[s]} color={BADGE[s]} size="small" aria-label={`${SEVERITY_ZH[s]} ${g.counts[s]}`} />
                ))}
              </div>
              {g.bySeverity.map((b) => (
                <div key={b.severity}>
                  <div className={styles.severityTitle}>
                    {SEVERITY_ZH[b.severity]}（{b.findings.length}）
                  </div>
                  <ul className={styles.list}>
                    {b.findings.map((f) => (
                      <li key={`${f.code}-${f.cell}`}>
                        <button
                          type="button"
                          className={mergeClasses(styles.finding, styles[f.severity])}
                          onClick={() => void select(f)}
                          title={`定位到 ${f.sheet}!${f.cell}`}
                        >
                          <span className={styles.cellRef}>{f.cell}</span>
                          {f.message}
                          <span className={styles.code}>（{codeZh(f.code)}）</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}

function TablesFound({ analysis }: { analysis: Analysis }): React.JSX.Element {
  const styles = useStyles();
  if (analysis.tables.length === 0) return <div className={styles.muted}>没有识别到表格。</div>;
  return (
    <details>
      <summary>识别到 {analysis.tables.length} 个表格</summary>
      <ul className={mergeClasses(styles.list, styles.table)}>
        {tablesBySheet(analysis.tables).flatMap((g) =>
          g.tables.map((t) => (
            <li key={t.id}>
              {t.sheet}!{t.range} {tableKindZh(t)}
              {t.title ? ` “${t.title}”` : ''}
            </li>
          )),
        )}
      </ul>
    </details>
  );
}
