/**
 * codeAutomationLog brings the extension host's console mixed with workbench noise; this keeps
 * mocha's spec reporter lines (suite titles, ✔ and numbered failures, their stacks, the totals,
 * and the suite's own measurements) for the terminal. Everything goes to the log file anyway.
 */
let inSuite = false;

export function isSuiteOutput(text) {
  if (/^\s*\d+ (passing|failing|pending)/.test(text)) return true;
  if (/^\s+(✔|✓|\d+\)|activation:|race demo|Problems|deadlock:|stopped in|lens:|soak|network audit|not a trace|1 GiB trace|reload:|timeline panel:|trace editor:|fault-|tickers)/.test(text)) return true;
  if (/^\s{2}\S/.test(text) && !/^\s{2}at /.test(text)) inSuite = true;
  return inSuite && /^\s+\S/.test(text) && !/\[(Extension Host|\w+)\]/.test(text);
}
