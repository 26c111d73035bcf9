#!/usr/bin/env node
'use strict';
// The CLI runs from one bundled file, dist/cli/jixiao.js (`npm run build:cli`, also run by `npm ci`
// through `prepare`): loading it takes a fraction of what compiling src/ through tsx on every start
// does. In a checkout where any file under src/ is newer than the bundle, the sources run directly
// through tsx instead, so an edit is never hidden behind a stale build.
const path = require('path');
const fs = require('fs');
const root = path.join(__dirname, '..');
const src = path.join(root, 'src');
const bundle = path.join(root, 'dist', 'cli', 'jixiao.js');

/** The newest modification time of any file under `dir` (0 when there is none). */
function newestIn(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestIn(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function bundleIsCurrent() {
  const built = fs.statSync(bundle, { throwIfNoEntry: false });
  if (!built) return false;
  return !fs.existsSync(src) || newestIn(src) <= built.mtimeMs;
}

let main;
if (bundleIsCurrent()) main = require(bundle).main;
else if (fs.existsSync(src)) {
  require('tsx/cjs');
  main = require(path.join(src, 'cli', 'main.ts')).main;
} else {
  process.stderr.write(
    'jixiao: 找不到 dist/cli/jixiao.js，请先运行 npm run build:cli (the CLI is not built: run npm run build:cli)\n',
  );
  process.exit(2);
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`jixiao: 内部错误 (internal error): ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
