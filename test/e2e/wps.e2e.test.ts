import { existsSync, readFileSync } from 'fs';
import { extname, join, normalize } from 'path';
import { buildSync } from 'esbuild';
import type { Page } from 'playwright-core';
import { readWorkbookBytes } from '../../src/xlsx/read';
import { SAMPLES_DIR } from '../helpers/fixtures';
import { openBrowser, type Session } from './browser';

/**
 * End-to-end: the WPS add-in as `npm run build:wps` built it (dist/wps/), in Chromium, with a fake
 * WPS `Application` on the page (test/wps/fakeWps.ts, bundled for the browser by test/wps/browser-fake.ts). The ribbon button
 * opens the pane's URL; the pane runs 检查 on qixia-2021.xlsx through WpsPort and shows the findings.
 */
const DIST = join(__dirname, '..', '..', 'dist', 'wps');
const ORIGIN = 'http://wps.test';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.xml': 'application/xml',
  '.png': 'image/png',
};

let session: Session;
let page: Page;
const pageErrors: string[] = [];

type FakeState = {
  taskPanes: { url: string; visible: boolean }[];
  selected?: { sheet: string; address: string };
  sheets: { name: string }[];
};
const fakeState = (): Promise<FakeState> =>
  page.evaluate(() => {
    const f = (window as unknown as { __fakeWps: FakeState }).__fakeWps;
    return { taskPanes: f.taskPanes, selected: f.selected, sheets: f.sheets.map((s) => ({ name: s.name })) };
  });

beforeAll(async () => {
  if (!existsSync(join(DIST, 'jixiao', 'taskpane.js')))
    throw new Error('dist/wps is missing: run `npm run build:wps` first');
  const fake = buildSync({
    entryPoints: [join(__dirname, '..', 'wps', 'browser-fake.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0].text;
  const input = await readWorkbookBytes(
    new Uint8Array(readFileSync(join(SAMPLES_DIR, 'qixia-2021.xlsx'))),
    'qixia-2021.xlsx',
  );
  session = await openBrowser({ width: 420, height: 900 });
  page = await session.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  await page.addInitScript({ content: `${fake}\n__startFakeWps(${JSON.stringify(input)});` });
  // dist/wps served as an intranet web server would (online mode).
  await page.route(`${ORIGIN}/**`, async (route) => {
    const rel = normalize(decodeURIComponent(new URL(route.request().url()).pathname)).replace(/^[/\\]+wps[/\\]/, '');
    const file = join(DIST, rel);
    if (!file.startsWith(DIST) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      body: readFileSync(file),
    });
  });
});

afterAll(async () => {
  await session?.close();
});

describe('the WPS add-in in Chromium with a fake WPS 表格', () => {
  it('the ribbon button on the add-in page opens the task pane at taskpane.html', async () => {
    await page.goto(`${ORIGIN}/wps/jixiao/index.html`);
    const opened = await page.evaluate(() =>
      (window as unknown as { ribbon: { OnAction(c: { Id: string }): boolean } }).ribbon.OnAction({
        Id: 'jixiaoOpenPane',
      }),
    );
    expect(opened).toBe(true);
    const state = await fakeState();
    expect(state.taskPanes).toEqual([{ ID: 1, url: `${ORIGIN}/wps/jixiao/taskpane.html`, visible: true }]);
  });

  it('the pane runs 检查 on qixia-2021.xlsx through WpsPort and lists the findings', async () => {
    await page.goto(`${ORIGIN}/wps/jixiao/taskpane.html`);
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await page.getByText(/问题 \d+ 项/).waitFor();
    const finding = (text: string | RegExp) => page.getByRole('button').filter({ hasText: text });
    await expect(finding('翠屏街道').filter({ hasText: '超预算支付 0.993万元' }).count()).resolves.toBe(1);
    const late = page
      .getByLabel('工作表 拨付台账')
      .getByRole('button')
      .filter({ hasText: /拨付.*走访慰问资金，晚于/ });
    await expect(late.count()).resolves.toBe(3);
    await expect(finding('决策：综合评定得分 16.5').first().innerText()).resolves.toMatch(/^B4/);

    await finding('超预算支付 0.993万元').click();
    await page.waitForFunction(() => (window as unknown as { __fakeWps: FakeState }).__fakeWps.selected !== undefined);
    expect((await fakeState()).selected).toEqual({ sheet: '预算资金', address: 'C16' });
  });

  it('标记 and 清除标记 work on the WPS workbook, which keeps only a very-hidden state sheet', async () => {
    await page.getByRole('button', { name: '标记', exact: true }).click();
    await page.getByText(/已标记 \d+ 个单元格/).waitFor();
    const marked = await page.evaluate(() => {
      const f = (
        window as unknown as {
          __fakeWps: { sheet(n: string): { at(a: string): { fill?: { color: number } } | undefined } };
        }
      ).__fakeWps;
      return f.sheet('预算资金').at('C16')?.fill?.color;
    });
    expect(marked).toBe(0xcec7ff); // #FFC7CE as WPS's BGR
    await page.getByRole('button', { name: '清除标记', exact: true }).click();
    await page.getByText('已清除标记').first().waitFor();
    const cleared = await page.evaluate(() => {
      const f = (
        window as unknown as { __fakeWps: { sheet(n: string): { at(a: string): { fill?: unknown } | undefined } } }
      ).__fakeWps;
      return f.sheet('预算资金').at('C16')?.fill ?? null;
    });
    expect(cleared).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
