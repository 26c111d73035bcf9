// Preloaded into the CLI process by bench/folder.ts (`node --require bench/folder-usage.js …`): at exit,
// the process's peak memory and CPU time, worker threads included (getrusage of the whole process).
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(
    `\nJIXIAO_USAGE=${JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`,
  );
});
