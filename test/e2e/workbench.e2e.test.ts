import { mkdirSync, readFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { startWorkbenchServer, type RunningServer } from '../../src/workbench/server';
import { readWorkbookBytes } from '../../src/xlsx/read';
import { analyzeWorkbook } from '../../src/engine/analyze';
import { lostParts } from '../xlsx/lossless';
import { openBrowser, type Session } from './browser';

const SHOTS = join(__dirname, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

let server: RunningServer;
let session: Session;
let page: Page;
const pageErrors: string[] = [];

const pane = () => page.getByRole('complementary', { name: '任务窗格' });
const grid = () => page.locator('[data-sheet]');
const gridCell = (a1: string) => grid().locator(`td[data-cell="${a1}"]`);
const finding = (text: string | RegExp): Locator => pane().getByRole('button').filter({ hasText: text });
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  server = await startWorkbenchServer();
  session = await openBrowser();
  page = await session.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  await page.goto(`${server.url}?sample=qixia-2021.xlsx`);
  await grid().waitFor();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('the workbench on qixia-2021.xlsx, as a person sees it', () => {
  it('opens the sample: a grid with merged title rows and Excel’s number formats, the pane beside it', async () => {
    await expect(grid().getAttribute('data-sheet')).resolves.toBe('指标体系');
    const title = gridCell('A1');
    await expect(title.getAttribute('colspan')).resolves.not.toBeNull();
    await page.getByRole('tab', { name: '综合评定' }).click();
    await expect(gridCell('B5').innerText()).resolves.toBe('94.44%');
    await expect(gridCell('F4').innerText()).resolves.toBe('92.66');
    await page.getByRole('tab', { name: '拨付台账' }).click();
    await expect(grid().getAttribute('data-sheet')).resolves.toBe('拨付台账');
    await expect(grid().innerText()).resolves.toMatch(/2021-06-23/);
    await shot('01-opened');
  });

  it('检查 lists the 超预算支付 of 翠屏街道, three late 走访慰问 payments and the 综合评定 决策 mismatch', async () => {
    await pane().getByRole('button', { name: '检查', exact: true }).click();
    await pane()
      .getByText(/问题 \d+ 项/)
      .waitFor();
    await expect(finding('翠屏街道').filter({ hasText: '超预算支付 0.993万元' }).count()).resolves.toBe(1);
    const ledger = pane().getByLabel('工作表 拨付台账');
    const late = ledger.getByRole('button').filter({ hasText: /拨付.*走访慰问资金，晚于/ });
    await expect(late.count()).resolves.toBe(3);
    await expect(late.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^A4/),
      expect.stringMatching(/^A5/),
      expect.stringMatching(/^A6/),
    ]);
    await expect(finding('决策：综合评定得分 16.5').first().innerText()).resolves.toMatch(/^B4/);
    await shot('02-checked');
  });

  it('clicking a finding shows its sheet, scrolls to the cell and outlines it', async () => {
    await finding('超预算支付 0.993万元').click();
    await expect(grid().getAttribute('data-sheet')).resolves.toBe('预算资金');
    const c16 = gridCell('C16');
    await c16.waitFor();
    await expect(c16.getAttribute('data-selected')).resolves.toBe('true');
    const outline = await c16.evaluate(
      (el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth,
    );
    expect(outline).toBe('solid 2px');
    await expect(c16.innerText()).resolves.toBe('89.013');
    // In view inside the grid's scroller.
    const [cellBox, gridBox] = await Promise.all([c16.boundingBox(), grid().boundingBox()]);
    expect(cellBox!.y).toBeGreaterThanOrEqual(gridBox!.y);
    expect(cellBox!.y + cellBox!.height).toBeLessThanOrEqual(gridBox!.y + gridBox!.height);
    await expect(page.locator('td[data-selected="true"]').count()).resolves.toBe(1);
    await shot('03-selected-C16');
  });

  it('标记 fills the finding cells in the grid; 清除标记 restores them', async () => {
    await pane().getByRole('button', { name: '标记', exact: true }).click();
    await pane()
      .getByText(/已标记 \d+ 个单元格/)
      .waitFor();
    await expect(gridCell('C16').evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe(
      'rgb(255, 199, 206)',
    );
    await shot('04-marked');
    await pane().getByRole('button', { name: '清除标记', exact: true }).click();
    await pane().getByText('已清除标记').first().waitFor();
    await expect(gridCell('C16').evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.not.toBe(
      'rgb(255, 199, 206)',
    );
  });

  it('a finding marked 已复核 with a note leaves the list and is kept in the workbook', async () => {
    await finding('超预算支付 0.993万元').click();
    await pane().getByLabel('复核备注').fill('已追加预算，见补充文件');
    await shot('04b-review');
    await pane().getByRole('button', { name: '已复核', exact: true }).click();
    await pane().getByText('预算资金!C16 已标为“已复核”').waitFor();
    await expect(finding('超预算支付 0.993万元').count()).resolves.toBe(0);
    await pane().getByText('（另有已复核或忽略 1 项）').waitFor();
  });

  it('计算并回写 with the user’s say-so writes 决策 17 into 综合评定!B4; 写入综合评定表 adds 得分率 as 94.44%', async () => {
    await page.getByRole('tab', { name: '综合评定' }).click();
    await expect(gridCell('B4').innerText()).resolves.toBe('16.5');
    await pane().getByRole('tab', { name: '计算并回写' }).click();
    await pane().getByRole('button', { name: '计算并预览' }).click();
    await pane().getByText('没有需要写入的单元格').waitFor();
    await expect(
      pane()
        .getByRole('button', { name: /确认写入/ })
        .count(),
    ).resolves.toBe(0);
    await expect(pane().getByLabel('回写预览').innerText()).resolves.toMatch(
      /勾选“覆盖已有的不同数值和公式”将另外写入这 1 个单元格/,
    );
    // Ticking 覆盖 re-decides the same plan: the preview changes instead of vanishing.
    await pane().getByLabel('覆盖已有的不同数值和公式').check();
    await pane()
      .getByText(/将写入 1 个单元格/)
      .waitFor();
    await expect(pane().getByLabel('回写预览').innerText()).resolves.toMatch(/综合评定!B4[\s\S]*16\.5 → 17/);
    await shot('05-preview');
    await pane().getByRole('button', { name: '确认写入 1 个单元格' }).click();
    await pane().getByText('已写入 1 个单元格').waitFor();
    // The planner formats the score it writes as 0.00, as Excel then shows it.
    await expect(gridCell('B4').innerText()).resolves.toBe('17.00');

    await pane().getByRole('tab', { name: '导出' }).click();
    await pane()
      .getByRole('button', { name: /写入综合评定表/ })
      .click();
    // The port rebuilds the grid from the written package: the new sheet shows once that is done.
    await page.locator('[data-sheet="综合评定得分表"]').waitFor();
    await expect(grid().getAttribute('data-sheet')).resolves.toBe('综合评定得分表');
    await expect(gridCell('D2').innerText()).resolves.toBe('94.44%');
    await expect(gridCell('D6').innerText()).resolves.toBe('92.66%');
    await expect(page.getByRole('tab', { name: '综合评定得分表' }).count()).resolves.toBe(1);
    await shot('06-written');
  });

  it('撤销回写 puts back the value and format jixiao overwrote; writing again is journaled again', async () => {
    await page.getByRole('tab', { name: '综合评定', exact: true }).click();
    await pane().getByRole('tab', { name: '计算并回写' }).click();
    const undoPart = pane().getByLabel('撤销回写');
    await expect(undoPart.innerText()).resolves.toMatch(/记录了 1 次回写（共 1 个单元格）/);
    await shot('06b-undo');
    await undoPart.getByRole('button', { name: '撤销上次回写' }).click();
    await pane().getByText('已撤销 1 次回写，恢复 1 个单元格的原值和格式').waitFor();
    await expect(gridCell('B4').innerText()).resolves.toBe('16.5');
    // The same cell again, so that the download below carries the write.
    await pane().getByLabel('覆盖已有的不同数值和公式').check();
    await pane().getByRole('button', { name: '计算并预览' }).click();
    await pane().getByRole('button', { name: '确认写入 1 个单元格' }).click();
    await pane().getByText('已写入 1 个单元格').waitFor();
    await expect(gridCell('B4').innerText()).resolves.toBe('17.00');
  });

  it('下载 saves the modified workbook, which reads back with the writes and a clean 综合评定', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('toolbar').getByRole('button', { name: '下载' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('qixia-2021（已检查）.xlsx');
    const saved = join(SHOTS, 'downloaded.xlsx');
    await download.saveAs(saved);
    const bytes = new Uint8Array(readFileSync(saved));
    // The user's file comes back with only jixiao's cells, styles, sheets and state changed.
    expect(
      lostParts(
        new Uint8Array(readFileSync(join(__dirname, '..', '..', 'assets', 'samples', 'qixia-2021.xlsx'))),
        bytes,
      ),
    ).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    expect(wb.getWorksheet('综合评定')!.getCell('B4').value).toBe(17);
    const summary = wb.getWorksheet('综合评定得分表')!;
    expect(summary.getCell('D2').value).toBeCloseTo(0.9444, 4);
    expect(summary.getCell('D2').numFmt).toBe('0.00%');
    const analysis = analyzeWorkbook(await readWorkbookBytes(bytes, 'downloaded.xlsx'));
    const onSummary = analysis.findings.filter((f) => f.sheet === '综合评定' && /mismatch/.test(f.code));
    expect(onSummary).toEqual([]);
    expect(analysis.findings.some((f) => f.code === 'over-budget' && f.cell === 'C16')).toBe(true);
  });

  it('the downloaded workbook, reopened, still knows the finding is 已复核 and can undo its write', async () => {
    await page.locator('input[type="file"]').setInputFiles(join(SHOTS, 'downloaded.xlsx'));
    await page.getByRole('status', { name: '当前工作簿' }).getByText('downloaded.xlsx', { exact: true }).waitFor();
    await pane().getByRole('button', { name: '检查', exact: true }).click();
    await pane()
      .getByText(/问题 \d+ 项/)
      .waitFor();
    await expect(finding('超预算支付 0.993万元').count()).resolves.toBe(0);
    await pane().getByLabel('显示已复核和忽略的问题（1）').check();
    await expect(finding('超预算支付 0.993万元').innerText()).resolves.toContain('【已复核：已追加预算，见补充文件】');
    await pane().getByLabel('显示已复核和忽略的问题（1）').uncheck();
    await pane().getByRole('tab', { name: '计算并回写' }).click();
    await expect(pane().getByLabel('撤销回写').innerText()).resolves.toMatch(/记录了 1 次回写/);
    await pane().getByRole('tab', { name: '检查' }).click();
  });

  it('the pane fits its 350 px: no sideways scrolling, nothing cut off', async () => {
    await pane().getByRole('tab', { name: '检查' }).click();
    const fits = await pane().evaluate((el) => ({ width: el.clientWidth, scroll: el.scrollWidth }));
    expect(fits.width).toBeLessThanOrEqual(350);
    expect(fits.scroll).toBeLessThanOrEqual(fits.width);
    const wide = await pane().evaluate((el) =>
      [...el.querySelectorAll('button, span, div, li')]
        .filter((e) => e.getBoundingClientRect().right > el.getBoundingClientRect().right + 1)
        .map((e) => (e.textContent ?? '').slice(0, 30)),
    );
    expect(wide).toEqual([]);
    await pane().screenshot({ path: join(SHOTS, '07-pane.png') });
  });

  it('Chinese renders in a CJK font, and the page raised no errors', async () => {
    // The fonts Chromium actually drew a cell's text with (not merely the CSS asked for).
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'td[data-cell="A2"]' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.map((f) => f.familyName).join(',')).toMatch(/Noto Sans CJK|Noto Serif CJK/);
    expect(pageErrors).toEqual([]);
  });

  it('a file that is not a workbook gets a clear Chinese message, and the open workbook stays', async () => {
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: '预算.xlsx', mimeType: 'text/plain', buffer: Buffer.from('预算,实际\n1,2') });
    await page.getByText('预算.xlsx：不是 .xlsx 工作簿文件').waitFor();
    await expect(grid().count()).resolves.toBe(1);
    await shot('08-bad-file');
  });

  it('opening a local .xlsx replaces the workbook and gives the pane a fresh start', async () => {
    await page
      .locator('input[type="file"]')
      .setInputFiles(join(__dirname, '..', '..', 'assets', 'samples', 'beijing-2020.xlsx'));
    await page.getByRole('status', { name: '当前工作簿' }).getByText('beijing-2020.xlsx', { exact: true }).waitFor();
    await expect(page.getByRole('tab', { name: '综合评定得分表' }).count()).resolves.toBe(0);
    await expect(
      pane()
        .getByText(/问题 \d+ 项/)
        .count(),
    ).resolves.toBe(0);
    await pane().getByRole('button', { name: '检查', exact: true }).click();
    await pane()
      .getByText(/问题 \d+ 项/)
      .waitFor();
    await expect(
      pane()
        .getByText(/识别到 \d+ 个表格/)
        .innerText(),
    ).resolves.toMatch(/识别到 [1-9]\d* 个表格/);
    await shot('09-local-file');
  });

  it('beijing (37 sheets): 下一个 walks the findings across sheets, the active tab always in view', async () => {
    const tabs = page.getByRole('tablist', { name: '工作表' });
    await expect(tabs.getByRole('tab').count()).resolves.toBeGreaterThanOrEqual(30);
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await pane().getByRole('button', { name: '下一个问题' }).click();
      await pane()
        .getByText(new RegExp(`第 ${i + 1} / \\d+ 项`))
        .waitFor();
      const sheet = (await grid().getAttribute('data-sheet'))!;
      seen.add(sheet);
      const tab = page.locator(`[data-sheet-tab="${sheet}"]`);
      await expect(tab.getAttribute('aria-selected')).resolves.toBe('true');
      // In view: inside the strip between the arrows (scrolled there, not clipped).
      const [t, strip] = await Promise.all([
        tab.boundingBox(),
        tabs.evaluate((el) => el.parentElement!.getBoundingClientRect().toJSON() as DOMRect),
      ]);
      expect(t!.x).toBeGreaterThanOrEqual(strip.x - 1);
      expect(t!.x + t!.width).toBeLessThanOrEqual(strip.x + strip.width + 1);
    }
    expect(seen.size).toBeGreaterThan(1);
    await shot('10-beijing-next');
    // The arrows scroll the strip.
    const scrollLeft = () => tabs.evaluate((el) => el.parentElement!.scrollLeft);
    const start = await scrollLeft();
    await page.getByRole('button', { name: '向右滚动工作表标签' }).click();
    const right = await scrollLeft();
    await page.getByRole('button', { name: '向左滚动工作表标签' }).click();
    const left = await scrollLeft();
    expect(right).toBeGreaterThanOrEqual(start);
    expect(left).toBeLessThan(right);
  });

  it('settings read a rule override back in Chinese as it is typed', async () => {
    await pane().getByRole('tab', { name: '设置' }).click();
    await pane()
      .getByRole('textbox', { name: '评价标准覆盖' })
      .fill('预算执行率 = deduct-per-pct:5%@95%\n资金到位率 = 按比例得分');
    await pane()
      .getByLabel('评价标准覆盖检查')
      .getByText(/读作：低于95%扣分/)
      .waitFor();
    await pane()
      .getByLabel('评价标准覆盖检查')
      .getByText(/规则简写“按比例得分”无效/)
      .waitFor();
    await pane().screenshot({ path: join(SHOTS, '11-settings.png') });
    await pane().getByRole('textbox', { name: '评价标准覆盖' }).fill('');
    await pane().getByRole('tab', { name: '检查' }).click();
  });

  it('a column read wrong is corrected in 表格的读法, kept in the workbook, and applies at the next check', async () => {
    const readings = pane().locator('details[aria-label="表格的读法"]');
    await readings.evaluate((el) => ((el as HTMLDetailsElement).open = true));
    // The first column of the first table, as the reader read it: the user confirms that role.
    const item = readings.locator('li').first();
    const [, col, zh] = /列：([A-Z]+) ([^（，\s]+)/.exec(await item.innerText())!;
    const form = item.getByLabel(/^更正 /);
    await form.getByLabel('列').selectOption(col);
    await form.getByLabel('读作').selectOption({ label: zh });
    await form.getByRole('button', { name: '保存更正' }).click();
    await pane()
      .getByText(new RegExp(`已保存：.* ${col} 列读作“${zh}”`))
      .waitFor();
    await pane().getByRole('button', { name: '检查', exact: true }).click();
    await pane()
      .getByText(/问题 \d+ 项/)
      .first()
      .waitFor();
    await readings.evaluate((el) => ((el as HTMLDetailsElement).open = true));
    await readings
      .locator('li')
      .first()
      .getByText(new RegExp(`${col} ${zh}[^，]*\\[已按设置更正\\]`))
      .waitFor();
    await pane().screenshot({ path: join(SHOTS, '12-correct-column.png') });
  });

  it('unsaved changes are not thrown away without a word: switching sample asks, reloading warns', async () => {
    // An unsaved change: a verdict on the first finding.
    await pane().getByRole('button', { name: '下一个问题' }).click();
    await pane().getByRole('button', { name: '忽略', exact: true }).click();
    await pane()
      .getByText(/已标为“忽略”/)
      .waitFor();
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(`${d.type()}:${d.message()}`);
      void d.dismiss();
    });
    await page.getByLabel('示例工作簿').selectOption('qixia-2021.xlsx');
    for (let i = 0; i < 50 && dialogs.length < 1; i++) await page.waitForTimeout(100);
    expect(dialogs[0]).toMatch(/^confirm:“beijing-2020.xlsx”有未下载的修改/);
    await expect(page.getByRole('status', { name: '当前工作簿' }).innerText()).resolves.toBe('beijing-2020.xlsx');
    page.once('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.reload();
    expect(dialogs[1]).toBe('beforeunload');
    await grid().waitFor();
  });
});
