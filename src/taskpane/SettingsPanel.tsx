import * as React from 'react';
import { Button, Field, Input, Textarea } from '@fluentui/react-components';
import { DEFAULT_SETTINGS, settingsSchema, zodIssueZh, type Settings, normalizeLabel } from '../engine';
import { loadEngine, type PaneContext } from './pane';
import { indicatorNamesOf } from './ruleReading';
import { useStyles } from './styles';

interface Form {
  scorePlaces: string;
  rateFormat: string;
  grades: string;
  holidayDeadlineWorkdays: string;
  paymentTargets: string;
  ruleOverrides: string;
}

export function toForm(s: Settings): Form {
  return {
    scorePlaces: String(s.scorePlaces),
    rateFormat: s.rateFormat,
    grades: s.grades.map((g) => `${g.grade} ${g.min}`).join('\n'),
    holidayDeadlineWorkdays: String(s.holidayDeadlineWorkdays),
    paymentTargets: s.paymentTargets.map((t) => `${Math.round(t * 10000) / 100}%`).join(', '),
    ruleOverrides: Object.entries(s.ruleOverrides)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n'),
  };
}

function num(text: string): number {
  const t = text.trim();
  return t === '' ? Number.NaN : Number(t);
}

function ratio(text: string): number {
  const t = text.trim();
  return t.endsWith('%') ? num(t.slice(0, -1)) / 100 : num(t);
}

/** Form text → a settings candidate (still unvalidated: zod decides). */
export function fromForm(f: Form, base: Settings): unknown {
  const lines = (s: string) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  return {
    ...base,
    scorePlaces: num(f.scorePlaces),
    rateFormat: f.rateFormat.trim(),
    grades: lines(f.grades).map((l) => {
      const m = /^(\S+?)\s*[≥>=:：\s]+\s*(-?\d+(?:\.\d+)?)$/.exec(l);
      return m ? { grade: m[1], min: Number(m[2]) } : { grade: l, min: Number.NaN };
    }),
    holidayDeadlineWorkdays: num(f.holidayDeadlineWorkdays),
    paymentTargets: f.paymentTargets
      .split(/[,，、\s]+/)
      .filter(Boolean)
      .map(ratio),
    ruleOverrides: Object.fromEntries(
      lines(f.ruleOverrides).map((l) => {
        const i = l.search(/[=＝]/);
        return i < 0 ? [l, ''] : [l.slice(0, i).trim(), l.slice(i + 1).trim()];
      }),
    ),
  };
}

type Engine = Awaited<ReturnType<typeof loadEngine>>;

export interface OverrideCheck {
  readonly line: string;
  readonly state: 'ok' | 'error' | 'warning';
  /** The reading in Chinese, or what is wrong. */
  readonly text: string;
}

/**
 * Each 评价标准覆盖 line as typed: `指标 = 规则简写` read back in Chinese, or why not. An indicator name
 * the last check did not find is flagged (a warning: the override is kept, it just matches nothing yet).
 */
export function checkOverrides(
  text: string,
  engine: Pick<Engine, 'parseNotation' | 'formatNotation' | 'ruleReading'> | undefined,
  names: ReadonlySet<string> | undefined,
): OverrideCheck[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line): OverrideCheck => {
      const i = line.search(/[=＝]/);
      if (i < 0) return { line, state: 'error', text: '缺少“=”：应写成“指标名称 = 规则简写”，如“预算执行率 = ratio”' };
      const key = line.slice(0, i).trim();
      const value = line.slice(i + 1).trim();
      if (!key) return { line, state: 'error', text: '“=”前缺少指标名称' };
      if (!value) return { line, state: 'error', text: '“=”后缺少规则简写' };
      if (!engine) return { line, state: 'warning', text: '正在加载规则解析…' };
      const parsed = engine.parseNotation(value);
      if (!parsed.ok)
        return {
          line,
          state: 'error',
          text: `${parsed.reason}。可用的写法见使用说明“修正评价标准”一节，如 ratio、deduct-per-pct:5%@95%、binary:满分/0`,
        };
      // The engine's own reading of a rule (rules/explain.ts), as `jixiao rule` and the findings give it.
      const reading = `读作：${engine.ruleReading(parsed.rule)}`;
      const known =
        names && (names.has(normalizeLabel(key)) || names.has(key.split('/').map(normalizeLabel).join('/')));
      if (names && !known)
        return {
          line,
          state: 'warning',
          text: `${reading}。但上次检查中没有名为“${key}”的指标，这条覆盖不会生效（请核对名称，或先检查整个工作簿）`,
        };
      return { line, state: 'ok', text: reading };
    });
}

