// Preloaded into a child process (`node --require bench/maxrss.js …`): reports its peak memory on exit.
process.on('exit', () => {
  process.stderr.write(`\nJIXIAO_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
