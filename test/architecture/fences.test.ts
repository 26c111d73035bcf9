import { join } from 'path';
import { ESLint } from 'eslint';

/**
 * The lint fences, proven by linting probe files through ESLint's API with the project's own config. The
 * probes are given by path (`lintText` with `filePath`), not written into src/, so no other test ever sees
 * them; the config applies by that path exactly as it would to a real file there.
 */
const ROOT = join(__dirname, '..', '..');
// ESLint loads a config file with import(), which jest's module sandbox refuses: the same file is
// required here and handed over as the whole configuration.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(join(ROOT, 'eslint.config.js')) as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the engine fence', () => {
  test.each([
    ['src/engine/rules/x/probe.ts', '../../../excel/port'],
    ['src/engine/a/b/c/probe.ts', '../../../../xlsx/read'],
    ['src/engine/probe.ts', '../taskpane/App'],
    ['src/engine/indicator/probe.ts', '../../cli/main'],
    ['src/engine/rules/x/probe.ts', '../../../workbench/grid'],
  ])(
    '%s importing %s fails lint',
    async (file, target) => {
      expect(await restricted(file, `import { x } from '${target}';\nexport const y = x;\n`)).toEqual([
        expect.stringContaining('引擎不得引用适配层或前端'),
      ]);
    },
    60_000,
  );

  test.each([['fs'], ['node:path'], ['exceljs'], ['react'], ['@fluentui/react-components']])(
    'an engine file importing %s fails lint',
    async (mod) => {
      expect(
        await restricted('src/engine/rules/x/probe.ts', `import * as m from '${mod}';\nexport const y = m;\n`),
      ).toHaveLength(1);
    },
    60_000,
  );

  test('engine files importing each other, and an adapter importing the engine, pass', async () => {
    expect(
      await restricted('src/engine/rules/x/probe.ts', "import { D } from '../../decimal';\nexport const y = D;\n"),
    ).toEqual([]);
    expect(await restricted('src/engine/probe.ts', "import { x } from './excelish';\nexport const y = x;\n")).toEqual(
      [],
    );
    expect(
      await restricted('src/excel/probe.ts', "import { placeSheet } from '../engine';\nexport const y = placeSheet;\n"),
    ).toEqual([]);
  }, 60_000);
});

describe('the engine door', () => {
  test.each([
    ['src/cli/probe.ts', '../engine/analyze'],
    ['src/taskpane/probe.tsx', '../engine/model/sheet'],
    ['src/xlsx/probe.ts', '../engine/patch'],
    ['src/excel/probe.ts', '../engine/sheets'],
    ['src/workbench/deep/probe.ts', '../../engine/format'],
  ])(
    '%s importing %s fails lint',
    async (file, target) => {
      expect(await restricted(file, `import { x } from '${target}';\nexport const y = x;\n`)).toEqual([
        expect.stringContaining('src/engine/index.ts'),
      ]);
    },
    60_000,
  );

  test.each([['src/cli/probe.ts'], ['src/workbench/probe.ts'], ['src/xlsx/ooxml/probe.ts']])(
    '%s importing exceljs (a dev dependency, the tests’ oracle) fails lint',
    async (file) => {
      expect(await restricted(file, "import ExcelJS from 'exceljs';\nexport const y = ExcelJS;\n")).toEqual([
        expect.stringContaining('exceljs 仅用作测试对照'),
      ]);
    },
    60_000,
  );

  test('importing the door passes; the engine may import its own modules', async () => {
    expect(await restricted('src/cli/probe.ts', "import { x } from '../engine';\nexport const y = x;\n")).toEqual([]);
    expect(await restricted('src/engine/probe.ts', "import { x } from './analyze';\nexport const y = x;\n")).toEqual(
      [],
    );
  }, 60_000);
});
