/** `interleave export TRACE --format chrome|html -o FILE`. */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { toChromeTrace, type ChromeTrace } from './chrome-export';
import { renderTraceHtml } from './export-html';
import { UsageError } from './run-command';
import { TraceFormatError, parseTrace } from '../shared/trace-file';
import { DEFAULT_MAX_LOAD_BYTES, loadTraceFile, openTrace } from './trace-load';

export function exportCommand(tracePath: string, format: string | undefined, out: string | undefined): number {
  if (!out) throw new UsageError('export needs -o FILE');
  if (format === 'chrome') {
    const trace = loadTraceFile(tracePath);
    if (trace.partial) process.stderr.write(`interleave: ${trace.partial.message}\n`);
    writeChromeTrace(out, toChromeTrace(trace));
  } else if (format === 'html') {
    if (!writeHtmlExport(tracePath, out)) throw new Error('the timeline bundle (media/webview.js) is missing: run `npm run build` first');
  } else {
    throw new UsageError(`--format must be chrome or html, got '${format ?? ''}'`);
  }
  process.stdout.write(`wrote ${out}\n`);
  return 0;
}

/** Writes the self-contained HTML timeline of a trace; false when the webview bundle is not built. */
export function writeHtmlExport(tracePath: string, out: string): boolean {
  const media = join(__dirname, '..', 'media');
  const js = join(media, 'webview.js');
  const css = join(media, 'timeline.css');
  if (!existsSync(js) || !existsSync(css)) return false;
  // The whole trace goes into the page (as base64, a third larger): a file too large to load
  // whole would make a page no browser opens.
  const fd = openTrace(tracePath);
  let bytes: Buffer;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new TraceFormatError(`${tracePath} is a folder, not a trace file`);
    if (stat.size > DEFAULT_MAX_LOAD_BYTES) {
      throw new Error(`the trace is too large for a self-contained HTML page (${Math.round(stat.size / 2 ** 20)} MiB, at most ${DEFAULT_MAX_LOAD_BYTES / 2 ** 20} MiB): export it with --format chrome`);
    }
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  // Parsed here as the Chrome export parses it: a file that is not a trace (or is corrupt) is
  // refused with one line and exit 1, not written into a page that would only say so when opened.
  parseTrace(bytes);
  const html = renderTraceHtml(bytes, readFileSync(js, 'utf8'), readFileSync(css, 'utf8'));
  writeFileSync(out, html);
  return true;
}

/**
 * Writes the Chrome trace a slice of events at a time: one JSON.stringify of millions of events
 * would pass V8's longest string (2^29 characters) and fail.
 */
export function writeChromeTrace(path: string, chrome: ChromeTrace): void {
  const fd = openSync(path, 'w');
  try {
    const { traceEvents, ...rest } = chrome;
    writeSync(fd, '{"traceEvents":[');
    const SLICE = 10_000;
    for (let i = 0; i < traceEvents.length; i += SLICE) {
      const part = traceEvents.slice(i, i + SLICE).map((e) => JSON.stringify(e)).join(',');
      writeSync(fd, i === 0 ? part : `,${part}`);
    }
    writeSync(fd, `],${JSON.stringify(rest).slice(1)}`);
  } finally {
    closeSync(fd);
  }
}
