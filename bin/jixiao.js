#!/usr/bin/env node
'use strict';
// In a checkout the TypeScript sources run directly (through tsx), so `npm run jixiao` never uses a
// stale build; an installed copy without sources runs the compiled dist/.
const path = require('path');
const fs = require('fs');
const root = path.join(__dirname, '..');
const src = path.join(root, 'src', 'cli', 'main.ts');
let main;
if (fs.existsSync(src)) {
  try {
    require('tsx/cjs');
    main = require(src).main;
  } catch (e) {
    if (e && e.code !== 'MODULE_NOT_FOUND') throw e;
  }
}
if (!main) main = require(path.join(root, 'dist', 'cli', 'main.js')).main;
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`jixiao: 内部错误 (internal error): ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
