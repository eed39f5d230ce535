// Preloaded into benchmarked processes: reports peak RSS on exit, so no external `time` is needed.
process.on('exit', () => {
  process.stderr.write(`__RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
