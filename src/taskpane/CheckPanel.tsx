import * as React from 'react';
import {
  Button,
  Checkbox,
  CounterBadge,
  Input,
  Radio,
  RadioGroup,
  Select,
  Field,
  mergeClasses,
} from '@fluentui/react-components';
import { type Finding, type Severity, type ReadScope, SEVERITY_ZH, codeZh, type ReviewStatus } from '../engine';
import { checkWorkbook, type Checked, type PaneContext } from './pane';
import {
  SEVERITIES,
  buildFindingTree,
  codesIn,
  collapsedRowOf,
  countBySeverity,
  filterFindings,
  findingKey,
  stepFinding,
  tableKindZh,
  tablesBySheet,
  type FindingRow,
  type SeverityCounts,
} from './model';
import { useStyles } from './styles';

const BADGE: Record<Severity, 'danger' | 'important' | 'informative'> = {
  error: 'danger',
  warning: 'important',
  info: 'informative',
};

export function CheckPanel({
  ctx,
  onChecked,
}: {
  ctx: PaneContext;
  onChecked: (c: Checked) => void;
}): React.JSX.Element {
  const styles = useStyles();
  const [scope, setScope] = React.useState<ReadScope>('all');
  const [severities, setSeverities] = React.useState<ReadonlySet<Severity>>(new Set<Severity>(['error', 'warning']));
  const [code, setCode] = React.useState('');
  const [showSettled, setShowSettled] = React.useState(false);
  const [expanded, setExpanded] = React.useState<ReadonlySet<string>>(new Set());
  const [currentKey, setCurrentKey] = React.useState<string>();
  const [note, setNote] = React.useState('');
  const analysis = ctx.analysis;
  const reviews = ctx.settings.reviews;
  const { REVIEW_STATUS_ZH, reviewOf, splitByReview, withReview } = ctx.engine;

  const runCheck = () =>
    ctx.run(scope === 'all' ? '正在读取整个工作簿…' : '正在读取当前工作表…', '检查', async (progress) => {
      const checked = await checkWorkbook(ctx, scope, progress);
      onChecked(checked);
      setCode('');
      setCurrentKey(undefined);
      setExpanded(new Set());
    });

  const all = analysis?.findings ?? [];
  const { open, settled } = React.useMemo(() => splitByReview(all, reviews), [all, reviews]);
  const candidates = showSettled ? all : open;
  const shown = React.useMemo(
    () => filterFindings(candidates, { severities, codes: code ? new Set([code]) : new Set<string>() }),
    [candidates, severities, code],
  );
  const tree = React.useMemo(() => buildFindingTree(shown, analysis?.tables ?? []), [shown, analysis]);
  const current = currentKey ? tree.order.find((f) => findingKey(f) === currentKey) : undefined;
  const counts = countBySeverity(open);

  const mark = () =>
    ctx.run('正在标记问题单元格…', '标记', async () => {
      const cells = shown.map((f) => ({ sheet: f.sheet, cell: f.cell, severity: f.severity }));
      await ctx.port.highlight(cells);
      ctx.notify({
        intent: 'success',
        title: `已标记 ${new Set(cells.map((c) => `${c.sheet}!${c.cell}`)).size} 个单元格`,
        body: '点“清除标记”可恢复原来的填充颜色（关闭任务窗格后也可以）。',
      });
    });

  const clear = () =>
    ctx.run('正在清除标记…', '清除标记', async () => {
      await ctx.port.clearHighlights();
      ctx.notify({ intent: 'success', title: '已清除标记，单元格恢复了原来的填充颜色' });
    });

  const goTo = (f: Finding) => {
    setCurrentKey(findingKey(f));
    setNote(reviewOf(f, reviews)?.note ?? '');
    const row = collapsedRowOf(tree, f);
    if (row && !expanded.has(row)) setExpanded(new Set([...expanded, row]));
    return ctx.run(`正在定位 ${f.sheet}!${f.cell}…`, '定位单元格', () => ctx.port.select(f.sheet, f.cell, f.related));
  };

  const step = (d: 1 | -1) => {
    const f = stepFinding(tree.order, current, d);
    if (f) void goTo(f);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (e.key === 'ArrowDown' || e.key === 'j') step(1);
    else if (e.key === 'ArrowUp' || e.key === 'k') step(-1);
    else return;
    e.preventDefault();
  };

  const setVerdict = (f: Finding, status: ReviewStatus | undefined) =>
    ctx.run('正在保存复核结果…', '保存复核结果', async () => {
      await ctx.updateSettings((s) => ({
        ...s,
        reviews: withReview(s.reviews, f, status, note, new Date().toISOString()),
      }));
      ctx.notify({
        intent: 'success',
        title: status
          ? `${f.sheet}!${f.cell} 已标为“${REVIEW_STATUS_ZH[status]}”`
          : `${f.sheet}!${f.cell} 已恢复为待处理`,
        body: status ? '保存在本工作簿中；命令行检查也不再列出它（加 --all 仍会显示）。' : undefined,
      });
      // Move on: a finding with a verdict leaves the list unless settled ones are shown.
      if (status && !showSettled) {
        const next = stepFinding(tree.order, f, 1);
        setCurrentKey(next && next !== f ? findingKey(next) : undefined);
        setNote('');
      }
    });

  const toggle = (key: string) => {
    const next = new Set(expanded);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setExpanded(next);
  };

  const findingButton = (f: Finding) => {
    const verdict = reviewOf(f, reviews);
    const isCurrent = current === f;
    return (
      <li key={findingKey(f)}>
        <button
          type="button"
          className={mergeClasses(styles.finding, styles[f.severity], isCurrent ? styles.current : undefined)}
          onClick={() => void goTo(f)}
          title={`定位到 ${f.sheet}!${f.cell}`}
          aria-current={isCurrent ? 'true' : undefined}
        >
          <span className={styles.cellRef}>{f.cell}</span>
          {f.message}
          <span className={styles.code}>（{codeZh(f.code)}）</span>
          {f.ruleReading ? <span className={styles.code}> 评价标准读作：{f.ruleReading}</span> : null}
          {verdict ? (
            <span className={styles.verdict}>
              【{REVIEW_STATUS_ZH[verdict.status]}
              {verdict.note ? `：${verdict.note}` : ''}】
            </span>
          ) : null}
        </button>
        {isCurrent ? (
          <div className={styles.reviewBar} role="group" aria-label="复核">
            {verdict ? (
              <Button size="small" onClick={() => void setVerdict(f, undefined)} disabled={ctx.busy}>
                撤销{REVIEW_STATUS_ZH[verdict.status]}
              </Button>
            ) : (
              <>
                <Input
                  size="small"
                  className={styles.grow}
                  placeholder="备注（可选）"
                  aria-label="复核备注"
                  value={note}
                  onChange={(_, d) => setNote(d.value)}
                />
                <Button size="small" onClick={() => void setVerdict(f, 'reviewed')} disabled={ctx.busy}>
                  已复核
                </Button>
                <Button size="small" onClick={() => void setVerdict(f, 'ignored')} disabled={ctx.busy}>
                  忽略
                </Button>
              </>
            )}
          </div>
        ) : null}
      </li>
    );
  };

  const row = (r: FindingRow) => {
    if (r.kind === 'one') return findingButton(r.finding);
    const isOpen = expanded.has(r.key);
    return (
      <li key={r.key}>
        <button
          type="button"
          className={mergeClasses(styles.finding, styles[r.severity], styles.many)}
          onClick={() => toggle(r.key)}
          aria-expanded={isOpen}
        >
          {isOpen ? '▾' : '▸'} {codeZh(r.code)} {r.findings.length} 项（{r.findings[0].cell} 等）
        </button>
        {isOpen ? <ul className={mergeClasses(styles.list, styles.nested)}>{r.findings.map(findingButton)}</ul> : null}
      </li>
    );
  };

  return (
    <section className={styles.section} aria-label="检查" onKeyDown={onKeyDown}>
      <RadioGroup
        layout="horizontal"
        value={scope}
        onChange={(_, d) => setScope(d.value as ReadScope)}
        aria-label="检查范围"
      >
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
          {ctx.scope === 'active' ? (
            <div className={styles.muted} role="note">
              只检查了当前工作表“{ctx.input?.sheets[0]?.name ?? ''}
              ”：表与表之间的核对（得分汇总表与得分表、自评表与预算表等）已跳过。检查“整个工作簿”可得到完整结果。
            </div>
          ) : null}
          <TablesFound analysis={analysis} />
          <div className={styles.row} aria-label="问题统计">
            <strong>问题 {open.length} 项</strong>
            {SEVERITIES.map((s) => (
              <span key={s}>
                {SEVERITY_ZH[s]} {counts[s]}
              </span>
            ))}
            {settled.length ? <span>（另有已复核或忽略 {settled.length} 项）</span> : null}
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
              {codesIn(candidates).map((c) => (
                <option key={c} value={c}>
                  {codeZh(c)}（{candidates.filter((f) => f.code === c).length}）
                </option>
              ))}
            </Select>
          </Field>
          {settled.length ? (
            <Checkbox
              label={`显示已复核和忽略的问题（${settled.length}）`}
              checked={showSettled}
              onChange={(_, d) => setShowSettled(Boolean(d.checked))}
            />
          ) : null}
          {analysis.internalErrors.length ? (
            <div className={styles.muted}>
              有 {analysis.internalErrors.length} 项检查未能完成：{analysis.internalErrors.slice(0, 3).join('；')}
            </div>
          ) : null}
          {shown.length === 0 ? (
            <div className={styles.muted}>{all.length ? '当前筛选条件下没有问题。' : '没有发现问题。'}</div>
          ) : null}
          {shown.length ? (
            <div className={styles.row} role="group" aria-label="逐项查看">
              <Button size="small" onClick={() => step(-1)} aria-label="上一个问题" title="上一个问题（↑ 或 K）">
                ↑ 上一个
              </Button>
              <Button size="small" onClick={() => step(1)} aria-label="下一个问题" title="下一个问题（↓ 或 J）">
                ↓ 下一个
              </Button>
              <span className={styles.muted} aria-live="polite">
                {current
                  ? `第 ${tree.order.indexOf(current) + 1} / ${tree.order.length} 项`
                  : `共 ${tree.order.length} 项，可用 ↑ ↓ 键逐项查看`}
              </span>
            </div>
          ) : null}
          {tree.sheets.map((g) => (
            <div key={g.sheet} role="region" aria-label={`工作表 ${g.sheet}`}>
              <div className={styles.sheetTitle}>
                <span>{g.sheet}</span>
                <Counts counts={g.counts} />
              </div>
              {g.tables.map((t) => (
                <div key={t.key} role="group" aria-label={`表格 ${t.label}`}>
                  <div className={styles.severityTitle}>
                    {t.label} <Counts counts={t.counts} />
                  </div>
                  <ul className={styles.list}>{t.rows.map(row)}</ul>
                </div>
              ))}
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}

function Counts({ counts }: { counts: SeverityCounts }): React.JSX.Element {
  return (
    <>
      {SEVERITIES.filter((s) => counts[s] > 0).map((s) => (
        <CounterBadge
          key={s}
          count={counts[s]}
          overflowCount={99999}
          color={BADGE[s]}
          size="small"
          aria-label={`${SEVERITY_ZH[s]} ${counts[s]}`}
        />
      ))}
    </>
  );
}

function TablesFound({ analysis }: { analysis: NonNullable<PaneContext['analysis']> }): React.JSX.Element {
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
