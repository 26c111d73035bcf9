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
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'no eval' }, { selector: "NewExpression[callee.name='Function']", message: 'no new Function' }],
    },
  },
  {
    // Tests build odd inputs on purpose (imprecise literals, loosely typed debug helpers).
    files: ['test/**/*.{ts,tsx}'],
    rules: { 'no-loss-of-precision': 'off', '@typescript-eslint/no-explicit-any': 'warn' },
  },
  {
    // The engine is pure: no Office.js, no DOM, no Node (tsconfig.engine.json checks types; this checks imports).
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['fs', 'path', 'node:*', 'exceljs', 'react', 'react-dom', '@fluentui/*', '../excel/*', '../taskpane/*', '../xlsx/*'] }],
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
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
