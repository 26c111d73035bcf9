// Preloaded into a child process (`node --require bench/maxrss.js …`): reports its peak memory on exit.
// On Linux, VmHWM of /proc/self/status: this process's own high-water mark. getrusage's maxRSS is not
// used there because exec carries the spawning process's peak into it (a child of a 1 GB bench process
// would report at least that); elsewhere it is the fallback.
const fs = require('fs');
function peakKb() {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // no procfs
  }
  return process.resourceUsage().maxRSS;
}
process.on('exit', () => {
  process.stderr.write(`\nJIXIAO_MAXRSS_KB=${peakKb()}\n`);
});