const FIELD_ZH: Record<string, string> = {
  scorePlaces: '得分小数位',
  rateFormat: '得分率格式',
  grades: '等级',
  holidayDeadlineWorkdays: '节日资金提前工作日',
  paymentTargets: '支付进度目标',
  ruleOverrides: '评价标准覆盖',
};

export function SettingsPanel({
  ctx,
  onSaved,
}: {
  ctx: PaneContext;
  onSaved: (s: Settings) => void;
}): React.JSX.Element {
  const styles = useStyles();
  const [form, setForm] = React.useState<Form>(() => toForm(ctx.settings));
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [engine, setEngine] = React.useState<Engine>();
  React.useEffect(() => setForm(toForm(ctx.settings)), [ctx.settings]);
  React.useEffect(() => {
    let live = true;
    void loadEngine().then((e) => live && setEngine(e));
    return () => {
      live = false;
    };
  }, []);
  const names = React.useMemo(() => indicatorNamesOf(ctx.analysis), [ctx.analysis]);
  const overrides = React.useMemo(
    () => checkOverrides(form.ruleOverrides, engine, names),
    [form.ruleOverrides, engine, names],
  );

  const set = (k: keyof Form) => (_: unknown, d: { value: string }) => setForm({ ...form, [k]: d.value });

  const save = () => {
    const parsed = settingsSchema.safeParse(fromForm(form, ctx.settings));
    const badOverrides = overrides.filter((o) => o.state === 'error');
    if (!parsed.success || badOverrides.length) {
      const errs: Record<string, string> = {};
      for (const i of parsed.success ? [] : parsed.error.issues) {
        const k = String(i.path[0] ?? '');
        errs[k] =
          errs[k] ?? (typeof i.path[1] === 'number' ? `第 ${i.path[1] + 1} 项：${zodIssueZh(i)}` : zodIssueZh(i));
      }
      if (badOverrides.length) errs.ruleOverrides = `“${badOverrides[0].line}”：${badOverrides[0].text}`;
      setErrors(errs);
      ctx.notify({
        intent: 'error',
        title: '设置未保存：有无效的值',
        body:
          Object.keys(errs)
            .map((k) => FIELD_ZH[k] ?? k)
            .join('、') + ' 需要修改。',
      });
      return;
    }
    setErrors({});
    return ctx.run('正在保存设置…', '保存设置', async () => {
      // Verdicts and the write journal live beside the options: saved as they are now, not as the form saw them.
      const saved = await ctx.updateSettings((s) => ({ ...parsed.data, reviews: s.reviews, journal: s.journal }));
      onSaved(saved);
      ctx.notify({ intent: 'success', title: '设置已保存在本工作簿中' });
    });
  };

  const field = (k: keyof Form, label: string, hint: string, multiline = false) => (
    <Field label={label} hint={hint} validationMessage={errors[k]} validationState={errors[k] ? 'error' : 'none'}>
      {multiline ? (
        <Textarea className={styles.textarea} value={form[k]} onChange={set(k)} rows={4} resize="vertical" />
      ) : (
        <Input value={form[k]} onChange={set(k)} />
      )}
    </Field>
  );

  return (
    <section className={styles.section} aria-label="设置">
      {field('scorePlaces', '得分小数位', '0–6 位，四舍五入')}
      {field('rateFormat', '得分率格式', '写入得分率时的数字格式，如 0.00%')}
      {field('grades', '等级', '每行一个：等级 最低分，从高到低，如“优 90”', true)}
      {field('holidayDeadlineWorkdays', '节日资金提前工作日', '节日慰问资金须在节前几个工作日支付（0 = 节日当天）')}
      {field('paymentTargets', '支付进度目标', '3、6、9、12 月末累计支付进度，如 33%, 70%, 85%, 100%')}
      {field(
        'ruleOverrides',
        '评价标准覆盖',
        '每行一个：指标名称 = 规则简写（如“预算执行率 = deduct-per-pct:5%@95%”），覆盖表中的评价标准',
        true,
      )}
      {overrides.length ? (
        <ul className={styles.list} aria-label="评价标准覆盖检查">
          {overrides.map((o) => (
            <li key={o.line} className={styles.patch} data-state={o.state}>
              <strong>
                {o.state === 'ok' ? '✓' : o.state === 'warning' ? '⚠' : '✗'} {o.line}
              </strong>
              ：{o.text}
            </li>
          ))}
        </ul>
      ) : null}
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void save()} disabled={ctx.busy}>
          保存设置
        </Button>
        <Button
          onClick={() => {
            setForm(toForm(DEFAULT_SETTINGS));
            setErrors({});
          }}
          disabled={ctx.busy}
        >
          恢复默认
        </Button>
      </div>
    </section>
  );
}
