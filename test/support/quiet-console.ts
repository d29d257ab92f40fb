// The functions log one JSON object per line to the console (as in the cloud). Tests assert on logs
// through memorySink; here those lines are dropped so real failures stay readable.
for (const level of ['log', 'error', 'warn'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('{"') && args[0].includes('"event":')) return;
    original(...args);
  };
}
