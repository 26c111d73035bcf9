// Preloaded into the CLI process by bench/folder.ts (`node --require bench/folder-usage.js …`): at exit,
// the process's peak memory and CPU time, worker threads included (one process: getrusage and VmHWM
// cover every thread). Peak memory is VmHWM on Linux, for the reason bench/maxrss.js gives.
const fs = require('fs');
process.on('exit', () => {
  const u = process.resourceUsage();
  let maxRssKb = u.maxRSS;
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) maxRssKb = Number(m[1]);
  } catch {
    // no procfs: getrusage's figure
  }
  process.stderr.write(
    `\nJIXIAO_USAGE=${JSON.stringify({ maxRssKb, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`,
  );
});
