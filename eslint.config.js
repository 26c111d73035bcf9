// ESLint 9 flat config: TypeScript everywhere; Office.js globals only where Office code lives.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Cell text is scrubbed of NULs and other control characters on purpose.
      'no-control-regex': 'off',
      // Workbook text must never become code: no eval, no string timers, no Function constructor.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'no eval' },
        { selector: "NewExpression[callee.name='Function']", message: 'no new Function' },
      ],
    },
  },
  {
    // Tests build odd inputs on purpose (imprecise literals, loosely typed debug helpers).
    files: ['test/**/*.{ts,tsx}'],
    rules: { 'no-loss-of-precision': 'off', '@typescript-eslint/no-explicit-any': 'warn' },
  },
  {
    // The engine is pure: no Office.js, no DOM, no Node (tsconfig.engine.json checks types; this checks imports).
    // `**/` patterns, so a file however deep under src/engine/ cannot reach a front end or an adapter
    // (test/architecture/fences.test.ts lints probe files to prove it).
    files: ['src/engine/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'fs',
                'fs/*',
                'path',
                'os',
                'child_process',
                'node:*',
                'exceljs',
                'react',
                'react-dom',
                'react/*',
                '@fluentui/*',
              ],
              message: '引擎须保持纯 TypeScript：不得引用 Node、exceljs、React 或 Fluent UI (the engine is pure)',
            },
            {
              group: [
                '**/excel',
                '**/excel/**',
                '**/xlsx',
                '**/xlsx/**',
                '**/taskpane',
                '**/taskpane/**',
                '**/cli',
                '**/cli/**',
                '**/workbench',
                '**/workbench/**',
                '**/wps',
                '**/wps/**',
              ],
              message: '引擎不得引用适配层或前端 (the engine must not import src/excel, src/xlsx or a front end)',
            },
          ],
        },
      ],
    },
  },
  {
    // Front ends and adapters reach the engine through its one door, src/engine/index.ts.
    files: ['src/{cli,taskpane,xlsx,excel,workbench,wps}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/*', '**/engine/**'],
              message:
                '请从引擎入口 src/engine/index.ts 引用 (import the engine through src/engine/index.ts, not its modules)',
            },
            {
              group: ['exceljs', 'exceljs/*'],
              message:
                "exceljs 仅用作测试对照，产品代码请用 src/xlsx 的读写器 (exceljs is a dev dependency, the tests' oracle; read and write through src/xlsx)",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/excel/**/*.ts', 'test/excel/**/*.ts'],
    languageOptions: { globals: { Office: 'readonly', Excel: 'readonly', OfficeExtension: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
