import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { FIRST_PAINT_BUDGET_KB, buildTaskpane, bytesByPackage } from '../../bench/bundle';

/**
 * The task pane's first paint (issue 15): the production taskpane.js holds the frame only, within
 * its gzip budget; the engine, zod and decimal.js load after it. An import of one helper through the
 * engine's door once pulled the whole engine and zod back into it (204 KiB) without a test noticing.
 */
describe('task pane first paint', () => {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-first-paint-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('taskpane.js within budget, with none of the engine, zod or decimal.js in it', () => {
    buildTaskpane(out);
    const code = readFileSync(join(out, 'taskpane.js'));
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(FIRST_PAINT_BUDGET_KB * 1024);
    const map = JSON.parse(readFileSync(join(out, 'taskpane.js.map'), 'utf8')) as {
      sources: string[];
      mappings: string;
    };
    const packages = bytesByPackage(code.toString('utf8'), map);
    // A few helpers (A1 parsing, the Chinese kind names) may come along; the engine's checks may not.
    expect(packages.get('jixiao src/engine/') ?? 0).toBeLessThan(8 * 1024);
    expect(
      [...packages.keys()].filter((p) => ['zod', 'decimal.js', 'chinese-days', 'fflate', 'saxes'].includes(p)),
    ).toEqual([]);
  });
});
